"""Suppression comments: which findings a ``# noqa`` hides, which ``# noqa`` hides nothing
(LM900), and writing ``# noqa`` comments to baseline a code base (``check --add-noqa``).

The forms, as ruff reads them:

- **Line-level**: ``# noqa`` (every finding on its line), ``# noqa: LM001, LM101`` (those
  ids, exact: ``# noqa: LM1`` is not a prefix and suppresses nothing), and the older
  ``# livemigrate: ignore[LM001]`` / ``# livemigrate: ignore``. Case does not matter. Only a
  real comment counts: ``"# noqa"`` inside a string is text. A finding belongs to the line it
  starts on; when that line cannot hold a comment because it starts or continues a
  multi-line string (a docstring, a triple-quoted prompt, a multi-line f-string) or ends with
  a backslash, the ``# noqa`` goes at the end of the line the string or the continuation
  ends on (ruff does the same). A ``# noqa`` on a later line of a multi-line call does not
  cover a finding that starts on its first line.
- **File-level**: ``# livemigrate: noqa`` on a line of its own, anywhere in the file,
  suppresses every finding of the file; ``# livemigrate: noqa: LM001, LM101`` those ids in the
  whole file. Written after code on the same line it is an ordinary line-level directive
  (ruff ignores it there with a warning; here it still does what a ``# noqa`` would). A
  plain ``# noqa`` at the top of a file is line-level only (no flake8-style ``# flake8:
  noqa``). In a notebook the code cells are one module, so a file-level comment in any cell
  covers the whole notebook.
- **Unused** (``LM900 unused-noqa``, ruff's RUF100): a line-level directive that names an
  ``LM`` id on a line where no finding of that rule is, or an ``LM`` id that is no rule at
  all. Used means: that rule reports a finding starting on that line, counted before any
  suppression (a finding also covered by a file-level comment still uses the line's
  ``# noqa``) and whatever ``--select`` / ``--ignore`` say: a rule the run does not select
  is run for the verdict when a directive names it, so the verdict is the same whichever
  configuration checks the file. Never reported: a bare ``# noqa`` (it may be for flake8 or
  ruff), ids that are not ``LM`` + digits (``E501`` is another tool's), file-level
  directives, a directive that names ``LM900`` itself, and ids of a rule that failed on the
  file. The fix (safe) removes the unused ids, or the whole directive when none is left;
  text after the ids is the directive's description and goes with it, unless it is another
  comment (``# noqa: LM001  # pylint: ...`` keeps ``# pylint: ...``).
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from pathlib import Path

    from livemigrate.engine import FileReport, Linter
    from livemigrate.rule import Finding, Rule, RuleContext
    from livemigrate.settings import SettingsResolver

__all__ = ["UNUSED_NOQA", "Directive", "Suppressions", "add_noqa", "add_noqa_to_bytes", "add_noqa_to_text",
           "without_directives"]

UNUSED_NOQA = "LM900"

_CODES = r"[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*"
_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>" + _CODES + "))?", re.I)
_IGNORE = re.compile(r"#\s*livemigrate:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.I)
_FILE_NOQA = re.compile(r"#\s*livemigrate:\s*noqa(?::\s*(?P<codes>" + _CODES + "))?", re.I)
_PATTERNS = (("noqa", _NOQA), ("livemigrate: ignore", _IGNORE), ("livemigrate: noqa", _FILE_NOQA))
_ITEM = re.compile(r"[^\s,]+")
_OURS = re.compile(r"\ALM[0-9]+\Z")
_NEXT_COMMENT = re.compile(r"\s*#")
_MAY_HOLD_DIRECTIVES = re.compile(r"noqa|livemigrate", re.I)
_CONTINUATION = re.compile(r"\\(?:\r\n|\r|\n)")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # the newlines Python's tokenizer knows


@dataclass(frozen=True)
class Directive:
    """One suppression directive in a comment. ``codes`` are upper-cased, None for every
    id; ``start``/``end`` bound the directive in ``comment`` (from its ``#`` to the end of its
    ids), ``codes_start``/``codes_end`` its id list."""

    kind: str  # "noqa", "livemigrate: ignore" or "livemigrate: noqa"
    comment: str
    codes: tuple[str, ...] | None
    start: int
    end: int
    codes_start: int
    codes_end: int
    line: int = 0
    column: int = 0  # of the comment in its line
    own_line: bool = False

    @property
    def file_level(self) -> bool:
        return self.kind == "livemigrate: noqa" and self.own_line

    def items(self) -> list[re.Match[str]]:
        """The ids as written (spans within the comment's id list)."""
        return list(_ITEM.finditer(self.comment, self.codes_start, self.codes_end))

    def without(self, drop: set[str]) -> str | None:
        """The comment with the ids in ``drop`` removed (the whole directive when none is
        left, see the module docstring); None when nothing of the comment is left."""
        items = self.items()
        kept = [m for m in items if m.group().upper() not in drop]
        if kept:
            pieces = [self.comment[: self.codes_start]]
            for index, item in enumerate(items):
                if item in kept:
                    separator = self.comment[items[index - 1].end(): item.start()] if index else ""
                    pieces.append((separator if item is not kept[0] else "") + item.group())
            pieces.append(self.comment[items[-1].end():])
            return "".join(pieces)
        prefix, rest = self.comment[: self.start].rstrip(), self.comment[self.end:]
        other = _NEXT_COMMENT.search(rest)  # what comes before it is the directive's description
        rest = rest[other.start():] if other else ""
        if prefix:
            return prefix + rest
        return rest.lstrip() or None


def _directives(comment: str) -> list[Directive]:
    found = []
    for kind, pattern in _PATTERNS:
        match = pattern.search(comment)
        if match is None:
            continue
        codes = match.group("codes")
        ids = tuple(item.upper() for item in _ITEM.findall(codes)) if codes else ()
        start, end = match.span("codes") if codes is not None else (match.end(), match.end())
        found.append(Directive(kind, comment, ids or None, match.start(), match.end(), start, end))
    return sorted(found, key=lambda d: d.start)


def without_directives(comment: str) -> str:
    """What a comment says besides its suppression directives ("" when nothing): the harness
    compares comments this way, since removing an unused ``# noqa`` loses no words of the user's."""
    while True:
        directives = _directives(comment)
        if not directives:
            return comment.strip()
        rest = directives[0].without(set(directives[0].codes or ()))
        if rest is None:
            return ""
        comment = rest


def _tokens(text: str) -> Iterator[tokenize.TokenInfo]:
    try:
        yield from tokenize.generate_tokens(io.StringIO(text, newline=None).readline)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return


_FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+: f-strings are tokens
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)


