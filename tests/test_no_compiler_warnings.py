"""A string like `"\\d+"` is the user's: evaluating or compiling it (string values, the project
index, notebook cells, the fix's compile check) must not print the compiler's warning, which
Python 3.12+ shows by default as a SyntaxWarning (3.10 and 3.11 show it under -W default)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness import REPO

APP = (
    "from google import genai\n"
    "from config import MODEL\n"
    "client = genai.Client()\n"
    'PATTERN = "\\d+"\n'
    "async def main():\n"
    '    async with client.aio.live.connect(model="gemini-2.0-flash-live-001") as session:\n'
    '        await session.send(input="hi \\d", end_of_turn=True)\n'
)
CONFIG = 'MODEL = "gemini-2.0-flash-live-001"\nWORDS = "\\w+"\n'
CELL = 'from google import genai\nclient = genai.Client()\nx = "\\s"\nasync with client.aio.live.connect(model="gemini-2.0-flash-live-001") as s:\n    pass\n'


@pytest.mark.parametrize("command", [["check", "--no-cache"], ["fix", "--diff", "--unsafe-fixes", "--no-cache"]])
def test_no_warning_of_the_users_escapes_reaches_stderr(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "config.py").write_text(CONFIG)
    notebook = {"cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}, "outputs": [],
                           "source": CELL}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook))
    done = subprocess.run([sys.executable, "-W", "default", "-m", "livemigrate", *command, "."], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode in (0, 1), done.stderr
    assert "LM001" in done.stdout or "gemini-3.1" in done.stdout
    assert "Warning" not in done.stderr, done.stderr
