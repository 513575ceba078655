"""Shapes measurement 53's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from harness import check, dedent

# A raw client (a notebook's cell, as Google's Vertex AI samples write it) whose model comes from
# somewhere the module cannot read and whose socket URL is a name set elsewhere: its setup frame
# carries Live-only fields, in Gemini code.
RAW_SETUP_UNKNOWN_MODEL = dedent("""
    import json

    from websockets.asyncio.client import connect

    PROJECT = "my-project"
    MODEL = load_model_name()


    async def main(url, token):
        headers = {"Authorization": f"Bearer {token}"}
        async with connect(url, additional_headers=headers) as ws:
            await ws.send(json.dumps({
                "setup": {
                    "model": MODEL,
                    "generation_config": {"response_modalities": ["AUDIO"]},
                    "output_audio_transcription": {},
                }
            }))
            print(json.loads(await ws.recv()))
            await ws.send(json.dumps({
                "client_content": {"turns": [{"role": "user", "parts": [{"text": "Hello"}]}], "turn_complete": True}
            }))
            async for raw in ws:
                response = json.loads(raw)
                server_content = response.pop("serverContent", None)
                if server_content is None:
                    break
                if server_content.pop("turnComplete", None):
                    break
""")


def test_a_raw_setup_with_live_only_fields_in_gemini_code_is_live_whatever_its_model() -> None:
    """A setup frame holding fields only Live's setup has (`output_audio_transcription`,
    `realtime_input_config`, `session_resumption`, ...), in a module that is Gemini code, opens
    a Live session even when neither the model nor the URL can be read: the one-shot prompt
    after it is LM101 and the loop's stop on a message without server content LM306."""
    gemini = RAW_SETUP_UNKNOWN_MODEL.replace('PROJECT = "my-project"', 'GEMINI_PROJECT = "my-project"')
    assert sorted(f.rule_id for f in check(gemini, ("LM101", "LM306"))) == ["LM101", "LM306"]
    # (a Vertex AI resource path as the model names Gemini as well)
    vertex = RAW_SETUP_UNKNOWN_MODEL.replace(
        "MODEL = load_model_name()",
        'MODEL = f"projects/{PROJECT}/locations/us-central1/publishers/google/models/{load_model_name()}"')
    assert sorted(f.rule_id for f in check(vertex, ("LM101", "LM306"))) == ["LM101", "LM306"]
    # (a setup with only a model and a generation config, Gemini's keys but not only Gemini's,
    # stays an app's own protocol there)
    plain = gemini.replace('                "output_audio_transcription": {},\n', "")
    assert plain != gemini
    assert check(plain, ("LM101", "LM306")) == []
    # (and the same frames in code that is not Gemini code are an app's own protocol)
    assert check(RAW_SETUP_UNKNOWN_MODEL, ("LM101", "LM306")) == []


PROBE_PAIRS = dedent("""
    import asyncio

    from google import genai


    async def try_pair(model_id, api_version):
        client = genai.Client(http_options={"api_version": api_version})
        try:
            async with client.aio.live.connect(model=model_id, config={"response_modalities": ["AUDIO"]}):
                return True
        except Exception:
            return False


    async def main():
        pairs = [
            ("gemini-2.0-flash", "v1beta"),
            ("gemini-2.0-flash-exp", "v1alpha"),
            ("gemini-2.5-flash-native-audio-latest", "v1beta"),
        ]
        for model, api in pairs:
            if await try_pair(model, api):
                return model, api
""")


