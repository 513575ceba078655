"""Shapes from the ninth real-code measurement that were reported wrongly or missed.

- A raw client telling thoughts apart with ``part.get("thought")`` (the SDK spelling
  ``part.thought`` was known), the text read in the same ``and`` as the thought test.
"""

from __future__ import annotations

from pathlib import Path

from livemigrate.rule import Applicability

from harness import check, dedent, findings_by_file, fixed_text, write_tree

RAW_THOUGHTS = dedent('''
    import base64, json

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    SETUP = {"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025",
                       "generationConfig": {"responseModalities": ["AUDIO"]},
                       "outputAudioTranscription": {}}}

    async def pump(ws, play, log, said):
        async for raw in ws:
            msg = json.loads(raw)
            sc = msg.get("serverContent")
            if not sc:
                continue
            ot = sc.get("outputTranscription")
            if ot and "text" in ot:
                said.append(ot["text"])
            mt = sc.get("modelTurn")
            if mt:
                for part in mt.get("parts", []):
                    {test}
                        log(part["text"][:150])
                        continue
                    inline = part.get("inlineData")
                    if inline:
                        play(base64.b64decode(inline["data"]))
''')


def lm304(code: str) -> list[int]:
    return [f.line for f in check(code, ("LM304",))]


def test_a_raw_part_told_apart_as_a_thought_is_not_taken_for_what_was_said() -> None:
    assert lm304(RAW_THOUGHTS.replace("{test}", 'if part.get("thought") and "text" in part:')) == []
    assert lm304(RAW_THOUGHTS.replace("{test}", 'if part["thought"]:')) == []
    # (the membership test before the thought test reads no words; the read below it runs only
    # for thoughts: nothing is taken for what was said, decided after measurement 48)
    assert lm304(RAW_THOUGHTS.replace("{test}", 'if "text" in part and part.get("thought"):')) == []


def test_a_raw_text_part_not_told_apart_is_still_reported() -> None:
    # near misses: no thought test, a thought test that does not have to hold, another part's flag
    assert lm304(RAW_THOUGHTS.replace("{test}", 'if "text" in part:')) != []
    assert lm304(RAW_THOUGHTS.replace("{test}", 'if part.get("thought") or "text" in part:')) != []
    assert lm304(RAW_THOUGHTS.replace("{test}", 'if mt.get("thought") and "text" in part:')) != []


# --- LM306: a receive task followed by a log line, restarted by a reconnect loop ------------------
# (run 9: the task logs that the stream closed after its loop; the loop around the session
# reconnects with the resumption handle the task stored)
RECEIVE_TASK = dedent('''
    import asyncio
    import logging

    from google import genai

    logger = logging.getLogger(__name__)
    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class Agent:
        def __init__(self):
            self._client = genai.Client()
            self._active = True
            self._handle = None

        async def _run(self):
            while self._active:
                config = {"response_modalities": ["AUDIO"], "session_resumption": {"handle": self._handle}}
                try:
                    async with self._client.aio.live.connect(model=MODEL, config=config) as session:
                        await asyncio.gather(self._send(session), self._receive(session))
                except Exception as e:
                    logger.error(e)

        async def _send(self, session):
            pass

        async def _receive(self, session):
            try:
                async for response in session.receive():
                    if response.session_resumption_update:
                        self._handle = response.session_resumption_update.new_handle
                    if response.go_away:
                        break
                logger.warning("receive loop: stream closed")
            finally:
                logger.info("receive loop ended")
''')


def lm306(code: str) -> list[int]:
    return [f.line for f in check(code, ("LM306",))]


def test_a_receive_task_that_logs_after_its_loop_goes_on_in_the_reconnect_loop() -> None:
    assert lm306(RECEIVE_TASK) == []


def test_a_receive_task_that_does_more_after_its_loop_is_still_reported() -> None:
    # near misses: the task does something after the loop; no loop reconnects
    assert lm306(RECEIVE_TASK.replace('logger.warning("receive loop: stream closed")',
                                      'await self.on_closed()')) != []
    assert lm306(RECEIVE_TASK.replace("while self._active:", "if self._active:")) != []


