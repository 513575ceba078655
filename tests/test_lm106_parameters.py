"""LM106 follows a sent MIME type to where it is written: a helper's parameter default, what the
module's calls pass for it, and a `.get(key, default)` default (a measured real-code miss: a
service class whose `send_audio(self, session, data, mime_type="audio/pcm")` is called by a
manager with `chunk.get("mime_type", "audio/pcm")`)."""

from __future__ import annotations

from livemigrate.engine import Linter
from livemigrate.settings import Settings

from harness import dedent

SERVICE = dedent('''
    from google import genai

    client = genai.Client()


    class Service:
        async def send_audio(self, session, audio_data: bytes, mime_type: str = "audio/pcm"):
            await session.send_realtime_input(audio={"data": audio_data, "mime_type": mime_type})


    class Manager:
        def __init__(self, service, session):
            self.service, self.session = service, session

        async def pump(self, chunk):
            await self.service.send_audio(self.session, chunk["data"], chunk.get("mime_type", "audio/pcm"))

        async def pump_rated(self, chunk):
            await self.service.send_audio(self.session, chunk, mime_type="audio/pcm;rate=16000")
''')


def _lines(code: str) -> list[int]:
    report = Linter(Settings(select=("LM106",))).check_bytes(code.encode(), "service.py")
    assert report.error is None, report.error
    return [f.line for f in report.findings]


def test_a_parameter_default_and_a_get_default_are_followed() -> None:
    assert _lines(SERVICE) == [7, 16]


def test_the_fix_writes_the_rate_where_the_literal_is() -> None:
    report = Linter(Settings(select=("LM106",), unsafe_fixes=True)).fix_bytes(SERVICE.encode(), "service.py")
    assert report.error is None and report.fixed is not None
    fixed = report.fixed.decode()
    assert 'mime_type: str = "audio/pcm;rate=16000"' in fixed
    assert 'chunk.get("mime_type", "audio/pcm;rate=16000")' in fixed


def test_a_parameter_that_never_reaches_a_send_is_not_followed() -> None:
    code = SERVICE.replace('await session.send_realtime_input(audio={"data": audio_data, "mime_type": mime_type})',
                           'self.log(mime_type)')
    assert _lines(code) == []


def test_a_parameter_given_a_rate_everywhere_is_no_finding() -> None:
    code = SERVICE.replace('mime_type: str = "audio/pcm"', 'mime_type: str = "audio/pcm;rate=24000"').replace(
        'chunk.get("mime_type", "audio/pcm")', 'chunk.get("mime_type", "audio/pcm;rate=16000")')
    assert _lines(code) == []
