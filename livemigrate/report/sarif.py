"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure DevOps, ...).

A finding in a notebook: the region is in the ``.ipynb`` file itself (a SARIF region is
relative to its artifact, and dashboards show that file), as ``startLine`` only: the JSON line
that holds the source line (its columns are JSON-escaped text, so none are given). Where it is in
the code goes in ``properties``: ``cell`` (1-based, every cell counted) and ``cellRegion``
(line and columns in that cell)."""

from __future__ import annotations

import json
from typing import Sequence

from livemigrate import __version__
from livemigrate.rule import Finding

__all__ = ["render_sarif"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _notification(error) -> dict:
    """A file's error as a SARIF tool notification (it is not a finding in the code)."""
    from livemigrate.engine import InternalFileError

    internal = isinstance(error, InternalFileError)
    return {
        "level": "error",
        "message": {"text": f"{error.path}: {error.message}"},
        "descriptor": {"id": "internal-error" if internal else "file-error"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": error.path.replace("\\", "/")}}}],
    }


def _result(f: Finding) -> dict:
    span = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    properties: dict = {"fix": f.fix.applicability.value} if f.fix else {}
    cell = getattr(f, "cell", None)
    region = span
    if cell is not None:
        region = {"startLine": getattr(f, "file_line", None) or 1}
        properties.update(cell=cell, cellRegion=span)
    return {
        "ruleId": f.rule_id,
        "level": "error",
        "message": {"text": f.message if cell is None else f"{f.message} (cell {cell}, line {f.line})"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": f.path.replace("\\", "/")},
                "region": region,
            }
        }],
        **({"properties": properties} if properties else {}),
    }


def render_sarif(findings: Sequence[Finding], errors: Sequence[object] = ()) -> str:
    from livemigrate.rulepack import load_rules

    rules = load_rules()
    known = {r.id for r in rules}
    extra = sorted({f.rule_id for f in findings} - known)
    descriptors = [
        {
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.message},
            "fullDescription": {"text": r.summary()},
            "help": {"text": r.docs(), "markdown": r.docs()},
            "properties": {"fix": r.fix_availability.value},
        }
        for r in rules
    ] + [{"id": rule_id} for rule_id in extra]
    results = [_result(f) for f in findings]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "livemigrate", "version": __version__,
                                "informationUri": "https://github.com/livemigrate/livemigrate",
                                "rules": descriptors}},
            "results": results,
            "invocations": [{
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [_notification(e) for e in errors],
            }],
        }],
    }
    return json.dumps(log, indent=2) + "\n"
