"""Keeping every byte a fix does not mean to change, and saying where lines went.

libcst reproduces almost every file exactly, but not all: a CR-only file can lose its last
CR, ``except ValueError :`` loses the space, a blank line before an indented end-of-file
comment can vanish. Fixes are computed on libcst's rendering; :func:`carry_over` applies
only the lines the fixes changed to the *original* bytes, so what libcst normalised
elsewhere stays as the user wrote it. When a fix would touch a line libcst did not
reproduce, the file is refused rather than guessed at.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Callable

__all__ = ["NotReproducible", "carry_over", "line_mapper"]


class NotReproducible(Exception):
    """A fix touches a line that libcst does not reproduce byte for byte."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line  # 1-based, in the original file


def carry_over(original: bytes, rendered: bytes, fixed: bytes) -> bytes:
    """``original`` with the line changes that turn ``rendered`` (libcst's rendering of
    ``original``) into ``fixed``. Raises :class:`NotReproducible` when a changed line is one
    libcst did not reproduce."""
    if rendered == original:
        return fixed
    o_lines = original.splitlines(keepends=True)
    r_lines = rendered.splitlines(keepends=True)
    f_lines = fixed.splitlines(keepends=True)
    to_original: dict[int, int] = {}
    for tag, i1, i2, j1, _ in SequenceMatcher(None, r_lines, o_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                to_original[i1 + k] = j1 + k
    hunks: list[tuple[int, int, list[bytes]]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, r_lines, f_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start, end = _original_range(i1, i2, to_original, len(r_lines), len(o_lines))
        hunks.append((start, end, f_lines[j1:j2]))
    out = list(o_lines)
    for start, end, new in sorted(hunks, reverse=True):
        out[start:end] = new
    return b"".join(out)


def _original_range(i1: int, i2: int, to_original: dict[int, int], r_len: int, o_len: int) -> tuple[int, int]:
    """The original lines that rendered lines [i1, i2) came from; for an insertion (i1 ==
    i2), the point between two reproduced lines."""
    if i1 < i2:
        mapped = [to_original.get(k) for k in range(i1, i2)]
        for k, line in zip(range(i1, i2), mapped):
            if line is None or line != mapped[0] + (k - i1):
                raise NotReproducible((line if line is not None else _near(k, to_original)) + 1)

        return mapped[0], mapped[-1] + 1
    before = to_original.get(i1 - 1) if i1 > 0 else -1
    after = to_original.get(i1) if i1 < r_len else o_len
    if before is None or after is None or after != before + 1:
        raise NotReproducible(_near(i1, to_original) + 1)
    return after, after


def _near(rendered_line: int, to_original: dict[int, int]) -> int:
    """The original line a rendered line most likely came from (for the error message):
    counted from the closest reproduced line above it."""
    for k in range(rendered_line, -1, -1):
        if k in to_original:
            return to_original[k] + (rendered_line - k)
    return rendered_line


def line_mapper(new: bytes, old: bytes) -> Callable[[int], int]:
    """A function from a 1-based line of ``new`` to the matching line of ``old``: equal
    lines map to each other, a changed line to the first line of the hunk it replaced."""
    new_lines = new.splitlines(keepends=True)
    old_lines = old.splitlines(keepends=True)
    table: list[int] = [0] * (len(new_lines) + 1)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, new_lines, old_lines).get_opcodes():
        for k in range(i1, i2):
            table[k] = j1 + (k - i1) if tag == "equal" else j1
    table[len(new_lines)] = len(old_lines)

    def to_old(line: int) -> int:
        index = min(max(line - 1, 0), len(new_lines))
        return min(table[index], max(len(old_lines) - 1, 0)) + 1

    return to_old
