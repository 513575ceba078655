"""Shapes a review of measurement 40's mechanisms found wrong, each a test (written from the
review's reproductions)."""

from __future__ import annotations

from pathlib import Path

from harness import dedent, findings_by_file, kept_open_walks, write_tree

from livemigrate.engine import Linter
from livemigrate.settings import Settings

OPENER = dedent("""
    from google import genai


    def open_live():
        return genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]})
""")

MAIN = dedent("""
    import asyncio

    from live_open import open_live


    async def tick():
        while True:
            await asyncio.sleep(1)
            print("tick")


    async def dashboard():
        await tick()


    async def main():
        async with open_live() as live:
            await live.send_realtime_input(text="Say hello")
            async for m in live.receive():
                if m.data:
                    print(len(m.data))
        await dashboard()


    asyncio.run(main())
""")


def _app(root: Path, main: str) -> dict[str, list[tuple[int, str]]]:
    write_tree(root, {"app/live_open.py": OPENER, "app/main.py": main})
    return findings_by_file(root, ("LM402",))


def test_an_endless_function_awaited_after_the_session_closed_keeps_nothing_open(tmp_path: Path) -> None:
    assert _app(tmp_path, MAIN) == {}


def test_an_endless_function_awaited_inside_the_session_keeps_it_open(tmp_path: Path) -> None:
    main = MAIN.replace("                print(len(m.data))\n    await dashboard()",
                        "                print(len(m.data))\n        await dashboard()")
    assert main != MAIN
    assert _app(tmp_path, main) == {"app/live_open.py": [(5, "LM402")]}


def test_an_endless_task_nothing_waits_for_keeps_nothing_open(tmp_path: Path) -> None:
    """`dashboard` starts `tick` as a task it forgets and returns: calling it is no loop."""
    main = MAIN.replace("async def dashboard():\n    await tick()",
                        "async def dashboard():\n    asyncio.create_task(tick())")
    main = main.replace("                print(len(m.data))\n    await dashboard()",
                        "                print(len(m.data))\n        await dashboard()")
    assert main.count("create_task") == 1 and "        await dashboard()" in main
    assert _app(tmp_path, main) == {}


def test_an_endless_task_waited_for_keeps_the_session_open(tmp_path: Path) -> None:
    main = MAIN.replace("async def dashboard():\n    await tick()",
                        "async def dashboard():\n    task = asyncio.create_task(tick())\n    await task")
    main = main.replace("                print(len(m.data))\n    await dashboard()",
                        "                print(len(m.data))\n        await dashboard()")
    assert main.count("await task") == 1
    assert _app(tmp_path, main) == {"app/live_open.py": [(5, "LM402")]}


def test_an_endless_task_left_running_beside_a_session_no_with_closes_keeps_it_open(tmp_path: Path) -> None:
    """No `with` closes the session: the forgotten task goes on beside it."""
    main = MAIN.replace(
        "    async with open_live() as live:\n        await live.send_realtime_input(text=\"Say hello\")",
        "    live = await open_live().__aenter__()\n    asyncio.create_task(tick())\n    if True:\n"
        "        await live.send_realtime_input(text=\"Say hello\")")
    assert "__aenter__" in main
    assert _app(tmp_path, main) == {"app/live_open.py": [(5, "LM402")]}


WRAPPER = dedent("""
    from google import genai


    class Voice:
        def __init__(self, session, cm):
            self.session = session
            self.cm = cm

        async def send(self, input, end_of_turn=False):
            await self.session.send_realtime_input(text=input)


    async def open_voice(key):
        client = genai.Client(api_key=key)
        cm = client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]})
        session = await cm.__aenter__()
        return Voice(session, cm)
""")

USER = dedent("""
    from core.live_open import open_voice


    async def main(key):
        async with await open_voice(key) as voice:
            await voice.send("hello", end_of_turn=True)
""")


def _wrapped(root: Path, opener: str, user: str = USER) -> dict[str, list[tuple[int, str]]]:
    write_tree(root, {"app/core/live_open.py": opener, "app/main.py": user})
    return findings_by_file(root, ("LM103",))


def test_an_object_wrapping_the_session_an_opener_hands_back_is_not_the_session(tmp_path: Path) -> None:
    """`voice.send(...)` is the wrapper's own method: rewriting it to `send_realtime_input` breaks it."""
    assert _wrapped(tmp_path, WRAPPER) == {}


def test_an_object_a_context_manager_opener_yields_is_not_the_session(tmp_path: Path) -> None:
    opener = dedent("""
        import asyncio
        from contextlib import asynccontextmanager

        from google import genai


        class Outbox:
            def __init__(self):
                self.q = asyncio.Queue()

            async def send(self, input, end_of_turn=False):
                await self.q.put(input)


        @asynccontextmanager
        async def open_voice(key):
            client = genai.Client(api_key=key)
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                yield Outbox()
    """)
    user = USER.replace("async with await open_voice(key)", "async with open_voice(key)")
    assert user != USER
    assert _wrapped(tmp_path, opener, user) == {}


