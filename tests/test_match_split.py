"""LM302 on a `match` over one raw message's fields: the cases on the server content become one
case with an `if` per field (unsafe), and what keeps that from being a faithful split gets no fix."""

from __future__ import annotations

import pytest

from harness import assert_parses, check, dedent, fix, fixed_text

EVENTS = dedent("""
    import json
    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def events(ws):
        async for raw in ws:
            msg = json.loads(raw)
            match msg:
                case {"serverContent": {"modelTurn": {"parts": parts}}}:
                    yield ("audio", parts)
                # the caption
                case {"serverContent": {"outputTranscription": {"text": text}}}:
                    yield ("caption", text)
                case {"serverContent": {"turnComplete": True}}:  # end of the turn
                    yield ("done", None)
                case {"toolCall": {"functionCalls": calls}}:
                    yield ("tool", calls)
""")

SPLIT = dedent("""
            match msg:
                case {"serverContent": sc}:
                    if (parts := sc.get("modelTurn", {}).get("parts")) is not None:
                        yield ("audio", parts)
                    # the caption
                    if (text := sc.get("outputTranscription", {}).get("text")) is not None:
                        yield ("caption", text)
                    if sc.get("turnComplete") is True:  # end of the turn
                        yield ("done", None)
                case {"toolCall": {"functionCalls": calls}}:
                    yield ("tool", calls)
""")


def _lm302(code: str):
    return [f for f in check(code, ("LM302",))]


def test_cases_on_the_server_content_become_one_case_with_an_if_per_field() -> None:
    [found] = _lm302(EVENTS)
    assert found.fix is not None and found.fix.applicability.value == "unsafe"
    assert fixed_text(EVENTS, ("LM302",)) == EVENTS  # not a safe fix
    out = fixed_text(EVENTS, ("LM302",), unsafe=True)
    assert_parses(out)
    assert out == EVENTS[:EVENTS.index("        match msg:")] + _indented(SPLIT), out
    assert not _lm302(out)


def _indented(block: str) -> str:
    return "".join("        " + line if line.strip() else line for line in block.splitlines(True))


def test_the_turn_end_goes_after_the_content_of_its_message() -> None:
    code = EVENTS.replace('''            case {"serverContent": {"modelTurn": {"parts": parts}}}:
                yield ("audio", parts)
''', "").replace('''                yield ("done", None)
''', '''                yield ("done", None)
            case {"serverContent": {"modelTurn": {"parts": parts}}}:
                yield ("audio", parts)
''')
    assert code != EVENTS
    out = fixed_text(code, ("LM302",), unsafe=True)
    assert out.index('"modelTurn"') < out.index('"turnComplete"') and "case {\"serverContent\": sc}" in out, out


def test_a_name_the_function_already_uses_is_not_taken() -> None:
    code = EVENTS.replace("msg = json.loads(raw)", "msg = json.loads(raw)\n        sc = None")
    assert code != EVENTS
    out = fixed_text(code, ("LM302",), unsafe=True)
    assert 'case {"serverContent": content}:' in out and 'content.get("turnComplete") is True' in out, out


@pytest.mark.parametrize("change", [
    pytest.param(('case {"toolCall": {"functionCalls": calls}}:', 'case _:'), id="a-wildcard-case-ran-on-the-rest"),
    pytest.param(('case {"toolCall": {"functionCalls": calls}}:', 'case {"usageMetadata": usage}:'),
                 id="a-case-any-message-may-match"),
    pytest.param(('case {"serverContent": {"turnComplete": True}}:', 'case {"serverContent": {"turnComplete": True}} if done:'),
                 id="a-guard"),
    pytest.param(('yield ("caption", text)', 'yield ("caption", text)\n                continue'), id="an-exit-in-a-body"),
    pytest.param(('{"outputTranscription": {"text": text}}', '{"outputTranscription": {"text": str() as text}}'),
                 id="a-class-pattern-inside"),
    pytest.param(('{"serverContent": {"turnComplete": True}}', '{"serverContent": {"turnComplete": True}, "usageMetadata": u}'),
                 id="a-second-key"),
    pytest.param(('{"serverContent": {"turnComplete": True}}', '{"serverContent": {"turnComplete": None}}'),
                 id="a-null-that-the-test-could-not-tell-from-absent"),
    # (a review of the fix found these four)
    pytest.param(('case {"toolCall": {"functionCalls": calls}}:', 'case {"serverContent": {"interrupted": True}} | {"goAway": _}:'),
                 id="an-or-case-on-server-content-and-another-kind"),
    pytest.param(('yield ("done", None)', 'yield ("done", len(parts))'), id="a-capture-read-in-another-case"),
    pytest.param(('case {"toolCall": {"functionCalls": calls}}:', 'case {"serverContent": {"outputTranscription": {"text": ""}}}:'),
                 id="two-cases-on-one-field"),
    pytest.param(('"serverContent"', '"server_content"'), id="an-sdk-dump-in-snake-case"),
])
def test_cases_that_a_split_would_change_otherwise_get_no_fix(change: tuple[str, str]) -> None:
    code = EVENTS.replace(*change)
    assert code != EVENTS
    if "server_content" in change[1]:
        code = code.replace('"outputTranscription"', '"output_transcription"').replace('"turnComplete"', '"turn_complete"')
    found = _lm302(code)
    assert found and all(f.fix is None for f in found), [(f.line, f.fix) for f in found]


def test_the_split_is_a_fixed_point_and_keeps_the_comments() -> None:
    report = fix(EVENTS, ("LM302",), unsafe=True)
    out = report.fixed.decode()
    assert "# the caption" in out and "# end of the turn" in out
    assert fixed_text(out, ("LM302",), unsafe=True) == out


def test_a_capture_read_after_the_match_gets_no_fix() -> None:
    code = EVENTS + "    print(text)\n"
    assert [f.fix for f in _lm302(code)] == [None]
