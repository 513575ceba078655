"""Shapes from the seventh real-code measurement (and run 6's leftovers) that were missed.

- ``parts = sc.model_turn.parts or []`` then ``for part in parts``: the guard on the name's
  value hid the parts (the same guard written in the ``for`` was known).
- A wrong SAFE hunk: LM104 turned ``media_chunks=[blob]`` into ``audio=blob`` inside a
  ``types.LiveClientRealtimeInput(...)`` handed to the deprecated ``session.send(input=...)``.
  The SDK's ``send`` forwards only the ``media_chunks`` of that type (``google/genai/live.py``,
  ``_parse_client_message``), so the fixed program sent ``{"realtime_input": {"media_chunks":
  null}}`` and the microphone audio was lost. Such an input gets no LM104 fix: LM103 rewrites
  the whole call to ``send_realtime_input(audio=...)``.
"""

from __future__ import annotations

import pytest
from harness import check, dedent, fixed_text

GUARDED_PARTS = dedent('''
    from google import genai

    client = genai.Client()


    async def ask(text, out):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            async for response in session.receive():
                content = response.server_content
                if content.model_turn:
                    parts = content.model_turn.parts{guard}
                    for part in parts:
                        if part.text:
                            out.append(part.text)
''')


@pytest.mark.parametrize("guard", ["", " or []", " if content.model_turn else []"])
def test_a_name_bound_to_the_parts_with_a_guard_is_the_parts(guard: str) -> None:
    found = check(GUARDED_PARTS.replace("{guard}", guard), ("LM304",))
    assert [f.line for f in found] == [14, 15]


LEGACY_SEND_OF_TYPED_INPUT = dedent('''
    from google import genai
    from google.genai import types


    class Session:
        def __init__(self):
            self._client = genai.Client()
            self._live_session = None

        async def open(self):
            self._ctx = self._client.aio.live.connect(
                model="gemini-2.5-flash-native-audio-preview-12-2025",
                config=types.LiveConnectConfig(response_modalities=["AUDIO"]))
            self._live_session = await self._ctx.__aenter__()

        async def send_audio(self, data: bytes) -> None:
            await self._live_session.send(
                input=types.LiveClientRealtimeInput(
                    media_chunks=[types.Blob(data=data, mime_type="audio/pcm;rate=16000")]
                )
            )
''')


def test_lm104_gives_no_fix_inside_an_input_the_deprecated_send_forwards() -> None:
    (finding,) = check(LEGACY_SEND_OF_TYPED_INPUT, ("LM104",))
    assert finding.fix is None
    assert "LM103" in finding.message
    # the safe pass leaves the call as it is (LM103's rewrite is unsafe)
    assert "media_chunks" in fixed_text(LEGACY_SEND_OF_TYPED_INPUT)
    # with the unsafe fixes, LM103 rewrites the whole call to the audio field
    after = fixed_text(LEGACY_SEND_OF_TYPED_INPUT, unsafe=True)
    assert "send_realtime_input(" in after and "audio=types.Blob(" in after and "media_chunks" not in after


def test_lm104_still_fixes_a_typed_input_that_goes_out_in_a_client_message() -> None:
    code = LEGACY_SEND_OF_TYPED_INPUT.replace("""        await self._live_session.send(
            input=types.LiveClientRealtimeInput(""", """        frame = types.LiveClientMessage(
            realtime_input=types.LiveClientRealtimeInput(""").replace("""            )
        )
""", """            )
        )
        await self._live_session.send_realtime_input(**frame.realtime_input.model_dump())
""")
    assert ".send(" not in code
    (finding,) = check(code, ("LM104",))
    assert finding.fix is not None and finding.fix.applicability.name == "SAFE"


