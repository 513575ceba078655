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


def assert_parses(code: str | bytes) -> None:
    cst.parse_module(code)
