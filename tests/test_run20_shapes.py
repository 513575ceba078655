"""Shapes real hand migrations showed (measurement 20: commits that moved public Live code from
2.x to gemini-3.1-flash-live-preview, compared with what ``fix --unsafe-fixes`` writes; written
from the shapes, not the repositories' code)."""

from __future__ import annotations

import pytest

from harness import check, dedent, fixed_text

# One sender task forwards what the microphone and the camera queue: audio dicts and JPEG
# frames. It sends audio under a MIME test and everything else with the deprecated media=.
QUEUED_MEDIA = dedent('''
    import asyncio
    import base64

    from google import genai

    MODEL = "gemini-3.1-flash-live-preview"


    class Loop:
        def __init__(self):
            self.out_queue = asyncio.Queue(maxsize=5)

        def _grab(self, cap):
            ok, frame = cap.read()
            if not ok:
                return None
            return {"mime_type": "image/jpeg", "data": base64.b64encode(frame).decode()}

        async def camera(self, cap):
            while True:
                frame = await asyncio.to_thread(self._grab, cap)
                if frame is None:
                    break
                await self.out_queue.put(frame)

        async def microphone(self, stream):
            while True:
                data = await asyncio.to_thread(stream.read, 1024)
                self.out_queue.put_nowait({"data": data, "mime_type": "audio/pcm;rate=16000"})

        async def send_realtime(self):
            while True:
                msg = await self.out_queue.get()
                if msg["mime_type"].startswith("audio/"):
                    await self.session.send_realtime_input(audio=msg)
                else:
                    await self.session.send_realtime_input(media=msg)

        async def run(self, cap, stream):
            client = genai.Client()
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
                self.session = session
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(self.camera(cap))
                    tg.create_task(self.microphone(stream))
                    tg.create_task(self.send_realtime())
''')


def test_media_of_a_queue_item_past_an_audio_test_is_the_video_the_other_producer_queued() -> None:
    # the queue holds audio dicts and image frames; past `startswith("audio/")` only frames are left
    assert "await self.session.send_realtime_input(video=msg)" in fixed_text(QUEUED_MEDIA, ("LM104",), unsafe=True)


def test_a_producer_of_unknown_items_leaves_the_kind_unknown() -> None:
    code = QUEUED_MEDIA + "\n    def forward(self, blob):\n        self.out_queue.put_nowait(blob)\n"
    found = check(code, ("LM104",))
    assert len(found) == 1 and found[0].fix is None


def test_a_queue_item_under_an_image_test_is_video_whatever_was_queued() -> None:
    code = QUEUED_MEDIA.replace('msg["mime_type"].startswith("audio/")', 'not msg["mime_type"].startswith("image/")') \
        .replace("self.out_queue.put(frame)", "self.out_queue.put(self.wrap(frame))")
    # `not startswith("image/")` then else: the else branch is an image, whatever was queued
    assert "send_realtime_input(video=msg)" in fixed_text(code, ("LM104",))
    code = QUEUED_MEDIA.replace('if msg["mime_type"].startswith("audio/"):', 'if msg.get("mime_type", "").startswith("image/"):') \
        .replace("audio=msg", "media=msg", 1).replace("else:\n                await self.session.send_realtime_input(media=msg)",
                                                      "else:\n                await self.session.send_realtime_input(audio=msg)")
    assert "if msg.get(\"mime_type\", \"\").startswith(\"image/\"):\n                await self.session.send_realtime_input(video=msg)" \
        in fixed_text(code, ("LM104",))


# A raw client queues each frame as `{"realtime_input": {"media_chunks": frame}}`: the frame,
# not a list of frames, as the field's value.
RAW_FRAME = dedent('''
    import asyncio
    import base64
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Loop:
        def _grab(self, screen):
            image = screen.grab()
            return {"mime_type": "image/jpeg", "data": base64.b64encode(image).decode()}

        async def screen(self, screen):
            while True:
                frame = await asyncio.to_thread(self._grab, screen)
                await asyncio.sleep(1.0)
                msg = {"realtime_input": {"media_chunks": frame}}
                await self.ws.send(json.dumps(msg))

        async def run(self, screen):
            async with connect(URI) as ws:
                self.ws = ws
                await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
                await self.screen(screen)
''')


