"""Issue 10, repository scale: which files a walk takes (.gitignore, exclude/extend-exclude,
--force-exclude, hidden and virtualenv folders), the warning for a path with no Python file,
and per-file-ignores.

Unit tests call :func:`livemigrate.discovery.iter_source_files` with a
:class:`~livemigrate.settings.SettingsResolver`, as the engine does; the ``test_cli_*`` tests
drive the command line in-process.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from livemigrate import discovery, patterns
from livemigrate.discovery import iter_source_files
from livemigrate.settings import CliOverrides, Settings, SettingsError, SettingsResolver
from livemigrate.source import SourceError

from test_cli import SESSION, run


def tree(root: Path, files: dict[str, str] | list[str]) -> Path:
    """Write ``files`` (name → text, or names of tiny modules) under ``root``."""
    items = files.items() if isinstance(files, dict) else ((name, "x = 1\n") for name in files)
    for name, text in items:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def repo(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def found(root: Path, *paths: str, **cli) -> list[str]:
    """What a run takes under ``paths`` (default: ``root``), relative to ``root``; errors as text."""
    resolver = SettingsResolver(CliOverrides(**cli))
    return [str(item) if isinstance(item, SourceError) else item.relative_to(root).as_posix()
            for item in iter_source_files([root / p for p in paths] or [root], resolver)]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # command-line patterns are relative to the current folder


# --- .gitignore ---------------------------------------------------------------------------

def test_gitignored_file_is_skipped_in_a_walk_but_checked_when_named(tmp_path: Path) -> None:
    tree(repo(tmp_path), {".gitignore": "generated.py\nout/\n", "app.py": "", "generated.py": "",
                          "out/x.py": "", "pkg/generated.py": ""})
    assert found(tmp_path) == ["app.py"]
    assert found(tmp_path, "generated.py", "out/x.py") == ["generated.py", "out/x.py"]
    # pre-commit names every staged file: --force-exclude applies .gitignore to them too, and to
    # the folders above them
    assert found(tmp_path, "generated.py", "out/x.py", "app.py", force_exclude=True) == ["app.py"]


def test_nested_gitignore_applies_to_its_own_tree_with_negation(tmp_path: Path) -> None:
    tree(repo(tmp_path), {
        ".gitignore": "gen_*.py\nout/\n",
        "gen_a.py": "", "sub/gen_b.py": "", "sub/gen_keep.py": "",
        "sub/.gitignore": "!gen_keep.py\nlocal.py\n", "sub/local.py": "", "local.py": "",
        # a file inside an ignored folder stays ignored, whatever that folder's .gitignore says
        "out/.gitignore": "!*.py\n", "out/kept.py": "",
    })
    assert found(tmp_path) == ["local.py", "sub/gen_keep.py"]


def test_the_walk_agrees_with_git(tmp_path: Path) -> None:
    tree(repo(tmp_path), {
        ".gitignore": "*.gen.py\n/top_only.py\ndocs/*\n!docs/keep/\nlogs/\n\\#hash.py\n# a comment\nsp\\ ace.py \n",
        "a.gen.py": "", "top_only.py": "", "pkg/top_only.py": "", "pkg/b.gen.py": "", "#hash.py": "",
        "docs/x.py": "", "docs/keep/y.py": "", "docs/keep/z.gen.py": "", "logs/l.py": "", "sp ace.py": "",
        "pkg/.gitignore": "!b.gen.py\n*\n!*.py\n!*/\nsecret*\n", "pkg/sub/c.py": "", "pkg/secret1.py": "",
        "pkg/sub/.gitignore": "!secret2.py\n", "pkg/sub/secret2.py": "", "pkg/sub/secret3.py": "",
        "more/.gitignore": "out/\n!out/keep.py\n**/cache/**\na/**/deep.py\n\\!bang.py\n/anchored.py\n",
        "more/out/keep.py": "", "more/x/cache/c.py": "", "more/a/b/c/deep.py": "", "more/a/deep.py": "",
        "more/!bang.py": "", "more/anchored.py": "", "more/x/anchored.py": "", "more/cache.py": "",
    })
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"}
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    by_git = sorted(name for name in listed if name.endswith(".py"))
    assert by_git == sorted(found(tmp_path, exclude=()))
    assert by_git == ["docs/keep/y.py", "more/cache.py", "more/x/anchored.py", "pkg/b.gen.py", "pkg/sub/c.py",
                      "pkg/sub/secret2.py", "pkg/top_only.py"]


def test_git_info_exclude_is_honoured(tmp_path: Path) -> None:
    tree(repo(tmp_path), ["scratch.py", "app.py"])
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("# mine\nscratch.py\n")
    assert found(tmp_path) == ["app.py"]


def test_gitignore_of_a_folder_above_the_one_named_applies(tmp_path: Path) -> None:
    tree(repo(tmp_path), {".gitignore": "/src/gen/\n*_pb2.py\n", "src/gen/a.py": "", "src/app.py": "",
                          "src/api_pb2.py": ""})
    assert found(tmp_path, "src") == ["src/app.py"]


def test_no_respect_gitignore(tmp_path: Path) -> None:
    tree(repo(tmp_path), {".gitignore": "generated.py\n", "generated.py": "", "app.py": ""})
    assert found(tmp_path, respect_gitignore=False) == ["app.py", "generated.py"]
    result = run("check", "--no-respect-gitignore", "--output-format", "json", str(tmp_path))
    assert result.exit_code == 0 and "warning" not in result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.livemigrate]\nrespect-gitignore = false\n")
    assert found(tmp_path) == ["app.py", "generated.py"]


def test_gitignore_outside_a_repository_does_not_apply(tmp_path: Path) -> None:
    # as git: with no .git above, a .gitignore is just a file
    tree(tmp_path, {".gitignore": "generated.py\n", "generated.py": "", "app.py": ""})
    assert found(tmp_path) == ["app.py", "generated.py"]


def test_a_nested_repository_has_its_own_rules(tmp_path: Path) -> None:
    tree(repo(tmp_path), {".gitignore": "vendored.py\n", "vendored.py": ""})
    tree(repo(tmp_path / "lib"), {"vendored.py": "", ".gitignore": "own.py\n", "own.py": ""})
    assert found(tmp_path) == ["lib/vendored.py"]


# --- exclude / extend-exclude -------------------------------------------------------------

def test_default_excludes_hidden_folders_and_virtualenvs(tmp_path: Path) -> None:
    tree(tmp_path, ["app.py", ".venv/lib/x.py", "venv/x.py", "node_modules/pkg/x.py", "build/x.py",
                    ".hidden/x.py", "env2/lib/x.py", "notebooks/.ipynb_checkpoints/a.py", ".config.py"])
    (tmp_path / "env2" / "pyvenv.cfg").write_text("home = /usr/bin\n")  # a virtualenv by any name
    assert found(tmp_path) == [".config.py", "app.py"]
    # named on the command line, such a folder is walked: the user asked for it
    assert found(tmp_path, "env2", "build") == ["env2/lib/x.py", "build/x.py"]


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(tmp_path: Path) -> None:
    tree(tmp_path, ["app.py", "venv/x.py", "gen/y.py", "src/gen/z.py", "src/gen.py"])
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nexclude = ["gen"]\n')
    assert found(tmp_path) == ["app.py", "src/gen.py", "venv/x.py"]
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nextend-exclude = ["/gen/", "src/*.py"]\n')
    assert found(tmp_path) == ["app.py", "src/gen/z.py"]


def test_exclude_patterns_are_relative_to_their_config(tmp_path: Path) -> None:
    tree(tmp_path, ["app/src/gen/a.py", "app/src/b.py", "src/gen/c.py"])
    (tmp_path / "app" / "pyproject.toml").write_text('[tool.livemigrate]\nextend-exclude = ["src/gen"]\n')
    assert found(tmp_path) == ["app/src/b.py", "src/gen/c.py"]


def test_cli_exclude_patterns_are_relative_to_the_current_folder(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, ["sub/gen/a.py", "sub/b.py", "gen/c.py"])
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nselect = ["LM"]\n')
    monkeypatch.chdir(tmp_path / "sub")
    assert found(tmp_path, extend_exclude=("gen/*.py",)) == ["gen/c.py", "sub/b.py"]
    assert found(tmp_path, exclude=("b.py",)) == ["gen/c.py", "sub/gen/a.py"]


def test_a_pattern_naming_the_folder_given_does_not_empty_it(tmp_path: Path) -> None:
    tree(repo(tmp_path), {".gitignore": "out/\n*_pb2.py\n", "out/a.py": "", "out/b_pb2.py": "",
                          "out/node_modules/c.py": ""})
    # only what names the entries applies, as ruff does for a folder named on the command line
    assert found(tmp_path, "out") == ["out/a.py"]
    assert found(tmp_path, "out", force_exclude=True) == []


def test_force_exclude_applies_exclude_to_named_files_and_their_folders(tmp_path: Path) -> None:
    tree(tmp_path, ["app.py", "build/x.py", "migrations/0001.py"])
    (tmp_path / "pyproject.toml").write_text(
        '[tool.livemigrate]\nextend-exclude = ["migrations"]\nforce-exclude = true\n')
    assert found(tmp_path, "app.py", "build/x.py", "migrations/0001.py") == ["app.py"]
    assert found(tmp_path, "app.py", "build/x.py", force_exclude=False) == ["app.py", "build/x.py"]


def test_cli_force_exclude_for_pre_commit(tmp_path: Path) -> None:
    tree(repo(tmp_path), {".gitignore": "generated.py\n", "generated.py": SESSION, "app.py": "x = 1\n"})
    named = run("check", str(tmp_path / "generated.py"))
    assert named.exit_code == 1 and "LM001" in named.stdout
    forced = run("check", "--force-exclude", str(tmp_path / "generated.py"), str(tmp_path / "app.py"))
    assert forced.exit_code == 0 and "LM001" not in forced.stdout
    assert "warning" not in forced.stderr  # app.py was checked: nothing to say about the excluded one


def test_a_bad_exclude_pattern_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"extend-exclude: '\[z-a\]' is not a valid"):
        Settings(extend_exclude=("[z-a]",))
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nexclude = ["!"]\n')
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "pyproject.toml" in result.stderr and "'!'" in result.stderr


def test_patterns_are_compiled_once_per_settings_not_per_file(tmp_path: Path, monkeypatch) -> None:
    tree(tmp_path, [f"pkg{i}/m{j}.py" for i in range(5) for j in range(10)])
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nextend-exclude = ["gen*"]\n'
                                             'per-file-ignores = {"pkg1/*" = ["LM1"]}\n')
    resolver = SettingsResolver()
    resolver.for_folder(tmp_path)  # the settings are built (and their patterns compiled) here
    calls = []
    original = patterns._compiled
    monkeypatch.setattr(patterns, "_compiled", lambda lines: calls.append(lines) or original(lines))
    files = [p for p in iter_source_files([tmp_path], resolver) if not isinstance(p, SourceError)]
    assert len(files) == 50
    assert [resolver.for_path(p).enabled("LM101") for p in files].count(False) == 10
    assert calls == []  # matching 50 files and their folders compiled nothing


def test_a_nested_repository_is_not_governed_by_the_config_above_it(tmp_path: Path) -> None:
    # the config lookup stops at a folder holding .git, also when the walk passes it on
    tree(tmp_path, {"pyproject.toml": '[tool.livemigrate]\nextend-exclude = ["gen.py"]\n', "gen.py": "",
                    "app.py": "", "plain/gen.py": ""})
    tree(repo(tmp_path / "lib"), ["gen.py", "sub/gen.py"])
    assert found(tmp_path) == ["app.py", "lib/gen.py", "lib/sub/gen.py"]


NAME_PATTERNS = ["venv", "build/", "!keep", "*.pyc", "*.py", "!*_keep.py", "out/", "!out", "gen.py", "*_pb2.py/",
                 "a b", "sp\\ ace", "\\#x.py", "...", "*.", "x/", "!x/", "**/deep", "src/gen", "/top.py", "d?.py",
                 "# comment", "", "#x.py"]
NAMES = ["venv", "build", "keep", "m.pyc", ".pyc", "m.py", "m_keep.py", "out", "gen.py", "api_pb2.py", "a b",
         "sp ace", "#x.py", "...", "x", "x.", "deep", "gen", "top.py", "d1.py", "other"]


@pytest.mark.parametrize("count", [1, 2, 3, 5, len(NAME_PATTERNS)])
def test_name_patterns_give_gits_verdict(count: int) -> None:
    # plain names and suffixes are answered without pathspec's regular expressions: the verdict
    # must be what the last pathspec pattern matching the whole path gives, for every order
    for shift in range(len(NAME_PATTERNS)):
        lines = tuple((NAME_PATTERNS[shift:] + NAME_PATTERNS[:shift])[:count])
        compiled = patterns.compile_patterns("/proj", lines)
        for prefix in ("", "src/", "a/b/"):
            for name in NAMES:
                for is_dir in (False, True):
                    candidate = prefix + name + ("/" if is_dir else "")
                    expected = None
                    for pattern in compiled.spec.patterns:
                        result = pattern.match_file(candidate) if pattern.include is not None else None
                        if result is not None and result.match.end() == len(candidate):
                            expected = pattern.include
                    assert compiled.decide_entry(prefix, name, is_dir) is expected, (lines, candidate)
                    assert compiled.decide("/proj/" + prefix + name, is_dir) is expected, (lines, candidate)


# --- what a walk costs --------------------------------------------------------------------

def test_default_excludes_are_matched_by_name_without_regular_expressions(tmp_path: Path, monkeypatch) -> None:
    tree(tmp_path, ["app.py", "pkg/m.py", "build/x.py", "pkg/node_modules/y.py"])
    calls = []
    kind = type(Settings().excludes.spec.patterns[0])
    original = kind.match_file
    monkeypatch.setattr(kind, "match_file", lambda self, path: calls.append(path) or original(self, path))
    assert found(tmp_path) == ["app.py", "pkg/m.py"]
    assert calls == []


def test_a_walk_asks_the_file_system_only_about_what_is_there(tmp_path: Path, monkeypatch) -> None:
    # pyproject.toml, .git, .gitignore and pyvenv.cfg are looked for in the folder's listing,
    # not with a system call per folder; a file's settings come from its folder's, cached
    tree(repo(tmp_path), {"pyproject.toml": '[tool.livemigrate]\nselect = ["LM"]\n', ".gitignore": "gen.py\n",
                          "pkg0/.gitignore": "old.py\n", "pkg0/old.py": "",
                          **{f"pkg{i}/sub/m{j}.py": "" for i in range(4) for j in range(3)}})
    asked: list[str] = []
    for name in ("stat", "lstat"):
        monkeypatch.setattr(os, name, functools.partial(_recorded, getattr(os, name), asked))
    read: list[str] = []
    monkeypatch.setattr(discovery, "read_ignore_file",
                        lambda folder, path, _read=discovery.read_ignore_file: read.append(path) or _read(folder, path))
    resolver = SettingsResolver()
    files = [item for item in iter_source_files([tmp_path], resolver) if not isinstance(item, SourceError)]
    assert len(files) == 12
    special = {"pyproject.toml", ".git", ".gitignore", "pyvenv.cfg"}
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in asked if Path(p).name in special) == [
        ".git", "pyproject.toml"]  # the repository's git folder, and the one config: both at the top
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in read) == [
        ".git/info/exclude", ".gitignore", "pkg0/.gitignore"]
    del asked[:]
    assert {resolver.for_file(p).config_file for p in files} == {str(tmp_path / "pyproject.toml")}
    assert asked == []  # one dict lookup per file


IMPORTS_PATHSPEC = """
import sys
from livemigrate.cli import main
code = main(sys.argv[1:])
print("PATHSPEC", "pathspec" in sys.modules, file=sys.stderr)
sys.exit(code)
"""


def test_the_default_excludes_do_not_import_pathspec(tmp_path: Path) -> None:
    # name patterns need no regular expressions; a run they govern skips pathspec's start-up
    tree(tmp_path, ["app.py", "pkg/m.py", "build/x.py", "pkg/node_modules/y.py"])

    def pathspec_imported(*args: str) -> bool:
        done = subprocess.run([sys.executable, "-c", IMPORTS_PATHSPEC, "check", "--no-cache", *args, "."],
                              cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stderr.rsplit("PATHSPEC ", 1)[-1].strip() == "True"

    assert not pathspec_imported()
    assert not pathspec_imported("--extend-exclude", "gen/,*_pb2.py,!keep.py")
    assert pathspec_imported("--extend-exclude", "gen/*.py")  # a glob past a slash: pathspec's job
    repo(tmp_path)
    (tmp_path / ".gitignore").write_text("# generated\n\n*_pb2.py\nout/\n")
    assert not pathspec_imported()  # comments, blank lines, names: still nothing for pathspec
    (tmp_path / ".gitignore").write_text("/top.py\n")
    assert pathspec_imported()


def _recorded(call, asked: list[str], path, *args, **kwargs):
    if not isinstance(path, int):
        asked.append(os.fspath(path))
    return call(path, *args, **kwargs)


# --- a path with nothing to check ---------------------------------------------------------

def test_cli_warns_about_a_path_with_no_python_files(tmp_path: Path) -> None:
    tree(tmp_path, {"empty/README.md": "", "vendored/node_modules/x.py": "", "app.py": "x = 1\n"})
    result = run("check", str(tmp_path / "empty"), str(tmp_path / "vendored"), str(tmp_path / "app.py"))
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"livemigrate: warning: no Python files or notebooks found under {tmp_path / name} "
        f"(empty, or all excluded or gitignored)" for name in ("empty", "vendored")]
    assert "warning" not in run("check", str(tmp_path / "app.py")).stderr
    assert "warning" not in run("check", "-q", str(tmp_path / "empty")).stderr  # --quiet: findings only


def test_cli_warns_once_when_every_named_file_is_force_excluded(tmp_path: Path) -> None:
    tree(tmp_path, ["build/a.py", "build/b.py"])
    result = run("fix", "--force-exclude", str(tmp_path / "build" / "a.py"), str(tmp_path / "build" / "b.py"))
    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if "warning" in line] == [
        f"livemigrate: warning: no Python files or notebooks found under {tmp_path / 'build' / name} "
        f"(empty, or all excluded or gitignored)" for name in ("a.py", "b.py")]


def test_cli_a_bad_config_below_the_folder_named_is_exit_2_not_a_crash(tmp_path: Path) -> None:
    tree(tmp_path, {"sub/pyproject.toml": "[tool.livemigrate]\nselect = [1]\n", "sub/a.py": "", "b.py": ""})
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'sub'}: configuration: {tmp_path / 'sub' / 'pyproject.toml'}" in result.stderr
    assert "select must be a list of strings; its files were not checked" in result.stderr


# --- per-file-ignores ---------------------------------------------------------------------

def codes_by_file(stdout: str, root: Path) -> set[tuple[str, str]]:
    return {(Path(r["filename"]).relative_to(root).as_posix(), r["code"]) for r in json.loads(stdout)}


def test_cli_per_file_ignores_from_a_subfolder_config(tmp_path: Path) -> None:
    tree(tmp_path, {"proj/pyproject.toml": '[tool.livemigrate]\nper-file-ignores = {"tests/*" = ["LM001"]}\n',
                    "proj/tests/agent.py": SESSION, "proj/agent.py": SESSION, "tests/agent.py": SESSION})
    result = run("check", "--output-format", "json", "--select", "LM001", str(tmp_path))
    assert codes_by_file(result.stdout, tmp_path) == {("proj/agent.py", "LM001"), ("tests/agent.py", "LM001")}


def test_per_file_ignores_patterns_and_negation(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.livemigrate]\nselect = ["LM001", "LM002"]\n'
        '[tool.livemigrate.per-file-ignores]\n"legacy/**/*.py" = ["LM001"]\n"__init__.py" = ["lm002"]\n'
        '[tool.livemigrate.extend-per-file-ignores]\n"!src/**" = ["LM002"]\n')
    (tmp_path / "src").mkdir()
    resolver = SettingsResolver()

    def on(name: str) -> list[str]:
        settings = resolver.for_path(tmp_path / name)
        return [code for code in ("LM001", "LM002") if settings.enabled(code)]

    assert on("src/app.py") == ["LM001", "LM002"]
    assert on("legacy/a/b/old.py") == []  # LM001 by the pattern, LM002: not under src
    assert on("src/legacy/x.py") == ["LM001", "LM002"]  # anchored at the config's folder
    assert on("src/pkg/__init__.py") == ["LM001"]  # a bare name matches at any depth
    assert resolver.for_path(tmp_path / "src") == resolver.for_path(tmp_path / "src" / "app.py")


@pytest.mark.parametrize(("table", "message"), [
    ('per-file-ignores = ["LM1"]', "per-file-ignores must be a table of file pattern = list of rule ids"),
    ('per-file-ignores = {"tests/*" = "LM1"}', "per-file-ignores 'tests/\\*' must be a list of strings"),
    ('per-file-ignores = {"tests/*" = ["E501"]}', "per-file-ignores: 'E501' \\(for 'tests/\\*'\\) matches no rule"),
    ('extend-per-file-ignores = {"x" = ["lm-1"]}', "extend-per-file-ignores 'x': 'LM-1' is not a rule id"),
    ('per-file-ignores = {"[z-a]" = ["LM1"]}', "per-file-ignores: '\\[z-a\\]' is not a valid"),
])
def test_cli_bad_per_file_ignores_is_exit_2_naming_the_key(tmp_path: Path, table: str, message: str) -> None:
    tree(tmp_path, {"pyproject.toml": f"[tool.livemigrate]\n{table}\n", "a.py": SESSION})
    result = run("check", str(tmp_path / "a.py"))
    assert result.exit_code == 2
    assert str(tmp_path / "pyproject.toml") in result.stderr
    assert re.search(message, result.stderr), result.stderr


def test_cli_bad_per_file_ignores_in_a_subfolder_is_exit_2(tmp_path: Path) -> None:
    tree(tmp_path, {"sub/pyproject.toml": '[tool.livemigrate]\nper-file-ignores = {"t/*" = ["XY1"]}\n',
                    "sub/a.py": SESSION})
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "per-file-ignores: 'XY1' (for 't/*') matches no rule" in result.stderr