# --- LM304: the modalities come from a settings class's field default ---------------------------
# (run 9: `response_modalities: list = field(default_factory=lambda: ["AUDIO"])` on a dataclass
# the bridge takes; a framework's plain parameter, which its users may set to TEXT, stays unread)
MODALITIES_FROM_SETTINGS = dedent('''
    from dataclasses import dataclass, field

    from google import genai


    @dataclass
    class BridgeConfig:
        voice: str = "Puck"
        response_modalities: list = field(default_factory=lambda: {default})


    class Bridge:
        def __init__(self, config: BridgeConfig):
            self.config = config
            self.client = genai.Client()

        async def run(self, out):
            config = {"response_modalities": self.config.response_modalities}
            async with self.client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                                    config=config) as session:
                async for response in session.receive():
                    if response.server_content and response.server_content.model_turn:
                        for part in response.server_content.model_turn.parts:
                            if part.inline_data:
                                out.play(part.inline_data.data)
                            elif part.text:
                                out.say(part.text)


    async def main(out):
        await Bridge(BridgeConfig({passed})).run(out)
''')


def test_text_parts_on_a_session_whose_settings_default_to_audio_are_reported() -> None:
    assert lm304(MODALITIES_FROM_SETTINGS.replace("{default}", '["AUDIO"]').replace("{passed}", 'voice="Kore"')) != []
    # near misses: the default is TEXT; a construction here passes TEXT; the field is a plain parameter
    assert lm304(MODALITIES_FROM_SETTINGS.replace("{default}", '["TEXT"]').replace("{passed}", "")) == []
    assert lm304(MODALITIES_FROM_SETTINGS.replace("{default}", '["AUDIO"]')
                 .replace("{passed}", 'response_modalities=["TEXT"]')) == []
    plain = MODALITIES_FROM_SETTINGS.replace("{default}", '["AUDIO"]').replace("{passed}", "") \
        .replace("self.config.response_modalities}", "out.modalities}")
    assert lm304(plain) == []


# --- LM402: a class keeps its session on itself; a server's endless loop keeps the object -------
# (run 9: `self.session = await ...connect(...)` in start(); the websocket handler creates the
# object, starts it and streams into it for as long as the browser stays)
KEEPER = dedent('''
    from google import genai

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class VoiceSession:
        def __init__(self):
            self.client = genai.Client()
            self.session = None

        async def start(self):
            self._context = self.client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]})
            self.session = await self._context.__aenter__()

        async def send_audio(self, chunk):
            await self.session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
''')
# (the server uses google-genai for something else, as the measured one did: a module that names
# nothing of Gemini is never read for what it tells others; the walk's screen rules it out)
SERVER = dedent('''
    from google import genai

    from voice import VoiceSession

    TEXT = genai.Client()


    async def handle(ws):
        session = None
        while True:
            message = await ws.receive_json()
            if message["type"] == "start":
                session = VoiceSession()
                await session.start()
            elif message["type"] == "audio" and session:
                await session.send_audio(message["data"])
''')


def test_a_session_kept_on_its_object_by_a_method_is_kept_open_by_the_callers_loop(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"voice.py": KEEPER, "server.py": SERVER})
    assert findings_by_file(project, ("LM402",)) == {"voice.py": [(12, "LM402")]}


def test_a_method_that_opens_and_closes_its_session_is_not_kept_open(tmp_path: Path) -> None:
    # near misses: the method keeps nothing on its object; the caller asks once
    once = KEEPER.replace("        self.session = await self._context.__aenter__()",
                          "        async with self._context as session:\n"
                          "            await session.send_realtime_input(text='hi')")
    assert once != KEEPER
    assert findings_by_file(write_tree(tmp_path / "a", {"voice.py": once, "server.py": SERVER}), ("LM402",)) == {}
    single = SERVER.replace("    while True:\n", "    for _ in range(1):\n")
    assert findings_by_file(write_tree(tmp_path / "b", {"voice.py": KEEPER, "server.py": single}), ("LM402",)) == {}


