"""A framework's tool modules beside its Live handler (run 6: Google's robotics agent framework):
the tools declare `behavior=NON_BLOCKING` and return responses with `scheduling=` /
`will_continue=` in modules that open no Live session; the handler of another module gives the
declarations to the session and sends the responses. In a run over the project these are
reported (LM201, LM202) with an unsafe fix (the sessions' model is not known there); a tool
module checked alone, or a project with no Live session, is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from livemigrate.engine import Linter
from livemigrate.rule import Applicability
from livemigrate.settings import Settings

from harness import dedent, findings_by_file, write_tree

TOOLS = dedent('''
    from google.genai import types


    class Tool:
        def __init__(self, fn, declaration):
            self.fn, self.declaration = fn, declaration


    def reset(**_):
        return types.FunctionResponse(response={"ok": True}, will_continue=False,
                                      scheduling=types.FunctionResponseScheduling.SILENT)


    TOOLS = [
        Tool(reset, types.FunctionDeclaration(name="reset", description="Reset the arm.",
                                              behavior=types.Behavior.NON_BLOCKING)),
    ]
''')
HANDLER = dedent('''
    from google import genai
    from google.genai import types

    from tools import TOOLS

    client = genai.Client()


    async def run(model="gemini-3.1-flash-live-preview"):
        config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[t.declaration for t in TOOLS])])
        async with client.aio.live.connect(model=model, config=config) as session:
            async for message in session.receive():
                if message.tool_call:
                    for call in message.tool_call.function_calls:
                        response = TOOLS[0].fn(**call.args)
                        response.id, response.name = call.id, call.name
                        await session.send_tool_response(function_responses=[response])
''')
RULES = ("LM201", "LM202")


def test_async_tool_settings_of_a_frameworks_tool_module_are_reported(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"tools.py": TOOLS, "handler.py": HANDLER})
    assert findings_by_file(project, RULES) == {"tools.py": [(10, "LM202"), (11, "LM202"), (16, "LM201")]}
    (report,) = [r for r in Linter(Settings()).check_paths([project]) if r.path.endswith("tools.py")]
    fixes = [f.fix for f in report.findings if f.rule_id in RULES]
    assert fixes and all(f is not None and f.applicability is Applicability.UNSAFE for f in fixes)


def test_a_tool_module_checked_alone_or_without_a_live_session_is_not_reported(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"tools.py": TOOLS, "handler.py": HANDLER})
    assert findings_by_file(project / "tools.py", RULES) == {}
    text_only = HANDLER.replace("client.aio.live.connect", "client.aio.models.generate_content_stream")
    project = write_tree(tmp_path / "q", {"tools.py": TOOLS, "handler.py": text_only})
    assert findings_by_file(project, RULES) == {}


# --- a session kept in an attribute of another module's object ----------------------------------
LOOP = dedent('''
    from google import genai

    client = genai.Client()


    class AudioLoop:
        def __init__(self):
            self.session = None

        async def run(self, config):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config=config) as session:
                self.session = session
                async for message in session.receive():
                    print(message)
''')
SERVER = dedent('''
    import ada

    audio_loop = None


    async def start():
        global audio_loop
        audio_loop = ada.AudioLoop()
        await audio_loop.run({"response_modalities": ["AUDIO"]})


    async def on_text(text: str):
        await audio_loop.session.send(input=text, end_of_turn=True)
''')


def test_a_session_an_imported_class_keeps_in_an_attribute_is_a_session(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"ada.py": LOOP, "server.py": SERVER})
    assert findings_by_file(project, ("LM103",)) == {"server.py": [(13, "LM103")]}
    # checked alone, server.py knows nothing of ada's class
    assert findings_by_file(project / "server.py", ("LM103",)) == {}
    # a class that does not keep its session does not make `.session` one
    project = write_tree(tmp_path / "q", {"ada.py": LOOP.replace("self.session = session", "self.other = 1"),
                                          "server.py": SERVER})
    assert findings_by_file(project, ("LM103",)) == {}


EVENTS = dedent('''
    from google.genai import types


    async def relay(bus, responses):
        async for response in responses:
            if response.scheduling is None:
                response.scheduling = types.FunctionResponseScheduling.INTERRUPT
            await bus.publish(types.LiveClientToolResponse(function_responses=[response]))
''')


def test_a_scheduling_set_on_a_built_response_is_reported_and_its_if_goes(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"tools.py": TOOLS, "handler.py": HANDLER, "events.py": EVENTS})
    assert findings_by_file(project, ("LM202",))["events.py"] == [(7, "LM202")]
    assert findings_by_file(project / "events.py", ("LM202",)) == {}  # alone: nothing says it is Live's
    for report in Linter(Settings()).fix_paths([project], unsafe=True, write=False):
        if report.path.endswith("events.py"):
            assert report.fixed is not None and b"scheduling" not in report.fixed
            assert b"if response.scheduling" not in report.fixed


# --- skim of unseen code: v1alpha kept while another module builds the session's config ---------
def test_lm007_gives_no_fix_when_another_module_builds_the_sessions_config(tmp_path: Path) -> None:
    client = dedent('''
        from google import genai

        from settings import build_config

        client = genai.Client(http_options={"api_version": "v1alpha"})


        async def run():
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config=build_config()) as session:
                await session.send_realtime_input(text="hi")
    ''')
    settings = "def build_config():\n    return {'response_modalities': ['AUDIO'], 'enable_affective_dialog': True}\n"
    project = write_tree(tmp_path / "p", {"client.py": client, "settings.py": settings})
    reports = {Path(r.path).name: r for r in Linter(Settings()).check_paths([project])}
    (finding,) = [f for f in reports["client.py"].findings if f.rule_id == "LM007"]
    assert finding.fix is None and "cannot see" in finding.message


# --- skim of unseen code: TEXT on a session whose model is a text model's id ---------------------
@pytest.mark.parametrize("model,reported", [("gemini-2.0-flash-001", False), ("models/gemini-2.0-flash-lite-001", False),
                                            ("gemini-2.5-flash-native-audio-preview-12-2025", True)])
def test_lm005_leaves_text_on_a_text_models_session(model: str, reported: bool) -> None:
    from harness import check

    code = dedent(f'''
        from google import genai

        client = genai.Client()
        MODEL = "{model}"


        async def run():
            async with client.aio.live.connect(model=MODEL, config={{"response_modalities": ["TEXT"]}}) as session:
                await session.send_realtime_input(text="hi")
    ''')
    assert bool(check(code, ("LM005",))) is reported
