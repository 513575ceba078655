"""One formatter per output format; every one renders the same :class:`Finding` records.

``FORMATS`` is the list the command line offers (``check --output-format``): a format added
here is a choice there. ``HOMEPAGE`` is the project's public home, the one place the links in
reports (SARIF ``informationUri`` and ``helpUri``) are built from.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:  # livemigrate.rule imports libcst: not needed to list the formats
    from typing import Callable, Sequence

    from livemigrate.rule import Finding

__all__ = ["FORMATS", "HOMEPAGE", "render"]

HOMEPAGE = "https://github.com/livemigrate/livemigrate"


def render(fmt: str, findings: Sequence["Finding"], unsafe_fixes: bool = False,
           errors: Sequence[object] = (), checked: Sequence[str] = ()) -> str:
    """``findings`` in output format ``fmt`` (a key of :data:`FORMATS`). ``errors`` (files
    that could not be read, parsed or analysed) go where the format has a place for them:
    SARIF tool notifications, GitLab issues, JUnit ``<error>`` elements; the command line prints
    them on stderr in every format. ``checked``: the path of every file the run reported on,
    for the formats that list clean files too (JUnit: a passing test case each)."""
    return FORMATS[fmt](findings, unsafe_fixes, errors, checked)


def _text(findings, unsafe_fixes, errors, checked):
    from livemigrate.report.text import render_text

    return render_text(findings, unsafe_fixes)


def _json(findings, unsafe_fixes, errors, checked):
    from livemigrate.report.json import render_json

    return render_json(findings)


def _github(findings, unsafe_fixes, errors, checked):
    from livemigrate.report.github import render_github

    return render_github(findings)


def _sarif(findings, unsafe_fixes, errors, checked):
    from livemigrate.report.sarif import render_sarif

    return render_sarif(findings, errors)


def _gitlab(findings, unsafe_fixes, errors, checked):
    from livemigrate.report.gitlab import render_gitlab

    return render_gitlab(findings, errors)


def _junit(findings, unsafe_fixes, errors, checked):
    from livemigrate.report.junit import render_junit

    return render_junit(findings, errors, checked)


FORMATS: dict[str, Callable[[Sequence["Finding"], bool, Sequence[object], Sequence[str]], str]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
    "gitlab": _gitlab,
    "junit": _junit,
}
