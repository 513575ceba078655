"""LM606's unsafe fix: push-to-talk ended with ``audio_stream_end`` moves to activity signals
with automatic activity detection off, or gets no fix when a part cannot be placed.

The rule's examples and fixture cover one shape per spelling; these are the shapes real code
adds (two turns in one function, a session on ``self``, detection settings written already)
and the ones that must stay unfixed. One test runs fixed code against the strict 3.8 emulator.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from livemigrate.emulator import LiveEmulator
from livemigrate.testing import verify_fix

from harness import dedent, linter

HEAD = """
from google import genai
from google.genai import types

client = genai.Client()
"""


def _findings(code: str, target: str = "3.8") -> list:
    report = linter(("LM606",), target).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


def _fixed(code: str, target: str = "3.8") -> str:
    """The code after ``fix --unsafe-fixes --select LM606``, through the whole harness (fixed
    point, re-parse, no fixable finding left)."""
    data = dedent(code).encode()
    report = verify_fix(linter(("LM606",), target), data, "example.py", unsafe=True)
    return (report.fixed or data).decode()


def _unfixed(code: str) -> None:
    """Reported, with no fix offered."""
    findings = _findings(code)
    assert findings and all(f.fix is None for f in findings)


# --- shapes that get the fix ---------------------------------------------------------------
def test_two_turns_in_one_function_each_get_their_start_and_one_config_change() -> None:
    code = HEAD + """
