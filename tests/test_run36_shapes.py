"""Shapes of measurement 35's misses and measurement 36, each a test (written from the shapes)."""

from __future__ import annotations

from harness import check, dedent, findings_by_file, fixed_text, write_tree

MANUAL_NEXT = dedent("""
    from google import genai
    from google.genai import types


    class Narrator:
        def __init__(self, key):
            self.client = genai.Client(api_key=key)
            self.session = None
            self._running = False

        async def connect(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._ctx = self.client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=config)
            self.session = await self._ctx.__aenter__()
            self._running = True

        async def listen(self, callback):
            gen = self.session.receive()
            while self._running:
                try:
                    response = await gen.__anext__()
                except StopAsyncIteration:
                    gen = self.session.receive()
                    continue
                sc = response.server_content
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            await callback(part.inline_data.data)
""")


def test_messages_read_one_at_a_time_in_a_loop_until_stopped_keep_the_session_open() -> None:
    """`gen.__anext__()` in `while self._running`, a new `receive()` at each turn's end: the
    receive loop is the `while` (measurement 35 missed LM402 on it)."""
    found = [f for f in check(MANUAL_NEXT, ("LM402",))]
    assert [f.line for f in found] == [13]
    assert "line 19" in found[0].message


def test_one_at_a_time_reads_leaving_at_the_turn_end_are_one_turn() -> None:
    code = MANUAL_NEXT.replace("            if sc and sc.model_turn:",
                               "            if sc and sc.turn_complete:\n                break\n            if sc and sc.model_turn:")
    assert code != MANUAL_NEXT
    assert not check(code, ("LM402",))


def test_one_at_a_time_reads_in_a_loop_bounded_by_count_are_one_probe() -> None:
    code = MANUAL_NEXT.replace("while self._running:", "for _ in range(20):")
    assert code != MANUAL_NEXT
    assert not check(code, ("LM402",))


def test_a_single_message_read_with_anext_in_an_endless_loop_keeps_it_open() -> None:
    code = MANUAL_NEXT.replace("response = await gen.__anext__()",
                               "response = await anext(self.session.receive())")
    assert code != MANUAL_NEXT
    assert [f.line for f in check(code, ("LM402",))] == [13]


# A session class of one module, kept by a coordinator class of a second module, whose method
# a web handler's endless loop in a third module calls once per question.
VOICE_SESSION = dedent("""
    from google import genai
    from google.genai import types


    class VoiceSession:
        def __init__(self, key):
            self._client = genai.Client(api_key=key)
            self._session = None

        async def open(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._ctx = self._client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=config)
            self._session = await self._ctx.__aenter__()

        async def ask(self, text):
            await self._session.send_client_content(
                turns=[types.Content(role="user", parts=[types.Part(text=text)])], turn_complete=True)
            async for message in self._session.receive():
                if message.data:
                    yield message.data
""")

COORDINATOR = dedent("""
    from services.voice import VoiceSession


    class Coordinator:
        'Answers questions with the Gemini voice session.'

        def __init__(self, key):
            self.key = key
            self._voice = None

        async def _voice_session(self):
            if self._voice is None:
                voice = VoiceSession(self.key)
                await voice.open()
                self._voice = voice
            return self._voice

        async def answer(self, question):
            voice = await self._voice_session()
            async for chunk in voice.ask(question):
                yield chunk
""")

ROUTE = dedent("""
    from fastapi import WebSocket

    from agents.coordinator import Coordinator


    async def relay(ws, coordinator, question):
        async for chunk in coordinator.answer(question):
            await ws.send_bytes(chunk)


    async def endpoint(ws: WebSocket):
        await ws.accept()
        coordinator = Coordinator("k")
        while True:
            question = await ws.receive_text()
            await relay(ws, coordinator, question)
""")


def _three_modules(tmp_path, route=ROUTE, coordinator=COORDINATOR):
    return write_tree(tmp_path / "p", {"services/__init__.py": "", "services/voice.py": VOICE_SESSION,
                                       "agents/__init__.py": "", "agents/coordinator.py": coordinator,
                                       "routers/__init__.py": "", "routers/ws.py": route})


def test_a_session_fed_through_a_coordinator_of_another_module_is_kept_open(tmp_path) -> None:
    """The route's endless loop asks the coordinator, which feeds the session it keeps
    (measurement 35 missed LM402 on a session fed two modules away)."""
    assert findings_by_file(_three_modules(tmp_path), ("LM402",)) == {"services/voice.py": [(12, "LM402")]}


def test_a_route_asking_once_keeps_nothing_open(tmp_path) -> None:
    route = ROUTE.replace("    while True:\n        question = await ws.receive_text()\n",
                          "    if True:\n        question = await ws.receive_text()\n")
    assert route != ROUTE
    assert findings_by_file(_three_modules(tmp_path, route=route), ("LM402",)) == {}


def test_a_coordinator_that_never_builds_the_session_class_relays_nothing(tmp_path) -> None:
    """`voice.ask(...)` on something the coordinator does not build from the session class: a
    method name alone is not the session's."""
    coordinator = COORDINATOR.replace("voice = VoiceSession(self.key)", "voice = make_voice(self.key)")
    assert coordinator != COORDINATOR
    assert findings_by_file(_three_modules(tmp_path, coordinator=coordinator), ("LM402",)) == {}


