"""Jupyter notebooks (nbformat 4) as one Python module, and fixes written back into their cells.

Reading. The code cells' sources are joined, in order, into one *virtual module* (each cell
ends with a newline), so the rules see a notebook as the kernel runs it top to bottom and the
findings equal those of the same code in a ``.py`` file. Markdown and raw cells, and code cells
that start with a cell magic (``%%bash``, ``%%writefile``: not Python), are left out. A code
cell that does not parse because of IPython line syntax (``%pip``, ``!ls``, ``x = !ls``,
``obj?``, ``??obj``) has those lines *masked*: replaced by ``pass`` at the same indentation (the
lines a trailing backslash continues them onto, ``%pip install a \\`` then ``    b``, blanked), so
the rest of the cell is still checked (ruff skipped such cells whole at first, and so missed
the code in Google's samples, whose setup cells mix ``%pip install`` with imports). Masking is
tried only when a cell does not parse as it is, so valid Python that happens to start a line
with ``%`` is never touched. A virtual line maps back to (cell, line in cell); cells are
numbered from 1 counting *every* cell, markdown included, as ruff does (its ``NotebookIndex``
reports the raw cell index), which is the number a user counts in Jupyter.

Writing back. The fixed virtual module is compared line by line with the original one; every
changed stretch must lie inside one cell (a fix never moves code across cells: if it would,
:class:`NotebookError` and the notebook is left unchanged), and a masked line must come back
untouched. Only the changed cells' ``"source"`` values are re-serialised and spliced into the
original text at their exact spans: outputs, metadata, cell ids, key order, indentation,
``ensure_ascii`` style and the trailing newline are the original bytes, not a re-dump. A
``source`` stays a list of lines or a string, as it was.

The stdlib ``json`` module is enough: ``raw_decode`` gives each value's end, which is all the
splice needs. ``nbformat`` would add jsonschema and re-dump the whole file, which is the
byte-changing behaviour this module exists to avoid.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
from dataclasses import dataclass, field, fields
from json.decoder import scanstring
from typing import Any, Sequence

from livemigrate.rule import Finding
from livemigrate.discovery import NOTEBOOK_SUFFIX, is_notebook  # noqa: F401 - part of this module's API
from livemigrate.source import SourceError

__all__ = ["CellFinding", "CodeCell", "Notebook", "NotebookError", "NOTEBOOK_SUFFIX", "is_notebook",
           "read_notebook"]


# IPython line syntax at the start of a line: %magic, !shell, ?help / ??help, and `x = !cmd`
_MAGIC_LINE = re.compile(r"^[ \t]*(?:[%!?]|[\w.]+[ \t]*=[ \t]*[%!])|^[ \t]*[^#\s][^#]*\?[ \t]*$")
_CELL_MAGIC = re.compile(r"\A\s*%%")
_WS = re.compile(r"[ \t\n\r]*")
_COMPILE_FLAGS = ast.PyCF_ONLY_AST | getattr(ast, "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0)


class NotebookError(SourceError):
    """A notebook that cannot be read, or a fix that cannot be written back into its cells."""


@dataclass
class CellFinding(Finding):
    """A finding in a notebook: ``line``/``end_line`` are lines in cell ``cell`` (1-based,
    counting every cell); ``file_line`` is the line of the ``.ipynb`` file that holds it."""

    cell: int | None = None
    file_line: int | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.cell or 0, self.line, self.column, self.rule_id)


@dataclass
class CodeCell:
    """One code cell that is part of the virtual module."""

    index: int  # position among all cells, 0-based
    text: str  # its source as in the file
    lines: list[str]  # its lines as they appear in the virtual module (masked ones as ``pass``)
    masked: frozenset[int] = frozenset()  # 0-based lines of this cell that were masked
    as_list: bool = True  # whether "source" is a list of lines (else a string)
    span: tuple[int, int] = (0, 0)  # where the "source" value is in the decoded file text
    indent_before: str = ""  # whitespace before the "source" key on its line


@dataclass
class Notebook:
    """A notebook read for linting: its virtual module and how to write a fixed one back."""

    path: str
    text: str  # the file, decoded (UTF-8, a BOM kept)
    code_cells: list[CodeCell]
    virtual: str
    owners: list[tuple[int, int]] = field(default_factory=list)  # virtual line → (code cell, line)
    indent: int | str | None = 1
    ensure_ascii: bool = False
    separators: tuple[str, str] = (", ", ": ")
    # code cells that do not parse (IPython syntax masked): (cell number, line, column, message).
    # Each is left out of the virtual module, as the kernel runs the others without it.
    broken: list[tuple[int, int, int, str]] = field(default_factory=list)

    def broken_message(self, action: str) -> str:
        """What the first broken cell says, and ``action`` (what became of the notebook)."""
        cell, line, column, message = self.broken[0]
        more = f" (and {len(self.broken) - 1} more cell(s))" if len(self.broken) > 1 else ""
        return f"syntax error in cell {cell} at line {line}, column {column}: {message}{more}; {action}"

    def locate(self, line: int) -> tuple[int, int]:
        """(cell number, line in cell), both 1-based, of a 1-based virtual-module line."""
        if not self.owners:
            return (1, line)
        position, in_cell = self.owners[min(max(line, 1), len(self.owners)) - 1]
        return self.code_cells[position].index + 1, in_cell + 1

    def file_line(self, line: int) -> int:
        """The 1-based line of the ``.ipynb`` file that holds a virtual-module line."""
        if not self.owners:
            return 1
        position, in_cell = self.owners[min(max(line, 1), len(self.owners)) - 1]
        cell = self.code_cells[position]
        start, end = cell.span
        offset = start
        if cell.as_list and self.text[start] == "[":
            items = _item_starts(self.text, start)
            if in_cell < len(items):
                offset = items[in_cell]
        return self.text.count("\n", 0, offset) + 1

    def map_finding(self, finding: Finding) -> CellFinding:
        """``finding`` (at virtual-module lines) at its cell and line in that cell."""
        cell, line = self.locate(finding.line)
        end_cell, end_line = self.locate(finding.end_line)
        if end_cell != cell:
            end_line = line
        def written(virtual: int) -> str:  # a line the message names, in the cell's terms
            named_cell, named_line = self.locate(virtual)
            return str(named_line) if named_cell == cell else f"{named_line} of cell {named_cell}"

        finding = finding.with_message_lines(lambda virtual: virtual, written)
        values = {f.name: getattr(finding, f.name) for f in fields(Finding)}
        values.update(line=line, end_line=end_line)
        return CellFinding(**values, cell=cell, file_line=self.file_line(finding.line))

    def locate_message(self, message: str) -> str:
        """An error message about virtual line N, about cell C, line L instead."""
        def replace(match: re.Match[str]) -> str:
            cell, line = self.locate(int(match.group(1)))
            return f"in cell {cell} at line {line}"
        def replace_other(match: re.Match[str]) -> str:
            cell, line = self.locate(int(match.group(1)))
            return f"on line {line} of cell {cell}"
        message = re.sub(r"at line (\d+)", replace, message, count=1)
        return re.sub(r"on line (\d+)", replace_other, message)

    # --- writing back --------------------------------------------------------------------
    def split_fixed(self, fixed: str) -> dict[int, str]:
        """New source text per changed code cell (keyed by position in ``code_cells``), from the
        fixed virtual module. Raises :class:`NotebookError` when a change crosses cells or
        touches a masked line."""
        old = [line for cell in self.code_cells for line in cell.lines]
        new = _lines(fixed)
        pieces: list[list[str]] = [[] for _ in self.code_cells]
        originals = [_lines(cell.text) for cell in self.code_cells]
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i1, i2):
                    position, in_cell = self.owners[k]
                    pieces[position].append(_original_line(originals[position], in_cell, self.code_cells[position]))
                continue
            touched = sorted({self.owners[k][0] for k in range(i1, i2)})
            if not touched:  # a pure insertion goes to the cell before it (run order is the same)
                touched = [self.owners[i1 - 1][0] if i1 > 0 else 0]
            if len(touched) > 1 and i2 - i1 == j2 - j1:
                for k, j in zip(range(i1, i2), range(j1, j2)):  # line for line: each stays in its cell
                    self._check_unmasked(k)
                    pieces[self.owners[k][0]].append(new[j])
                continue
            if len(touched) > 1:
                first, last = (self.code_cells[p].index + 1 for p in (touched[0], touched[-1]))
                raise NotebookError(self.path, f"a fix would move code across cells {first} and {last}; "
                                               f"notebook left unchanged (please report it)")
            for k in range(i1, i2):
                self._check_unmasked(k)
            pieces[touched[0]].extend(new[j1:j2])
        changed: dict[int, str] = {}
        for position, cell in enumerate(self.code_cells):
            text = "".join(pieces[position])
            if not cell.text.endswith("\n") and text.endswith("\n"):
                text = text[:-1]
            if text != cell.text:
                changed[position] = text
        return changed

    def _check_unmasked(self, virtual_index: int) -> None:
        position, in_cell = self.owners[virtual_index]
        cell = self.code_cells[position]
        if in_cell in cell.masked:
            raise NotebookError(self.path, f"a fix would change the IPython line {in_cell + 1} of cell "
                                           f"{cell.index + 1}; notebook left unchanged (please report it)")

    def write_back(self, fixed: str) -> bytes:
        """The notebook's bytes with the fixed virtual module written into its cells: only the
        changed cells' ``"source"`` differ from the file as read."""
        changed = self.split_fixed(fixed)
        text = self.text
        for position in sorted(changed, key=lambda p: self.code_cells[p].span[0], reverse=True):
            cell = self.code_cells[position]
            start, end = cell.span
            text = text[:start] + self._dump(cell, changed[position]) + text[end:]
        return text.encode("utf-8")

    def _dump(self, cell: CodeCell, source: str) -> str:
        value: Any = _lines(source) if cell.as_list else source
        if self.indent is None:
            return json.dumps(value, ensure_ascii=self.ensure_ascii, separators=self.separators)
        if isinstance(value, list) and not value:
            return "[]"
        dumped = json.dumps(value, ensure_ascii=self.ensure_ascii, indent=self.indent)
        return dumped.replace("\n", "\n" + cell.indent_before)

    def cell_texts(self) -> dict[int, str]:
        """Cell number (1-based, all cells) → its source, for every code cell read."""
        return {cell.index + 1: cell.text for cell in self.code_cells}


