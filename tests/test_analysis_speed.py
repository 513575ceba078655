"""The cheaper paths of the analysis give the answers of the paths they replace (issue 10 §5).

Placing a node by generating only its statement, indexing a module in one tight loop,
walking a fix's new nodes by their fields, applying a fix's edits to an anchor without
rebuilding its untouched subtrees, finding the comment on a changed line without placing
every comment, reading a node type's fields without tokenizing its source, and resolving a
name once per scope: each is compared with what it replaces (libcst's PositionProvider, the
field walk, the whole-anchor transformer, inspect, a walk up the scopes), and each is shown to
skip the work it exists to skip. Exact-type tests stand for isinstance only while no concrete
libcst node type has a subclass: that is checked too.
"""

from __future__ import annotations

import random
import sys

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from livemigrate import positions as positions_module
from livemigrate.analysis import build_live_model
from livemigrate.analysis.bindings import index_bindings
from livemigrate.analysis.syntax import descendants
from livemigrate.analysis.tree_walk import preorder, walk
from livemigrate.edit_paths import apply_near
from livemigrate.edits import apply_to
from livemigrate.engine import Linter, _choose_fixes
from livemigrate.positions import Positions
from livemigrate.settings import Settings

from harness import REPO, dedent
from test_tree_walk import RARE_SYNTAX

# Shapes where a statement alone is hard to place: the same line twice in two functions and
# twice at module level, decorators, elif/else/except/finally headers, one-line suites,
# comments in block footers and headers, a continuation line, a multi-line string.
ODD_PLACES = dedent('''
    # header comment
    import os


    async def seed(session):
        await session.send_client_content(turns=history, turn_complete=True)


    async def again(session):
        await session.send_client_content(turns=history, turn_complete=True)
        # footer comment of again


    x = 1
    x = 1
    @decorator(  # on the decorator
        arg)
    @other
    class C(Base):  # a class
        """doc"""
        def m(self): return 1
        if a: b = 1; c = 2
        elif d:
            pass
        else:  # else comment
            e = 3 + \\
                4
    try:
        s = """multi
    line"""
    except (A, B) as err:
        raise
    finally:
        done()
    match command:
        case [x, y]:
            pass
''')

_ODD_SOURCES = [
    ODD_PLACES,
    RARE_SYNTAX,
    "x = 1",  # no trailing newline: the last statement's own code does not end the text
    "if x:\r\n    y = 'a\\\r\nb'\r\n",  # CRLF
    "def f():\r    return 1\r",  # old Mac line ends
    "\ufeffx = 1\ny = 2\n",  # a byte-order mark
    "s = '''\nmulti\nline'''; t = 2\n",
]


def _placed_one_by_one(text: str) -> None:
    """Every node, each asked of a fresh Positions first: what libcst's provider says."""
    module = cst.parse_module(text.encode("utf-8"))
    source = text.encode("utf-8").decode(module.encoding)
    index = build_live_model(module, source).bindings
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for node, where in expected.items():
        assert Positions(module, text=source, index=index)(node) == where, type(node).__name__


@pytest.mark.parametrize("text", _ODD_SOURCES, ids=range(len(_ODD_SOURCES)))
def test_a_node_placed_by_its_statement_is_where_libcst_says(text: str) -> None:
    _placed_one_by_one(text)


def test_nodes_placed_by_statement_on_real_files_are_where_libcst_says() -> None:
    files = sorted((REPO / "fixtures" / "rules").glob("*/before.py")) + sorted((REPO / "tests" / "corpus").rglob("*.py"))
    rng = random.Random(10)
    compared = 0
    for path in files:
        data = path.read_bytes()
        try:
            module = cst.parse_module(data)
        except cst.ParserSyntaxError:
            continue
        text = data.decode(module.encoding)
        index = build_live_model(module, text).bindings
        expected = list(MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider).items())
        for _ in range(3):  # a few questions per Positions, as a module's findings ask them
            positions = Positions(module, text=text, index=index)
            for node, where in rng.sample(expected, min(12, len(expected))):
                assert positions(node) == where, (path.name, type(node).__name__)
                compared += 1
    assert compared > 3_000


