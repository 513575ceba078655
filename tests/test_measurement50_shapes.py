"""Shapes measurement 50's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, fixed_text, write_tree


KEPT_MODALITIES = dedent("""
    from typing import Optional

    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class GeminiLiveSession:
        def __init__(self, response_modalities: Optional[list[str]] = None) -> None:
            self._client = genai.Client()
            self._response_modalities = response_modalities or ["AUDIO"]

        async def connect(self) -> None:
            config = types.LiveConnectConfig(response_modalities=self._response_modalities)
            self._cm = self._client.aio.live.connect(model=MODEL, config=config)
            self._session = await self._cm.__aenter__()

        async def receive(self):
            async for message in self._session.receive():
                content = message.server_content
                if content.model_turn is not None:
                    for part in content.model_turn.parts:
                        if part.text:
                            yield {"type": "text", "text": part.text}
""")


def test_modalities_a_class_keeps_on_self_with_an_audio_fallback_answer_in_audio() -> None:
    """`self._response_modalities = response_modalities or ["AUDIO"]` (the parameter defaults to
    None) given to the config: the module shows AUDIO, so the parts' text is LM304 (measurement
    50: run 49's convention reads a settings default the same way)."""
    assert [f.line for f in check(KEPT_MODALITIES, ("LM304",))] == [24, 25]
    # (kept as it is given: `self._response_modalities = ["AUDIO"]`)
    kept = KEPT_MODALITIES.replace('response_modalities or ["AUDIO"]', '["AUDIO"]')
    assert kept != KEPT_MODALITIES and [f.line for f in check(kept, ("LM304",))] == [24, 25]
    # (a TEXT fallback, or a parameter with no fallback the module cannot see, is not AUDIO)
    text = KEPT_MODALITIES.replace('or ["AUDIO"]', 'or ["TEXT"]')
    assert text != KEPT_MODALITIES and check(text, ("LM304",)) == []
    unseen = KEPT_MODALITIES.replace(' or ["AUDIO"]', '').replace(": Optional[list[str]] = None", "")
    assert unseen != KEPT_MODALITIES and check(unseen, ("LM304",)) == []


HASATTR_RUNG = dedent("""
    from google import genai

    client = genai.Client()


    async def main(play, log):
        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as session:
            async for response in session.receive():
                if not hasattr(response, "data") or not response.data:
                    if getattr(response, "text", None):
                        log(response.text)
                    continue
                play(response.data)
""")


def test_a_rung_testing_a_fields_absence_behind_its_hasattr_check_drops_the_rest() -> None:
    """`if not hasattr(r, "data") or not r.data: <text>; continue` handles the text only when the
    message has no audio, as `if not r.data:` does: LM302 on the rung."""
    assert [f.line for f in check(HASATTR_RUNG, ("LM302",))] == [10]
    # (a test of two fields is not one field's absence)
    two = HASATTR_RUNG.replace('not hasattr(response, "data") or not response.data',
                               "not response.text or not response.data")
    assert two != HASATTR_RUNG and check(two, ("LM302",)) == []
    # (nor is a presence check of another attribute)
    other = HASATTR_RUNG.replace('not hasattr(response, "data")', 'not hasattr(response, "text")')
    assert other != HASATTR_RUNG and check(other, ("LM302",)) == []


def test_a_non_blocking_declaration_no_config_of_a_live_module_reads_is_reported() -> None:
    """A module (a notebook's cells) opening a Live session redefines a tool as
    `{"name": ..., "behavior": "NON_BLOCKING"}` after the session that used the first one: the
    declaration is Live's (LM201), as a typed `FunctionDeclaration(behavior=...)` is there."""
    code = dedent("""
        from google import genai

        client = genai.Client()
        model = "gemini-2.5-flash-native-audio-preview-12-2025"
        lights = {"name": "turn_on_the_lights"}
        config = {"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [lights]}]}


        async def main():
            async with client.aio.live.connect(model=model, config=config) as session:
                async for response in session.receive():
                    print(response.data)

        lights = {"name": "turn_on_the_lights", "behavior": "NON_BLOCKING"}
    """)
    assert [f.line for f in check(code, ("LM201",))] == [14]
    # (one that a config reads is reported once)
    read = code.replace('lights = {"name": "turn_on_the_lights"}\n', "").replace(
        '\nlights = {"name": "turn_on_the_lights", "behavior": "NON_BLOCKING"}\n', "").replace(
        "client = genai.Client()\n", 'client = genai.Client()\nlights = {"name": "turn_on_the_lights", "behavior": "NON_BLOCKING"}\n')
    assert read != code and [f.line for f in check(read, ("LM201",))] == [4]
    # (in a module with no Live session, a dict with a name and a behavior is not Live's)
    quiet = code.replace("client.aio.live.connect", "client.aio.other.connect")
    assert quiet != code and check(quiet, ("LM201",)) == []


