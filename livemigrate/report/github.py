"""GitHub Actions workflow commands: findings show as annotations on the pull request."""

from __future__ import annotations

from typing import Sequence

from livemigrate.rule import Finding

__all__ = ["render_github"]


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding) -> str:
    cell = getattr(f, "cell", None)
    if cell is None:
        where = f"line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}"
        return f"{where}::{_escape(f.rule_id + ' ' + f.message)}"
    # a notebook: annotate the line of the .ipynb file that holds the code; say where in the cell
    return (f"line={getattr(f, 'file_line', None) or 1}::"
            f"{_escape(f'{f.rule_id} cell {cell}, line {f.line}, column {f.column}: {f.message}')}")


def render_github(findings: Sequence[Finding]) -> str:
    lines = [
        f"::error title=livemigrate ({_escape_property(f.rule_id)}),file={_escape_property(f.path)},{_annotation(f)}"
        for f in findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")
