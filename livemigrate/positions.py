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

Given the module's text and its binding index, even that pass is mostly skipped: a node is
placed by generating only the statement it sits in (up to the node), from the line where that
statement starts in the text. CPython's own parser (``ast``, in C, a fraction of the codegen)
gives those lines: its statements, in source order, are libcst's. Each partial generation is
checked against the text; where anything disagrees (a count, a character), or the partial
passes add up to more than one whole pass, the module's one codegen pass answers instead.
"""

from __future__ import annotations

import ast
import re
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Iterator, Mapping, Sequence

import libcst as cst
from libcst._nodes.internal import CodegenState  # noqa: PLC2701 - the codegen hook libcst's own provider uses

from livemigrate.analysis.tree_walk import walk

if TYPE_CHECKING:
    from livemigrate.analysis.bindings import Bindings

__all__ = ["CommentLines", "Positions"]

_NEWLINE = re.compile(r"\r\n?|\n")  # what libcst's PositionProvider counts as a line break

# Statements that start a line of their own in a block: what one partial generation starts at.
_COMPOUND = frozenset({cst.FunctionDef, cst.ClassDef, cst.If, cst.For, cst.While, cst.Try, cst.TryStar, cst.With,
                       cst.Match})
_BLOCKS = frozenset({cst.IndentedBlock, cst.Module})
_STATEMENTS = (cst.BaseSmallStatement, cst.BaseCompoundStatement)


class _Syntactic:
    """``with state.record_syntactic_position(node, start_node=..., end_node=...)``: libcst's
    generator-based context manager, as a plain object (one per statement, and cheaper)."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: "_TokenCountingState", node, start_node, end_node) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = len(self.state.tokens)

    def __exit__(self, kind, *exc) -> None:
        if kind is not None:  # a partial generation stopped inside: this node has no end
            return
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


class _Reached(Exception):
    """The node a partial generation was run for is generated: stop there."""


class _StatementState(_TokenCountingState):
    """Codegen of one statement, recording token counts by node id, that stops once
    ``target`` is generated."""

    __slots__ = ("target", "ranges")

    def __init__(self, module: cst.Module, target: cst.CSTNode | None) -> None:
        super().__init__(module, {})
        self.target = target
        self.ranges: dict[int, tuple[int, int]] = self.extra

    def after_codegen(self, node: cst.CSTNode) -> None:
        self.record(node, self.stack.pop(), len(self.tokens), first=True)
        if node is self.target:
            raise _Reached


