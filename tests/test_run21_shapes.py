"""Shapes measurement 21 showed (public 2.x Live code; written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from harness import check, dedent, fixed_text

# A session asking for both modalities prints the text it gets: a TEXT session's reads are
# LM005's business (it reports the TEXT), as runs 12 and 16 decided for TEXT on some runs.
BOTH_MODALITIES = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def step(screenshot):
        config = types.LiveConnectConfig(response_modalities=["AUDIO", "TEXT"])
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:
            await session.send_realtime_input(text="What is on the screen?")
            said = []
            async for response in session.receive():
                if response.text:
                    said.append(response.text)
                if response.server_content and response.server_content.turn_complete:
                    break
            return "".join(said)
''')


def test_text_reads_of_a_session_asking_for_audio_and_text_are_lm005s() -> None:
    assert [(f.rule_id, f.line) for f in check(BOTH_MODALITIES, ("LM005", "LM304"))] == [("LM005", 8)]
    audio = BOTH_MODALITIES.replace('["AUDIO", "TEXT"]', '["AUDIO"]')
    assert audio != BOTH_MODALITIES
    assert [(f.rule_id, f.line) for f in check(audio, ("LM005", "LM304"))] == [("LM304", 13), ("LM304", 14)]


# A raw client's receive generator yields one event per function call, built from the calls
# of a list it bound first; the app's endpoint (another module) answers them.
RAW_EVENTS = dedent('''
    import json

    import websockets

    URL = ("wss://generativelanguage.googleapis.com/ws/"
           "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")


    class GeminiLive:
        async def connect(self, key):
            self.connection = await websockets.connect(f"{URL}?key={key}")
            await self.connection.send(json.dumps({"setup": {
                "model": "models/gemini-3.1-flash-live-preview",
                "tools": [{"functionDeclarations": [{"name": "book"}]}],
            }}))

        async def receive_stream(self):
            async for raw in self.connection:
                message = json.loads(raw)
                tool_call = message.get("toolCall")
                if tool_call:
                    function_calls = tool_call.get("functionCalls", [])
                    for fc in function_calls:
                        yield {"type": "function_call", "id": fc.get("id"), "name": fc.get("name")}
                server_content = message.get("serverContent")
                if server_content and server_content.get("turnComplete"):
                    yield {"type": "turn_complete"}

        async def send_tool_response(self, call_id, name, output):
            await self.connection.send(json.dumps({"toolResponse": {"functionResponses": [
                {"id": call_id, "name": name, "response": output}]}}))
''')


def test_tool_calls_yielded_from_a_list_bound_first_are_handed_off() -> None:
    assert check(RAW_EVENTS, ("LM305",)) == []
    kept = RAW_EVENTS.replace('                    yield {"type": "function_call", "id": fc.get("id"), '
                              '"name": fc.get("name")}\n',
                              '                    print(fc.get("name"))\n')
    assert kept != RAW_EVENTS
    assert [f.rule_id for f in check(kept, ("LM305",))] == ["LM305"]


# A class opens its session, keeps it on `self` for its send methods (called by a web handler),
# starts a receive task and then waits in the block until someone stops it.
HELD_UNTIL_STOPPED = dedent('''
    import asyncio

    from google import genai
    from google.genai import types


    class LiveSession:
        def __init__(self):
            self.client = genai.Client()
            self.live_session = None
            self.is_active = False

        async def start(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            async with self.client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                self.live_session = session
                self.is_active = True
                receive_task = asyncio.create_task(self._receive())
                while self.is_active:
                    await asyncio.sleep(0.1)
                receive_task.cancel()

        async def send_audio(self, chunk):
            await self.live_session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        async def stop(self):
            self.is_active = False

        async def _receive(self):
            async for response in self.live_session.receive():
                print(response.server_content)
''')


def test_a_session_block_that_waits_until_stopped_keeps_its_session_open() -> None:
    found = check(HELD_UNTIL_STOPPED, ("LM402",))
    assert [(f.rule_id, f.line) for f in found] == [("LM402", 15)]
    assert "until stopped" in found[0].message


def test_a_session_block_that_waits_for_its_one_turn_does_not() -> None:
    # a one-shot script waits for the receive task to see the turn end; the session is not
    # kept for other code
    one_shot = dedent('''
        import asyncio

        from google import genai

        client = genai.Client()
        done = False


        async def receive(session):
            global done
            async for response in session.receive():
                if response.server_content and response.server_content.turn_complete:
                    done = True


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                task = asyncio.create_task(receive(session))
                await session.send_realtime_input(text="Hello")
                while not done:
                    await asyncio.sleep(0.1)
                task.cancel()
    ''')
    assert check(one_shot, ("LM402",)) == []


def test_a_tool_run_on_a_calls_arguments_is_not_a_hand_off() -> None:
    # the calls' list bound first and its arguments given to the tool (an imported function):
    # the answer sent is of the old SDK, so nothing here answers (run 12's corrected label)
    code = dedent('''
        from google import genai
        from google.generativeai import types

        from rag import search

        client = genai.Client()


        async def main():
            config = {"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [{"name": "search"}]}]}
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async for response in session.receive():
                    if response.tool_call is not None:
                        function_calls = response.tool_call.function_calls
                        for function_call in function_calls:
                            result = search(function_call.args["query"])
                            print(result)
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM305",))] == [("LM305", 13)]
    handed = code.replace('search(function_call.args["query"])', 'search(function_call)')
    assert handed != code
    assert check(handed, ("LM305",)) == []


def test_an_answer_built_with_the_old_sdks_types_is_no_hand_off() -> None:
    # run 12's corrected label: `google.generativeai.types` has no LiveClientToolResponse, so the
    # answer raises and the call is never answered; building it and sending it on the session
    # hand the call to no one
    code = dedent('''
        from google import genai
        from google.generativeai import types

        client = genai.Client()


        async def main():
            config = {"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [{"name": "lookup"}]}]}
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async for response in session.receive():
                    if response.tool_call is not None:
                        function_calls = response.tool_call.function_calls
                        for function_call in function_calls:
                            try:
                                tool_response = types.LiveClientToolResponse(function_responses=[
                                    types.FunctionResponse(name=function_call.name, id=function_call.id,
                                                           response={"ok": True})])
                                await session.send(input=tool_response)
                            except Exception as e:
                                print(e)
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM305",))] == [("LM305", 11)]


# A framework's session picks v1alpha for affective dialog / proactivity, only off Vertex AI,
# and builds its client with the run-time Vertex flag (LiveKit's plugin, run 20).
FLAGGED_ALPHA = dedent('''
    from google.genai import Client as GenAIClient
    from google.genai import types


    class Session:
        def __init__(self, opts):
            self._opts = opts
            api_version = self._opts.api_version
            if not api_version and (self._opts.enable_affective_dialog or self._opts.proactivity) and not self._opts.vertexai:
                api_version = "v1alpha"
            http_options = self._opts.http_options or types.HttpOptions()
            if api_version:
                http_options.api_version = api_version
            self._client = GenAIClient(api_key=self._opts.api_key, vertexai=self._opts.vertexai, http_options=http_options)

        async def run(self):
            async with self._client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                     config={"response_modalities": ["AUDIO"]}) as session:
                async for message in session.receive():
                    print(message)
''')


def test_v1alpha_chosen_only_off_vertex_is_reported_on_a_client_with_a_run_time_vertex_flag() -> None:
    found = check(FLAGGED_ALPHA, ("LM007",))
    assert [(f.rule_id, f.line, f.fixable) for f in found] == [("LM007", 10, False)]
    # chosen on Vertex AI too (no test of the flag), the Vertex path decides: nothing said
    both = FLAGGED_ALPHA.replace(" and not self._opts.vertexai:", ":")
    assert both != FLAGGED_ALPHA
    assert check(both, ("LM007",)) == []


# Measurement 22: a session manager enters its connect by hand under a timeout and keeps the
# session on `self` for its send methods.
ENTERED_WITH_TIMEOUT = dedent('''
    import asyncio

    from google import genai


    class SessionManager:
        def __init__(self, config):
            self.model_name = config.get("model", "models/gemini-3.1-flash-live-preview")
            self.session = None

        async def connect(self):
            self.client = genai.Client(http_options={"api_version": "v1beta"})
            self.session_context = self.client.aio.live.connect(model=self.model_name)
            self.session = await asyncio.wait_for(self.session_context.__aenter__(), timeout=30.0)

        async def send_text(self, text):
            await self.session.send(text)
''')


def test_a_session_entered_by_hand_under_a_timeout_is_the_session() -> None:
    assert [(f.rule_id, f.line) for f in check(ENTERED_WITH_TIMEOUT, ("LM103",))] == [("LM103", 17)]


def test_a_message_taken_from_the_receive_generator_under_a_timeout_is_a_message() -> None:
    code = dedent('''
        import asyncio

        from google import genai

        client = genai.Client()


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                await session.send_realtime_input(text="Hello")
                receive_gen = session.receive()
                while True:
                    try:
                        response = await asyncio.wait_for(receive_gen.__anext__(), timeout=0.5)
                    except asyncio.TimeoutError:
                        break
                    if response.text:
                        print(response.text)
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM304",))] == [("LM304", 18), ("LM304", 19)]


def test_text_chosen_in_a_branch_for_the_modalities_name_is_reported_without_a_fix() -> None:
    # measurement 22: command agents answer in TEXT, the others in AUDIO
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def run(agent_id):
            if "command" in agent_id:
                response_modalities = ["TEXT"]
            else:
                response_modalities = ["AUDIO"]
            config = {"response_modalities": response_modalities}
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async for message in session.receive():
                    print(message)
    ''')
    found = check(code, ("LM005",))
    assert [(f.rule_id, f.line, f.fix) for f in found] == [("LM005", 11, None)]
    assert "some runs" in found[0].message
    audio = code.replace('["TEXT"]', '["AUDIO"]')
    assert audio != code
    assert check(audio, ("LM005",)) == []


# Measurement 22: a coordinator of another module's session reads one turn of its messages;
# the session reaches it from the session manager's attribute.
HANDED_RECEIVE = dedent('''
    import asyncio

    from google.genai import types


    class Coordinator:
        def __init__(self, session_manager):
            self.session_manager = session_manager

        async def start(self):
            asyncio.create_task(self._receive(self.session_manager.session))

        async def _receive(self, session):
            async for response in session.receive():
                if hasattr(response, "data") and response.data:
                    await self.play(response.data)
                elif hasattr(response, "text") and response.text:
                    await self.show(response.text)
                if response.server_content and response.server_content.turn_complete:
                    break
''')


def test_a_receive_loop_reading_the_server_content_of_a_handed_session_is_a_message_loop() -> None:
    assert [(f.rule_id, f.line) for f in check(HANDED_RECEIVE, ("LM302",))] == [("LM302", 15)]
    # a `receive()` of anything else, whose messages are no server messages: nothing
    other = HANDED_RECEIVE.replace("if response.server_content and response.server_content.turn_complete:",
                                   "if response.done:")
    assert other != HANDED_RECEIVE
    assert check(other, ("LM302",)) == []
    # the server content read through a name bound to it
    bound = HANDED_RECEIVE.replace(
        "            if response.server_content and response.server_content.turn_complete:\n",
        "            server_content = response.server_content\n"
        "            if server_content and server_content.turn_complete:\n")
    assert bound != HANDED_RECEIVE
    assert [(f.rule_id, f.line) for f in check(bound, ("LM302",))] == [("LM302", 15)]
    # ... and in getattr spelling
    spelled = bound.replace("server_content = response.server_content",
                            'server_content = getattr(response, "server_content", None)')
    assert spelled != bound
    assert [(f.rule_id, f.line) for f in check(spelled, ("LM302",))] == [("LM302", 15)]


def test_client_content_passed_positionally_is_not_a_turn_end() -> None:
    # measurement 22's probe scripts: `send_client_content("Hello")` (a TypeError on the SDK,
    # whose arguments are keyword-only) carries text, not the end of an audio turn: rewriting
    # it to `audio_stream_end=True` would drop the text
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                await session.send_client_content("Hello, can you hear me?")
                async for message in session.receive():
                    print(message)
    ''')
    assert fixed_text(code, ("LM101",), unsafe=True) == code
    # read as the user text its author meant (the SDK's method is keyword-only), reported
    # with no fix: what a positional call meant is a human's call (the review)
    found = check(code, ("LM101",))
    assert [(f.rule_id, f.fix) for f in found] == [("LM101", None)]
    assert "no turns" not in found[0].message


def test_a_positional_live_client_content_is_not_a_turn_end() -> None:
    # content this module cannot read, right after connect: what `turns=content` would be
    # (LM102's unreadable seed), never the end of an audio turn
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                content = types.LiveClientContent(parts=[types.Part(text="Hello")])
                await session.send_client_content(content)
    ''')
    assert "audio_stream_end" not in fixed_text(code, ("LM101", "LM102"), unsafe=True)
    keyword = code.replace("send_client_content(content)", "send_client_content(turns=content)")
    assert keyword != code
    assert [(f.rule_id, f.line) for f in check(code, ("LM101", "LM102"))] == \
        [(f.rule_id, f.line) for f in check(keyword, ("LM101", "LM102"))]


def test_a_session_entered_by_hand_and_kept_on_self_is_used_through_the_object(tmp_path) -> None:
    # measurement 22: the agent sends on `self.session_manager.session`, the session the
    # manager's connect() entered by hand
    from harness import findings_by_file, write_tree

    manager = dedent('''
        import asyncio

        from google import genai


        class GeminiSessionManager:
            def __init__(self):
                self.client = genai.Client()
                self.session = None

            async def connect(self):
                self.session_context = self.client.aio.live.connect(
                    model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]})
                self.session = await asyncio.wait_for(self.session_context.__aenter__(), timeout=30.0)
    ''')
    agent = dedent('''
        from .gemini_session_manager import GeminiSessionManager


        class Agent:
            def __init__(self):
                self.session_manager = GeminiSessionManager()

            async def send_frame(self, image_b64):
                await self.session_manager.session.send(input={"mime_type": "image/jpeg", "data": image_b64})
    ''')
    project = write_tree(tmp_path / "robot", {"pkg/__init__.py": "", "pkg/gemini_session_manager.py": manager,
                                                    "pkg/agent.py": agent})
    assert findings_by_file(project, ("LM103",)) == {"pkg/agent.py": [(9, "LM103")]}


# (from the review) a class with its own receive() generator and its own send(): `self` is no
# Live session, nor is a local wrapper class's object
OWN_WRAPPER = dedent('''
    from google import genai

    client = genai.Client()
    MODEL = "gemini-3.1-flash-live-preview"


    class Assistant:
        async def start(self):
            cfg = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
            async with client.aio.live.connect(model=MODEL, config=cfg) as session:
                self._session = session
                await self.run()

        async def send(self, text):
            await self._session.send_realtime_input(text=text)

        async def send_client_content(self, text):
            await self._session.send_realtime_input(text=text)

        async def receive(self):
            async for m in self._session.receive():
                yield m

        async def run(self):
            await self.send("Hello")
            await self.send_client_content("Hi")
            async for m in self.receive():
                if m.server_content and m.server_content.turn_complete:
                    await self.send("Tell me more")
''')


def test_a_classs_own_receive_and_send_are_not_a_live_session() -> None:
    assert check(OWN_WRAPPER, ("LM101", "LM103")) == []


def test_positional_client_content_gets_no_fix() -> None:
    # (from the review) `send_client_content("Hello", False)`: a second positional value would
    # be turn_complete; nothing positional is rewritten
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                await session.send_realtime_input(text="hi")
                await session.send_client_content("Hello", False)
    ''')
    assert all(f.fix is None for f in check(code, ("LM101",)))


def test_the_modality_parameter_fix_edits_only_calls_of_the_function_and_one_config() -> None:
    # (from the review) `exporter.run(..., modality="TEXT")` may be another `run`; a second
    # config taking the parameter would stay without the transcription
    base = dedent('''
        from google import genai

        client = genai.Client()
        MODEL_ID = "gemini-3.1-flash-live-preview"


        async def run(prompt, modality="TEXT"):
            config = {"response_modalities": [modality]}
            async with client.aio.live.connect(model=MODEL_ID, config=config) as session:
                await session.send_realtime_input(text=prompt)


        async def main(exporter):
            await run("Hello?", modality="TEXT")
    ''')
    assert [f.fix is not None for f in check(base, ("LM005",))] == [True]
    other = base + '    exporter.run("report.pdf", modality="TEXT")\n'
    assert [(f.rule_id, f.fix) for f in check(other, ("LM005",))] == [("LM005", None)]
    two = base.replace('    config = {"response_modalities": [modality]}\n',
                       '    if prompt:\n'
                       '        config = {"response_modalities": [modality]}\n'
                       '    else:\n'
                       '        config = {"response_modalities": [modality], "temperature": 0.2}\n')
    assert two != base
    assert all(f.fix is None for f in check(two, ("LM005",)))


def test_a_function_that_classifies_a_message_is_no_return_ladder() -> None:
    # (from the review) constant answers say what the message is; they handle none of its fields
    code = dedent('''
        def status_of(msg):
            sc = msg.server_content
            if sc.interrupted:
                return "interrupted"
            if sc.model_turn:
                return "speaking"
            return "idle"


        def is_noteworthy(msg):
            if msg.server_content.interrupted:
                log("interrupted")
                return True
            if msg.server_content.output_transcription:
                return True
            return False
    ''')
    assert check(code, ("LM302",)) == []


def test_a_class_waiting_for_its_one_turn_keeps_no_session_open() -> None:
    # (from the review) the flag the block waits on is set by the reader at the turn's end
    code = dedent('''
        import asyncio

        from google import genai

        client = genai.Client()


        class OneShot:
            def __init__(self):
                self.done = False
                self.session = None

            async def _reader(self):
                async for m in self.session.receive():
                    if m.server_content and m.server_content.turn_complete:
                        self.done = True
                        return

            async def ask(self, question):
                async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                   config={"response_modalities": ["AUDIO"]}) as session:
                    self.session = session
                    reader = asyncio.create_task(self._reader())
                    await session.send_realtime_input(text=question)
                    while not self.done:
                        await asyncio.sleep(0.1)
                    await reader
    ''')
    assert check(code, ("LM402",)) == []


def test_a_continue_ladder_is_still_reported_on_its_head() -> None:
    # (from the review) a `# noqa: LM302` on the head of a continue ladder keeps working
    code = dedent('''
        async def loop(session):
            async for msg in session.receive():
                if msg.session_resumption_update:  # noqa: LM302
                    remember(msg.session_resumption_update.new_handle)
                    continue
                if msg.server_content.interrupted:
                    flush()
                    continue
                if msg.server_content.model_turn:
                    play(msg)
    ''')
    assert check(code, ("LM302", "LM900")) == []