def test_media_chunks_holding_one_frame_rather_than_a_list_become_video() -> None:
    assert 'msg = {"realtime_input": {"video": frame}}' in fixed_text(RAW_FRAME, ("LM104",))


# A notebook's cells run one after another and rebind the same names: each cell opens its own
# session and reads `turn = session.receive()`. The first cell asks for TEXT.
NOTEBOOK_CELLS = dedent('''
    from google import genai

    client = genai.Client()
    MODEL = "gemini-3.1-flash-live-preview"

    config = {"response_modalities": ["TEXT"]}

    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text="Hello? Gemini are you there?")
        turn = session.receive()
        async for chunk in turn:
            if chunk.text is not None:
                print(f"- {chunk.text}")

    config = {"response_modalities": ["AUDIO"]}

    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_realtime_input(text="Hello? Gemini are you there?")
        turn = session.receive()
        async for response in turn:
            if response.data is not None:
                play(response.data)
''')


def test_a_name_bound_in_a_cells_block_is_that_cells_value_where_the_block_reads_it() -> None:
    # `turn` read in the first block is the first session's receive(): its `.text` is rewritten
    # with the modality (before, both blocks' `turn` counted, and the text read was left as it was)
    fixed = fixed_text(NOTEBOOK_CELLS, unsafe=True)
    assert '"response_modalities": ["AUDIO"], "output_audio_transcription": {}' in fixed
    assert 'print(f"- {content.output_transcription.text}")' in fixed


def test_a_name_written_again_between_the_binding_and_the_read_keeps_every_value() -> None:
    from livemigrate.analysis.bindings import index_bindings
    import libcst as cst

    module = cst.parse_module("x = 1\nif a:\n    x = 2\n    y = x\n    x = 3\nwith f() as g:\n    x = 4\n    if b:\n        x = 5\n    z = x\n")
    bindings = index_bindings(module)
    reads = [n for n in bindings.nodes_of((cst.Name,)) if n.value == "x" and not isinstance(bindings.parent(n), cst.AssignTarget)]
    values = [[v.value for v in bindings.resolve_name("x", read)[1]] for read in reads]
    assert values == [["2"], ["1", "2", "3", "4", "5"]]


# A framework's Live class takes the caller's HTTP options and falls back to v1alpha.
OPTIONS_OR_ALPHA = dedent('''
    from google import genai
    from google.genai.types import HttpOptions, LiveConnectConfig


    class Realtime:
        def __init__(self, model="gemini-3.1-flash-live-preview", api_key=None, http_options=None):
            self.model = model
            http_options = http_options or HttpOptions(api_version="v1alpha")
            self._client = genai.Client(api_key=api_key, http_options=http_options)

        async def run(self):
            async with self._client.aio.live.connect(model=self.model,
                                                     config=LiveConnectConfig(response_modalities=["AUDIO"])) as session:
                async for message in session.receive():
                    print(message)
''')


def test_v1alpha_as_the_fallback_of_the_callers_options_is_reported_without_a_fix() -> None:
    found = check(OPTIONS_OR_ALPHA, ("LM007",))
    assert [(f.rule_id, f.line, f.fix) for f in found] == [("LM007", 8, None)]


# A framework's type of the model names it accepts, with the 2.5 id still its default elsewhere.
MODEL_NAMES_TYPE = dedent('''
    from typing import Literal

    LiveModels = Literal[
        # Gemini API models
        "gemini-2.5-flash-native-audio-preview-12-2025",  # the current native-audio preview
        "gemini-2.5-flash-native-audio-preview-09-2025",  # an older one
    ]
''')


