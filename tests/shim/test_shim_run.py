"""``livemigrate run`` / ``python -m livemigrate.shim``: an unchanged 2.5 program, run as a
program (its own process, its own event loop, its own client), against the strict emulator
on 127.0.0.1 over real TLS: it fails as it is and completes through the runner."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROGRAM_25 = textwrap.dedent('''
    """A 2.5 program as written for 2.5: a text turn sent as client content, parts[0],
    a thinking budget and proactive audio."""
    import asyncio
    import sys

    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    async def main(prompt):
        client = genai.Client()
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            thinking_config=types.ThinkingConfig(thinking_budget=1024),
            proactivity=types.ProactivityConfig(proactive_audio=True),
            output_audio_transcription=types.AudioTranscriptionConfig(),
        )
        chunks, words = 0, []
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=prompt)]), turn_complete=True)
            async for message in session.receive():
                sc = message.server_content
                if sc and sc.model_turn and sc.model_turn.parts[0].inline_data:
                    chunks += 1
                if sc and sc.output_transcription:
                    words.append(sc.output_transcription.text)
                if sc and sc.turn_complete:
                    break
        print(f"chunks={chunks} transcript={''.join(words)}")
        print(f"argv={sys.argv[1:]}")


    if __name__ == "__main__":
        asyncio.run(main(sys.argv[1]))
''')


def _env() -> dict[str, str]:
    # No key, no Vertex: the runner must supply what the emulator needs.
    env = {k: v for k, v in os.environ.items()
           if k not in ("GOOGLE_API_KEY", "GEMINI_API_KEY", "GOOGLE_GEMINI_BASE_URL", "SSL_CERT_FILE",
                        "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_ENTERPRISE")}
    env["PYTHONWARNINGS"] = "default"
    return env


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def program(tmp_path: Path) -> Path:
    path = tmp_path / "app25.py"
    path.write_text(PROGRAM_25, encoding="utf-8")
    return path


@pytest.mark.parametrize("launcher", [["-m", "livemigrate.shim"], ["-m", "livemigrate", "run"]])
def test_an_unchanged_25_program_completes_through_the_runner(program: Path, launcher: list[str]) -> None:
    done = _run(*launcher, "--emulator", program.name, "hello there", "--verbose", cwd=program.parent)
    assert done.returncode == 0, done.stderr
    assert "transcript=You said: hello there" in done.stdout
    # The program's own arguments, options included, reach it untouched.
    assert "argv=['hello there', '--verbose']" in done.stdout
    # One warning per call site, each naming the rule to fix.
    for rule in ("LM001", "LM002", "LM003", "LM101"):
        assert done.stderr.count(f"LiveMigrateWarning: {rule}:") == 1, (rule, done.stderr)


def test_the_same_program_without_the_shim_is_refused_by_the_strict_emulator(program: Path) -> None:
    done = _run("-m", "livemigrate.shim", "--no-shim", "--emulator", program.name, "hello", cwd=program.parent)
    assert done.returncode == 1
    assert "model-not-served" in done.stderr
    assert "LiveMigrateWarning" not in done.stderr


def test_the_programs_exit_code_is_the_runners(tmp_path: Path) -> None:
    (tmp_path / "fails.py").write_text("import sys\nsys.exit(3)\n", encoding="utf-8")
    (tmp_path / "raises.py").write_text("raise ValueError('boom')\n", encoding="utf-8")
    assert _run("-m", "livemigrate.shim", "fails.py", cwd=tmp_path).returncode == 3
    raised = _run("-m", "livemigrate.shim", "raises.py", cwd=tmp_path)
    assert raised.returncode == 1 and "ValueError: boom" in raised.stderr


def test_a_module_runs_with_dash_m(tmp_path: Path) -> None:
    package = tmp_path / "voicebot"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "__main__.py").write_text(
        "import sys\nfrom livemigrate import shim\nprint('installed', shim.is_installed(), sys.argv[1:])\n",
        encoding="utf-8")
    done = _run("-m", "livemigrate.shim", "-m", "voicebot", "a", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "installed True ['a']" in done.stdout


def test_a_missing_program_is_a_usage_error(tmp_path: Path) -> None:
    done = _run("-m", "livemigrate", "run", "nope.py", cwd=tmp_path)
    assert done.returncode == 2
    assert "nope.py: no such file" in done.stderr


def test_the_emulator_modes_of_the_runner_are_the_emulators() -> None:
    # every mode the emulator serves can be chosen from the runner (one list, checked here)
    from livemigrate.emulator.rules import MODES
    from livemigrate.shim.run import run_command

    option = next(p for p in run_command.params if p.name == "emulator_mode")
    assert tuple(option.type.choices) == MODES