def test_an_unlisted_2x_live_id_alone_in_a_module_is_screened_in() -> None:
    """The prefilter let through only the listed ids, while LM001 also knows unlisted 2.x Live
    ids (`gemini-2.0-flash-live`): a module naming one and nothing else of the Live API was
    skipped unread (measurement 36)."""
    code = dedent("""
        class Consultation:
            def __init__(self):
                self.model_name = "gemini-2.0-flash-live"
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM001",))] == [("LM001", 3)]


def test_the_prefilter_admits_every_id_the_rule_takes_for_a_2x_live_one() -> None:
    from livemigrate.migration import legacy_model
    from livemigrate.prefilter import may_touch_live_api

    for model in ("gemini-2.0-flash-live", "gemini-2.5-flash-native-audio-eap-11-2025", "models/gemini-2.0-flash-live-002"):
        assert legacy_model(model) is not None, model
        assert may_touch_live_api(f'M = "{model}"\n'.encode()), model
    assert not may_touch_live_api(b'M = "gemini-2.5-flash"\n')


SETTINGS_FACTORY = dedent("""
    from functools import lru_cache


    class Settings:
        gemini_model: str = "gemini-2.0-flash-exp"
        voice: str = "Aoede"


    @lru_cache()
    def get_settings():
        return Settings()
""")

SERVICE_ON_FACTORY = dedent("""
    from google import genai

    from config import get_settings


    class VoiceService:
        def __init__(self):
            self.settings = get_settings()
            self.client = genai.Client()

        async def run(self):
            async with self.client.aio.live.connect(model=self.settings.gemini_model) as session:
                async for message in session.receive():
                    print(message.data)
""")


def test_an_id_read_from_a_settings_factory_of_another_module_reaches_the_session(tmp_path) -> None:
    """`self.settings = get_settings()` (a function returning the settings class), then
    `self.settings.gemini_model` in `live.connect`: the field's default is the session's model
    (measurement 36 missed LM001 on `gemini-2.0-flash-exp` there)."""
    project = write_tree(tmp_path / "p", {"config.py": SETTINGS_FACTORY, "service.py": SERVICE_ON_FACTORY})
    assert findings_by_file(project, ("LM001",)) == {"config.py": [(5, "LM001")]}


def test_the_factory_called_in_place_is_read_the_same_way(tmp_path) -> None:
    service = SERVICE_ON_FACTORY.replace("model=self.settings.gemini_model", "model=get_settings().gemini_model")
    assert service != SERVICE_ON_FACTORY
    project = write_tree(tmp_path / "p", {"config.py": SETTINGS_FACTORY, "service.py": service})
    assert findings_by_file(project, ("LM001",)) == {"config.py": [(5, "LM001")]}


def test_a_factory_field_only_a_text_model_takes_is_not_the_sessions(tmp_path) -> None:
    service = SERVICE_ON_FACTORY.replace("model=self.settings.gemini_model", 'model="gemini-3.1-flash-live-preview"')
    service += "\n\ndef summarize(client, text):\n    return client.models.generate_content(model=get_settings().gemini_model, contents=text)\n"
    project = write_tree(tmp_path / "p", {"config.py": SETTINGS_FACTORY, "service.py": service})
    assert findings_by_file(project, ("LM001",)) == {}


SWITCH_READ = dedent("""
    import os

    from google import genai
    from google.genai import types

    if os.environ.get("GOOGLE_GENAI_USE_VERTEXAI", "") != "1":
        os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = "/dev/null/nonexistent"

    MODEL = "gemini-2.5-flash-native-audio-latest"


    async def run(frames):
        client = genai.Client()
        config = types.LiveConnectConfig(response_modalities=["AUDIO"])
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            while True:
                frame = await frames.get()
                await session.send_realtime_input(video=types.Blob(data=frame, mime_type="image/jpeg"))
""")


def test_a_backend_switch_read_leaves_a_gemini_api_id_on_the_gemini_api() -> None:
    """The module tests GOOGLE_GENAI_USE_VERTEXAI (a deployment switch) but the session's id
    exists only on the Gemini API: the session is the Gemini API's, and its video turn
    coverage is reported (measurement 36 missed LM401 on an ADK app of this shape)."""
    found = {(f.rule_id, f.line): f.message for f in check(SWITCH_READ, ("LM001", "LM401", "LM402"))}
    assert set(found) == {("LM001", 9), ("LM401", 15), ("LM402", 15)}
    assert "Vertex" not in found[("LM402", 15)]


def test_a_switch_read_with_an_id_both_backends_serve_stays_undecided() -> None:
    code = SWITCH_READ.replace("gemini-2.5-flash-native-audio-latest", "gemini-2.0-flash-live-001")
    assert code != SWITCH_READ
    assert ("LM401", 15) not in {(f.rule_id, f.line) for f in check(code, ("LM401",))}


def test_a_switch_set_keeps_the_session_on_vertex() -> None:
    code = SWITCH_READ.replace('if os.environ.get("GOOGLE_GENAI_USE_VERTEXAI", "") != "1":\n'
                               '    os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = "/dev/null/nonexistent"',
                               'os.environ["GOOGLE_GENAI_USE_VERTEXAI"] = "1"')
    assert code != SWITCH_READ
    assert ("LM401", 15) not in {(f.rule_id, f.line) for f in check(code, ("LM401",))}


GUARDED_RUNG = dedent("""
    from google import genai

    client = genai.Client()


    async def relay(ws):
        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
            while True:
                async for response in s.receive():
                    if response.server_content:
                        if getattr(response.server_content, "interrupted", False):
                            await ws.send_json({"type": "flush"})
                            continue

                    audio = None
                    if response.data:
                        audio = response.data
                    elif response.server_content and response.server_content.model_turn:
                        for part in response.server_content.model_turn.parts:
                            if part.inline_data:
                                audio = part.inline_data.data
                    if audio:
                        await ws.send_bytes(audio)
""")


def test_a_rung_under_a_server_content_guard_starts_a_ladder() -> None:
    """`if sc: if interrupted: ...; continue`, then (past an initialisation) the audio read as
    `if data: ... elif model_turn: ...`: an interrupted message's audio is skipped (measurement 34
    missed LM302 on this shape)."""
    assert [(f.rule_id, f.line) for f in check(GUARDED_RUNG, ("LM302",))] == [("LM302", 12)]


def test_a_guard_doing_more_than_the_rung_is_no_rung() -> None:
    code = GUARDED_RUNG.replace("                if response.server_content:\n",
                                "                if response.server_content:\n                    log(response)\n")
    assert code != GUARDED_RUNG
    assert not check(code, ("LM302",))


def test_a_statement_reading_the_message_between_rungs_ends_the_ladder() -> None:
    code = GUARDED_RUNG.replace("                audio = None\n", "                audio = handle(response)\n")
    assert code != GUARDED_RUNG
    assert not check(code, ("LM302",))


def test_two_turn_states_under_a_guard_stay_alone() -> None:
    code = GUARDED_RUNG.replace("                audio = None\n                if response.data:",
                                "                audio = None\n                if response.server_content and response.server_content.turn_complete:")
    assert code != GUARDED_RUNG
    # (the `if turn_complete: ... elif model_turn:` chain below is a finding of its own)
    assert 12 not in [f.line for f in check(code, ("LM302",))]


TEXT_ELIF = dedent("""
    from google import genai

    client = genai.Client()
    captions = []


    def handle(msg, speaker):
        sc = msg.server_content
        if not sc or not sc.model_turn:
            return
        for part in sc.model_turn.parts:
            if part.inline_data:
                speaker.write(part.inline_data.data)
            elif part.text:
                captions.append(part.text)


    async def main(speaker):
        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
            async for msg in s.receive():
                handle(msg, speaker)
