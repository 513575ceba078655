"""Applying fixes to a libcst tree without disturbing the code around them.

A fix is a set of edits on nodes of the *original* tree: replace a node, or splice an
element of a call / dict / list (replace it by zero or more elements). Splicing keeps the
separators the user wrote: a removed last argument does not leave a dangling comma, a comment
after the previous comma is kept, and elements spliced into a multi-line call take the line
layout of the element they replace. A comment at the end of a spliced element's line goes once:
to the element when it is kept (new ones added after it do not copy it), else to the last
element replacing it. Statements can be removed; a block left empty gets a ``pass``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence, Union

import libcst as cst

__all__ = ["Edit", "KeyChange", "Replace", "Splice", "RemoveStatement", "apply_edits", "apply_to",
           "overlaps", "reach_of"]

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


Whitespace = cst.BaseParenthesizableWhitespace


def _after(element: Element, closing: Whitespace | None = None) -> dict[str, Whitespace]:
    """The whitespace after ``element``, in source order: after the argument (before its
    comma), after its comma, and before the closer of the literal it ends (``closing``)."""
    slots: dict[str, Whitespace] = {}
    if isinstance(element, cst.Arg):
        slots["arg"] = element.whitespace_after_arg
    if isinstance(element.comma, cst.Comma):
        slots["comma"] = element.comma.whitespace_after
    if closing is not None:
        slots["closing"] = closing
    return slots


def _line_end(element: Element, closing: Whitespace | None = None) -> cst.ParenthesizedWhitespace | None:
    """The whitespace ending ``element``'s line when a comment sits at its end, else None.

    Where that comment is depends on the layout: in the comma of a call's argument, after an
    argument without a trailing comma, before the closer of a literal's last element."""
    for whitespace in _after(element, closing).values():
        if isinstance(whitespace, cst.ParenthesizedWhitespace):
            return whitespace if whitespace.first_line.comment is not None else None
    return None


def _ending_with(element: Element, closing: Whitespace | None, end: cst.ParenthesizedWhitespace | None
                 ) -> tuple[Element, Whitespace | None]:
    """``element`` (and the ``closing`` after it) with the comment of ``end`` at the end of its
    line, or with no comment there when ``end`` is None; the layout after it stays."""
    slots = _after(element, closing)
    for name, whitespace in slots.items():
        if isinstance(whitespace, cst.ParenthesizedWhitespace):
            first = end.first_line if end is not None else cst.TrailingWhitespace()
            return _with_slot(element, closing, name, whitespace.with_changes(first_line=first))
    if end is None or not slots:
        return element, closing
    # the element shares its line with what follows: the comment ends the line after it
    return _with_slot(element, closing, list(slots)[-1], end.with_changes(empty_lines=[]))


def _with_slot(element: Element, closing: Whitespace | None, name: str, whitespace: Whitespace
               ) -> tuple[Element, Whitespace | None]:
    """``element`` and ``closing`` with the slot ``name`` (see :func:`_after`) set to ``whitespace``."""
    if name == "closing":
        return element, whitespace
    if name == "arg":
        return element.with_changes(whitespace_after_arg=whitespace), closing
    return element.with_changes(comma=element.comma.with_changes(whitespace_after=whitespace)), closing


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
        args, removed_last, _ = rebuilt
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
        rpar = list(updated_node.rpar)  # the innermost parenthesis closes the elements
        rebuilt = self._rebuild(original_node.elements, updated_node.elements,
                                rpar[0].whitespace_before if rpar else None)
        if rebuilt is None:
            return updated_node
        elements, removed_last, closing = rebuilt
        if rpar:
            rpar[0] = rpar[0].with_changes(whitespace_before=closing)
            updated_node = updated_node.with_changes(rpar=rpar)
        if removed_last is not None and elements:
            elements[-1] = self._close_after(elements[-1], removed_last, cst.SimpleWhitespace(""), braced=True)
        if len(elements) == 1 and not updated_node.lpar:
            # (x,) needs its comma to stay a tuple
            elements = [elements[0].with_changes(comma=cst.Comma())]
        return updated_node.with_changes(elements=elements)

    def _braced(self, original_node, updated_node):
        closer = "rbrace" if isinstance(updated_node, (cst.Dict, cst.Set)) else "rbracket"
        opener = "lbrace" if closer == "rbrace" else "lbracket"
        rebuilt = self._rebuild(original_node.elements, updated_node.elements,
                                getattr(updated_node, closer).whitespace_before)
        if rebuilt is None:
            return updated_node
        elements, removed_last, closing = rebuilt
        node = updated_node.with_changes(elements=elements, **{
            closer: getattr(updated_node, closer).with_changes(whitespace_before=closing)})
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

    def _rebuild(self, original: Sequence[Element], updated: Sequence[Element],
                 closing: Whitespace | None = None) -> tuple[list[Element], Element | None, Whitespace | None] | None:
        """The elements with the splices applied, the original last element when it was
        removed (its container then closes after the new last element), and ``closing`` (the
        whitespace before a literal's closer, where its last element's comment sits) as the
        new last element leaves it."""
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
            after = closing if index == len(original) - 1 else None
            replaced_end = _line_end(upd, after)
            keeps = any(element is orig for element in new)
            for position, element in enumerate(new):
                kept = element is orig
                if kept:
                    element = upd  # keeping the element itself: keep the edits inside it too
                if position == len(new) - 1:
                    if kept:
                        out.append(element)  # it still closes the way it did, comment and all
                        continue
                    # The new last element closes the way the replaced one did, with its own
                    # trailing comment (a flattened field's "# short answers" stays on its
                    # line), else the replaced one's, unless that stays with the kept element.
                    own = _line_end(element)
                    element = element.with_changes(comma=upd.comma)
                    if isinstance(element, cst.Arg) and isinstance(upd, cst.Arg):
                        element = element.with_changes(whitespace_after_arg=upd.whitespace_after_arg)
                    if own is not None or keeps:
                        element, after = _ending_with(element, after, own)
                else:
                    own = replaced_end if kept else _line_end(element)
                    element = element.with_changes(comma=separator)
                    if isinstance(element, cst.Arg) and isinstance(upd, cst.Arg):
                        element = element.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
                    if own is not None:
                        element, _ = _ending_with(element, None, own)
                out.append(element)
            if index == len(original) - 1:
                closing = after
        return out, removed_last, closing

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


def reach_of(node: cst.CSTNode, parent: Callable[[cst.CSTNode], "cst.CSTNode | None"]) -> cst.CSTNode:
    """The smallest subtree an edit of ``node`` can change: two levels up. Applying an edit
    changes the node and its container (the commas and closing layout of a call, list or
    dict it is an element of; the line or block a removed statement leaves, which may get a
    ``pass``), never more."""
    above = parent(node)
    if above is None:
        return node
    return parent(above) or above


def apply_to(node: cst.CSTNode, edits: Sequence[Edit]) -> cst.CSTNode | cst.RemovalSentinel:
    """``node`` (any subtree holding the edited nodes) with the edits applied: how the fix
    policy sees what a fix does to the comments around it without rebuilding the module."""
    return node.visit(_Applier(edits))
