"""The rule pack loads identically from a source checkout / editable install and a built wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from livemigrate.rulepack import builtin_rules_dir, load_rules

from harness import REPO

PROBE = (
    "import json, livemigrate, livemigrate.rulepack as rp;"
    "print(json.dumps({'file': livemigrate.__file__, 'dir': str(rp.builtin_rules_dir()),"
    " 'rules': [[r.id, r.name, r.fix_availability.value] for r in rp.load_rules()]}))"
)


def _checkout_rules() -> list[list[str]]:
    return [[r.id, r.name, r.fix_availability.value] for r in load_rules()]


def test_checkout_loads_rules_from_the_repository() -> None:
    assert builtin_rules_dir() == REPO / "rules"
    assert {r[0] for r in _checkout_rules()} >= {"LM001", "LM002", "LM003", "LM004", "LM006", "LM201", "LM202"}


def test_wheel_ships_the_rule_pack(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("livemigrate-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    # `uvx livemigrate` / `pipx run livemigrate` run the console script named like the package
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode().split("[console_scripts]")[1].split("[")[0]
    assert "livemigrate = livemigrate.fastpath:console_main" in scripts.splitlines()
    assert "livemigrate/_rules/lm002_thinking_budget.py" in names
    assert not any(n.startswith("rules/") for n in names), "no top-level 'rules' package in site-packages"
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    probe = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    loaded = json.loads(probe.stdout)
    assert loaded["file"].startswith(str(unpacked)), "the probe must import the wheel, not the checkout"
    assert loaded["dir"] == str(unpacked / "livemigrate" / "_rules")
    assert loaded["rules"] == _checkout_rules()
    # and the wheel's CLI reports the same findings on the bundled app
    app = REPO / "fixtures" / "apps" / "voice_agent" / "agent.py"
    from_wheel = subprocess.run([sys.executable, "-m", "livemigrate", "check", str(app)], cwd=tmp_path, env=env,
                                capture_output=True, text=True)
    from_checkout = subprocess.run([sys.executable, "-m", "livemigrate", "check", str(app)], cwd=tmp_path,
                                   capture_output=True, text=True)
    assert from_wheel.returncode == from_checkout.returncode == 1
    assert from_wheel.stdout == from_checkout.stdout


def test_linter_never_imports_google_genai() -> None:
    code = ("import sys, livemigrate.cli, livemigrate.engine;"
            "from livemigrate.engine import Linter;"
            "Linter().check_bytes(open(sys.argv[1], 'rb').read(), 'a.py');"
            "bad = [m for m in sys.modules if m.startswith(('google.genai', 'websockets', 'trustme'))];"
            "print(bad); sys.exit(1 if bad else 0)")
    app = REPO / "fixtures" / "apps" / "voice_agent" / "agent.py"
    result = subprocess.run([sys.executable, "-c", code, str(app)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