def test_the_session_a_context_manager_opener_yields_is_the_session(tmp_path: Path) -> None:
    opener = dedent("""
        from contextlib import asynccontextmanager

        from google import genai


        @asynccontextmanager
        async def open_voice(key):
            client = genai.Client(api_key=key)
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                yield session
    """)
    user = USER.replace("async with await open_voice(key)", "async with open_voice(key)")
    assert _wrapped(tmp_path, opener, user) == {"app/main.py": [(6, "LM103")]}


def test_the_context_manager_an_opener_binds_and_hands_back_opens_the_session(tmp_path: Path) -> None:
    opener = WRAPPER.replace("    session = await cm.__aenter__()\n    return Voice(session, cm)", "    return cm")
    assert opener != WRAPPER
    assert _wrapped(tmp_path, opener) == {"app/main.py": [(6, "LM103")]}


LIVE_MAIN = dedent("""
    from google import genai

    from {module} import {name}


    async def main():
        async with genai.Client().aio.live.connect(model={model}, config={{"response_modalities": ["AUDIO"]}}) as live:
            await live.send_realtime_input(text="hi")
            async for m in live.receive():
                print(m.data)
""")


def test_a_namespace_name_holds_only_under_its_folder(tmp_path: Path) -> None:
    """`batch/config/settings.py` is `config.settings` to `batch/run.py` only: `main.py`'s
    `from config import settings` is its own `config.py`'s object."""
    write_tree(tmp_path, {
        "main.py": LIVE_MAIN.format(module="config", name="settings", model="settings.MODEL"),
        "config.py": 'class Settings:\n    MODEL = "gemini-2.0-flash-exp"\n\n\nsettings = Settings()\n',
        "batch/config/settings.py": 'MODEL = "gemini-2.0-flash-exp"\n',
        "batch/run.py": "from google import genai\n\nfrom config.settings import MODEL\n\n\n"
                        "def summarize(text):\n    return genai.Client().models.generate_content(model=MODEL, contents=text).text\n",
    })
    assert findings_by_file(tmp_path, ("LM001",)) == {"config.py": [(2, "LM001")]}


def test_sibling_projects_each_import_their_own_namespace_module(tmp_path: Path) -> None:
    """`alpha/core/settings.py` and `beta/core/settings.py` are both `core.settings`, each to
    the script beside it."""
    files = {}
    for project in ("alpha", "beta"):
        files[f"{project}/server.py"] = LIVE_MAIN.format(module="core.settings", name="MODEL", model="MODEL")
        files[f"{project}/core/settings.py"] = 'MODEL = "gemini-2.0-flash-exp"\n'
    write_tree(tmp_path, files)
    assert findings_by_file(tmp_path, ("LM001",)) == {
        "alpha/core/settings.py": [(1, "LM001")], "beta/core/settings.py": [(1, "LM001")]}


def _fixes_by_file(root: Path, rules: tuple[str, ...]) -> dict[str, list[tuple[int, str, str]]]:
    """(line, rule, "safe" / "unsafe" / "none") per file of a run over ``root``."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for report in Linter(Settings()).check_paths([root]):
        assert report.error is None, report.error
        rows = [(f.line, f.rule_id, f.fix.applicability.value if f.fix is not None else "none")
                for f in report.findings if f.rule_id in rules]
        if rows:
            found[Path(report.path).relative_to(root).as_posix()] = rows
    return found


CONNECTING = dedent("""
    from google import genai

    from settings import LIVE_CONFIG, MODEL

    client = genai.Client()


    async def run():
        async with client.aio.live.connect(model=MODEL, config=LIVE_CONFIG) as s:
            await s.send_realtime_input(text="hi")
            async for m in s.receive():
                print(m.data)