def test_a_literal_type_of_model_names_gets_the_target_beside_the_old_id() -> None:
    # replacing the entry would narrow the type (code passing the old id fails its type check);
    # a maintainer adds the new id beside it
    assert fixed_text(MODEL_NAMES_TYPE, ("LM001",), unsafe=True) == MODEL_NAMES_TYPE.replace(
        '"gemini-2.5-flash-native-audio-preview-12-2025",  # the current native-audio preview\n',
        '"gemini-2.5-flash-native-audio-preview-12-2025",  # the current native-audio preview\n'
        '    "gemini-3.1-flash-live-preview",\n')
    # the type names both generations now: nothing is left to report there
    assert check(fixed_text(MODEL_NAMES_TYPE, ("LM001",), unsafe=True), ("LM001",)) == []
    one_line = 'from typing import Literal\nModel = Literal["gemini-2.5-flash-native-audio-preview-12-2025"]\n'
    assert fixed_text(one_line, ("LM001",), unsafe=True) == one_line.replace(
        '-12-2025"]', '-12-2025", "gemini-3.1-flash-live-preview"]')


# The Live model's constant is also handed to a local helper that only records it as a label.
MODEL_AS_LABEL = dedent('''
    from google import genai

    LIVE_MODEL = "gemini-2.0-flash-live-001"


    async def analyze(client, transcript):
        result = ""
        async with client.aio.live.connect(model=LIVE_MODEL, config={"response_modalities": ["AUDIO"]}) as session:
            await session.send_realtime_input(text=transcript)
            async for response in session.receive():
                if response.server_content and response.server_content.turn_complete:
                    break
        return _parse(result, model=LIVE_MODEL)


    def _parse(text, model):
        return {"text": text, "model": model}
''')


def test_a_local_helper_that_only_records_the_model_is_not_a_non_live_use() -> None:
    found = check(MODEL_AS_LABEL, ("LM001",))
    assert [(f.line, f.fix is not None) for f in found] == [(3, True)]
    # a helper that hands it to generate_content is one
    code = MODEL_AS_LABEL.replace('return {"text": text, "model": model}',
                                  'return genai.Client().models.generate_content(model=model, contents=text)')
    assert [f.fix for f in check(code, ("LM001",))] == [None]


# The raw-WebSocket notebook shape: each field is taken off the message with dict.pop.
RAW_POP = dedent('''
    import base64
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def main(wav):
        async with connect(URI) as ws:
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
            await ws.send(json.dumps({"realtime_input": {"text": "Hello?"}}))
            async for raw_response in ws:
                response = json.loads(raw_response.decode())
                server_content = response.pop("serverContent", None)
                if server_content is None:
                    break
                model_turn = server_content.pop("modelTurn", None)
                if model_turn is not None:
                    b64data = model_turn["parts"][0]["inlineData"]["data"]
                    wav.writeframes(base64.b64decode(b64data))
                turn_complete = server_content.pop("turnComplete", None)
                if turn_complete:
                    break
''')


def test_fields_popped_off_a_raw_message_are_read_like_fields_got_from_it() -> None:
    found = {(f.rule_id, f.line) for f in check(RAW_POP, ("LM301", "LM306"))}
    assert ("LM301", 20) in found and ("LM306", 17) in found


# A framework's session answers in the modality its options choose (AUDIO by default); it
# collects text parts on every run but uses them only when TEXT was chosen.
BOTH_MODALITIES = dedent('''
    from dataclasses import dataclass, field

    from google import genai
    from google.genai.types import LiveConnectConfig


    @dataclass
    class Options:
        response_modalities: list = field(default_factory=lambda: ["AUDIO"])


    class Session:
        def __init__(self, options=None):
            self.config = options or Options()
            self.client = genai.Client()

        async def run(self, emit):
            config = LiveConnectConfig(response_modalities=self.config.response_modalities,
                                       output_audio_transcription={})
            async with self.client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                text, transcript = "", ""
                async for response in session.receive():
                    content = response.server_content
                    if content and content.model_turn:
                        for part in content.model_turn.parts:
                            if part.text:
                                text += part.text
                    if content and content.output_transcription:
                        transcript += content.output_transcription.text or ""
                    if content and content.turn_complete:
                        if "TEXT" in self.config.response_modalities:
                            emit(text)
                        else:
                            emit(transcript)
                        text, transcript = "", ""
''')


def test_text_parts_a_module_uses_only_when_text_was_chosen_are_not_read_as_the_transcript() -> None:
    assert check(BOTH_MODALITIES, ("LM304",)) == []
    # the same loop in a module that never asks which modality it runs in: reported
    single = BOTH_MODALITIES.replace('if "TEXT" in self.config.response_modalities:', "if text:")
    assert [f.rule_id for f in check(single, ("LM304",))] == ["LM304", "LM304"]


