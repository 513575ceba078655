"""Whole 2.5 example apps (fixtures/apps/<app>/): findings and the migrated 3.1 output.

Each app folder holds the 2.5 program, ``expected_findings.txt`` (``file:LINE: ID`` of what
``check`` must report) and ``expected/`` (the files after ``livemigrate fix``, plus
``remaining.txt``: what is left for a human). The app files stay free of test markers so they
read like real code.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from livemigrate.cli import cli

from harness import REPO, assert_parses

APPS = sorted(p for p in (REPO / "fixtures" / "apps").iterdir() if (p / "expected_findings.txt").exists())
UPDATE = os.environ.get("LIVEMIGRATE_UPDATE_FIXTURES") == "1"


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.py"))


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_app_findings(app: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", *map(str, _sources(app))])
    import json

    found = {f"{Path(r['filename']).name}:{r['location']['row']}: {r['code']}" for r in json.loads(result.stdout)}
    expected = {line.strip() for line in (app / "expected_findings.txt").read_text().splitlines() if line.strip()}
    assert found == expected


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_app_migrates(app: Path, tmp_path: Path) -> None:
    work = tmp_path / app.name
    shutil.copytree(app, work, ignore=shutil.ignore_patterns("expected", "__pycache__"))
    unsafe = (app / "expected" / "UNSAFE").exists()
    args = ["fix", *(["--unsafe-fixes"] if unsafe else []), *map(str, _sources(work))]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.stderr
    remaining = CliRunner().invoke(cli, ["check", *(["--select", "LM"]), *map(str, _sources(work))])
    remaining_text = "".join(
        line.replace(str(work) + os.sep, "") + "\n" for line in remaining.stdout.splitlines()[:-1])
    for source in _sources(work):
        expected = app / "expected" / source.name
        if UPDATE:
            expected.write_bytes(source.read_bytes())
        assert_parses(source.read_bytes())
        assert source.read_bytes() == expected.read_bytes(), f"{source.name} differs from expected"
    if UPDATE:
        (app / "expected" / "remaining.txt").write_text(remaining_text)
    assert remaining_text == (app / "expected" / "remaining.txt").read_text()
    again = CliRunner().invoke(cli, args)
    assert all(s.read_bytes() == (app / "expected" / s.name).read_bytes() for s in _sources(work)), again.stderr


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_app_passes_the_harness(app: Path, unsafe: bool) -> None:
    from livemigrate.testing import verify_fix

    from harness import linter

    for source in _sources(app):
        verify_fix(linter(), source.read_bytes(), str(source), unsafe=unsafe)