""")


def test_a_config_another_module_changes_before_connecting_gets_no_safe_fix(tmp_path: Path) -> None:
    """live.py sets `LIVE_CONFIG["generation_config"][...]`: flattening the nesting in
    settings.py would make that line raise."""
    live = CONNECTING.replace("client = genai.Client()",
                              'LIVE_CONFIG["generation_config"]["max_output_tokens"] = 256\nclient = genai.Client()')
    assert live != CONNECTING
    write_tree(tmp_path, {"live.py": live, "settings.py": (
        'MODEL = "gemini-3.1-flash-live-preview"\n'
        'LIVE_CONFIG = {"response_modalities": ["AUDIO"], "generation_config": {"temperature": 0.4}}\n')})
    assert _fixes_by_file(tmp_path, ("LM006",)) == {"settings.py": [(2, "LM006", "unsafe")]}


def test_a_config_another_module_connects_on_its_own_model_is_not_fixed_for_this_module_s(tmp_path: Path) -> None:
    """settings.py names a 3.x MODEL, but live.py connects LIVE_CONFIG on a Vertex 2.x id."""
    live = CONNECTING.replace("from settings import LIVE_CONFIG, MODEL", "from settings import LIVE_CONFIG") \
        .replace("model=MODEL", 'model="gemini-live-2.5-flash-preview-native-audio"') \
        .replace("genai.Client()", 'genai.Client(vertexai=True, project="p", location="us-central1")')
    assert "vertexai" in live and "MODEL" not in live
    write_tree(tmp_path, {"live.py": live, "settings.py": (
        'MODEL = "gemini-3.1-flash-live-preview"\n'
        'LIVE_CONFIG = {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_budget": 0}}\n')})
    assert _fixes_by_file(tmp_path, ("LM002",)) == {"settings.py": [(2, "LM002", "unsafe")]}


def test_a_config_another_module_also_gives_generate_content_gets_no_safe_fix(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "settings.py": ('MODEL = "gemini-3.1-flash-live-preview"\nTEXT_MODEL = "gemini-2.5-flash"\n'
                        'LIVE_CONFIG = {"thinking_config": {"thinking_budget": 0}, "temperature": 0.3}\n'),
        "live.py": CONNECTING,
        "text.py": ("from google import genai\n\nfrom settings import LIVE_CONFIG, TEXT_MODEL\n\n\n"
                    "def summarize(text):\n    return genai.Client().models.generate_content("
                    "model=TEXT_MODEL, contents=text, config=LIVE_CONFIG).text\n"),
    })
    assert _fixes_by_file(tmp_path, ("LM002",)) == {"settings.py": [(3, "LM002", "unsafe")]}


LINKS = dedent("""
    from google import genai


    def open_live(key=None):
        return genai.Client(api_key=key).aio.live.connect(model="gemini-3.1-flash-live-preview", config={})
""")

BRIDGE = dedent("""
    from links import open_live


    async def greet(chunks):
        async with open_live() as conn:
            for chunk in chunks:
                await conn.send(input=chunk)
