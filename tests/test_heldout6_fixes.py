"""LM102 and LM305 on two shapes the sixth held-out corpus (tests/corpus/heldout_6) showed them
missing: an open history seed sent on ``self.session`` from a method whose session a helper
opens (the seed's turns built by a helper), and tool calls put on a local queue whose only
reader, a task started with the queue as an argument, never answers. Each case comes with the
near miss that must not be reported."""

from __future__ import annotations

from harness import dedent, linter


def found(code: str, select: tuple[str, ...]) -> list[tuple[int, str]]:
    report = linter(select).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return sorted((f.line, f.rule_id) for f in report.findings)


# --- LM102: an open seed on a session a helper stores on self ---------------------------------------
AGENT = '''
    import contextlib

    from google import genai

    MODEL = "gemini-3.1-flash-live-preview"


    class Agent:
        def __init__(self, transcript):
            self.client = genai.Client()
            self.transcript = transcript
            self.stack = contextlib.AsyncExitStack()
            self.session = None

        def config(self):
            return {"response_modalities": ["AUDIO"], "history_config": {"initial_history_in_client_content": True}}

        def _turns(self):
            return [{"role": t["role"], "parts": [{"text": t["text"]}]} for t in self.transcript]

        async def connect(self):
            self.session = await self.stack.enter_async_context(
                self.client.aio.live.connect(model=MODEL, config=self.config()))
'''  # 23 lines and a blank one: the code below starts on line 25

WELCOME = '''
        async def _replay(self):
            await self.session.send_client_content(turns=self._turns(), turn_complete=True)

        async def welcome_back(self):
            await self.connect()
            await self._replay()
            await self.session.send_realtime_input(text="hello again")
'''  # 8 lines with the blank one above


def test_an_open_seed_of_helper_built_turns_on_a_session_a_helper_opens_is_reported() -> None:
    code = AGENT + '''
        async def preload(self):
            await self.connect()
            await self.session.send_client_content(turns=self._turns(), turn_complete=False)
    '''
    assert found(code, ("LM102",)) == [(27, "LM102")]


def test_a_completed_seed_of_another_method_does_not_close_this_ones() -> None:
    # each method calling the connect helper opens its own session: the seed of one method is
    # not the last seed of the other, whatever order they are written in
    open_first = AGENT + '''
        async def preload(self):
            await self.connect()
            await self.session.send_client_content(turns=self._turns(), turn_complete=False)
    ''' + WELCOME
    assert found(open_first, ("LM102",)) == [(27, "LM102")]
    open_last = AGENT + WELCOME + '''
        async def preload(self):
            await self.connect()
            await self.session.send_client_content(turns=self._turns(), turn_complete=False)
    '''
    assert found(open_last, ("LM102",)) == [(35, "LM102")]


def test_near_miss_an_open_seed_closed_by_the_next_seed_of_the_method_is_not_reported() -> None:
    code = AGENT + '''
        def _recent(self):
            return [{"role": t["role"], "parts": [{"text": t["text"]}]} for t in self.transcript[-4:]]

        async def preload(self):
            await self.connect()
            await self.session.send_client_content(turns=self._turns(), turn_complete=False)
            await self.session.send_client_content(turns=self._recent(), turn_complete=True)
            await self.session.send_realtime_input(text="hello")
    '''
    assert found(code, ("LM102",)) == []


# --- LM305: a local queue handed to a task that drains it -------------------------------------------
HUB = '''
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()
    MODEL = "gemini-3.1-flash-live-preview"
    CONFIG = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="set_light")])],
    )


    async def record(audit, db):
        while True:
            call = await audit.get()
            for fc in call.function_calls:
                db.execute("insert into calls values (?, ?)", (fc.id, fc.name))


    async def actuator(session, calls):
        while True:
            call = await calls.get()
            done = [types.FunctionResponse(id=fc.id, name=fc.name, response={"ok": True}) for fc in call.function_calls]
            await session.send_tool_response(function_responses=done)
'''  # 25 lines and a blank one: the code below starts on line 27


def test_tool_calls_queued_for_a_task_that_only_records_them_are_reported() -> None:
    code = HUB + '''
    async def auditor(db):
        audit = asyncio.Queue()
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            asyncio.create_task(record(audit, db))
            async for msg in session.receive():
                if msg.tool_call is not None:
                    await audit.put(msg.tool_call)
    '''
    assert found(code, ("LM305",)) == [(32, "LM305")]


def test_a_queue_passed_by_keyword_to_a_recording_task_is_followed_too() -> None:
    code = HUB + '''
    async def auditor(db):
        audit = asyncio.Queue()
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            asyncio.create_task(record(db=db, audit=audit))
            async for msg in session.receive():
                if msg.tool_call:
                    audit.put_nowait(msg.tool_call)
    '''
    assert found(code, ("LM305",)) == [(32, "LM305")]


def test_near_miss_a_queue_handed_to_a_task_that_answers_is_not_reported() -> None:
    code = HUB + '''
    async def hub():
        calls = asyncio.Queue()
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            asyncio.create_task(actuator(session, calls))
            async for msg in session.receive():
                if msg.tool_call:
                    calls.put_nowait(msg.tool_call)
    '''
    assert found(code, ("LM305",)) == []


def test_near_miss_a_queue_also_handed_to_code_elsewhere_is_not_reported() -> None:
    # `forward` comes from another module: it may drain the queue and answer (one line more above)
    code = HUB.replace("import asyncio", "import asyncio\n    from workers import forward") + '''
    async def auditor(db):
        audit = asyncio.Queue()
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            asyncio.create_task(record(audit, db))
            asyncio.create_task(forward(session, audit))
            async for msg in session.receive():
                if msg.tool_call:
                    audit.put_nowait(msg.tool_call)
    '''
    assert found(code, ("LM305",)) == []
