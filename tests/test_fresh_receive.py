"""The receive and session rules on the shapes the fifth held-out set, the third expert set and
real repositories found (issue 11; tests/corpus/README.md, heldout_5/): `part.text` in a
comprehension of a message handler (LM304), a part taken with `next(iter(parts))` (LM307), a
`return` on a usage budget tested in one `and` (LM306), a tool call handed to a handlers-dict
callback (LM305) or to a callback injected from outside (LM305), a `start_stream` session read
one turn (LM402), a raw client whose setup and endless receive loop sit in different methods
(LM402), and a raw `continue` after the audio nested in an `if` (LM303, then LM301)."""

from __future__ import annotations

from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter


def found(code: str, rules: tuple[str, ...]) -> list[tuple[int, str]]:
    return sorted((f.line, f.rule_id) for f in check(dedent(code), rules))


def line_of(code: str, text: str) -> int:
    """The line (1-based) of the first line of ``dedent(code)`` holding ``text``."""
    return next(i for i, line in enumerate(dedent(code).splitlines(), 1) if text in line)


def fixes(code: str, rules: tuple[str, ...]) -> list[bool]:
    return [f.fix is not None for f in check(dedent(code), rules)]


# --- 1. LM304: `part.text` in a comprehension of a helper taking a LiveServerMessage -----------
HELPER = '''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


    class Car:
        @staticmethod
        def caption(msg: types.LiveServerMessage) -> str:
            return " ".join(part.text for part in msg.server_content.model_turn.parts if part.text)

        async def drive(self, screen) -> None:
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
                async for msg in session.receive():
                    if msg.server_content and msg.server_content.model_turn:
                        screen.show(self.caption(msg))
'''


def test_lm304_reads_part_text_in_a_comprehension_of_a_message_helper() -> None:
    # each read is one finding, as in a loop over the parts (`if part.text: show(part.text)`)
    assert found(HELPER, ("LM304",)) == [(line_of(HELPER, "part.text for part"), "LM304")] * 2


def test_lm304_comprehension_over_parts_on_a_text_session_is_not_reported() -> None:
    assert found(HELPER.replace('["AUDIO"]', '["TEXT"]'), ("LM304",)) == []


def test_lm304_comprehension_over_other_things_is_not_reported() -> None:
    code = HELPER.replace("for part in msg.server_content.model_turn.parts", "for part in screen_lines()")
    assert found(code, ("LM304",)) == []


# --- 2. LM306: a usage budget tested in one `and` -------------------------------------------
BUDGET = '''
    from google import genai

    client = genai.Client()


    class Agent:
        async def run(self, model, out) -> None:
            async with client.aio.live.connect(model=model, config={"response_modalities": ["AUDIO"]}) as session:
                while True:
                    async for msg in session.receive():
                        if msg.usage_metadata and msg.usage_metadata.total_token_count > self.budget:
                            return
                        out.write(msg.data)
'''


def test_lm306_return_on_a_usage_budget_tested_in_one_and_is_reported_without_a_fix() -> None:
    findings = check(dedent(BUDGET), ("LM306",))
    assert [(f.line, f.rule_id) for f in findings] == [(line_of(BUDGET, "return"), "LM306")]
    assert "program's own" in findings[0].message and findings[0].fix is None


def test_lm306_budget_and_turn_end_in_one_and_is_not_reported() -> None:
    code = BUDGET.replace("> self.budget:", "> self.budget and msg.server_content.turn_complete:")
    assert found(code, ("LM306",)) == []


def test_lm306_tool_call_and_its_calls_in_one_and_keeps_its_fix() -> None:
    # the loop answers the call before it leaves: `continue` then waits for no one (a call
    # nothing answers gets no fix: tests/test_run6_hunks.py)
    code = BUDGET.replace("msg.usage_metadata and msg.usage_metadata.total_token_count > self.budget",
                          "msg.tool_call and msg.tool_call.function_calls").replace(
        "return", "await session.send_tool_response(function_responses=[])\n                            break")
    code = code.replace("while True:\n                    async for", "if True:\n                    async for")
    # (a session that declares function tools: on one that declares none the branch never runs)
    code = code.replace('config={"response_modalities": ["AUDIO"]}',
                        'config={"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [{"name": "f"}]}]}')
    assert found(code, ("LM306",)) == [(line_of(code, "break"), "LM306")]
    assert fixes(code, ("LM306",)) == [True]


