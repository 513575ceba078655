"""livemigrate as a CI citizen: the pre-commit hooks (checked by pre-commit itself, and run with
`pre-commit try-repo` on a throwaway repository), the composite GitHub Action (its schema, and
its shell steps run with a stand-in `uvx`), and `uvx livemigrate check`.

The try-repo and uvx tests install livemigrate from this checkout into a fresh environment,
which downloads its dependencies (and the build backend) from PyPI: they are the slow ones.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from livemigrate.cli import main

from harness import REPO, dedent

yaml = pytest.importorskip("yaml")

LEGACY = dedent('''
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        thinking_config=types.ThinkingConfig(thinking_budget=1024),
    )


    async def main():
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_realtime_input(text="hi")
''')
CLEAN = "print('nothing to see')\n"
NOTEBOOK = REPO / "fixtures" / "notebooks" / "live_session.ipynb"
HOOKS = REPO / ".pre-commit-hooks.yaml"
ACTION = REPO / "action.yml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "legacy.py").write_text(LEGACY)
    (tmp_path / "clean.py").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- pre-commit ----------------------------------------------------------------------------

def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text())}


def test_hooks_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    loaded = clientlib.load_manifest(str(HOOKS))  # raises on a manifest pre-commit refuses
    assert [hook["id"] for hook in loaded] == ["livemigrate-check", "livemigrate-fix"]
    for hook in loaded:
        assert hook["language"] == "python"
        assert hook["types_or"] == ["python", "pyi", "jupyter"]
        assert hook["require_serial"] is False


@pytest.mark.parametrize("hook_id, command", [("livemigrate-check", "check"), ("livemigrate-fix", "fix")])
def test_hook_entries_are_livemigrate_commands(project: Path, hook_id: str, command: str) -> None:
    entry = shlex.split(hooks()[hook_id]["entry"])
    assert entry[:2] == ["livemigrate", command]
    # pre-commit appends the staged file names to the entry
    assert main([*entry[1:], "clean.py"]) == 0
    assert main([*entry[1:], "legacy.py", "clean.py"]) == (0 if command == "fix" else 1)
    if command == "fix":
        assert "gemini-3.1-flash-live-preview" in (project / "legacy.py").read_text()


def _git(*args: str, cwd: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _snapshot_of_this_checkout(destination: Path) -> Path:
    """This working tree as it is (uncommitted work included), committed in a new repository:
    `pre-commit try-repo` installs a hooks repository from its git history."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():  # a deleted, not yet committed file is still listed
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    _git("init", "-q", cwd=destination)
    _git("add", "-A", cwd=destination)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=destination)
    return destination


@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(),
                    reason="needs git and a git checkout of livemigrate")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    hooks_repo = _snapshot_of_this_checkout(tmp_path / "livemigrate")
    user = tmp_path / "user-project"
    user.mkdir()
    (user / "legacy.py").write_text(LEGACY)
    (user / "clean.py").write_text(CLEAN)
    shutil.copy(NOTEBOOK, user / "notebook.ipynb")
    (user / "notes.txt").write_text(LEGACY)  # not Python: the hook's types keep it out
    _git("init", "-q", cwd=user)
    _git("add", "-A", cwd=user)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)

    def try_repo(hook: str, *files: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks_repo), hook,
                               "--verbose", "--files", *files],
                              cwd=user, env=env, capture_output=True, text=True, timeout=900)

    found = try_repo("livemigrate-check", "legacy.py", "clean.py", "notebook.ipynb", "notes.txt")
    assert found.returncode == 1, found.stdout + found.stderr
    assert "legacy.py:4:9: LM001" in found.stdout
    assert re.search(r"notebook\.ipynb:cell \d+:\d+:\d+: LM", found.stdout)
    assert "notes.txt" not in found.stdout
    clean = try_repo("livemigrate-check", "clean.py")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"livemigrate check\.+Passed", clean.stdout)

    fixed = try_repo("livemigrate-fix", "legacy.py")
    assert fixed.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in fixed.stdout
    assert "gemini-3.1-flash-live-preview" in (user / "legacy.py").read_text()


