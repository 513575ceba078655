"""GitLab Code Quality (a subset of the Code Climate issue format), for the merge request
widget: a JSON array of issues with ``description``, ``check_name``, ``fingerprint``,
``severity`` and ``location`` (``path`` relative to ``$CI_PROJECT_DIR``, else the working
directory; ``lines.begin``). GitLab tells new findings from old ones by ``fingerprint``: see
:mod:`livemigrate.report.fingerprint` for why it survives lines moving.

Every finding is ``major``: each one is code the target model breaks on or refuses, and none
ranks above another. A file that could not be read, parsed or analysed is an issue too
(``check_name`` ``livemigrate/file-error`` or ``livemigrate/internal-error``): the widget is
where a GitLab user looks, and a file nobody could check must not look clean there (ruff
likewise reports syntax errors in this format).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Sequence

from livemigrate.report.fingerprint import fingerprints
from livemigrate.report.paths import project_root, relative_posix

if TYPE_CHECKING:
    from livemigrate.rule import Finding

__all__ = ["render_gitlab"]

SEVERITY = "major"


def _issue(description: str, check_name: str, fingerprint: str, path: str, begin: int, end: int) -> dict:
    return {
        "description": description,
        "check_name": check_name,
        "fingerprint": fingerprint,
        "severity": SEVERITY,
        "location": {"path": path, "lines": {"begin": begin, "end": end}},
    }


def _error_issue(error, root) -> dict:
    from livemigrate.engine import InternalFileError

    kind = "internal-error" if isinstance(error, InternalFileError) else "file-error"
    path = relative_posix(error.path, root) or error.path
    # one error per file: the file and the kind identify it (its message may hold a line number)
    fingerprint = hashlib.sha256(f"{path}\0livemigrate/{kind}".encode("utf-8")).hexdigest()
    return _issue(f"{kind}: {error.message}", f"livemigrate/{kind}", fingerprint, path, 1, 1)


def render_gitlab(findings: Sequence["Finding"], errors: Sequence[object] = ()) -> str:
    """The Code Quality report for ``findings`` and the files' ``errors``."""
    root = project_root("CI_PROJECT_DIR")
    issues = []
    for finding, fingerprint in zip(findings, fingerprints(findings, root)):
        cell = getattr(finding, "cell", None)
        if cell is None:
            begin, end = finding.line, finding.end_line
            description = f"{finding.rule_id} {finding.message}"
        else:  # the widget links a line of the .ipynb file: the one holding the code
            begin = end = getattr(finding, "file_line", None) or 1
            description = f"{finding.rule_id} cell {cell}, line {finding.line}: {finding.message}"
        path = relative_posix(finding.path, root) or finding.path.replace("\\", "/")
        issues.append(_issue(description, finding.rule_id, fingerprint, path, begin, end))
    issues.extend(_error_issue(error, root) for error in errors)
    return json.dumps(issues, indent=2) + "\n"
