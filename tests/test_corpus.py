"""Precision and recall on the independent corpus (tests/corpus/README.md).

The corpus was written from the catalogue, not from the linter: every `# expect: LMxxx`
marker must be reported on that line, and no in-scope finding may appear anywhere else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness import REPO, linter

CORPUS = REPO / "tests" / "corpus"
# Each family's files mark only its own rules; findings of other rules are not scored there.
SCOPES = {
    "config_family": ("LM001", "LM002", "LM003", "LM004", "LM006", "LM201", "LM202"),
    "session_family": ("LM005", "LM101", "LM102", "LM103", "LM104", "LM105", "LM106",
                       "LM301", "LM302", "LM303", "LM304"),
}
FILES = [pytest.param(path, scope, id=f"{family}/{path.stem}")
         for family, scope in SCOPES.items() for path in sorted((CORPUS / family).glob("*.py"))]
_MARKER = re.compile(r"#\s*expect:\s*(?P<ids>LM\d{3}(?:\s*,\s*LM\d{3})*)")


def expected_findings(path: Path) -> set[tuple[int, str]]:
    expected = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _MARKER.search(line)
        if match:
            expected |= {(number, rule.strip()) for rule in match.group("ids").split(",")}
    return expected


@pytest.mark.parametrize("path,scope", FILES)
def test_corpus_file(path: Path, scope: tuple[str, ...]) -> None:
    report = linter(scope).check_bytes(path.read_bytes(), str(path))
    assert report.error is None, report.error
    found = {(f.line, f.rule_id) for f in report.findings}
    expected = expected_findings(path)
    missed = sorted(expected - found)
    spurious = sorted(found - expected)
    assert not missed and not spurious, f"missed={missed} spurious={spurious}"


@pytest.mark.parametrize("path,scope", FILES)
def test_corpus_fix_is_stable(path: Path, scope: tuple[str, ...]) -> None:
    """The one harness, safe and unsafe: parses, fixed point, no fixable finding left,
    comments kept under safe fixes."""
    from livemigrate.testing import verify_fix

    for unsafe in (False, True):
        verify_fix(linter(), path.read_bytes(), str(path), unsafe=unsafe)
