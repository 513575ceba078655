"""Applying edits along their paths gives the module the whole-module transformer gives.

The fix loop rebuilds only the edited containers and their ancestors
(livemigrate.edit_paths); every fix of every rule's INVALID examples and fixtures (all of a
pass's chosen fixes together, safe and unsafe) is applied both ways and compared, node for
node, and a few shapes that fall back to the whole-module transformer are pinned.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from livemigrate.edit_paths import apply_edits_along_paths
from livemigrate.edits import RemoveStatement, Replace, apply_edits
from livemigrate.engine import Linter, _choose_fixes
from livemigrate.rulepack import load_rules
from livemigrate.settings import Settings

from harness import REPO, dedent

RULES = load_rules()


def _sources() -> list[tuple[str, str, str]]:
    """(rule id, target, code) for every INVALID example and every fixture's before.py."""
    found = []
    for rule in RULES:
        for index, example in enumerate(rule.INVALID):
            found.append((f"{rule.id}-INVALID-{index}", rule.EXAMPLE_TARGET, dedent(example.code)))
        before = REPO / "fixtures" / "rules" / rule.id / "before.py"
        if before.exists():
            found.append((f"{rule.id}-fixture", rule.EXAMPLE_TARGET, before.read_text(encoding="utf-8")))
    return found


SOURCES = _sources()


@pytest.mark.parametrize("name,target,code", SOURCES, ids=[s[0] for s in SOURCES])
def test_every_fix_pass_is_the_whole_module_transform(name: str, target: str, code: str) -> None:
    linter = Linter(Settings(target=target))
    module = cst.parse_module(code)
    findings, parents, errors = linter._run_rules(module, code, "example.py")
    assert not errors
    chosen = _choose_fixes(findings, parents, unsafe=True)
    edits = [edit for finding in chosen for edit in finding.fix.edits]
    whole = apply_edits(module, edits)
    along = apply_edits_along_paths(module, edits, parents.get)
    assert along.code == whole.code
    assert along.deep_equals(whole)


def test_sources_cover_every_rule_with_a_fix() -> None:
    with_fixes = {r.id for r in RULES if any(e.fixed is not None for e in r.INVALID)}
    assert with_fixes <= {name.split("-")[0] for name, _, _ in SOURCES}
    assert len(SOURCES) > 100


def test_untouched_subtrees_are_the_same_objects() -> None:
    module = cst.parse_module("def f():\n    a = 1\n    b = 2\n\ndef g():\n    c = 3\n")
    parents = _parents(module)
    target = module.body[0].body.body[1].body[0].value  # the 2 of b = 2
    new = apply_edits_along_paths(module, [Replace(target, cst.Integer("3"))], parents.get)
    assert new.code == "def f():\n    a = 1\n    b = 3\n\ndef g():\n    c = 3\n"
    assert new.body[1] is module.body[1]  # g is not rebuilt
    assert new.body[0].body.body[0] is module.body[0].body.body[0]  # nor is a = 1


@pytest.mark.parametrize("code,pick", [
    ("x = 1\ny = 2\n", lambda m: m.body[0]),  # a module-level statement: the whole transform
    ("def f():\n    x = 1\n", lambda m: m.body[0].body.body[0].body[0]),  # the block gets `pass`
])
def test_removals_that_reach_the_module_match(code: str, pick) -> None:
    module = cst.parse_module(code)
    parents = _parents(module)
    edits = [RemoveStatement(pick(module))]
    assert apply_edits_along_paths(module, edits, parents.get).code == apply_edits(module, edits).code


def _parents(module: cst.Module) -> dict:
    from livemigrate.analysis import build_live_model

    return build_live_model(module, module.code).parent_map()
