"""The receive-side rules (LM305, LM306, LM009) on the shapes the held-out traffic corpus showed
them missing or over-reporting: each case as a user writes it, what must be reported and where,
and its near miss that must not be."""

from __future__ import annotations

import pytest

from livemigrate.testing import verify_fix

from harness import dedent, fixed_text, linter


def found(code: str, select: tuple[str, ...]) -> list[tuple[int, str]]:
    report = linter(select).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return sorted((f.line, f.rule_id) for f in report.findings)


def on_a_session(code: str, *statements: str) -> str:
    """``code`` with a ``main`` that opens a session and runs ``statements``
    (``"await debug(session)"``) with it, the way the module's loops get a Live session."""
    return code + (
        "\n\n    async def main():\n"
        "        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:\n"
        + "".join(f"            {statement}\n" for statement in statements))


def unanswered(code: str) -> str:
    """``code`` with its tool responses turned into something else."""
    return code.replace("send_tool_response(function_responses=", "send_realtime_input(text=").replace(
        "types.FunctionResponse(", "dict(")


# --- LM305: judged per loop ---------------------------------------------------------------------
TOOLS = '''
    import asyncio
    import logging

    from google import genai
    from google.genai import types

    log = logging.getLogger(__name__)
    client = genai.Client()
    MODEL = "gemini-3.1-flash-live-preview"
    CONFIG = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="lamp")])],
    )


    def run_tool(call):
        return {"ok": True}
'''


def test_a_loop_that_only_logs_is_reported_beside_one_that_answers() -> None:
    code = TOOLS + '''

    async def debug(session):
        async for message in session.receive():
            if message.tool_call:
                log.info("tool call %s", message.tool_call)


    async def serve(session):
        async for message in session.receive():
            if message.tool_call:
                await session.send_tool_response(function_responses=[
                    types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c))
                    for c in message.tool_call.function_calls])
    '''
    assert found(on_a_session(code, "await debug(session)", "await serve(session)"), ("LM305",)) == [(22, "LM305")]