def test_a_probe_over_pairs_of_model_and_version_unpacked_in_its_loop() -> None:
    """`for model, api in pairs:` over a list of (model, version) tuples, each handed to a
    function that connects with them: the `v1alpha` reaches the client (LM007) and the
    ambiguous `gemini-2.0-flash-exp` reaches `live.connect` (LM001), as they would with one
    list per value (measurement 44's probe)."""
    found = sorted((f.line, f.rule_id) for f in check(PROBE_PAIRS, ("LM001", "LM007")))
    assert found == [(18, "LM001"), (18, "LM007"), (19, "LM001")]
    # (a pair whose sides do not unpack, or a loop over something else, binds nothing)
    ragged = PROBE_PAIRS.replace('("gemini-2.0-flash-exp", "v1alpha"),', '("gemini-2.0-flash-exp",),')
    assert sorted((f.line, f.rule_id) for f in check(ragged, ("LM001", "LM007"))) == [(19, "LM001")]
    # (one call passing the version to the connecting function, likewise)
    single = PROBE_PAIRS.replace("    for model, api in pairs:\n        if await try_pair(model, api):",
                                 '    if await try_pair("gemini-2.5-flash-native-audio-latest", "v1alpha"):\n        if True:')
    assert single != PROBE_PAIRS
    assert (21, "LM007") in [(f.line, f.rule_id) for f in check(single, ("LM007",))]


LEGACY_SEND_OF_A_REALTIME_MESSAGE = dedent("""
    from google import genai

    client = genai.Client()


    async def stream(mic):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            while True:
                chunk = await mic.read()
                await session.send(input={
                    "realtime_input": {
                        "media_chunks": [{"data": chunk, "mime_type": "audio/pcm;rate=16000"}]
                    }
                })
""")


def test_media_chunks_inside_a_realtime_input_message_given_to_the_legacy_send() -> None:
    """`session.send(input={"realtime_input": {"media_chunks": [...]}})`, the client message's
    field written out: its `media_chunks` is LM104 (no fix: LM103 rewrites the whole call), as
    the same dict without the field around it is."""
    found = sorted((f.line, f.rule_id) for f in check(LEGACY_SEND_OF_A_REALTIME_MESSAGE, ("LM103", "LM104")))
    assert found == [(11, "LM103"), (13, "LM104")]


COMMAND_LINE_MODALITY = dedent("""
    import argparse
    import asyncio

    from google import genai
    from google.genai import types

    MODEL = "models/gemini-2.5-flash-live-preview"
    DEFAULT_RESPONSE_MODALITY = "AUDIO"


    class Loop:
        def __init__(self, response_modality=DEFAULT_RESPONSE_MODALITY):
            self.response_modality = response_modality
            self.client = genai.Client()

        async def run(self):
            config = types.LiveConnectConfig(response_modalities=[self.response_modality])
            async with self.client.aio.live.connect(model=MODEL, config=config) as session:
                async for message in session.receive():
                    print(message.text)


    if __name__ == "__main__":
        parser = argparse.ArgumentParser()
        parser.add_argument("--responses", type=str, default=DEFAULT_RESPONSE_MODALITY, choices=["TEXT", "AUDIO"])
        args = parser.parse_args()
        asyncio.run(Loop(response_modality=args.responses).run())
""")


def test_a_modality_a_command_line_option_chooses() -> None:
    """`[self.response_modality]` kept from a parameter that the module fills with
    `args.responses`, an argparse option whose `choices` list TEXT: TEXT on some runs, on a
    half-cascade id LM001 moves (LM005 on the keyword, no fix)."""
    (finding,) = check(COMMAND_LINE_MODALITY, ("LM005",))
    assert finding.line == 17 and finding.fix is None
    # (an option offering only AUDIO, or no choices, says nothing of TEXT)
    audio_only = COMMAND_LINE_MODALITY.replace('choices=["TEXT", "AUDIO"]', 'choices=["AUDIO"]')
    assert audio_only != COMMAND_LINE_MODALITY and check(audio_only, ("LM005",)) == []
    free = COMMAND_LINE_MODALITY.replace(', choices=["TEXT", "AUDIO"]', "")
    assert free != COMMAND_LINE_MODALITY and check(free, ("LM005",)) == []


FRAME_HELPER = dedent("""
    import base64


    class AudioConverter:
        @staticmethod
        def to_pcm(mulaw: bytes) -> str:
            return base64.b64encode(mulaw).decode()

        @staticmethod
        def create_audio_message(pcm: str) -> dict:
            return {
                "realtime_input": {
                    "media_chunks": [{"mime_type": "audio/pcm", "data": pcm}]
                }
            }
""")

