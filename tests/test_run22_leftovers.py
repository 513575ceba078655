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