""")


def test_check_reads_a_module_naming_nothing_of_live_that_enters_an_imported_session(tmp_path: Path) -> None:
    """bridge.py names nothing of Live: the screen rules it out, but it enters the session
    links.py hands it; check reports what fix sees there."""
    write_tree(tmp_path, {"app/links.py": LINKS, "app/bridge.py": BRIDGE})
    checked = findings_by_file(tmp_path, ("LM103",))
    assert checked == {"app/bridge.py": [(7, "LM103")]}
    fixed = {Path(r.path).relative_to(tmp_path).as_posix(): [(f.line, f.rule_id) for f in r.findings]
             for r in Linter(Settings()).fix_paths([tmp_path], write=False) if r.findings}
    assert fixed == checked


def test_a_function_handing_back_a_session_or_another_socket_hands_back_no_known_session(tmp_path: Path) -> None:
    links = LINKS.replace("def open_live(key=None):\n    return",
                          "def open_live(key=None):\n    if key is None:\n        return websockets.connect(URL)\n    return")
    links = "import websockets\n\n" + links.replace("from google import genai\n", "from google import genai\n\nURL = 'wss://media.example.com'\n")
    assert "websockets.connect(URL)" in links
    write_tree(tmp_path, {"app/links.py": links, "app/bridge.py": BRIDGE})
    assert findings_by_file(tmp_path, ("LM103",)) == {}
    assert [r.findings for r in Linter(Settings()).fix_paths([tmp_path], write=False) if r.findings] == []


def test_a_branch_doing_the_same_in_another_layout_is_the_same() -> None:
    """The branch an exit skips does what the exit's own branch does, written with a comment,
    parentheses, or on the `if` line: skipping it loses nothing (no LM303)."""
    from harness import check
    from test_run40_shapes import PROBE

    head, body = " " * 16 + "if response.data:", " " * 20
    own = f"{head}\n{body}got = True\n{body}break"
    assert own in PROBE
    for layout in (f"{head}\n{body}got = True  # heard audio\n{body}break",
                   f"{head}\n{body}got = (True)\n{body}break",
                   f"{head}\n{body}got = True; break",
                   f"{head} got = True; break"):
        assert check(PROBE.replace(own, layout), ("LM303",)) == [], layout
    assert [f.rule_id for f in check(PROBE.replace(own, f"{head} got = 1; break"),
                                     ("LM303",))] == ["LM303"]


def test_a_v1alpha_client_another_module_opens_sessions_on_is_live_beside_the_module_s_own(tmp_path: Path) -> None:
    """clients.py opens its own probe session on PROBE_CLIENT; agent.py opens its sessions on
    the v1alpha ALPHA it imports: ALPHA is a Live client (LM007)."""
    agent = LIVE_MAIN.format(module="clients", name="ALPHA", model='"gemini-3.1-flash-live-preview"')
    write_tree(tmp_path, {
        "clients.py": dedent("""
            from google import genai

            PROBE_CLIENT = genai.Client()
            ALPHA = genai.Client(http_options={"api_version": "v1alpha"})


            async def probe():
                async with PROBE_CLIENT.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                    await s.send_realtime_input(text="hi")
        """),
        "agent.py": agent.replace("genai.Client().aio", "ALPHA.aio"),
        "other.py": agent.replace("from clients import ALPHA", "import clients").replace(
            "genai.Client().aio", "clients.ALPHA.aio"),
    })
    assert "ALPHA.aio" in (tmp_path / "agent.py").read_text()
    assert findings_by_file(tmp_path, ("LM007",)) == {"clients.py": [(4, "LM007")]}
    (tmp_path / "agent.py").unlink()
    assert findings_by_file(tmp_path, ("LM007",)) == {"clients.py": [(4, "LM007")]}


def test_a_parameter_shadowing_an_imported_config_is_not_it(tmp_path: Path) -> None:
    """`talk(GEN_CONFIG=None)` connects with its own parameter: settings.GEN_CONFIG, given only
    to generate_content, is no Live config."""
    write_tree(tmp_path, {
        "settings.py": 'MODEL = "gemini-2.5-flash"\nGEN_CONFIG = {"temperature": 0.2, "thinking_config": {"thinking_budget": 0}}\n',
        "app.py": dedent("""
            from google import genai

            from settings import GEN_CONFIG, MODEL

            client = genai.Client()


            def summarize(text):
                return client.models.generate_content(model=MODEL, contents=text, config=GEN_CONFIG).text


            async def talk(GEN_CONFIG=None):
                GEN_CONFIG = GEN_CONFIG or {"response_modalities": ["AUDIO"]}
                async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=GEN_CONFIG) as live:
                    await live.send_realtime_input(text="hi")
        """),
    })
    assert findings_by_file(tmp_path, ("LM002",)) == {}
    app = tmp_path / "app.py"
    app.write_text(app.read_text().replace("async def talk(GEN_CONFIG=None):\n    GEN_CONFIG = GEN_CONFIG or {\"response_modalities\": [\"AUDIO\"]}\n",
                                           "async def talk():\n"))
    assert "talk():" in app.read_text()
    assert findings_by_file(tmp_path, ("LM002",)) == {"settings.py": [(2, "LM002")]}


def test_a_session_given_to_a_class_s_constructor_is_kept_under_that_keyword(tmp_path: Path) -> None:
    """`conv = Conversation(live=live)` keeps the session as `conv.live`, as `conv.live = live`
    does (the functions `conv` is passed to send on it)."""
    from test_run40_shapes import HANDLER, RULES, _server

    handler = HANDLER.replace("    conv = Conversation()\n    async with await open_live(key) as live:\n        conv.live = live\n",
                              "    async with await open_live(key) as live:\n        conv = Conversation(live=live)\n")
    assert handler != HANDLER
    found = findings_by_file(_server(tmp_path, handler), RULES)
    assert found.get("voice-demo/server/core/handler.py") == [
        (12, "LM103"), (12, "LM106"), (23, "LM304"), (24, "LM304")], found


def test_a_parameter_bound_again_to_another_object_is_not_the_session_passed(tmp_path: Path) -> None:
    """`replay(conv)` and `direct(session)` get the session but bind the name again to a
    recorder before sending: `.send` there is the recorder's (a rewrite would break it)."""
    from test_run40_shapes import OPENER

    write_tree(tmp_path, {
        "server/core/live_open.py": OPENER.replace("from conf.settings import LIVE_CONFIG, MODEL\n", "").replace(
            "model=MODEL, config=LIVE_CONFIG", 'model="gemini-3.1-flash-live-preview", config={}'),
        "server/core/state.py": dedent("""
            from dataclasses import dataclass
            from typing import Any, Optional


            class Recorder:
                async def send(self, input, end_of_turn=False):
                    print(input)


            @dataclass
            class Conversation:
                live: Optional[Any] = None
        """),
        "server/core/handler.py": dedent("""
            from core.live_open import open_live
            from core.state import Conversation, Recorder


            async def replay(conv: Conversation):
                conv = Conversation(live=Recorder())
                await conv.live.send(input="replayed", end_of_turn=True)


            async def direct(session):
                session = Recorder()
                await session.send(input="replayed", end_of_turn=True)


            async def kept(session, fallback=None):
                session = session or fallback
                await session.send(input="live", end_of_turn=True)


            async def serve(key):
                conv = Conversation()
                async with await open_live(key) as live:
                    conv.live = live
                    await live.send_realtime_input(text="hi")
                    await replay(conv)
                    await direct(live)
                    await kept(live)
        """),
        "server/server.py": "from core.handler import serve\n",
    })
    assert findings_by_file(tmp_path, ("LM103",)) == {"server/core/handler.py": [(17, "LM103")]}