RELAY_CLIENT = dedent("""
    import json

    import websockets

    from audio_converter import AudioConverter


    class PhoneClient:
        def __init__(self, relay_url):
            self.relay_url = relay_url

        async def connect(self):
            self.ws = await websockets.connect(self.relay_url)
            await self.ws.send(json.dumps({
                "setup": {
                    "model": "models/gemini-2.0-flash-live-001",
                    "generation_config": {"response_modalities": ["AUDIO"]},
                }
            }))

        async def send_audio(self, mulaw):
            message = AudioConverter.create_audio_message(AudioConverter.to_pcm(mulaw))
            await self.ws.send(json.dumps(message))
""")


def test_raw_frames_a_helper_module_builds_for_a_raw_live_client(tmp_path) -> None:
    """A raw client (its setup frame names a 2.x Live id; the socket goes to the project's
    relay, so no Live URL is written) sends the realtime-input frames a helper module it
    imports builds: the helper's `media_chunks` is LM104 and its rate-less `audio/pcm` LM106,
    where the helper writes them."""
    from harness import findings_by_file, write_tree

    write_tree(tmp_path, {"audio_converter.py": FRAME_HELPER, "phone_client.py": RELAY_CLIENT})
    found = findings_by_file(tmp_path, ("LM104", "LM106"))
    assert found == {"audio_converter.py": [(13, "LM104"), (13, "LM106")]}
    # (the same helper beside a client of another service builds that service's frames)
    other = RELAY_CLIENT.replace('"models/gemini-2.0-flash-live-001"', '"my-model"')
    write_tree(tmp_path / "o", {"audio_converter.py": FRAME_HELPER, "phone_client.py": other})
    assert findings_by_file(tmp_path / "o", ("LM104", "LM106")) == {}


INTERVIEW_CLIENT = dedent("""
    from google import genai
    from google.genai import types


    class Interviewer:
        def __init__(self, key):
            self.client = genai.Client(api_key=key)
            self.model = "gemini-3.1-flash-live-preview"

        def build_config(self):
            return types.LiveConnectConfig(response_modalities=[types.Modality.AUDIO])
""")

INTERVIEW_BRIDGE = dedent("""
    from google.genai import types


    async def bridge(phone, session):
        while True:
            chunk = await phone.receive_bytes()
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
""")

INTERVIEW_APP = dedent("""
    from app.bridge import bridge
    from app.interviewer import Interviewer


    async def call(phone, key):
        interviewer = Interviewer(key)
        config = interviewer.build_config()
        async with interviewer.client.aio.live.connect(model=interviewer.model, config=config) as session:
            await bridge(phone, session)
""")


def test_a_config_a_method_of_an_imported_class_builds(tmp_path) -> None:
    """`config = interviewer.build_config()` with `interviewer = Interviewer(key)` of another
    module, whose module names no session_resumption nor compression: the config is known not
    to set them, so the session the bridge keeps open is LM402 (as `build_config(...)` of a
    module-level function already was)."""
    from harness import findings_by_file, write_tree

    files = {"app/__init__.py": "", "app/interviewer.py": INTERVIEW_CLIENT, "app/bridge.py": INTERVIEW_BRIDGE,
             "app/main.py": INTERVIEW_APP}
    write_tree(tmp_path, files)
    assert findings_by_file(tmp_path, ("LM402",)) == {"app/main.py": [(8, "LM402")]}
    # (a builder module that names session_resumption may set it)
    resumed = INTERVIEW_CLIENT.replace("response_modalities=[types.Modality.AUDIO])",
                                       "response_modalities=[types.Modality.AUDIO],\n"
                                       "            session_resumption=types.SessionResumptionConfig())")
    assert resumed != INTERVIEW_CLIENT
    write_tree(tmp_path / "r", {**files, "app/interviewer.py": resumed})
    assert findings_by_file(tmp_path / "r", ("LM402",)) == {}


