"""Shapes measurement 23 showed (public 2.x Live code; written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, fixed_text, write_tree

# An ADK lab streams with run_live on an agent built by a factory of the module; the agent's
# model, written there, is what ADK opens its Live session with.
ADK_TEXT_LAB = dedent('''
    from google.adk.agents import LlmAgent, LiveRequestQueue
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.adk.runners import Runner
    from google.adk.sessions import InMemorySessionService


    def create_agent():
        agent = LlmAgent(name="demo", model="gemini-2.0-flash", instruction="Be brief.")
        return agent


    async def demo():
        runner = Runner(agent=create_agent(), app_name="demo", session_service=InMemorySessionService())
        queue = LiveRequestQueue()
        run_config = RunConfig(streaming_mode=StreamingMode.BIDI, response_modalities=["TEXT"])
        async for event in runner.run_live(user_id="u", session_id="s", live_request_queue=queue,
                                           run_config=run_config):
            print(event)
''')


def test_an_adk_run_configs_model_is_the_agent_its_runner_runs() -> None:
    # a text model's id: TEXT is what it answers in (LM005's docs), whatever the RunConfig says
    assert check(ADK_TEXT_LAB, ("LM005",)) == []
    native = ADK_TEXT_LAB.replace("gemini-2.0-flash", "gemini-2.5-flash-native-audio-preview-12-2025")
    assert native != ADK_TEXT_LAB
    assert [(f.rule_id, f.line) for f in check(native, ("LM005",))] == [("LM005", 15)]


def test_an_adk_agent_bound_to_a_name_and_passed_to_the_runner() -> None:
    named = ADK_TEXT_LAB.replace(
        '    runner = Runner(agent=create_agent(), app_name="demo", session_service=InMemorySessionService())\n',
        '    agent = create_agent()\n'
        '    runner = Runner(agent=agent, app_name="demo", session_service=InMemorySessionService())\n')
    assert named != ADK_TEXT_LAB
    assert check(named, ("LM005",)) == []


def test_an_adk_agent_the_module_imports_leaves_the_model_unknown() -> None:
    imported = ADK_TEXT_LAB.replace(
        'def create_agent():\n'
        '    agent = LlmAgent(name="demo", model="gemini-2.0-flash", instruction="Be brief.")\n'
        '    return agent\n',
        'from .agent import create_agent\n')
    assert imported != ADK_TEXT_LAB
    assert [f.rule_id for f in check(imported, ("LM005",))] == ["LM005"]


# A phone bridge's receive task handles a transfer tool: under a test of the call's name inside
# the loop over the message's function calls, it returns (the receive loop ends there).
TRANSFER_TOOL = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="transfer")])]
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=TOOLS)


    async def bridge(phone, transfer):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            while True:
                async for response in session.receive():
                    if response.server_content and response.server_content.model_turn:
                        for part in response.server_content.model_turn.parts:
                            await phone.send(part.inline_data.data)
                    if response.tool_call:
                        for call in response.tool_call.function_calls:
                            if call.name == "transfer":
                                transfer()
                                return
''')


def test_a_return_under_a_test_of_the_calls_name_in_the_loop_over_them_ends_the_receive_loop() -> None:
    assert [(f.rule_id, f.line) for f in check(TRANSFER_TOOL, ("LM306",))] == [("LM306", 20)]
    # a `break` there leaves the loop over the calls only
    inner = TRANSFER_TOOL.replace("                            return\n", "                            break\n")
    assert inner != TRANSFER_TOOL
    assert check(inner, ("LM306",)) == []


def test_a_transfer_that_closes_the_callers_socket_first_is_a_hang_up() -> None:
    hang_up = TRANSFER_TOOL.replace("                            transfer()\n",
                                    "                            transfer()\n"
                                    "                            await phone.close()\n")
    assert hang_up != TRANSFER_TOOL
    assert check(hang_up, ("LM306",)) == []


# A screen analyzer's base class sends a screenshot as a blob bound first, through the
# deprecated `media=`; a web subclass in another module opens its own session and gathers the
# base class's tasks.
ANALYZER_BASE = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    MODEL = "models/gemini-2.0-flash-live-001"
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])
    client = genai.Client()


    class Analyzer:
        async def analyse(self):
            while True:
                blob = types.Blob(data=grab(), mime_type="image/jpeg")
                await self.session.send_realtime_input(media=blob)
                await asyncio.sleep(3)

        async def listen(self):
            while True:
                await self.session.send_realtime_input(audio=types.Blob(data=read(), mime_type="audio/pcm;rate=16000"))
''')

ANALYZER_WEB = dedent('''
    import asyncio

    from analyzer import Analyzer, CONFIG, MODEL, client


    class WebAnalyzer(Analyzer):
        async def run(self):
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                self.session = session
                tasks = [self.analyse(), self.listen()]
                await asyncio.gather(*tasks)
''')


def test_a_base_class_method_sending_an_image_blob_through_media_makes_the_subclass_session_a_video_one(
        tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"analyzer.py": ANALYZER_BASE, "web.py": ANALYZER_WEB})
    assert findings_by_file(project, ("LM401",)).get("web.py") == [(8, "LM401")]
    audio_only = ANALYZER_BASE.replace('mime_type="image/jpeg"', 'mime_type="audio/pcm;rate=16000"')
    assert audio_only != ANALYZER_BASE
    project = write_tree(tmp_path / "q", {"analyzer.py": audio_only, "web.py": ANALYZER_WEB})
    assert "web.py" not in findings_by_file(project, ("LM401",))


def test_a_subclass_session_running_its_base_classes_endless_loops_runs_long(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"analyzer.py": ANALYZER_BASE, "web.py": ANALYZER_WEB})
    assert findings_by_file(project, ("LM402",)).get("web.py") == [(8, "LM402")]
    # loops that end by themselves keep nothing open
    finite = ANALYZER_BASE.replace("while True:", "for _ in range(3):")
    assert finite != ANALYZER_BASE
    project = write_tree(tmp_path / "q", {"analyzer.py": finite, "web.py": ANALYZER_WEB})
    assert "web.py" not in findings_by_file(project, ("LM402",))


# The cookbook-style receive task: audio bound with `:=` in the first test, the words in the
# `elif` (after LM304's rewrite, the transcript, also bound with `:=`).
WALRUS_CHAIN = dedent('''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}


    async def main(q):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for response in session.receive():
                if data := response.data:
                    q.put_nowait(data)
                elif text := response.server_content.output_transcription.text:
                    print(text, end="")
''')


def test_a_chain_whose_tests_bind_names_only_their_own_branches_read_is_split() -> None:
    fixed = fixed_text(WALRUS_CHAIN, ("LM302",), unsafe=True)
    split = WALRUS_CHAIN.replace("            elif text :=", "            if text :=")
    assert split != WALRUS_CHAIN
    assert fixed == split
    # a name one test binds and a later test reads: the order of the tests matters
    shared = WALRUS_CHAIN.replace("elif text := response.server_content.output_transcription.text:",
                                  "elif not data and (text := response.server_content.output_transcription.text):")
    assert shared != WALRUS_CHAIN
    assert fixed_text(shared, ("LM302",), unsafe=True) == shared
    # a name a test binds, read after the chain: split, that test runs on every message
    after = WALRUS_CHAIN + "            log.append(text)\n"
    assert fixed_text(after, ("LM302",), unsafe=True) == after


# An ADK lab's text RunConfig, in a module importing google-genai's types: the transcription
# it gets is written as the module writes typed configs.
ADK_TEXT_RUN_CONFIG = dedent('''
    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.genai import types


    def text_mode():
        return RunConfig(
            streaming_mode=StreamingMode.BIDI,
            response_modalities=["TEXT"],
        )
''')


def test_a_run_configs_transcription_is_written_with_the_modules_types_alias() -> None:
    fixed = fixed_text(ADK_TEXT_RUN_CONFIG, ("LM005",), unsafe=True)
    assert fixed == ADK_TEXT_RUN_CONFIG.replace(
        '        response_modalities=["TEXT"],\n',
        '        response_modalities=["AUDIO"],\n'
        '        output_audio_transcription=types.AudioTranscriptionConfig(),\n')
    # no types module imported: a dict, which the config's model takes as well
    untyped = ADK_TEXT_RUN_CONFIG.replace("from google.genai import types\n", "")
    assert fixed_text(untyped, ("LM005",), unsafe=True) == untyped.replace(
        '        response_modalities=["TEXT"],\n',
        '        response_modalities=["AUDIO"],\n'
        '        output_audio_transcription={},\n')


# An early relay (an old google-genai) answers tool calls with the deprecated `send` of a list
# it fills with function-response dicts.
APPENDED_RESPONSES = dedent('''
    from google import genai

    client = genai.Client(http_options={"api_version": "v1alpha"})
    CONFIG = {"tools": [{"function_declarations": [{"name": "set_light"}]}]}


    async def relay(browser):
        async with client.aio.live.connect(model="gemini-2.0-flash-exp", config=CONFIG) as session:
            async for response in session.receive():
                if response.tool_call is not None:
                    function_responses = []
                    for call in response.tool_call.function_calls:
                        result = set_light(**call.args)
                        function_responses.append({"name": call.name, "response": {"result": result}, "id": call.id})
                    await session.send(function_responses)
                    continue
                await browser.send(response.data)
''')


def test_a_list_filled_with_function_response_dicts_sent_through_send_answers_the_call() -> None:
    assert check(APPENDED_RESPONSES, ("LM305",)) == []
    found = check(APPENDED_RESPONSES, ("LM103",))
    assert [(f.rule_id, f.line) for f in found] == [("LM103", 15)]
    assert "send_tool_response(function_responses=function_responses)" in fixed_text(APPENDED_RESPONSES, ("LM103",))
    # a list given other things is no answer
    other = APPENDED_RESPONSES.replace('{"name": call.name, "response": {"result": result}, "id": call.id}',
                                       '{"light": result}')
    assert other != APPENDED_RESPONSES
    assert [f.rule_id for f in check(other, ("LM305",))] == ["LM305"]


# A benchmark's agent class: its message handler, testing `hasattr(response, "tool_call")`, emits
# each tool call as an event on a queue its `subscribe` generator drains and yields to the
# framework, whose result events come back through `publish` and are answered there.
EVENT_AGENT = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="lookup")])]


    class GeminiAgent:
        def __init__(self):
            self._queue = asyncio.Queue()
            self._names = {}

        async def run(self):
            client = genai.Client()
            config = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=TOOLS)
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                self._session = session
                async for response in session.receive():
                    if hasattr(response, "tool_call") and response.tool_call:
                        for fc in response.tool_call.function_calls:
                            self._names[fc.id] = fc.name
                            await self._queue.put(ToolCallEvent(id=fc.id, name=fc.name, arguments=fc.args))

        async def subscribe(self):
            while True:
                event = await asyncio.wait_for(self._queue.get(), timeout=0.1)
                yield event

        async def publish(self, event):
            if event.type == "tool_call.result":
                response = types.FunctionResponse(id=event.id, name=self._names.get(event.id), response={"r": event.content})
                await self._session.send_tool_response(function_responses=[response])
''')


def test_a_hasattr_guarded_tool_call_handed_to_an_event_is_handed_off() -> None:
    assert check(EVENT_AGENT, ("LM305",)) == []
    # only its name noted: nothing gets the call, nothing answers it
    kept = EVENT_AGENT.replace(
        "                        await self._queue.put(ToolCallEvent(id=fc.id, name=fc.name, arguments=fc.args))\n", "")
    assert kept != EVENT_AGENT
    assert [f.rule_id for f in check(kept, ("LM305",))] == ["LM305"]


# A probe script records a few seconds of microphone audio and reads turns until one brings
# audio, then stops its receive loop: a one-shot, not a session kept open.
ONE_SHOT_FLAG = dedent('''
    import asyncio

    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    class Probe:
        done = False

        async def listen(self):
            for _ in range(50):
                await self.session.send_realtime_input(audio=read_chunk())

        async def receive(self):
            count = 0
            while not self.done:
                async for response in self.session.receive():
                    if response.data:
                        count += 1
                if count > 0:
                    self.done = True

        async def run(self):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=CONFIG) as session:
                self.session = session
                await asyncio.gather(self.listen(), self.receive())
''')


def test_a_receive_loop_that_stops_itself_after_a_turn_with_audio_is_a_one_shot() -> None:
    assert check(ONE_SHOT_FLAG, ("LM402",)) == []
    # a player waiting on the same flag ends with it too
    player = ONE_SHOT_FLAG.replace(
        "            await asyncio.gather(self.listen(), self.receive())\n",
        "            await asyncio.gather(self.listen(), self.receive(), self.play())\n").replace(
        "    async def run(self):\n",
        "    async def play(self):\n"
        "        while not self.done:\n"
        "            await asyncio.sleep(0.5)\n\n"
        "    async def run(self):\n")
    assert player.count("play") == 2
    assert check(player, ("LM402",)) == []
    # the flag set under a test of what was said: the conversation's stop, whenever the user says so
    conversation = ONE_SHOT_FLAG.replace("            if count > 0:\n", "            if said_goodbye():\n")
    assert conversation != ONE_SHOT_FLAG
    assert [f.rule_id for f in check(conversation, ("LM402",))] == ["LM402"]


def test_a_sender_draining_what_a_few_seconds_of_recording_queued_ends_with_it() -> None:
    queued = ONE_SHOT_FLAG.replace(
        '    async def listen(self):\n'
        '        for _ in range(50):\n'
        '            await self.session.send_realtime_input(audio=read_chunk())\n',
        '    async def record(self):\n'
        '        count = 0\n'
        '        while count < 50:\n'
        '            await self.queue.put(read_chunk())\n'
        '            count += 1\n'
        '        self.recorded = True\n'
        '\n'
        '    async def listen(self):\n'
        '        while not (self.recorded and self.queue.empty()):\n'
        '            await self.session.send_realtime_input(audio=await self.queue.get())\n')
    assert queued != ONE_SHOT_FLAG
    assert check(queued, ("LM402",)) == []
    # a recorder that runs until stopped keeps the sender going with it
    endless = queued.replace("        while count < 50:\n", "        while True:\n")
    assert endless != queued
    assert [f.rule_id for f in check(endless, ("LM402",))] == ["LM402"]


# A voice gateway takes the audio into a name first (the SDK's `.data`, else the parts' inline
# data), and while the user barges in skips the rest of the message.
AUDIO_NAME_THEN_SKIP = dedent('''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}


    async def relay(out, state):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for msg in session.receive():
                audio_bytes = None
                if getattr(msg, "data", None):
                    audio_bytes = bytes(msg.data)
                if audio_bytes:
                    if state.barge_in:
                        continue
                    await out.play(audio_bytes)
                transcript = getattr(msg.server_content, "output_transcription", None)
                if transcript:
                    print(transcript.text)
''')


def test_an_exit_under_a_test_of_a_name_bound_to_the_audio_is_after_the_audio() -> None:
    assert [(f.rule_id, f.line) for f in check(AUDIO_NAME_THEN_SKIP, ("LM303",))] == [("LM303", 15)]
    unrelated = AUDIO_NAME_THEN_SKIP.replace("                audio_bytes = bytes(msg.data)\n",
                                             "                audio_bytes = state.pending\n")
    assert unrelated != AUDIO_NAME_THEN_SKIP
    assert check(unrelated, ("LM303",)) == []


def test_base_class_loops_that_end_themselves_or_are_overridden_keep_nothing_open(tmp_path: Path) -> None:
    listen = ('    async def listen(self):\n'
              '        while True:\n'
              '            await self.session.send_realtime_input(audio=types.Blob(data=read(), mime_type="audio/pcm;rate=16000"))\n')
    assert listen in ANALYZER_BASE
    web_listen = ANALYZER_WEB.replace("tasks = [self.analyse(), self.listen()]", "tasks = [self.listen()]")
    variants = {
        # a break in the middle of the loop: it leaves after one round
        "break": ANALYZER_BASE.replace(listen, listen + "            break\n"),
        # a flag the loop clears itself: one turn
        "flag": ANALYZER_BASE.replace(listen, listen.replace("while True:", "while self.waiting:")
                                      + "            self.waiting = False\n"),
    }
    for name, base in variants.items():
        assert base != ANALYZER_BASE, name
        project = write_tree(tmp_path / name, {"analyzer.py": base, "web.py": web_listen})
        assert "web.py" not in findings_by_file(project, ("LM402",)), name
    # the subclass's own `listen` (a one-shot) is not the base class's
    overriding = web_listen.replace("    async def run(self):\n",
                                    "    async def listen(self):\n"
                                    "        await self.session.send_realtime_input(text=\"hi\")\n\n"
                                    "    async def run(self):\n")
    project = write_tree(tmp_path / "own", {"analyzer.py": ANALYZER_BASE, "web.py": overriding})
    assert "web.py" not in findings_by_file(project, ("LM402",))
    # the inherited one is
    project = write_tree(tmp_path / "inherited", {"analyzer.py": ANALYZER_BASE, "web.py": web_listen})
    assert findings_by_file(project, ("LM402",)).get("web.py") == [(8, "LM402")]


def test_a_base_class_picture_in_a_user_turn_is_no_video_and_a_dict_frame_through_send_is(tmp_path: Path) -> None:
    analyse = ('            blob = types.Blob(data=grab(), mime_type="image/jpeg")\n'
               '            await self.session.send_realtime_input(media=blob)\n')
    assert analyse in ANALYZER_BASE
    turn = ANALYZER_BASE.replace(analyse, '            await self.session.send(input=types.LiveClientContent(turns=[types.Content(\n'
                                          '                role="user", parts=[types.Part(inline_data=types.Blob(data=grab(), mime_type="image/png"))])]))\n')
    project = write_tree(tmp_path / "turn", {"analyzer.py": turn, "web.py": ANALYZER_WEB})
    assert "web.py" not in findings_by_file(project, ("LM401",))
    # an old client's dict frame on the deprecated send: video (no send_realtime_input in the module)
    frame = ANALYZER_BASE.replace(analyse, '            await self.session.send(input={"mime_type": "image/jpeg", "data": grab()})\n').replace(
        '            await self.session.send_realtime_input(audio=types.Blob(data=read(), mime_type="audio/pcm;rate=16000"))\n',
        '            await self.session.send(input={"mime_type": "audio/pcm;rate=16000", "data": read()})\n')
    assert "send_realtime" not in frame
    project = write_tree(tmp_path / "frame", {"analyzer.py": frame, "web.py": ANALYZER_WEB})
    assert findings_by_file(project, ("LM401",)).get("web.py") == [(8, "LM401")]


GUARDED_FIRST_PART = dedent('''
    from google import genai

    client = genai.Client()


    async def main(out):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]}) as session:
            async for msg in session.receive():
                if msg.server_content and msg.server_content.model_turn:
                    parts = msg.server_content.model_turn.parts
                    if parts[0].inline_data:
                        print(parts[0].inline_data.mime_type)
                        out.write(parts[0].inline_data.data)
''')


def test_a_guard_on_the_first_part_turns_every_read_of_it_into_the_loops_part() -> None:
    # the guard and the write: the MIME read under the guard cannot raise
    assert [(f.rule_id, f.line) for f in check(GUARDED_FIRST_PART, ("LM301",))] == [("LM301", 11), ("LM301", 13)]
    fixed = fixed_text(GUARDED_FIRST_PART, ("LM301",), unsafe=True)
    assert fixed == GUARDED_FIRST_PART.replace(
        '                if parts[0].inline_data:\n'
        '                    print(parts[0].inline_data.mime_type)\n'
        '                    out.write(parts[0].inline_data.data)\n',
        '                for part in parts:\n'
        '                    if part.inline_data:\n'
        '                        print(part.inline_data.mime_type)\n'
        '                        out.write(part.inline_data.data)\n')


# A Streamlit app: a Live voice function asking for AUDIO and TEXT, and a chat box at the top
# level answering with generate_content under the same name `response`.
LIVE_AND_CHAT = dedent('''
    import streamlit as st
    from google import genai

    client = genai.Client()


    async def voice():
        config = {"response_modalities": ["AUDIO", "TEXT"]}
        async with client.aio.live.connect(model="gemini-2.0-flash-exp", config=config) as session:
            await session.send_realtime_input(text="hi")
            async for response in session.receive():
                if response.text:
                    st.session_state.messages.append(response.text)


    if prompt := st.chat_input():
        response = client.models.generate_content(model="gemini-2.0-flash-exp", contents=prompt)
        st.session_state.messages.append(response.text)
''')


def test_the_text_of_a_generate_content_response_of_the_same_name_is_not_moved_to_the_transcript() -> None:
    # the function's loop target is its own `response`, not the module's
    audio = LIVE_AND_CHAT.replace('["AUDIO", "TEXT"]', '["AUDIO"]')
    assert [(f.rule_id, f.line) for f in check(audio, ("LM304",))] == [("LM304", 12), ("LM304", 13)]
    fixed = fixed_text(LIVE_AND_CHAT, ("LM",), unsafe=True)
    assert fixed.endswith('    st.session_state.messages.append(response.text)\n')
    assert fixed.count("output_transcription.text") == 2  # the Live loop's reads are moved


# A Discord bot's handler tests the transcripts on the message itself, each with hasattr first.
MESSAGE_TRANSCRIPTS = dedent('''
    from google import genai

    client = genai.Client()


    async def listen(speak):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]}) as session:
            async for response in session.receive():
                if hasattr(response, "output_transcription") and response.output_transcription:
                    speak(response.output_transcription.text)
''')


def test_a_transcript_read_on_the_message_is_reported_once_per_line_and_field() -> None:
    assert [(f.rule_id, f.line) for f in check(MESSAGE_TRANSCRIPTS, ("LM009",))] == [("LM009", 9), ("LM009", 10)]
    both = MESSAGE_TRANSCRIPTS.replace("speak(response.output_transcription.text)",
                                       "speak(response.output_transcription, response.input_transcription)")
    assert both != MESSAGE_TRANSCRIPTS
    assert [(f.rule_id, f.line) for f in check(both, ("LM009",))] == [("LM009", 9), ("LM009", 10), ("LM009", 10)]


# An interview server keeps its session on the object; the browser's handler sends each answer
# on it, and the session block waits for its receiver and a player looping until stopped.
HELD_BY_A_PLAYER = dedent('''
    import asyncio

    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    class Interview:
        active = True

        async def from_browser(self, ws):
            async for text in ws:
                if self.live_session:
                    await self.live_session.send_realtime_input(text=text)

        async def run(self):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
                self.live_session = session
                await asyncio.gather(self.receive(), self.play())

        async def receive(self):
            async for response in self.live_session.receive():
                await self.queue.put(response.data)

        async def play(self):
            while self.active:
                speaker.write(await self.queue.get())
''')


def test_a_block_waiting_for_a_player_until_stopped_while_a_handler_sends_on_its_session_runs_long() -> None:
    assert [(f.rule_id, f.line) for f in check(HELD_BY_A_PLAYER, ("LM402",))] == [("LM402", 18)]
    # nobody else sends on it: the one turn it reads is all it does
    alone = HELD_BY_A_PLAYER.replace("                await self.live_session.send_realtime_input(text=text)\n",
                                     "                print(text)\n")
    assert alone != HELD_BY_A_PLAYER
    assert check(alone, ("LM402",)) == []


def test_a_held_session_with_a_player_is_long_only_when_code_the_block_does_not_run_sends_on_it() -> None:
    # the block's own method sends the one prompt: a one-shot with a player
    own_sender = HELD_BY_A_PLAYER.replace(
        "            await asyncio.gather(self.receive(), self.play())\n",
        "            await self.from_browser(PROMPTS)\n"
        "            await asyncio.gather(self.receive(), self.play())\n")
    assert own_sender != HELD_BY_A_PLAYER
    assert check(own_sender, ("LM402",)) == []
    # a player draining a list is no loop until stopped
    draining = HELD_BY_A_PLAYER.replace("        while self.active:\n", "        while chunks:\n")
    assert draining != HELD_BY_A_PLAYER
    assert check(draining, ("LM402",)) == []
    # a player whose flag the receiver clears after its turn ends with it
    cleared = HELD_BY_A_PLAYER.replace(
        "            await self.queue.put(response.data)\n",
        "            await self.queue.put(response.data)\n"
        "        self.active = False\n")
    assert cleared != HELD_BY_A_PLAYER
    assert check(cleared, ("LM402",)) == []
    # another class's receiver clearing an attribute of the same name is not this flag
    other = HELD_BY_A_PLAYER + dedent('''

        class Smoke:
            async def run(self, s):
                while self.active:
                    async for m in s.receive():
                        pass
                    self.active = False
    ''')
    assert [f.rule_id for f in check(other, ("LM402",))] == ["LM402"]


# Notebook-style top-level code: the models API's answer, then a Live loop under the same name.
TOP_LEVEL_SAME_NAME = dedent('''
    from google import genai

    client = genai.Client()
    config = {"response_modalities": ["AUDIO"]}

    response = client.models.generate_content(model="gemini-2.5-flash", contents="hi")
    print(response.text)

    async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
        await session.send_realtime_input(text="hello")
        async for response in session.receive():
            if response.text is not None:
                print(response.text)
''')


def test_a_top_level_models_api_answer_is_no_live_message_under_a_name_a_later_loop_reuses() -> None:
    assert [(f.rule_id, f.line) for f in check(TOP_LEVEL_SAME_NAME, ("LM304",))] == [("LM304", 12), ("LM304", 13)]


# A SIP bridge's raw client tests `"toolCall" in data`, then hands each call's fields (taken
# from the list under `data["toolCall"]`) to a callback its owner passed in.
RAW_CALLBACK_TOOLS = dedent('''
    import asyncio
    import json

    import websockets

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    SETUP = {"setup": {"model": "models/gemini-3.1-flash-live-preview", "tools": [{"functionDeclarations": [{"name": "f"}]}]}}


    class Socket:
        def __init__(self, on_tool):
            self.on_tool = on_tool

        async def run(self):
            async with websockets.connect(URL) as ws:
                await ws.send(json.dumps(SETUP))
                async for raw in ws:
                    data = json.loads(raw)
                    if "toolCall" in data:
                        function_calls = data["toolCall"].get("functionCalls", [])
                        for call in function_calls:
                            call_id = call.get("id")
                            asyncio.create_task(self.on_tool(call_id, call.get("name"), call.get("args", {})))
''')


def test_a_raw_tool_call_tested_by_membership_and_handed_to_a_callback_is_handed_off() -> None:
    assert check(RAW_CALLBACK_TOOLS, ("LM305",)) == []
    kept = RAW_CALLBACK_TOOLS.replace(
        "                        asyncio.create_task(self.on_tool(call_id, call.get(\"name\"), call.get(\"args\", {})))\n",
        "                        print(call_id)\n")
    assert kept != RAW_CALLBACK_TOOLS
    assert [f.rule_id for f in check(kept, ("LM305",))] == ["LM305"]


# A demo script's menu opens an AUDIO session in one branch and a TEXT session in the other,
# both under the name `session`.
TWO_BRANCHES = dedent('''
    from google import genai
    from google.genai.types import LiveConnectConfig, Modality

    client = genai.Client()
    config_text = LiveConnectConfig(response_modalities=[Modality.TEXT])
    config_audio = LiveConnectConfig(response_modalities=[Modality.AUDIO])


    async def main(choice, wav):
        if choice == "1":
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config_audio) as session:
                await session.send_realtime_input(text="hi")
                async for chunk in session.receive():
                    if chunk.data:
                        wav.write(chunk.data)
        else:
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config_text) as session:
                await session.send_realtime_input(text="hi")
                async for chunk in session.receive():
                    if chunk.server_content and chunk.server_content.model_turn:
                        for part in chunk.server_content.model_turn.parts:
                            if part.text:
                                print(part.text)
''')


def test_a_message_belongs_to_the_session_the_with_around_its_loop_opens() -> None:
    # the TEXT session's part reads are LM005's (it reports the TEXT), not LM304's
    assert [f.rule_id for f in check(TWO_BRANCHES, ("LM304",))] == []
    swapped = TWO_BRANCHES.replace("config=config_text", "config=AUDIO_TWO").replace(
        "config=config_audio", "config=config_text").replace("config=AUDIO_TWO", "config=config_audio")
    assert [f.rule_id for f in check(swapped, ("LM304",))] == ["LM304", "LM304"]


# A Flask backend's singleton getter for its token manager, which keeps the key on the server.
TOKEN_MANAGER_GETTER = dedent('''
    import os

    from google import genai

    _manager = None


    class EphemeralTokenManager:
        def __init__(self, api_key):
            self.client = genai.Client(api_key=api_key, http_options={"api_version": "v1alpha"})

        def create_token(self, model="gemini-3.1-flash-live-preview"):
            token = self.client.auth_tokens.create(config={"uses": 1, "live_connect_constraints": {"model": model}})
            return {"token": token.name}


    def get_ephemeral_token_manager(api_key=None):
        global _manager
        if _manager is None:
            _manager = EphemeralTokenManager(api_key=api_key or os.getenv("GEMINI_API_KEY"))
        return _manager
''')


def test_a_getter_of_the_token_manager_hands_out_no_key() -> None:
    assert check(TOKEN_MANAGER_GETTER, ("LM501",)) == []
    # a function named for the token that returns the key itself does
    leaking = TOKEN_MANAGER_GETTER + "\n\ndef get_ephemeral_token():\n    return {\"token\": os.getenv(\"GEMINI_API_KEY\")}\n"
    assert [f.rule_id for f in check(leaking, ("LM501",))] == ["LM501"]


# A speech-to-speech app reads its id and modalities from a settings dict another module's
# `get_config()` returns, or from a fallback literal when that import fails.
SETTINGS_DICT = dedent('''
    from google import genai
    from google.genai import types

    try:
        from settings import get_config
        CONFIG = get_config()
    except ImportError:
        CONFIG = {"api": {"model": "gemini-2.0-flash-exp", "response_modalities": ["AUDIO"]}}


    class Doll:
        def __init__(self):
            self.api_config = CONFIG["api"]
            self.client = genai.Client()

        async def run(self):
            config = types.LiveConnectConfig(response_modalities=self.api_config["response_modalities"])
            async with self.client.aio.live.connect(model=self.api_config["model"], config=config) as session:
                await session.send_realtime_input(text="hi")
                async for response in session.receive():
                    if response.text:
                        print(response.text)
''')


def test_an_id_and_modalities_read_through_a_settings_dict_are_followed_to_the_literals_it_shows() -> None:
    found = check(SETTINGS_DICT, ("LM001", "LM304"))
    assert [(f.rule_id, f.line) for f in found] == [("LM001", 8), ("LM304", 21), ("LM304", 22)]
    # the session's text reads are not fixed safely, so neither is the move
    assert found[0].fix is not None and found[0].fix.applicability.value == "unsafe"