MODEL_PICKER = dedent('''
    from google import genai

    ALLOWED_MODELS = [
        {"id": "gemini-2.5-flash-native-audio-latest", "label": "Gemini 2.5 Flash native audio"},
        {"id": "gemini-3.1-flash-live-preview", "label": "Gemini 3.1 Flash Live"},
    ]
    ALLOWED = {m["id"] for m in ALLOWED_MODELS}
    client = genai.Client()


    async def run(model: str):
        if model not in ALLOWED:
            model = ALLOWED_MODELS[0]["id"]
        async with client.aio.live.connect(model=model, config={"response_modalities": ["AUDIO"]}) as session:
            await session.send_realtime_input(text="hi")
''')


def test_lm001_gives_no_fix_to_an_entry_of_a_model_picker_that_lists_the_target_already() -> None:
    """A list of dicts a user picks a model from (run 7): rewriting the 2.5 entry's id made two
    entries with the target's id, one still labelled 2.5."""
    (finding,) = check(MODEL_PICKER, ("LM001",))
    assert finding.line == 4 and finding.fix is None
    assert "already listed beside it" in finding.message


OLD_SDK_FALLBACK = dedent('''
    from typing import Any

    from google import genai

    client = genai.Client()


    async def send_text(session: Any, text: str) -> None:
        if hasattr(session, "send_realtime_input"):
            await session.send_realtime_input(text=text)
            return
        await session.send(input=text, end_of_turn=True)


    async def run():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            await send_text(session, "hi")
''')


@pytest.mark.parametrize("variant", ["return", "else", "not"])
def test_lm103_leaves_an_old_sdk_fallback_unfixed(variant: str) -> None:
    """Run 7: the rewrite made the fallback for SDKs without send_realtime_input call it."""
    code = OLD_SDK_FALLBACK
    if variant == "else":
        code = code.replace("        return\n    await session.send(", "    else:\n        await session.send(")
    elif variant == "not":
        code = code.replace('''    if hasattr(session, "send_realtime_input"):
        await session.send_realtime_input(text=text)
        return
    await session.send(''', '''    if not hasattr(session, "send_realtime_input"):
        await session.send(''').replace("end_of_turn=True)\\n", "end_of_turn=True)\\n        return\\n    await session.send_realtime_input(text=text)\\n", 1)
    assert code != OLD_SDK_FALLBACK or variant == "return"
    (finding,) = check(code, ("LM103",))
    assert finding.fix is None and "fallback" in finding.message
    assert fixed_text(code, unsafe=True).count("session.send(") == 1


def test_lm103_still_fixes_a_send_after_an_if_that_does_not_return() -> None:
    code = OLD_SDK_FALLBACK.replace("        return\n", "        print('sent')\n")
    (finding,) = check(code, ("LM103",))
    assert finding.fix is not None


RECEIVE_TASK_IN_RECONNECT_LOOP = dedent('''
    import asyncio

    from google import genai

    client = genai.Client()


    async def serve(ws, config):
        handle = None
        active = True
        while active:
            config["session_resumption"] = {"handle": handle}
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async def downstream() -> None:
                    nonlocal handle
                    try:
                        async for response in session.receive():
                            if response.go_away:
                                # leave: the outer loop reconnects with the handle
                                break
                            update = response.session_resumption_update
                            if update and update.new_handle:
                                handle = update.new_handle
                            if response.data:
                                await ws.send_bytes(response.data)
                    except Exception:
                        pass

                await asyncio.gather(asyncio.create_task(downstream()))
''')


def test_lm306_leaves_a_goaway_break_that_ends_a_receive_task_of_a_reconnect_loop() -> None:
    """Run 7: the break ends the task; the outer loop reconnects with the resumption handle.
    The finding said nothing reconnects, and its `continue` kept the stale session."""
    assert check(RECEIVE_TASK_IN_RECONNECT_LOOP, ("LM306",)) == []


