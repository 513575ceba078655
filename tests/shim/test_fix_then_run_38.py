"""The 3.8 bar, third part: a 2.5 program and a 3.1 program, refused by the strict 3.8 and
3.8 XT emulators as they are, complete unchanged after ``livemigrate fix --unsafe-fixes
--target 3.8`` (or ``3.8-xt``), without the shim.

Each program is a file run in its own process, reaching the emulator on 127.0.0.1 over real
TLS through the SDK's own environment variables, as ``livemigrate run --emulator`` does
(``--emulator-mode`` takes only the 3.1 modes, so the test starts the 3.8 emulator itself).
Cases the fix cannot carry yet are ``xfail(strict=True)`` with the cause, so they fail loudly
once a rule learns the missing fix.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from livemigrate.cli import main
from livemigrate.emulator import LiveEmulator

SCRIPT = {
    "weather": [
        {"say": "Let me check the forecast."},
        {"tool_call": {"name": "get_weather", "args": {"city": "Paris"}}},
        {"say": "It is {tool_result} in Paris.", "turn_complete": True},
    ],
    "*": "You said: {text}",
}

# Shared by both programs: a receive loop as 2.5 and 3.1 code writes it (parts[0], tools
# answered inline, the loop left on turn_complete), a push-to-talk turn ended with
# audio_stream_end behind --talk, and a report the test reads.
_RECEIVE_AND_REPORT = '''
    SPEECH = [b"\\x01\\x02" * 4000] * 4  # one second of 16 kHz PCM, as a push-to-talk key sends it
    REPLY_TIMEOUT = 5.0  # seconds the agent waits for a reply before giving up


    async def collect(session, chunks, words):
        async for message in session.receive():
            sc = message.server_content
            if sc and sc.model_turn and sc.model_turn.parts[0].inline_data:
                chunks.append(sc.model_turn.parts[0].inline_data.data)
            if sc and sc.output_transcription:
                words.append(sc.output_transcription.text)
            if message.tool_call:
                await session.send_tool_response(function_responses=[
                    types.FunctionResponse(id=call.id, name=call.name, response={"forecast": "sunny"})
                    for call in message.tool_call.function_calls
                ])
            if sc and sc.turn_complete:
                break


    async def push_to_talk(session, chunks, words):
        for chunk in SPEECH:
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await session.send_realtime_input(audio_stream_end=True)  # the user let go of the key
        await asyncio.wait_for(collect(session, chunks, words), REPLY_TIMEOUT)


    def report(chunks, words):
        print(f"chunks={len(chunks)}")
        for line in words:
            print(f"transcript={line}")


    if __name__ == "__main__":
        asyncio.run(main("--talk" in sys.argv[1:]))
'''

PROGRAM_25 = textwrap.dedent('''
    """A 2.5 native-audio agent: a thinking budget, proactivity, affective dialog, a tool
    written for blocking calls, text turns sent as client content."""
    import asyncio
    import sys

    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    async def main(talk):
        client = genai.Client()
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            thinking_config=types.ThinkingConfig(thinking_budget=1024),
            proactivity=types.ProactivityConfig(proactive_audio=True),
            enable_affective_dialog=True,
            output_audio_transcription=types.AudioTranscriptionConfig(),
            tools=[types.Tool(function_declarations=[types.FunctionDeclaration(
                name="get_weather",
                description="Weather for a city",
                parameters=types.Schema(type="OBJECT", properties={"city": types.Schema(type="STRING")}),
            )])],
        )
        chunks, words = [], []
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            for prompt in ("Hello there", "What is the weather in Paris?"):
                await session.send_client_content(
                    turns=types.Content(role="user", parts=[types.Part(text=prompt)]), turn_complete=True)
                await asyncio.wait_for(collect(session, chunks, words), REPLY_TIMEOUT)
            if talk:
                await push_to_talk(session, chunks, words)
        report(chunks, words)
''') + textwrap.dedent(_RECEIVE_AND_REPORT)

PROGRAM_31 = textwrap.dedent('''
    """A 3.1 Flash Live agent as its docs taught: a minimal thinking level, a declared history
    seed, realtime text turns, a synchronous tool declared without behavior."""
    import asyncio
    import sys

    from google import genai
    from google.genai import types

    MODEL = "gemini-3.1-flash-live-preview"
    CONFIG = {
        "response_modalities": ["AUDIO"],
        "thinking_config": {"thinking_level": "minimal"},
        "history_config": {"initial_history_in_client_content": True},
        "output_audio_transcription": {},
        "tools": [{"function_declarations": [{
            "name": "get_weather",
            "description": "Weather for a city",
            "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}},
        }]}],
    }


    async def main(talk):
        client = genai.Client()
        chunks, words = [], []
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(
                turns=[{"role": "user", "parts": [{"text": "My name is Ada."}]},
                       {"role": "model", "parts": [{"text": "Hello Ada."}]}],
                turn_complete=True,
            )
            for prompt in ("Hello there", "What is the weather in Paris?"):
                await session.send_realtime_input(text=prompt)
                await asyncio.wait_for(collect(session, chunks, words), REPLY_TIMEOUT)
            if talk:
                await push_to_talk(session, chunks, words)
        report(chunks, words)
''') + textwrap.dedent(_RECEIVE_AND_REPORT)

PROGRAMS = {"2.5": PROGRAM_25, "3.1": PROGRAM_31}
MODES = ["3.8", "3.8-xt"]  # emulator mode == fix target

def _cases(xfail: dict[str, str]) -> list[Any]:
    """Every (program, mode) pair, the ones in ``xfail`` (by program) marked with their cause."""
    return [
        pytest.param(name, mode, id=f"{name}-on-{mode}",
                     marks=[pytest.mark.xfail(strict=True, reason=xfail[name])] if name in xfail else [])
        for name in PROGRAMS
        for mode in MODES
    ]


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"agent_{name.replace('.', '')}.py"
    path.write_text(PROGRAMS[name], encoding="utf-8")
    return path


def _fix(path: Path, target: str) -> None:
    before = path.read_text(encoding="utf-8")
    code = main(["fix", "--no-cache", "--unsafe-fixes", "--target", target, str(path)])
    assert code in (0, 1)  # 1: findings that need a human remain (checked apart)
    assert path.read_text(encoding="utf-8") != before


def _env(emulator: LiveEmulator) -> dict[str, str]:
    """The program's environment: no key or Vertex of the caller's, the emulator's address and CA."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("GOOGLE_API_KEY", "GEMINI_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI",
                        "GOOGLE_GENAI_USE_ENTERPRISE")}
    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))
    env.update(GOOGLE_GEMINI_BASE_URL=emulator.url, SSL_CERT_FILE=str(emulator.ca_cert_path),
               GOOGLE_API_KEY="livemigrate-test", NO_PROXY=no_proxy, no_proxy=no_proxy)
    return env