""")


def test_a_text_elif_of_a_parts_loop_reads_the_transcript_after_it() -> None:
    """`if part.inline_data: ... elif part.text: <caption>`: the text branch leaves the chain and
    reads the transcript once per message (it was reported with no fix)."""
    code = TEXT_ELIF.replace("    if not sc or not sc.model_turn:\n        return\n", "    if not sc:\n        return\n")
    assert code != TEXT_ELIF
    text = fixed_text(code, ("LM304", "LM009"), unsafe=True)
    assert "            speaker.write(part.inline_data.data)\n" in text
    assert "elif" not in text and "part.text" not in text
    assert "    if sc.output_transcription and sc.output_transcription.text:\n" \
           "        captions.append(sc.output_transcription.text)\n" in text


def test_a_filter_dropping_messages_without_a_model_turn_lets_the_transcript_through() -> None:
    """`if not sc or not sc.model_turn: return` before the loop: the transcript comes on messages
    without a model turn, so the filter keeps only `not sc` and the loop goes under `if
    sc.model_turn:` (before, the read was written after that filter: it never ran on them)."""
    text = fixed_text(TEXT_ELIF, ("LM304", "LM009"), unsafe=True)
    assert "    if not sc:\n        return\n    if sc.model_turn:\n        for part in sc.model_turn.parts:\n" \
           "            if part.inline_data:\n                speaker.write(part.inline_data.data)\n" \
           "    if sc.output_transcription and sc.output_transcription.text:\n" in text


def test_a_filter_on_the_model_turn_alone_goes() -> None:
    code = TEXT_ELIF.replace("    if not sc or not sc.model_turn:\n        return\n",
                             "    if sc is None:\n        return\n    if not sc.model_turn:\n        return\n")
    assert code != TEXT_ELIF
    text = fixed_text(code, ("LM304", "LM009"), unsafe=True)
    assert "not sc.model_turn" not in text
    assert "    if sc.model_turn:\n        for part in sc.model_turn.parts:\n" in text


def test_a_filter_doing_more_than_leaving_gets_no_fix() -> None:
    code = TEXT_ELIF.replace("    if not sc or not sc.model_turn:\n        return\n",
                             "    if not sc or not sc.model_turn:\n        log(msg)\n        return\n")
    assert code != TEXT_ELIF
    text = fixed_text(code, ("LM304", "LM009"), unsafe=True)
    assert "part.text" in text


TEXT_BY_CALLERS = dedent("""
    from google import genai

    client = genai.Client()


    class Bridge:
        def __init__(self, session):
            self.session = session

        async def send_text(self, text):
            await self.session.send(input=text, end_of_turn=True)


    async def main():
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001") as session:
            bridge = Bridge(session)
            while True:
                line = input("> ").strip()
                await bridge.send_text(line)
""")


def test_a_parameter_every_call_passes_text_is_sent_as_text() -> None:
    """`send_text(self, text)` called only with a stripped `input()` line: the legacy send is
    live text (unsafe: another module may pass something else; it got no fix before)."""
    assert "        await self.session.send_realtime_input(text=text)\n" not in fixed_text(TEXT_BY_CALLERS, ("LM103",))
    assert "        await self.session.send_realtime_input(text=text)\n" in fixed_text(
        TEXT_BY_CALLERS, ("LM103",), unsafe=True)


def test_a_caller_passing_anything_else_leaves_the_kind_unknown() -> None:
    code = TEXT_BY_CALLERS + "\n\nasync def replay(bridge, recorded):\n    await bridge.send_text(recorded)\n"
    assert "send_realtime_input" not in fixed_text(code, ("LM103",), unsafe=True)


ONE_TURN_BY_HAND = dedent("""
    from google import genai

    client = genai.Client()


    async def ask(question):
        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=config) as session:
            await session.send_client_content(turns={"role": "user", "parts": [{"text": question}]})
            gen = session.receive()
            while True:
                try:
                    response = await gen.__anext__()
                except StopAsyncIteration:
                    break
                print(response.data)