async def demo(first, second):
    async with client.aio.live.connect(model="gemini-3.8-live", config={"response_modalities": ["AUDIO"]}) as s:
        for chunk in first:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)

        await s.send_realtime_input(audio=types.Blob(data=second, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
"""
    findings = _findings(code)
    assert len(findings) == 2 and all(f.fix is not None and f.fix.applicability.value == "unsafe" for f in findings)
    assert _fixed(code) == dedent(HEAD + """
async def demo(first, second):
    async with client.aio.live.connect(model="gemini-3.8-live", config={"response_modalities": ["AUDIO"], "realtime_input_config": {"automatic_activity_detection": {"disabled": True}}}) as s:
        await s.send_realtime_input(activity_start=types.ActivityStart())
        for chunk in first:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(activity_end=types.ActivityEnd())

        await s.send_realtime_input(activity_start=types.ActivityStart())
        await s.send_realtime_input(audio=types.Blob(data=second, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(activity_end=types.ActivityEnd())
""")


def test_a_session_on_self_with_the_comment_above_the_turn_kept_above_its_start() -> None:
    code = """
import google.genai.types as gt
from google import genai

CONFIG = gt.LiveConnectConfig(
    response_modalities=["AUDIO"],
    realtime_input_config=gt.RealtimeInputConfig(turn_coverage=gt.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),
)


class Agent:
    async def open(self):
        self.session = await genai.Client().aio.live.connect(model="gemini-3.8-live", config=CONFIG).__aenter__()

    async def on_release(self, recorded):

        # what was said while the key was held
        for chunk in recorded:
            await self.session.send_realtime_input(audio=gt.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await self.session.send_realtime_input(audio_stream_end=True)
"""
    assert _fixed(code) == dedent("""
import google.genai.types as gt
from google import genai

CONFIG = gt.LiveConnectConfig(
    response_modalities=["AUDIO"],
    realtime_input_config=gt.RealtimeInputConfig(turn_coverage=gt.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY, automatic_activity_detection=gt.AutomaticActivityDetection(disabled=True)),
)


class Agent:
    async def open(self):
        self.session = await genai.Client().aio.live.connect(model="gemini-3.8-live", config=CONFIG).__aenter__()

    async def on_release(self, recorded):

        # what was said while the key was held
        await self.session.send_realtime_input(activity_start=gt.ActivityStart())
        for chunk in recorded:
            await self.session.send_realtime_input(audio=gt.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await self.session.send_realtime_input(activity_end=gt.ActivityEnd())
""")


@pytest.mark.parametrize(("written", "becomes"), [
    ('{"automaticActivityDetection": {"disabled": False}}', '{"automaticActivityDetection": {"disabled": True}}'),
    ('{"automaticActivityDetection": {"disabled": True}}', '{"automaticActivityDetection": {"disabled": True}}'),
    ('{"turnCoverage": "TURN_INCLUDES_ONLY_ACTIVITY"}',
     '{"turnCoverage": "TURN_INCLUDES_ONLY_ACTIVITY", "automaticActivityDetection": {"disabled": True}}'),
], ids=["disabled-false", "disabled-already", "merged"])
def test_camel_case_config_detection_settings_are_merged(written: str, becomes: str) -> None:
    code = """
from google import genai

CONFIG = {"responseModalities": ["AUDIO"], "realtimeInputConfig": %s}


async def ask(pcm):
    async with genai.Client().aio.live.connect(model="gemini-3.8-live", config=CONFIG) as s:
        await s.send_realtime_input(audio={"data": pcm, "mimeType": "audio/pcm;rate=16000"})
        await s.send_realtime_input(audio_stream_end=True)
"""
    assert _fixed(code % written) == dedent(code % becomes).replace(
        '        await s.send_realtime_input(audio=', '        await s.send_realtime_input(activity_start={})\n'
        '        await s.send_realtime_input(audio=').replace("audio_stream_end=True", "activity_end={}")


def test_sessions_sharing_the_config_get_their_text_framed_and_other_configs_stay() -> None:
    code = HEAD + """
CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])
TEXT_ONLY = {"response_modalities": ["AUDIO"]}


async def ask(prompt):
    async with client.aio.live.connect(model="gemini-3.8-live", config=CONFIG) as s:
        await s.send_realtime_input(text=prompt)


async def chat(prompt):
    async with client.aio.live.connect(model="gemini-3.8-live", config=TEXT_ONLY) as s:
        await s.send_realtime_input(text=prompt)


async def talk(pcm):
    async with client.aio.live.connect(model="gemini-3.8-live", config=CONFIG) as s:
        await s.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
"""
    assert _fixed(code) == dedent(HEAD + """
CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"], realtime_input_config=types.RealtimeInputConfig(automatic_activity_detection=types.AutomaticActivityDetection(disabled=True)))
TEXT_ONLY = {"response_modalities": ["AUDIO"]}


async def ask(prompt):
    async with client.aio.live.connect(model="gemini-3.8-live", config=CONFIG) as s:
        await s.send_realtime_input(activity_start=types.ActivityStart())
        await s.send_realtime_input(text=prompt)
        await s.send_realtime_input(activity_end=types.ActivityEnd())


async def chat(prompt):
    async with client.aio.live.connect(model="gemini-3.8-live", config=TEXT_ONLY) as s:
        await s.send_realtime_input(text=prompt)


async def talk(pcm):
    async with client.aio.live.connect(model="gemini-3.8-live", config=CONFIG) as s:
        await s.send_realtime_input(activity_start=types.ActivityStart())
        await s.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(activity_end=types.ActivityEnd())
""")


def test_no_fix_when_the_session_picks_one_of_two_configs() -> None:
    _unfixed(HEAD + """
SNAKE = {"response_modalities": ["AUDIO"]}
CAMEL = {"responseModalities": ["AUDIO"]}


async def main(pcm, camel):
    async with client.aio.live.connect(model="gemini-3.8-live", config=CAMEL if camel else SNAKE) as s:
        await s.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
""")


def test_a_new_camel_case_realtime_input_config_is_spelled_like_the_dict() -> None:
    fixed = _fixed("""
from google import genai


async def ask(pcm):
    async with genai.Client().aio.live.connect(model="gemini-3.8-live", config={"responseModalities": ["AUDIO"]}) as s:
        await s.send_realtime_input(audio={"data": pcm, "mimeType": "audio/pcm;rate=16000"})
        await s.send_realtime_input(audio_stream_end=True)
""")
    assert '"realtimeInputConfig": {"automaticActivityDetection": {"disabled": True}}' in fixed


# --- shapes that stay for a human ----------------------------------------------------------
@pytest.mark.parametrize("body", [
    # the end is conditional: a start before the loop would not always be ended
    """
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        if released:
            await s.send_realtime_input(audio_stream_end=True)
""",
    # the end's value is computed: not every call ends a turn
    """
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=released)
""",
    # realtime text that is no statement of its own cannot be framed by signals
    """
        await asyncio.gather(s.send_realtime_input(text="hi"), asyncio.sleep(0))
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
""",
    # a camera frame outside the turn: what detection off does to it is not known
    """
        await s.send_realtime_input(video=types.Blob(data=released, mime_type="image/jpeg"))
        await asyncio.sleep(1)
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
""",
], ids=["conditional-end", "computed-end", "text-in-gather", "video-outside"])
def test_no_fix_when_a_part_cannot_be_placed(body: str) -> None:
    _unfixed("import asyncio\n" + HEAD + """
async def main(chunks, released):
    async with client.aio.live.connect(model="gemini-3.8-live", config={}) as s:""" + body)


def test_a_deprecated_send_waits_for_lm103_then_its_text_is_framed_too() -> None:
    code = HEAD + """
async def main(chunks):
    async with client.aio.live.connect(model="gemini-3.8-live", config={}) as s:
        await s.send(input="Hello", end_of_turn=True)
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
"""
    assert all(f.fix is None for f in _findings(code))  # alone it would leave bare text behind
    report = verify_fix(linter(("LM103", "LM606"), "3.8"), dedent(code).encode(), "example.py", unsafe=True)
    assert (report.fixed or b"").decode() == dedent(HEAD + """
async def main(chunks):
    async with client.aio.live.connect(model="gemini-3.8-live", config={"realtime_input_config": {"automatic_activity_detection": {"disabled": True}}}) as s:
        await s.send_realtime_input(activity_start=types.ActivityStart())
        await s.send_realtime_input(text="Hello")
        await s.send_realtime_input(activity_end=types.ActivityEnd())
        await s.send_realtime_input(activity_start=types.ActivityStart())
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(activity_end=types.ActivityEnd())
""")


def test_no_fix_when_the_config_is_set_by_a_later_statement() -> None:
    _unfixed(HEAD + """
CONFIG = {"response_modalities": ["AUDIO"]}
if VAD_SETTINGS:
    CONFIG["realtime_input_config"] = VAD_SETTINGS


async def main(chunks):
    async with client.aio.live.connect(model="gemini-3.8-live", config=CONFIG) as s:
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
""")


def test_no_fix_when_a_2x_only_branch_sends_realtime_input_too() -> None:
    _unfixed(HEAD + """
async def main(model, chunks):
    async with client.aio.live.connect(model=model, config={}) as s:
        if model.startswith("gemini-2"):
            await s.send_realtime_input(audio_stream_end=True)
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
""")


def test_gate_style_leaves_it_to_a_human() -> None:
    from livemigrate.engine import Linter
    from livemigrate.settings import Settings

    code = dedent(HEAD + """
async def main(chunks):
    async with client.aio.live.connect(model="gemini-3.8-live", config={}) as s:
        for chunk in chunks:
            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
        await s.send_realtime_input(audio_stream_end=True)
""")
    gate = Linter(Settings(select=("LM606",), target="3.8", fix_style="gate"))
    report = gate.fix_bytes(code.encode(), "example.py", unsafe=True)
    assert report.error is None and report.fixed is None
    assert "needs a human" in report.findings[0].message


# --- the fixed code against the strict 3.8 emulator ----------------------------------------
PROGRAM = """
from google import genai


CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}


async def talk(client, chunks):
    said = []
    async with client.aio.live.connect(model="gemini-3.8-live", config=CONFIG) as session:
        for chunk in chunks:
            await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
        await session.send_realtime_input(audio_stream_end=True)
        async for message in session.receive():
            if message.server_content and message.server_content.output_transcription:
                said.append(message.server_content.output_transcription.text)
            if message.server_content and message.server_content.turn_complete:
                return said
"""


def _talk(source: str, emulator: LiveEmulator, wait: float) -> Any:
    from google import genai

    namespace: dict[str, Any] = {}
    exec(compile(source, "agent.py", "exec"), namespace)  # noqa: S102 - the test's own program
    client = genai.Client(api_key="test", http_options=emulator.http_options)
    return asyncio.run(asyncio.wait_for(namespace["talk"](client, [b"\x01\x02" * 8000] * 2), wait))


def test_the_fixed_dict_spelled_program_gets_its_reply_where_the_original_gets_none() -> None:
    script = {"*": "You said: {text}"}
    with LiveEmulator(mode="3.8", script=script) as emulator:
        with pytest.raises(asyncio.TimeoutError):
            _talk(dedent(PROGRAM), emulator, wait=1.5)  # audio_stream_end: no reply on 3.8
        fixed = _fixed(PROGRAM)
        assert "activity_start={}" in fixed and "activity_end={}" in fixed
        said = _talk(fixed, emulator, wait=10)
        emulator.wait_idle()
        record = emulator.connections[-1]
    assert record.violations == []
    assert said == ["You said: [audio 1.00 s]"]