def test_a_raw_loop_that_queues_for_a_ui_is_reported_beside_one_that_answers() -> None:
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
        SETUP = {"setup": {"model": "models/gemini-3.1-flash-live-preview",
                           "tools": [{"functionDeclarations": [{"name": "lookup"}]}]}}


        async def for_ui(ws, events):
            async for raw in ws:
                msg = json.loads(raw)
                if call := msg.get("toolCall"):
                    await events.put({"calls": call["functionCalls"]})


        async def answer(ws):
            async for raw in ws:
                msg = json.loads(raw)
                if "toolCall" in msg:
                    replies = [{"id": c["id"], "name": c["name"], "response": {}} for c in msg["toolCall"]["functionCalls"]]
                    await ws.send(json.dumps({"toolResponse": {"functionResponses": replies}}))
    '''
    assert found(code, ("LM305",)) == [(11, "LM305")]


@pytest.mark.parametrize("handoff,run", [
    # a helper of this module that answers
    ('''
    async def handle(session, message):
        if message.tool_call:
            await answer(session, message.tool_call)


    async def answer(session, tool_call):
        await session.send_tool_response(function_responses=[
            types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c)) for c in tool_call.function_calls])


    async def loop(session):
        async for message in session.receive():
            await handle(session, message)
    ''', "await loop(session)"),
    # a task started with the message
    ('''
    async def answer(session, message):
        await session.send_tool_response(function_responses=[
            types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c)) for c in message.tool_call.function_calls])


    async def loop(session):
        async for message in session.receive():
            if message.tool_call:
                asyncio.create_task(answer(session, message))
    ''', "await loop(session)"),
    # a queue drained by a worker on the same object that answers
    ('''
    class Dispatcher:
        def __init__(self, session):
            self.session = session
            self.pending = asyncio.Queue()

        async def receive(self):
            async for message in self.session.receive():
                if message.tool_call:
                    self.pending.put_nowait(message.tool_call)

        async def worker(self):
            while True:
                tool_call = await self.pending.get()
                await self.session.send_tool_response(function_responses=[
                    types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c)) for c in tool_call.function_calls])
    ''', "await Dispatcher(session).receive()"),
    # a handler that only logs, called from a loop that answers after it
    ('''
    def note(message):
        if message.tool_call:
            log.info("tool call %s", message.tool_call)


    async def loop(session):
        async for message in session.receive():
            note(message)
            if message.tool_call:
                await session.send_tool_response(function_responses=[
                    types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c))
                    for c in message.tool_call.function_calls])
    ''', "await loop(session)"),
    # the calls collected in the loop, answered after it
    ('''
    async def turn(session):
        calls = []
        async for message in session.receive():
            if message.tool_call:
                calls.extend(message.tool_call.function_calls)
        await session.send_tool_response(function_responses=[
            types.FunctionResponse(id=c.id, name=c.name, response=run_tool(c)) for c in calls])
    ''', "await turn(session)"),
], ids=["helper", "task", "drained-queue", "handler-then-loop-answers", "answered-after-the-loop"])
def test_a_call_answered_by_what_the_loop_hands_it_to_is_not_reported(handoff: str, run: str) -> None:
    code = on_a_session(TOOLS + handoff, run)
    assert found(code, ("LM305",)) == []
    assert found(unanswered(code), ("LM305",)) != []  # the read is seen: what answers it clears it


def test_a_queue_drained_by_a_worker_that_only_logs_is_reported() -> None:
    code = TOOLS + '''

    class Dispatcher:
        def __init__(self, session):
            self.session = session
            self.pending = asyncio.Queue()

        async def receive(self):
            async for message in self.session.receive():
                if message.tool_call:
                    self.pending.put_nowait(message.tool_call)

        async def worker(self):
            while True:
                tool_call = await self.pending.get()
                log.info("calls %s", tool_call.function_calls)

        async def speak(self, pcm):
            await self.session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


    async def serve(session):
        async for message in session.receive():
            if message.tool_call:
                await session.send_tool_response(function_responses=[])
    '''
    code = on_a_session(code, "await Dispatcher(session).receive()", "await serve(session)")
    assert found(code, ("LM305",)) == [(27, "LM305")]
    drained_by_an_answering_worker = code.replace(
        'log.info("calls %s", tool_call.function_calls)', "await self.session.send_tool_response(function_responses=[])")
    assert found(drained_by_an_answering_worker, ("LM305",)) == []


def test_a_call_handed_to_code_elsewhere_is_not_reported_even_when_another_loop_answers() -> None:
    code = on_a_session(TOOLS.replace("import logging", "import logging\n    from tools import dispatch") + '''

    async def delegate(session):
        async for message in session.receive():
            if message.tool_call:
                await dispatch(session, message.tool_call)


    async def serve(session):
        async for message in session.receive():
            if message.tool_call:
                await session.send_tool_response(function_responses=[])
    ''', "await delegate(session)", "await serve(session)")
    assert found(code, ("LM305",)) == []
    logged = code.replace("await dispatch(session, message.tool_call)", "log.info(message.tool_call)")
    assert found(logged, ("LM305",)) == [(23, "LM305")]


# --- LM306: what ends a loop, and what only seems to -------------------------------------------
LOOPS = '''
    import logging

    from google import genai
    from google.genai import types

    log = logging.getLogger(__name__)
    MODEL = "gemini-3.1-flash-live-preview"
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])
    client = genai.Client()