WIRE_EVENTS = dedent('''
    import base64
    from typing import List

    from pydantic import BaseModel


    class MediaChunk(BaseModel):
        mimeType: str
        data: str


    class RealtimeInput(BaseModel):
        mediaChunks: List[MediaChunk]


    class AudioInputMessage(BaseModel):
        realtimeInput: RealtimeInput

        @classmethod
        def from_raw_audio(cls, raw_audio: bytes, sample_rate: int) -> "AudioInputMessage":
            data = base64.b64encode(raw_audio).decode("utf-8")
            return cls(realtimeInput=RealtimeInput(mediaChunks=[MediaChunk(mimeType=f"audio/pcm;rate={sample_rate}", data=data)]))


    class VideoInputMessage(BaseModel):
        realtimeInput: RealtimeInput

        @classmethod
        def from_image_frame(cls, jpeg: bytes) -> "VideoInputMessage":
            data = base64.b64encode(jpeg).decode("utf-8")
            return cls(realtimeInput=RealtimeInput(mediaChunks=[MediaChunk(mimeType=f"image/jpeg", data=data)]))
''')

WIRE_SERVICE = dedent('''
    import json

    import websockets

    from . import events

    URL = "generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class GeminiLiveService:
        async def connect(self):
            self._websocket = await websockets.connect(uri=f"wss://{URL}?key={self._api_key}")
            config = {"setup": {"model": "models/gemini-2.0-flash-live-001",
                                "generation_config": {"response_modalities": ["AUDIO"]}}}
            await self._websocket.send(json.dumps(config))

        async def send_client_event(self, event):
            await self._websocket.send(event.model_dump_json(exclude_none=True))

        async def send_user_audio(self, frame):
            await self.send_client_event(events.AudioInputMessage.from_raw_audio(frame.audio, 16000))

        async def send_user_video(self, frame):
            evt = events.VideoInputMessage.from_image_frame(frame.image)
            await self.send_client_event(evt)
''')


def test_video_a_wire_event_class_of_another_module_builds_is_sent_on_the_raw_socket(tmp_path: Path) -> None:
    """A vendored voice-agent service sends pydantic events mirroring the wire: the video event's
    classmethod (another module) builds a `MediaChunk(mimeType=f"image/jpeg")`; the service calls
    it and sends the event on its raw socket. LM401 on the setup frame."""
    write_tree(tmp_path, {"svc/__init__.py": "", "svc/events.py": WIRE_EVENTS, "svc/gemini.py": WIRE_SERVICE})
    assert findings_by_file(tmp_path, ("LM401",)) == {"svc/gemini.py": [(13, "LM401")]}
    # (a service sending only the audio event streams no video)
    audio = WIRE_SERVICE.replace("        evt = events.VideoInputMessage.from_image_frame(frame.image)\n",
                                 "        evt = events.AudioInputMessage.from_raw_audio(frame.audio, 16000)\n")
    assert audio != WIRE_SERVICE
    write_tree(tmp_path / "audio", {"svc/__init__.py": "", "svc/events.py": WIRE_EVENTS, "svc/gemini.py": audio})
    assert findings_by_file(tmp_path / "audio", ("LM401",)) == {}


def test_media_chunks_of_wire_events_a_raw_client_sends_are_legacy(tmp_path: Path) -> None:
    """The events module names nothing of Gemini, but its classes mirror the wire
    (`mediaChunks: List[MediaChunk]`) and the raw Live client importing it sends them: each
    `mediaChunks=` it builds is LM104 (reported, no fix: the field is the class's)."""
    write_tree(tmp_path, {"svc/__init__.py": "", "svc/events.py": WIRE_EVENTS, "svc/gemini.py": WIRE_SERVICE})
    found = findings_by_file(tmp_path, ("LM104",))
    assert found == {"svc/events.py": [(22, "LM104"), (31, "LM104")]}
    # (the same module beside no Live client is an app's own protocol)
    write_tree(tmp_path / "alone", {"svc/__init__.py": "", "svc/events.py": WIRE_EVENTS})
    assert findings_by_file(tmp_path / "alone", ("LM104",)) == {}
    # (nor beside an SDK session, which never serializes them: a browser protocol of the server)
    sdk = dedent("""
        import websockets
        from google import genai

        from . import events

        client = genai.Client()


        async def serve(browser):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config={}) as s:
                await browser.send(events.VideoInputMessage.from_image_frame(b"").model_dump_json())
                async for message in s.receive():
                    await browser.send(message.data)
    """)
    write_tree(tmp_path / "sdk", {"svc/__init__.py": "", "svc/events.py": WIRE_EVENTS, "svc/server.py": sdk})
    assert findings_by_file(tmp_path / "sdk", ("LM104", "LM401")) == {}


