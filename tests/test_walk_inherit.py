"""A folder with no config, repository or .gitignore of its own is judged with its parent's judges,
each prefix grown by its name (``discovery._Folder.inner``), instead of being worked out again:
on any tree, the walk finds exactly what it finds when every folder is worked out on its own."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livemigrate import discovery
from livemigrate.discovery import iter_source_files
from livemigrate.settings import CliOverrides, SettingsResolver

FOLDERS = ["a", "b", "a/sub", "a/sub/deep", "b/build", "b/sub", "a/sub/deep/build", "gen", "gen/x"]
FILES = ["m.py", "keep.py", "drop.py", "x_pb2.py", "n.pyi"]
IGNORE_LINES = ["drop.py", "build/", "/sub", "sub/deep/", "*_pb2.py", "!keep.py", "deep/*.py", "**/x/*.py",
                "a/sub/m.py", "gen", "*.pyi", "/m.py"]
EXCLUDES = ["build", "a/sub", "gen/x", "*_pb2.py", "**/deep", "b/sub/m.py", "sub/"]
# path patterns that name files the trees may hold, from the top or from a folder below it
PATHS = [f"{folder}/{name}" for folder in FOLDERS for name in FILES] + [f"sub/{name}" for name in FILES]


@st.composite
def trees(draw):
    files = draw(st.lists(st.tuples(st.sampled_from(["", *FOLDERS]), st.sampled_from(FILES)), min_size=1, max_size=30,
                          unique=True))
    ignores = draw(st.dictionaries(st.sampled_from(["", *FOLDERS]), st.lists(st.sampled_from(IGNORE_LINES + PATHS), max_size=6),
                                   max_size=3))
    configs = draw(st.dictionaries(st.sampled_from(["", "a", "b", "a/sub"]),
                                   st.lists(st.sampled_from(EXCLUDES + PATHS), max_size=4), max_size=2))
    repo_below = draw(st.sampled_from([None, "a", "b/sub"]))
    return files, ignores, configs, repo_below


def _build(root: Path, files, ignores, configs, repo_below) -> None:
    (root / ".git").mkdir(parents=True)
    for folder, name in files:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / name).write_text("x = 1\n")
    for folder, lines in ignores.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / ".gitignore").write_text("".join(line + "\n" for line in lines))
    for folder, patterns in configs.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        listed = ", ".join(f'"{p}"' for p in patterns)
        (root / folder / "pyproject.toml").write_text(f"[tool.livemigrate]\nextend-exclude = [{listed}]\n")
    if repo_below is not None:
        (root / repo_below / ".git").mkdir(parents=True, exist_ok=True)


def _walk(root: Path, named: list[Path], overrides: CliOverrides) -> list[str]:
    return [str(item) for item in iter_source_files(named, SettingsResolver(overrides))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(trees(), st.booleans(), st.sampled_from([(), ("a/sub/deep",), ("build",)]), st.booleans())
def test_inherited_judges_are_the_judges_worked_out_afresh(tmp_path_factory, tree, respect_gitignore, cli_excludes,
                                                           from_below) -> None:
    root = tmp_path_factory.mktemp("tree")
    _build(root, *tree)
    overrides = CliOverrides(respect_gitignore=respect_gitignore, extend_exclude=cli_excludes)
    named = [root / "a", root / "b"] if from_below else [root]
    named = [path for path in named if path.exists()] or [root]
    inherited = _walk(root, named, overrides)
    original = discovery._inherits
    discovery._inherits = lambda names: False
    try:
        afresh = _walk(root, named, overrides)
    finally:
        discovery._inherits = original
    assert inherited == afresh


def test_a_folder_below_inherits_and_still_obeys_every_pattern(tmp_path: Path) -> None:
    _build(tmp_path, [("a/sub/deep", "m.py"), ("a/sub/deep", "drop.py"), ("a/sub", "x_pb2.py"), ("b/build", "m.py"),
                      ("gen/x", "m.py"), ("a", "keep.py")],
           {"": ["drop.py", "build/"], "a": ["*_pb2.py"]}, {"": ["gen/x"]}, None)
    calls: list[bool] = []
    original = discovery._inherits
    discovery._inherits = lambda names: calls.append(original(names)) or calls[-1]
    try:
        found = sorted(Path(p).relative_to(tmp_path).as_posix() for p in _walk(tmp_path, [tmp_path], CliOverrides()))
    finally:
        discovery._inherits = original
    assert found == ["a/keep.py", "a/sub/deep/m.py"]
    assert True in calls  # a/sub and a/sub/deep inherited


def test_path_patterns_two_folders_below_their_file(tmp_path: Path) -> None:
    """A pattern with a slash names a path from its file's folder: two inherited levels down
    the prefix must have grown by both names."""
    _build(tmp_path, [("a/sub", "m.py"), ("a/sub/deep", "m.py"), ("a/sub/deep", "n.pyi"), ("a", "m.py")],
           {"": ["a/sub/m.py", "sub/deep/"]}, {"": ["a/sub/deep/n.pyi"]}, None)
    found = sorted(Path(p).relative_to(tmp_path).as_posix() for p in _walk(tmp_path, [tmp_path], CliOverrides()))
    assert found == ["a/m.py", "a/sub/deep/m.py"]
