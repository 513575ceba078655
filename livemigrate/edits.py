"""Applying fixes to a libcst tree without disturbing the code around them.

A fix is a set of edits on nodes of the *original* tree: replace a node, or splice an
element of a call / dict / list (replace it by zero or more elements). Splicing keeps the
separators the user wrote: a removed last argument does not leave a dangling comma, a comment
after the previous comma is kept, and elements spliced into a multi-line call take the line
layout of the element they replace. Statements can be removed; a block left empty gets a
``pass``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, Union

import libcst as cst

__all__ = ["Edit", "KeyChange", "Replace", "Splice", "RemoveStatement", "apply_edits", "apply_to",
           "overlaps"]

Element = Union[cst.Arg, cst.DictElement, cst.StarredDictElement, cst.Element, cst.StarredElement]


@dataclass(frozen=True)
class KeyChange:
    """A key, field or attribute an edit renames (``new``) or removes (``new`` None), in
    the spelling it had: the policy checks that the module does not still read it."""

    old: str
    new: str | None = None


@dataclass(frozen=True, eq=False)
class Replace:
    node: cst.CSTNode
    new: cst.CSTNode
    key: KeyChange | None = None


@dataclass(frozen=True, eq=False)
class Splice:
    """Replace a sequence element (``Arg``, ``DictElement``, ``Element``) by ``new`` ones."""

    node: cst.CSTNode
    new: Sequence[cst.CSTNode] = field(default_factory=tuple)
    key: KeyChange | None = None


@dataclass(frozen=True, eq=False)
class RemoveStatement:
    """Remove a small statement (``Assign``, ``Expr``), a whole statement line, or a
    compound statement (an ``if`` whose body a fix empties)."""

    node: cst.CSTNode
    key: KeyChange | None = None


Edit = Union[Replace, Splice, RemoveStatement]


def overlaps(a: cst.CSTNode, b: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]) -> bool:
    """True when one node contains the other: their edits cannot both be applied."""
    for inner, outer in ((a, b), (b, a)):
        node: cst.CSTNode | None = inner
        while node is not None:
            if node is outer:
                return True
            node = parents.get(node)
    return False


def _has_comment(whitespace: object) -> bool:
    return isinstance(whitespace, cst.ParenthesizedWhitespace) and (
        whitespace.first_line.comment is not None
    )


def _without_comment(comma: cst.Comma) -> cst.Comma:
    """A separator to reuse: the layout of ``comma`` without its comments (a trailing
    ``# noqa`` or a comment line above the next element describes that element only and
    must not be copied before every new one)."""
    whitespace = comma.whitespace_after
    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return comma
    if whitespace.first_line.comment is None and not any(line.comment for line in whitespace.empty_lines):
        return comma
    return comma.with_changes(whitespace_after=whitespace.with_changes(
        first_line=cst.TrailingWhitespace(),
        empty_lines=[line for line in whitespace.empty_lines if line.comment is None]))


def _with_comment_of(separator: cst.Comma, own: object) -> cst.Comma:
    """``separator``, carrying the trailing comment of the element's own comma, if any."""
    if not isinstance(own, cst.Comma) or not _has_comment(own.whitespace_after):
        return separator
    whitespace = separator.whitespace_after
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return separator.with_changes(whitespace_after=whitespace.with_changes(first_line=own.whitespace_after.first_line))
    return separator.with_changes(whitespace_after=own.whitespace_after)


def _closing_with_own_comment(closing, comma) -> cst.BaseParenthesizableWhitespace:
    """The closing whitespace after a new last element: the removed element's comment is
    dropped from its first line, the kept element's own trailing comment takes its place."""
    own = comma.whitespace_after if isinstance(comma, cst.Comma) else None
    if isinstance(closing, cst.ParenthesizedWhitespace):
        first = own.first_line if isinstance(own, cst.ParenthesizedWhitespace) else cst.TrailingWhitespace()
        return closing.with_changes(first_line=first)
    if isinstance(own, cst.ParenthesizedWhitespace) and own.first_line.comment is not None:
        return own.with_changes(last_line=cst.SimpleWhitespace(""))
    return closing