def test_lm306_still_reports_that_break_when_nothing_reconnects() -> None:
    code = RECEIVE_TASK_IN_RECONNECT_LOOP.replace("    while active:\n", "    if active:\n")
    assert code != RECEIVE_TASK_IN_RECONNECT_LOOP
    assert [f.rule_id for f in check(code, ("LM306",))] == ["LM306"]


def test_lm306_still_reports_a_break_followed_by_more_of_the_task() -> None:
    code = RECEIVE_TASK_IN_RECONNECT_LOOP.replace("                except Exception:\n                    pass\n",
                                                  "                except Exception:\n                    pass\n"
                                                  "                await ws.close()\n")
    assert code != RECEIVE_TASK_IN_RECONNECT_LOOP
    assert [f.rule_id for f in check(code, ("LM306",))] == ["LM306"]


GETATTR_PARTS = dedent('''
    from google import genai

    client = genai.Client()


    async def ask(text, out):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            async for response in session.receive():
                server_content = getattr(response, "server_content", None)
                if server_content is not None:
                    model_turn = getattr(server_content, "model_turn", None)
                    if model_turn is not None:
                        parts = getattr(model_turn, "parts", None) or []
                        for part in parts:
                            txt = getattr(part, "text", None)
                            if txt:
                                out.append(txt)
''')


def test_parts_read_with_getattr_are_the_parts() -> None:
    """Run 7: defensive code reads every field with getattr, the model turn and its parts too."""
    assert [(f.line, f.rule_id) for f in check(GETATTR_PARTS, ("LM304",))] == [(16, "LM304")]


SEND_IMAGE_METHOD = dedent('''
    from google import genai
    from google.genai import types


    class Session:
        def __init__(self):
            self._client = genai.Client()
            self._live_session = None

        async def open(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._ctx = self._client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config)
            self._live_session = await self._ctx.__aenter__()

        async def send_image(self, data: bytes, mime_type: str = "image/jpeg") -> None:
            await self._live_session.send(
                input=types.LiveClientRealtimeInput(media_chunks=[types.Blob(data=data, mime_type=mime_type)])
            )
''')


def test_lm401_counts_frames_whose_mime_type_a_parameter_defaults_to_an_image() -> None:
    """Run 7: a send_image(self, data, mime_type="image/jpeg") method sends camera frames."""
    (finding,) = check(SEND_IMAGE_METHOD, ("LM401",))
    assert finding.line == 12


def test_lm401_leaves_a_parameter_that_defaults_to_audio() -> None:
    assert check(SEND_IMAGE_METHOD.replace('"image/jpeg"', '"audio/pcm;rate=16000"'), ("LM401",)) == []


def test_lm104_still_gives_no_safe_fix_for_a_mime_type_a_parameter_holds() -> None:
    """A default is one choice: another module may pass audio; LM104's safe kind needs the literal."""
    (finding,) = check(SEND_IMAGE_METHOD, ("LM104",))
    assert finding.fix is None


ADK_RUN_CONFIG = dedent('''
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.genai import types


    def build_run_config(voice: str = "Aoede") -> RunConfig:
        return RunConfig(
            streaming_mode=StreamingMode.BIDI,
            response_modalities=["AUDIO"],
            session_resumption=types.SessionResumptionConfig(),
            proactivity=types.ProactivityConfig(proactive_audio=True),
            enable_affective_dialog=True,
        )
''')


def test_an_adk_run_config_for_a_live_run_is_a_live_config() -> None:
    """Run 7 (and the skim before it): ADK opens the Live session with its RunConfig's fields."""
    found = [(f.line, f.rule_id) for f in check(ADK_RUN_CONFIG, ("LM003", "LM004"))]
    assert found == [(10, "LM003"), (11, "LM004")]
    after = fixed_text(ADK_RUN_CONFIG, ("LM003", "LM004"), unsafe=True)
    assert "proactivity" not in after and "enable_affective_dialog" not in after and "session_resumption" in after


