"""Settings per scanned file (nearest ``[tool.livemigrate]``, like ruff), their validation, and
the refusal to run rule code from a config file other users can change.

The ``test_cli_*`` tests drive the CLI in-process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from livemigrate.engine import Linter
from livemigrate.settings import (DEFAULT_MAX_FILE_SIZE, CliOverrides, Settings, SettingsError,
                                  SettingsResolver, load_settings, parse_size)

from test_cli import SESSION, run
from harness import dedent

ROOT = os.geteuid() == 0

RULE = dedent('''
    """A user rule.

    ## What it does
    x
    ## Why is this bad?
    x
    ## Example
    x
    ## Use instead
    x
    ## Fix safety
    none
    """
    from livemigrate.rule import Rule


    class Mine(Rule):
        id = "LM901"
        name = "mine"
        message = "mine"

        def check(self, ctx):
            pass
''')


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def project_with_rules(folder: Path) -> Path:
    """A project whose pyproject.toml names a rule folder; returns the pyproject path."""
    write(folder / "rules" / "lm901_mine.py", RULE)
    return write(folder / "pyproject.toml", '[tool.livemigrate]\nrule-paths = ["rules"]\n')


# --- per-file resolution ----------------------------------------------------------------

def test_each_file_gets_its_nearest_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM3"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM001"]\n')
    write(tmp_path / "b" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM002"]\n')
    write(tmp_path / "c" / "pyproject.toml", '[project]\nname = "c"  # no [tool.livemigrate] here\n')
    resolver = SettingsResolver()
    a = resolver.for_path(tmp_path / "a" / "deep" / "x.py")
    assert a.select == ("LM001",) and a.config_file == str(tmp_path / "a" / "pyproject.toml")
    assert resolver.for_path(tmp_path / "b" / "y.py").select == ("LM002",)
    assert resolver.for_path(tmp_path / "c" / "z.py").select == ("LM3",)  # skips a pyproject without our table
    assert resolver.for_path(tmp_path / "top.py").select == ("LM3",)
    assert resolver.for_path(tmp_path / "a").select == ("LM001",)  # a folder is its own start
    assert resolver.for_path(tmp_path / "a" / "x.py") is a  # one Settings per config file


def test_lookup_is_cached_per_folder(tmp_path: Path) -> None:
    """Folders passed on the way up are remembered: a config added later is not seen in this run."""
    write(tmp_path / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM001"]\n')
    resolver = SettingsResolver()
    first = resolver.for_path(tmp_path / "a" / "b" / "one.py")
    write(tmp_path / "a" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM002"]\n')
    assert resolver.for_path(tmp_path / "a" / "b" / "two.py") is first
    assert resolver.for_path(tmp_path / "a" / "three.py") is first
    assert SettingsResolver().for_path(tmp_path / "a" / "three.py").select == ("LM002",)  # a new run sees it


def test_the_walk_stops_at_the_project_root(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM001"]\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert SettingsResolver().for_path(tmp_path / "repo" / "src" / "x.py") == Settings()
    write(tmp_path / "wt" / ".git", "gitdir: ../elsewhere\n")  # a worktree's .git is a file
    assert SettingsResolver().for_path(tmp_path / "wt" / "x.py").config_file is None
    write(tmp_path / "repo" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM002"]\n')
    assert SettingsResolver().for_path(tmp_path / "repo" / "src" / "x.py").select == ("LM002",)


def test_explicit_config_wins_for_every_file(tmp_path: Path) -> None:
    write(tmp_path / "a" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM001"]\n')
    chosen = write(tmp_path / "ci.toml", '[tool.livemigrate]\nselect = ["LM2"]\n')
    resolver = SettingsResolver(explicit_config=chosen)
    assert resolver.for_path(tmp_path / "a" / "x.py").select == ("LM2",)
    assert resolver.for_path(tmp_path / "x.py").config_file == str(chosen)


def test_command_line_overrides_every_config(tmp_path: Path) -> None:
    write(tmp_path / "a" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM001"]\nignore = ["LM0011"]\n')
    cli = CliOverrides(select=("LM0", "LM2"), ignore=("LM006",), max_file_size=2048, unsafe_fixes=True)
    got = SettingsResolver(cli).for_path(tmp_path / "a" / "x.py")
    assert got.select == ("LM0", "LM2") and got.ignore == ("LM0011", "LM006")  # --ignore adds, as before
    assert got.max_file_size == 2048 and got.unsafe_fixes is True
    assert SettingsResolver(cli).for_path(tmp_path / "x.py").select == ("LM0", "LM2")


def test_load_settings_still_finds_the_nearest_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.livemigrate]\nignore = ["LM001"]\ntarget = "3.1"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert load_settings().ignore == ("LM001",)


# --- validation -------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (2048, 2048), ("10MB", 10_000_000), ("10 mb", 10_000_000), ("1.5MB", 1_500_000), ("512KB", 512_000),
    ("1MiB", 1_048_576), ("64KiB", 65_536), ("1GB", 1_000_000_000), ("300", 300), ("300B", 300),
])
def test_parse_size(value, expected: int) -> None:
    assert parse_size(value) == expected


@pytest.mark.parametrize("value", [0, -1, "0MB", "ten", "10 MBs", "1e3", True, 1.5, "", [1]])
def test_parse_size_refuses(value) -> None:
    with pytest.raises(SettingsError, match="max-file-size"):
        parse_size(value)


def test_max_file_size_key(tmp_path: Path) -> None:
    assert Settings().max_file_size == DEFAULT_MAX_FILE_SIZE == 10_000_000
    write(tmp_path / "pyproject.toml", '[tool.livemigrate]\nmax-file-size = "2MiB"\n')
    assert SettingsResolver().for_path(tmp_path / "x.py").max_file_size == 2 * 1024 * 1024
    write(tmp_path / "pyproject.toml", '[tool.livemigrate]\nmax-file-size = "huge"\n')
    with pytest.raises(SettingsError, match=r"pyproject.toml: \[tool.livemigrate\] max-file-size"):
        SettingsResolver().for_path(tmp_path / "x.py")


@pytest.mark.parametrize(("table", "message"), [
    ('target = "9.9"', r"target '9.9' is unknown \(known: 3.1, 3.8, 3.8-xt, or their model ids: "
                       r"gemini-3.1-flash-live-preview, gemini-3.8-live, gemini-3.8-live-extended-thinking\)"),
    ('select = ["LM-1"]', r"select: 'LM-1' is not a rule id or prefix"),
    ('ignore = ["LM0 01"]', r"ignore: 'LM0 01' is not a rule id or prefix"),
    ('unsafe-fixes = "yes"', r"unsafe-fixes must be true or false"),
    ('exclude = [1]', r"exclude must be a list of strings"),
    ('bogus = 1', r"unknown \[tool.livemigrate\] option\(s\): bogus"),
])
def test_bad_config_values_name_the_file(tmp_path: Path, table: str, message: str) -> None:
    config = write(tmp_path / "pyproject.toml", f"[tool.livemigrate]\n{table}\n")
    with pytest.raises(SettingsError, match=message) as raised:
        SettingsResolver().for_path(tmp_path / "x.py")
    assert str(raised.value).startswith(f"{config}: ")


def test_a_target_may_be_named_by_its_model_id() -> None:
    # `livemigrate check --target gemini-3.1-flash-live-preview` was refused although the engine
    # takes a model id for its profile
    assert Settings(target="gemini-3.1-flash-live-preview").target == "gemini-3.1-flash-live-preview"
    assert Linter(Settings(target="gemini-3.8-live")).target.name == "3.8"


def test_lowercase_ids_in_a_config_are_accepted() -> None:
    assert Settings(select=("lm001",)).select == ("LM001",)


def test_settings_validate_themselves() -> None:
    with pytest.raises(SettingsError, match="target '9.9' is unknown"):
        Settings(target="9.9")
    with pytest.raises(SettingsError, match="select: 'LM 1' is not a rule id"):
        Settings(select=("LM 1",))
    with pytest.raises(SettingsError, match="max-file-size"):
        Settings(max_file_size=0)
    with pytest.raises(SettingsError, match="target '2.5' is unknown"):
        Settings().merged(target="2.5")
    with pytest.raises(SettingsError, match="--select: 'L!' is not a rule id"):
        CliOverrides(select=("L!",))
    assert Settings(select=["LM1"]).select == ("LM1",)  # a list from a caller becomes a tuple


# --- rule code from config files ----------------------------------------------------------

def test_rule_paths_load_from_a_private_project(tmp_path: Path) -> None:
    config = project_with_rules(tmp_path / "proj")
    got = SettingsResolver().for_path(tmp_path / "proj" / "x.py")
    assert got.rule_paths == (str(tmp_path / "proj" / "rules"),) and got.config_file == str(config)


@pytest.mark.parametrize("writable", ["project folder", "pyproject.toml", "rule folder", "rule folder, sticky",
                                      "rule file", "folder above"])
def test_world_writable_config_refuses_rule_paths(tmp_path: Path, writable: str) -> None:
    proj = tmp_path / "above" / "proj"
    project_with_rules(proj)
    target, mode = {
        "project folder": (proj, 0o777),
        "pyproject.toml": (proj / "pyproject.toml", 0o666),
        "rule folder": (proj / "rules", 0o777),
        "rule folder, sticky": (proj / "rules", 0o1777),  # others may still add a module
        "rule file": (proj / "rules" / "lm901_mine.py", 0o666),
        "folder above": (tmp_path / "above", 0o777),
    }[writable]
    target.chmod(mode)
    with pytest.raises(SettingsError) as raised:
        SettingsResolver().for_path(proj / "x.py")
    message = str(raised.value)
    assert message.startswith(f"{proj / 'pyproject.toml'}: [tool.livemigrate] rule-paths:")
    assert f"{target} is writable by every user" in message
    assert f"chmod o-w {target}" in message and "--rule-path" in message
    assert "\n" not in message


def test_a_sticky_shared_folder_above_is_fine(tmp_path: Path) -> None:
    """Like /tmp: others may create entries there but cannot replace or change ours."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    project_with_rules(shared / "proj")
    assert SettingsResolver().for_path(shared / "proj" / "x.py").rule_paths == (str(shared / "proj" / "rules"),)


