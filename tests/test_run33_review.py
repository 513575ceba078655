"""A review of measurement 33's changes (settings-dict entries, object-held sessions, clocks,
copied bases, parameters): each problem it found is a test here."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, fixed_text, write_tree
from test_run33_shapes import DEFAULTED, HANDLER_PARAMETER, MUTATED, OBJECT_HELD


def _found(code: str, rules: tuple[str, ...] = ("LM",)) -> list[tuple[str, int]]:
    return [(f.rule_id, f.line) for f in check(code, rules)]


def test_a_long_chain_of_functions_returning_objects_does_not_exhaust_the_stack() -> None:
    lines = ["from google import genai", "class K:", "    def m(self): return K()", "def f0(): return K()", "x0 = f0()"]
    for i in range(1, 400):
        lines += [f"def f{i}(): return x{i - 1}.m()", f"x{i} = f{i}()"]
    lines += ["async def run():",
              "    async with genai.Client().aio.live.connect(model='gemini-2.5-flash-native-audio-preview-09-2025',"
              " config=x399.m()) as s:",
              "        async for m in s.receive(): print(m.data)"]
    assert ("LM001", len(lines) - 1) in _found("\n".join(lines) + "\n")


NESTED_WRITES = dedent("""
    from google import genai

    CONF = {
        "session": {
            "response_modalities": ["AUDIO"],
        },
    }
    CONF["session"]["input_audio_transcription"] = {}
    CONF["session"]["session_resumption"] = {}
    CONF["session"]["enable_affective_dialog"] = True


    def session_config(conf):
        return dict(conf["session"])


    async def run(show):
        client = genai.Client()
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=session_config(CONF)) as s:
            while True:
                async for msg in s.receive():
                    if msg.server_content and msg.server_content.input_transcription:
                        show(msg.server_content.input_transcription.text)