""")


def test_a_read_by_hand_leaving_when_the_stream_ends_is_one_turn() -> None:
    """`receive()` ends with the turn: a loop leaving at StopAsyncIteration (or at a timeout)
    reads one turn, as `async for` does (a review found LM402 reported on it)."""
    assert not check(ONE_TURN_BY_HAND, ("LM402",))
    quiet = ONE_TURN_BY_HAND.replace("response = await gen.__anext__()",
                                     "response = await asyncio.wait_for(gen.__anext__(), timeout=5)")
    quiet = quiet.replace("except StopAsyncIteration:", "except (asyncio.TimeoutError, StopAsyncIteration):")
    assert quiet != ONE_TURN_BY_HAND
    assert not check(quiet, ("LM402",))


def test_a_read_by_hand_setting_its_flag_at_the_turn_end_is_one_turn() -> None:
    code = ONE_TURN_BY_HAND.replace(
        "        while True:\n            try:\n                response = await gen.__anext__()\n"
        "            except StopAsyncIteration:\n                break\n",
        "        done = False\n        while not done:\n            response = await gen.__anext__()\n"
        "            if response.server_content and response.server_content.turn_complete:\n"
        "                done = True\n")
    assert code != ONE_TURN_BY_HAND
    assert not check(code, ("LM402",))


def test_a_setup_handshake_read_by_hand_keeps_nothing_open() -> None:
    code = ONE_TURN_BY_HAND.replace(
        "        gen = session.receive()\n        while True:\n            try:\n                response = await gen.__anext__()\n"
        "            except StopAsyncIteration:\n                break\n            print(response.data)\n",
        "        while True:\n            msg = await anext(session.receive())\n            if msg.setup_complete:\n"
        "                break\n        async for m in session.receive():\n            print(m.data)\n")
    assert code != ONE_TURN_BY_HAND
    assert not check(code, ("LM402",))


def test_a_method_calling_a_feeder_name_on_something_else_relays_nothing(tmp_path) -> None:
    """The coordinator builds the session class elsewhere (`greet`), but `answer` calls `ask` on
    a text model it keeps: a method name alone is not the session's (a review found LM402)."""
    coordinator = COORDINATOR.replace(
        "    async def answer(self, question):\n        voice = await self._voice_session()\n"
        "        async for chunk in voice.ask(question):\n            yield chunk\n",
        "    async def greet(self):\n        voice = await self._voice_session()\n"
        "        async for chunk in voice.ask('hello'):\n            yield chunk\n\n"
        "    async def answer(self, question):\n        async for chunk in self.llm.ask(question):\n"
        "            yield chunk\n")
    assert coordinator != COORDINATOR
    assert findings_by_file(_three_modules(tmp_path, coordinator=coordinator), ("LM402",)) == {}


def test_a_switch_set_through_update_is_set() -> None:
    """`os.environ.update({"GOOGLE_GENAI_USE_VERTEXAI": "True"})` sets it: the session stays on
    Vertex AI, reported as before (a review found it taken for a read)."""
    code = SWITCH_READ.replace('if os.environ.get("GOOGLE_GENAI_USE_VERTEXAI", "") != "1":\n'
                               '    os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = "/dev/null/nonexistent"',
                               'os.environ.update({"GOOGLE_GENAI_USE_VERTEXAI": "True"})')
    code = code.replace('MODEL = "gemini-2.5-flash-native-audio-latest"', 'MODEL = os.environ["LIVE_MODEL"]')
    assert code.count("os.environ") == 2
    assert not check(code, ("LM401",))


def test_an_unseen_id_behind_a_switch_read_is_reported_with_its_fix_held() -> None:
    """The switch only read and the model an environment variable: the session may run on either
    backend; the cost is reported, but the fix, which assumes the target, is held back."""
    code = SWITCH_READ.replace('MODEL = "gemini-2.5-flash-native-audio-latest"', 'MODEL = os.environ["LIVE_MODEL"]')
    code = code.replace('os.environ.get("GOOGLE_GENAI_USE_VERTEXAI", "") != "1"',
                        '"GOOGLE_GENAI_USE_VERTEXAI" not in os.environ')
    assert code != SWITCH_READ
    assert [f.line for f in check(code, ("LM401",))] == [15]
    assert "turn_coverage" not in fixed_text(code, ("LM401",), unsafe=True)


EVENTS_API = dedent("""
    from dataclasses import dataclass, field

    from google import genai
    from google.genai import types


    @dataclass
    class Event:
        type: str
        call_id: str = ""
        args: dict = field(default_factory=dict)


    class Session:
        def __init__(self):
            self._client = genai.Client()
            self._session = None
            self._names = {}

        async def connect(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=[{"function_declarations": [{"name": "move"}]}])
            self._cm = self._client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config)
            self._session = await self._cm.__aenter__()

        async def receive(self):
            async for message in self._session.receive():
                for event in self._parse(message):
                    yield event

        async def send_tool_response(self, call_id: str, result: dict) -> None:
            name = self._names.pop(call_id, "")
            await self._session.send_tool_response(
                function_responses=[types.FunctionResponse(id=call_id, name=name, response=result)])

        def _parse(self, message):
            results = []
            if message.tool_call:
                for fc in message.tool_call.function_calls:
                    call_id = fc.id or ""
                    self._names[call_id] = fc.name
                    results.append(Event(type="tool_call", call_id=call_id, args=fc.args or {}))
            return results
""")