def _run(path: Path, emulator: LiveEmulator, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(path), *args], cwd=path.parent, env=_env(emulator),
                          capture_output=True, text=True, timeout=120)


def _what_the_server_sent(emulator: LiveEmulator) -> tuple[int, list[str]]:
    emulator.wait_idle()
    chunks, transcript = 0, []
    for content in emulator.connections[-1].sent_of("serverContent"):
        for part in content.get("modelTurn", {}).get("parts", []):
            assert base64.b64decode(part["inlineData"]["data"])
            chunks += 1
        if "outputTranscription" in content:
            transcript.append(content["outputTranscription"]["text"])
    return chunks, transcript


def _what_the_program_got(stdout: str) -> tuple[int, list[str]]:
    found = re.search(r"^chunks=(\d+)$", stdout, re.MULTILINE)
    assert found, stdout
    return int(found.group(1)), re.findall(r"^transcript=(.*)$", stdout, re.MULTILINE)


@pytest.mark.parametrize(("name", "mode"), _cases({}))
def test_the_program_is_refused_unchanged(tmp_path: Path, name: str, mode: str) -> None:
    path = _write(tmp_path, name)
    with LiveEmulator(mode=mode, script=SCRIPT) as emulator:
        done = _run(path, emulator)
        emulator.wait_idle()
        violations = [v.rule.id for c in emulator.connections for v in c.violations]
    assert done.returncode != 0
    assert "model-not-served" in done.stderr and violations == ["model-not-served"]


@pytest.mark.parametrize(("name", "mode"), _cases({}))
def test_the_fixed_program_completes_without_the_shim(tmp_path: Path, name: str, mode: str) -> None:
    path = _write(tmp_path, name)
    _fix(path, mode)
    with LiveEmulator(mode=mode, script=SCRIPT) as emulator:
        done = _run(path, emulator)
        sent_chunks, sent_transcript = _what_the_server_sent(emulator)
        record = emulator.connections[-1]
    assert done.returncode == 0, done.stderr
    assert record.violations == []
    chunks, transcript = _what_the_program_got(done.stdout)
    # Three spoken messages of three chunks each: parts[0] alone would have kept three.
    assert chunks == sent_chunks == 9
    assert transcript == sent_transcript
    assert transcript[0] == "You said: Hello there"
    assert transcript[-1] == 'It is {"forecast": "sunny"} in Paris.'  # the tool result reached the model


@pytest.mark.parametrize(("name", "mode"), _cases({}))
def test_the_fixed_program_gets_a_reply_to_push_to_talk(tmp_path: Path, name: str, mode: str) -> None:
    path = _write(tmp_path, name)
    _fix(path, mode)
    with LiveEmulator(mode=mode, script=SCRIPT) as emulator:
        done = _run(path, emulator, "--talk")
        sent_chunks, sent_transcript = _what_the_server_sent(emulator)
    assert done.returncode == 0, done.stderr
    chunks, transcript = _what_the_program_got(done.stdout)
    assert chunks == sent_chunks == 12
    assert transcript == sent_transcript and transcript[-1] == "You said: [audio 1.00 s]"


@pytest.mark.parametrize(("name", "mode"), _cases({}))
def test_check_after_the_fix_finds_nothing_the_fix_could_fix(tmp_path: Path, name: str, mode: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, name)
    _fix(path, mode)
    capsys.readouterr()
    main(["check", "--no-cache", "--target", mode, "--output-format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["fix"]) for f in findings if f["fix"] is not None] == []
    # Nothing stays: push-to-talk moved to activity signals (LM606's unsafe fix), and the
    # parts[0] guard moved into a loop that checks every part.
    assert findings == []
