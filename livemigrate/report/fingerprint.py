"""A finding's identity across commits, for dashboards that track findings over time.

GitLab compares the Code Quality reports of a merge request and its target by fingerprint to
say which findings are new and which were resolved. A fingerprint built from the line number
would call every finding below an inserted line "resolved" and "new" at once, so it is built
from what the finding is about instead: the file (relative to the project root), the rule,
the flagged source line with its whitespace collapsed (so re-indenting keeps it), and which
occurrence of that same (file, rule, text) it is, counted from the top of the file (so two
identical lines stay two findings). Where the source line cannot be read (standard input, a
file gone since the check) the finding's message stands in for it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from livemigrate.report.paths import relative_posix

if TYPE_CHECKING:
    from livemigrate.rule import Finding

__all__ = ["fingerprints"]


class _SourceLines:
    """The lines of the files findings point into, each file read once (``None``: unreadable)."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | dict[int, list[str]] | None] = {}

    def line(self, finding: "Finding") -> str | None:
        cell = getattr(finding, "cell", None)
        if finding.path not in self._files:
            self._files[finding.path] = self._read(finding.path, notebook=cell is not None)
        lines = self._files[finding.path]
        if isinstance(lines, dict):  # a notebook: cell number → its lines
            lines = lines.get(cell) if cell is not None else None
        if lines is None or not 1 <= finding.line <= len(lines):
            return None
        return lines[finding.line - 1]

    @staticmethod
    def _read(path: str, notebook: bool):
        if path == "-":
            return None
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        if not notebook:
            # bytes.splitlines splits on \n, \r\n and \r only: the lines Python (and libcst) count
            return [line.decode("utf-8", "replace") for line in data.splitlines()]
        from livemigrate.notebooks import read_notebook
        from livemigrate.source import SourceError

        try:
            cells = read_notebook(data, path).code_cells
        except (SourceError, ValueError):
            return None
        return {cell.index + 1: cell.text.splitlines() for cell in cells}


def _normalised(text: str) -> str:
    return " ".join(text.split())


def fingerprints(findings: Sequence["Finding"], root: Path) -> list[str]:
    """One fingerprint (SHA-256 hex) per finding, in the order given; see the module doc."""
    sources = _SourceLines()
    result = [""] * len(findings)
    seen: Counter[tuple[str, ...]] = Counter()
    # occurrences are counted in file order, whatever order the findings come in
    for index in sorted(range(len(findings)), key=lambda i: findings[i].sort_key()):
        finding = findings[index]
        path = relative_posix(finding.path, root) or finding.path.replace("\\", "/")
        text = sources.line(finding)
        what = _normalised(text) if text is not None else "message:" + finding.message
        key = (path, finding.rule_id, what)
        occurrence = seen[key]
        seen[key] += 1
        result[index] = hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8")).hexdigest()
    return result