def test_tool_calls_emitted_as_events_built_from_their_fields_are_answered_through_the_api() -> None:
    """The receive code emits `Event(type="tool_call", call_id=fc.id or "", ...)` and the class's
    public `send_tool_response(call_id, result)` answers: whoever gets the event answers through
    it (measurement 37 found LM305 reported here)."""
    assert not check(EVENTS_API, ("LM305",))


def test_without_the_answering_method_the_calls_stay_unanswered() -> None:
    start = EVENTS_API.index("    async def send_tool_response")
    end = EVENTS_API.index("    def _parse")
    assert [f.rule_id for f in check(EVENTS_API[:start] + EVENTS_API[end:], ("LM305",))] == ["LM305"]


def test_an_event_only_logged_hands_nothing_on() -> None:
    code = EVENTS_API.replace('results.append(Event(type="tool_call", call_id=call_id, args=fc.args or {}))',
                              'print(Event(type="tool_call", call_id=call_id))')
    assert code != EVENTS_API
    assert [f.rule_id for f in check(code, ("LM305",))] == ["LM305"]


RAW_LISTENER = dedent("""
    import asyncio
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Client:
        async def connect(self, key):
            self.ws = await websockets.connect(f"{URI}?key={key}")
            self._running = True
            await self.ws.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-exp"}}))
            await self.ws.recv()
            asyncio.create_task(self._listen())

        async def _listen(self):
            try:
                async for raw in self.ws:
                    if not self._running:
                        break
                    content = json.loads(raw).get("serverContent")
                    if content and content.get("turnComplete"):
                        self.on_turn_end()
            except Exception:
                self._running = False
""")


def test_a_flag_cleared_only_on_an_error_still_stops_a_raw_listener_when_the_program_does() -> None:
    """The listener's flag is cleared in its `except` (the socket failed), not at the turn's end:
    it runs until the program stops it (measurement 37 missed LM402 on this raw client)."""
    assert [f.line for f in check(RAW_LISTENER, ("LM402",))] == [13]


def test_a_flag_cleared_at_the_turn_end_ends_the_session_with_its_turn() -> None:
    code = RAW_LISTENER.replace("                    self.on_turn_end()\n",
                                "                    self.on_turn_end()\n                    self._running = False\n")
    assert code != RAW_LISTENER
    assert not check(code, ("LM402",))


# --- the second review's findings ---------------------------------------------------------------
LADDER_WITH_STATE = dedent("""
    from google import genai

    client = genai.Client()


    async def main(player):
        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=config) as s:
            async for msg in s.receive():
                sc = msg.server_content
                if sc.interrupted:
                    player.interrupted = True
                    continue
                player.interrupted = False
                if sc.model_turn:
                    player.play(sc.model_turn)
                    continue
                if sc.turn_complete:
                    player.done()
""")


def test_a_state_line_between_rungs_leaves_the_ladder_without_a_fix() -> None:
    """`player.interrupted = False` between rungs ran only past the rungs above: removing the
    `continue`s would run it on interrupted messages too."""
    assert [f.line for f in check(LADDER_WITH_STATE, ("LM302",))] == [11]
    assert "continue" in fixed_text(LADDER_WITH_STATE, ("LM302",), unsafe=True)


def test_a_last_rung_with_an_else_gets_no_fix() -> None:
    code = LADDER_WITH_STATE.replace("            player.interrupted = False\n", "")
    code = code.replace("                player.play(sc.model_turn)\n                continue\n"
                        "            if sc.turn_complete:\n                player.done()\n",
                        "                player.play(sc.model_turn)\n            else:\n"
                        "                player.listening()\n")
    assert "else:" in code and "player.interrupted = False" not in code
    assert [f.line for f in check(code, ("LM302",))] == [11]
    assert "continue" in fixed_text(code, ("LM302",), unsafe=True)


def test_a_guard_on_the_absence_of_server_content_starts_no_ladder() -> None:
    code = GUARDED_RUNG.replace("                if response.server_content:\n"
                                "                    if getattr(response.server_content, \"interrupted\", False):\n",
                                "                if not response.server_content:\n"
                                "                    if response.usage_metadata:\n")
    assert code != GUARDED_RUNG
    assert not check(code, ("LM302",))


def test_code_after_the_loop_that_the_model_turn_exit_guarded_leaves_no_fix() -> None:
    code = TEXT_ELIF.replace("        elif part.text:\n            captions.append(part.text)\n",
                             "        elif part.text:\n            captions.append(part.text)\n"
                             "    speaker.note_role(sc.model_turn.role)\n")
    assert code != TEXT_ELIF
    assert "part.text" in fixed_text(code, ("LM304", "LM009"), unsafe=True)


def test_an_exit_that_ends_the_reading_is_kept() -> None:
    code = TEXT_ELIF.replace("    if not sc or not sc.model_turn:\n        return\n",
                             "    if not sc or not sc.model_turn:\n        raise ValueError(msg)\n")
    assert code != TEXT_ELIF
    text = fixed_text(code, ("LM304", "LM009"), unsafe=True)
    assert "raise ValueError(msg)" in text and "part.text" in text


def test_a_method_also_taken_as_a_value_is_of_unknown_kind() -> None:
    """`forward = bridge.send_text`, then `forward(await mic.read())`: the calls through the
    name are not seen, so the parameter's kind is not known."""
    code = TEXT_BY_CALLERS.replace("            await bridge.send_text(line)\n",
                                   "            await bridge.send_text(line)\n            forward = bridge.send_text\n"
                                   "            await forward(await mic.read())\n")
    assert code != TEXT_BY_CALLERS
    assert "send_realtime_input" not in fixed_text(code, ("LM103",), unsafe=True)


