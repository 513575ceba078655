"""One formatter per output format; every one renders the same :class:`Finding` records."""

from __future__ import annotations

from typing import Callable, Sequence

from livemigrate.rule import Finding

__all__ = ["FORMATS", "render"]


def render(fmt: str, findings: Sequence[Finding], unsafe_fixes: bool = False,
           errors: Sequence[object] = ()) -> str:
    """``findings`` in output format ``fmt`` (``text``, ``json``, ``github``, ``sarif``).
    ``errors`` (files that could not be read, parsed or analysed) go where the format has a
    place for them: SARIF tool notifications; the others print them on stderr."""
    if fmt == "sarif":
        from livemigrate.report.sarif import render_sarif

        return render_sarif(findings, errors)
    return FORMATS[fmt](findings, unsafe_fixes)


def _text(findings, unsafe_fixes):
    from livemigrate.report.text import render_text

    return render_text(findings, unsafe_fixes)


def _json(findings, unsafe_fixes):
    from livemigrate.report.json import render_json

    return render_json(findings)


def _github(findings, unsafe_fixes):
    from livemigrate.report.github import render_github

    return render_github(findings)


def _sarif(findings, unsafe_fixes):
    from livemigrate.report.sarif import render_sarif

    return render_sarif(findings)


FORMATS: dict[str, Callable[[Sequence[Finding], bool], str]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
}