# --- LM106: a rate the code names for its output, and the rate an ffmpeg conversion writes -------
# (run 9, a wrong SAFE hunk: `WAV_SAMPLE_RATE = 24000  # Gemini Live outputs PCM at 24 kHz` was
# taken for the input rate, while the audio sent was converted by `ffmpeg ... -ar 16000`)
CONVERTED = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    WAV_SAMPLE_RATE = 24000{comment}


    async def to_pcm(webm: bytes) -> bytes:
        proc = await asyncio.create_subprocess_exec(
            "ffmpeg", "-i", "pipe:0", "-f", "s16le", "-ac", "1", "-ar", "{ffmpeg_rate}", "pipe:1",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        out, _ = await proc.communicate(webm)
        return out


    async def ask(client: genai.Client, webm: bytes):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            pcm = await to_pcm(webm)
            await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm"))
''')


def lm106(comment: str, ffmpeg_rate: str) -> tuple[str, bool]:
    code = CONVERTED.replace("{comment}", comment).replace("{ffmpeg_rate}", ffmpeg_rate)
    (finding,) = check(code, ("LM106",))
    fix = finding.fix
    return (fix.description if fix else "", bool(fix and fix.applicability is Applicability.UNSAFE))


def test_the_rate_an_ffmpeg_conversion_writes_is_the_rate_shown_not_an_output_constant() -> None:
    assert lm106("  # Gemini Live outputs PCM at 24 kHz", "16000") == ("audio/pcm;rate=16000", False)


def test_rates_the_code_cannot_tell_apart_make_the_fix_unsafe() -> None:
    # near misses: a constant that does not say it is the output's, beside another ffmpeg rate;
    # an output constant alone (nothing shows the input rate: 16000 is a guess)
    assert lm106("", "16000")[1] is True
    assert lm106("  # what the model speaks at", "8000")[0] == "audio/pcm;rate=8000"
    no_ffmpeg = CONVERTED.replace('"ffmpeg", ', '"sox", ').replace("{comment}", "  # output").replace(
        "{ffmpeg_rate}", "16000")
    (finding,) = check(no_ffmpeg, ("LM106",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE


# --- LM304: a session whose only model id is a Live model outside the move ----------------------
# (run 9: a translator's class takes the model as a parameter whose default is the translate model)
TRANSLATOR = dedent('''
    from google import genai


    class Translator:
        def __init__(self, model_id: str = "{model}"):
            self.model_id = model_id
            self.client = genai.Client()

        async def run(self, out):
            config = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
            async with self.client.aio.live.connect(model=self.model_id, config=config) as session:
                async for response in session.receive():
                    sc = response.server_content
                    if sc and sc.model_turn:
                        for part in sc.model_turn.parts:
                            if part.inline_data:
                                out.play(part.inline_data.data)
                            if part.text:
                                out.caption(part.text)
''')


def test_text_parts_of_a_translate_session_are_not_reported() -> None:
    assert lm304(TRANSLATOR.replace("{model}", "gemini-3.5-live-translate-preview")) == []
    # near miss: a 2.x default
    assert lm304(TRANSLATOR.replace("{model}", "gemini-2.5-flash-native-audio-preview-12-2025")) != []


# --- LM402: a session used through an object of another module's class ---------------------------
# (run 9: the router opens the session, wraps it in the services module's LiveSession, and a task
# it starts streams the browser's audio into the wrapper until the browser leaves)
WRAPPED = dedent('''
    import asyncio

    from google import genai

    from app.services.live import LiveSession

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    async def forward(ws, live_session):
        while live_session.is_active:
            message = await ws.receive()
            await live_session.send_audio(message["bytes"])


    async def endpoint(ws, client: genai.Client):
        async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
            live_session = LiveSession(session=session)
            task = asyncio.create_task(forward(ws, live_session))
            await asyncio.wait([task])
''')


def lm402(code: str) -> list[int]:
    return [f.line for f in check(code, ("LM402",))]


def test_a_session_streamed_into_through_a_wrapper_in_a_loop_runs_long() -> None:
    assert lm402(WRAPPED) == [17]


def test_a_wrapper_used_once_or_built_without_the_session_keeps_nothing_open() -> None:
    once = WRAPPED.replace("    while live_session.is_active:\n", "    if live_session.is_active:\n")
    assert once != WRAPPED and lm402(once) == []
    other = WRAPPED.replace("LiveSession(session=session)", "LiveSession(session=None)")
    assert lm402(other) == []


def test_an_unlisted_2x_live_id_is_not_a_model_outside_the_move() -> None:
    # (run 9: a 2.0 "live" id the catalogue does not list; a newer native-audio preview alike)
    for model in ("gemini-2.0-flash-live-api-preview-12-2025", "gemini-2.5-flash-native-audio-preview-03-2026"):
        assert lm304(TRANSLATOR.replace("{model}", model)) != [], model


# --- LM001: a 2.x Live id the catalogue does not list ---------------------------------------------
# (run 10: an early-access native-audio id compared with the model a framework is given)
def test_an_unlisted_2x_live_id_is_a_legacy_id() -> None:
    from livemigrate.migration import legacy_model

    assert legacy_model("gemini-2.5-flash-native-audio-eap-11-2025").backend == "gemini"
    assert legacy_model("models/gemini-2.0-flash-live-api-preview-12-2025") is not None
    assert legacy_model("gemini-live-2.5-flash-native-audio-10-2026").backend == "vertex"
    # near misses: text models, the translate model, the targets
    for other in ("gemini-2.5-flash", "gemini-2.5-flash-preview-tts", "gemini-3.5-live-translate-preview",
                  "gemini-3.1-flash-live-preview", "gemini-2.5-pro"):
        assert legacy_model(other) is None, other
    code = dedent('''
        from google import genai

        async def run(client: genai.Client, model: str):
            if model == "gemini-2.5-flash-native-audio-eap-11-2025":
                options = {"api_version": "v1beta"}
            async with client.aio.live.connect(model=model, config={}) as session:
                await session.send_realtime_input(text="hi")
    ''')
    assert [f.line for f in check(code, ("LM001",))] == [4]


# --- LM005: a raw setup's modality list grown afterwards; the transcription key's spelling --------
# (run 10: `response_modalities = ["TEXT"]`, then `.append("AUDIO")` in the media modes; the
# setup frame's keys are snake_case, and the fix wrote `outputAudioTranscription` into it)
RAW_SETUP = dedent('''
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def open_socket(mode: str):
        ws = await connect(URI)
        response_modalities = ["TEXT"]
        {grow}
        setup = {
            "setup": {
                "model": "models/gemini-2.0-flash-exp",
                "generation_config": {"response_modalities": response_modalities, "temperature": 0.6},
                "system_instruction": {"parts": [{"text": "Be brief."}]},
            }
        }
        await ws.send(json.dumps(setup))
        return ws
''')


def test_a_modality_list_grown_afterwards_gets_no_fix() -> None:
    grown = RAW_SETUP.replace("{grow}", 'if mode == "audio":\n        response_modalities.append("AUDIO")')
    (finding,) = check(grown, ("LM005",))
    assert finding.fix is None and "adds modalities to this list" in finding.message


def test_a_snake_case_raw_setup_gets_the_transcription_in_snake_case() -> None:
    fixed = fixed_text(RAW_SETUP.replace("{grow}", "pass"), ("LM005",), unsafe=True)
    assert '"output_audio_transcription": {}' in fixed and "outputAudioTranscription" not in fixed
    # near miss: a camelCase frame gets the camelCase key
    camel = RAW_SETUP.replace("{grow}", "pass").replace("generation_config", "generationConfig") \
        .replace('"response_modalities"', '"responseModalities"').replace("system_instruction", "systemInstruction")
    assert '"outputAudioTranscription": {}' in fixed_text(camel, ("LM005",), unsafe=True)


# --- LM104: the wire name as the keyword of the type -----------------------------------------------
# (run 10: an ADK app builds `types.LiveClientRealtimeInput(mediaChunks=[types.Blob(...)])`)
def test_media_chunks_spelled_with_the_wire_name_is_reported_and_fixed() -> None:
    code = dedent('''
        from google.genai import types


        def push(queue, chunk: bytes):
            queue.send_realtime(types.LiveClientRealtimeInput({kw}=[types.Blob(mime_type="audio/pcm;rate=16000",
                                                                                   data=chunk)]))
    ''')
    for keyword in ("mediaChunks", "media_chunks"):
        source = code.replace("{kw}", keyword)
        assert [f.rule_id for f in check(source, ("LM104",))] == ["LM104"]
        assert "LiveClientRealtimeInput(audio=types.Blob(" in fixed_text(source, ("LM104",))
    # near miss: another type's keyword of the same name
    other = code.replace("{kw}", "mediaChunks").replace("LiveClientRealtimeInput", "SomethingElse")
    assert check(other, ("LM104",)) == []


# --- LM103: a session kept where the flow does not follow it ---------------------------------------
# (run 10: `session["gemini_session"] = gemini_session` in the receive task, and a frame handler
# sends on `self.sessions[sid]["gemini_session"].send(input=..., end_of_turn=False)`)
KEPT_IN_A_DICT = dedent('''
    from google import genai


    class Service:
        def __init__(self):
            self.sessions = {}
            self.client = genai.Client()

        async def run(self, sid):
            async with self.client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as s:
                self.sessions[sid]["gemini_session"] = s

        async def frame(self, sid, jpeg: bytes):
            await self.sessions[sid]["gemini_session"].send({args})
''')


def test_a_deprecated_send_on_a_session_kept_in_a_dict_is_reported() -> None:
    code = KEPT_IN_A_DICT.replace("{args}", 'input={"data": jpeg, "mime_type": "image/jpeg"}, end_of_turn=False')
    (finding,) = check(code, ("LM103",))
    assert "send_realtime_input(video=...)" in finding.message
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE  # the model is not known
    assert "send_realtime_input(video=" in fixed_text(code, ("LM103",), unsafe=True)
    # near misses: a socket's send (its value by position); no Live session in the module
    assert check(KEPT_IN_A_DICT.replace("{args}", "jpeg"), ("LM103",)) == []
    no_session = code.replace("self.client.aio.live.connect", "self.client.aio.chats.create")
    assert check(no_session, ("LM103",)) == []


# --- LM402: a raw client class keeps its socket; the server's endless loops are helpers it calls --
# (run 10: `self.ws = await connect(self.uri)` in connect(), which builds the setup frame; the
# endpoint connects it, then gathers two helpers that loop until the browser leaves)
RAW_KEEPER = dedent('''
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class GeminiConnection:
        async def connect(self):
            {kept} = await connect(URI)
            setup = {"setup": {"model": "models/gemini-2.0-flash-exp", "generation_config": {"response_modalities": ["AUDIO"]}}}
            await {kept}.send(json.dumps(setup))

        async def send_audio(self, chunk):
            await self.ws.send(json.dumps({"realtime_input": {"audio": {"data": chunk, "mime_type": "audio/pcm;rate=16000"}}}))
''')
# (the server relays the model's messages by their keys, as the measured one did: a module that
# names nothing of Live is never read for what it tells others)
ENDPOINT = dedent('''
    import asyncio

    from gemini_client import GeminiConnection


    async def pump(browser, gemini):
        {loop}
            await gemini.send_audio(await browser.receive_bytes())


    async def relay(browser, gemini):
        {loop}
            message = await gemini.receive()
            if "serverContent" in message:
                await browser.send_json(message["serverContent"])


    async def endpoint(browser):
        gemini = GeminiConnection()
        await gemini.connect()
        await asyncio.gather(pump(browser, gemini), relay(browser, gemini))
''')


def test_a_raw_socket_kept_by_a_class_and_fed_by_an_endless_helper_runs_long(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"gemini_client.py": RAW_KEEPER.replace("{kept}", "self.ws"),
                                          "server.py": ENDPOINT.replace("{loop}", "while True:")})
    assert findings_by_file(project, ("LM402",)) == {"gemini_client.py": [(11, "LM402")]}


def test_a_raw_socket_not_kept_or_fed_by_a_bounded_helper_is_not_kept_open(tmp_path: Path) -> None:
    local = write_tree(tmp_path / "a", {"gemini_client.py": RAW_KEEPER.replace("{kept}", "ws"),
                                        "server.py": ENDPOINT.replace("{loop}", "while True:")})
    assert findings_by_file(local, ("LM402",)) == {}
    bounded = write_tree(tmp_path / "b", {"gemini_client.py": RAW_KEEPER.replace("{kept}", "self.ws"),
                                          "server.py": ENDPOINT.replace("{loop}", "for _ in range(3):")})
    assert findings_by_file(bounded, ("LM402",)) == {}