def test_a_symlink_in_a_writable_folder_is_not_trusted(tmp_path: Path) -> None:
    project_with_rules(tmp_path / "proj")
    drop = tmp_path / "drop"
    drop.mkdir()
    drop.chmod(0o777)
    (drop / "rules").symlink_to(tmp_path / "proj" / "rules")  # anyone can point this elsewhere
    write(tmp_path / "proj" / "pyproject.toml", f'[tool.livemigrate]\nrule-paths = ["{drop / "rules"}"]\n')
    with pytest.raises(SettingsError, match=f"{drop} is writable by every user"):
        SettingsResolver().for_path(tmp_path / "proj" / "x.py")


@pytest.mark.skipif(not ROOT, reason="only root may give a file to another user")
def test_config_owned_by_another_user_refuses_rule_paths(tmp_path: Path) -> None:
    config = project_with_rules(tmp_path / "proj")
    os.chown(config, 4321, -1)
    with pytest.raises(SettingsError, match=f"{config} is owned by uid 4321"):
        SettingsResolver().for_path(tmp_path / "proj" / "x.py")


@pytest.mark.skipif(not ROOT, reason="only root may give a file to another group")
def test_group_writable_by_a_shared_group_refuses_rule_paths(tmp_path: Path) -> None:
    project_with_rules(tmp_path / "proj")
    rules = tmp_path / "proj" / "rules"
    os.chown(rules, -1, 4321)
    rules.chmod(0o775)
    with pytest.raises(SettingsError, match=f"{rules} is writable by group 4321"):
        SettingsResolver().for_path(tmp_path / "proj" / "x.py")
    rules.chmod(0o755)
    assert SettingsResolver().for_path(tmp_path / "proj" / "x.py").rule_paths == (str(rules),)


