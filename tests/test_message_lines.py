"""A line a finding's message names ("... in an async for loop, line 29") moves with the
finding: ``fix --diff`` reports the remaining findings at their lines in the file as read, so
the lines in their messages are those of the file as read too (they were the fixed text's);
in a notebook they are lines of a cell, as the finding's own line is."""

from __future__ import annotations

import json
import re
from pathlib import Path

from livemigrate.cache import ResultCache
from livemigrate.engine import Linter
from livemigrate.settings import Settings

from harness import REPO, dedent

SEED_THEN_LOOP = REPO / "fixtures" / "rules" / "LM102" / "before.py"


def _loop_line(message: str) -> int:
    return int(re.search(r"loop, line (\d+)", message).group(1))


def test_fix_diff_names_the_lines_of_the_file_as_read(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_bytes(SEED_THEN_LOOP.read_bytes())
    checked = {f.rule_id: f for f in Linter(Settings()).check_bytes(path.read_bytes(), str(path)).findings}
    [report] = Linter(Settings()).fix_paths([path], write=False)
    assert report.changed  # the LM102 fix adds a line above the loop
    remaining = {f.rule_id: f for f in report.findings}
    assert remaining["LM402"].line == checked["LM402"].line
    assert _loop_line(remaining["LM402"].message) == _loop_line(checked["LM402"].message)
    assert path.read_bytes() == SEED_THEN_LOOP.read_bytes()


CELLS = [
    "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n",
    dedent('''
        async def mic(session, stream):
            async for chunk in stream:
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
    '''),
    dedent('''
        import asyncio

        async def main(stream):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await asyncio.gather(mic(s, stream))
    '''),
]


def _notebook(cells: list[str]) -> bytes:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [],
         "source": text.splitlines(keepends=True)} for i, text in enumerate(cells)]}, indent=1).encode()


def test_a_notebook_finding_names_the_line_of_the_cell_it_means() -> None:
    [finding] = [f for f in Linter(Settings()).check_bytes(_notebook(CELLS), "nb.ipynb").findings
                 if f.rule_id == "LM402"]
    assert (finding.cell, finding.line) == (3, 4)  # cells are numbered among all cells, from 1
    assert "async for loop, line 3 of cell 2)" in finding.message  # the send in the loop


def test_a_line_in_the_findings_own_cell_is_a_plain_line() -> None:
    together = ["import os\n", "".join(CELLS)]  # virtual line 7 is line 6 of cell 2
    [finding] = [f for f in Linter(Settings()).check_bytes(_notebook(together), "nb.ipynb").findings
                 if f.rule_id == "LM402"]
    assert "async for loop, line 6)" in finding.message


def test_no_output_shows_the_marks_around_a_named_line(tmp_path: Path) -> None:
    report = Linter(Settings()).check_bytes(SEED_THEN_LOOP.read_bytes(), "app.py")
    messages = [f.message for f in report.findings]
    assert any("line 29" in m for m in messages)
    assert not any("\ue000" in m or "\ue001" in m for m in messages)


def test_a_cached_finding_keeps_the_lines_its_message_names(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_bytes(SEED_THEN_LOOP.read_bytes())
    cache = tmp_path / "cache"
    cold = [r.findings for r in Linter(Settings()).check_paths([project], cache=ResultCache(cache))]
    warm_cache = ResultCache(cache)
    warm = [r.findings for r in Linter(Settings()).check_paths([project], cache=warm_cache)]
    assert warm_cache.hits == 1
    assert warm == cold  # line_refs included: a warm finding moves its message's lines as a cold one
    assert any(f.line_refs for f in warm[0])