# --- the GitHub Action ---------------------------------------------------------------------

def action() -> dict:
    return yaml.safe_load(ACTION.read_text())


def test_action_matches_the_schema_of_action_files() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("check_jsonschema", reason="check-jsonschema ships SchemaStore's github-action schema")
    schema_file = importlib.resources.files("check_jsonschema.builtin_schemas.vendor").joinpath("github-actions.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(action())]
    assert not errors, errors


def _expressions(node) -> list[str]:
    if isinstance(node, dict):
        return [e for value in node.values() for e in _expressions(value)]
    if isinstance(node, list):
        return [e for value in node for e in _expressions(value)]
    return re.findall(r"\$\{\{\s*(.*?)\s*\}\}", node) if isinstance(node, str) else []


def test_action_uses_what_it_declares() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    steps = spec["runs"]["steps"]
    used = set()
    for expression in _expressions(spec["runs"]) + _expressions(spec["outputs"]) + [
            step["if"] for step in steps if "if" in step]:
        used |= set(re.findall(r"inputs\.([\w-]+)", expression))
        for step_id, output in re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            (writer,) = [s for s in steps if s.get("id") == step_id]
            assert re.search(rf'echo "{re.escape(output)}=', writer["run"]), (step_id, output)
    assert used == set(spec["inputs"]), "every input is used, and only declared inputs are"
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach a script through env, never spliced into its text (script injection)
            assert "${{" not in step["run"]
        else:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", step["uses"]), step["uses"]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert "github/codeql-action/upload-sarif@v4" in uses


def _evaluate(expression: str, context: dict[str, str]) -> bool:
    """The `if:` conditions this action uses: comparisons with a literal, joined by `&&`."""
    results = []
    for clause in expression.split("&&"):
        match = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", clause)
        assert match, f"the test cannot evaluate {clause!r}: extend _evaluate"
        name, operator, literal = match.groups()
        value = context.get(name, "")
        results.append(value == literal if operator == "==" else value != literal)
    return all(results)


def _substitute(text: str, context: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: context.get(m.group(1), ""), text)


def run_action(workdir: Path, tmp_path: Path, **given: str) -> dict:
    """Run the action's steps as a runner would (bash -eo pipefail, $GITHUB_OUTPUT, the env
    built from the expressions), with a `uvx` that records its arguments and runs this
    checkout's livemigrate; a `uses:` step is recorded with its resolved inputs, not run."""
    spec = action()
    context = {f"inputs.{name}": given.get(name, declared.get("default", ""))
               for name, declared in spec["inputs"].items()}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    uvx = bin_dir / "uvx"
    uvx.write_text('#!/bin/sh\nprintf "%s\\n" "$*" >> "$UVX_LOG"\n[ "$1" = --from ] || exit 99\nshift 2\n'
                   '[ "$1" = livemigrate ] || exit 98\nshift\nexec "$PYTHON" -m livemigrate "$@"\n')
    uvx.chmod(uvx.stat().st_mode | stat.S_IEXEC)
    record = {"ran": [], "uses": {}, "uvx": tmp_path / "uvx.log", "exit": 0, "stdout": ""}
    for step in spec["runs"]["steps"]:
        if "if" in step and not _evaluate(step["if"], context):
            continue
        record["ran"].append(step.get("name"))
        if "uses" in step:
            record["uses"][step["uses"]] = {k: _substitute(str(v), context) for k, v in step.get("with", {}).items()}
            continue
        outputs = tmp_path / "github-output"
        outputs.write_text("")
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHON": sys.executable,
               "UVX_LOG": str(record["uvx"]), "GITHUB_OUTPUT": str(outputs), "GITHUB_ACTION_PATH": str(REPO),
               **{k: _substitute(str(v), context) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=workdir, env=env, capture_output=True, text=True, timeout=120)
        record["stdout"] += done.stdout
        for line in outputs.read_text().splitlines():
            name, _, value = line.partition("=")
            context[f"steps.{step['id']}.outputs.{name}"] = value
        if done.returncode != 0:
            record["exit"] = done.returncode
            break
    record["outputs"] = {name: _substitute(out["value"], context) for name, out in spec["outputs"].items()}
    return record


def test_action_uploads_then_fails_on_findings(project: Path, tmp_path_factory) -> None:
    record = run_action(project, tmp_path_factory.mktemp("runner"))
    assert record["outputs"] == {"exit-code": "1", "sarif-file": "livemigrate.sarif"}
    log = json.loads((project / "livemigrate.sarif").read_text())
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"LM001", "LM002"}
    assert record["uses"]["github/codeql-action/upload-sarif@v4"]["sarif_file"] == "livemigrate.sarif"
    assert record["ran"][-1] == "Fail when findings remain" and record["exit"] == 1
    assert "legacy.py:4:9: LM001" in record["stdout"]  # the findings in the job log
    # by default the action runs the livemigrate of its own ref
    assert record["uvx"].read_text().splitlines()[0] == f"--from {REPO} livemigrate check --output-format sarif ."


