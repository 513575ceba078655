"""GitHub Actions workflow commands: findings show as annotations on the pull request."""

from __future__ import annotations

from typing import Sequence

from livemigrate.rule import Finding

__all__ = ["render_github"]


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Sequence[Finding]) -> str:
    lines = [
        f"::error title=livemigrate ({_escape_property(f.rule_id)}),file={_escape_property(f.path)},"
        f"line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}::"
        f"{_escape(f.rule_id + ' ' + f.message)}"
        for f in findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")
