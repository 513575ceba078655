"""Every example of every rule is a test (the Fixit / ruff harness habit).

INVALID examples are fixed to a fixed point; the result must equal the example's ``fixed``,
parse, re-check with no fixable finding, and be left alone by a second fix. Rules must emit
exactly the fix availability they declare.
"""

from __future__ import annotations

import re

import pytest

from livemigrate.rule import DOC_SECTIONS, Applicability, FixAvailability, Invalid
from livemigrate.rulepack import load_rules

from harness import assert_parses, check, fix

RULES = load_rules()


def _cases(kind: str) -> list:
    return list(_iter_cases(kind))


def _iter_cases(kind: str):
    for rule in RULES:
        examples = rule.VALID if kind == "VALID" else rule.INVALID
        for index, example in enumerate(examples, start=1):
            yield pytest.param(rule, example, id=f"{rule.id}-{kind}-{index}")


@pytest.mark.parametrize("rule,code", _cases("VALID"))
def test_valid_example_has_no_finding(rule, code: str) -> None:
    assert_parses(code)
    assert [f for f in check(code, (rule.id,))] == []


@pytest.mark.parametrize("rule,example", _cases("INVALID"))
def test_invalid_example(rule, example: Invalid) -> None:
    assert_parses(example.code)
    findings = check(example.code, (rule.id,))
    assert [f.rule_id for f in findings] == [rule.id] * example.count, findings
    if rule.fix_availability is FixAvailability.NEVER:
        assert all(f.fix is None for f in findings)
    if rule.fix_availability is FixAvailability.ALWAYS:
        assert all(f.fix is not None for f in findings)

    if example.fixed is None:
        assert all(f.fix is None for f in findings), "example says no fix, rule offers one"
        assert fix(example.code, (rule.id,), unsafe=True).fixed is None
        return
    if example.unsafe:
        assert all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in findings)
        assert fix(example.code, (rule.id,), unsafe=False).fixed is None, "unsafe fix applied by default"
    report = fix(example.code, (rule.id,), unsafe=example.unsafe)
    assert report.fixed is not None
    output = report.fixed.decode()
    assert output == example.fixed
    assert_parses(output)
    remaining = check(output, (rule.id,))
    assert not [f for f in remaining if f.fix is not None], remaining
    assert fix(output, (rule.id,), unsafe=example.unsafe).fixed is None, "second fix changed the code"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_metadata(rule) -> None:
    assert re.fullmatch(r"LM\d{3}", rule.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.message and "\n" not in rule.message
    docs = rule.docs()
    for section in DOC_SECTIONS:
        assert f"## {section}" in docs, f"{rule.id} docs lack '## {section}'"
    assert rule.VALID and rule.INVALID, "a rule ships with examples"
    if rule.fix_availability is not FixAvailability.NEVER:
        assert any(e.fixed is not None for e in rule.INVALID), "a fixable rule shows a fix"


def test_rule_ids_and_names_are_unique() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
