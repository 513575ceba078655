"""Shapes of measurement 33 and of the fourth expert set, each a test (written from the shapes)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, fixed_text, write_tree

SETTINGS_DICT = dedent("""
    import os
    from google import genai

    CONF = {
        "model": "gemini-2.5-flash-native-audio-preview-09-2025",
        "api_version": "v1alpha",
        "session": {
            "response_modalities": ["AUDIO"],
            "thinking_config": {"thinking_budget": 1024},
            "enable_affective_dialog": True,
        },
    }


    def session_config(conf):
        cfg = dict(conf["session"])
        cfg["system_instruction"] = "be brief"
        return cfg


    def make_client(conf):
        return genai.Client(api_key=os.environ["K"], http_options={"api_version": conf["api_version"]})


    async def run():
        client = make_client(CONF)
        async with client.aio.live.connect(model=CONF["model"], config=session_config(CONF)) as s:
            while True:
                async for m in s.receive():
                    print(m.data)
""")


def test_a_config_a_helper_copies_out_of_a_settings_dict_is_read() -> None:
    """`dict(settings["session"])` of a module dict passed to the helper: its fields are the
    config's (measured 4/9 on LM002 and blind on LM003/LM004/LM007 before)."""
    found = {(f.rule_id, f.line) for f in check(SETTINGS_DICT)}
    assert {("LM002", 9), ("LM004", 10), ("LM007", 6), ("LM402", 27)} <= found


def test_the_fix_edits_the_settings_dict_entry_in_place() -> None:
    text = fixed_text(SETTINGS_DICT, ("LM002", "LM004"), unsafe=True)
    assert '        "thinking_config": {"thinking_level": "low"},\n    },\n}' in text
    assert "enable_affective_dialog" not in text
    assert 'cfg = dict(conf["session"])' in text  # the copy and the key it reads stay as written


def test_a_key_the_settings_dict_does_not_hold_leaves_the_config_unseen() -> None:
    code = SETTINGS_DICT.replace('dict(conf["session"])', 'dict(conf["other"])')
    assert not [f for f in check(code, ("LM002", "LM004")) if f.line in (9, 10)]


OBJECT_HELD = dedent("""
    import asyncio
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class Voice:
        def __init__(self, client):
            self._client = client
            self._session = None

        async def connect(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._session = await self._client.aio.live.connect(model=MODEL, config=config)
            self._task = asyncio.create_task(self._receive_loop())

        async def send_audio(self, data):
            await self._session.send_realtime_input(audio=types.Blob(data=data, mime_type="audio/pcm;rate=16000"))

        async def _receive_loop(self):
            async for message in self._session.receive():
                print(message.data)


    class Service:
        @classmethod
        async def create(cls):
            voice = Voice(genai.Client())
            return voice


    async def handle(ws):
        session = await Service.create()
        await session.connect()
        while True:
            try:
                msg = await ws.receive_bytes()
                await session.send_audio(msg)
            except Exception:
                break
""")


def test_a_session_an_object_keeps_is_open_while_a_caller_feeds_it_endlessly() -> None:
    """The receive loop reads one turn, but the object keeps the session and a handler's endless
    loop sends on it through a method: open as long as that loop runs (object from a factory)."""
    assert [(f.rule_id, f.line) for f in check(OBJECT_HELD, ("LM402",))] == [("LM402", 15)]


def test_an_object_built_directly_is_followed_the_same_way() -> None:
    code = OBJECT_HELD.replace("session = await Service.create()", "session = Voice(genai.Client())")
    assert [(f.rule_id, f.line) for f in check(code, ("LM402",))] == [("LM402", 15)]


def test_sends_from_the_opening_method_alone_are_one_turn_still() -> None:
    code = OBJECT_HELD.replace("await session.send_audio(msg)", "print(msg)")
    assert check(code, ("LM402",)) == []


RECONNECT = dedent("""
    import contextlib
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class Agent:
        def __init__(self):
            self._client = genai.Client()
            self._stack = contextlib.AsyncExitStack()
            self._live = None

        async def start(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._live = await self._stack.enter_async_context(self._client.aio.live.connect(model=MODEL, config=config))

        async def reconnect(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"], system_instruction="again")
            fresh = await self._stack.enter_async_context(self._client.aio.live.connect(model=MODEL, config=config))
            self._live = fresh

        async def pump(self, mic):
            while True:
                chunk = await mic.read()
                await self._live.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
""")


def test_a_reconnect_storing_its_session_where_the_first_was_shares_its_loops() -> None:
    assert [(f.rule_id, f.line) for f in check(RECONNECT, ("LM402",))] == [("LM402", 16), ("LM402", 20)]