def test_a_function_handed_on_as_a_callback_is_of_unknown_kind() -> None:
    code = dedent("""
        import functools

        from google import genai

        client = genai.Client()


        async def push(session, text):
            await session.send(input=text, end_of_turn=True)


        async def main(mic):
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001") as session:
                await push(session, input("> ").strip())
                send_audio = functools.partial(push, session)
                await send_audio(await mic.read())
    """)
    assert "send_realtime_input" not in fixed_text(code, ("LM103",), unsafe=True)
    assert "send_realtime_input" in fixed_text(code.replace("        send_audio = functools.partial(push, session)\n"
                                                            "        await send_audio(await mic.read())\n", ""),
                                               ("LM103",), unsafe=True)


def test_a_call_id_only_counted_or_stored_hands_the_call_to_no_one() -> None:
    for line in ("self._pending.add(call_id)", 'self._stats.count("tool_call", call_id)',
                 "self._ui.set_status(format_status(call_id))"):
        code = EVENTS_API.replace('results.append(Event(type="tool_call", call_id=call_id, args=fc.args or {}))', line)
        assert code != EVENTS_API
        assert [f.rule_id for f in check(code, ("LM305",))] == ["LM305"], line


def test_a_handler_for_the_task_being_cancelled_is_no_turn_end() -> None:
    code = MANUAL_NEXT.replace("                gen = self.session.receive()\n                continue\n",
                               "                gen = self.session.receive()\n                continue\n"
                               "            except asyncio.CancelledError:\n                break\n")
    assert code != MANUAL_NEXT
    assert [f.line for f in check(code, ("LM402",))] == [13]


def test_a_flag_cleared_under_a_name_holding_the_turn_end_ends_the_session_with_its_turn() -> None:
    code = RAW_LISTENER.replace("                if content and content.get(\"turnComplete\"):\n"
                                "                    self.on_turn_end()\n",
                                "                done = (content or {}).get(\"turnComplete\", False)\n"
                                "                if done:\n                    self.on_turn_end()\n"
                                "                    self._running = False\n")
    assert code != RAW_LISTENER
    assert not check(code, ("LM402",))


MATCH_EVENTS = dedent("""
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def events(ws):
        async for raw in ws:
            msg = json.loads(raw)
            match msg:
                case {"serverContent": {"modelTurn": {"parts": parts}}}:
                    yield ("audio", parts)
                case {"serverContent": {"outputTranscription": {"text": text}}}:
                    yield ("caption", text)
                case {"serverContent": {"turnComplete": True}}:
                    yield ("done", None)
                case {"toolCall": {"functionCalls": calls}}:
                    yield ("tools", calls)


    async def main():
        async with websockets.connect(URI) as ws:
            await ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-latest"}}))
            async for event in events(ws):
                print(event)
""")


def test_a_match_over_fields_of_one_message_runs_only_its_first_case() -> None:
    """`match msg:` with a case per field of the server content: only the first matching case
    runs, as in an if/elif chain (the fourth expert set's shape; the analysis read no `match`).
    The fix merges the server content's cases (tests/test_match_split.py)."""
    found = check(MATCH_EVENTS, ("LM302",))
    assert [(f.rule_id, f.line, f.fix.applicability.value) for f in found] == [("LM302", 11, "unsafe")]


def test_a_match_over_kinds_of_message_is_no_chain() -> None:
    code = MATCH_EVENTS.replace('            case {"serverContent": {"outputTranscription": {"text": text}}}:\n'
                                '                yield ("caption", text)\n'
                                '            case {"serverContent": {"turnComplete": True}}:\n'
                                '                yield ("done", None)\n', "")
    assert code != MATCH_EVENTS
    assert not check(code, ("LM302",))


BASE_CONSUMER = dedent("""
    from google import genai
    from google.genai import types

    LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class VoiceConsumer:
        def __init__(self):
            self.client = genai.Client()

        async def run(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            async with self.client.aio.live.connect(model=LIVE_MODEL, config=config) as session:
                await self._receive_loop(session)

        async def _receive_loop(self, session):
            async for response in session.receive():
                if response.data:
                    self.play(response.data)
""")

BROWSER_CONSUMER = dedent("""
    from consumers import VoiceConsumer


    class BrowserConsumer(VoiceConsumer):
        async def _receive_loop(self, session):
            async for response in session.receive():
                sc = response.server_content
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.text:
                            self.caption(part.text)
""")


def test_a_subclass_overriding_the_method_its_base_hands_the_session_reads_that_session(tmp_path) -> None:
    """The base class of another module opens an AUDIO session on a native-audio id and hands it
    to `self._receive_loop(session)`; the subclass overrides that method: its reads are of that
    session (measurement 38 missed LM304 there)."""
    project = write_tree(tmp_path / "p", {"consumers.py": BASE_CONSUMER, "browser.py": BROWSER_CONSUMER})
    found = findings_by_file(project, ("LM304",))
    assert found.get("browser.py") == [(10, "LM304"), (11, "LM304")]


def test_a_method_the_base_does_not_hand_the_session_to_reads_nothing_known(tmp_path) -> None:
    browser = BROWSER_CONSUMER.replace("async def _receive_loop(self, session):", "async def _replay(self, session):")
    assert browser != BROWSER_CONSUMER
    project = write_tree(tmp_path / "p", {"consumers.py": BASE_CONSUMER, "browser.py": browser})
    assert "browser.py" not in findings_by_file(project, ("LM304",))


