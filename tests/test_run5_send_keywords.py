"""Run 5: `session.send(<unknown keyword>=value, end_of_turn=True)` was taken for a bare
``send(end_of_turn=True)`` (it has no ``input``) and rewritten to the realtime turn-end signal,
dropping what the call meant to send (a tool response there). A keyword ``send`` does not
know gets no fix; a bare turn end still gets its own."""

from __future__ import annotations

import pytest

from harness import check, dedent

SESSION = dedent('''
    from google import genai
    client = genai.Client()

    async def run(message):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            SEND
''')


@pytest.mark.parametrize("send", [
    "await session.send(live_client_tool_response=message, end_of_turn=True)",
    "await session.send(payload=message, end_of_turn=True)",
    "await session.send(**message, end_of_turn=True)",
])
def test_a_send_carrying_an_unknown_keyword_gets_no_fix(send: str) -> None:
    (finding,) = check(SESSION.replace("SEND", send), ("LM103",))
    assert finding.fix is None


def test_a_bare_turn_end_is_still_rewritten() -> None:
    (finding,) = check(SESSION.replace("SEND", "await session.send(end_of_turn=True)"), ("LM103",))
    assert finding.fix is not None


# --- LM105: PyAudio's Stream.start_stream() is not a Live session's ----------------------------
MIC = dedent('''
    import pyaudio
    from google import genai
    client = genai.Client()

    class Agent:
        def __init__(self):
            self.audio = pyaudio.PyAudio()

        async def run(self):
            self.input_stream = self.audio.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True)
            self.input_stream.start_stream()
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                data = self.input_stream.read(1024)
                await session.send_realtime_input(audio={"data": data, "mime_type": "audio/pcm;rate=16000"})
''')


def test_a_microphone_streams_start_stream_is_not_a_live_session_call() -> None:
    assert check(MIC, ("LM105",)) == []


def test_a_live_sessions_start_stream_is_still_reported() -> None:
    source = MIC.replace("        self.input_stream.start_stream()\n", "") + dedent('''
        async def legacy(session, frames):
            async for message in session.start_stream(stream=frames, mime_type="audio/pcm"):
                print(message)
    ''')
    assert len(check(source, ("LM105",))) == 1


@pytest.mark.parametrize("send,named", [
    ("await session.send(live_client_tool_response=message, end_of_turn=True)", "`live_client_tool_response=`"),
    ("await session.send(**message, end_of_turn=True)", "`**message`"),
])
def test_a_send_carrying_an_unknown_keyword_says_what_it_passes(send: str, named: str) -> None:
    # not "only ends the turn": the call meant to send something
    (finding,) = check(SESSION.replace("SEND", send), ("LM103",))
    assert named in finding.message and "only ends the turn" not in finding.message