def test_action_passes_a_clean_tree(project: Path, tmp_path_factory) -> None:
    (project / "legacy.py").unlink()
    record = run_action(project, tmp_path_factory.mktemp("runner"))
    assert record["outputs"]["exit-code"] == "0" and record["exit"] == 0
    assert "github/codeql-action/upload-sarif@v4" in record["uses"]
    assert "Fail when findings remain" not in record["ran"]


def test_action_inputs(project: Path, tmp_path_factory) -> None:
    (project / "sub").mkdir()
    (project / "sub" / "x.py").write_text(LEGACY)
    record = run_action(project, tmp_path_factory.mktemp("runner"), args="sub --select LM002", version="0.1.0",
                        **{"sarif-file": "lm.sarif", "upload-sarif": "false"})
    calls = record["uvx"].read_text().splitlines()
    assert calls == ["--from livemigrate==0.1.0 livemigrate check --output-format sarif sub --select LM002",
                     "--from livemigrate==0.1.0 livemigrate check --output-format github sub --select LM002"]
    results = json.loads((project / "lm.sarif").read_text())["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["LM002"]
    assert record["uses"] == {"astral-sh/setup-uv@v7": {}}  # no upload
    assert "::error title=livemigrate (LM002),file=sub/x.py" in record["stdout"]  # annotations instead
    assert record["exit"] == 1


def test_action_args_are_not_globbed(project: Path, tmp_path_factory) -> None:
    record = run_action(project, tmp_path_factory.mktemp("runner"), args="*.py")
    assert "check --output-format sarif *.py" in record["uvx"].read_text()
    assert record["outputs"]["exit-code"] == "2" and record["exit"] == 2  # no file is named '*.py'


# --- uvx -----------------------------------------------------------------------------------

def _uvx() -> list[str] | None:
    try:
        from uv import find_uv_bin
    except ImportError:
        found = shutil.which("uvx")
        return [found] if found else None
    uv = Path(find_uv_bin())
    uvx = uv.with_name("uvx" + uv.suffix)
    return [str(uvx)] if uvx.exists() else [str(uv), "tool", "run"]


@pytest.mark.skipif(_uvx() is None, reason="uv is not installed")
def test_uvx_livemigrate_check(project: Path, tmp_path_factory) -> None:
    cache = tmp_path_factory.mktemp("uv-cache")  # a fresh cache: this checkout is built, not a stale copy
    env = {**os.environ, "UV_CACHE_DIR": str(cache), "UV_PYTHON": sys.executable, "UV_PYTHON_DOWNLOADS": "never",
           "UV_NO_CONFIG": "1"}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run([*_uvx(), "--from", str(REPO), "livemigrate", "check", "."], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stderr
    assert "legacy.py:4:9: LM001" in result.stdout
    version = subprocess.run([*_uvx(), "--from", str(REPO), "livemigrate", "--version"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=600)
    from livemigrate import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"livemigrate, version {__version__}"