# A framework's receive loop hands each tool call to its agent through a method of the class;
# a predicate of the class asks whether a message starts a new reply (a tool call does).
HANDED_TOOL_CALLS = dedent('''
    from google import genai
    from google.genai import types


    class RealtimeSession:
        def __init__(self, channel, tools):
            self._client = genai.Client()
            self._channel = channel
            self._tools = tools

        async def _main(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=self._tools)
            async with self._client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async for response in session.receive():
                    if self._is_new_generation(response):
                        self._start()
                    if response.tool_call:
                        self._handle_tool_calls(response.tool_call)

        def _is_new_generation(self, resp: types.LiveServerMessage) -> bool:
            if resp.tool_call:
                return True
            if (sc := resp.server_content) and sc.model_turn:
                return True
            return False

        def _handle_tool_calls(self, tool_call: types.LiveServerToolCall) -> None:
            for fnc_call in tool_call.function_calls or []:
                self._channel.send_nowait(FunctionCall(call_id=fnc_call.id, name=fnc_call.name))

        def _start(self):
            pass
''')


def test_tool_calls_a_local_method_hands_to_the_framework_and_a_predicate_are_not_unanswered() -> None:
    assert check(HANDED_TOOL_CALLS, ("LM305",)) == []
    # a handler that only logs each call leaves it unanswered (reported at the loop's read)
    dropped = HANDED_TOOL_CALLS.replace("self._channel.send_nowait(FunctionCall(call_id=fnc_call.id, name=fnc_call.name))",
                                        "print(fnc_call.name)")
    assert [(f.rule_id, f.line) for f in check(dropped, ("LM305",))] == [("LM305", 17)]


# A framework converts each message to one event and returns as soon as it has one: the output
# transcript's return sits under a test of its text, inside the test of the field.
CONVERTER = dedent('''
    from google import genai
    from google.genai.types import LiveServerMessage


    class Model:
        def __init__(self):
            self._client = genai.Client()

        async def receive(self):
            config = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
            async with self._client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async for message in session.receive():
                    for event in self._convert(message):
                        yield event

        def _convert(self, message: LiveServerMessage) -> list:
            if message.server_content and message.server_content.output_transcription:
                output_transcript = message.server_content.output_transcription
                if output_transcript.text:
                    return [("transcript", output_transcript.text)]

            if message.data:
                return [("audio", message.data)]

            return []
''')


def test_a_return_under_a_test_of_the_transcripts_text_skips_the_audio_below() -> None:
    assert [(f.rule_id, f.line) for f in check(CONVERTER, ("LM303",))] == [("LM303", 20)]


def test_a_helper_recording_the_model_through_another_helper_is_not_a_non_live_use() -> None:
    code = MODEL_AS_LABEL.replace('return {"text": text, "model": model}',
                                  'if not text:\n        return _empty(model=model)\n    return {"text": text, "model": model}') \
        + '\n\ndef _empty(model="unavailable"):\n    return {"text": "", "model": model}\n'
    assert [(f.line, f.fix is not None) for f in check(code, ("LM001",))] == [(3, True)]


# A notebook's helper takes the modality as a parameter, TEXT by default and in every call.
MODALITY_PARAMETER = dedent('''
    from google import genai

    client = genai.Client()
    MODEL_ID = "gemini-3.1-flash-live-preview"


    async def run(prompt, modality="TEXT", tools=None):
        config = {"tools": tools or [], "response_modalities": [modality]}
        async with client.aio.live.connect(model=MODEL_ID, config=config) as session:
            await session.send_realtime_input(text=prompt)
            async for response in session.receive():
                print(response)


    async def main():
        await run("Hello?", modality="TEXT")
        await run("Turn on the lights", modality="TEXT")
''')


