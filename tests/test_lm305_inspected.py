"""LM305: a tool call only inspected (its type or id logged) is not handed to code that may
answer it. Run 4's loop logged ``type(response.tool_call)`` in an f-string, which was taken
for a hand-off, so the unanswered call was not reported when the file was checked alone."""

from __future__ import annotations

import pytest

from livemigrate.engine import Linter
from livemigrate.settings import Settings

from harness import dedent

LOOP = dedent('''
    import logging
    from google import genai
    from google.genai import types

    log = logging.getLogger(__name__)
    client = genai.Client()
    TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="lookup")])]

    async def run():
        config = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=TOOLS)
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for response in session.receive():
                if response.tool_call:
                    log.info(f"tool call: {INSPECT}")
                if response.server_content:
                    pass
''')


def _lm305_lines(source: str) -> list[int]:
    report = Linter(Settings()).check_bytes(source.encode(), "app.py")
    assert report.error is None
    return [f.line for f in report.findings if f.rule_id == "LM305"]


@pytest.mark.parametrize("inspect", ["{type(response.tool_call)}", "{id(response.tool_call)}",
                                     "{type(response.tool_call).__name__}", "{vars(response.tool_call)}"])
def test_a_tool_call_only_inspected_in_a_log_is_unanswered(inspect: str) -> None:
    assert _lm305_lines(LOOP.replace("{INSPECT}", inspect)) == [13]


def test_a_tool_call_handed_to_an_unknown_function_keeps_the_benefit_of_the_doubt() -> None:
    source = LOOP.replace('log.info(f"tool call: {INSPECT}")', "dispatch(response.tool_call)")
    assert _lm305_lines(source) == []
