"""Where a node is in its module: libcst's ``PositionProvider`` answers, at a fraction of its cost.

``PositionProvider`` regenerates the module and, for every token, splits it on newlines to
keep a line and column, and for every node builds two ``CodePosition`` and a ``CodeRange``.
A module with a few findings needs a dozen of those ranges, not a hundred thousand (issue 10
§5: positions cost as much as the parse). Here the one codegen pass keeps, per node, only the
two token counts around it (and the syntactic bounds libcst records for statements); a
line and column are worked out only for the nodes asked about, from the token lengths and
the newlines of the generated text, with C-level helpers (``accumulate``, ``finditer``,
``bisect``). The answers are libcst's own: a test compares them on every node of the
fixtures and corpus.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import accumulate
from typing import Iterator, Mapping, Sequence

import libcst as cst
from libcst._nodes.internal import CodegenState  # noqa: PLC2701 - the codegen hook libcst's own provider uses

from livemigrate.analysis.tree_walk import walk

__all__ = ["CommentLines", "Positions"]

_NEWLINE = re.compile(r"\r\n?|\n")  # what libcst's PositionProvider counts as a line break


class _Syntactic:
    """``with state.record_syntactic_position(node, start_node=..., end_node=...)``: libcst's
    generator-based context manager, as a plain object (one per statement, and cheaper)."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: "_TokenCountingState", node, start_node, end_node) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = len(self.state.tokens)

    def __exit__(self, *exc) -> None:
        state = self.state
        start = state.range_of(self.start_node)[0] if self.start_node is not None else self.start
        end = state.range_of(self.end_node)[1] if self.end_node is not None else len(state.tokens)
        state.record(self.node, start, end)


class _TokenCountingState(CodegenState):
    """Codegen that records, per node, the number of tokens emitted before and after it.

    Two flat arrays indexed by the node's pre-order number (the binding index's): a dict of
    tuples for every node of a big module cost more memory than the rest of the analysis."""

    # CodegenState is a slotted dataclass: extra state lives in slots of its own.
    __slots__ = ("order", "starts", "ends", "extra", "stack")

    def __init__(self, module: cst.Module, order: Mapping[int, int]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.order = order
        self.starts = array("l", [-1]) * len(order)
        self.ends = array("l", [-1]) * len(order)
        self.extra: dict[int, tuple[int, int]] = {}  # a node the order does not number
        self.stack: list[int] = []

    def record(self, node: cst.CSTNode, start: int, end: int, first: bool = False) -> None:
        """Record ``node``'s token range; with ``first``, only when none is recorded yet
        (the syntactic bounds, recorded before a node's own end, win as in libcst)."""
        index = self.order.get(id(node))
        if index is None:
            if not first or id(node) not in self.extra:
                self.extra[id(node)] = (start, end)
        elif not first or self.ends[index] < 0:
            self.starts[index], self.ends[index] = start, end

    def range_of(self, node: cst.CSTNode) -> tuple[int, int]:
        index = self.order.get(id(node))
        if index is None or self.ends[index] < 0:
            return self.extra[id(node)]  # KeyError: not a node of this module
        return self.starts[index], self.ends[index]

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.stack.append(len(self.tokens))

    def after_codegen(self, node: cst.CSTNode) -> None:
        self.record(node, self.stack.pop(), len(self.tokens), first=True)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None):  # type: ignore[override]
        return _Syntactic(self, node, start_node, end_node)

    def pop_trailing_newline(self) -> None:
        # libcst's provider drops the module's last newline without moving its line and
        # column back; keeping the token keeps the counts (and so the positions) the same.
        pass


class Positions:
    """``positions(node)`` → libcst ``CodeRange`` (1-based lines, 0-based columns) for any
    node of ``module``. The codegen pass runs at the first question; ranges are built only
    for the nodes asked about. ``order`` numbers the module's nodes (the binding index's
    pre-order positions); without it the module is numbered here."""

    def __init__(self, module: cst.Module, order: Mapping[int, int] | None = None) -> None:
        self.module = module
        self._order = order
        self._state: _TokenCountingState | None = None
        self._offsets = array("l")  # character offset before each token (and after the last)
        self._line_starts = array("l")  # offset of each line's first character
        self._asked: dict[int, cst.metadata.CodeRange] = {}

    def _generate(self) -> _TokenCountingState:
        order = self._order
        if order is None:
            numbered: dict[int, int] = {}
            walk(self.module, lambda node: numbered.setdefault(id(node), len(numbered)) and None)
            order = numbered
        state = _TokenCountingState(self.module, order)
        self.module._codegen(state)  # noqa: SLF001 - what Module.code does, with our state
        self._offsets = array("l", [0])
        self._offsets.extend(accumulate(map(len, state.tokens)))
        text = "".join(state.tokens)
        self._line_starts = array("l", [0])
        self._line_starts.extend(m.end() for m in _NEWLINE.finditer(text))
        state.tokens = []  # the counts are all that is kept
        self._state = state
        return state

    def _point(self, token_count: int):
        offset = self._offsets[token_count]
        line = bisect_right(self._line_starts, offset)  # lines starting at or before offset
        return cst.metadata.CodePosition(line, offset - self._line_starts[line - 1])

    def __call__(self, node: cst.CSTNode) -> "cst.metadata.CodeRange":
        key = id(node)
        found = self._asked.get(key)
        if found is None:
            state = self._state if self._state is not None else self._generate()
            start, end = state.range_of(node)  # KeyError: not a node of this module, as libcst's mapping
            found = self._asked[key] = cst.metadata.CodeRange(self._point(start), self._point(end))
        return found

    def __getitem__(self, node: cst.CSTNode) -> "cst.metadata.CodeRange":
        return self(node)


class CommentLines(Mapping[int, str]):
    """Line → the comment on it, for ``comments`` (the module's ``Comment`` nodes), placed at
    the first question: what a tokenizer pass over the text would give, from the tree."""

    def __init__(self, comments: Sequence[cst.Comment], positions: Positions) -> None:
        self._comments = comments
        self._positions = positions
        self._lines: dict[int, str] | None = None

    def _read(self) -> dict[int, str]:
        if self._lines is None:
            self._lines = {self._positions(c).start.line: c.value for c in self._comments}
        return self._lines

    def __getitem__(self, line: int) -> str:
        return self._read()[line]

    def __iter__(self) -> Iterator[int]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())