# --- 2. LM305: a tool call handed to a handlers-dict callback ----------------------------------
HANDLERS = '''
    from google import genai
    from google.genai import types

    LIGHTS = types.FunctionDeclaration(name="set_lights", description="Lights.")
    CONFIG = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[LIGHTS])])


    class Home:
        def __init__(self, client, ui) -> None:
            self.client = client
            self.ui = ui
            self.session = None
            self.handlers = {"audio": self.on_audio, "tool": self.on_tool}

        async def on_audio(self, data: bytes) -> None:
            self.ui.play(data)

        async def on_tool(self, call: types.FunctionCall) -> None:
            self.ui.log(f"model asked for {call.name}")

        async def run(self, model: str) -> None:
            async with self.client.aio.live.connect(model=model, config=CONFIG) as session:
                self.session = session
                async for msg in session.receive():
                    if msg.data:
                        await self.handlers["audio"](msg.data)
                    if msg.tool_call:
                        for call in msg.tool_call.function_calls:
                            await self.handlers["tool"](call)
'''
ANSWERS = '''        async def on_tool(self, call: types.FunctionCall) -> None:
            await self.session.send_tool_response(function_responses=[
                types.FunctionResponse(id=call.id, name=call.name, response={"ok": True})])
'''


def test_lm305_call_handed_to_a_handlers_dict_callback_that_only_logs_is_reported() -> None:
    assert found(HANDLERS, ("LM305",)) == [(line_of(HANDLERS, "if msg.tool_call"), "LM305")]


def test_lm305_call_handed_to_a_handlers_dict_callback_that_answers_is_not_reported() -> None:
    code = HANDLERS.replace('''        async def on_tool(self, call: types.FunctionCall) -> None:
            self.ui.log(f"model asked for {call.name}")
''', ANSWERS)
    assert found(code, ("LM305",)) == []


def test_lm305_call_handed_through_a_dict_key_the_module_cannot_read_is_handed_off() -> None:
    code = HANDLERS.replace('self.handlers["tool"](call)', "self.handlers[call.name](call)")
    assert found(code, ("LM305",)) == []


# --- 5. LM305: a raw client hands the calls to a callback injected from outside --------------
INJECTED = '''
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Client:
        def __init__(self, on_tool_call=None) -> None:
            self._on_tool_call = on_tool_call
            self._ws = None

        async def connect(self) -> None:
            self._ws = await websockets.connect(URI)
            await self._ws.send(json.dumps({"setup": {
                "model": "models/gemini-3.1-flash-live-preview",
                "tools": [{"functionDeclarations": [{"name": "lookup"}]}],
            }}))

        def handle(self, msg: dict) -> None:
            calls = msg.get("toolCall", {}).get("functionCalls", [])
            if calls:
                print("tool calls", [c.get("name") for c in calls])
                if self._on_tool_call:
                    self._on_tool_call(calls)
'''


def test_lm305_raw_calls_handed_to_an_injected_callback_are_handed_off() -> None:
    assert found(INJECTED, ("LM305",)) == []


def test_lm305_raw_calls_only_printed_are_reported() -> None:
    code = INJECTED.replace("                if self._on_tool_call:\n                    self._on_tool_call(calls)\n", "")
    assert found(code, ("LM305",)) == [(line_of(code, "toolCall"), "LM305")]


# --- 3. LM307: the part taken with next(iter(parts)) ----------------------------------------
NEXT_ITER = '''
    from google import genai

    client = genai.Client()


    async def scribe(speaker) -> None:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for msg in session.receive():
                sc = msg.server_content
                if sc and sc.model_turn:
                    first = next(iter(sc.model_turn.parts))
                    if first.inline_data and first.inline_data.mime_type == "audio/pcm":
                        speaker.play(first.inline_data.data)
'''