def test_placing_one_node_of_a_big_module_generates_its_statement_only(monkeypatch) -> None:
    text = "".join(f"def f{i}(session):\n    value_{i} = compute({i}, key='k{i}')\n\n" for i in range(2000))
    module = cst.parse_module(text)
    index = index_bindings(module)
    generated: list[cst.CSTNode] = []
    original = positions_module._TokenCountingState.before_codegen

    def counting(self, node):
        generated.append(node)
        original(self, node)

    monkeypatch.setattr(positions_module._TokenCountingState, "before_codegen", counting)
    call = index.calls_by_name["compute"][-1]
    where = Positions(module, text=text, index=index)(call)
    assert (where.start.line, where.start.column) == (3 * 1999 + 2, len("    value_1999 = "))
    assert where == MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)[call]
    assert 0 < len(generated) < 100  # the module has over 100,000 nodes


def test_the_one_loop_index_holds_what_the_walk_visits() -> None:
    for text in (RARE_SYNTAX, ODD_PLACES, (REPO / "fixtures" / "apps" / "voice_agent" / "agent.py").read_text()):
        module = cst.parse_module(text)
        entered: list[cst.CSTNode] = []
        parents: dict[int, int] = {}
        ends: dict[int, int] = {}
        stack: list[int] = []

        def enter(node: cst.CSTNode) -> None:
            if stack:
                parents[len(entered)] = stack[-1]
            stack.append(len(entered))
            entered.append(node)

        def leave(node: cst.CSTNode) -> None:
            ends[stack.pop()] = len(entered)

        walk(module, enter, leave)
        nodes, parent_positions, end_positions, by_type = preorder(module)
        assert len(nodes) == len(entered) and all(a is b for a, b in zip(nodes, entered))
        assert parent_positions[0] == -1 and all(parent_positions[p] == q for p, q in parents.items())
        assert list(end_positions) == [ends[p] for p in range(len(nodes))]
        for kind, of_kind in by_type.items():
            assert of_kind == [n for n in entered if type(n) is kind]


def test_a_built_node_is_walked_by_its_fields_not_libcsts_children(monkeypatch) -> None:
    module = cst.parse_module(RARE_SYNTAX)
    build_live_model(module, RARE_SYNTAX)  # its module is indexed: a built copy is not
    built = module.deep_clone()
    expected = []
    stack = [built]
    while stack:  # libcst's own children, in order
        node = stack.pop()
        expected.append(node)
        stack.extend(reversed(node.children))
    monkeypatch.setattr(cst.CSTNode, "children", property(lambda self: pytest.fail("children rebuilt")))
    assert list(descendants(built, skip=())) == expected


def _node_types() -> list[type]:
    import inspect

    return [kind for kind in vars(cst).values()
            if isinstance(kind, type) and issubclass(kind, cst.CSTNode) and not inspect.isabstract(kind)]


def test_the_fields_of_every_node_type_are_read_from_the_source_inspect_gives() -> None:
    import inspect

    from livemigrate.analysis import tree_walk

    for kind in _node_types():
        method = kind._visit_and_replace_children
        assert tree_walk._source_of(method) == inspect.getsource(method), kind.__name__


@pytest.mark.skipif(sys.version_info < (3, 11), reason="before 3.11 code does not record where it ends: inspect reads it")
def test_reading_a_types_fields_does_not_tokenize_its_source(monkeypatch) -> None:
    import inspect

    from livemigrate.analysis import tree_walk

    monkeypatch.setattr(tree_walk, "_FIELDS", {})
    monkeypatch.setattr(inspect, "getsource", lambda *_: pytest.fail("the source was tokenized to find its end"))
    for kind in _node_types():
        assert tree_walk._fields_in_code(kind) is not None, kind.__name__  # read from its code, not per node
    module = cst.parse_module(RARE_SYNTAX)
    assert preorder(module)[0] == list(descendants(module, skip=()))