def test_rule_path_given_on_the_command_line_is_trusted(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    write(rules / "lm901_mine.py", RULE)
    rules.chmod(0o777)
    got = SettingsResolver(CliOverrides(rule_paths=(str(rules),))).for_path(tmp_path / "x.py")
    assert got.rule_paths == (str(rules),)


def test_cli_refuses_rule_paths_from_a_world_writable_config(tmp_path: Path) -> None:
    config = project_with_rules(tmp_path / "proj")
    (tmp_path / "proj").chmod(0o777)
    write(tmp_path / "proj" / "agent.py", SESSION)
    result = run("check", "--config", str(config), str(tmp_path / "proj"))
    assert result.exit_code == 2
    assert "rule-paths" in result.stderr and "writable by every user" in result.stderr


# --- the command line (needs wiring) ------------------------------------------------------


def test_cli_two_subprojects_use_their_own_select(tmp_path: Path) -> None:
    write(tmp_path / "a" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM001"]\n')
    write(tmp_path / "b" / "pyproject.toml", '[tool.livemigrate]\nselect = ["LM002"]\n')
    write(tmp_path / "a" / "agent.py", SESSION)
    write(tmp_path / "b" / "agent.py", SESSION)
    result = run("check", str(tmp_path))
    codes = {(Path(line.split(":")[0]).parent.name, line.split()[1]) for line in result.stdout.splitlines()
             if ": LM" in line}
    assert codes == {("a", "LM001"), ("b", "LM002")}