def test_lm307_on_the_part_taken_with_next_iter() -> None:
    assert found(NEXT_ITER, ("LM307",)) == [(line_of(NEXT_ITER, "mime_type =="), "LM307")]


def test_lm307_next_iter_of_something_else_is_not_reported() -> None:
    assert found(NEXT_ITER.replace("next(iter(sc.model_turn.parts))", "next(iter(speaker.queue))"), ("LM307",)) == []


# --- 4. LM402: start_stream read up to the first turn end -----------------------------------
ONE_TURN_STREAM = '''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    async def dictated_question(pcm_chunks) -> bytes:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            audio = bytearray()
            async for msg in session.start_stream(stream=pcm_chunks, mime_type="audio/pcm;rate=16000"):
                if msg.data:
                    audio.extend(msg.data)
                if msg.server_content and msg.server_content.turn_complete:
                    break
            return bytes(audio)
'''


def test_lm402_start_stream_left_at_the_first_turn_end_is_not_long_running() -> None:
    assert found(ONE_TURN_STREAM, ("LM402",)) == []


def test_lm402_start_stream_read_on_past_turn_ends_is_long_running() -> None:
    code = ONE_TURN_STREAM.replace("                    break\n", "                    print('turn over')\n")
    assert found(code, ("LM402",)) == [(line_of(code, "live.connect"), "LM402")]


def test_lm402_start_stream_left_at_the_turn_end_inside_a_while_loop_is_long_running() -> None:
    code = ONE_TURN_STREAM.replace(
        "            async for msg in session.start_stream(",
        "            while True:\n              async for msg in session.start_stream(")
    code = code.replace("\n                if msg.", "\n                  if msg.").replace(
        "\n                    audio.", "\n                      audio.").replace(
        "\n                    break", "\n                      break")
    assert found(code, ("LM402",)) == [(line_of(code, "live.connect"), "LM402")]


# --- 6. LM402: a raw client whose setup and receive loop sit in different methods ------------
RAW_CLASS = '''
    import asyncio
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Voice:
        def __init__(self, on_audio) -> None:
            self._on_audio = on_audio
            self._ws = None
            self._running = False

        def _build_setup(self) -> dict:
            setup = {
                "setup": {
                    "model": "models/gemini-3.1-flash-live-preview",
                    "generation_config": {"response_modalities": ["AUDIO"]},
                }
            }
            return setup

        async def connect(self) -> None:
            self._ws = await websockets.connect(URI)
            self._running = True
            await self._ws.send(json.dumps(self._build_setup()))
            await self._ws.recv()
            asyncio.create_task(self._recv_loop())

        async def disconnect(self) -> None:
            self._running = False
            await self._ws.close()

        async def _recv_loop(self) -> None:
            async for raw in self._ws:
                if not self._running:
                    break
                msg = json.loads(raw)
                self._handle(msg)

        def _handle(self, msg: dict) -> None:
            sc = msg.get("serverContent", {})
            for part in sc.get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    self._on_audio(part["inlineData"]["data"])
'''


def test_lm402_raw_receive_loop_stopped_only_by_a_running_flag_is_long_running() -> None:
    assert found(RAW_CLASS, ("LM402",)) == [(line_of(RAW_CLASS, '"setup": {'), "LM402")]


def test_lm402_raw_loop_stopped_by_a_flag_set_at_the_turn_end_is_one_turn() -> None:
    code = RAW_CLASS.replace(
        '                    self._on_audio(part["inlineData"]["data"])\n',
        '                    self._on_audio(part["inlineData"]["data"])\n'
        '            if sc.get("turnComplete"):\n'
        '                self._running = False\n')
    assert found(code, ("LM402",)) == []


