"""The pytest plugin (entry point, marker, indirect parametrisation) and the CLI."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
from importlib.metadata import entry_points

import pytest
from click.testing import CliRunner

from livemigrate.emulator.cli import emulator_command


def test_plugin_is_registered_through_the_entry_point(pytestconfig):
    [entry] = [e for e in entry_points(group="pytest11") if e.name == "livemigrate"]
    assert entry.value == "livemigrate.emulator.pytest_plugin"
    assert any(line.startswith("live_emulator(") for line in pytestconfig.getini("markers"))


def test_plugin_and_cli_import_nothing_heavy():
    code = (
        "import sys, livemigrate.emulator.pytest_plugin, livemigrate.emulator.cli, livemigrate.emulator;"
        "print(sorted({m.split('.')[0] + '.' + m.split('.')[1] if m.startswith('google.') else m.split('.')[0]"
        " for m in sys.modules if m.startswith(('google.genai', 'trustme', 'websockets'))}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("live_emulator", [{"mode": "lenient", "setup_fault": "hang"}], indirect=True)
@pytest.mark.live_emulator(mode="strict", script=["from the marker"])
def test_indirect_parametrisation_beats_the_marker(live_emulator):
    assert (live_emulator.mode, live_emulator.setup_fault) == ("lenient", "hang")
    assert live_emulator.script.turns  # the marker's other options still apply


def test_factory_starts_independent_emulators(live_emulator_factory):
    first, second = live_emulator_factory(), live_emulator_factory(mode="lenient")
    assert first.port != second.port and (first.mode, second.mode) == ("strict", "lenient")


def test_cli_help_and_bad_input(tmp_path):
    runner = CliRunner()
    result = runner.invoke(emulator_command, ["--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--mode", "--setup-fault", "--setup-reply", "--script"):
        assert option in result.output

    assert runner.invoke(emulator_command, ["--mode", "loose"]).exit_code == 2
    bad = tmp_path / "script.json"
    bad.write_text(json.dumps({"*": [{"sya": "typo"}]}))
    result = runner.invoke(emulator_command, ["--script", str(bad)])
    assert result.exit_code == 2
    assert "rules['*'][0]: a step needs exactly one of" in result.output


def test_cli_serves_until_ctrl_c(tmp_path, sdk):
    import ssl

    from google import genai

    script = tmp_path / "script.json"
    script.write_text(json.dumps({"*": "Hello from the CLI."}))
    proc = subprocess.Popen(
        [sys.executable, "-c", "from livemigrate.emulator.cli import emulator_command; emulator_command()",
         "--mode", "lenient", "--script", str(script)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # a test run started as a background job inherits SIGINT ignored, and so would the
        # server: it stands for a terminal where Ctrl-C is delivered
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    watchdog = threading.Timer(15, proc.kill)  # never let a stuck server hang the run
    watchdog.start()
    try:
        banner = ""
        while "Ctrl-C" not in banner:
            line = proc.stdout.readline()
            assert line, f"the emulator exited early: {proc.stderr.read()}"
            banner += line
        base_url = re.search(r"base_url: (\S+)", banner)[1]
        ca = re.search(r"CA cert:  (\S+)", banner)[1]
        assert "lenient mode" in banner and "genai.Client(" in banner and f"SSL_CERT_FILE={ca}" in banner

        client = genai.Client(api_key="test", http_options={
            "base_url": base_url, "async_client_args": {"ssl": ssl.create_default_context(cafile=ca), "proxy": None},
        })

        async def main():
            async with client.aio.live.connect(model=sdk.model, config={"output_audio_transcription": {}}) as s:
                await s.send_realtime_input(text="hi")
                return await sdk.turn(s)

        speech, generation_complete, turn_complete = sdk.run(main())
        assert speech.server_content.output_transcription.text == "Hello from the CLI."
        assert turn_complete.server_content.turn_complete

        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=10)
        assert proc.returncode == 0 and "stopped." in out
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_a_taken_port_fails_start_and_the_cli_says_so(live_emulator):
    from livemigrate.emulator import LiveEmulator

    with pytest.raises(OSError):
        LiveEmulator(port=live_emulator.port).start_in_thread()
    result = CliRunner().invoke(emulator_command, ["--port", str(live_emulator.port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{live_emulator.port}" in result.output


def test_cli_setup_reply_reaches_the_emulator(monkeypatch):
    import livemigrate.emulator.cli as cli

    built = []

    async def serve_once(emulator):  # instead of serving until Ctrl-C
        built.append(emulator)

    monkeypatch.setattr(cli, "_serve_forever", serve_once)
    assert CliRunner().invoke(emulator_command, ["--setup-reply", "silent"]).exit_code == 0
    assert CliRunner().invoke(emulator_command, []).exit_code == 0
    assert [emulator.setup_reply for emulator in built] == ["silent", "complete"]
    assert CliRunner().invoke(emulator_command, ["--setup-reply", "hang"]).exit_code == 2