PUMPS = dedent("""
    import asyncio


    async def stream_microphone(live, frames: asyncio.Queue):
        while True:
            chunk = await frames.get()
            await live.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
""")

SESSION = dedent("""
    import asyncio

    from google import genai

    from pumps import stream_microphone


    async def lesson(frames):
        client = genai.Client()
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={"response_modalities": ["AUDIO"]}) as live:
            sender = asyncio.create_task(stream_microphone(live, frames))
            async for message in live.receive():
                if message.server_content and message.server_content.turn_complete:
                    break
            sender.cancel()
""")


def test_a_session_handed_to_another_module_s_endless_sender_runs_long(tmp_path: Path) -> None:
    """The block stops reading after one turn, but the microphone pump it started in another
    module sends on the session until stopped (measurement 41 missed this LM402)."""
    write_tree(tmp_path, {"pumps.py": PUMPS, "lesson.py": SESSION})
    assert findings_by_file(tmp_path, ("LM402",)) == {"lesson.py": [(10, "LM402")]}


def test_a_sender_that_ends_or_gets_another_object_keeps_nothing_open(tmp_path: Path) -> None:
    ending = PUMPS.replace("        chunk = await frames.get()\n", "        chunk = await frames.get()\n        if chunk is None:\n            break\n")
    assert ending != PUMPS
    write_tree(tmp_path, {"pumps.py": ending, "lesson.py": SESSION})
    assert findings_by_file(tmp_path, ("LM402",)) == {}
    write_tree(tmp_path, {"pumps.py": PUMPS, "lesson.py": SESSION.replace("stream_microphone(live, frames)",
                                                                          "stream_microphone(recorder, frames)")})
    assert findings_by_file(tmp_path, ("LM402",)) == {}


def _three_modules(root: Path, modalities: str) -> dict[str, list[tuple[int, str]]]:
    write_tree(root, {
        "server/conf/settings.py": dedent(f"""
            MODEL = "models/gemini-live-2.5-flash-preview"
            CONFIG = {{"generation_config": {{"response_modalities": {modalities}}}}}
        """),
        "server/core/opener.py": dedent("""
            from google import genai

            from conf.settings import CONFIG, MODEL


            async def open_gemini():
                client = genai.Client()
                session = client.aio.live.connect(model=MODEL, config=CONFIG)
                return session
        """),
        "server/core/handler.py": dedent("""
            import json

            from core.opener import open_gemini


            async def relay(ws, state):
                async for response in state.live.receive():
                    sc = response.server_content
                    if sc and sc.model_turn:
                        for part in sc.model_turn.parts:
                            if part.text:
                                await ws.send(json.dumps({"said": part.text}))


            async def serve(ws, state):
                async with await open_gemini() as live:
                    state.live = live
                    await relay(ws, state)
        """),
        "server/server.py": "from core.handler import serve\n",
    })
    return findings_by_file(root, ("LM304",))


def test_text_read_from_a_session_whose_config_another_module_shows_answering_in_audio(tmp_path: Path) -> None:
    """A half-cascade model could answer in text; the config the opener imports says AUDIO
    (measurement 40 missed these two LM304)."""
    assert _three_modules(tmp_path, '["AUDIO"]') == {"server/core/handler.py": [(11, "LM304"), (12, "LM304")]}


def test_text_read_from_a_session_configured_for_text_is_no_transcript(tmp_path: Path) -> None:
    assert _three_modules(tmp_path, '["TEXT"]') == {}


def test_video_another_module_sends_on_the_session_a_function_hands_back(tmp_path: Path) -> None:
    """The handler sends camera frames on the session `open_gemini` hands back: LM401 on its
    connect (measurement 40's miss), naming where the frames are sent."""
    _three_modules(tmp_path, '["AUDIO"]')
    handler = tmp_path / "server/core/handler.py"
    text = handler.read_text()
    frames = text.replace("async def serve(ws, state):", dedent("""
        async def camera(state, jpeg):
            await state.live.send(input={"data": jpeg, "mime_type": "image/jpeg"})


        async def serve(ws, state):""").rstrip("\\n"))
    assert frames != text
    handler.write_text(frames)
    found = findings_by_file(tmp_path, ("LM401",))
    assert found == {"server/core/opener.py": [(8, "LM401")]}
    message = next(f.message for r in Linter(Settings()).check_paths([tmp_path]) for f in r.findings
                   if f.rule_id == "LM401")
    assert "(handler.py:16)" in message, message
    # a frame sent because the model asked for it (a camera tool) streams nothing
    handler.write_text(frames.replace('    await state.live.send(input={"data": jpeg, "mime_type": "image/jpeg"})',
                                      '    if state.tool_call:\n        await state.live.send(input={"data": jpeg, "mime_type": "image/jpeg"})'))
    assert "if state.tool_call" in handler.read_text()
    assert findings_by_file(tmp_path, ("LM401",)) == {}