""")


def test_writes_under_the_settings_entry_are_the_config_s_fields() -> None:
    assert _found(NESTED_WRITES) == [("LM004", 10)]


def test_two_entries_of_one_settings_dict_spread_into_one_config_are_both_read() -> None:
    code = dedent("""
        from google import genai

        CONF = {
            "audio": {"response_modalities": ["AUDIO"]},
            "extra": {"enable_affective_dialog": True},
        }


        async def run():
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                       config={**CONF["audio"], **CONF["extra"]}) as s:
                async for m in s.receive():
                    print(m.data)
    """)
    assert _found(code, ("LM004",)) == [("LM004", 5)]


def test_another_config_of_the_settings_dict_stays_a_config_of_its_own() -> None:
    code = dedent("""
        from google import genai
        from google.genai import types

        CONFIGS = {
            "audio": types.LiveConnectConfig(response_modalities=["AUDIO"]),
            "video": types.LiveConnectConfig(response_modalities=["AUDIO"], enable_affective_dialog=True),
        }


        async def run():
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIGS["audio"]) as s:
                async for m in s.receive():
                    print(m.data)
    """)
    found = check(code, ("LM004",))
    assert [(f.rule_id, f.line) for f in found] == [("LM004", 6)] and found[0].fix is not None


def test_an_entry_given_to_generate_content_does_not_make_its_sibling_s_fix_unsafe() -> None:
    code = dedent("""
        from google import genai

        CONF = {
            "session": {
                "response_modalities": ["AUDIO"],
                "enable_affective_dialog": True,
            },
            "text": {"temperature": 0.2},
        }


        async def run():
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONF["session"]) as s:
                async for m in s.receive():
                    print(m.data)


        def summarize(text):
            return genai.Client().models.generate_content(model="gemini-2.5-flash", contents=text, config=CONF["text"])
    """)
    assert "enable_affective_dialog" not in fixed_text(code, ("LM004",))


def test_an_input_config_set_in_another_function_gets_no_coverage() -> None:
    code = dedent("""
        from google import genai
        from google.genai import types

        client = genai.Client()
        CFG = types.LiveConnectConfig(response_modalities=[types.Modality.AUDIO])


        def enable_vad():
            CFG.realtime_input_config = types.RealtimeInputConfig(
                automatic_activity_detection=types.AutomaticActivityDetection(silence_duration_ms=800),
            )


        async def run(frames, vad):
            if vad:
                enable_vad()
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CFG) as s:
                async for frame in frames:
                    await s.send_realtime_input(video=frame)
    """)
    assert [f.fix for f in check(code, ("LM401",))] == [None]


def test_an_input_config_set_after_the_session_closed_gets_no_coverage() -> None:
    code = MUTATED.replace("        return cfg\n", "        cfg.x = 1\n        return cfg\n")
    assert [f.fix is not None for f in check(code, ("LM401",))] == [True]  # (the builder's own: still fixed)
    later = dedent("""
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def run(frames):
            cfg = types.LiveConnectConfig(response_modalities=[types.Modality.AUDIO])
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=cfg) as s:
                async for frame in frames:
                    await s.send_realtime_input(video=frame)
            cfg.realtime_input_config = types.RealtimeInputConfig(
                automatic_activity_detection=types.AutomaticActivityDetection(silence_duration_ms=800),
            )
    """)
    assert [f.fix for f in check(later, ("LM401",))] == [None]


def test_a_default_other_constructions_bypass_is_no_container() -> None:
    code = DEFAULTED + dedent("""


        class Sub(Bridge):
            @classmethod
            def make(cls):
                return cls(config={"response_modalities": ["AUDIO"]})
    """)
    assert all(f.fix is None for f in check(code, ("LM009",)))
    spread = DEFAULTED + '\nOPTS = {"config": {"response_modalities": ["AUDIO"]}}\nBRIDGE = Bridge(**OPTS)\n'
    assert all(f.fix is None for f in check(spread, ("LM009",)))


def test_a_settings_key_written_again_is_not_the_literal_s_version() -> None:
    code = dedent("""
        from google import genai

        CONF = {"api_version": "v1alpha"}
        CONF["api_version"] = "v1beta"


        async def run():
            client = genai.Client(http_options={"api_version": CONF["api_version"]})
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]}) as s:
                async for m in s.receive():
                    print(m.data)
    """)
    assert _found(code, ("LM007",)) == []


def test_an_idle_timer_the_loop_resets_bounds_nothing() -> None:
    code = dedent("""
        import time
        from google import genai
        from google.genai import types

        client = genai.Client()
        IDLE_S = 30


        async def call(mic):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
                last = time.time()
                while time.time() - last < IDLE_S:
                    chunk = await mic.read()
                    if chunk:
                        last = time.time()
                    await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
    """)
    assert _found(code, ("LM402",)) == [("LM402", 11)]


def test_an_object_opened_anew_on_each_pass_of_the_caller_s_loop_keeps_no_session_open() -> None:
    code = OBJECT_HELD.replace(
        "    session = await Service.create()\n    await session.connect()\n    while True:\n        try:\n"
        "            msg = await ws.receive_bytes()\n",
        "    while True:\n        try:\n            msg = await ws.receive_bytes()\n"
        "            session = await Service.create()\n            await session.connect()\n")
    assert "session = await Service.create()\n            await session.connect()" in code
    assert _found(code, ("LM402",)) == []


def test_a_handler_two_sessions_of_different_modalities_call_is_not_one_session_s() -> None:
    code = HANDLER_PARAMETER.replace(
        '    async def other(self):\n'
        '        async with self._client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:\n'
        '            await s.send_realtime_input(text="hi")\n',
        '    async def other(self):\n'
        '        async with self._client.aio.live.connect(model=MODEL, config={"response_modalities": ["TEXT"]}) as s:\n'
        '            async for response in s.receive():\n'
        '                await self._handle(response.server_content)\n')
    assert 'response_modalities": ["TEXT"]' in code
    assert _found(code, ("LM304",)) == []


def test_each_call_is_resolved_once_however_the_receivers_branch(monkeypatch) -> None:
    """A name rebound forty times to a method call on itself (`rewritten = rewritten.replace(...)`,
    a measured project's HTML rewriter): answers cut at the builder cap were not kept, and that
    module took minutes (each level re-resolved the ones below). Counted, not timed."""
    from livemigrate.analysis import bindings as bindings_module

    counted = {"n": 0}
    original = bindings_module.Bindings._resolve_callee

    def counting(self, call):
        counted["n"] += 1
        if counted["n"] > 10_000:  # (fail at once rather than run for minutes)
            raise AssertionError("callee resolution does not stop")
        return original(self, call)

    monkeypatch.setattr(bindings_module.Bindings, "_resolve_callee", counting)
    lines = ["from google import genai", "def run(text):", "    rewritten = text"]
    lines += ["    rewritten = rewritten.replace('a', 'b', count=1)"] * 40
    lines += ["    return genai.Client().aio.live.connect(model='gemini-3.1-flash-live-preview', config={})"]
    code = "\n".join(lines) + "\n"
    check(code)
    calls = code.count("(")
    assert counted["n"] <= 3 * calls, (counted["n"], calls)


ALIASED_RUNG = dedent("""
    from google import genai


    async def loop(play, clear):
        async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for response in s.receive():
                if response.server_content is None:
                    continue

                if getattr(response.server_content, "interrupted", False):
                    clear()
                    continue

                model_turn = response.server_content.model_turn
                if model_turn is not None:
                    for part in model_turn.parts:
                        if part.inline_data is not None:
                            play(part.inline_data.data)
""")


def test_a_continue_ladder_whose_next_rung_tests_a_name_bound_to_the_field_is_one() -> None:
    """Measurement 34 (two repositories): `if interrupted: ...; continue`, then `model_turn =
    sc.model_turn` and `if model_turn is not None:` (run 12's decision on this ladder)."""
    assert _found(ALIASED_RUNG, ("LM302",)) == [("LM302", 10)]


def test_the_split_keeps_the_line_between_the_rungs() -> None:
    text = fixed_text(ALIASED_RUNG, ("LM302",), unsafe=True)
    assert text == ALIASED_RUNG.replace("                clear()\n                continue\n", "                clear()\n")


def test_data_then_the_parts_walked_for_the_same_audio_is_no_choice_between_fields() -> None:
    """Measurement 34: `if response.data: ... elif sc.model_turn.parts: <the first inline_data>`
    is a fallback for one field (`.data` joins the parts' inline audio), not two alternatives."""
    code = dedent("""
        from google import genai


        async def loop(play):
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                async for response in s.receive():
                    audio_data = None
                    if hasattr(response, "data") and response.data:
                        audio_data = response.data
                    elif (response.server_content and
                          response.server_content.model_turn and
                          response.server_content.model_turn.parts):
                        for part in response.server_content.model_turn.parts:
                            if part.inline_data:
                                audio_data = part.inline_data.data
                                break
                    if audio_data:
                        play(audio_data)
    """)
    assert _found(code, ("LM302",)) == []
    other = code.replace("response.server_content.model_turn and\n", "response.server_content.turn_complete and\n")
    assert "turn_complete and" in other
    assert _found(other, ("LM302",)) == [("LM302", 8)]


FIRST_COMPLETED = dedent("""
    import asyncio
    import time

    from google import genai

    TTL_S = 110


    async def run(client, frames, questions, show):
        while True:
            start = time.monotonic()
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async def send_frames():
                    while True:
                        elapsed = time.monotonic() - start
                        if elapsed >= TTL_S:
                            return
                        await session.send_realtime_input(audio=await frames.get())

                async def send_text():
                    while True:
                        await session.send_realtime_input(text=await questions.get())

                async def receive():
                    async for response in session.receive():
                        show(response)

                done, pending = await asyncio.wait(
                    [asyncio.ensure_future(send_frames()), asyncio.ensure_future(send_text()),
                     asyncio.ensure_future(receive())],
                    return_when=asyncio.FIRST_COMPLETED,
                )
                for task in pending:
                    task.cancel()
""")


def test_senders_waited_for_until_the_first_task_ends_share_the_one_turn_receiver_s_end() -> None:
    """Measurement 34: `asyncio.wait([...], return_when=FIRST_COMPLETED)` over unnamed tasks ends
    the block when the receiver ends with its turn, however long the senders would loop."""
    assert _found(FIRST_COMPLETED, ("LM402",)) == []
    every = FIRST_COMPLETED.replace("return_when=asyncio.FIRST_COMPLETED,", "return_when=asyncio.ALL_COMPLETED,")
    assert _found(every, ("LM402",)) == [("LM402", 12)]


def test_a_loop_leaving_at_its_own_ttl_is_bounded() -> None:
    every = FIRST_COMPLETED.replace("return_when=asyncio.FIRST_COMPLETED,", "return_when=asyncio.ALL_COMPLETED,")
    only_frames = every.replace(" asyncio.ensure_future(send_text()),", "")
    assert "ensure_future(send_text())" not in only_frames
    assert _found(only_frames, ("LM402",)) == []
    inline = only_frames.replace("elapsed = time.monotonic() - start\n                    if elapsed >= TTL_S:",
                                 "if time.monotonic() - start > TTL_S:")
    assert "if time.monotonic() - start > TTL_S:" in inline
    assert _found(inline, ("LM402",)) == []
    assert _found(only_frames.replace("TTL_S = 110", "TTL_S = 3600"), ("LM402",)) == [("LM402", 12)]


# --- a second review (of the changes after measurement 34) ---------------------------------------
def test_first_exception_waits_on_when_the_receiver_ends_well() -> None:
    code = FIRST_COMPLETED.replace("FIRST_COMPLETED,", "FIRST_EXCEPTION,").replace("TTL_S = 110", "TTL_S = 3600")
    assert _found(code, ("LM402",)) == [("LM402", 12)]


def test_a_first_completed_wait_over_senders_alone_is_not_ended_by_a_receiver_outside_it() -> None:
    code = FIRST_COMPLETED.replace("TTL_S = 110", "TTL_S = 3600").replace(
        ",\n                 asyncio.ensure_future(receive())]", "]").replace(
        "            done, pending = await asyncio.wait(",
        "            asyncio.create_task(receive())\n            done, pending = await asyncio.wait(")
    assert "asyncio.create_task(receive())" in code and "ensure_future(receive())" not in code
    assert _found(code, ("LM402",)) == [("LM402", 12)]


def test_a_return_when_held_in_a_name_is_read() -> None:
    code = FIRST_COMPLETED.replace("TTL_S = 110", "TTL_S = 3600\nMODE = asyncio.ALL_COMPLETED").replace(
        "return_when=asyncio.FIRST_COMPLETED,", "return_when=MODE,")
    assert _found(code, ("LM402",)) == [("LM402", 13)]
    first = code.replace("MODE = asyncio.ALL_COMPLETED", "MODE = asyncio.FIRST_COMPLETED")
    assert _found(first, ("LM402",)) == []


def test_a_notebook_of_the_run_calling_the_tools_setter_counts(tmp_path: Path) -> None:
    import json

    from test_run33_shapes import REGISTERED_TOOLS, TOOLLESS_MAIN

    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": ["from client import LiveClient\n", "c = LiveClient()\n",
                       "c.register_tools([{'function_declarations': [{'name': 'f'}]}])\n"]}
    notebook = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    project = write_tree(tmp_path / "p", {"client.py": REGISTERED_TOOLS, "main.py": TOOLLESS_MAIN, "demo.ipynb": notebook})
    assert findings_by_file(project, ("LM305",)) == {"client.py": [(26, "LM305")]}


