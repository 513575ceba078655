"""``livemigrate emulator``: run the Live API emulator in the foreground until Ctrl-C.

The command object is :data:`emulator_command`; the main CLI registers it. Importing this
module costs only click: the server (websockets, trustme) is imported when the command runs.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from .server import LiveEmulator

__all__ = ["emulator_command", "connection_help"]


def connection_help(emulator: LiveEmulator) -> str:
    """How to point google-genai at a running emulator, with its real URL and CA path."""
    from .rules import MODE_TARGETS

    url, ca = emulator.url, emulator.ca_cert_path
    return (
        f"livemigrate emulator: {MODE_TARGETS[emulator.mode].model_id}, {emulator.mode} mode\n"
        f"  base_url: {url}\n"
        f"  CA cert:  {ca}\n"
        "Connect with:\n"
        "  import ssl\n"
        "  from google import genai\n"
        "  client = genai.Client(api_key='test', http_options={\n"
        f"      'base_url': '{url}',\n"
        f"      'async_client_args': {{'ssl': ssl.create_default_context(cafile='{ca}')}},\n"
        "  })\n"
        f"or: export SSL_CERT_FILE={ca} and pass http_options={{'base_url': '{url}'}}\n"
        "Ctrl-C stops the server."
    )


async def _serve_forever(emulator: LiveEmulator) -> None:
    async with emulator:
        click.echo(connection_help(emulator))
        await asyncio.Event().wait()


@click.command("emulator")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="0 picks a free port.")
@click.option("--mode", type=click.Choice(["strict", "lenient", "3.8", "3.8-xt"]), default="strict",
              show_default=True,
              help="strict: the launch-era 3.1 server; lenient: 3.1 after the newest docs; "
                   "3.8 / 3.8-xt: strict gemini-3.8-live / gemini-3.8-live-extended-thinking.")
@click.option("--setup-fault", type=click.Choice(["close", "hang"]), default="close", show_default=True,
              help="What strict mode does on proactivity / affective dialog: close 1007, or never answer setup.")
@click.option("--setup-reply", type=click.Choice(["complete", "silent"]), default="complete", show_default=True,
              help="silent: never answer any setup, to test a client's setup timeout.")
@click.option("--script", "script_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON file with a script: a list of turns or an object of trigger -> turn.")
@click.option("-v", "--verbose", count=True, help="Log connections and violations (-vv: every frame).")
def emulator_command(
    host: str, port: int, mode: str, setup_fault: str, setup_reply: str, script_path: Path | None, verbose: int
) -> None:
    """Run an offline Live API server (TLS, 127.0.0.1): 3.1 Flash Live, or 3.8 with --mode."""
    from .script import ScriptError
    from .server import LiveEmulator

    if verbose:
        logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO,
                            format="%(asctime)s %(name)s %(message)s")
    script: Any = None
    if script_path is not None:
        try:
            script = json.loads(script_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise click.BadParameter(f"{script_path}: {exc}", param_hint="--script") from None
    try:
        emulator = LiveEmulator(mode=mode, script=script, port=port, host=host,  # type: ignore[arg-type]
                                setup_fault=setup_fault, setup_reply=setup_reply)  # type: ignore[arg-type]
    except ScriptError as exc:
        raise click.BadParameter(f"{script_path}: {exc}", param_hint="--script") from None
    try:
        asyncio.run(_serve_forever(emulator))
    except KeyboardInterrupt:
        click.echo("stopped.")
    except OSError as exc:  # e.g. the port is taken
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from None