def _lines(text: str) -> list[str]:
    """``text`` split after each ``\\n`` only (``str.splitlines`` also splits on form feeds)."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _original_line(lines: list[str], in_cell: int, cell: CodeCell) -> str:
    line = lines[in_cell] if in_cell < len(lines) else ""
    return line if line.endswith("\n") else line + "\n"  # the cell's last line, as in the virtual module


def _parses(text: str) -> bool:
    return _syntax_error(text) is None


def _syntax_error(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) of the first syntax error of ``text``, None when it parses."""
    import warnings

    try:
        with warnings.catch_warnings():  # `"\d"` is the user's business (a SyntaxWarning on 3.12+)
            warnings.simplefilter("ignore")
            compile(text, "<cell>", "exec", _COMPILE_FLAGS, dont_inherit=True)
    except SyntaxError as exc:
        return exc.lineno or 1, exc.offset or 1, exc.msg
    except ValueError as exc:  # a NUL byte
        return 1, 1, str(exc)
    return None


def _virtual_lines(text: str) -> tuple[list[str], frozenset[int]] | None:
    """The cell's lines for the virtual module and which were masked; None to leave it out."""
    if _CELL_MAGIC.match(text):
        return None
    lines = _lines(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    candidates = [i for i, line in enumerate(lines) if _MAGIC_LINE.match(line)]
    if not candidates or _parses("".join(lines)):
        return lines, frozenset()
    masked = list(lines)
    hidden = set(candidates)
    for i in candidates:
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip(" \t"))]
        masked[i] = indent + "pass\n"
        # `%pip install a \` goes on over the next lines (IPython joins them): blank them
        j = i
        while lines[j].rstrip("\r\n").endswith("\\") and j + 1 < len(lines):
            j += 1
            masked[j] = "\n"
            hidden.add(j)
    if _parses("".join(masked)):
        return masked, frozenset(hidden)
    return lines, frozenset()  # not an IPython problem: the engine reports the syntax error