@dataclass
class Suppressions:
    """The suppression comments of one module (its text as the rules saw it)."""

    comment_lines: dict[int, str] = field(default_factory=dict)  # line → comment text
    directives: dict[int, list[Directive]] = field(default_factory=dict)  # line-level, by comment line
    file_codes: frozenset[str] | None = frozenset()  # file-level ids; None: every id
    redirect: dict[int, int] = field(default_factory=dict)  # a line that cannot hold a comment → next
    # False when the text holds no directive and was not tokenized: comment_lines is empty
    # then, and whoever needs comments reads them elsewhere (the engine: from the tree).
    comments_read: bool = True

    @classmethod
    def read(cls, text: str, layout: bool = False) -> "Suppressions":
        """Every comment and directive of ``text``, in one tokenizer pass. Without a ``#`` in
        the text there is nothing to read, unless ``layout``: where comments can go is wanted
        for writing one (``--add-noqa``)."""
        result = cls()
        if "#" not in text and not layout:
            return result
        directives = _MAY_HOLD_DIRECTIVES.search(text) is not None
        if not directives and not layout:
            # Nothing to suppress: tokenizing only for the comments costs more than the rules
            # on a big module, and the fix policy rarely asks for them.
            result.comments_read = False
            return result
        spans: list[tuple[int, int]] = []
        open_fstrings: list[int] = []
        file_codes: set[str] = set()
        everything = False
        for token in _tokens(text):
            kind = token.type
            if kind == tokenize.COMMENT:
                line, column = token.start
                result.comment_lines[line] = token.string
                own_line = not token.line[:column].strip()
                for directive in _directives(token.string) if directives else ():
                    directive = replace(directive, line=line, column=column, own_line=own_line)
                    if directive.file_level:
                        if directive.codes is None:
                            everything = True
                        else:
                            file_codes.update(directive.codes)
                    else:
                        result.directives.setdefault(line, []).append(directive)
            elif kind == tokenize.STRING and token.start[0] != token.end[0]:
                spans.append((token.start[0], token.end[0]))
            elif kind == _FSTRING_START:
                open_fstrings.append(token.start[0])
            elif kind == _FSTRING_END and open_fstrings:
                first = open_fstrings.pop()
                if first != token.end[0]:
                    spans.append((first, token.end[0]))
        result.file_codes = None if everything else frozenset(file_codes)
        if not result.directives and not layout:
            return result  # where a line's comment would go matters to line-level ones only
        for first, last in spans:  # no comment can end these lines: the string does not
            for line in range(first, last):
                result.redirect[line] = max(result.redirect.get(line, 0), last)
        if _CONTINUATION.search(text):
            for number, raw in enumerate(_LINES.findall(text), start=1):
                if (number not in result.redirect and number not in result.comment_lines
                        and raw.rstrip("\r\n").endswith("\\")):
                    result.redirect[number] = number + 1  # a backslash continuation
        return result

    def noqa_line(self, line: int) -> int:
        """The line whose comment suppresses a finding that starts on ``line``."""
        for _ in range(len(self.redirect) + 1):
            target = self.redirect.get(line)
            if target is None or target <= line:
                return line
            line = target
        return line

    @property
    def has_any(self) -> bool:
        return bool(self.directives) or self.file_codes is None or bool(self.file_codes)

    def suppresses(self, finding: "Finding") -> bool:
        """Whether a directive hides ``finding`` (file-level, or on its noqa line)."""
        if self.file_codes is None or finding.rule_id in self.file_codes:
            return True
        for directive in self.directives.get(self.noqa_line(finding.line), ()):
            if directive.codes is None or finding.rule_id in directive.codes:
                return True
        return False

    # --- LM900 ----------------------------------------------------------------------------
    def resolve(self, ctx: "RuleContext", rules: Sequence["Rule"], pack: Callable[[], Sequence[type["Rule"]]],
                failed: Iterable[str] = ()) -> list["Finding"]:
        """The findings ``ctx`` collected that no directive hides, plus an LM900 finding for
        each directive that hides nothing (when LM900 is one of the ``rules`` that ran).
        ``pack()`` gives every rule known to the run (asked only when a directive is judged):
        a directive naming one that did not run has it run for the verdict. ``failed`` are ids
        of rules that crashed on this module (not judged)."""
        found = list(ctx.findings)
        kept = [f for f in found if not self.suppresses(f)] if self.has_any else found
        unused_rule = next((r for r in rules if r.id == UNUSED_NOQA), None)
        judged = [d for ds in self.directives.values() for d in ds
                  if d.codes and UNUSED_NOQA not in d.codes and any(_OURS.match(c) for c in d.codes)]
        if unused_rule is None or not judged:
            return kept
        every = pack()
        known = {rule.id for rule in every}
        skip = set(failed)
        ran = {rule.id for rule in rules}
        wanted = {c for d in judged for c in d.codes or () if c in known and c not in ran}
        reference, crashed = _run_for_verdict(ctx, [r for r in every if r.id in wanted])
        skip |= crashed
        used: dict[int, set[str]] = {}
        for finding in [*found, *reference]:
            used.setdefault(self.noqa_line(finding.line), set()).add(finding.rule_id)
        ctx.findings = []
        ctx.rule = unused_rule
        holders: dict[int, tuple] | None = None
        for directive in judged:
            ours = [c for c in dict.fromkeys(directive.codes or ()) if _OURS.match(c) and c not in skip]
            unknown = [c for c in ours if c not in known]
            unused = [c for c in ours if c in known and c not in used.get(directive.line, ())]
            if not unknown and not unused:
                continue
            if holders is None:
                holders = _comment_holders(ctx)
            _report_unused(ctx, directive, unused, unknown, holders.get(directive.line))
        reported = [f for f in ctx.findings if not self.suppresses(f)]
        ctx.findings, ctx.rule = found, None
        return kept + reported