def test_no_concrete_libcst_node_type_has_a_subclass() -> None:
    # The hot paths test ``type(node) is cst.X`` where isinstance through ABCMeta is slow:
    # the same answer only while no concrete node type is subclassed (the parser and a fix's
    # builders make libcst's own types only).
    subclassed = [kind.__name__ for kind in _node_types() if kind.__subclasses__()]
    assert not subclassed


def _resolve_by_walking(index, name: str, at: cst.CSTNode):
    """What a name resolves to, looked up scope by scope from ``at`` (no memo)."""
    from livemigrate.analysis.bindings import parameter

    first = True
    for ancestor in index.ancestors(at):
        kind = type(ancestor)
        if kind in (cst.FunctionDef, cst.Lambda, cst.Module) or (first and kind is cst.ClassDef):
            first = False
            if (ancestor, name) in index.assignments:
                return ancestor, index.assignments[(ancestor, name)]
            if kind is cst.FunctionDef and parameter(ancestor, name) is not None:
                return ancestor, []
    return None, []


def test_names_resolve_as_a_walk_up_their_scopes_says_on_real_files() -> None:
    files = sorted((REPO / "fixtures").rglob("*.py")) + sorted((REPO / "tests" / "corpus").rglob("*.py"))
    resolved = 0
    for path in files:
        try:
            module = cst.parse_module(path.read_bytes())
        except cst.ParserSyntaxError:
            continue
        index = index_bindings(module)
        for _ in range(2):  # the second round is answered from the memo
            for name in index.by_type.get(cst.Name, ()):
                scope, values = index.resolve_name(name.value, name)
                expected_scope, expected_values = _resolve_by_walking(index, name.value, name)
                assert scope is expected_scope, (path.name, name.value)
                if len(expected_values) > 1 and values != expected_values:
                    # the one value that reaches this read (straight-line code): one of them
                    assert len(values) == 1 and any(values[0] is v for v in expected_values), (path.name, name.value)
                    continue
                assert values == expected_values, (path.name, name.value)
                assert not values or values is expected_values  # the index's own list, as before
                resolved += 1
    assert resolved > 20_000


def test_a_name_asked_again_in_the_same_scope_is_not_looked_up_again(monkeypatch) -> None:
    from livemigrate.analysis import bindings as bindings_module

    module = cst.parse_module(dedent('''
        CONFIG = {"response_modalities": ["AUDIO"]}
        class Agent:
            def run(self, session):
                session.connect(config=CONFIG)
                session.send(CONFIG)
    '''))
    index = index_bindings(module)
    first, second = [n for n in index.by_type[cst.Name] if n.value == "CONFIG"][1:]
    scope, values = index.resolve_name("CONFIG", first)
    assert scope is module and len(values) == 1
    index.resolve_name("missing", first)[1].append("a caller's own list")
    monkeypatch.setattr(bindings_module, "parameter", lambda *_: pytest.fail("looked up again"))
    monkeypatch.setattr(index, "ancestors", lambda *_: pytest.fail("scopes walked again"))
    assert index.resolve_name("CONFIG", second) == (module, values)
    assert index.resolve_name("missing", second) == (None, [])


def _fix_passes():
    """(module, parent lookup, edits) of every rule fixture's first fix pass."""
    linter = Linter(Settings())
    for before in sorted((REPO / "fixtures" / "rules").glob("*/before.py")):
        code = before.read_text(encoding="utf-8")
        module = cst.parse_module(code)
        findings, parents, _ = linter._run_rules(module, code, str(before))
        chosen = _choose_fixes(findings, parents, unsafe=True)
        edits = [edit for finding in chosen for edit in finding.fix.edits]
        if edits:
            yield before.parent.name, module, parents.get, edits