def _item_starts(text: str, start: int) -> list[int]:
    """The start offset of every item of the JSON array at ``text[start]``."""
    decoder = json.JSONDecoder()
    starts: list[int] = []
    i = _WS.match(text, start + 1).end()
    while text[i] != "]":
        starts.append(i)
        _, i = decoder.raw_decode(text, i)
        i = _WS.match(text, i).end()
        if text[i] == ",":
            i = _WS.match(text, i + 1).end()
    return starts


def _source_spans(text: str, start: int) -> list[tuple[int, int, int] | None]:
    """For each cell: (key start, value start, value end) of its ``"source"``. ``text`` is
    valid JSON (``json.loads`` accepted it); only positions are found here."""
    decoder = json.JSONDecoder()
    spans: list[tuple[int, int, int] | None] = []

    def members(i: int):
        """(key, key start, value start) of each member of the object at ``text[i]``; the
        caller advances past each value and sends its end back."""
        i = _WS.match(text, i + 1).end()
        while text[i] != "}":
            key_start = i
            key, i = scanstring(text, i + 1)
            i = _WS.match(text, i).end() + 1  # the colon
            i = _WS.match(text, i).end()
            i = yield key, key_start, i
            i = _WS.match(text, i).end()
            if text[i] == ",":
                i = _WS.match(text, i + 1).end()

    top = members(_WS.match(text, start).end())
    item = next(top, None)
    while item is not None:
        key, _, value_start = item
        if key == "cells":
            spans = []
            i = _WS.match(text, value_start + 1).end()
            while text[i] != "]":
                found = None
                cell = members(i) if text[i] == "{" else iter(())
                member = next(cell, None)
                while member is not None:
                    cell_key, key_start, value_at = member
                    _, end = decoder.raw_decode(text, value_at)
                    if cell_key == "source":
                        found = (key_start, value_at, end)
                    member = _send(cell, end)
                _, i = decoder.raw_decode(text, i)
                spans.append(found)
                i = _WS.match(text, i).end()
                if text[i] == ",":
                    i = _WS.match(text, i + 1).end()
            end = i + 1
        else:
            _, end = decoder.raw_decode(text, value_start)
        item = _send(top, end)
    return spans