def test_the_handed_session_wins_over_a_genai_modules_guess_from_the_parameter_name(tmp_path) -> None:
    """A subclass module importing google.genai takes a `session` parameter for a session by its
    name alone (origin unknown); the run's fact says which session it is."""
    browser = "from google.genai import types\n" + BROWSER_CONSUMER
    project = write_tree(tmp_path / "p", {"consumers.py": BASE_CONSUMER, "browser.py": browser})
    assert findings_by_file(project, ("LM304",)).get("browser.py") == [(11, "LM304"), (12, "LM304")]


TASK_LIST = dedent("""
    import asyncio

    from google import genai

    client = genai.Client()


    class Debugger:
        def __init__(self):
            self.running = True
            self.queue = asyncio.Queue()

        async def start(self):
            config = {"response_modalities": ["AUDIO"]}
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=config) as session:
                tasks = [
                    asyncio.create_task(self._send_audio(session)),
                    asyncio.create_task(self._receive(session)),
                ]
                await asyncio.gather(*tasks)

        async def _send_audio(self, session):
            while self.running:
                chunk = await self.queue.get()
                await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})

        async def _receive(self, session):
            async for response in session.receive():
                print(response.data)
""")


def test_senders_started_in_a_list_of_tasks_the_block_gathers_keep_the_session_open() -> None:
    """`tasks = [create_task(send(session)), ...]` then `gather(*tasks)`: the block waits for the
    endless sender (measurement 38 missed LM402 here)."""
    assert [f.line for f in check(TASK_LIST, ("LM402",))] == [15]


def test_a_list_of_tasks_only_cancelled_is_not_waited_for() -> None:
    code = TASK_LIST.replace("            await asyncio.gather(*tasks)\n",
                             "            await asyncio.sleep(1)\n            for task in tasks:\n                task.cancel()\n")
    assert code != TASK_LIST
    assert not check(code, ("LM402",))


FORWARDED_SCHEDULING = dedent("""
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def answer(session, responses):
        built = []
        for fr in responses:
            kwargs = {"id": fr.get("id"), "name": fr.get("name"), "response": fr.get("response")}
            scheduling = fr.get("scheduling")
            if scheduling:
                kwargs["scheduling"] = scheduling
            built.append(types.FunctionResponse(**kwargs))
        await session.send_tool_response(function_responses=built)


    async def main():
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest") as session:
            await answer(session, [])
""")


def test_a_scheduling_field_passed_on_from_the_callers_response_is_not_this_modules() -> None:
    """`kwargs["scheduling"] = fr.get("scheduling")`: the caller's own field passed on; LM202
    belongs where a caller sets it (measurement 38's labellers)."""
    assert not check(FORWARDED_SCHEDULING, ("LM202",))
    written = FORWARDED_SCHEDULING.replace('scheduling = fr.get("scheduling")', 'scheduling = "WHEN_IDLE"')
    assert written != FORWARDED_SCHEDULING
    assert [f.rule_id for f in check(written, ("LM202",))] == ["LM202"]


TWO_OPENERS = dedent("""
    from google import genai


    class LiveClient:
        def __init__(self):
            self.client = genai.Client()
            self.session = None

        async def connect_audio_session(self):
            return self.client.aio.live.connect(model="gemini-2.0-flash-live-001",
                                                config={"response_modalities": ["AUDIO"]})

        async def connect_text_session(self):
            return self.client.aio.live.connect(model="gemini-2.0-flash-live-001",
                                                config={"response_modalities": ["TEXT"]})

        async def send_text(self, text):
            await self.session.send_client_content(turns={"role": "user", "parts": [{"text": text}]})

        async def receive_responses(self, on_text):
            async for response in self.session.receive():
                if response.text:
                    on_text(response.text)
""")

APP_USING_AUDIO = dedent("""
    from client import LiveClient


    async def run(on_text):
        live = LiveClient()
        context = await live.connect_audio_session()
        live.session = await context.__aenter__()
        await live.receive_responses(on_text)
""")


def test_a_session_method_nothing_in_the_run_calls_leaves_the_other_sessions_config(tmp_path) -> None:
    """Two methods open sessions (AUDIO, TEXT); the app calls only the AUDIO one and sets the
    client's `session`: the reads are of the AUDIO session (measurement 38 missed eight LM304)."""
    project = write_tree(tmp_path / "p", {"client.py": TWO_OPENERS, "app.py": APP_USING_AUDIO, "pyproject.toml": ""})
    assert findings_by_file(project, ("LM304",)) == {"client.py": [(22, "LM304"), (23, "LM304")]}


def test_when_both_openers_are_called_the_session_read_is_not_known(tmp_path) -> None:
    app = APP_USING_AUDIO + "\n\nasync def chat(live):\n    return await live.connect_text_session()\n"
    project = write_tree(tmp_path / "p", {"client.py": TWO_OPENERS, "app.py": app, "pyproject.toml": ""})
    assert findings_by_file(project, ("LM304",)) == {}


# --- the third review's findings ----------------------------------------------------------------
def test_an_opener_named_at_run_time_may_be_called(tmp_path) -> None:
    app = APP_USING_AUDIO + '\n\nasync def other(live, mode):\n    return await getattr(live, f"connect_{mode}_session")()\n'
    project = write_tree(tmp_path / "p", {"client.py": TWO_OPENERS, "app.py": app, "pyproject.toml": ""})
    assert findings_by_file(project, ("LM304",)) == {}