def test_an_id_passed_to_another_module_s_vertex_ai_session_is_held(tmp_path: Path) -> None:
    """main.py passes its MODEL to a class whose module opens sessions on a Vertex AI client:
    the target has no Vertex AI id to move it to, so the id is not rewritten (a fix there made
    the next run fix the session module too: not a fixed point)."""
    session = dedent("""
        from google import genai


        class Voice:
            def __init__(self, project, model):
                self.client = genai.Client(vertexai=True, project=project, location="us-central1")
                self.model = model

            async def run(self):
                async with self.client.aio.live.connect(model=self.model, config={"response_modalities": ["AUDIO"]}) as s:
                    await s.send_realtime_input(text="hi")
    """)
    main = dedent("""
        import os

        from voice import Voice

        MODEL = os.getenv("MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")


        def build(project):
            return Voice(project, model=MODEL)
    """)
    write_tree(tmp_path, {"voice.py": session, "main.py": main})
    assert _fixes_by_file(tmp_path, ("LM001",)) == {"main.py": [(5, "LM001", "none")]}
    (tmp_path / "voice.py").write_text(session.replace("vertexai=True, project=project, location=\"us-central1\"", ""))
    assert "vertexai" not in (tmp_path / "voice.py").read_text()
    assert _fixes_by_file(tmp_path, ("LM001",)) == {"main.py": [(5, "LM001", "unsafe")]}


SETTINGS_CLASS = dedent("""
    from dataclasses import dataclass

    from google import genai
    from google.genai import types


    @dataclass
    class LiveSettings:
        model: str = "gemini-3.1-flash-live-preview"

        @property
        def client(self):
            return genai.Client()

        @property
        def live_config(self):
            return types.LiveConnectConfig(response_modalities=[types.Modality.AUDIO])
""")

PUMP_MODULE = dedent("""
    import asyncio


    async def send_realtime(session, queue: asyncio.Queue):
        while True:
            msg = await queue.get()
            await session.send_realtime_input(media=msg)
""")

APP = dedent("""
    import asyncio
    from dataclasses import dataclass, field

    from camera import capture_frames
    from pump import send_realtime
    from settings import LiveSettings


    @dataclass
    class App:
        settings: LiveSettings
        out_queue: asyncio.Queue = field(default_factory=asyncio.Queue)

        async def run(self):
            live = self.settings
            async with live.client.aio.live.connect(model=live.model, config=live.live_config) as session, \\
                    asyncio.TaskGroup() as tg:
                self._start(tg, session)

        def _start(self, tg, session):
            tg.create_task(send_realtime(session, self.out_queue))
            tg.create_task(capture_frames(self.out_queue))
""")

CAMERA = dedent("""
    from frames import encode


    async def capture_frames(queue):
        for frame in range(3):
            await queue.put(encode(frame))
""")

FRAMES = dedent("""
    from video_settings import MIME_TYPE


    def encode(frame):
        return {"mime_type": MIME_TYPE, "data": bytes(frame)}
""")


def _camera_app(root: Path, mime: str = "image/jpeg") -> dict[str, list[tuple[int, str]]]:
    write_tree(root, {"settings.py": SETTINGS_CLASS, "pump.py": PUMP_MODULE, "app.py": APP, "camera.py": CAMERA,
                      "frames.py": FRAMES, "video_settings.py": f'MIME_TYPE: str = "{mime}"\n'})
    return findings_by_file(root, ("LM401", "LM402"))


def test_a_session_handed_to_a_pump_through_a_method_with_frames_two_imports_away(tmp_path: Path) -> None:
    """The app hands its session to another module's endless sender from a method of its own,
    the sender forwards what a queue holds, and the camera loop feeding that queue encodes frames
    with a module whose MIME type comes from a video settings module; the config is a property
    of the settings class its dataclass declares (it names no turn_coverage nor resumption)."""
    assert _camera_app(tmp_path) == {"app.py": [(16, "LM401"), (16, "LM402")]}


def test_audio_blobs_two_imports_away_are_no_video(tmp_path: Path) -> None:
    assert _camera_app(tmp_path, "audio/pcm;rate=16000") == {"app.py": [(16, "LM402")]}


def test_an_adk_run_config_spreading_a_bidi_dict_is_a_live_config() -> None:
    """`RunConfig(**config_kwargs)` whose dict sets `streaming_mode: BIDI`, its proactivity and
    affective dialog added behind feature flags (measurement 42 missed both)."""
    from harness import check

    code = dedent("""
        from google.adk.agents.run_config import RunConfig, StreamingMode
        from google.genai import types


        def build_run_config(settings):
            config_kwargs: dict = {
                "streaming_mode": StreamingMode.BIDI,
                "response_modalities": [types.Modality.AUDIO],
            }
            if settings.voice_enable_proactivity:
                config_kwargs["proactivity"] = types.ProactivityConfig(proactive_audio=True)
            if settings.voice_enable_affective_dialog:
                config_kwargs["enable_affective_dialog"] = True
            return RunConfig(**config_kwargs)
    """)
    assert [(f.line, f.rule_id) for f in check(code, ("LM003", "LM004"))] == [(11, "LM003"), (13, "LM004")]
    text_run = code.replace('"streaming_mode": StreamingMode.BIDI,', '"streaming_mode": StreamingMode.SSE,')
    assert text_run != code
    assert check(text_run, ("LM003", "LM004")) == []