class Positions:
    """``positions(node)`` → libcst ``CodeRange`` (1-based lines, 0-based columns) for any
    node of ``module``. The codegen pass runs at the first question; ranges are built only
    for the nodes asked about. ``order`` numbers the module's nodes (the binding index's
    pre-order positions); without it the module is numbered here. With ``text`` (the module's
    source, which libcst reproduces) and ``index`` (its binding index), a node is placed by
    generating only its statement (see the module's docstring)."""

    def __init__(self, module: cst.Module, order: Mapping[int, int] | None = None, *,
                 text: str | None = None, index: "Bindings | None" = None) -> None:
        self.module = module
        self._order = order if order is not None or index is None else index.order
        self._state: _TokenCountingState | None = None
        self._offsets = array("l")  # character offset before each token (and after the last)
        self._line_starts = array("l")  # offset of each line's first character
        self._asked: dict[int, cst.metadata.CodeRange] = {}
        # Placing by statement: what is known of the text, and the budget left for it.
        self._text = text if index is not None and text else None
        if self._text is not None:
            self._line_starts.append(0)
            self._line_starts.extend(m.end() for m in _NEWLINE.finditer(self._text))
        self._index = index
        self._spans: dict[int, tuple[int, int]] = {}  # node id → character offsets, statement by statement
        self._first_lines: list[int] | None = None  # each statement's first line, libcst's pre-order
        self._statements: Sequence[cst.CSTNode] = ()
        self._statement_orders: list[int] = []
        self._budget = len(self._order) if self._order is not None else 0  # nodes a whole pass generates
        self._searched = 0  # characters of the text searched for statements

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
            span = self._span(node) if self._text is not None and self._state is None else None
            if span is not None:
                found = cst.metadata.CodeRange(self._at(span[0]), self._at(span[1]))
            else:
                state = self._state if self._state is not None else self._generate()
                start, end = state.range_of(node)  # KeyError: not a node of this module, as libcst's mapping
                found = cst.metadata.CodeRange(self._point(start), self._point(end))
            self._asked[key] = found
        return found

    # --- statement by statement ------------------------------------------------------------
    def _at(self, offset: int):
        line = bisect_right(self._line_starts, offset)
        return cst.metadata.CodePosition(line, offset - self._line_starts[line - 1])

    def _span(self, node: cst.CSTNode) -> tuple[int, int] | None:
        """``node``'s character offsets from a generation of its statement alone; None when
        it cannot be placed so (the whole pass answers)."""
        span = self._spans.get(id(node))
        if span is not None:
            return span
        assert self._index is not None and self._text is not None
        index = self._index
        unit = self._line_statement(node)
        if unit is None or index.parents.nodes[index.order.get(id(node), 0)] is not node:
            return None  # the module's own lines (header, footer), or not a node of this module
        # A line of simple statements is generated whole (its other nodes are asked next); a
        # compound statement up to the node (its body may be most of the module).
        target = None if type(unit) is cst.SimpleStatementLine else node
        while True:
            state = _StatementState(self.module, target)
            state.indent_tokens = self._indents_around(unit)
            try:
                unit._codegen(state)  # noqa: SLF001 - what code_for_node does, with our state
            except _Reached:
                pass
            generated = "".join(state.tokens)
            self._budget -= len(state.ranges)
            start = self._search(generated)
            if start is not None:
                break
            # Written more than once (a line repeated in several functions): the statement
            # around it, up to it, is one place, unless that is much of the module.
            outer = self._line_statement(index.parent(unit))
            if outer is None or not self._may_search() or index.ends[index.order[id(unit)]] - index.order[id(outer)] > len(index.order) // 5:
                start = self._start_of(unit)
                if start is None or not self._text.startswith(generated, start):
                    start = None
                break
            target, unit = target or unit, outer
        if start is None or self._budget < 0:
            self._text = None  # the text is not what libcst generates here, or placing costs too much
            return None
        offsets = array("l", accumulate(map(len, state.tokens), initial=start))
        for key, (first, last) in state.ranges.items():
            self._spans.setdefault(key, (offsets[first], offsets[last]))
        return self._spans.get(id(node))

    def _line_statement(self, node: cst.CSTNode | None) -> cst.CSTNode | None:
        """The statement starting a line of a block that holds ``node`` (or is it)."""
        parent = self._index.parent  # type: ignore[union-attr]
        while node is not None:
            kind = type(node)
            if (kind is cst.SimpleStatementLine or kind in _COMPOUND) and type(parent(node)) in _BLOCKS:
                return node
            node = parent(node)
        return None

    def _may_search(self) -> bool:
        # A search (in C) costs a small fraction of CPython's parse of the text, which
        # answers every statement at once: searching stops once it has cost about that.
        return self._searched <= 64 * len(self._text or "")

    def _search(self, generated: str) -> int | None:
        """Where ``generated`` starts in the text if it is there once (libcst reproduces the
        text, so a statement's code is where the statement is). None when it is there more
        than once, or searching the text once more would cost more than parsing it."""
        text = self._text
        assert text is not None
        if not self._may_search():
            return None
        first = text.find(generated)
        self._searched += len(text)
        return first if first >= 0 and text.find(generated, first + 1) < 0 else None

    def _indents_around(self, unit: cst.CSTNode) -> list[str]:
        """The indentation the blocks around ``unit`` give its lines (libcst's codegen state)."""
        indents: list[str] = []
        above = self._index.parent(unit)  # type: ignore[union-attr]
        while above is not None:
            if type(above) is cst.IndentedBlock:
                indents.append(self.module.default_indent if above.indent is None else above.indent)
            above = self._index.parent(above)  # type: ignore[union-attr]
        indents.reverse()
        return indents

    def _start_of(self, unit: cst.CSTNode) -> int | None:
        """The character offset where ``unit``'s code (its leading blank and comment lines
        included) starts in the text, from the line CPython's parser gives its first token."""
        if self._first_lines is None:
            self._read_lines()
        lines = self._first_lines
        first = unit.body[0] if type(unit) is cst.SimpleStatementLine else unit  # type: ignore[attr-defined]
        index = bisect_left(self._statement_orders, self._index.order[id(first)])  # type: ignore[union-attr]
        if not lines or index >= len(self._statements) or self._statements[index] is not first:
            return None
        above = len(unit.leading_lines)  # type: ignore[attr-defined]
        decorators = getattr(unit, "decorators", ())
        if decorators:
            above += len(decorators[0].leading_lines)
        line = lines[index] - above
        return self._line_starts[line - 1] if 1 <= line <= len(self._line_starts) else None

    def _read_lines(self) -> None:
        """Every statement's first line (its first decorator's, for a decorated one) in
        source order, from ``ast``; empty when they cannot be matched to libcst's."""
        import warnings

        assert self._text is not None and self._index is not None
        self._first_lines = []
        if "\r" in self._text:  # CPython's lines may not be libcst's here
            return
        try:
            with warnings.catch_warnings():  # an invalid escape is the user's business, not ours
                warnings.simplefilter("ignore")
                tree = ast.parse(self._text)
        except Exception:  # noqa: BLE001 - syntax this Python does not know, null bytes, depth
            return
        lines: list[int] = []
        pending: list = [tree.body]
        while pending:
            body = pending.pop()
            if isinstance(body, ast.AST):  # a statement: itself, then what it holds
                decorators = getattr(body, "decorator_list", None)
                lines.append(decorators[0].lineno if decorators else body.lineno)
                nested = [getattr(body, name, ()) for name in ("body", "handlers", "cases", "orelse", "finalbody")]
                pending.extend(reversed([part for field in nested for part in _blocks_of(field)]))
            else:
                pending.extend(reversed(body))
        statements = self._index.nodes_of(_STATEMENTS)
        if len(statements) != len(lines):
            return
        self._statements = statements
        order = self._index.order
        self._statement_orders = [order[id(s)] for s in statements]
        self._first_lines = lines

    def __getitem__(self, node: cst.CSTNode) -> "cst.metadata.CodeRange":
        return self(node)


def _blocks_of(field) -> list:
    """The statement lists in one field of an ``ast`` statement: its own list, or (handlers,
    match cases) each one's body."""
    if not isinstance(field, list):
        return []
    if field and not isinstance(field[0], ast.stmt):
        return [item.body for item in field]
    return [field]


class CommentLines(Mapping[int, str]):
    """Line → the comment on it, for ``comments`` (the module's ``Comment`` nodes), placed at
    the first question: what a tokenizer pass over the text would give, from the tree."""

    def __init__(self, comments: Sequence[cst.Comment], positions: Positions) -> None:
        self._comments = comments
        self._positions = positions
        self._lines: dict[int, str] | None = None

    @property
    def placed(self) -> bool:
        """Whether every comment is placed already (a lookup costs nothing more)."""
        return self._lines is not None

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