def _run_for_verdict(ctx: "RuleContext", rules: Sequence[type["Rule"]]) -> tuple[list["Finding"], set[str]]:
    """Findings of rules the run did not select, for LM900's verdict only (never reported);
    and the ids of those that crashed (their directives are not judged)."""
    saved, current = ctx.findings, ctx.rule
    results: list["Finding"] = []
    crashed: set[str] = set()
    for rule_class in rules:
        ctx.findings = []
        rule = rule_class()
        ctx.rule = rule
        try:
            rule.check(ctx)
        except Exception:  # noqa: BLE001 - an unselected rule's bug must not fail the file
            crashed.add(rule.id)
            continue
        results.extend(ctx.findings)
    ctx.findings, ctx.rule = saved, current
    return results, crashed


def _comment_holders(ctx: "RuleContext") -> dict[int, tuple]:
    """Comment line → (holder, comment): the ``TrailingWhitespace`` or ``EmptyLine`` that holds
    the comment node (the fix replaces one or the other)."""
    import libcst as cst

    from livemigrate.analysis import descendants

    holders: dict[int, tuple] = {}
    for node in descendants(ctx.module, skip=()):
        if isinstance(node, (cst.TrailingWhitespace, cst.EmptyLine)) and node.comment is not None:
            holders[ctx.position(node.comment).start.line] = (node, node.comment)
    return holders