def test_two_sessions_in_two_attributes_stay_apart() -> None:
    code = RECONNECT.replace("self._live = fresh", "self._spare = fresh")
    assert [(f.rule_id, f.line) for f in check(code, ("LM402",))] == [("LM402", 16)]


TIMED = dedent("""
    import time
    from google import genai
    from google.genai import types

    client = genai.Client()
    MAX_S = 240


    async def call(mic, frames):
        config = types.LiveConnectConfig(response_modalities=["AUDIO"])
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
            t0 = time.time()
            turns = 0
            while turns < 16 and time.time() - t0 < MAX_S:
                turns += 1
                await s.send_realtime_input(audio=types.Blob(data=await mic.read(), mime_type="audio/pcm;rate=16000"))
""")


def test_a_loop_its_own_clock_stops_before_the_connection_limit_keeps_no_session_open() -> None:
    assert check(TIMED, ("LM402",)) == []


def test_the_same_loop_runs_past_the_two_minutes_of_a_session_with_video() -> None:
    code = TIMED.replace("        t0 = time.time()\n",
                         "        await s.send_realtime_input(video=frames[0])\n        t0 = time.time()\n")
    assert [(f.rule_id, f.line) for f in check(code, ("LM402",))] == [("LM402", 11)]


def test_a_clock_bound_past_the_connection_limit_is_a_long_session() -> None:
    assert [(f.rule_id, f.line) for f in check(TIMED.replace("MAX_S = 240", "MAX_S = 3600"), ("LM402",))] \
        == [("LM402", 11)]


HANDLER_PARAMETER = dedent("""
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


    class Voice:
        def __init__(self):
            self._client = genai.Client()
            self._said = ""

        async def run(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            async with self._client.aio.live.connect(model=MODEL, config=config) as s:
                async for response in s.receive():
                    if response.server_content:
                        await self._handle(response.server_content)

        async def other(self):
            async with self._client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")

        async def _handle(self, server_content: types.LiveServerContent) -> None:
            if server_content.model_turn:
                for part in server_content.model_turn.parts:
                    if part.text:
                        if getattr(part, "thought", False):
                            print("thought", part.text)
                        else:
                            self._said += part.text
""")


def test_server_content_handed_to_a_method_is_the_message_s_on_a_module_of_two_sessions() -> None:
    """A module with two configs: the handler's parameter is followed to the message its one
    caller passes, so the text reads outside the thought branch are on an AUDIO session."""
    assert [(f.rule_id, f.line) for f in check(HANDLER_PARAMETER, ("LM304",))] == [("LM304", 26), ("LM304", 30)]


def test_a_receiver_that_comes_back_to_itself_resolves_to_nothing() -> None:
    code = dedent("""
        def f():
            return x.m()
        x = f()
        class K:
            def m(self):
                return x.m()
        y = K()
        z = y.m()
    """)
    assert check(code) == []


COPIED_BASE = dedent("""
    from google import genai
    from google.genai import types

    client = genai.Client()
    BASE = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
    )


    class Kiosk:
        def __init__(self):
            self.config = BASE.model_copy(update={"system_instruction": "greet visitors"})

        async def run(self, frames):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=self.config) as s:
                async for frame in frames:
                    await s.send_realtime_input(video=frame)
""")


def test_a_config_copied_from_a_base_nothing_else_reads_gets_the_coverage_in_the_base() -> None:
    text = fixed_text(COPIED_BASE, ("LM401",), unsafe=True)
    assert 'response_modalities=["AUDIO"],\n    realtime_input_config=types.RealtimeInputConfig(' \
           "turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),\n)" in text


def test_a_base_other_code_reads_too_is_not_edited_for_one_copy() -> None:
    code = COPIED_BASE + "\nAUDIO_ONLY = BASE\n"
    assert [f.fix for f in check(code, ("LM401",))] == [None]


MUTATED = dedent("""
    from google import genai
    from google.genai import types

    client = genai.Client()


    def make_config(vad):
        cfg = types.LiveConnectConfig()
        cfg.response_modalities = [types.Modality.AUDIO]
        cfg.realtime_input_config = types.RealtimeInputConfig(
            automatic_activity_detection=types.AutomaticActivityDetection(silence_duration_ms=800),
        )
        return cfg


    async def run(frames):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=make_config(True)) as s:
            async for frame in frames:
                await s.send_realtime_input(video=frame)
""")


def test_an_input_config_set_in_the_straight_line_of_the_builder_gets_the_coverage() -> None:
    text = fixed_text(MUTATED, ("LM401",), unsafe=True)
    assert "silence_duration_ms=800),\n        turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY,\n    )" in text


