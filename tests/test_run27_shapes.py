"""Shapes measurement 27 showed (public 2.x Live code; written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, fixed_text, write_tree

# A session class puts each tool call, wrapped in an event dict, on a queue its users read
# through a getter, and answers through a method its users call with the responses.
QUEUED_EVENTS = dedent('''
    import asyncio

    from google import genai

    TOOLS = [{"function_declarations": [{"name": "get_scene", "parameters": {"type": "object"}}]}]


    class LiveSession:
        def __init__(self):
            self.client = genai.Client()
            self.events = asyncio.Queue()
            self.session = None

        async def run(self):
            config = {"response_modalities": ["AUDIO"], "tools": TOOLS}
            async with self.client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:
                self.session = session
                async for response in session.receive():
                    tool_call = response.tool_call
                    if tool_call:
                        await self.events.put({"type": "tool_call", "tool_call": tool_call})

        async def next_event(self):
            return await self.events.get()

        async def send_tool_response(self, responses):
            await self.session.send_tool_response(function_responses=responses)
''')


def test_a_tool_call_wrapped_in_an_event_reaches_users_who_answer_through_the_class() -> None:
    # the class's public send_tool_response(responses) is how its users answer
    assert check(QUEUED_EVENTS, ("LM305",)) == []


def test_a_tool_call_wrapped_in_an_event_with_no_way_to_answer_it() -> None:
    # handed to an event bus, no public method sends a tool response: nothing can answer
    silent = QUEUED_EVENTS.split("    async def send_tool_response")[0].rstrip() + "\n"
    assert silent != QUEUED_EVENTS
    assert [f.rule_id for f in check(silent, ("LM305",))] == ["LM305"]


def test_a_tool_call_put_on_a_queue_only_a_getter_drains_is_handed_to_its_users() -> None:
    direct = QUEUED_EVENTS.split("    async def send_tool_response")[0].rstrip() + "\n"
    direct = direct.replace('await self.events.put({"type": "tool_call", "tool_call": tool_call})',
                            "await self.events.put(tool_call)")
    assert "put(tool_call)" in direct
    assert check(direct, ("LM305",)) == []


def test_a_getter_read_here_by_a_method_that_only_logs_leaves_the_call_unanswered() -> None:
    # (no public answering method: what the local reader does with the call is what counts)
    logged = QUEUED_EVENTS.split("    async def send_tool_response")[0].rstrip().replace(
        'await self.events.put({"type": "tool_call", "tool_call": tool_call})',
        "await self.events.put(tool_call)") + "\n" + (
        "\n"
        "    async def pump(self):\n"
        "        while True:\n"
        "            event = await self.next_event()\n"
        "            print(event)\n")
    assert "put(tool_call)" in logged
    assert [f.rule_id for f in check(logged, ("LM305",))] == ["LM305"]


# A service module enters the session by hand and returns it with its manager; the relay
# keeps it open in a loop that runs while the socket is up and no shutdown is asked.
OPENER = dedent("""
    from google import genai

    client = genai.Client()


    async def create_session(voice):
        config = {"response_modalities": ["AUDIO"], "speech_config": {"voice_config": voice}}
        manager = client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config)
        session = await manager.__aenter__()
        return session, manager
""")
RELAY = dedent("""
    import asyncio

    from service import create_session


    async def relay(websocket, shutdown: asyncio.Event):
        active = True
        gemini_session, manager = await create_session({"prebuilt_voice_config": {"voice_name": "Puck"}})
        while not shutdown.is_set() and active and gemini_session:
            async for message in gemini_session.receive():
                await websocket.send_bytes(message.data)
""")


def test_a_session_kept_open_by_a_loop_on_several_stop_flags(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"service.py": OPENER, "relay.py": RELAY})
    assert findings_by_file(project, ("LM402",)) == {"service.py": [(8, "LM402")]}


def test_a_retry_loop_bounded_by_a_count_keeps_nothing_open(tmp_path: Path) -> None:
    retry = RELAY.replace("while not shutdown.is_set() and active and gemini_session:",
                          "while attempts < 3 and not shutdown.is_set():").replace(
        "    active = True\n", "    attempts = 0\n")
    assert retry != RELAY
    project = write_tree(tmp_path / "p", {"service.py": OPENER, "relay.py": retry})
    assert findings_by_file(project, ("LM402",)) == {}


# A session class declares function tools and looks for calls the way the models API answers
# carry them (`response.function_calls`): a Live server message has no such field, its calls
# are in `tool_call.function_calls`, so none is ever seen or answered.
MISREAD_CALLS = dedent("""
    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[{"name": "lookup", "parameters": {"type": "object"}}])]


    class Assistant:
        def __init__(self):
            self.client = genai.Client()

        async def run(self):
            config = {"response_modalities": ["AUDIO"], "tools": TOOLS}
            async with self.client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:
                async for response in session.receive():
                    await self._handle(response)

        async def _handle(self, response):
            if response.data:
                print(len(response.data))
            if hasattr(response, "function_calls") and response.function_calls:
                for call in response.function_calls:
                    print(call.name)