def test_an_adk_run_config_of_a_text_run_is_not_live() -> None:
    code = ADK_RUN_CONFIG.replace("        streaming_mode=StreamingMode.BIDI,\n", "")
    assert code != ADK_RUN_CONFIG
    assert check(code, ("LM003", "LM004", "LM005")) == []
    # ... unless the module streams it with run_live
    code += "\n\nasync def stream(runner, queue):\n    async for event in runner.run_live(run_config=build_run_config(), live_request_queue=queue):\n        print(event)\n"
    assert [f.rule_id for f in check(code, ("LM003", "LM004"))] == ["LM003", "LM004"]


CONTINUE_UNDER_AUDIO_TEST = dedent('''
    from google import genai

    client = genai.Client()


    async def run(queue, out):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config={"response_modalities": ["AUDIO"],
                                                   "output_audio_transcription": {}}) as session:
            async for response in session.receive():
                if data := response.data:
                    if queue is not None:
                        queue.put_nowait(data)
                        continue
                sc = response.server_content
                if sc.output_transcription:
                    out.append(sc.output_transcription.text)
''')


def test_lm303_a_continue_nested_under_the_audio_test() -> None:
    """Run 7: the exit sits in an inner `if` whose own test says nothing of audio; the outer
    `if data := response.data:` does."""
    (finding,) = check(CONTINUE_UNDER_AUDIO_TEST, ("LM303",))
    assert finding.line == 14
    after = fixed_text(CONTINUE_UNDER_AUDIO_TEST, ("LM303",), unsafe=True)
    assert "continue" not in after and "queue.put_nowait(data)" in after


YIELDED_CALL_FIELDS = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"],
                                     tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="f")])])


    async def events():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for response in session.receive():
                tool_call = getattr(response, "tool_call", None)
                if tool_call is not None:
                    for fc in getattr(tool_call, "function_calls", None) or []:
                        yield {"type": "tool_call", "name": fc.name, "id": getattr(fc, "id", None)}
''')


def test_lm305_a_call_whose_fields_are_yielded_is_handed_on() -> None:
    """Run 7: the calls iterated as getattr(tool_call, "function_calls", None) or [] were not
    known as the tool call's, so yielding their fields did not count as handing them on."""
    assert check(YIELDED_CALL_FIELDS, ("LM305",)) == []
    logged = YIELDED_CALL_FIELDS.replace('yield {"type": "tool_call", "name": fc.name, "id": getattr(fc, "id", None)}',
                                         'print(fc.name)')
    assert logged != YIELDED_CALL_FIELDS
    assert [f.rule_id for f in check(logged, ("LM305",))] == ["LM305"]


DOCUMENTED_MEDIA = dedent('''
    from google.genai import types


    async def send_audio_chunk(session, pcm: bytes) -> None:
        """Forward PCM audio to Gemini Live.

        Uses ``media=`` which serialises as ``mediaChunks`` on the wire.
        """
        await session.send_realtime_input(media=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
''')


def test_a_fix_that_removes_what_the_functions_docstring_quotes_is_unsafe() -> None:
    """Run 7: LM104's safe hunk left a docstring explaining why the code uses media=."""
    (finding,) = check(DOCUMENTED_MEDIA, ("LM104",))
    assert finding.fix is not None and finding.fix.applicability.name == "UNSAFE"
    assert any("docstring of `send_audio_chunk`" in reason for reason in finding.fix.unsafe_reasons)
    plain = DOCUMENTED_MEDIA.replace("Uses ``media=`` which serialises as ``mediaChunks`` on the wire.",
                                     "Sends one chunk.")
    (finding,) = check(plain, ("LM104",))
    assert finding.fix.applicability.name == "SAFE"


def test_the_prefilter_lets_a_genai_module_with_live_only_settings_through() -> None:
    """An ADK RunConfig builder names neither a session nor a Live type, only settings that
    only Live sessions take; the screen looks for them where google-genai is named."""
    from livemigrate.prefilter import may_touch_live_api, screen_bytes

    data = ADK_RUN_CONFIG.replace("            streaming_mode=StreamingMode.BIDI,\n", "").encode()
    assert may_touch_live_api(data) and screen_bytes(data)[0]
    bare = b"CONFIG = {'enable_affective_dialog': True}\n"
    assert not may_touch_live_api(bare) and not screen_bytes(bare)[0]


# --- run 8 (post-run fixes) -------------------------------------------------------------------
TOOL_BRANCH_NO_TOOLS = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


    async def ask(text):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await session.send_realtime_input(text=text)
            async for message in session.receive():
                if message.tool_call:
                    await session.send_tool_response(function_responses=[])
                    return None
                if message.data:
                    print(len(message.data))
''')