def _bridge(mine: cst.BaseParenthesizableWhitespace, theirs: cst.BaseParenthesizableWhitespace):
    """Whitespace after a kept element's comma once the element after it is removed: the
    kept element's own trailing comment, then what led from the removed element onwards."""
    if isinstance(mine, cst.ParenthesizedWhitespace) and isinstance(theirs, cst.ParenthesizedWhitespace):
        return theirs.with_changes(first_line=mine.first_line)
    return theirs


class _Applier(cst.CSTTransformer):
    def __init__(self, edits: Sequence[Edit]) -> None:
        super().__init__()
        self.replace = {id(e.node): e.new for e in edits if isinstance(e, Replace)}
        self.splice = {id(e.node): list(e.new) for e in edits if isinstance(e, Splice)}
        self.remove = {id(e.node) for e in edits if isinstance(e, RemoveStatement)}

    def on_leave(self, original_node, updated_node):  # type: ignore[override]
        if id(original_node) in self.remove and isinstance(original_node, cst.BaseCompoundStatement):
            return cst.RemoveFromParent()
        updated = super().on_leave(original_node, updated_node)
        new = self.replace.get(id(original_node))
        return new if new is not None else updated

    # --- sequences ----------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        rebuilt = self._rebuild(original_node.args, updated_node.args)
        if rebuilt is None:
            return updated_node
        args, removed_last = rebuilt
        if removed_last is not None and args:
            # A call's closing layout (and the removed last argument's comment) sits in the
            # last argument's comma, or after it when there is no trailing comma.
            closing = removed_last.comma.whitespace_after if isinstance(removed_last.comma, cst.Comma) \
                else removed_last.whitespace_after_arg
            args[-1] = self._close_after(args[-1], removed_last, closing, braced=False)
        changes: dict[str, object] = {"args": args}
        if not args:
            changes["whitespace_before_args"] = cst.SimpleWhitespace("")
        return updated_node.with_changes(**changes)

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict) -> cst.Dict:
        return self._braced(original_node, updated_node)

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        return self._braced(original_node, updated_node)

    def leave_Set(self, original_node: cst.Set, updated_node: cst.Set) -> cst.Set:
        return self._braced(original_node, updated_node)

    def leave_Tuple(self, original_node: cst.Tuple, updated_node: cst.Tuple) -> cst.Tuple:
        rebuilt = self._rebuild(original_node.elements, updated_node.elements)
        if rebuilt is None:
            return updated_node
        elements, removed_last = rebuilt
        if removed_last is not None and elements:
            elements[-1] = self._close_after(elements[-1], removed_last, cst.SimpleWhitespace(""), braced=True)
        if len(elements) == 1 and not updated_node.lpar:
            # (x,) needs its comma to stay a tuple
            elements = [elements[0].with_changes(comma=cst.Comma())]
        return updated_node.with_changes(elements=elements)

    def _braced(self, original_node, updated_node):
        rebuilt = self._rebuild(original_node.elements, updated_node.elements)
        if rebuilt is None:
            return updated_node
        elements, removed_last = rebuilt
        closer = "rbrace" if isinstance(updated_node, (cst.Dict, cst.Set)) else "rbracket"
        opener = "lbrace" if closer == "rbrace" else "lbracket"
        node = updated_node.with_changes(elements=elements)
        if not elements:
            return node.with_changes(**{
                opener: getattr(node, opener).with_changes(whitespace_after=cst.SimpleWhitespace("")),
                closer: getattr(node, closer).with_changes(whitespace_before=cst.SimpleWhitespace("")),
            })
        if removed_last is not None:
            # In a bracketed literal the closing layout (and the removed last element's
            # comment) sits before the closer.
            closer_node = getattr(node, closer)
            closing = closer_node.whitespace_before
            if isinstance(removed_last.comma, cst.Comma) and isinstance(removed_last.comma.whitespace_after,
                                                                        cst.ParenthesizedWhitespace):
                closing = removed_last.comma.whitespace_after
            kept = elements[-1]
            closing = _closing_with_own_comment(closing, kept.comma)
            if isinstance(removed_last.comma, cst.Comma) and isinstance(kept.comma, cst.Comma):
                comma = kept.comma.with_changes(whitespace_after=cst.SimpleWhitespace(""))
            else:
                comma = cst.MaybeSentinel.DEFAULT
            elements[-1] = kept.with_changes(comma=comma)
            node = node.with_changes(elements=elements, **{closer: closer_node.with_changes(whitespace_before=closing)})
        return node

    @staticmethod
    def _close_after(kept: Element, removed_last: Element, closing, braced: bool) -> Element:
        """``kept`` as the new last argument, closing the way the removed last one did: its
        own trailing comment stays on its line, the removed one's comment goes with it, and
        a trailing comma stays only where the user wrote one."""
        closing = _closing_with_own_comment(closing, kept.comma)
        if braced:  # a tuple: the closing parenthesis carries no layout here
            return kept.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        if isinstance(removed_last.comma, cst.Comma):
            comma = kept.comma if isinstance(kept.comma, cst.Comma) else cst.Comma()
            return kept.with_changes(comma=comma.with_changes(whitespace_after=closing),
                                     whitespace_after_arg=removed_last.whitespace_after_arg)
        return kept.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=closing)

    def _rebuild(self, original: Sequence[Element], updated: Sequence[Element]
                 ) -> tuple[list[Element], Element | None] | None:
        """The elements with the splices applied, and the original last element when it was
        removed (its container then closes after the new last element)."""
        if not any(id(o) in self.splice for o in original):
            return None
        out: list[Element] = []
        removed_last: Element | None = None
        for index, (orig, upd) in enumerate(zip(original, updated)):
            new = self.splice.get(id(orig))
            if new is None:
                out.append(upd)
                continue
            if index == len(original) - 1 and not new:
                removed_last = upd
            elif not new and out and isinstance(out[-1].comma, cst.Comma) and isinstance(upd.comma, cst.Comma):
                # The comment lines above a removed element go with it; the lines leading to
                # the next element (held by the removed element's comma) stay.
                out[-1] = out[-1].with_changes(comma=out[-1].comma.with_changes(
                    whitespace_after=_bridge(out[-1].comma.whitespace_after, upd.comma.whitespace_after)))
            # Spliced elements are separated the way the user separates elements here: the
            # previous comma carries the line layout (the replaced one may close the call).
            previous = original[index - 1].comma if index else cst.MaybeSentinel.DEFAULT
            separator = previous if isinstance(previous, cst.Comma) else upd.comma
            if not isinstance(separator, cst.Comma):
                separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            separator = _without_comment(separator)
            for position, element in enumerate(new):
                if element is orig:
                    element = upd  # keeping the element itself: keep the edits inside it too
                is_last = position == len(new) - 1
                # The last new element closes the way the replaced one did, keeping its own
                # trailing comment (a flattened field's "# short answers" stays on its line).
                comma = _with_comment_of(upd.comma, element.comma) if is_last and element is not upd \
                    else upd.comma if is_last else _with_comment_of(separator, element.comma)
                element = element.with_changes(comma=comma)
                if isinstance(element, cst.Arg) and isinstance(upd, cst.Arg):
                    element = element.with_changes(
                        whitespace_after_arg=upd.whitespace_after_arg if is_last else cst.SimpleWhitespace(""))
                out.append(element)
        return out, removed_last

    # --- statements ---------------------------------------------------------------------
    def leave_SimpleStatementLine(self, original_node, updated_node):
        if id(original_node) in self.remove:
            return cst.RemoveFromParent()
        kept = [u for o, u in zip(original_node.body, updated_node.body) if id(o) not in self.remove]
        if len(kept) == len(updated_node.body):
            return updated_node
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(body=kept)

    def leave_SimpleStatementSuite(self, original_node, updated_node):
        # `if flag: cfg["k"] = v` keeps its one-line form; an emptied suite gets `pass`
        kept = [u for o, u in zip(original_node.body, updated_node.body) if id(o) not in self.remove]
        if len(kept) == len(updated_node.body):
            return updated_node
        if not kept:
            kept = [cst.Pass()]
        kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(body=kept)

    def leave_IndentedBlock(self, original_node, updated_node):
        if not updated_node.body:
            return updated_node.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated_node


def apply_edits(module: cst.Module, edits: Sequence[Edit]) -> cst.Module:
    """``module`` with every edit applied (edits must not overlap; see :func:`overlaps`)."""
    if not edits:
        return module
    return module.visit(_Applier(edits))


def apply_to(node: cst.CSTNode, edits: Sequence[Edit]) -> cst.CSTNode | cst.RemovalSentinel:
    """``node`` (any subtree holding the edited nodes) with the edits applied: how the fix
    policy sees what a fix does to the comments around it without rebuilding the module."""
    return node.visit(_Applier(edits))
