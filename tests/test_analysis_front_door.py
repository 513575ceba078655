"""Rules ask the LiveModel through the front door (``livemigrate.analysis``) and never reach
into how it computes its answers (issue 9 §4): no import of an analysis submodule, no
``.bindings``, no private attribute of the model. The analysis can then change under a rule
without breaking it, and a user's rule folder can rely on what the front door documents."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import livemigrate.analysis as front_door
from livemigrate.analysis import LiveModel

RULES = sorted((Path(__file__).resolve().parent.parent / "rules").glob("lm*.py"))


def _is_model(node: ast.AST) -> bool:
    """``live`` or ``ctx.live`` (or any ``<x>.live``): an expression holding the LiveModel."""
    return (isinstance(node, ast.Name) and node.id == "live") or (
        isinstance(node, ast.Attribute) and node.attr == "live")


def reaches_in(source: str) -> list[str]:
    """Every place ``source`` reaches past the front door, as ``line: what``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("livemigrate.analysis."):
            found.append(f"{node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Import):
            found += [f"{node.lineno}: imports {a.name}" for a in node.names
                      if a.name.startswith("livemigrate.analysis.")]
        elif isinstance(node, ast.Attribute) and node.attr == "bindings":
            found.append(f"{node.lineno}: touches .bindings")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            while isinstance(owner, ast.Attribute) and not _is_model(owner):
                owner = owner.value
            if _is_model(owner):
                found.append(f"{node.lineno}: touches the model's private .{node.attr}")
    return found


@pytest.mark.parametrize("path", RULES, ids=[p.stem.split("_")[0].upper() for p in RULES])
def test_rule_uses_only_the_front_door(path: Path) -> None:
    assert reaches_in(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source, expected", [
    ("from livemigrate.analysis.bindings import string_value\n", ["1: imports livemigrate.analysis.bindings"]),
    ("import livemigrate.analysis.gates\n", ["1: imports livemigrate.analysis.gates"]),
    ("def check(ctx):\n    return ctx.live.bindings.parents\n", ["2: touches .bindings"]),
    ("def check(live):\n    return live._entries\n", ["2: touches the model's private ._entries"]),
    ("def check(ctx):\n    return ctx.live.flow._realtime_sends\n",
     ["2: touches the model's private ._realtime_sends"]),
    ("from livemigrate.analysis import string_value\n"
     "def check(ctx):\n    return [ctx.live.order_of(n) for n in ctx.live.nodes()], ctx._positions\n", []),
], ids=["submodule-from", "submodule-import", "bindings", "private", "private-deep", "allowed"])
def test_the_check_sees_each_way_in(source: str, expected: list[str]) -> None:
    assert reaches_in(source) == expected


def test_front_door_exports_exist() -> None:
    missing = [name for name in front_door.__all__ if not hasattr(front_door, name)]
    assert missing == []


def test_every_public_query_of_the_model_is_documented() -> None:
    undocumented = [name for name, member in inspect.getmembers(LiveModel)
                    if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property))
                    and not inspect.getdoc(member)]
    assert undocumented == []


# --- what the front door answers ----------------------------------------------------------
def model_of(code: str):
    import libcst as cst

    from harness import dedent
    from livemigrate.analysis import build_live_model

    source = dedent(code)
    return build_live_model(cst.parse_module(source), source)


def test_client_content_sends_are_sdk_calls_and_raw_frames_alike() -> None:
    live = model_of('''
        import json
        from google import genai
        URI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
        client = genai.Client()

        async def sdk(history, lines):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await s.send_client_content(turns=history, turn_complete=True)
                async for line in lines:
                    await s.send_client_content(turns=line)
                    async for m in s.receive():
                        break

        async def raw(ws, text):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
            while True:
                await ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": text}]}],
                                                           "turnComplete": True}}))
    ''')
    sends = live.client_content_sends()
    assert [(s.raw, s.phase) for s in sends] == [(False, "seed"), (False, "during"), (True, "during")]
    assert sends[1].why == "it runs in a loop that also reads the replies"
    assert sends[2].content.user_text is not None and sends[2].content.turn_complete
    assert sends[2].anchor is sends[2].frame.element.key
    assert not any(s.legacy_only for s in sends)


def test_message_handlers_loops_and_field_chains() -> None:
    live = model_of('''
        from google import genai
        from google.genai import types

        def handle(message: types.LiveServerMessage) -> None:
            sc = message.server_content
            if sc.model_turn:
                play(sc.model_turn)
            elif message.tool_call:
                answer(message.tool_call)

        async def run(session: genai.live.AsyncSession) -> None:
            async for message in session.receive():
                handle(message)
    ''')
    assert [f.name.value for f in live.message_handlers()] == ["handle"]
    assert [p.name.value for p in live.typed_sessions()] == ["session"]
    (loop,) = live.message_loops()
    assert live.is_message_loop(loop) and live.is_message(loop.target)
    (chain,) = live.if_chains()
    assert [[r.field for r in reads] for reads in chain.reads] == [["server_content.model_turn"], ["tool_call"]]
    assert live.server_content_aliases() == {"sc": "message"}


def test_the_three_helpers() -> None:
    import libcst as cst

    from livemigrate.analysis import exit_statement, exits

    live = model_of('''
        class Agent:
            def build(self):
                return CONFIG

            def run(self):
                config = self.build()
                if config is None:
                    raise ValueError("no config")
                return config

        CONFIG = {"response_modalities": ["AUDIO"]}
        ALIAS = CONFIG
    ''')
    call = next(c for c in live.calls() if isinstance(c.func, cst.Attribute) and c.func.attr.value == "build")
    assert live.callee(call).name.value == "build"
    alias = next(n for n in live.nodes() if isinstance(n, cst.AssignTarget) and n.target.value == "ALIAS")
    value = live.parent(alias).value
    assert isinstance(live.resolve_value(value), cst.Dict)
    guard = next(n for n in live.nodes() if isinstance(n, cst.If))
    assert exits(guard.body) and isinstance(exit_statement(guard.body), cst.Raise)
    assert not exits(live.enclosing_class(guard).body)
