"""Precision and recall on the independent corpus (tests/corpus/README.md).

The corpus was written from the catalogue, not from the linter: every `# expect: LMxxx`
marker must be reported on that line, and no in-scope finding may appear anywhere else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness import REPO, linter

CORPUS = REPO / "tests" / "corpus" / "config_family"
IN_SCOPE = ("LM001", "LM002", "LM003", "LM004", "LM006", "LM201", "LM202")
_MARKER = re.compile(r"#\s*expect:\s*(?P<ids>LM\d{3}(?:\s*,\s*LM\d{3})*)")


def expected_findings(path: Path) -> set[tuple[int, str]]:
    expected = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _MARKER.search(line)
        if match:
            expected |= {(number, rule.strip()) for rule in match.group("ids").split(",")}
    return expected


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.py")), ids=lambda p: p.stem)
def test_corpus_file(path: Path) -> None:
    report = linter(IN_SCOPE).check_bytes(path.read_bytes(), str(path))
    assert report.error is None, report.error
    found = {(f.line, f.rule_id) for f in report.findings}
    expected = expected_findings(path)
    missed = sorted(expected - found)
    spurious = sorted(found - expected)
    assert not missed and not spurious, f"missed={missed} spurious={spurious}"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.py")), ids=lambda p: p.stem)
def test_corpus_fix_is_stable(path: Path) -> None:
    """fix output parses, a second fix changes nothing, and no fixable finding remains."""
    import libcst as cst

    lint = linter(IN_SCOPE)
    first = lint.fix_bytes(path.read_bytes(), str(path), unsafe=True)
    assert first.error is None, first.error
    output = first.fixed or path.read_bytes()
    cst.parse_module(output)
    second = lint.fix_bytes(output, str(path), unsafe=True)
    assert second.fixed is None, "second fix changed the code"
    assert not [f for f in second.findings if f.fix is not None]