'''


@pytest.mark.parametrize("branch,line", [
    ("if msg.usage_metadata is not None:\n    tokens = msg.usage_metadata.total_token_count\n    break", 18),
    ("if msg.usage_metadata:\n    break", 17),
    ("if msg.go_away is not None:\n    log.warning('closing in %s', msg.go_away.time_left)\n    break", 18),
    ("if msg.tool_call:\n    await session.send_tool_response(function_responses=[])\n    return", 18),
], ids=["usage", "usage-truthy", "go-away", "tool-call-answered"])
def test_a_loop_that_ends_on_a_message_of_its_own_is_reported(branch: str, line: int) -> None:
    body = "".join(f"        {row}\n" for row in branch.splitlines())
    code = dedent(LOOPS) + (
        "\n\nasync def ask(session, out):\n"
        "    async for msg in session.receive():\n"
        "        if msg.server_content:\n            out.append(msg.server_content)\n" + body)
    report = linter(("LM306",)).check_bytes(code.encode(), "example.py")
    assert [(f.line, f.rule_id) for f in report.findings] == [(line, "LM306")]
    assert "continue" in fixed_text(code, ("LM306",), unsafe=True).splitlines()[line - 1]


def test_a_raw_loop_that_breaks_after_answering_a_tool_call_is_reported() -> None:
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def answer_and_leave(ws):
            async for raw in ws:
                msg = json.loads(raw)
                if "toolCall" in msg:
                    await ws.send(json.dumps({"toolResponse": {"functionResponses": []}}))
                    break
                if msg.get("serverContent", {}).get("turnComplete"):
                    break
    '''
    assert found(code, ("LM306",)) == [(11, "LM306")]


def test_a_break_inside_while_true_re_enters_receive() -> None:
    code = LOOPS + '''

    async def receive_audio(session, out):
        while True:
            async for response in session.receive():
                if response.server_content is None:
                    break
                if response.tool_call:
                    break
                out.append(response.data)
    '''
    assert found(code, ("LM306",)) == []


def test_a_return_inside_while_true_still_ends_the_loop() -> None:
    code = LOOPS + '''

    async def watch(session, out):
        while True:
            async for response in session.receive():
                if response.server_content is None:
                    return
                out.append(response.data)
    '''
    assert found(code, ("LM306",)) == [(16, "LM306")]


def test_a_return_on_go_away_when_the_caller_reconnects_is_not_reported() -> None:
    code = LOOPS + '''

    async def receive(session, out):
        async for msg in session.receive():
            if msg.go_away is not None:
                return
            if msg.server_content:
                out.append(msg.server_content)


    async def run_forever(out):
        while True:
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                await receive(session, out)
    '''
    assert found(code, ("LM306",)) == []


def test_a_return_on_go_away_with_no_reconnect_is_reported() -> None:
    code = LOOPS + '''

    async def receive(session, out):
        async for msg in session.receive():
            if msg.go_away is not None:
                return
            if msg.server_content:
                out.append(msg.server_content)


    async def run_once(out):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await receive(session, out)
    '''
    assert found(code, ("LM306",)) == [(15, "LM306")]


@pytest.mark.parametrize("branch", [
    "if msg.server_content and msg.server_content.turn_complete:\n    break",
    "if msg.server_content and msg.server_content.interrupted:\n    return",
    "if msg.tool_call_cancellation:\n    break",
    "if msg.tool_call:\n    continue",
], ids=["turn-complete", "interrupted", "cancellation", "continue"])
def test_ending_on_the_turn_or_skipping_is_not_reported(branch: str) -> None:
    body = "".join(f"        {row}\n" for row in branch.splitlines())
    code = dedent(LOOPS) + (
        "\n\nasync def ask(session, out):\n"
        "    async for msg in session.receive():\n"
        "        out.append(msg.data)\n" + body)
    assert linter(("LM306",)).check_bytes(code.encode(), "example.py").findings == []


def test_lyria_music_loops_are_not_live() -> None:
    code = '''
        import json
        import os

        import websockets
        from google import genai

        client = genai.Client(http_options={"api_version": "v1alpha"})
        MUSIC_URI = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha."
                     f"GenerativeService.BidiGenerateMusic?key={os.environ['GEMINI_API_KEY']}")


        async def music(speaker):
            async with client.aio.live.music.connect(model="models/lyria-realtime-exp") as session:
                async for message in session.receive():
                    if message.server_content is None:
                        return
                    speaker.write(message.server_content.audio_chunks[0].data)


        async def raw_music(speaker):
            async with websockets.connect(MUSIC_URI) as ws:
                await ws.send(json.dumps({"setup": {"model": "models/lyria-realtime-exp"}}))
                async for raw in ws:
                    message = json.loads(raw)
                    if "serverContent" not in message:
                        break
                    speaker.write(message["serverContent"])
    '''
    assert found(code, ("LM306",)) == []


