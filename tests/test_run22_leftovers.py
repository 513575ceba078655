"""Shapes measurement 22 left (public 2.x Live code; written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from harness import check, dedent, fixed_text

# A probe script tries the raw endpoint on one API version per call: the version is a
# parameter of the function that builds the URL, and the calls pass the strings.
VERSION_PARAMETER = dedent('''
    import asyncio
    import json
    import os

    import websockets

    KEY = os.environ["GEMINI_API_KEY"]


    async def probe(version, model):
        url = (f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{version}"
               f".GenerativeService.BidiGenerateContent?key={KEY}")
        async with websockets.connect(url) as ws:
            await ws.send(json.dumps({"setup": {"model": model}}))
            print(version, await ws.recv())


    async def main():
        await probe("v1alpha", "models/gemini-2.0-flash-exp")
        await probe("v1beta", "models/gemini-2.0-flash-exp")


    asyncio.run(main())
''')


def test_a_version_passed_to_the_parameter_a_live_url_is_built_from_is_reported_where_it_is_written() -> None:
    found = [(f.rule_id, f.line) for f in check(VERSION_PARAMETER, ("LM503",))]
    assert found == [("LM503", 19)]
    # written at the call: the function may build other URLs with it, so no fix here
    assert fixed_text(VERSION_PARAMETER, ("LM503",), unsafe=True) == VERSION_PARAMETER


def test_a_version_parameter_given_only_v1beta_is_no_finding() -> None:
    stable = VERSION_PARAMETER.replace('"v1alpha"', '"v1beta"')
    assert stable != VERSION_PARAMETER
    assert check(stable, ("LM503",)) == []


def test_a_version_parameter_through_a_loop_over_versions() -> None:
    looped = VERSION_PARAMETER.replace(
        '    await probe("v1alpha", "models/gemini-2.0-flash-exp")\n'
        '    await probe("v1beta", "models/gemini-2.0-flash-exp")\n',
        '    for version in ("v1alpha", "v1beta"):\n'
        '        await probe(version, "models/gemini-2.0-flash-exp")\n')
    assert looped != VERSION_PARAMETER
    assert [(f.rule_id, f.line) for f in check(looped, ("LM503",))] == [("LM503", 19)]


# A tool response sent through the deprecated `send(input=LiveClientToolResponse(...))`, written
# one argument per line: the list moves out one call, so its lines move left with it.
NESTED_TOOL_RESPONSE = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"], "tools": [{"function_declarations": [{"name": "f"}]}]}


    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for msg in session.receive():
                if msg.tool_call:
                    await session.send(
                        input=types.LiveClientToolResponse(
                            function_responses=[
                                # the one tool
                                types.FunctionResponse(id="x", name="f", response={}),
                            ]
                        )
                    )
''')


def test_a_list_lifted_out_of_a_nested_call_keeps_its_layout_one_level_left() -> None:
    fixed = fixed_text(NESTED_TOOL_RESPONSE, ("LM103",))
    assert fixed == NESTED_TOOL_RESPONSE.replace(
        '                await session.send(\n'
        '                    input=types.LiveClientToolResponse(\n'
        '                        function_responses=[\n'
        '                            # the one tool\n'
        '                            types.FunctionResponse(id="x", name="f", response={}),\n'
        '                        ]\n'
        '                    )\n'
        '                )\n',
        '                await session.send_tool_response(\n'
        '                    function_responses=[\n'
        '                        # the one tool\n'
        '                        types.FunctionResponse(id="x", name="f", response={}),\n'
        '                    ]\n'
        '                )\n')


def test_a_version_passed_to_another_objects_method_of_the_same_name_is_not_the_urls() -> None:
    other = VERSION_PARAMETER.replace(
        '    await probe("v1alpha", "models/gemini-2.0-flash-exp")\n',
        '    rest.probe("v1alpha", "models/gemini-2.0-flash-exp")\n')
    assert other != VERSION_PARAMETER
    assert check(other, ("LM503",)) == []


def test_a_position_after_star_arguments_is_not_known() -> None:
    starred = VERSION_PARAMETER.replace(
        '    await probe("v1alpha", "models/gemini-2.0-flash-exp")\n',
        '    await probe(*ARGS, "v1alpha")\n')
    assert starred != VERSION_PARAMETER
    assert check(starred, ("LM503",)) == []


def test_a_constant_passed_for_the_version_is_reported_on_its_line_under_its_name() -> None:
    constant = VERSION_PARAMETER.replace('KEY = os.environ["GEMINI_API_KEY"]\n',
                                         'KEY = os.environ["GEMINI_API_KEY"]\nAPI_VERSION = "v1alpha"\n').replace(
        '    await probe("v1alpha", "models/gemini-2.0-flash-exp")\n',
        '    await probe(API_VERSION, "models/gemini-2.0-flash-exp")\n')
    found = check(constant, ("LM503",))
    assert [(f.rule_id, f.line) for f in found] == [("LM503", 8)]
    assert "`API_VERSION`" in found[0].message


def _tabs(code: str) -> str:
    """The module indented with tabs (it holds no run of four spaces but its indentation)."""
    return "\n".join(line.replace("    ", "\t") for line in code.split("\n"))


def test_a_lifted_value_in_a_tab_indented_module_moves_left_by_its_tabs() -> None:
    tabbed = _tabs(NESTED_TOOL_RESPONSE)
    expected = _tabs(fixed_text(NESTED_TOOL_RESPONSE, ("LM103",)))
    assert "\t\t\t\t\t\ttypes.FunctionResponse" in expected
    assert fixed_text(tabbed, ("LM103",)) == expected


# A token broker builds the URL it hands a browser from `self.api_version`, which its
# constructor takes (default v1alpha) and a singleton getter fills from the environment.
ATTRIBUTE_VERSION = dedent('''
    import os


    class Broker:
        def __init__(self, key, api_version="v1alpha"):
            self.key = key
            self.api_version = api_version

        def url(self, token):
            method = "BidiGenerateContentConstrained" if token.startswith("auth_tokens/") else "BidiGenerateContent"
            return f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{self.api_version}.GenerativeService.{method}?key={token}"


    def broker():
        return Broker(os.getenv("GEMINI_API_KEY"), api_version=os.getenv("LIVE_API_VERSION", "v1alpha"))
''')


def test_a_version_held_in_an_attribute_from_a_parameter_and_an_environment_default_is_followed() -> None:
    found = check(ATTRIBUTE_VERSION, ("LM503",))
    assert [(f.rule_id, f.line) for f in found] == [("LM503", 5), ("LM503", 15)]
    stable = ATTRIBUTE_VERSION.replace('"v1alpha"', '"v1beta"')
    assert check(stable, ("LM503",)) == []