def test_an_input_config_set_under_a_flag_gets_no_fix() -> None:
    code = MUTATED.replace("    cfg.realtime_input_config = types.RealtimeInputConfig(\n"
                           "        automatic_activity_detection=types.AutomaticActivityDetection(silence_duration_ms=800),\n"
                           "    )\n",
                           "    if vad:\n"
                           "        cfg.realtime_input_config = types.RealtimeInputConfig(\n"
                           "            automatic_activity_detection=types.AutomaticActivityDetection(silence_duration_ms=800),\n"
                           "        )\n")
    assert "if vad:" in code
    assert [f.fix for f in check(code, ("LM401",))] == [None]


DEFAULTED = dedent("""
    from google import genai

    CONFIG = {
        "response_modalities": ["AUDIO"],
        "system_instruction": "be brief",
    }


    class Bridge:
        def __init__(self, model="gemini-3.1-flash-live-preview", config=CONFIG):
            self.model = model
            self.config = config

        async def run(self, show):
            async with genai.Client().aio.live.connect(model=self.model, config=self.config) as s:
                async for msg in s.receive():
                    if msg.server_content and msg.server_content.input_transcription:
                        show(msg.server_content.input_transcription.text)
""")


def test_a_config_parameter_s_default_is_where_transcription_is_enabled() -> None:
    text = fixed_text(DEFAULTED, ("LM009",))
    assert '    "system_instruction": "be brief",\n    "input_audio_transcription": {},\n}' in text


def test_a_config_parameter_a_call_fills_otherwise_has_no_one_container() -> None:
    code = DEFAULTED + '\nBRIDGE = Bridge(config={"response_modalities": ["AUDIO"]})\n'
    assert [f.fix for f in check(code, ("LM009",))] == [None, None]


BARGE_IN_AFTER_PARTS = dedent("""
    import time
    from google import genai

    client = genai.Client()


    async def turn(show, play, limit):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"output_audio_transcription": {}}) as s:
            start = time.time()
            interrupted = False
            async for msg in s.receive():
                sc = msg.server_content
                if not sc:
                    continue
                if sc.model_turn and sc.model_turn.parts:
                    for part in sc.model_turn.parts:
                        if part.inline_data and part.inline_data.data:
                            play(part.inline_data.data)
                            if time.time() - start >= limit:
                                interrupted = True
                                break
                    if interrupted:
                        break
                ot = getattr(sc, "output_transcription", None)
                if ot and ot.text:
                    show(ot.text)
                if sc.turn_complete:
                    break
""")


def test_an_exit_closing_the_branch_that_played_the_audio_skips_the_transcript() -> None:
    assert [(f.rule_id, f.line) for f in check(BARGE_IN_AFTER_PARTS, ("LM303",))] == [("LM303", 23)]


def test_an_exit_closing_a_branch_that_read_no_audio_is_not_after_the_audio() -> None:
    code = BARGE_IN_AFTER_PARTS.replace("play(part.inline_data.data)", "play(part.text)").replace(
        "if part.inline_data and part.inline_data.data:", "if part.text:")
    assert check(code, ("LM303",)) == []


REGISTERED_TOOLS = dedent("""
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class LiveClient:
        def __init__(self):
            self.tools = []
            self.ws = None

        async def connect(self, key):
            self.ws = await websockets.connect(f"{URI}?key={key}")
            setup = {"setup": {"model": "models/gemini-3.1-flash-live-preview"}}
            if self.tools:
                setup["setup"]["tools"] = self.tools
            await self.ws.send(json.dumps(setup))

        def register_tools(self, tools):
            self.tools = tools

        async def listen(self, log):
            async for raw in self.ws:
                data = json.loads(raw)
                if "toolCall" in data:
                    log(data["toolCall"])
""")
TOOLLESS_MAIN = dedent("""
    from client import LiveClient


    async def main(key):
        c = LiveClient()
        await c.connect(key)
        await c.listen(print)
""")


def test_tools_only_a_method_no_file_calls_would_set_are_never_declared(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"client.py": REGISTERED_TOOLS, "main.py": TOOLLESS_MAIN})
    assert findings_by_file(project, ("LM305",)) == {}


def test_tools_a_file_of_the_run_registers_are_declared(tmp_path: Path) -> None:
    main = TOOLLESS_MAIN + "\n\ndef setup(c):\n    c.register_tools([{'function_declarations': [{'name': 'f'}]}])\n"
    project = write_tree(tmp_path / "p", {"client.py": REGISTERED_TOOLS, "main.py": main})
    assert findings_by_file(project, ("LM305",)) == {"client.py": [(26, "LM305")]}


def test_a_file_checked_alone_cannot_tell_its_tools_are_never_registered() -> None:
    assert [(f.rule_id, f.line) for f in check(REGISTERED_TOOLS, ("LM305",))] == [("LM305", 26)]