def test_lm306_leaves_a_tool_call_branch_of_a_session_that_declares_no_tools() -> None:
    """Run 8: the branch never runs (the server sends tool calls only for declared functions)."""
    assert check(TOOL_BRANCH_NO_TOOLS, ("LM306",)) == []
    with_tools = TOOL_BRANCH_NO_TOOLS.replace(
        'response_modalities=["AUDIO"])',
        'response_modalities=["AUDIO"],\n'
        '                                 tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="f")])])')
    assert with_tools != TOOL_BRANCH_NO_TOOLS
    assert [f.rule_id for f in check(with_tools, ("LM306",))] == ["LM306"]


GOAWAY_REOPENS = dedent('''
    import asyncio
    import json

    import websockets

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Bridge:
        async def _prewarm(self):
            self.ws = await websockets.connect(URL)
            await self.ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))

        async def _listen(self, ws):
            async for raw in ws:
                resp = json.loads(raw)
                if "goAway" in resp:
                    await ws.close()
                    self._task = asyncio.create_task(self._prewarm())
                    return
                print(resp.get("serverContent"))
''')


def test_lm306_leaves_a_goaway_branch_that_opens_the_next_session() -> None:
    """Run 8: on GoAway the branch starts a task that connects again (a reconnect of its own)."""
    assert check(GOAWAY_REOPENS, ("LM306",)) == []
    plain = GOAWAY_REOPENS.replace("                self._task = asyncio.create_task(self._prewarm())\n", "")
    assert plain != GOAWAY_REOPENS
    assert [f.rule_id for f in check(plain, ("LM306",))] == ["LM306"]


ADK_TOOL = dedent('''
    from google.adk.tools import FunctionTool
    from google.genai import types


    class NonBlockingFunctionTool(FunctionTool):
        def _get_declaration(self):
            declaration = super()._get_declaration()
            declaration.behavior = types.Behavior.NON_BLOCKING
            return declaration
''')
ADK_APP = dedent('''
    from google.adk.agents.run_config import RunConfig, StreamingMode

    from tools import NonBlockingFunctionTool

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # the agent's (every real app names one)


    async def stream(runner, queue):
        config = RunConfig(streaming_mode=StreamingMode.BIDI, response_modalities=["AUDIO"])
        async for event in runner.run_live(run_config=config, live_request_queue=queue):
            print(event)
''')


def test_lm201_on_a_behavior_set_on_an_adk_tools_declaration(tmp_path) -> None:
    """Run 8: an ADK tool overrides _get_declaration and sets NON_BLOCKING on the declaration;
    the app streams with run_live (ADK opens the Live session)."""
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"tools.py": ADK_TOOL, "app.py": ADK_APP})
    assert findings_by_file(project, ("LM201",)) == {"tools.py": [(8, "LM201")]}
    text_app = ADK_APP.replace("runner.run_live(run_config=config, live_request_queue=queue)",
                               "runner.run_async(run_config=config)")
    assert findings_by_file(write_tree(tmp_path / "q", {"tools.py": ADK_TOOL, "app.py": text_app}), ("LM201",)) == {}