def test_alias_lines_between_rungs_in_other_spellings() -> None:
    two = ALIASED_RUNG.replace("            model_turn = response.server_content.model_turn\n",
                               "            sc = response.server_content\n            model_turn = sc.model_turn\n")
    annotated = ALIASED_RUNG.replace("            model_turn = response.server_content.model_turn\n",
                                     "            model_turn: object = response.server_content.model_turn\n")
    assert two != ALIASED_RUNG and annotated != ALIASED_RUNG
    assert _found(two, ("LM302",)) == [("LM302", 10)] and _found(annotated, ("LM302",)) == [("LM302", 10)]
    assert fixed_text(two, ("LM302",), unsafe=True) == two.replace("                clear()\n                continue\n",
                                                                    "                clear()\n")


def test_a_line_between_rungs_that_calls_something_ends_the_ladder() -> None:
    code = ALIASED_RUNG.replace("            model_turn = response.server_content.model_turn\n",
                                "            model_turn = record(response.server_content.model_turn)\n")
    assert "record(" in code
    assert _found(code, ("LM302",)) == []


def test_an_exit_closing_the_else_that_played_the_audio_is_after_the_audio() -> None:
    from test_run33_shapes import BARGE_IN_AFTER_PARTS

    code = BARGE_IN_AFTER_PARTS.replace("            if sc.model_turn and sc.model_turn.parts:\n",
                                        "            if sc.turn_complete and not sc.model_turn:\n                pass\n"
                                        "            else:\n")
    assert "            else:\n" in code
    assert _found(code, ("LM303",)) == [("LM303", 25)]