def _send(generator, value):
    try:
        return generator.send(value)
    except StopIteration:
        return None


def _style(text: str, body: int) -> tuple[int | str | None, bool, tuple[str, str]]:
    """(indent, ensure_ascii, separators) the file was written with, as far as it shows."""
    ensure_ascii = text.isascii()
    after_brace = _WS.match(text, body + 1).group()
    if "\n" not in after_brace:
        key_sep = ": " if re.search(r'"\s*:\s', text) else ":"
        item_sep = ", " if re.search(r",\s", text) else ","
        return None, ensure_ascii, (item_sep, key_sep)
    indent = after_brace.rsplit("\n", 1)[1]
    return (len(indent) if set(indent) <= {" "} else indent) or None, ensure_ascii, (",", ": ")


def read_notebook(data: bytes, path: str) -> Notebook:
    """The notebook in ``data`` as a virtual module; :class:`NotebookError` (one line, exit 2)
    when it is not a readable nbformat 4 notebook."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotebookError(path, f"is not valid UTF-8 (byte {exc.start}); skipped") from None
    body = 1 if text.startswith("\ufeff") else 0
    try:
        raw = json.loads(text[body:])
    except json.JSONDecodeError as exc:
        raise NotebookError(path, f"is not valid notebook JSON: {exc.msg} at line {exc.lineno}, "
                                  f"column {exc.colno}; skipped") from None
    except RecursionError:
        raise NotebookError(path, "is not valid notebook JSON: nested too deeply; skipped") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        if isinstance(raw, dict) and isinstance(raw.get("nbformat"), int) and raw["nbformat"] < 4:
            raise NotebookError(path, f"is an nbformat {raw['nbformat']} notebook; only nbformat 4 is supported; "
                                      f"skipped")
        raise NotebookError(path, 'is not a Jupyter notebook (no "cells" list); skipped')
    if isinstance(raw.get("nbformat"), int) and raw["nbformat"] != 4:
        raise NotebookError(path, f"is an nbformat {raw['nbformat']} notebook; only nbformat 4 is supported; skipped")
    indent, ensure_ascii, separators = _style(text, body)
    notebook = Notebook(path, text, [], "", indent=indent, ensure_ascii=ensure_ascii, separators=separators)
    language = ((raw.get("metadata") or {}).get("language_info") or {}).get("name", "python")
    if language != "python":
        return notebook  # an R or Julia notebook has no Python to check
    spans = _source_spans(text, body)
    virtual: list[str] = []
    for index, cell in enumerate(raw["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            cell_text, as_list = "".join(source), True
        elif isinstance(source, str):
            cell_text, as_list = source, False
        else:
            raise NotebookError(path, f"cell {index + 1} has a \"source\" that is not text; skipped")
        taken = _virtual_lines(cell_text)
        if taken is None or spans[index] is None:
            continue
        lines, masked = taken
        error = _syntax_error("".join(lines))
        if error is not None:
            # the kernel raises SyntaxError for this cell alone and runs the others
            notebook.broken.append((index + 1, *error))
            continue
        key_start, value_start, value_end = spans[index]
        line_start = text.rfind("\n", 0, key_start) + 1
        before = text[line_start:key_start]
        code_cell = CodeCell(index, cell_text, lines, masked, as_list, (value_start, value_end),
                             before if not before.strip() else "")
        position = len(notebook.code_cells)
        notebook.code_cells.append(code_cell)
        notebook.owners.extend((position, n) for n in range(len(lines)))
        virtual.extend(lines)
    notebook.virtual = "".join(virtual)
    return notebook


def cell_diff(path: str, before: dict[int, str], after: dict[int, str]) -> str:
    """A unified diff of each changed cell's code, headed ``a/nb.ipynb:cell 3`` as ruff does."""
    parts = []
    for number in sorted(before):
        old, new = before[number], after.get(number, before[number])
        if old == new:
            continue
        parts.extend(difflib.unified_diff(_terminated(old), _terminated(new),
                                          fromfile=f"a/{path}:cell {number}", tofile=f"b/{path}:cell {number}"))
    return "".join(parts)


def _terminated(text: str) -> list[str]:
    lines = _lines(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def map_findings(notebook: Notebook, findings: Sequence[Finding]) -> list[CellFinding]:
    """``findings`` at virtual-module lines, at their cells, in cell order."""
    return sorted((notebook.map_finding(f) for f in findings), key=CellFinding.sort_key)