def test_text_passed_for_a_modality_parameter_is_reported_on_the_config() -> None:
    found = check(MODALITY_PARAMETER, ("LM005",))
    assert [(f.rule_id, f.line, f.fix is not None and f.fix.applicability.value) for f in found] == [("LM005", 8, "unsafe")]
    assert "(line 7, 16, 17)" in found[0].message
    # the unsafe fix writes AUDIO where the TEXT is passed (as the cookbook's maintainers did in
    # its tools notebook) and enables the transcription in the config
    fixed = fixed_text(MODALITY_PARAMETER, ("LM005",), unsafe=True)
    assert fixed == (MODALITY_PARAMETER.replace('modality="TEXT"', 'modality="AUDIO"')
                     .replace('"response_modalities": [modality]}',
                              '"response_modalities": [modality], "output_audio_transcription": {}}'))
    assert fixed_text(MODALITY_PARAMETER, ("LM005",)) == MODALITY_PARAMETER
    # a parameter no call here fills with TEXT (a framework's users choose): not reported
    users = MODALITY_PARAMETER.replace('modality="TEXT", tools', 'modality="AUDIO", tools').replace('modality="TEXT")', 'modality="AUDIO")')
    assert check(users, ("LM005",)) == []


def test_a_module_serving_both_modalities_without_reading_the_transcript_keeps_its_text_findings() -> None:
    # AUDIO runs show no words at all there: the text reads are still what LM304 is about
    code = BOTH_MODALITIES.replace("                if content and content.output_transcription:\n"
                                   "                    transcript += content.output_transcription.text or \"\"\n", "")
    assert code != BOTH_MODALITIES
    assert [f.rule_id for f in check(code, ("LM304",))] == ["LM304", "LM304"]


# A framework sets the version on its HTTP options after building them, v1alpha when the
# caller turns on affective dialog or proactive audio.
VERSION_SET_LATER = dedent('''
    from google.genai import Client as GenAIClient
    from google.genai import types


    class RealtimeSession:
        def __init__(self, opts):
            self._opts = opts
            api_version = self._opts.api_version
            if not api_version and (self._opts.enable_affective_dialog or self._opts.proactivity):
                api_version = "v1alpha"
            http_options = self._opts.http_options or types.HttpOptions(timeout=30000)
            if api_version:
                http_options.api_version = api_version
            self._client = GenAIClient(api_key=self._opts.api_key, http_options=http_options)

        async def run(self):
            async with self._client.aio.live.connect(model=self._opts.model, config=types.LiveConnectConfig()) as session:
                async for message in session.receive():
                    print(message)
''')

# A framework fills its client's keyword arguments in a method: v1alpha when the caller gave none.
CLIENT_KWARGS_FILLED = dedent('''
    from google import genai
    from google.genai import types


    class Model:
        def __init__(self, client_config=None):
            self._client_config = self._resolve_client_config(client_config or {})
            self._client = genai.Client(**self._client_config)

        def _resolve_client_config(self, config):
            resolved = config.copy()
            if "http_options" not in resolved:
                resolved["http_options"] = {"api_version": "v1alpha"}
            return resolved

        async def run(self):
            async with self._client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                     config=types.LiveConnectConfig()) as session:
                async for message in session.receive():
                    print(message)
''')


def test_v1alpha_set_on_the_options_later_or_in_the_clients_filled_kwargs_is_reported() -> None:
    assert [(f.rule_id, f.line, f.fix) for f in check(VERSION_SET_LATER, ("LM007",))] == [("LM007", 10, None)]
    assert [(f.rule_id, f.line, f.fix) for f in check(CLIENT_KWARGS_FILLED, ("LM007",))] == [("LM007", 13, None)]


def test_a_parts_loop_checking_hasattr_text_gets_the_transcript_fix() -> None:
    # `hasattr(part, "text") and part.text` (threat-vector, Strands): the check goes with the part
    code = MODEL_AS_LABEL.replace(
        "            if response.server_content and response.server_content.turn_complete:\n",
        "            content = response.server_content\n"
        "            if content and content.model_turn:\n"
        "                for part in content.model_turn.parts:\n"
        "                    if hasattr(part, \"text\") and part.text:\n"
        "                        result += part.text\n"
        "            if response.server_content and response.server_content.turn_complete:\n")
    assert code != MODEL_AS_LABEL
    fixed = fixed_text(code, ("LM304",), unsafe=True)
    assert ("            if content and content.output_transcription and content.output_transcription.text:\n"
            "                result += content.output_transcription.text\n") in fixed
    assert "hasattr" not in fixed
    # alone in its test, the check would be left with no part to ask about: no fix
    alone = code.replace('if hasattr(part, "text") and part.text:', 'if hasattr(part, "text"):')
    assert all(f.fix is None for f in check(alone, ("LM304",)))


