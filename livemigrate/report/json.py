"""One JSON record per finding, ruff-shaped: code, name, location, fix and its safety; ``cell``
is the notebook cell (1-based, every cell counted) the location is in, null outside notebooks."""

from __future__ import annotations

import json

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:  # nor the rule API (libcst): a run with no finding has no Finding to render
    from typing import Sequence

    from livemigrate.rule import Finding

__all__ = ["render_json", "finding_record"]


def finding_record(finding: Finding) -> dict:
    fix = finding.fix
    return {
        "code": finding.rule_id,
        "name": finding.rule_name,
        "message": finding.message,
        "filename": finding.path,
        "cell": getattr(finding, "cell", None),
        "location": {"row": finding.line, "column": finding.column},
        "end_location": {"row": finding.end_line, "column": finding.end_column},
        "fix": None if fix is None else {
            "applicability": fix.applicability.value,
            "message": fix.description,
            "reasons": list(fix.unsafe_reasons),  # why the fix policy made it unsafe
        },
        "url": f"livemigrate explain {finding.rule_id}",
    }


def render_json(findings: Sequence[Finding]) -> str:
    return json.dumps([finding_record(f) for f in findings], indent=2) + "\n"
