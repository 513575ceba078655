"""Jupyter notebooks: code cells are linted as one module, findings name the cell, and a fix
changes the fixed cells' ``source`` and not one other byte of the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from livemigrate.engine import Linter
from livemigrate.cli import cli
from livemigrate.discovery import iter_source_files
from livemigrate.notebooks import NotebookError, read_notebook
from livemigrate.settings import Settings
from livemigrate.source import SourceError

from harness import REPO, linter

NOTEBOOKS = REPO / "fixtures" / "notebooks"
LIVE = NOTEBOOKS / "live_session.ipynb"
LIVE_AS_PY = NOTEBOOKS / "live_session.py"  # its code cells, magic lines as comments
CLEAN = NOTEBOOKS / "clean.ipynb"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def copy(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target


# --- reading --------------------------------------------------------------------------

def test_code_cells_become_one_module_with_a_map_back_to_cells() -> None:
    notebook = read_notebook(LIVE.read_bytes(), str(LIVE))
    # the markdown cells are not code; magic lines are masked so the cell parses
    assert [cell.index for cell in notebook.code_cells] == [1, 2, 4, 5]
    assert notebook.virtual.splitlines()[0].strip() == "pass"
    assert "%pip" not in notebook.virtual and "!ls" not in notebook.virtual
    assert len(notebook.virtual.splitlines()) == len(LIVE_AS_PY.read_text().splitlines())
    # virtual line 5 is the model id: the 4th line of raw cell 2, shown as "cell 3"
    assert notebook.locate(5) == (3, 4)
    assert notebook.locate(13) == (6, 2)


def test_a_magic_line_continued_with_a_backslash_is_masked_with_its_continuation() -> None:
    # Google's samples: `%pip install a \` then indented package lines; and `!curl \` in a loop
    cells = ["%pip install --upgrade --quiet \\\n    \"google-genai\" \\\n    requests\nimport os\n",
             "for name in names:\n    !curl -X DELETE \\\n      \"$URL/$name\"\n    print(name)\n"]
    data = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": text}
        for text in cells]}).encode()
    notebook = read_notebook(data, "nb.ipynb")
    assert notebook.virtual == "pass\n\n\nimport os\nfor name in names:\n    pass\n\n    print(name)\n"
    checked = linter().check_bytes(data, "nb.ipynb")
    assert checked.error is None and checked.findings == []


def test_a_cell_magic_cell_is_skipped_and_valid_python_is_never_masked() -> None:
    data = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": ["%%bash\n", "echo hi"]},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "x = (1\n% 2)\nprint('why?')"}]}).encode()
    notebook = read_notebook(data, "nb.ipynb")
    assert [cell.index for cell in notebook.code_cells] == [1]
    assert notebook.virtual == "x = (1\n% 2)\nprint('why?')\n"


@pytest.mark.parametrize("data, message", [
    (b'{"cells": [', "is not valid notebook JSON: Expecting value at line 1, column 12"),
    (b'[1, 2]', "is not a Jupyter notebook (no \"cells\" list)"),
    (b'{"nbformat": 3, "worksheets": []}', "is an nbformat 3 notebook; only nbformat 4 is supported"),
])
def test_invalid_notebooks_are_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(NotebookError) as info:
        read_notebook(data, "nb.ipynb")
    assert str(info.value) == f"nb.ipynb: {message}; skipped"


# --- findings -------------------------------------------------------------------------

def test_a_live_notebook_gets_the_findings_of_its_code_as_a_py_file() -> None:
    as_py = linter().check_bytes(LIVE_AS_PY.read_bytes(), "live_session.py")
    as_nb = linter().check_bytes(LIVE.read_bytes(), "live_session.ipynb")
    assert as_nb.error is None and as_py.findings
    notebook = read_notebook(LIVE.read_bytes(), "live_session.ipynb")
    assert [(f.rule_id, f.message, f.column, notebook.locate(f.line)) for f in as_py.findings] == [
        (f.rule_id, f.message, f.column, (f.cell, f.line)) for f in as_nb.findings]
    assert [(f.rule_id, f.cell, f.line) for f in as_nb.findings] == [("LM001", 3, 4), ("LM002", 5, 3)]


def test_text_json_and_sarif_name_the_cell(tmp_path: Path) -> None:
    nb = copy(tmp_path, LIVE)
    text = run("check", str(nb))
    assert text.exit_code == 1
    assert f"{nb}:cell 3:4:9: LM001 [*] " in text.output
    assert f"{nb}:cell 5:3:42: LM002 [*] " in text.output
    records = json.loads(run("check", "--output-format", "json", str(nb)).output)
    assert [(r["cell"], r["location"]) for r in records] == [(3, {"row": 4, "column": 9}), (5, {"row": 3, "column": 42})]
    sarif = json.loads(run("check", "--output-format", "sarif", str(nb)).output)
    first = sarif["runs"][0]["results"][0]
    assert first["properties"]["cell"] == 3
    assert first["properties"]["cellRegion"] == {"startLine": 4, "startColumn": 9, "endLine": 4, "endColumn": 56}
    # the region is in the .ipynb file itself: the JSON line that holds that source line
    file_lines = nb.read_text().splitlines()
    line = first["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert "gemini-2.5-flash-native-audio-preview-12-2025" in file_lines[line - 1]


def test_a_py_finding_has_a_null_cell_in_json(tmp_path: Path) -> None:
    records = json.loads(run("check", "--output-format", "json", str(copy(tmp_path, LIVE_AS_PY))).output)
    assert {r["cell"] for r in records} == {None}


def test_a_notebook_without_live_code_is_read_and_clean(tmp_path: Path) -> None:
    result = run("check", str(copy(tmp_path, CLEAN)))
    assert (result.exit_code, result.output) == (0, "No findings.\n")
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [}')  # no Live code either: still read, so still an error
    result = run("check", str(broken))
    assert result.exit_code == 2
    assert f"{broken}: is not valid notebook JSON" in result.output


def test_a_syntax_error_names_the_cell_and_its_line(tmp_path: Path) -> None:
    notebook = json.loads(LIVE.read_text())
    notebook["cells"][4]["source"][1] = '    response_modalities=["AUDIO"  # unclosed\n'
    broken = tmp_path / "broken.ipynb"
    broken.write_text(json.dumps(notebook, indent=1))
    result = run("check", str(broken))
    assert result.exit_code == 2
    assert (f"{broken}: syntax error in cell 5 at line 4, column 1: closing parenthesis ')' does not match "
            f"opening parenthesis '[' on line 2; that cell is left out, the others are checked") in result.output


def test_a_broken_cell_costs_that_cell_not_the_notebooks_findings(tmp_path: Path) -> None:
    # Measurement 12: a scratch notebook with one half-pasted cell lost all its findings. The
    # kernel runs the other cells without it; so does the check (exit 2 for the broken cell).
    notebook = json.loads(LIVE.read_text())
    whole = Linter().check_bytes(json.dumps(notebook).encode(), "nb.ipynb")
    code = [i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code"]
    notebook["cells"].insert(code[-1] + 1, {"cell_type": "code", "execution_count": None, "metadata": {},
                                            "outputs": [], "source": ['contents="""half a paste""").text\n']})
    data = json.dumps(notebook).encode()
    report = Linter().check_bytes(data, "nb.ipynb")
    assert "syntax error in cell" in str(report.error) and "the others are checked" in str(report.error)
    assert [(f.rule_id, f.cell, f.line) for f in report.findings] == [(f.rule_id, f.cell, f.line)
                                                                    for f in whole.findings]
    assert all(f.fix is None for f in report.findings)  # fix leaves such a notebook unchanged
    fixed = Linter().fix_bytes(data, "nb.ipynb", True)
    assert fixed.fixed is None and "notebook left unchanged" in str(fixed.error)


# --- fixing ---------------------------------------------------------------------------

def _without_sources(notebook: dict) -> dict:
    return {**notebook, "cells": [{k: v for k, v in cell.items() if k != "source"} for cell in notebook["cells"]]}


def test_fix_changes_only_the_fixed_cells_source(tmp_path: Path) -> None:
    nb = copy(tmp_path, LIVE)
    before_bytes = nb.read_bytes()
    result = run("fix", str(nb))
    assert result.exit_code == 0, result.output
    after_bytes = nb.read_bytes()
    before, after = json.loads(before_bytes), json.loads(after_bytes)
    assert _without_sources(before) == _without_sources(after)
    changed = [i for i, (b, a) in enumerate(zip(before["cells"], after["cells"])) if b["source"] != a["source"]]
    assert changed == [2, 4]
    assert after["cells"][2]["source"][3] == 'MODEL = "gemini-3.1-flash-live-preview"\n'
    assert "thinking_level=types.ThinkingLevel.LOW" in "".join(after["cells"][4]["source"])
    assert after["cells"][4]["source"][-1] == "config"  # no trailing newline added to a cell
    assert after["cells"][5]["source"][0] == "!ls -la\n"  # the magic line is back as it was
    # byte level: the lines outside the two changed source lists are identical, in order
    old_lines, new_lines = before_bytes.decode().splitlines(), after_bytes.decode().splitlines()
    assert len(old_lines) == len(new_lines)
    differ = [i for i, (o, n) in enumerate(zip(old_lines, new_lines)) if o != n]
    assert all(old_lines[i].startswith("    \"") for i in differ) and len(differ) == 2
    assert after_bytes.endswith(b"}\n") and "café".encode() in after_bytes
    assert run("check", str(nb)).exit_code == 0


def test_fix_diff_shows_the_changed_cells_code_and_writes_nothing(tmp_path: Path) -> None:
    nb = copy(tmp_path, LIVE)
    before = nb.read_bytes()
    result = run("fix", "--diff", str(nb))
    assert result.exit_code == 1
    assert nb.read_bytes() == before
    assert f"--- a/{nb}:cell 3\n+++ b/{nb}:cell 3\n" in result.output
    assert '-MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n+MODEL = "gemini-3.1-flash-live-preview"\n' \
        in result.output
    assert f"--- a/{nb}:cell 5\n" in result.output and "cell 6" not in result.output
    assert '"outputs"' not in result.output


def test_a_notebook_with_nothing_to_fix_is_never_rewritten(tmp_path: Path) -> None:
    nb = copy(tmp_path, CLEAN)
    before, inode = nb.read_bytes(), nb.stat().st_ino
    result = run("fix", str(nb))
    assert result.exit_code == 0
    assert nb.read_bytes() == before and nb.stat().st_ino == inode


@pytest.mark.parametrize("indent", [None, 1, 2, 4])
@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("as_string", [True, False])
def test_write_back_keeps_the_json_style(indent, ensure_ascii: bool, as_string: bool) -> None:
    source = ['MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n', "x = 'é'"]
    cells = [{"cell_type": "markdown", "metadata": {"z": 1, "a": 2}, "source": "ünïcode"},
             {"metadata": {}, "cell_type": "code", "execution_count": None, "outputs": [],
              "source": "".join(source) if as_string else source, "id": "k"}]
    text = json.dumps({"nbformat_minor": 5, "cells": cells, "nbformat": 4, "metadata": {}}, indent=indent,
                      ensure_ascii=ensure_ascii)
    data = text.encode()
    # unsafe: the id reaches no session in this notebook
    report = linter().fix_bytes(data, "nb.ipynb", unsafe=True)
    assert report.error is None and report.changed
    expected = text.replace("gemini-2.5-flash-native-audio-preview-12-2025", "gemini-3.1-flash-live-preview")
    assert report.fixed == expected.encode()


def test_a_fix_that_would_move_code_across_cells_is_refused() -> None:
    notebook = read_notebook(LIVE.read_bytes(), "nb.ipynb")
    lines = notebook.virtual.splitlines(keepends=True)
    lines[5:7] = ["merged = 1\n"]  # replaces the last line of cell 3 and the first of cell 5
    with pytest.raises(NotebookError, match="would move code across cells 3 and 5; notebook left unchanged"):
        notebook.write_back("".join(lines))


# --- discovery ------------------------------------------------------------------------

def test_discovery_takes_notebooks_and_extend_exclude_opts_out(tmp_path: Path) -> None:
    for name in ["a.py", "b.ipynb", "c.txt"]:
        (tmp_path / name).write_text("{}")
    assert list(iter_source_files([tmp_path], Settings())) == [tmp_path / "a.py", tmp_path / "b.ipynb"]
    assert list(iter_source_files([tmp_path], Settings(extend_exclude=("*.ipynb",)))) == [tmp_path / "a.py"]


def test_a_file_that_is_neither_python_nor_a_notebook_is_skipped(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text('MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n')
    (error,) = iter_source_files([notes], Settings())
    assert isinstance(error, SourceError)
    assert str(error) == f"{notes}: is not a Python file or notebook; skipped"
    result = run("check", str(notes))
    assert result.exit_code == 2 and "LM001" not in result.output
