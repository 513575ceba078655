"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure DevOps, ...).

Paths are URIs relative to ``%SRCROOT%`` (the project root: ``$GITHUB_WORKSPACE`` in a GitHub
workflow, else the working directory), which ``originalUriBaseIds`` gives as an absolute
``file:`` URI: GitHub code scanning matches a result to a file of the repository by that
relative URI. A file outside the root gets an absolute ``file:`` URI.

A finding in a notebook: the region is in the ``.ipynb`` file itself (a SARIF region is
relative to its artifact, and dashboards show that file), as ``startLine`` only: the JSON line
that holds the source line (its columns are JSON-escaped text, so none are given). Where it is in
the code goes in ``properties``: ``cell`` (1-based, every cell counted) and ``cellRegion``
(line and columns in that cell).

A file that could not be read, parsed or analysed is no finding in the code: it is a tool
execution notification of the invocation, which is then not ``executionSuccessful``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence
from urllib.parse import quote

from livemigrate import __version__
from livemigrate.report import HOMEPAGE
from livemigrate.report.fingerprint import fingerprints
from livemigrate.report.paths import project_root, relative_posix

if TYPE_CHECKING:
    from livemigrate.rule import Finding, Rule

__all__ = ["render_sarif", "rule_help_uri", "SCHEMA"]

# The schema's own id (OASIS SARIF 2.1.0, errata 01): what validators and GitHub resolve.
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
# Our own partial fingerprint (see livemigrate.report.fingerprint): stable when lines move.
FINGERPRINT_KEY = "livemigrate/v1"


def rule_help_uri(rule: "type[Rule]") -> str | None:
    """Where a built-in rule's documentation is on the web: its module in the repository (its
    docstring is its documentation). None for a user's rule (``--rule-path``)."""
    from livemigrate.rulepack import builtin_rules_dir

    module = sys.modules.get(rule.__module__)
    file = getattr(module, "__file__", None)
    if not file or Path(file).resolve().parent != builtin_rules_dir().resolve():
        return None
    return f"{HOMEPAGE}/blob/main/rules/{Path(file).name}"


def _section(docs: str, title: str) -> str | None:
    """The text of the ``## title`` section of a rule's docs, None when it has none."""
    marker = f"## {title}\n"
    if marker not in docs:
        return None
    body = docs.split(marker, 1)[1].split("\n## ", 1)[0]
    return " ".join(body.split()) or None


def _descriptor(rule: "type[Rule]") -> dict:
    docs = rule.docs()
    descriptor = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": _section(docs, "What it does") or rule.summary()},
        "defaultConfiguration": {"level": "error"},
        "help": {"text": docs or rule.message, "markdown": docs or rule.message},
        "properties": {"fix": rule.fix_availability.value},
    }
    help_uri = rule_help_uri(rule)
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


class _Artifacts:
    """``artifactLocation`` objects for paths, relative to ``%SRCROOT%`` where they can be."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def location(self, path: str) -> dict:
        relative = relative_posix(path, self.root)
        if relative is not None:
            return {"uri": quote(relative), "uriBaseId": SRCROOT}
        if path == "-":
            return {"uri": "-"}  # standard input without --stdin-filename: no file to point at
        return {"uri": Path(path).absolute().as_uri()}

    def base_ids(self) -> dict:
        return {SRCROOT: {"uri": self.root.as_uri().rstrip("/") + "/"}}


def _notification(error, artifacts: _Artifacts) -> dict:
    """A file's error as a SARIF tool notification (it is not a finding in the code)."""
    from livemigrate.engine import InternalFileError

    internal = isinstance(error, InternalFileError)
    return {
        "level": "error",
        "message": {"text": f"{error.path}: {error.message}"},
        "descriptor": {"id": "internal-error" if internal else "file-error"},
        "locations": [{"physicalLocation": {"artifactLocation": artifacts.location(error.path)}}],
    }


def _result(f: "Finding", rule_index: dict[str, int], fingerprint: str, artifacts: _Artifacts) -> dict:
    span = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    properties: dict = {"fix": f.fix.applicability.value} if f.fix else {}
    cell = getattr(f, "cell", None)
    region = span
    if cell is not None:
        region = {"startLine": getattr(f, "file_line", None) or 1}
        properties.update(cell=cell, cellRegion=span)
    return {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index[f.rule_id],
        "level": "error",
        "message": {"text": f.message if cell is None else f"{f.message} (cell {cell}, line {f.line})"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifacts.location(f.path),
                "region": region,
            }
        }],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        **({"properties": properties} if properties else {}),
    }


def render_sarif(findings: Sequence["Finding"], errors: Sequence[object] = ()) -> str:
    """One SARIF log with one run: every built-in rule, the findings, and the files' errors."""
    from livemigrate.rulepack import load_rules

    rules = load_rules()
    known = {r.id for r in rules}
    extra = sorted({f.rule_id for f in findings} - known)  # rules of a --rule-path folder
    descriptors = [_descriptor(r) for r in rules] + [{"id": rule_id} for rule_id in extra]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    root = project_root("GITHUB_WORKSPACE")
    artifacts = _Artifacts(root)
    results = [_result(f, rule_index, fp, artifacts)
               for f, fp in zip(findings, fingerprints(findings, root))]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "livemigrate", "version": __version__,
                                "informationUri": HOMEPAGE, "rules": descriptors}},
            "originalUriBaseIds": artifacts.base_ids(),
            # libcst counts columns in code points, not the UTF-16 units SARIF assumes by default
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [_notification(e, artifacts) for e in errors],
            }],
        }],
    }
    return json.dumps(log, indent=2) + "\n"
