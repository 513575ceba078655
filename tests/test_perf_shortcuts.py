"""The speed shortcuts of the fix path change nothing a run reports.

- The import clean-up after a fix pass looks at the whole module only when an edited node used
  an imported google-genai name (``drop_unused_genai_imports(..., edited)``).
- ``fix`` asks whether the file as read compiles only when a fix pass does not compile.
"""

from __future__ import annotations


import libcst as cst
import pytest

import livemigrate.engine as engine
from livemigrate.engine import Linter
from livemigrate.imports_cleanup import drop_unused_genai_imports

from harness import REPO

FIXED_SOURCES = sorted(p for p in (REPO / "fixtures").rglob("*.py") if "expected" not in p.parts)


def _exact_apply(module: cst.Module, chosen: list, parents: dict) -> cst.Module:
    """The clean-up as it was: both modules walked whole on every pass."""
    edits = [edit for finding in chosen for edit in finding.fix.edits]
    return drop_unused_genai_imports(module, engine.apply_edits_along_paths(module, edits, parents.get))


@pytest.mark.parametrize("unsafe", [False, True])
def test_the_clean_up_shortcut_fixes_every_fixture_as_the_whole_walk_does(monkeypatch, unsafe: bool) -> None:
    linter = Linter()
    engine._load_heavy()
    fixed = {p: linter.fix_bytes(p.read_bytes(), str(p), unsafe) for p in FIXED_SOURCES}
    assert any(report.fixed for report in fixed.values())
    monkeypatch.setattr(engine, "_apply", _exact_apply)
    for path, report in fixed.items():
        again = linter.fix_bytes(path.read_bytes(), str(path), unsafe)
        assert (again.fixed, again.error) == (report.fixed, report.error), path
        assert [f.sort_key() for f in again.findings] == [f.sort_key() for f in report.findings], path


BEFORE = '''\
from google.genai.types import ProactivityConfig, LiveConnectConfig

config = LiveConnectConfig(proactivity=ProactivityConfig(proactive_audio=True), temperature=1)
'''


def _node(module: cst.Module, kind: type, test=lambda node: True) -> cst.CSTNode:
    found: list[cst.CSTNode] = []

    class Finder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, kind) and test(node):
                found.append(node)
            return True

    module.visit(Finder())
    return found[0]


def test_an_edit_of_a_node_that_used_the_import_drops_it() -> None:
    before = cst.parse_module(BEFORE)
    after = cst.parse_module(BEFORE.replace("proactivity=ProactivityConfig(proactive_audio=True), ", ""))
    edited = [_node(before, cst.Arg, lambda a: a.keyword is not None and a.keyword.value == "proactivity")]
    assert drop_unused_genai_imports(before, after, edited).code == \
        drop_unused_genai_imports(before, after).code == after.code.replace("ProactivityConfig, ", "")


def test_an_edit_that_used_no_imported_name_skips_the_walks(monkeypatch) -> None:
    import livemigrate.imports_cleanup as cleanup

    before = cst.parse_module(BEFORE)
    after = cst.parse_module(BEFORE.replace(", temperature=1", ""))
    edited = [_node(before, cst.Arg, lambda a: a.keyword is not None and a.keyword.value == "temperature")]
    walked: list[cst.CSTNode] = []
    used = cleanup._used_names
    monkeypatch.setattr(cleanup, "_used_names", lambda node: walked.append(node) or used(node))
    assert drop_unused_genai_imports(before, after, edited) is after
    assert walked == edited  # the edited node only, not the two modules


FIXABLE = REPO / "fixtures" / "rules" / "LM104" / "before.py"  # safe fixes, in one pass


def test_a_fix_that_compiles_never_compiles_the_file_as_read(monkeypatch) -> None:
    compiled: list[bytes] = []
    check = engine._compile_error
    monkeypatch.setattr(engine, "_compile_error", lambda data: compiled.append(data) or check(data))
    report = Linter().fix_bytes(FIXABLE.read_bytes(), str(FIXABLE))
    assert report.fixed is not None
    assert compiled and FIXABLE.read_bytes() not in compiled  # each pass's output, not the input


def test_a_fix_on_a_file_that_does_not_compile_is_not_blamed_for_it(monkeypatch) -> None:
    # a repeated keyword argument: libcst parses it, CPython does not compile it
    broken = FIXABLE.read_bytes() + b"f(a=1, a=2)\n"
    compiled: list[bytes] = []
    check = engine._compile_error
    monkeypatch.setattr(engine, "_compile_error", lambda data: compiled.append(data) or check(data))
    report = Linter().fix_bytes(broken, "broken.py")
    assert report.error is None and report.fixed is not None
    assert report.fixed == Linter().fix_bytes(FIXABLE.read_bytes(), "broken.py").fixed + b"f(a=1, a=2)\n"
    assert broken in compiled  # asked once the fixed text did not compile either
