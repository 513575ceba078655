"""LM302 and the server message's oneof (issue 11): a message is one kind of message
(setupComplete | serverContent | toolCall | toolCallCancellation | goAway |
sessionResumptionUpdate, with usageMetadata outside the oneof), so a chain whose branches each
test another kind misses nothing; branches that one message can match together still do. The
fix splits only those, and a branch on another kind runs on exactly the messages it ran on."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter

SDK = '''
    from google import genai

    async def loop(client, player):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview") as session:
            async for m in session.receive():
{chain}
'''
RAW = '''
    import json

    URI = ("wss://generativelanguage.googleapis.com/ws/"
           "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")

    async def loop(ws, player):
        async for raw in ws:
            msg = json.loads(raw)
{chain}
'''


def sdk(chain: str) -> str:
    """A Live session's receive loop with ``chain`` (written at the loop body's indentation)."""
    return dedent(SDK.format(chain=_indent(chain, 16)))


def raw(chain: str) -> str:
    """A raw Live socket's receive loop with ``chain`` over the decoded frame ``msg``."""
    return dedent(RAW.format(chain=_indent(chain, 12)))


def _indent(chain: str, width: int) -> str:
    return "\n".join(" " * width + line if line else line for line in dedent(chain).splitlines())


def lm302(code: str) -> list:
    return check(code, ("LM302",))


def fixed(code: str) -> str:
    verify_fix(linter(("LM302",)), code.encode(), unsafe=True)
    return fixed_text(code, ("LM302",), unsafe=True)


# --- not reported: each branch tests another kind of message -----------------------------------
@pytest.mark.parametrize("chain", [
    # SDK snake_case
    """
    if m.server_content:
        player.show(m.server_content)
    elif m.tool_call:
        await player.answer(m.tool_call)
    elif m.go_away:
        player.reconnect(m.go_away.time_left)
    """,
    # a content field against other kinds: the model turn never comes with a tool call
    """
    if m.server_content and m.server_content.model_turn:
        player.play(m)
    elif m.tool_call:
        await player.answer(m.tool_call)
    elif m.session_resumption_update:
        player.keep(m.session_resumption_update.new_handle)
    """,
    # getattr / hasattr spellings
    """
    if getattr(m, "tool_call", None):
        await player.answer(m.tool_call)
    elif hasattr(m, "tool_call_cancellation") and m.tool_call_cancellation:
        player.cancel(m.tool_call_cancellation.ids)
    elif getattr(m, "server_content", None):
        player.show(m.server_content)
    """,
    # the states one turn ends in, then another kind: neither pair loses anything
    """
    if m.server_content.interrupted:
        player.clear()
    elif m.server_content.turn_complete:
        player.end_turn()
    elif m.tool_call:
        await player.answer(m.tool_call)
    """,
], ids=["snake_case", "content-field", "getattr", "turn-states"])
def test_a_chain_over_different_kinds_of_message_is_not_reported(chain: str) -> None:
    assert lm302(sdk(chain)) == []


@pytest.mark.parametrize("chain", [
    """
    if "serverContent" in msg:
        player.show(msg["serverContent"])
    elif "toolCall" in msg:
        await player.answer(msg["toolCall"])
    elif "goAway" in msg:
        break
    """,
    """
    if msg.get("toolCall"):
        await player.answer(msg["toolCall"])
    elif msg.get("serverContent", {}).get("modelTurn"):
        player.play(msg["serverContent"]["modelTurn"])
    elif msg.get("setupComplete") is not None:
        player.ready()
    """,
], ids=["membership", "get"])
def test_a_raw_camel_case_chain_over_different_kinds_is_not_reported(chain: str) -> None:
    assert lm302(raw(chain)) == []


def test_a_handler_table_over_the_kinds_of_message_is_not_reported() -> None:
    code = dedent('''
        from google import genai

        HANDLERS = {"tool_call": print, "server_content": print, "go_away": print}

        async def loop(client):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview") as session:
                async for m in session.receive():
                    for field, handler in HANDLERS.items():
                        if getattr(m, field, None) is not None:
                            handler(m)
                            break
    ''')
    assert lm302(code) == []


# --- still reported: two branches can match one message ------------------------------------------
@pytest.mark.parametrize("code", [
    # the server content, then one of its fields: one kind
    sdk("""
    if m.server_content.model_turn:
        player.play(m)
    elif m.server_content.turn_complete:
        player.end_turn()
    elif m.tool_call:
        await player.answer(m.tool_call)
    """),
    # `.text` reads the server content's parts
    sdk("""
    if m.tool_call:
        await player.answer(m.tool_call)
    elif m.text:
        player.show(m.text)
    elif m.server_content and m.server_content.turn_complete:
        player.end_turn()
    """),
    raw("""
    content = msg.get("serverContent", {})
    if "toolCall" in msg:
        await player.answer(msg["toolCall"])
    elif "modelTurn" in content:
        player.play(content["modelTurn"])
    elif "turnComplete" in content:
        player.end_turn()
    """),
], ids=["sdk", "text-accessor", "raw-camel"])
def test_a_chain_with_two_fields_of_the_server_content_is_reported(code: str) -> None:
    assert len(lm302(code)) == 1


def test_the_server_content_and_one_of_its_fields_are_one_kind() -> None:
    code = sdk("""
    if getattr(m, "server_content", None) is None:
        player.other(m)
    elif m.server_content.turn_complete:
        player.end_turn()
    elif m.tool_call:
        await player.answer(m.tool_call)
    """)
    assert len(lm302(code)) == 1


