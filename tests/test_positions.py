"""livemigrate.positions answers what libcst's PositionProvider answers, for every node.

Every finding's line and column, every "still read at line N" and every noqa comment's
place come from it, so it is compared with libcst's provider node by node on the fixtures,
the corpus and the rare-syntax module of test_tree_walk.
"""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from livemigrate.positions import Positions

from harness import REPO
from test_tree_walk import RARE_SYNTAX


def _same_as_libcst(module: cst.Module) -> int:
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    positions = Positions(module)
    for node, where in expected.items():
        assert positions(node) == where, (type(node).__name__, module.code_for_node(node)[:80])
    return len(expected)


@pytest.mark.parametrize("source", [
    RARE_SYNTAX,
    "x = 1",  # no trailing newline: libcst's last line still counts the popped newline
    "",
    "\n\n# only a comment\n",
    "if x:\r\n    y = 'a\\\r\nb'\r\n",  # CRLF, and a line continuation inside a string
    "def f():\r    return 1\r",  # old Mac line ends
    "s = '''\nmulti\nline'''; t = 2\n",
])
def test_positions_are_libcsts_on_odd_sources(source: str) -> None:
    _same_as_libcst(cst.parse_module(source))


def test_positions_are_libcsts_on_real_files() -> None:
    files = sorted((REPO / "fixtures" / "rules").glob("*/before.py")) + sorted((REPO / "fixtures" / "apps").rglob("*.py"))
    files += sorted((REPO / "tests" / "corpus").rglob("*.py"))
    compared = 0
    for path in files:
        try:
            module = cst.parse_module(path.read_bytes())
        except cst.ParserSyntaxError:
            continue
        compared += _same_as_libcst(module)
    assert compared > 30_000


def test_a_node_of_another_module_is_a_key_error() -> None:
    positions = Positions(cst.parse_module("x = 1\n"))
    with pytest.raises(KeyError):
        positions(cst.parse_module("y = 2\n").body[0])


def test_comment_lines_from_the_tree_are_the_tokenizers() -> None:
    from livemigrate.analysis import build_live_model
    from livemigrate.positions import CommentLines
    from livemigrate.suppression import Suppressions

    text = RARE_SYNTAX + "x = 1  # trailing\n# own line\nif x:  # after a colon\n    pass\n    # indented\n"
    module = cst.parse_module(text)
    from_tree = CommentLines(build_live_model(module, text).nodes(cst.Comment), Positions(module))
    assert dict(from_tree) == Suppressions.read(text, layout=True).comment_lines
    assert len(from_tree) >= 4


def test_positions_numbered_by_the_binding_index_are_libcsts() -> None:
    """The engine numbers nodes with the analysis's pre-order index (flat arrays, not a dict
    per node); the answers are the same."""
    from livemigrate.analysis import build_live_model

    for text in (RARE_SYNTAX, (REPO / "fixtures" / "apps" / "voice_agent" / "agent.py").read_text()):
        module = cst.parse_module(text)
        order = build_live_model(module, text).bindings.order
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        positions = Positions(module, order)
        assert all(positions(node) == where for node, where in expected.items())