def _report_unused(ctx: "RuleContext", directive: Directive, unused: list[str], unknown: list[str],
                   holder: tuple | None) -> None:
    import libcst as cst

    from livemigrate.edits import Replace
    from livemigrate.rule import Fix

    parts = []
    if unused:
        parts.append("unused: " + ", ".join(f"`{c}`" for c in unused))
    if unknown:
        parts.append("unknown: " + ", ".join(f"`{c}`" for c in unknown))
    message = f"unused `{directive.kind}` directive ({'; '.join(parts)})"
    if holder is None:  # libcst does not hold the comment where the tokenizer saw it
        return
    node, comment = holder
    if comment.value != directive.comment:
        return
    drop = set(unused) | set(unknown)
    new = directive.without(drop)
    if any(c not in drop for c in directive.codes or ()):
        description = "remove " + ", ".join(unused + unknown) + f" from the `{directive.kind}` directive"
    else:
        description = f"remove the unused `{directive.kind}` directive"
    if new is not None:
        edit = Replace(comment, cst.Comment(new))
    elif isinstance(node, cst.EmptyLine):
        # A comment line of its own goes whole; libcst drops a sequence element returned as
        # RemoveFromParent, which Replace passes through.
        edit = Replace(node, cst.RemoveFromParent())  # type: ignore[arg-type]
        description = f"remove the unused `{directive.kind}` comment line"
    else:
        edit = Replace(node, node.with_changes(whitespace=cst.SimpleWhitespace(""), comment=None))
    ctx.report(comment, message, Fix.safe(description, edit))
    column = ctx.position(comment).start.column
    finding = ctx.findings[-1]
    ctx.findings[-1] = replace(finding, column=column + directive.start + 1, end_line=finding.line,
                               end_column=column + directive.end + 1)