@pytest.mark.parametrize("code", [
    sdk("""
    if m.tool_call:
        await player.answer(m.tool_call)
    elif m.usage_metadata:
        player.count(m.usage_metadata.total_token_count)
    """),
    raw("""
    if "serverContent" in msg:
        player.show(msg["serverContent"])
    elif "usageMetadata" in msg:
        player.count(msg["usageMetadata"])
    """),
], ids=["sdk", "raw"])
def test_usage_metadata_meets_any_kind_of_message(code: str) -> None:
    assert len(lm302(code)) == 1


# --- the fix: split what can meet, keep the other kinds' branches where they guard ---------------
def test_a_tool_call_after_the_content_stays_a_chain_after_the_split() -> None:
    code = sdk("""
    if m.server_content and m.server_content.turn_complete:
        player.end_turn()
    elif m.server_content and m.server_content.model_turn:
        player.play(m)
    elif m.tool_call:
        await player.answer(m.tool_call)
    elif m.go_away:
        player.reconnect(m.go_away.time_left)
    """)
    assert fixed(code) == sdk("""
    if m.server_content and m.server_content.model_turn:
        player.play(m)
    if m.server_content and m.server_content.turn_complete:
        player.end_turn()
    if m.tool_call:
        await player.answer(m.tool_call)
    elif m.go_away:
        player.reconnect(m.go_away.time_left)
    """)


def test_a_tool_call_before_the_content_keeps_guarding_it() -> None:
    # `m.server_content` is None on a tool call: the content's tests never ran on one, and must not
    code = sdk("""
    if m.tool_call:
        await player.answer(m.tool_call)
    elif m.server_content.model_turn:
        player.play(m)
    elif m.server_content.turn_complete:
        player.end_turn()
    """)
    assert fixed(code) == sdk("""
    if m.tool_call:
        await player.answer(m.tool_call)
    else:
        if m.server_content.model_turn:
            player.play(m)
        if m.server_content.turn_complete:
            player.end_turn()
    """)


def test_a_ladder_keeps_the_continue_of_a_branch_on_another_kind() -> None:
    code = sdk("""
    if m.tool_call:
        await player.answer(m.tool_call)
        continue
    if m.server_content.turn_complete:
        player.end_turn()
        continue
    if m.server_content.model_turn:
        player.play(m)
    """)
    assert fixed(code) == sdk("""
    if m.tool_call:
        await player.answer(m.tool_call)
        continue
    if m.server_content.model_turn:
        player.play(m)
    if m.server_content.turn_complete:
        player.end_turn()
    """)


def test_a_branch_on_another_kind_between_two_that_meet_gets_no_fix() -> None:
    # the turn's end was only tested once the tool call had been ruled out
    code = sdk("""
    if m.server_content and m.server_content.model_turn:
        player.play(m)
    elif m.tool_call:
        await player.answer(m.tool_call)
    elif m.server_content.turn_complete:
        player.end_turn()
    """)
    [finding] = lm302(code)
    assert finding.fix is None


# --- the fixed code on every kind of message ----------------------------------------------------
def _content(**fields) -> SimpleNamespace:
    """A server message carrying server content with ``fields`` (the others unset)."""
    content = dict.fromkeys(("model_turn", "turn_complete", "output_transcription"), None) | fields
    return SimpleNamespace(server_content=SimpleNamespace(**content), tool_call=None, go_away=None)


MESSAGES = {
    "bundled": _content(model_turn="audio", turn_complete=True),
    "content": _content(model_turn="audio"),
    "end": _content(turn_complete=True),
    "tool_call": SimpleNamespace(server_content=None, tool_call="call", go_away=None),
    "go_away": SimpleNamespace(server_content=None, tool_call=None, go_away=SimpleNamespace(time_left="5s")),
}


def _run(code: str, message: SimpleNamespace) -> list[str]:
    """What the loop in ``code`` does with one message: the player calls, in order, or the
    error it raises."""
    calls: list[str] = []

    class Player:
        def __getattr__(self, name: str):
            async def answer(*args):
                calls.append(name)
            return answer if name == "answer" else (lambda *args: calls.append(name))

    class Session:
        async def receive(self):
            yield message

    class Connect:
        async def __aenter__(self):
            return Session()

        async def __aexit__(self, *exc):
            return False

    client = SimpleNamespace(aio=SimpleNamespace(live=SimpleNamespace(connect=lambda **kw: Connect())))
    scope: dict = {}
    exec(compile(code.replace("from google import genai\n", ""), "<fixed>", "exec"), scope)
    try:
        asyncio.run(scope["loop"](client, Player()))
    except AttributeError:  # `None.model_turn`: a test read the server content of another kind
        return ["raises AttributeError"]
    return calls


@pytest.mark.parametrize("chain", [
    """
    if m.tool_call:
        await player.answer(m.tool_call)
    elif m.server_content.turn_complete:
        player.end_turn()
    elif m.server_content.model_turn:
        player.play(m)
    """,
    """
    if m.server_content and m.server_content.turn_complete:
        player.end_turn()
    elif m.server_content and m.server_content.model_turn:
        player.play(m)
    elif m.tool_call:
        await player.answer(m.tool_call)
    elif m.go_away:
        player.reconnect(m.go_away.time_left)
    """,
], ids=["tool-call-first", "tool-call-last"])
def test_after_the_fix_other_kinds_run_as_before_and_bundled_content_runs_in_full(chain: str) -> None:
    code = sdk(chain)
    after = fixed(code)
    assert after != code
    for kind, message in MESSAGES.items():
        before, now = _run(code, message), _run(after, message)
        if kind == "bundled":
            assert before == ["end_turn"] or before == ["play"]
            assert now == ["play", "end_turn"]  # the content of the message, then its turn's end
        else:
            assert now == before, kind