RESAMPLED = dedent("""
    import audioop

    from google import genai

    client = genai.Client()


    class Bridge:
        def __init__(self, phone_ws, sample_rate: int = 8000):
            self.phone_ws = phone_ws
            self.sample_rate = sample_rate

        async def forward(self, session, mulaw_bytes):
            pcm16_8k = audioop.ulaw2lin(mulaw_bytes, 2)
            pcm16_16k, _ = audioop.ratecv(pcm16_8k, 2, 1, 8000, 16000, None)
            await session.send_realtime_input(audio={"data": pcm16_16k, "mime_type": "audio/pcm"})


    async def main(phone_ws):
        sample_rate = 8000
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config={}) as s:
            await Bridge(phone_ws, sample_rate=sample_rate).forward(s, b"")
""")


def test_audio_resampled_before_it_is_sent_goes_at_the_resampled_rate() -> None:
    """A phone bridge takes 8 kHz audio and resamples it to 16 kHz (`audioop.ratecv(..., 8000,
    16000, None)`) before sending it as `"audio/pcm"`: the sent rate is 16000, not the 8000 the
    code shows for the phone (a safe fix writing 8000 changed the audio's meaning)."""
    found = check(RESAMPLED, ("LM106",))
    assert [(f.line, f.fix is not None) for f in found] == [(16, True)]
    assert "audio/pcm;rate=16000" in fixed_text(RESAMPLED, ("LM106",))
    # (sent as recorded, the phone's rate is the one)
    direct = RESAMPLED.replace('{"data": pcm16_16k,', '{"data": pcm16_8k,')
    assert direct != RESAMPLED and "audio/pcm;rate=8000" in fixed_text(direct, ("LM106",))


def test_a_later_resample_of_the_same_name_for_the_phone_is_not_the_sent_audio() -> None:
    """The browser's 16 kHz chunks are sent under a loop variable `pcm`; later the function
    binds `pcm` again to the model's answer downsampled for the phone. That resample is not the
    sent audio: the module's input rate stands (review of measurement 50)."""
    code = dedent("""
        import audioop

        from google import genai

        client = genai.Client()
        INPUT_SAMPLE_RATE = 16000


        async def bridge(session, mic_chunks, phone):
            async for pcm in mic_chunks:
                await session.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm"})
            state = None
            async for message in session.receive():
                pcm, state = audioop.ratecv(message.data, 2, 1, 24000, 8000, state)
                phone.write(pcm)


        async def main(mic_chunks, phone):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config={}) as s:
                await bridge(s, mic_chunks, phone)
    """)
    assert "audio/pcm;rate=16000" in fixed_text(code, ("LM106",))


def test_a_fallback_modality_another_module_overrides_with_text_is_not_known(tmp_path: Path) -> None:
    """`response_modalities or ["AUDIO"]` of a class another module builds with
    `response_modalities=["TEXT"]`: the session is not only AUDIO, so no LM304 (review of
    measurement 50)."""
    chat = dedent("""
        from pkg.session import GeminiLiveSession


        async def text_chat():
            session = GeminiLiveSession(response_modalities=["TEXT"])
            await session.connect()
    """)
    write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/session.py": KEPT_MODALITIES, "pkg/chat.py": chat})
    assert findings_by_file(tmp_path, ("LM304",)) == {}
    audio = chat.replace('["TEXT"]', '["AUDIO"]')
    write_tree(tmp_path / "audio", {"pkg/__init__.py": "", "pkg/session.py": KEPT_MODALITIES, "pkg/chat.py": audio})
    assert findings_by_file(tmp_path / "audio", ("LM304",)) == {"pkg/session.py": [(24, "LM304"), (25, "LM304")]}
