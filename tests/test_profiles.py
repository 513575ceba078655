"""The target profiles (livemigrate/migration.py): every target gives a verdict, with public
evidence, on every fact a rule asks about; and rule docs cite public sources only."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from livemigrate.migration import TARGETS, VERDICT_FACTS, Status, get_target
from livemigrate.rulepack import builtin_rules_dir, load_rules

RULES = load_rules()
VERSION = re.compile(r"(?<![\w.])\d+\.(?:\d+|x)(?![\w])")
PUBLIC = re.compile(r"https://[^\s)>,]+")


@pytest.mark.parametrize("name", list(TARGETS))
def test_every_target_has_a_verdict_on_every_fact(name: str) -> None:
    # A new target cannot leave a rule to speak another target's words.
    assert set(TARGETS[name].verdicts) == set(VERDICT_FACTS)


@pytest.mark.parametrize("name,fact", [(n, f) for n in TARGETS for f in VERDICT_FACTS])
def test_verdicts_are_predicates_with_public_evidence(name: str, fact: str) -> None:
    target = TARGETS[name]
    verdict = target.verdict(fact)
    assert verdict.status in get_args(Status)
    assert verdict.sources, f"{name} {fact}: no source"
    for source in verdict.sources:
        assert PUBLIC.fullmatch(source), f"{name} {fact}: {source!r} is not a public address"
    # The rule puts the model id in front; the reason itself names no model and no version.
    assert not VERSION.findall(verdict.reason), verdict.reason
    assert all(t.model_id not in verdict.reason for t in TARGETS.values()), verdict.reason
    assert target.claim(fact) == f"{target.model_id} {verdict.reason}"


def test_every_fact_is_asked_by_a_rule() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in builtin_rules_dir().glob("lm*.py"))
    asked = set(re.findall(r"""\.(?:claim|reason|verdict)\(['"](\w+)['"]\)""", sources))
    assert asked <= set(VERDICT_FACTS), asked - set(VERDICT_FACTS)
    assert set(VERDICT_FACTS) - asked == set(), "a verdict no rule uses is dead data"


def test_an_unknown_fact_names_the_profile_to_edit() -> None:
    with pytest.raises(KeyError, match=r"'3\.8'.*'no_such_fact'.*livemigrate/migration\.py"):
        TARGETS["3.8"].reason("no_such_fact")


def test_a_target_is_found_by_its_model_id() -> None:
    for target in TARGETS.values():
        assert get_target(target.model_id) is target


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_references_are_public(rule) -> None:
    docs = rule.docs()
    assert "shared/" not in docs, "a path in the project's notes is not a reference a user can open"
    references = docs.split("## References", 1)[1].split("\n## ", 1)[0] if "## References" in docs else ""
    # one bullet may wrap over several lines: each must lead somewhere a user can open
    bullets = [b for b in re.split(r"^- ", references, flags=re.M)[1:] if b.strip()]
    assert bullets, f"{rule.id} has no References"
    for bullet in bullets:
        assert PUBLIC.search(bullet), f"{rule.id}: reference without a public address: {bullet.strip()!r}"
