"""Shared test helpers: run the engine on source text the way the CLI does."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst

from livemigrate.engine import FileReport, Linter
from livemigrate.rule import Finding
from livemigrate.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def linter(select: tuple[str, ...] = ("LM",), target: str = "3.1") -> Linter:
    return Linter(Settings(select=select, target=target))


def check(code: str, select: tuple[str, ...] = ("LM",), path: str = "example.py") -> list[Finding]:
    report = linter(select).check_bytes(code.encode(), path)
    assert report.error is None, report.error
    return report.findings


def fix(code: str | bytes, select: tuple[str, ...] = ("LM",), unsafe: bool = False,
        path: str = "example.py") -> FileReport:
    data = code.encode() if isinstance(code, str) else code
    report = linter(select).fix_bytes(data, path, unsafe=unsafe)
    assert report.error is None, report.error
    return report


def fixed_text(code: str, select: tuple[str, ...] = ("LM",), unsafe: bool = False) -> str:
    report = fix(code, select, unsafe)
    return (report.fixed or code.encode()).decode()


def dedent(code: str) -> str:
    return textwrap.dedent(code).lstrip("\n")


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """``files`` (relative path → text) written under ``root``: a project for cross-module tests."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def findings_by_file(path: Path, rules: tuple[str, ...] = ("LM001",), **kwargs) -> dict[str, list[tuple[int, str]]]:
    """(line, rule) of the findings of ``rules`` per file of a run over ``path``, by path
    relative to the project (``kwargs`` go to ``check_paths``: a cache, jobs)."""
    root = path if path.is_dir() else path.parent
    found: dict[str, list[tuple[int, str]]] = {}
    for report in Linter(Settings()).check_paths([path], **kwargs):
        assert report.error is None, report.error
        lines = [(f.line, f.rule_id) for f in report.findings if f.rule_id in rules]
        if lines:
            found[Path(report.path).relative_to(root).as_posix()] = lines
    return found


def assert_parses(code: str | bytes) -> None:
    cst.parse_module(code)


def kept_open_walks(source: str, function: str) -> int:
    """How many times the project index's ``_kept_open_calls`` walks ``function`` of ``source``
    (a module importing ``open_live`` from an opener module): a count that stays constant
    however many handlers or blocks the function holds, where a walk per one is quadratic."""
    import ast as python_ast

    from livemigrate import project

    walked = []
    real = python_ast.walk

    def counting(node):
        walked.append(node)
        return real(node)

    opener = project._Module("opener.py", ("opener",), None, openers={"open_live"})
    tree = python_ast.parse(source)
    try:
        project.ast.walk = counting  # type: ignore[attr-defined]
        list(project._kept_open_calls(tree, {"open_live": (opener, "open_live")}, {}))
    finally:
        project.ast.walk = real  # type: ignore[attr-defined]
    return len([node for node in walked if getattr(node, "name", None) == function])
