"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure DevOps, ...)."""

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
    results = [
        {
            "ruleId": f.rule_id,
            "level": "error",
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }
            }],
            **({"properties": {"fix": f.fix.applicability.value}} if f.fix else {}),
        }
        for f in findings
    ]
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