# --- reading the fix hunks on measurements 33 and 34 ----------------------------------------------
def test_client_content_of_one_empty_text_ends_the_turn_as_no_turns_does() -> None:
    code = dedent("""
        from google import genai
        from google.genai import types


        class Voice:
            async def run(self, mic):
                async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                           config={"response_modalities": ["AUDIO"]}) as s:
                    self._s = s
                    async for chunk in mic:
                        await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

            async def cancel(self):
                await self._s.send_client_content(
                    turns=types.Content(role="user", parts=[types.Part(text="")]),
                    turn_complete=True,
                )
    """)
    text = fixed_text(code, ("LM101",), unsafe=True)
    assert "        await self._s.send_realtime_input(audio_stream_end=True)\n" in text
    assert 'text=""' not in text


def test_a_mime_type_read_with_a_default_is_tested_as_text_after_the_fix() -> None:
    code = dedent("""
        import base64
        import json

        import websockets

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def listen(play):
            async with websockets.connect(URI) as ws:
                await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
                async for raw in ws:
                    data = json.loads(raw)
                    for part in data["serverContent"]["modelTurn"]["parts"]:
                        inline_data = part["inlineData"]
                        if inline_data.get("mimeType") == "audio/pcm":
                            play(base64.b64decode(inline_data["data"]))
    """)
    text = fixed_text(code, ("LM307",), unsafe=True)
    assert 'if (inline_data.get("mimeType") or "").startswith("audio/pcm"):' in text