def test_lm402_raw_class_that_reads_go_away_is_managed() -> None:
    code = RAW_CLASS.replace('            sc = msg.get("serverContent", {})\n',
                             '            sc = msg.get("serverContent", {})\n'
                             '            if "goAway" in msg:\n                self._running = False\n')
    assert found(code, ("LM402",)) == []


# --- 7. LM303 then LM301: a raw `continue` after the audio, nested in an `if` ----------------
RAW_SPEAKER = '''
    import base64
    import json

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def speaker(ws, out) -> None:
        await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
        async for raw in ws:
            msg = json.loads(raw)
            content = msg.get("serverContent")
            if not content:
                continue
            if "modelTurn" in content:
                part = content["modelTurn"]["parts"][0]
                if "inlineData" in part:
                    out.write(base64.b64decode(part["inlineData"]["data"]))
                    continue
            if "outputTranscription" in content:
                print("host:", content["outputTranscription"].get("text", ""))
            if content.get("turnComplete"):
                print("-- segment over --")
'''


def test_lm303_nested_raw_continue_after_the_audio_goes() -> None:
    source = dedent(RAW_SPEAKER)
    assert fixes(RAW_SPEAKER, ("LM303",)) == [True]
    verify_fix(linter(("LM303",)), source.encode(), unsafe=True)
    assert fixed_text(source, ("LM303",), unsafe=True) == dedent(RAW_SPEAKER.replace(
        "                    continue\n", "", 1))


def test_lm301_and_lm303_together_give_every_raw_part_its_body() -> None:
    source = dedent(RAW_SPEAKER)
    verify_fix(linter(("LM301", "LM303")), source.encode(), unsafe=True)
    assert fixed_text(source, ("LM301", "LM303"), unsafe=True) == dedent(RAW_SPEAKER.replace(
        '''                part = content["modelTurn"]["parts"][0]
                if "inlineData" in part:
                    out.write(base64.b64decode(part["inlineData"]["data"]))
                    continue
''', '''                for part in content["modelTurn"]["parts"]:
                    if "inlineData" in part:
                        out.write(base64.b64decode(part["inlineData"]["data"]))
'''))


def test_lm303_nested_continue_followed_by_a_statement_of_its_block_keeps_no_fix() -> None:
    # the continue also skips `out.flush()` of its own block: removing it would run that too
    code = RAW_SPEAKER.replace(
        "                    continue\n",
        "                    continue\n                out.flush()\n")
    assert fixes(code, ("LM303",)) == [False]


def test_lm303_nested_sdk_continue_after_the_audio_goes_too() -> None:
    code = '''
    from google import genai

    client = genai.Client()


    async def speaker(out) -> None:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for msg in session.receive():
                sc = msg.server_content
                if not sc:
                    continue
                if sc.model_turn and sc.model_turn.parts:
                    part = sc.model_turn.parts[0]
                    if part.inline_data:
                        out.write(part.inline_data.data)
                        continue
                if sc.output_transcription:
                    print(sc.output_transcription.text)
    '''
    source = dedent(code)
    verify_fix(linter(("LM303",)), source.encode(), unsafe=True)
    assert fixed_text(source, ("LM303",), unsafe=True) == dedent(code.replace("                        continue\n", "", 1))


def test_lm402_a_loop_over_urls_calling_a_one_turn_reader_is_no_receive_loop() -> None:
    """`for url in URLS: await talk(url)` calls a function that reads serverContent, but does not
    receive messages itself: the sessions `talk` opens end at their first turn end."""
    code = '''
        import json

        from websockets.asyncio.client import connect

        URLS = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",)


        async def talk(url: str) -> bytes:
            out = bytearray()
            async with connect(url) as ws:
                await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
                await ws.send(json.dumps({"realtimeInput": {"text": "hi"}}))
                async for raw in ws:
                    content = json.loads(raw).get("serverContent", {})
                    if content.get("turnComplete"):
                        break
            return bytes(out)


        async def main() -> None:
            for url in URLS:
                print(len(await talk(url)))
    '''
    assert found(code, ("LM402",)) == []