""")


def test_a_live_message_read_for_function_calls_it_never_carries() -> None:
    found = check(MISREAD_CALLS, ("LM305",))
    assert [(f.rule_id, f.line) for f in found] == [("LM305", 20)]
    assert "tool_call.function_calls" in found[0].message


def test_function_calls_of_a_models_api_answer_are_its_own() -> None:
    # an awaited models API call beside the session: its answer has function_calls
    answer = MISREAD_CALLS.replace(
        "    async def _handle(self, response):\n",
        "    async def _handle(self, message):\n"
        "        response = await self.client.aio.models.generate_content(model=\"gemini-2.5-flash\", contents=\"hi\")\n"
    ).replace("        if response.data:\n            print(len(response.data))\n", "")
    assert answer != MISREAD_CALLS
    assert check(answer, ("LM305",)) == []


def test_function_calls_read_beside_the_tool_call_are_not_a_misread() -> None:
    both = MISREAD_CALLS.replace(
        '        if hasattr(response, "function_calls") and response.function_calls:\n',
        '        if response.tool_call:\n'
        '            await self.session.send_tool_response(function_responses=[])\n'
        '        if hasattr(response, "function_calls") and response.function_calls:\n')
    assert both != MISREAD_CALLS
    assert check(both, ("LM305",)) == []


# A raw client's receive loop handles the turn's end only when a message has no model turn,
# then goes on with the model turn's parts: a message carrying both loses its turn end.
ABSENT_RUNG = dedent("""
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def receive_loop(ws, browser):
        async for raw in ws:
            msg = json.loads(raw)
            server_content = msg.get("serverContent")
            if not server_content:
                continue
            model_turn = server_content.get("modelTurn")
            if not model_turn:
                if server_content.get("turnComplete"):
                    await browser.send_json({"type": "turn_complete"})
                continue
            for part in model_turn.get("parts", []):
                inline = part.get("inlineData")
                if inline:
                    await browser.send_json({"type": "audio", "data": inline["data"]})
""")


def test_a_field_handled_only_when_another_is_absent() -> None:
    found = check(ABSENT_RUNG, ("LM302",))
    assert [(f.rule_id, f.line) for f in found] == [("LM302", 15)]


def test_the_sdk_spelling_of_a_field_handled_only_when_another_is_absent() -> None:
    sdk = dedent("""
        from google import genai

        client = genai.Client()


        async def main(play, end):
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:
                async for msg in session.receive():
                    sc = msg.server_content
                    if sc is None:
                        continue
                    if sc.model_turn is None:
                        if sc.turn_complete:
                            end()
                        continue
                    for part in sc.model_turn.parts:
                        play(part)
    """)
    assert [(f.rule_id, f.line) for f in check(sdk, ("LM302",))] == [("LM302", 12)]


def test_another_kind_of_message_handled_when_content_is_absent_loses_nothing() -> None:
    # a tool call never rides with a model turn: the server message's kinds are a oneof
    tool = ABSENT_RUNG.replace(
        '            if server_content.get("turnComplete"):\n',
        '            if msg.get("toolCall"):\n')
    assert tool != ABSENT_RUNG
    assert check(tool, ("LM302",)) == []


def test_nothing_after_the_rung_loses_nothing() -> None:
    last = ABSENT_RUNG.split("        for part in model_turn")[0]
    assert last != ABSENT_RUNG
    assert check(last, ("LM302",)) == []


def test_an_awaited_models_api_answer_under_a_message_name_is_no_message() -> None:
    # one name, two values: the async models API's answer first, the session's messages after
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def main():
            response = await client.aio.models.generate_content(model="gemini-2.5-flash", contents="hi")
            print(response.text)
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:
                await session.send_realtime_input(text="hi")
                async for response in session.receive():
                    print(response.text)
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM304",))] == [("LM304", 12)]
    fixed = fixed_text(code, unsafe=True)
    assert "    print(response.text)\n    async with" in fixed
