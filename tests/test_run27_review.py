"""A review of the run-27 changes (as a ruff maintainer would read them): each shape a test."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

# the turn's end handled in the rung and again after the parts: nothing is lost
HANDLED_AFTER_TOO = dedent('''
    from google import genai

    client = genai.Client()


    async def main(play, end, show):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for msg in session.receive():
                sc = msg.server_content
                if sc is None:
                    continue
                if not sc.model_turn:
                    if sc.turn_complete:
                        end()
                    continue
                for part in sc.model_turn.parts:
                    play(part)
                if sc.turn_complete:
                    end()
''')

# a helper asks for `function_calls` while the loop reads and answers each tool call
PROBED_IN_A_HELPER = dedent('''
    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[{"name": "lookup", "parameters": {"type": "object"}}])]
    client = genai.Client()


    def describe(response):
        if getattr(response, "function_calls", None):
            return "calls"
        return "audio" if response.data else "other"


    async def main():
        config = {"response_modalities": ["AUDIO"], "tools": TOOLS}
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for response in session.receive():
                print(describe(response))
                if response.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=fc.id, name=fc.name, response={}) for fc in response.tool_call.function_calls])
''')

# a private helper runs the tools and drops the results; an uncalled public method could answer
DROPPED_BY_A_HELPER = dedent('''
    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[{"name": "lookup", "parameters": {"type": "object"}}])]


    def lookup(**kwargs):
        return {"ok": True}


    class Assistant:
        def __init__(self):
            self.client = genai.Client()
            self.session = None

        async def run(self):
            config = {"response_modalities": ["AUDIO"], "tools": TOOLS}
            async with self.client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                self.session = session
                async for response in session.receive():
                    tool_call = response.tool_call
                    if tool_call:
                        self._run_tools(tool_call)

        def _run_tools(self, tool_call):
            for fc in tool_call.function_calls:
                lookup(**fc.args)

        async def send_tool_response(self, responses):
            await self.session.send_tool_response(function_responses=responses)
''')

# the calls kept in a list; another class's method answers on its own upstream session
ANSWERED_ON_ANOTHER_SESSION = dedent('''
    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[{"name": "lookup", "parameters": {"type": "object"}}])]
    client = genai.Client()
    pending = []


    async def listen():
        config = {"response_modalities": ["AUDIO"], "tools": TOOLS}
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for response in session.receive():
                tool_call = response.tool_call
                if tool_call:
                    pending.append({"call": tool_call})


    class Relay:
        def __init__(self, upstream):
            self.upstream = upstream

        async def forward(self, responses):
            await self.upstream.send_tool_response(function_responses=responses)
''')

SETTINGS = 'API_CONFIG = {"model": "gemini-2.0-flash-exp", "voice": "Puck"}\n'

# the importer writes the entry itself before the session reads it
IMPORTER_WRITES = dedent('''
    import os

    from google import genai

    from settings import API_CONFIG

    API_CONFIG["model"] = os.environ.get("LIVE_MODEL", "gemini-live-2.5-flash-preview")
    client = genai.Client()


    async def main():
        async with client.aio.live.connect(model=API_CONFIG["model"], config={"response_modalities": ["AUDIO"]}) as session:
            while True:
                async for message in session.receive():
                    print(message)
''')

# a parameter shadows the imported dict
PARAMETER_SHADOWS = dedent('''
    from google import genai

    from settings import API_CONFIG

    client = genai.Client()


    async def main(API_CONFIG):
        async with client.aio.live.connect(model=API_CONFIG["model"], config={"response_modalities": ["AUDIO"]}) as session:
            while True:
                async for message in session.receive():
                    print(message)
''')


def test_an_absent_rung_whose_field_the_code_after_handles_too_loses_nothing() -> None:
    assert check(HANDLED_AFTER_TOO, ("LM302",)) == []


def test_function_calls_asked_in_a_helper_of_a_loop_that_answers() -> None:
    assert check(PROBED_IN_A_HELPER, ("LM305",)) == []


def test_an_uncalled_answering_method_does_not_excuse_a_helper_that_drops_the_calls() -> None:
    assert [f.rule_id for f in check(DROPPED_BY_A_HELPER, ("LM305",))] == ["LM305"]


def test_an_answering_method_on_another_session_answers_nothing_here() -> None:
    assert [f.rule_id for f in check(ANSWERED_ON_ANOTHER_SESSION, ("LM305",))] == ["LM305"]


def test_an_imported_dict_entry_the_importer_rewrites_is_not_the_sessions_model(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"settings.py": SETTINGS, "app.py": IMPORTER_WRITES})
    assert "settings.py" not in findings_by_file(project, ("LM001",))


def test_a_parameter_shadowing_an_imported_dict_is_not_the_dict(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"settings.py": SETTINGS, "app.py": PARAMETER_SHADOWS})
    assert "settings.py" not in findings_by_file(project, ("LM001",))