PARTS_THEN_TEXT_FALLBACK = dedent("""
    async def receive(session, audio_out):
        turn_text = ""
        async for response in session.receive():
            server_content = response.server_content
            if server_content and server_content.model_turn:
                for part in server_content.model_turn.parts:
                    if part.inline_data:
                        audio_out.put_nowait(part.inline_data.data)
                    if part.text:
                        turn_text += part.text
                continue
            if text := response.text:
                turn_text += text
            if response.tool_call is not None:
                await handle(response.tool_call)
""")


def test_skipping_the_text_fallback_after_a_walk_that_read_the_parts_text() -> None:
    """A branch walking the model turn's parts (audio and `part.text`) ends in `continue`,
    which skips a `response.text` fallback (the SDK's join of those same text parts) and a tool
    call (another kind of message): nothing of this message is lost (LM303 not reported)."""
    assert check(PARTS_THEN_TEXT_FALLBACK, ("LM303",)) == []
    # (a walk that plays only the audio leaves the text to the fallback: skipped)
    audio_only = PARTS_THEN_TEXT_FALLBACK.replace("                if part.text:\n                    turn_text += part.text\n", "")
    assert audio_only != PARTS_THEN_TEXT_FALLBACK
    assert [f.rule_id for f in check(audio_only, ("LM303",))] == ["LM303"]


TWO_RECORDED_TURNS = dedent("""
    import asyncio
    import wave

    from google import genai
    from google.genai import types

    client = genai.Client()


    async def send_recording(session, path):
        with wave.open(path, "rb") as wf:
            data = wf.readframes(1024)
            while data:
                await session.send_realtime_input(audio=types.Blob(data=data, mime_type="audio/pcm;rate=16000"))
                data = wf.readframes(1024)
                await asyncio.sleep(0.01)


    async def main(path):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            await send_recording(session, path)
            await send_recording(session, path)
""")


def test_a_while_loop_over_a_recording_read_into_its_test_name() -> None:
    """`data = wf.readframes(n)` then `while data: send(...); data = wf.readframes(n)`: the loop
    ends with the file, so sending a recording twice is no long session (LM402 not reported),
    as `while chunk := f.read(n)` is not."""
    assert check(TWO_RECORDED_TURNS, ("LM402",)) == []
    # (the same loop over a microphone stream runs until stopped)
    mic = TWO_RECORDED_TURNS.replace('with wave.open(path, "rb") as wf:', "with open_microphone(path) as wf:")
    assert mic != TWO_RECORDED_TURNS
    assert [f.rule_id for f in check(mic, ("LM402",))] == ["LM402"]


COMMAND_LINE_MODEL = dedent("""
    import argparse
    import asyncio

    from google import genai


    async def main(args):
        client = genai.Client(http_options={"api_version": args.api_version})
        async with client.aio.live.connect(model=args.model, config={"response_modalities": ["AUDIO"]}) as session:
            async for message in session.receive():
                print(message.server_content)


    if __name__ == "__main__":
        parser = argparse.ArgumentParser()
        parser.add_argument("--model", default="gemini-2.0-flash-exp")
        parser.add_argument("--api-version", default="v1alpha", choices=["v1alpha", "v1beta"])
        args = parser.parse_args()
        asyncio.run(main(args))
""")


def test_a_model_and_an_api_version_from_command_line_defaults() -> None:
    """`args.model` / `args.api_version` of argparse options (the parsed options handed to
    `main(args)`): their defaults are what runs unless the user says otherwise, as an
    `os.getenv` default is, so the ambiguous `gemini-2.0-flash-exp` reaching `live.connect` is
    LM001 and the `v1alpha` LM007 (the same query LM005 reads an option's choices with)."""
    found = sorted((f.line, f.rule_id) for f in check(COMMAND_LINE_MODEL, ("LM001", "LM007")))
    assert found == [(16, "LM001"), (17, "LM007"), (17, "LM007")]  # (the default and the choice)
    # (an option with neither default nor choices says nothing)
    free = COMMAND_LINE_MODEL.replace('"--model", default="gemini-2.0-flash-exp"', '"--model"')
    assert free != COMMAND_LINE_MODEL
    assert [f.rule_id for f in check(free, ("LM001",))] == []