def test_a_run_over_a_subfolder_does_not_decide_what_the_project_calls(tmp_path) -> None:
    project = write_tree(tmp_path / "p", {"src/client.py": TWO_OPENERS, "src/app.py": APP_USING_AUDIO,
                                          "pyproject.toml": "",
                                          "scripts/chat.py": "async def chat(live):\n    return await live.connect_text_session()\n"})
    assert findings_by_file(project / "src", ("LM304",)) == {}


def test_a_subclass_opening_its_own_session_gets_none_of_the_bases(tmp_path) -> None:
    browser = BROWSER_CONSUMER.replace(
        "class BrowserConsumer(VoiceConsumer):\n",
        "class BrowserConsumer(VoiceConsumer):\n    async def run(self):\n"
        "        async with self.client.aio.live.connect(model=\"gemini-2.0-flash-live-001\", "
        "config={\"response_modalities\": [\"TEXT\"]}) as session:\n"
        "            await self._receive_loop(session)\n\n")
    assert browser != BROWSER_CONSUMER
    project = write_tree(tmp_path / "p", {"consumers.py": BASE_CONSUMER, "browser.py": browser})
    assert "browser.py" not in findings_by_file(project, ("LM304",))


def test_a_helper_handed_a_text_session_too_is_not_known_to_answer_in_audio(tmp_path) -> None:
    helper = "async def consume(session, on_text):\n    async for response in session.receive():\n" \
             "        if response.text:\n            on_text(response.text)\n"
    opener = ("from google import genai\nfrom handler import consume\n\nclient = genai.Client()\n\n\n"
              "async def run(on_text):\n    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:\n"
              "        await consume(session, on_text)\n")
    voice = opener.replace("MODEL", '"gemini-2.5-flash-native-audio-latest"').replace("CONFIG", '{"response_modalities": ["AUDIO"]}')
    chat = opener.replace("MODEL", '"gemini-2.0-flash-live-001"').replace("CONFIG", '{"response_modalities": ["TEXT"]}')
    project = write_tree(tmp_path / "p", {"handler.py": helper, "voice.py": voice, "chat.py": chat})
    assert "handler.py" not in findings_by_file(project, ("LM304",))


def test_a_match_over_an_apps_own_events_is_no_chain() -> None:
    code = MATCH_EVENTS.replace('case {"serverContent": {"modelTurn": {"parts": parts}}}', 'case {"tool_call": parts}')
    code = code.replace('case {"serverContent": {"outputTranscription": {"text": text}}}', 'case {"usage_metadata": text}')
    code = code.replace('case {"serverContent": {"turnComplete": True}}', 'case {"go_away": True}')
    code = code.replace('case {"toolCall": {"functionCalls": calls}}', 'case {"setup_complete": calls}')
    assert "serverContent" not in code
    assert not check(code, ("LM302",))


def test_one_task_of_a_list_awaited_or_each_cancelled_waits_for_no_sender() -> None:
    indexed = TASK_LIST.replace("            await asyncio.gather(*tasks)\n", "            await tasks[1]\n")
    cancelled = TASK_LIST.replace("            await asyncio.gather(*tasks)\n",
                                  "            await asyncio.sleep(30)\n            for task in tasks:\n"
                                  "                task.cancel()\n            await asyncio.gather(*tasks, return_exceptions=True)\n")
    assert indexed != TASK_LIST and cancelled != TASK_LIST
    assert not check(indexed, ("LM402",))
    assert not check(cancelled, ("LM402",))


def test_a_scheduling_default_or_a_settings_dict_of_the_module_is_its_own() -> None:
    default = FORWARDED_SCHEDULING.replace('fr.get("scheduling")', 'fr.get("scheduling", "WHEN_IDLE")')
    assert default != FORWARDED_SCHEDULING
    assert [f.rule_id for f in check(default, ("LM202",))] == ["LM202"]
    own = FORWARDED_SCHEDULING.replace('client = genai.Client()\n', 'client = genai.Client()\nSETTINGS = {"scheduling": "WHEN_IDLE"}\n')
    own = own.replace('scheduling = fr.get("scheduling")', 'scheduling = SETTINGS.get("scheduling")')
    assert "SETTINGS.get" in own
    assert "LM202" in [f.rule_id for f in check(own, ("LM202",))]


SOCKET_BRIDGE = dedent("""
    import asyncio

    from google import genai

    client = genai.Client()


    async def bridge(websocket):
        queue = asyncio.Queue()

        async def send_audio(session):
            while True:
                chunk = await queue.get()
                await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})

        async def receive(session):
            async for message in session.receive():
                await websocket.send_bytes(message.data)

        async def read_socket():
            while True:
                raw = await websocket.receive()
                if raw.get("type") == "websocket.disconnect":
                    break
                await queue.put(raw["bytes"])

        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=config) as session:
            send_task = asyncio.create_task(send_audio(session))
            recv_task = asyncio.create_task(receive(session))
            ws_task = asyncio.create_task(read_socket())
            await asyncio.gather(ws_task, recv_task)
            send_task.cancel()
""")


def test_a_sender_cancelled_once_an_endless_socket_reader_ends_ran_as_long() -> None:
    """The block gathers the browser socket's reader (until it disconnects) and cancels the sender
    only then: the sender streams for as long (measurement 39 missed LM402 here)."""
    assert [f.line for f in check(SOCKET_BRIDGE, ("LM402",))] == [28]


def test_a_sender_cancelled_after_the_reply_alone_is_one_turn() -> None:
    code = SOCKET_BRIDGE.replace("await asyncio.gather(ws_task, recv_task)", "await recv_task")
    assert code != SOCKET_BRIDGE
    assert not check(code, ("LM402",))