def test_options_two_clients_take_are_reported_once() -> None:
    code = OPTIONS_OR_ALPHA.replace(
        "        self._client = genai.Client(api_key=api_key, http_options=http_options)\n",
        "        if api_key:\n"
        "            self._client = genai.Client(api_key=api_key, http_options=http_options)\n"
        "        else:\n"
        "            self._client = genai.Client(http_options=http_options)\n")
    assert code != OPTIONS_OR_ALPHA
    assert [(f.rule_id, f.line) for f in check(code, ("LM007",))] == [("LM007", 8)]


def test_a_queue_kind_from_the_producers_alone_is_an_unsafe_fix_and_other_classes_queues_do_not_count() -> None:
    found = check(QUEUED_MEDIA, ("LM104",))
    assert [f.fix.applicability.value for f in found] == ["unsafe"]  # code elsewhere may queue other media
    assert "media=msg" in fixed_text(QUEUED_MEDIA, ("LM104",))  # not a safe fix
    two = dedent('''
        import asyncio

        from google import genai


        class Mic:
            def __init__(self):
                self.out_queue = asyncio.Queue()

            async def listen(self, stream):
                data = await asyncio.to_thread(stream.read, 1024)
                await self.out_queue.put({"data": data, "mime_type": "audio/pcm;rate=16000"})


        class Camera:
            def __init__(self):
                self.out_queue = asyncio.Queue()

            async def send(self, session):
                frame = await self.out_queue.get()
                await session.send_realtime_input(media=frame)
    ''')
    # the Mic's audio is another queue: the camera's kind is not known
    assert [f.fix for f in check(two, ("LM104",))] == [None]


def test_a_text_test_of_other_modalities_does_not_exempt_a_literal_audio_session() -> None:
    # (from the review) a helper describing some config does not make this AUDIO session's `.text` a TEXT run's
    code = dedent('''
        from google import genai

        client = genai.Client()
        MODEL = "gemini-3.1-flash-live-preview"


        def describe(config):
            return "text" if config["response_modalities"] == ["TEXT"] else "voice"


        async def answer(prompt):
            heard, said = "", ""
            config = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
            async with client.aio.live.connect(model=MODEL, config=config) as session:
                async for response in session.receive():
                    if response.server_content and response.server_content.output_transcription:
                        heard += response.server_content.output_transcription.text or ""
                    if response.text:
                        said += response.text
    ''')
    assert [f.rule_id for f in check(code, ("LM304",))] == ["LM304", "LM304"]


def test_a_handler_returning_a_bool_that_drops_the_tool_call_is_still_reported() -> None:
    # (from the review) the only read of the tool call is in a bool-returning handler
    code = dedent('''
        from google import genai
        from google.genai import types


        class Agent:
            def __init__(self, tools):
                self._client = genai.Client()
                self._tools = tools

            async def run(self):
                config = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=self._tools)
                async with self._client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                    async for msg in session.receive():
                        if not self._keep_going(msg):
                            break

            def _keep_going(self, msg) -> bool:
                if msg.tool_call:
                    print("model asked for tools")
                    return False
                return True
    ''')
    assert [f.rule_id for f in check(code, ("LM305",))] == ["LM305"]
    # a call after `*args`: which parameter the tool call fills is not known, nor is it handed off
    starred = HANDED_TOOL_CALLS.replace("self._handle_tool_calls(response.tool_call)",
                                        "self._route(*self._extra, response.tool_call)") + \
        "\n    def _route(self, channel, tool_call):\n        print(tool_call)\n        channel.send_nowait(channel)\n"
    assert [f.rule_id for f in check(starred, ("LM305",))] == ["LM305"]


