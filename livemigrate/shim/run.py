"""Run an unchanged program with the shim installed: ``livemigrate run app.py [ARGS]`` or
``python -m livemigrate.shim app.py [ARGS]``.

The program runs in this process as ``__main__`` (like ``python app.py``: its folder first
on ``sys.path``, ``sys.argv`` = the program and its arguments) after :func:`shim.install`,
so every ``client.aio.live.connect`` it makes, from any client, goes through the shim and
warns once per call site with the rule id to fix. Its exit code is the command's.

``--emulator`` starts the local Live API emulator on 127.0.0.1 first and points google-genai
at it through the SDK's own environment variables (``GOOGLE_GEMINI_BASE_URL`` and
``SSL_CERT_FILE``, plus a placeholder ``GOOGLE_API_KEY`` when none is set), so a team can try
its 2.5 program on the target without a key or a network. A program that sets
``http_options.base_url`` itself, or talks to Vertex AI, does not reach the emulator.
``--no-shim`` runs the same program against the emulator without the shim: what the target
does to the code as it is.
"""

from __future__ import annotations

import os
import runpy
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import click

from livemigrate.emulator.rules import MODES as EMULATOR_MODES

__all__ = ["run_command", "run_program"]

# What the program's environment gets while the emulator serves it.
_EMULATOR_ENV = ("GOOGLE_GEMINI_BASE_URL", "SSL_CERT_FILE", "GOOGLE_API_KEY", "NO_PROXY", "no_proxy",
                 "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_ENTERPRISE")


@contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _emulator_environment(url: str, ca_cert: Path) -> dict[str, str | None]:
    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))
    has_key = os.environ.get("GOOGLE_API_KEY") or os.environ.get("GEMINI_API_KEY")
    return {
        "GOOGLE_GEMINI_BASE_URL": url,
        "SSL_CERT_FILE": str(ca_cert),
        "GOOGLE_API_KEY": None if has_key else "livemigrate-emulator",
        # websockets honours HTTPS_PROXY: the emulator is local, never behind a proxy
        "NO_PROXY": no_proxy,
        "no_proxy": no_proxy,
        # the emulator serves the Gemini API's endpoints
        "GOOGLE_GENAI_USE_VERTEXAI": None,
        "GOOGLE_GENAI_USE_ENTERPRISE": None,
    }


def _run_main(program: str, args: Sequence[str], as_module: bool) -> int:
    """Run ``program`` as ``__main__``; its exit code (an uncaught exception is 1, after
    its traceback, as Python prints it)."""
    saved_argv, saved_path = sys.argv[:], sys.path[:]
    try:
        if as_module:
            sys.argv = [program, *args]
            sys.path.insert(0, os.getcwd())
            runpy.run_module(program, run_name="__main__", alter_sys=True)
        else:
            path = Path(program)
            sys.argv = [program, *args]
            sys.path.insert(0, str(path.resolve().parent))
            runpy.run_path(str(path), run_name="__main__")
    except SystemExit as exc:
        code = exc.code
        if code is None or isinstance(code, int):
            return int(code or 0)
        print(code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BaseException:  # noqa: BLE001 - the program's own error: print it as Python would
        traceback.print_exc()
        return 1
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path
    return 0


def run_program(program: str, args: Sequence[str] = (), *, as_module: bool = False, shim: bool = True,
                emulator: dict[str, Any] | None = None, **shim_options: Any) -> int:
    """Run ``program`` (a path, or a module name with ``as_module``) with the shim installed
    (``shim_options`` are :func:`livemigrate.shim.install`'s), optionally against a local
    emulator started with the ``emulator`` keyword options. Returns the program's exit code."""
    from livemigrate import shim as shim_module

    running = None
    environment: dict[str, str | None] = {}
    if emulator is not None:
        from livemigrate.emulator import LiveEmulator

        running = LiveEmulator(**emulator).start_in_thread()
        environment = _emulator_environment(running.url, running.ca_cert_path)
        print(f"livemigrate run: emulator ({running.mode}) at {running.url}", file=sys.stderr)
    was_installed = shim_module.is_installed()
    try:
        if shim:
            shim_module.install(**shim_options)
        with _environment(environment):
            return _run_main(program, args, as_module)
    finally:
        if shim and not was_installed:
            shim_module.uninstall()
        if running is not None:
            running.stop()


@click.command("run", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False,
                                        "help_option_names": ["-h", "--help"]})
@click.option("-m", "as_module", is_flag=True, help="PROGRAM is a module name (like python -m).")
@click.option("--target", default="3.1", show_default=True, help="Target profile the shim adapts to.")
@click.option("--strict", is_flag=True, help="Raise on every 2.5 construct instead of adapting it.")
@click.option("--split-parts/--no-split-parts", default=None,
              help="receive() yields one part or field per message [default: for a 2.x model id].")
@click.option("--text-mode", type=click.Choice(["emulate", "keep"]), default="emulate", show_default=True,
              help="emulate: a TEXT config runs as AUDIO + transcription.")
@click.option("--no-shim", is_flag=True, help="Run without the shim (with --emulator: see what the target refuses).")
@click.option("--emulator", is_flag=True, help="Serve the program from a local emulator on 127.0.0.1.")
@click.option("--emulator-mode", type=click.Choice(list(EMULATOR_MODES)), default="strict",
              show_default=True, help="strict / lenient: 3.1 servers; 3.8, 3.8-xt: the 3.8 models.")
@click.option("--emulator-script", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON script for the emulator's model (see `livemigrate emulator --help`).")
@click.argument("program")
@click.argument("program_args", nargs=-1, type=click.UNPROCESSED)
def run_command(as_module: bool, target: str, strict: bool, split_parts: bool | None, text_mode: str,
                no_shim: bool, emulator: bool, emulator_mode: str, emulator_script: Path | None, program: str,
                program_args: tuple[str, ...]) -> None:
    """Run PROGRAM unchanged with the shim installed, so its 2.5 Live API code runs on the target.

    Options go before PROGRAM; everything after it is the program's own arguments."""
    import json

    from livemigrate.migration import TARGETS

    if target not in TARGETS:
        raise click.BadParameter(f"{target!r} is not a target ({', '.join(TARGETS)})", param_hint="--target")
    if not as_module and not Path(program).is_file():
        raise click.BadParameter(f"{program}: no such file", param_hint="PROGRAM")
    emulator_options = None
    if emulator:
        emulator_options = {"mode": emulator_mode}
        if emulator_script is not None:
            try:
                emulator_options["script"] = json.loads(emulator_script.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise click.BadParameter(f"{emulator_script}: {exc}", param_hint="--emulator-script") from None
    elif emulator_script is not None:
        raise click.UsageError("--emulator-script needs --emulator")
    code = run_program(program, program_args, as_module=as_module, shim=not no_shim, emulator=emulator_options,
                       target=target, strict=strict, split_parts=split_parts, text_mode=text_mode)
    sys.exit(code)
