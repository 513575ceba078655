"""Every example of every rule is a test, through the one harness (livemigrate.testing).

INVALID examples are fixed to a fixed point; the result must equal the example's ``fixed``,
parse, keep comments under safe fixes, leave no fixable finding, and be left alone by a
second fix. Rules must emit exactly the fix availability they declare.
"""

from __future__ import annotations

import re

import pytest

from livemigrate.rule import Invalid
from livemigrate.rulepack import load_rules
from livemigrate.testing import HarnessError, verify_example, verify_rule

RULES = load_rules()


def _cases(kind: str) -> list:
    return [pytest.param(rule, example, id=f"{rule.id}-{kind}-{index}")
            for rule in RULES
            for index, example in enumerate(rule.VALID if kind == "VALID" else rule.INVALID, start=1)]


@pytest.mark.parametrize("rule,code", _cases("VALID"))
def test_valid_example_has_no_finding(rule, code: str, request) -> None:
    verify_example(rule, code, request.node.callspec.id)


@pytest.mark.parametrize("rule,example", _cases("INVALID"))
def test_invalid_example(rule, example: Invalid, request) -> None:
    verify_example(rule, example, request.node.callspec.id)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_metadata(rule) -> None:
    assert re.fullmatch(r"LM\d{3}", rule.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.message and "\n" not in rule.message


def test_rule_ids_and_names_are_unique() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_the_harness_catches_a_wrong_example() -> None:
    lm002 = next(r for r in RULES if r.id == "LM002")
    wrong = Invalid(lm002.INVALID[0].code, fixed="something else\n")
    with pytest.raises(HarnessError, match="differs"):
        verify_example(lm002, wrong, "LM002-wrong")
    pinned = Invalid(lm002.INVALID[0].code, fixed=lm002.INVALID[0].fixed, line=99)
    with pytest.raises(HarnessError, match="line 99"):
        verify_example(lm002, pinned, "LM002-pinned")


def test_examples_may_be_indented_triple_quoted_blocks() -> None:
    lm002 = next(r for r in RULES if r.id == "LM002")
    example = Invalid(
        """
        from google.genai import types
        MODEL = 'gemini-3.1-flash-live-preview'
        config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024))
        """,
        fixed="""
        from google.genai import types
        MODEL = 'gemini-3.1-flash-live-preview'
        config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW))
        """, line=3, message="maps to 'low'")
    verify_example(lm002, example, "LM002-dedented")


def test_verify_rule_reports_problems_and_passes_a_good_rule() -> None:
    lm006 = next(r for r in RULES if r.id == "LM006")
    assert verify_rule(lm006) == []

    class Broken(lm006):  # type: ignore[misc, valid-type]
        INVALID = [Invalid(lm006.INVALID[0].code, fixed="x = 1\n")]
    assert any("differs" in problem for problem in verify_rule(Broken))


def test_the_readme_rule_table_is_generated_from_the_pack() -> None:
    from livemigrate.ruledocs import END, START, rule_table

    from harness import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split(START, 1)[1].split(END, 1)[0].lstrip("\n")
    assert table == rule_table(), "README rule table is stale: run `python -m livemigrate.ruledocs`"