def test_edits_applied_near_their_nodes_are_the_whole_anchors_transform() -> None:
    from livemigrate.edits import reach_of

    compared = 0
    for name, module, parent, edits in _fix_passes():
        for edit in edits:
            anchor = reach_of(edit.node, parent)
            group = [e for e in edits if any(a is anchor for a in _up(e.node, parent))]
            whole, near = apply_to(anchor, group), apply_near(anchor, group, parent)
            assert type(whole) is type(near), name
            if isinstance(whole, cst.CSTNode):
                assert module.code_for_node(near) == module.code_for_node(whole), name
                assert near.deep_equals(whole), name
            compared += 1
    assert compared > 50


def _up(node, parent):
    while node is not None:
        yield node
        node = parent(node)


def test_edits_applied_near_their_nodes_leave_untouched_subtrees_as_they_are() -> None:
    code = dedent('''
        def handler(config):
            log("a long function body the edit does not touch", [1, 2, 3], {"k": "v"})
            config["thinking_budget"] = 0
            return config
    ''')
    module = cst.parse_module(code)
    live = build_live_model(module, code)
    from livemigrate.edits import RemoveStatement

    function = module.body[0]
    removed = function.body.body[1]
    after = apply_near(function, [RemoveStatement(removed, None)], live.parent)
    assert after.body.body[0] is function.body.body[0]  # not rebuilt
    assert module.code_for_node(after) == module.code_for_node(apply_to(function, [RemoveStatement(removed, None)]))


def test_the_comment_on_a_changed_line_is_found_without_placing_every_comment(monkeypatch) -> None:
    code = dedent('''
        from google import genai
        # a comment elsewhere, and more below
        client = genai.Client()
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # for Vertex project
        async def main():
            # the session
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                pass  # nothing yet
    ''')
    monkeypatch.setattr(positions_module.CommentLines, "_read",
                        lambda self: pytest.fail("every comment of the module placed"))
    module = cst.parse_module(code)
    findings, _, errors = Linter(Settings(select=("LM001",)))._run_rules(module, code, "m.py")
    assert not errors
    (fix,) = [f.fix for f in findings if f.rule_id == "LM001"]
    assert any("for Vertex project" in reason for reason in fix.unsafe_reasons)


def test_the_genai_imports_a_fix_may_drop_are_found_without_entering_expressions() -> None:
    from livemigrate.imports_cleanup import _genai_imported_names

    nested = dedent('''
        from google.genai import types as t
        def f():
            try:
                from google.genai.types import A
            except* ValueError:
                from google.genai.types import B
            with x:
                if y:
                    from google.genai.types import C
                else:
                    from google.genai.types import D
            match z:
                case 1:
                    from google.genai.types import E
        class K:
            for i in r: from google.genai.types import F
    ''')
    files = sorted((REPO / "fixtures").rglob("*.py")) + sorted((REPO / "tests" / "corpus").rglob("*.py"))
    sources = [nested] + [p.read_text(encoding="utf-8", errors="replace") for p in files]
    assert _genai_imported_names(cst.parse_module(nested)) == {"t", "A", "B", "C", "D", "E", "F"}
    for text in sources:
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue
        everywhere = {alias.asname.name.value if alias.asname else alias.name.value
                      for node in index_bindings(module).by_type.get(cst.ImportFrom, [])
                      if node.module is not None and cst.helpers.get_full_name_for_node(node.module).startswith("google.genai")
                      and not isinstance(node.names, cst.ImportStar) for alias in node.names}
        assert _genai_imported_names(module) == everywhere


def test_looking_for_genai_imports_enters_statements_only(monkeypatch) -> None:
    from livemigrate import imports_cleanup

    text = (REPO / "fixtures" / "apps" / "voice_agent" / "agent.py").read_text()
    module = cst.parse_module(text)
    entered: list[cst.CSTNode] = []

    def counting_walk(root, enter, leave=None):
        walk(root, lambda node: (entered.append(node), enter(node))[1], leave)

    monkeypatch.setattr(imports_cleanup, "walk", counting_walk)
    imports_cleanup._genai_imported_names(module)
    assert len(entered) < len(index_bindings(module).order) // 4