SENDER_TASK = dedent('''
    import asyncio

    from google import genai

    client = genai.Client()


    class Consultation:
        async def run(self, mic):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(self._send_audio(session, mic))
                    tg.create_task(self._receive_audio(session))

        async def _send_audio(self, session, mic):
            while True:
                data = await asyncio.to_thread(mic.read, 1024)
                await session.send_realtime_input(audio={"data": data, "mime_type": "audio/pcm;rate=16000"})

        async def _receive_audio(self, session):
            async for response in session.receive():
                print(len(response.data or b""))
''')


def test_lm402_an_endless_sender_the_session_block_starts_keeps_it_open() -> None:
    """Run 8: receive() reads one turn, but the sender task the block starts streams the
    microphone for ever (run 5's shape, with the loop in a method of its own)."""
    (finding,) = check(SENDER_TASK, ("LM402",))
    assert finding.line == 10 and "line 19" in finding.message
    finite = SENDER_TASK.replace("        while True:\n            data = await asyncio.to_thread(mic.read, 1024)\n",
                                 "        for data in mic.frames():\n")
    assert finite != SENDER_TASK
    assert check(finite, ("LM402",)) == []


SLIDE_PROMPT = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def explain(session, instruction: str, image_bytes: bytes | None) -> None:
        parts = [types.Part(text=instruction)]
        if image_bytes:
            parts.append(types.Part(inline_data=types.Blob(data=image_bytes, mime_type="image/png")))
        await session.send_client_content(turns=types.Content(role="user", parts=parts), turn_complete=True)


    async def main(slides):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            for text, png in slides:
                await explain(session, text, png)
                async for message in session.receive():
                    print(message.data)
''')


def test_lm101_gives_no_text_only_fix_for_parts_the_code_appends_to() -> None:
    """Run 8, a wrong SAFE hunk: the parts list starts as one text part and gets the slide
    image appended when there is one; the fix sent the text alone and dropped the image."""
    (finding,) = check(SLIDE_PROMPT, ("LM101",))
    assert finding.fix is None
    appended = ('    if image_bytes:\n'
                '        parts.append(types.Part(inline_data=types.Blob(data=image_bytes, mime_type="image/png")))\n')
    plain = SLIDE_PROMPT.replace(appended, "")
    assert plain != SLIDE_PROMPT
    (finding,) = check(plain, ("LM101",))
    assert finding.fix is not None


ONE_SHOT_ON_A_SHARED_ID = dedent('''
    from google import genai

    client = genai.Client()
    MODEL = "gemini-2.0-flash-live-001"  # also a Vertex AI id: its move is unsafe


    async def speak(text):
        async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
            await session.send_client_content(turns={"role": "user", "parts": [{"text": text}]}, turn_complete=True)
            async for message in session.receive():
                print(message.data)
''')


def test_a_safe_fix_for_the_target_waits_while_the_model_move_is_unsafe() -> None:
    """Run 8: a safe-only run would have rewritten the one-shot prompt for the target while the
    session stays on its 2.x model (the move of a Vertex-shared id is unsafe)."""
    findings = {f.rule_id: f for f in check(ONE_SHOT_ON_A_SHARED_ID, ("LM001", "LM101"))}
    assert findings["LM001"].fix.applicability.name == "UNSAFE"
    held = findings["LM101"].fix
    assert held is not None and held.applicability.name == "UNSAFE"
    assert any("stays on its 2.x model" in reason for reason in held.unsafe_reasons)


SHARED_VERTEX_SETUP = dedent('''
    import json

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def setup(ws, use_vertex, project):
        if use_vertex:
            model_name = f"projects/{project}/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio"
        else:
            model_name = "models/gemini-2.5-flash-native-audio-preview-09-2025"
        msg = {"setup": {"model": model_name, "generation_config": {"response_modalities": ["AUDIO"],
                                                                   "thinking_config": {"thinking_budget": 128}}}}
        await ws.send(json.dumps(msg))