def test_an_unrelated_exit_under_the_transcript_test_is_not_after_the_transcript() -> None:
    # (from the review) `if self.cancelled: return` before the transcript is read
    code = CONVERTER.replace("            output_transcript = message.server_content.output_transcription\n"
                             "            if output_transcript.text:\n"
                             "                return [(\"transcript\", output_transcript.text)]\n",
                             "            if self.cancelled:\n"
                             "                return []\n"
                             "            print(message.server_content.output_transcription.text)\n")
    assert code != CONVERTER
    assert check(code, ("LM303",)) == []


def test_a_helper_building_kwargs_with_the_model_for_a_call_hands_it_on() -> None:
    # (from the review) `kwargs = {"model": model, ...}` then `generate_content(**kwargs)`
    code = MODEL_AS_LABEL.replace('return {"text": text, "model": model}',
                                  'kwargs = {"model": model, "contents": text}\n'
                                  '    return genai.Client().models.generate_content(**kwargs)')
    assert code != MODEL_AS_LABEL
    assert [f.fix for f in check(code, ("LM001",))] == [None]
    printed = MODEL_AS_LABEL.replace('return {"text": text, "model": model}',
                                     'print(f"model: {model}")\n    return {"text": text, "model": model}')
    assert [(f.line, f.fix is not None) for f in check(printed, ("LM001",))] == [(3, True)]


@pytest.mark.parametrize("before,after", [
    pytest.param(  # the last entry, black's trailing comma: the new id keeps the entries' indentation
        'Model = Literal[\n    "my-tuned-model",  # ours\n    "gemini-2.5-flash-native-audio-preview-12-2025",  # native\n]\n',
        'Model = Literal[\n    "my-tuned-model",  # ours\n    "gemini-2.5-flash-native-audio-preview-12-2025",  # native\n'
        '    "gemini-3.1-flash-live-preview",\n]\n', id="last-entry"),
    pytest.param(  # a comment above the next entry stays above it
        'Model = Literal[\n    "gemini-2.5-flash-native-audio-preview-12-2025",\n    # the Vertex AI one\n    "other-model",\n]\n',
        'Model = Literal[\n    "gemini-2.5-flash-native-audio-preview-12-2025",\n    "gemini-3.1-flash-live-preview",\n'
        '    # the Vertex AI one\n    "other-model",\n]\n', id="comment-above-next"),
])
def test_the_literal_entry_keeps_the_types_layout(before: str, after: str) -> None:
    head = "from typing import Literal\n\n"
    assert fixed_text(head + before, ("LM001",), unsafe=True) == head + after


def test_a_literal_last_entry_without_a_comma_on_its_own_line_gets_no_fix() -> None:
    code = 'from typing import Literal\n\nModel = Literal[\n    "gemini-2.5-flash-native-audio-preview-12-2025"  # native\n]\n'
    assert [f.fix for f in check(code, ("LM001",))] == [None]


def test_v1alpha_set_on_literal_options_before_the_client_counts_and_after_it_does_not() -> None:
    # (from the review) the options resolve to a literal; a flag sets the version before the client
    code = dedent('''
        from google import genai
        from google.genai import types


        async def main(use_alpha):
            http_options = types.HttpOptions(timeout=30000)
            if use_alpha:
                http_options.api_version = "v1alpha"
            client = genai.Client(http_options=http_options)
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                async for message in session.receive():
                    print(message)
    ''')
    assert [(f.rule_id, f.line, f.fix) for f in check(code, ("LM007",))] == [("LM007", 8, None)]
    # set after the Live client is built (for another client made later): not this client's
    after = code.replace('    if use_alpha:\n        http_options.api_version = "v1alpha"\n'
                         '    client = genai.Client(http_options=http_options)\n',
                         '    client = genai.Client(http_options=http_options)\n'
                         '    if use_alpha:\n        http_options.api_version = "v1alpha"\n')
    assert after != code
    assert check(after, ("LM007",)) == []


def test_a_second_old_id_of_a_literal_type_is_reported_until_the_type_names_the_target() -> None:
    code = MODEL_NAMES_TYPE
    assert [(f.line, f.fix is not None) for f in check(code, ("LM001",))] == [(5, True), (6, False)]
    assert check(fixed_text(code, ("LM001",), unsafe=True), ("LM001",)) == []


