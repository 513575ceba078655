"""Before/after fixtures per rule (fixtures/rules/<ID>/), with a snapshot of the findings.

``after.py`` is ``livemigrate fix --select <ID>`` of ``before.py``; ``after_unsafe.py`` (when
present) the same with ``--unsafe-fixes``; ``findings.txt`` what ``check`` reports on
``before.py``. Set LIVEMIGRATE_UPDATE_FIXTURES=1 to rewrite them after an intended change,
then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from livemigrate.rulepack import load_rules
from livemigrate.testing import verify_fix

from harness import REPO, linter

FIXTURES = REPO / "fixtures" / "rules"
UPDATE = os.environ.get("LIVEMIGRATE_UPDATE_FIXTURES") == "1"
RULE_DIRS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
# A rule's fixture runs on the target its examples are written for.
RULE_TARGETS = {rule.id: rule.EXAMPLE_TARGET for rule in load_rules()}


def _snapshot(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with LIVEMIGRATE_UPDATE_FIXTURES=1"
    assert actual == path.read_text(encoding="utf-8")


def _findings_text(findings) -> str:
    return "".join(f"{f.line}:{f.column} {f.rule_id} {'[' + f.fix.applicability.value + '] ' if f.fix else ''}"
                   f"{f.message}\n" for f in findings)


@pytest.mark.parametrize("folder", RULE_DIRS, ids=lambda p: p.name)
def test_rule_fixture(folder: Path) -> None:
    rule_id = folder.name
    before = (folder / "before.py").read_text(encoding="utf-8")
    target = RULE_TARGETS.get(rule_id, "3.1")
    checked = linter((rule_id,), target).check_bytes(before.encode(), "example.py")
    assert checked.error is None, checked.error
    findings = checked.findings
    assert findings and all(f.rule_id == rule_id for f in findings)
    _snapshot(folder / "findings.txt", _findings_text(findings))
    for unsafe, name in ((False, "after.py"), (True, "after_unsafe.py")):
        # the one harness: parses, fixed point, no fixable finding left, comments kept
        report = verify_fix(linter((rule_id,), target), before.encode(), f"{rule_id}/before.py", unsafe=unsafe)
        output = (report.fixed or before.encode()).decode()
        if unsafe and not (folder / name).exists() and output == (folder / "after.py").read_text():
            continue  # no unsafe fix changes anything beyond the safe ones
        _snapshot(folder / name, output)


def test_every_rule_has_a_fixture() -> None:
    from livemigrate.rulepack import load_rules

    assert {r.id for r in load_rules()} <= {p.name for p in RULE_DIRS}