# --- LM009: every read line ------------------------------------------------------------------------
TRANSCRIPTS = '''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    async def main(notes):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as s:
            async for m in s.receive():
                sc = m.server_content
                if sc and sc.input_transcription:
                    notes.append(sc.input_transcription.text)
                if hasattr(sc, "output_transcription") and sc.output_transcription:
                    notes.append(sc.output_transcription.text)
'''


def test_every_line_that_reads_a_transcription_is_reported() -> None:
    assert found(TRANSCRIPTS, ("LM009",)) == [(11, "LM009"), (12, "LM009"), (13, "LM009"), (14, "LM009")]


def test_one_fix_per_setting_clears_every_read() -> None:
    code = dedent(TRANSCRIPTS)
    report = verify_fix(linter(("LM009",)), code.encode(), "example.py", unsafe=False)
    out = report.fixed.decode()
    assert out.count('"input_audio_transcription": {}') == 1 and out.count('"output_audio_transcription": {}') == 1, out
    assert linter(("LM009",)).check_bytes(report.fixed, "example.py").findings == []


# --- LM305: a session handed in as a parameter --------------------------------------------------
def test_a_loop_on_a_session_parameter_that_is_only_received_on_is_reported() -> None:
    # nothing calls dry_run here and its session has no other method: the loop over
    # `<session>.receive()` in a module that opens Live sessions with tools is what tells
    code = TOOLS + '''

    async def dry_run(session, audit):
        while True:
            async for response in session.receive():
                calls = response.tool_call.function_calls if response.tool_call else []
                for call in calls:
                    audit.append({"name": call.name, "result": run_tool(call)})
    '''
    assert found(code, ("LM305",)) == [(23, "LM305")]


def test_a_receive_loop_in_a_module_without_live_sessions_is_not_reported() -> None:
    code = '''
        import logging

        log = logging.getLogger(__name__)


        async def relay(channel):
            async for event in channel.receive():
                if event.tool_call:
                    log.info("tool call %s", event.tool_call)
    '''
    assert found(code, ("LM305",)) == []


@pytest.mark.parametrize("handoff", [
    "for call in message.tool_call.function_calls:\n                    yield call",
    "for fc in message.tool_call.function_calls:\n                    sio.emit('call', {'id': fc.id, 'name': fc.name})",
])
def test_each_call_of_a_tool_call_handed_elsewhere_is_not_reported(handoff: str) -> None:
    """Ecosystem sweep: a loop that hands each function call (or its fields) to code this
    module cannot see has handed the tool call off, as handing ``message.tool_call`` does."""
    code = on_a_session(TOOLS.replace("import logging", "import logging\n    import sio") + f'''

    async def events(session):
        async for message in session.receive():
            if message.tool_call:
                {handoff}
    ''', "await events(session)")
    assert found(code, ("LM305",)) == []
    logged = code.replace(handoff.split("\n")[1].strip(), "log.info(len(message.tool_call.function_calls))")
    assert [rule for _, rule in found(logged, ("LM305",))] == ["LM305"]


def test_fields_of_each_call_kept_in_a_list_do_not_answer_it() -> None:
    """held-out corpus 2: ``notes.append(fc.args)`` keeps what a call asked for; nothing
    answers the call, so the loop is reported."""
    code = on_a_session(TOOLS + '''

    async def take_notes(session, notes):
        async for message in session.receive():
            if message.tool_call:
                for fc in message.tool_call.function_calls:
                    notes.append(fc.args)
    ''', "await take_notes(session, [])")
    assert [rule for _, rule in found(code, ("LM305",))] == ["LM305"]