''')


def test_a_setup_shared_by_a_vertex_2x_branch_gets_no_fix_for_the_target() -> None:
    """Run 8: thinking_budget became thinking_level in a setup both branches send; the Vertex AI
    branch keeps gemini-live-2.5-flash-native-audio (no Vertex id for the target), which would
    have been sent a 3.x field. The f-string resource path now names its model."""
    findings = {f.rule_id: f for f in check(SHARED_VERTEX_SETUP, ("LM002",))}
    assert findings["LM002"].fix is None and "Vertex AI" in findings["LM002"].message
    gemini_only = SHARED_VERTEX_SETUP.replace("gemini-live-2.5-flash-native-audio\"", "gemini-2.5-flash-native-audio-preview-09-2025\"")
    assert gemini_only != SHARED_VERTEX_SETUP
    assert check(gemini_only, ("LM002",))[0].fix is not None


def test_a_camel_case_keyword_is_renamed_in_camel_case() -> None:
    """Run 8: ThinkingConfig(thinkingBudget=128) (pydantic's alias, in code that spells every
    keyword so) became thinking_level=...: the rename keeps the code's spelling."""
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
        CONFIG = types.LiveConnectConfig(responseModalities=["AUDIO"],
                                         thinkingConfig=types.ThinkingConfig(thinkingBudget=128))


        async def main():
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=CONFIG) as s:
                await s.send_realtime_input(text="hi")
    ''')
    after = fixed_text(code, ("LM002",), unsafe=True)
    assert "thinkingLevel=" in after and "thinking_level" not in after


RAW_CHAT = dedent('''
    import asyncio
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Chat:
        async def run(self):
            async with connect(URI) as ws:
                self.ws = ws
                await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
                await ws.recv()
                while True:
                    if not await self.send():
                        break
                    await self.recv()

        async def send(self):
            text = await asyncio.to_thread(input, "> ")
            if text == "q":
                return False
            await self.ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": text}]}],
                                                             "turnComplete": True}}))
            return True

        async def recv(self):
            async for raw in self.ws:
                message = json.loads(raw)
                if message.get("serverContent", {}).get("turnComplete"):
                    return
''')


def test_lm402_a_raw_console_chat_that_sends_user_turns_until_the_user_quits() -> None:
    """Run 8: a raw client's session stays open while the user types; only realtime-input
    frames counted for raw clients (send_client_content in a loop did on SDK sessions)."""
    (finding,) = check(RAW_CHAT, ("LM402",))
    assert finding.line == 13 and "user turns" in finding.message
    looped = ("            while True:\n                if not await self.send():\n"
              "                    break\n                await self.recv()\n")
    scripted = RAW_CHAT.replace(looped, "            for _ in range(3):\n                await self.send()\n"
                                        "                await self.recv()\n")
    assert scripted != RAW_CHAT
    assert check(scripted, ("LM402",)) == []


def test_a_rewritten_call_under_a_docstring_naming_its_method_is_unsafe() -> None:
    """Run 8 (after the run): "Send text via client_content" above a one-shot prompt that the
    fix sends as realtime text would describe a call that is gone."""
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def ask(session, text):
            """Send text via client_content and collect the reply."""
            await session.send_client_content(turns=types.Content(role="user", parts=[types.Part(text=text)]),
                                              turn_complete=True)


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await ask(session, "hi")
                async for message in session.receive():
                    print(message.data)
    ''')
    (finding,) = check(code, ("LM101",))
    assert finding.fix is not None and finding.fix.applicability.name == "UNSAFE"
    assert any("docstring of `ask`" in reason for reason in finding.fix.unsafe_reasons)
    plain = code.replace("Send text via client_content and collect the reply.", "Ask and collect the reply.")
    (finding,) = check(plain, ("LM101",))
    assert finding.fix.applicability.name == "SAFE"