def test_a_loop_that_only_waits_for_a_message_without_content_keeps_its_break() -> None:
    code = dedent("""
        from google import genai


        async def probe(show):
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                       config={"response_modalities": ["AUDIO"]}) as session:
                async for response in session.receive():
                    if response.server_content is None:
                        break
                await session.send_realtime_input(text="hello")
                async for response in session.receive():
                    show(response.data)
    """)
    found = check(code, ("LM306",))
    assert [(f.rule_id, f.line) for f in found] == [("LM306", 9)] and found[0].fix is None


def test_a_content_filter_between_two_rungs_does_not_end_the_ladder() -> None:
    """Measurement 35: `if text: ...; continue`, then `sc = getattr(event, "server_content",
    None)` and `if not sc: continue` (a filter), then the input transcription's rung."""
    code = dedent("""
        from google import genai


        async def listen(final, heard):
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                       config={"response_modalities": ["TEXT"]}) as session:
                async for event in session.receive():
                    plain_text = getattr(event, "text", None)
                    if plain_text:
                        await final(plain_text.strip())
                        continue

                    server_content = getattr(event, "server_content", None)
                    if not server_content:
                        continue

                    input_tr = getattr(server_content, "input_transcription", None)
                    if input_tr and getattr(input_tr, "text", None):
                        heard(input_tr.text)
    """)
    assert _found(code, ("LM302",)) == [("LM302", 9)]
    handles = code.replace("            if not server_content:\n                continue\n",
                           "            if not server_content:\n                heard(None)\n                continue\n")
    assert "heard(None)" in handles
    assert _found(handles, ("LM302",)) == []


CALL_BRIDGE_SESSION = dedent("""
    from google import genai

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class GeminiCall:
        def __init__(self, sid):
            self.sid = sid

        async def start(self):
            self._client = genai.Client()
            self._cm = self._client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]})
            self._session = await self._cm.__aenter__()

        async def send_audio_chunk(self, pcm):
            await self._session.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=8000"})
""")
CALL_BRIDGE_APP = dedent("""
    import json

    from gemini_call import GeminiCall


    class CallState:
        def __init__(self, sid):
            self.sid = sid
            self.gemini = None

        async def start(self):
            self.gemini = GeminiCall(self.sid)
            await self.gemini.start()

        async def handle_audio(self, pcm):
            await self.gemini.send_audio_chunk(pcm)


    async def media(ws):
        state = None
        while True:
            msg = json.loads(await ws.receive_text())
            event = msg.get("event")
            if event == "start":
                state = CallState(msg["start"]["callSid"])
                await state.start()
            elif event == "media":
                await state.handle_audio(msg["media"]["payload"])
            elif event == "stop":
                break
""")


def test_a_call_loop_feeding_the_session_through_a_second_class_keeps_it_open(tmp_path: Path) -> None:
    """Measurement 35: a Twilio media loop that runs until the call's `stop` event feeds the
    session through its own CallState's method."""
    project = write_tree(tmp_path / "p", {"gemini_call.py": CALL_BRIDGE_SESSION, "app.py": CALL_BRIDGE_APP})
    assert findings_by_file(project, ("LM402",)) == {"gemini_call.py": [(12, "LM402")]}


def test_a_loop_leaving_at_its_own_bound_still_feeds_one_turn(tmp_path: Path) -> None:
    bounded = CALL_BRIDGE_APP.replace('elif event == "stop":', 'elif event == "media" and len(msg) > 99:')
    assert bounded != CALL_BRIDGE_APP
    project = write_tree(tmp_path / "p", {"gemini_call.py": CALL_BRIDGE_SESSION, "app.py": bounded})
    assert findings_by_file(project, ("LM402",)) == {}


def test_a_session_on_a_client_built_in_place_is_an_opener_too(tmp_path: Path) -> None:
    """The project index read `client.aio.live.connect(...)` only on a named client."""
    inline = CALL_BRIDGE_SESSION.replace(
        "        self._client = genai.Client()\n        self._cm = self._client.aio.live.connect(",
        "        self._cm = genai.Client().aio.live.connect(")
    assert "genai.Client().aio.live.connect(" in inline
    project = write_tree(tmp_path / "p", {"gemini_call.py": inline, "app.py": CALL_BRIDGE_APP})
    assert findings_by_file(project, ("LM402",)) == {"gemini_call.py": [(11, "LM402")]}