def test_the_config_a_builder_function_returns_for_another_module_s_session(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/config.py": dedent("""
            from typing import Any


            def build_live_connect_config(settings) -> dict[str, Any]:
                config: dict[str, Any] = {
                    "response_modalities": ["AUDIO"],
                    "enable_affective_dialog": settings.enable_affective_dialog,
                    "proactivity": {"proactive_audio": settings.enable_proactive_audio},
                }
                return config
        """),
        "pkg/runtime.py": dedent("""
            from google import genai

            from .config import build_live_connect_config


            async def run(settings):
                client = genai.Client()
                config = build_live_connect_config(settings)
                async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                    await session.send_realtime_input(text="hi")
        """),
    })
    assert _fixes_by_file(tmp_path, ("LM003", "LM004")) == {
        "pkg/config.py": [(7, "LM004", "unsafe"), (8, "LM003", "unsafe")]}


RECEIVER = dedent("""
    import asyncio


    async def receive_responses(session, audio_queue: asyncio.Queue):
        while True:
            async for response in session.receive():
                if data := response.data:
                    audio_queue.put_nowait(data)
                    continue
                if text := response.text:
                    print(text, end="")
""")


def test_a_session_handed_on_by_a_method_answers_as_its_settings_class_config_says(tmp_path: Path) -> None:
    """The app hands its session (kept as `self.session`) to a method that hands it to another
    module's reader; the config is a property of its settings class (AUDIO) on a half-cascade id:
    the reader's `continue` after the audio skips the text, and its `.text` is no transcript
    (measurement 42's LM303 / LM304)."""
    settings = SETTINGS_CLASS.replace('model: str = "gemini-3.1-flash-live-preview"',
                                      'model: str = "models/gemini-2.0-flash-live-001"')
    app = APP.replace("from pump import send_realtime\n", "from pump import send_realtime\nfrom reader import receive_responses\n")
    app = app.replace("            self._start(tg, session)", "            self.session = session\n            self._start(tg, self.session)")
    app = app.replace("        tg.create_task(capture_frames(self.out_queue))",
                      "        tg.create_task(capture_frames(self.out_queue))\n"
                      "        tg.create_task(receive_responses(session, asyncio.Queue()))")
    assert app.count("receive_responses") == 2 and "self._start(tg, self.session)" in app
    write_tree(tmp_path, {"settings.py": settings, "pump.py": PUMP_MODULE, "app.py": app, "camera.py": CAMERA,
                          "frames.py": FRAMES, "video_settings.py": 'MIME_TYPE: str = "image/jpeg"\n',
                          "reader.py": RECEIVER})
    assert findings_by_file(tmp_path, ("LM303", "LM304")) == {"reader.py": [(9, "LM303"), (10, "LM304")]}
    # a TEXT config: the text is the answer
    (tmp_path / "settings.py").write_text(settings.replace("types.Modality.AUDIO", "types.Modality.TEXT"))
    assert findings_by_file(tmp_path, ("LM304",)) == {}


def test_audio_another_module_queues_for_a_live_sender_is_live_input(tmp_path: Path) -> None:
    """app.py hands one queue to the microphone loop of audio.py and to the Live sender that
    forwards it: the loop's `audio/pcm` (put from a nested function) is realtime input (LM106,
    measurement 42's miss); a queue no Live sender forwards is not."""
    audio = dedent("""
        async def capture_audio(queue, mic):
            async def one_chunk():
                data = await mic.read()
                await queue.put({"data": data, "mime_type": "audio/pcm"})

            while True:
                await one_chunk()
    """)
    app = APP.replace("from camera import capture_frames\n", "from audio import capture_audio\nfrom camera import capture_frames\n")
    app = app.replace("        tg.create_task(capture_frames(self.out_queue))",
                      "        tg.create_task(capture_frames(self.out_queue))\n"
                      "        tg.create_task(capture_audio(self.out_queue, None))")
    assert app.count("capture_audio") == 2
    write_tree(tmp_path, {"settings.py": SETTINGS_CLASS, "pump.py": PUMP_MODULE, "app.py": app, "camera.py": CAMERA,
                          "frames.py": FRAMES, "video_settings.py": 'MIME_TYPE: str = "image/jpeg"\n', "audio.py": audio})
    assert _fixes_by_file(tmp_path, ("LM106",)) == {"audio.py": [(4, "LM106", "unsafe")]}
    (tmp_path / "app.py").write_text(app.replace("capture_audio(self.out_queue, None)", "capture_audio(asyncio.Queue(), None)"))
    assert findings_by_file(tmp_path, ("LM106",)) == {}


def test_a_parameter_rebound_to_a_very_long_prompt_is_followed_without_recursion() -> None:
    """A prompt of thousands of concatenated strings bound to a parameter again: telling whether
    it reads the parameter must not recurse once per piece (a RecursionError lost the file's
    findings)."""
    import libcst

    from livemigrate.analysis.flow import _mentions

    prompt = libcst.parse_expression(" + ".join(f'"line {i} "' for i in range(3000)) + " + notes")
    assert _mentions(prompt, "notes")
    assert not _mentions(prompt, "session")


def test_an_opener_with_a_nested_helper_or_an_exit_stack_hands_back_the_session(tmp_path: Path) -> None:
    opener = dedent("""
        import contextlib

        from google import genai


        @contextlib.asynccontextmanager
        async def open_voice(key):
            def config():
                return {"response_modalities": ["AUDIO"]}

            async with contextlib.AsyncExitStack() as stack:
                session = await stack.enter_async_context(
                    genai.Client(api_key=key).aio.live.connect(model="gemini-3.1-flash-live-preview", config=config()))
                yield session
    """)
    user = USER.replace("async with await open_voice(key)", "async with open_voice(key)")
    assert _wrapped(tmp_path, opener, user) == {"app/main.py": [(6, "LM103")]}


def test_an_opener_whose_branches_open_text_and_audio_sessions_says_neither(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "app/settings.py": 'TEXT_CONFIG = {"response_modalities": ["TEXT"]}\nAUDIO_CONFIG = {"response_modalities": ["AUDIO"]}\n',
        "app/opener.py": dedent("""
            from google import genai

            from settings import AUDIO_CONFIG, TEXT_CONFIG


            def open_live(mode):
                client = genai.Client()
                if mode == "text":
                    return client.aio.live.connect(model="models/gemini-live-2.5-flash-preview", config=TEXT_CONFIG)
                return client.aio.live.connect(model="models/gemini-live-2.5-flash-preview", config=AUDIO_CONFIG)
        """),
        "app/chat.py": dedent("""
            from opener import open_live


            async def chat(prompt):
                async with open_live("text") as live:
                    await live.send_client_content(turns={"role": "user", "parts": [{"text": prompt}]})
                    async for message in live.receive():
                        if message.text:
                            print(message.text)
        """),
    })
    assert findings_by_file(tmp_path, ("LM304",)) == {}


def test_nested_route_handlers_cost_a_walk_each_not_one_per_pair() -> None:
    """`_kept_open_calls` asks once per function whether it runs until stopped (it re-walked the
    outer function at each of a factory's nested handlers: quadratic)."""
    handlers = "\n".join(f"    async def route_{i}():\n        return {i}\n" for i in range(200))
    source = (f"from opener import open_live\n\n\ndef create_app():\n{handlers}\n"
              "    async def ws():\n        async with open_live() as live:\n            pass\n")
    walks = kept_open_walks(source, "create_app")
    assert walks <= 4, walks  # a constant number of walks, not one per handler


def test_a_script_putting_another_folder_on_sys_path_imports_its_namespace_modules(tmp_path: Path) -> None:
    script = dedent("""
        import os
        import sys

        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "server"))

        from google import genai

        from core.settings import LIVE_CONFIG


        async def main():
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config=LIVE_CONFIG) as s:
                await s.send_realtime_input(text="hi")
    """)
    write_tree(tmp_path, {
        "scripts/voice_cli.py": script,
        "server/core/settings.py": 'MODEL = "gemini-3.1-flash-live-preview"\n'
                                   'LIVE_CONFIG = {"generation_config": {"temperature": 0.2}}\n',
        "server/app.py": "from core.settings import MODEL\n",
    })
    assert findings_by_file(tmp_path, ("LM006",)) == {"server/core/settings.py": [(2, "LM006")]}


def test_check_reads_an_importer_of_an_opener_a_package_re_exports_from_deep_down(tmp_path: Path) -> None:
    files = {f"app/{folder}__init__.py": "" for folder in ("", "services/", "services/voice/",
                                                             "services/voice/gemini/", "bridges/")}
    files["app/__init__.py"] = "from app.services.voice.gemini.live import open_live\n"
    files["app/services/voice/gemini/live.py"] = LINKS
    files["app/bridges/sms.py"] = BRIDGE.replace("from links import open_live", "from app import open_live")
    write_tree(tmp_path, files)
    fixed = {Path(r.path).relative_to(tmp_path).as_posix(): [(f.line, f.rule_id) for f in r.findings]
             for r in Linter(Settings()).fix_paths([tmp_path], write=False) if r.findings}
    assert fixed == {"app/bridges/sms.py": [(7, "LM103")]}
    assert findings_by_file(tmp_path, ("LM103",)) == fixed
