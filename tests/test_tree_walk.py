"""The plain field walk visits exactly what libcst's visitor visits, in the same order.

The binding index, every subtree walk and every "is this before that" question rely on that
order (pre-order, source order), so the walk is checked against libcst itself on every
Python file of the project's fixtures and corpus, on libcst's own sources, and on a module
that uses the rarer syntax.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from livemigrate.analysis.tree_walk import walk

from harness import REPO, dedent

RARE_SYNTAX = dedent('''
    from __future__ import annotations
    import a.b as c, d
    from .x import (y as z, w)
    @decorator(1)
    @other
    async def f(a, /, b: int = 1, *args: str, c, d=2, **kw) -> "T":
        global g
        x = [i async for i in aiter() if i]
        y = {k: v for k, v in items()}
        z = (yield)
        w = lambda q, *r, s=1, **t: q
        async with (a as b, c as d):
            pass
        try:
            pass
        except* ValueError as exc:
            raise exc from None
        else:
            pass
        finally:
            del x[1:2:3], y.attr
        match command:
            case Point(x=0, y=0) | [1, 2, *rest] | {"k": v, **others} if v > 1:
                pass
            case str() as s:
                pass
            case _:
                pass
        if (n := len(x)) > 10 and not y or z:
            return f"{n!r:>{width}} {x['k']=}"
        elif n:
            print(*x, **y, sep="")
        else:
            assert x, "message"
        for i, (j, k) in enumerate(pairs):
            continue
        while True:
            break
        nonlocal_thing: int
        a @= b; a **= 2; a //= 3
        return x if y else (z, *w)
    class C(Base, metaclass=M):
        """doc"""
        attr: int = 1
        def m(self): return super().m()[::2]
    print(1 < 2 <= 3 is not None, not x, -y, ~z, a in b, a not in b)
    x = b"bytes" b"concat" rb"\\d"
''')


def _libcst_order(module: cst.Module) -> list[cst.CSTNode]:
    seen: list[cst.CSTNode] = []

    class Recorder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            seen.append(node)
            return True

    module.visit(Recorder())
    return seen


def _walk_order(module: cst.Module) -> tuple[list[cst.CSTNode], list[cst.CSTNode]]:
    entered: list[cst.CSTNode] = []
    left: list[cst.CSTNode] = []
    walk(module, entered.append, left.append)
    return entered, left


def _sources() -> list[Path]:
    files = sorted((REPO / "fixtures" / "rules").glob("*/before.py")) + sorted((REPO / "fixtures" / "apps").rglob("*.py"))
    files += sorted((REPO / "tests" / "corpus").rglob("*.py"))
    files += [Path(cst.__file__).parent / "_nodes" / "expression.py"]  # every shape of expression
    return files


def _same_order(module: cst.Module) -> None:
    expected = _libcst_order(module)
    entered, left = _walk_order(module)
    assert len(entered) == len(expected)
    assert all(a is b for a, b in zip(entered, expected))
    # Every node is left once, after all of its children.
    assert len(left) == len(entered) and {id(n) for n in left} == {id(n) for n in entered}
    assert left[-1] is module


def test_the_walk_follows_libcsts_order_on_rare_syntax() -> None:
    _same_order(cst.parse_module(RARE_SYNTAX))


def test_the_walk_follows_libcsts_order_on_real_files() -> None:
    checked = 0
    for path in _sources():
        try:
            module = cst.parse_module(path.read_bytes())
        except cst.ParserSyntaxError:
            continue  # fixtures of broken input
        _same_order(module)
        checked += 1
    assert checked > 80


def test_the_walk_survives_nesting_deeper_than_the_recursion_limit() -> None:
    import sys

    depth = sys.getrecursionlimit() + 100
    inner = cst.Name("x")
    for _ in range(depth):
        inner = cst.UnaryOperation(operator=cst.Minus(), expression=inner)
    entered, _ = _walk_order(cst.Module(body=[cst.SimpleStatementLine(body=[cst.Expr(value=inner)])]))
    assert sum(type(n) is cst.UnaryOperation for n in entered) == depth


@pytest.mark.parametrize("sequence", [list, tuple])
def test_nodes_built_by_hand_with_lists_are_walked(sequence) -> None:
    module = cst.Module(body=sequence([cst.SimpleStatementLine(body=sequence([cst.Pass()]))]))
    entered, _ = _walk_order(module)
    assert [type(n) for n in entered][:3] == [cst.Module, cst.SimpleStatementLine, cst.Pass]


@pytest.mark.parametrize("literal", [
    '""', "''", '""""""', "'''a'''", '"a"', "r'\\d'", 'R"\\""', "u'x'", "U'''y'''", '"\\n"', "'\\''",
    "b'x'", "rb'x'", "Br'x'", '"""a\r\nb"""', "'é'", "'\\N{BULLET}'", 'f"x"'[1:],
])
def test_string_values_are_libcsts(literal: str) -> None:
    from livemigrate.analysis import string_value

    node = cst.parse_expression(literal)
    expected = node.evaluated_value
    assert string_value(node) == (expected if isinstance(expected, str) else None)


def test_string_values_are_libcsts_on_real_files() -> None:
    from livemigrate.analysis import string_value

    seen = 0
    for path in _sources():
        try:
            module = cst.parse_module(path.read_bytes())
        except cst.ParserSyntaxError:
            continue
        strings: list[cst.SimpleString] = []
        walk(module, lambda n: strings.append(n) if type(n) is cst.SimpleString else None, lambda n: None)
        for node in strings:
            expected = node.evaluated_value
            assert string_value(node) == (expected if isinstance(expected, str) else None), node.value
            seen += 1
    assert seen > 1000


def test_enter_returning_false_skips_the_children_only() -> None:
    module = cst.parse_module("import a.b as c\nx = d\n")
    names: list[str] = []

    def enter(node: cst.CSTNode) -> bool | None:
        if type(node) is cst.Name:
            names.append(node.value)
        return False if type(node) is cst.ImportAlias else None

    walk(module, enter)
    assert names == ["x", "d"]


def test_names_read_and_bound() -> None:
    from livemigrate.analysis import names_bound, names_read

    module = cst.parse_module(dedent('''
        import os.path as p, sys
        def f(a, *, b=c):
            x = y.attr + a
            for i in z: pass
            return [j for j in w if k]
    '''))
    assert [n.value for n in names_read(module)] == ["c", "y", "a", "z", "j", "w", "k"]
    assert names_bound(module) >= {"p", "sys", "f", "x", "i", "j"}