# --- --add-noqa -------------------------------------------------------------------------------
def add_noqa_to_text(text: str, findings: Iterable[tuple[int, str]]) -> tuple[str, int]:
    """``text`` with a ``# noqa: <ids>`` for every (line, rule id) in ``findings``, and how
    many lines got one. The ids join an existing ``# noqa: ...`` (or ``livemigrate:
    ignore[...]``) of the line, sorted and deduplicated, in place; otherwise ``  # noqa:
    <ids>`` goes at the end of the line, after any other comment (as ruff does). A finding in
    a multi-line string or a backslash continuation gets it on the line that ends them. Only
    those lines change, each keeping its line ending."""
    suppressions = Suppressions.read(text, layout=True)
    wanted: dict[int, set[str]] = {}
    for line, rule_id in findings:
        if rule_id != UNUSED_NOQA:  # an unused directive is removed by `fix`, not baselined
            wanted.setdefault(suppressions.noqa_line(line), set()).add(rule_id)
    if not wanted:
        return text, 0
    lines = _LINES.findall(text)
    changed = 0
    for number, codes in sorted(wanted.items()):
        if not 1 <= number <= len(lines):
            continue
        raw = lines[number - 1]
        body = raw.rstrip("\r\n")
        ending = raw[len(body):]
        listed = [d for d in suppressions.directives.get(number, ()) if d.codes is not None]
        if any(d.codes is None for d in suppressions.directives.get(number, ())):
            continue  # a bare directive already hides everything on the line
        if listed:
            directive = next((d for d in listed if d.kind == "noqa"), listed[0])
            merged = sorted(set(directive.codes or ()) | codes)
            if set(merged) == set(directive.codes or ()):
                continue
            comment = (directive.comment[: directive.codes_start] + ", ".join(merged)
                       + directive.comment[directive.codes_end:])
            column = directive.column
            body = body[:column] + comment + body[column + len(directive.comment):]
        else:
            body = body.rstrip() + "  # noqa: " + ", ".join(sorted(codes))
        lines[number - 1] = body + ending
        changed += 1
    return "".join(lines), changed


def add_noqa_to_bytes(data: bytes, path: str, findings: Sequence["Finding"]) -> tuple[bytes, int]:
    """A file's bytes with ``# noqa`` directives for ``findings`` (as reported for it: lines
    of the file, or cells of a notebook), and how many were added. Encoding, BOM and line
    endings stay; a notebook gets them in its cells (see :mod:`livemigrate.notebooks`)."""
    from livemigrate.notebooks import is_notebook, read_notebook

    if is_notebook(path):
        notebook = read_notebook(data, path)
        where = {(notebook.code_cells[p].index + 1, n + 1): k + 1 for k, (p, n) in enumerate(notebook.owners)}
        pairs = [(where[(f.cell, f.line)], f.rule_id) for f in findings  # type: ignore[attr-defined]
                 if (getattr(f, "cell", None), f.line) in where]
        text, count = add_noqa_to_text(notebook.virtual, pairs)
        return (notebook.write_back(text) if count else data), count
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)  # "utf-8-sig" keeps a BOM
    text = data.decode(encoding)
    new, count = add_noqa_to_text(text, [(f.line, f.rule_id) for f in findings])
    return (new.encode(encoding) if count else data), count


def add_noqa(linter: "Linter", paths: Iterable["Path"], resolver: "SettingsResolver | None" = None
             ) -> Iterator[tuple["FileReport", int]]:
    """``check --add-noqa``: for every file under ``paths`` with findings, write a ``# noqa``
    for each (atomically, as ``fix`` writes); yields each report and how many directives it
    got. A file with an error (unreadable, a syntax error, a rule failing on it) is not
    touched; one that cannot be written gets ``report.error``."""
    from pathlib import Path

    from livemigrate.source import SourceError, read_source, write_fixed

    for report in linter.check_paths(paths, resolver=resolver):
        if report.error is not None or not report.findings:
            yield report, 0
            continue
        try:
            # Read again to write: check reads without resolving symlinks, and a report
            # answered from the cache read nothing. The findings are for the bytes checked.
            source = read_source(Path(report.path))
            if report.source is not None and source.data != report.source.data:
                raise SourceError(report.path, "changed on disk while being checked; skipped")
            new, count = add_noqa_to_bytes(source.data, report.path, report.findings)
            if count:
                write_fixed(source, new)
        except SourceError as exc:  # a notebook fix that crosses cells, a file changed meanwhile, ...
            report.error = SourceError(report.path, f"{exc.message} (no noqa directive added)")
            yield report, 0
            continue
        except (OSError, UnicodeError, LookupError, SyntaxError) as exc:
            report.error = SourceError(report.path, f"cannot add noqa directives: {exc}")
            yield report, 0
            continue
        if count:
            report.original, report.fixed, report.written = source.data, new, True
        yield report, count