def test_a_transcript_popped_off_a_raw_message_needs_the_transcription_enabled() -> None:
    # (from the review) `.pop` read like `.get` by LM009 as well
    code = RAW_POP.replace('            turn_complete = server_content.pop("turnComplete", None)\n',
                           '            said = server_content.pop("outputTranscription", None)\n'
                           '            if said:\n'
                           '                print(said.get("text", ""))\n'
                           '            turn_complete = server_content.pop("turnComplete", None)\n')
    assert code != RAW_POP
    assert "LM009" in {f.rule_id for f in check(code, ("LM009",))}


def test_literal_imported_under_another_name_is_a_literal_type() -> None:
    code = MODEL_NAMES_TYPE.replace("from typing import Literal", "from typing_extensions import Literal as TELiteral") \
        .replace("LiveModels = Literal[", "LiveModels = TELiteral[")
    assert code != MODEL_NAMES_TYPE
    assert '    "gemini-3.1-flash-live-preview",\n' in fixed_text(code, ("LM001",), unsafe=True)
    assert '"gemini-2.5-flash-native-audio-preview-12-2025",  # the current' in fixed_text(code, ("LM001",), unsafe=True)


# A per-message converter: each field's branch returns what it made of the message, so only the
# first field present is handled (a sibling-`if` ladder of `return`s, not of `continue`s).
RETURN_LADDER = dedent('''
    from google import genai

    client = genai.Client()


    class Model:
        def _convert(self, message):
            if message.go_away:
                raise TimeoutError(message.go_away.time_left)

            if message.session_resumption_update:
                update = message.session_resumption_update
                if update.resumable and update.new_handle:
                    self.handle = update.new_handle
                return []

            if message.server_content and message.server_content.interrupted:
                return [("interrupted",)]

            if message.server_content and message.server_content.input_transcription:
                said = message.server_content.input_transcription
                if said.text:
                    return [("user", said.text)]

            if message.data:
                return [("audio", message.data)]

            if message.tool_call:
                return [("tool", call) for call in message.tool_call.function_calls]
            return []

        async def receive(self):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async for message in session.receive():
                    for event in self._convert(message):
                        yield event
''')


def test_a_return_ladder_in_a_per_message_converter_is_reported_on_its_first_branch_that_can_lose_a_field() -> None:
    # the resumption branch is another kind of message (the oneof): the interrupted one is the
    # first whose message can carry another branch's field
    found = [(f.rule_id, f.line, f.fixable) for f in check(RETURN_LADDER, ("LM302",))]
    assert found == [("LM302", 17, False)]
    (finding,) = check(RETURN_LADDER, ("LM302",))
    assert "`return`" in finding.message
    # the transcript's exit under its own test is LM303's: an audio read follows it
    assert [(f.rule_id, f.line) for f in check(RETURN_LADDER, ("LM303",))] == [("LM303", 23)]


def test_a_return_ladder_of_one_kind_per_branch_or_of_filters_is_not() -> None:
    kinds = dedent('''
        def convert(message):
            if message.session_resumption_update:
                remember(message.session_resumption_update.new_handle)
                return []
            if message.tool_call:
                return [("tool", call) for call in message.tool_call.function_calls]
            if message.server_content and message.server_content.model_turn:
                return [("turn", message.server_content.model_turn)]
            return []
    ''')
    assert check(kinds, ("LM302",)) == []
    filters = dedent('''
        def convert(message):
            if message.server_content.interrupted:
                return None
            if message.server_content.model_turn:
                return [("turn", message.server_content.model_turn)]
            return []
    ''')
    assert check(filters, ("LM302",)) == []


def test_a_return_ladder_with_usage_last_is_reported_on_its_first_server_content_rung() -> None:
    # any message may carry usage metadata: the resumption rung meets it, but loses nothing of
    # its own kind; the interrupted rung drops the transcript and the audio below it
    code = RETURN_LADDER.replace(
        "        return []\n\n    async def receive",
        "        if message.usage_metadata:\n"
        "            return [(\"usage\", message.usage_metadata.total_token_count)]\n"
        "        return []\n\n    async def receive")
    assert code != RETURN_LADDER
    assert [(f.rule_id, f.line) for f in check(code, ("LM302",))] == [("LM302", 17)]
