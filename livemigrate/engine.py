"""The runner: bytes in, findings (and fixed bytes) out. The CLI only prints what this yields.

Per file: byte prefilter → parse once → LiveModel → every enabled rule → suppressions.
``fix`` applies the chosen fixes and re-parses, pass after pass, until nothing changes
(capped); the result always parses, and a file with nothing to fix is never rewritten.
"""

from __future__ import annotations

import os

from livemigrate.discovery import is_notebook, iter_source_files, iter_source_paths
from livemigrate.prefilter import may_touch_live_api
from livemigrate.rulepack import RulePackError
from livemigrate.settings import Settings, SettingsError, SettingsResolver
from livemigrate.records import FrozenRecord, Record, replace
from livemigrate.source import SourceError, SourceFile, cleanup_stale_temp_files, read_source, write_fixed

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Iterable, Iterator, Sequence

    import libcst as cst

    from livemigrate.migration import TargetProfile
    from livemigrate.rule import Finding, Rule

    from livemigrate.analysis import build_live_model
    from livemigrate.project import ModuleFacts, ProjectIndex
    from livemigrate.cache import ResultCache
    from livemigrate.edit_paths import apply_edits_along_paths
    from livemigrate.edits import Edit, overlaps
    from livemigrate.imports_cleanup import drop_unused_genai_imports
    from livemigrate.notebooks import Notebook
    from livemigrate.parallel import FileTask
    from livemigrate.policy import hold_model_switches
    from livemigrate.positions import CommentLines, Positions
    from livemigrate.preserve import NotReproducible, carry_over
    from livemigrate.progress import ProgressBar
    from livemigrate.suppression import Suppressions

# libcst, the analysis and the fix machinery are imported on the first file that is parsed:
# a run whose files the prefilter rules out (most repositories), or answered from the cache,
# never pays for them (about half a second). They land in this module's namespace, so the
# functions below name them as if imported at the top (and a test can monkeypatch them).
_HEAVY = ("cst", "build_live_model", "apply_edits_along_paths", "overlaps", "drop_unused_genai_imports", "hold_model_switches",
          "Positions", "CommentLines", "Suppressions", "carry_over", "NotReproducible")


# Set by the process entry points (``livemigrate`` and ``python -m livemigrate``), never by a
# library call: see :func:`settle_when_loaded`.
_SETTLE = False


def settle_when_loaded() -> None:
    """In a process that runs livemigrate and nothing else: once libcst, the analysis and the
    rule pack are loaded, move what they built (grammar tables, classes, functions: tens of
    thousands of objects that live as long as the process) out of the cyclic collector's sight
    with ``gc.freeze()``. Each module's tree is freed by reference counting (no cycles: see
    tests/test_no_reference_cycles.py), but the allocations of a parse still set off
    collections, and each full one walked that whole heap again: on the Live-heavy benchmark
    about a tenth of a one-process run. The young generation is made larger for the same
    reason (see :func:`_settle`). A library caller's heap is its own: never frozen."""
    global _SETTLE
    _SETTLE = True
    if "hold_model_switches" in globals():  # loaded already (a worker forked after loading)
        _settle()


_YOUNG_GENERATION = 10_000


def _settle() -> None:
    import gc

    from livemigrate.rulepack import load_rules

    load_rules()  # the built-in pack (cached): loaded now, so that it is frozen too
    gc.freeze()
    # A young generation of 10,000 containers, not 700: a parse's nodes and the analysis' records
    # are freed by reference counting, so the collector finds nothing, and at 700 it ran over
    # a thousand times on the Live-heavy tree (0.25 s of 7, 0.02 s now; memory the same).
    gc.set_threshold(_YOUNG_GENERATION, *gc.get_threshold()[1:])


def _load_heavy() -> None:
    if "hold_model_switches" in globals():
        return
    import libcst

    from livemigrate.analysis import build_live_model
    from livemigrate.edit_paths import apply_edits_along_paths
    from livemigrate.edits import overlaps
    from livemigrate.imports_cleanup import drop_unused_genai_imports
    from livemigrate.policy import hold_model_switches
    from livemigrate.positions import CommentLines, Positions
    from livemigrate.preserve import NotReproducible, carry_over
    from livemigrate.suppression import Suppressions

    loaded = {"cst": libcst, "build_live_model": build_live_model, "apply_edits_along_paths": apply_edits_along_paths,
              "overlaps": overlaps, "drop_unused_genai_imports": drop_unused_genai_imports,
              "hold_model_switches": hold_model_switches, "Positions": Positions,
              "CommentLines": CommentLines, "Suppressions": Suppressions, "carry_over": carry_over,
              "NotReproducible": NotReproducible}
    for name, value in loaded.items():
        globals().setdefault(name, value)  # a name already set (a monkeypatch) stays
    if _SETTLE:
        _settle()


def __getattr__(name: str):
    """``engine.build_live_model`` and the other heavy names, imported on first access."""
    if name in _HEAVY:
        _load_heavy()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FileReport", "Linter", "iter_source_files", "MAX_FIX_PASSES"]

MAX_FIX_PASSES = 10

class FileReport(Record):
    """What one file gave: its findings, or the error that kept it from being read."""

    path: str
    findings: list[Finding]
    error: SourceError | None
    original: bytes | None
    fixed: bytes | None  # set only when fixing changed the file
    applied: list[Finding]  # the findings whose fixes were applied
    skipped: bool  # the prefilter ruled the file out
    written: bool  # fix_paths wrote ``fixed`` to disk
    source: SourceFile | None  # what was read, to write back safely (not shown)
    # notebooks: the remaining findings at their cells as read, and the diff of the changed cells (not shown)
    on_original: list[Finding] | None
    cell_diff: str | None

    _fields = ("path", "findings", "error", "original", "fixed", "applied", "skipped", "written", "source",
               "on_original", "cell_diff")
    _shown = _fields[:8]

    def __init__(self, path: str, findings: list[Finding] | None = None, error: SourceError | None = None,
                 original: bytes | None = None, fixed: bytes | None = None, applied: list[Finding] | None = None,
                 skipped: bool = False, written: bool = False, source: SourceFile | None = None,
                 on_original: list[Finding] | None = None, cell_diff: str | None = None) -> None:
        self.path = path
        self.findings = [] if findings is None else findings
        self.error = error
        self.original = original
        self.fixed = fixed
        self.applied = [] if applied is None else applied
        self.skipped = skipped
        self.written = written
        self.source = source
        self.on_original = on_original
        self.cell_diff = cell_diff

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original

    def diff(self) -> str:
        """A unified diff from the file as read to the fixed file ("" when unchanged)."""
        if not self.changed:
            return ""
        if self.cell_diff is not None:
            return self.cell_diff
        before, after = _decoded(self.original or b""), _decoded(self.fixed or b"")
        return unified_diff(before, after, f"a/{self.path}", f"b/{self.path}")

    def findings_on_original(self) -> list[Finding]:
        """The remaining findings at their lines in the file as read (they are found in the
        fixed text; with ``--diff`` nothing is written, so the file on disk is the original)."""
        if not self.changed:
            return self.findings
        if self.on_original is not None:
            return self.on_original
        from dataclasses import replace  # findings are dataclasses (the parsing path's)

        from livemigrate.preserve import line_mapper

        to_old = line_mapper(self.fixed or b"", self.original or b"")
        return [replace(f, line=to_old(f.line), end_line=max(to_old(f.end_line), to_old(f.line)))
                .with_message_lines(to_old) for f in self.findings]  # and the lines their messages name


def _decoded(data: bytes) -> str:
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace")


ISSUES_URL = "https://github.com/livemigrate/livemigrate/issues"


class InternalError(FrozenRecord):
    """An exception raised by our analysis or a rule on one file: a bug, reported as such."""

    where: str  # "analysis" or a rule id
    exc: BaseException

    _fields = ("where", "exc")

    def __init__(self, where: str, exc: BaseException) -> None:
        object.__setattr__(self, "where", where)
        object.__setattr__(self, "exc", exc)

    def as_source_error(self, path: str, action: str) -> SourceError:
        detail = " ".join(str(self.exc).split())
        if len(detail) > 160:
            detail = detail[:157] + "..."
        kind = type(self.exc).__name__
        return InternalFileError(path, f"internal error in {self.where}: {kind}{': ' + detail if detail else ''}; "
                                       f"{action} (a livemigrate bug: please report it at {ISSUES_URL})")


def _overrun(path: str, limit: float, action: str) -> "InternalFileError":
    return InternalFileError(path, f"the analysis took more than {limit:g} s; {action} "
                                   f"(a livemigrate bug: please report it at {ISSUES_URL})")


class InternalFileError(SourceError):
    """A file's error that is our bug, not the user's input (SARIF: a tool notification)."""


def unified_diff(before: str, after: str, fromfile: str, tofile: str) -> str:
    r"""A unified diff that ``patch`` and ``git apply`` take: lines split at ``\n`` only (a form
    feed or ``\x1c`` in a line is part of it, as it is for them), and a last line with no
    newline followed by ``\ No newline at end of file``."""
    import difflib
    import re

    def lines(text: str) -> list[str]:
        return [line for line in re.split(r"(?<=\n)", text) if line]

    out = []
    for line in difflib.unified_diff(lines(before), lines(after), fromfile=fromfile, tofile=tofile):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _in_cells(error: SourceError | None, notebook) -> SourceError | None:
    """A notebook's error about a line of its virtual module, about a cell and line instead."""
    if error is None:
        return None
    return replace(error, message=notebook.locate_message(error.message))


class Linter:
    """Runs the enabled rules of a rule pack on sources. Build once, use for many files."""

    def __init__(self, settings: Settings | None = None, rules: Sequence[type[Rule]] | None = None) -> None:
        self.settings = settings or Settings()
        self._pack = tuple(rules) if rules is not None else None
        self._rules: list[Rule] | None = None
        self._target: TargetProfile | None = None
        self._by_settings: dict[Settings, Linter] = {}
        if self.settings.rule_paths:
            self.rules  # noqa: B018 - a broken rule folder is a configuration error now, not mid-run

    @property
    def target(self) -> TargetProfile:
        """The profile of the settings' target (its facts are loaded with the first file parsed:
        the settings have checked the name already)."""
        if self._target is None:
            from livemigrate.migration import get_target

            self._target = get_target(self.settings.target)
        return self._target

    @property
    def rules(self) -> list[Rule]:
        """The enabled rules. The built-in pack (whose modules import libcst) is loaded on first
        use, so a run that parses nothing never loads it."""
        if self._rules is None:
            from livemigrate.rulepack import load_rules

            pack = self._pack if self._pack is not None else load_rules(self.settings.rule_paths)
            self._rules = [rule() for rule in pack if self.settings.enabled(rule.id)]
        return self._rules

    @property
    def rebuildable(self) -> bool:
        """Whether ``Linter(self.settings)`` in another process is this linter (False when rule
        classes were handed in: those cannot be sent to a worker)."""
        return self._pack is None

    # --- one module -----------------------------------------------------------------------
    def _parse(self, data: bytes, path: str) -> tuple[cst.Module, str]:
        _load_heavy()
        try:
            module = cst.parse_module(data)
        except cst.ParserSyntaxError as exc:
            line, column, message = exc.raw_line, exc.raw_column + 1, exc.message.splitlines()[0]
            import warnings

            try:  # CPython's own parser points at the offending token more precisely
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    compile(data, path, "exec", dont_inherit=True)
            except SyntaxError as precise:
                if precise.lineno:
                    line, column, message = precise.lineno, precise.offset or 1, precise.msg
            except (ValueError, UnicodeDecodeError):
                pass
            raise SourceError(path, f"syntax error at line {line}, column {column}: {message}; file skipped") from None
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"not valid UTF-8 and declares no other encoding "
                                    f"(byte {exc.start}); file skipped") from None
        except (LookupError, SyntaxError) as exc:
            raise SourceError(path, f"cannot be decoded: {exc}; file skipped") from None
        except Exception as exc:  # libcst raises a few other types on odd input
            raise SourceError(path, f"cannot be parsed: {exc}; file skipped") from None
        return module, data.decode(module.encoding, errors="replace")

    def _run_rules(self, module: cst.Module, text: str, path: str,
                   facts: ModuleFacts | None = None) -> tuple[list[Finding], dict, list[InternalError]]:
        """Every enabled rule's findings on one module. An exception in the analysis or in a
        rule is caught here and returned (the file gets an error, the run goes on): a bug of
        ours, or a rule from --rule-path, never costs the other files their results.
        ``facts``: what the other modules of the run tell this one (:mod:`livemigrate.project`)."""
        _load_heavy()
        from livemigrate.rule import Finding, RuleContext
        from livemigrate.rulepack import load_rules

        errors: list[InternalError] = []
        try:
            live = build_live_model(module, text, facts) if facts else build_live_model(module, text)
        except Exception as exc:  # noqa: BLE001 - any bug in the analysis is this file's error
            return [], {}, [InternalError("analysis", exc)]
        # computed at the first finding, for reported nodes only, numbered by the index
        position = Positions(module, text=text, index=live.bindings)
        suppressions = Suppressions.read(text)
        context = RuleContext
        if self.settings.fix_style == "gate":  # fixes keep the 2.x path behind a model-id test
            from livemigrate.gate import GateContext as context
        comments = suppressions.comment_lines if suppressions.comments_read else \
            CommentLines(live.nodes(cst.Comment), position)
        ctx = context(path, module, live, self.target, position, comments)
        for rule in self.rules:
            ctx.rule = rule
            reported = len(ctx.findings)
            try:
                rule.check(ctx)
            except Exception as exc:  # noqa: BLE001 - a crashing rule is this file's error
                del ctx.findings[reported:]  # what it reported before crashing is not trusted
                errors.append(InternalError(rule.id, exc))
        # After every rule: whether a `# noqa` is unused (LM900) depends on all their findings.
        kept = suppressions.resolve(
            ctx, self.rules, lambda: self._pack if self._pack is not None else load_rules(self.settings.rule_paths),
            failed=[e.where for e in errors])
        findings = hold_model_switches(kept)
        findings.sort(key=Finding.sort_key)
        return findings, live.parent_map(), errors

    def _admit(self, data: bytes, path: str,
               facts: ModuleFacts | None = None) -> tuple[FileReport, cst.Module | None, str]:
        """The prefilter and the one parse: a module to analyse, or a finished report. A module
        other modules make Live code (``facts``) is parsed whatever its bytes mention."""
        report = FileReport(path, original=data)
        if not may_touch_live_api(data, bool(self.settings.rule_paths)) and not (facts and facts.takes_part_in_live):
            report.skipped = True
            return report, None, ""
        try:
            module, text = self._parse(data, path)
        except SourceError as exc:
            report.error = exc
            return report, None, ""
        return report, module, text

    def check_bytes(self, data: bytes, path: str = "<stdin>", facts: ModuleFacts | None = None) -> FileReport:
        """Findings for one file's bytes (a parse error or a bug of ours becomes
        ``report.error``; the findings of the rules that ran stay). A ``path`` ending in
        ``.ipynb`` is read as a notebook: its code cells are checked as one module and each
        finding names its cell (see :mod:`livemigrate.notebooks`). ``facts``: the file's slice
        of the run's project index (``check_paths`` gives it; alone, a file has none)."""
        from livemigrate.watchdog import FileTimeLimit, file_time_limit, time_limit

        limit = file_time_limit()
        try:
            with time_limit(limit):
                if is_notebook(path):
                    return self._check_notebook(data, path)
                return self._check_python(data, path, facts)
        except FileTimeLimit:
            return FileReport(path, original=data, error=_overrun(path, limit, "file skipped"))

    def _check_notebook(self, data: bytes, path: str) -> FileReport:
        from livemigrate.notebooks import NotebookError, read_notebook

        try:
            notebook = read_notebook(data, path)
        except NotebookError as exc:
            return FileReport(path, error=exc, original=data)
        return self._check_read_notebook(notebook, data, path)

    def _check_read_notebook(self, notebook: Notebook, data: bytes, path: str) -> FileReport:
        from livemigrate.notebooks import NotebookError, map_findings

        inner = self._check_python(notebook.virtual.encode("utf-8"), path)
        error = _in_cells(inner.error, notebook)
        findings = map_findings(notebook, inner.findings)
        if error is None and notebook.broken:
            # One broken cell costs that cell, not the notebook's findings (the run exits 2);
            # `fix` leaves such a notebook unchanged, so none of them is offered as fixable.
            error = NotebookError(path, notebook.broken_message("that cell is left out, the others are checked"))
            from dataclasses import replace as with_changes  # findings are dataclasses

            findings = [with_changes(f, fix=None) if f.fix is not None else f for f in findings]
        return FileReport(path, findings=findings, original=data, error=error,
                          skipped=inner.skipped and not notebook.broken)

    def _check_python(self, data: bytes, path: str, facts: ModuleFacts | None = None) -> FileReport:
        report, module, text = self._admit(data, path, facts)
        if module is not None:
            findings, _, errors = self._run_rules(module, text, path, facts)
            report.findings = [f.detached() for f in findings]
            if errors:
                report.error = errors[0].as_source_error(path, "its other findings are reported")
        return report

    def fix_bytes(self, data: bytes, path: str = "<stdin>", unsafe: bool | None = None,
                  facts: ModuleFacts | None = None) -> FileReport:
        """Apply fixes to a fixed point; ``report.fixed`` holds the new bytes if any changed.

        The result always parses, changes only the lines the fixes changed (libcst's
        normalisation elsewhere is undone, see :mod:`livemigrate.preserve`) and is never
        produced when a rule or the analysis failed on the file."""
        unsafe = self.settings.unsafe_fixes if unsafe is None else unsafe
        from livemigrate.watchdog import FileTimeLimit, file_time_limit, time_limit

        limit = file_time_limit()
        try:
            with time_limit(limit):
                if is_notebook(path):
                    return self._fix_notebook(data, path, unsafe)
                return self._fix_python(data, path, unsafe, facts)
        except FileTimeLimit:
            return FileReport(path, original=data, error=_overrun(path, limit, "file left unchanged"))

    def _fix_notebook(self, data: bytes, path: str, unsafe: bool) -> FileReport:
        """Fix the virtual module of a notebook, then write it back into the changed cells
        only; ``report.fixed`` is the whole notebook's bytes."""
        from livemigrate.notebooks import NotebookError, cell_diff, map_findings, read_notebook

        try:
            notebook = read_notebook(data, path)
        except NotebookError as exc:
            return FileReport(path, error=exc, original=data)
        if notebook.broken:  # reported as check reports it; nothing is written into a notebook that does not parse
            checked = self._check_read_notebook(notebook, data, path)
            checked.error = NotebookError(path, notebook.broken_message("notebook left unchanged"))
            return checked
        inner = self._fix_python(notebook.virtual.encode("utf-8"), path, unsafe)
        report = FileReport(path, original=data, error=_in_cells(inner.error, notebook), skipped=inner.skipped,
                            applied=map_findings(notebook, inner.applied))
        if not inner.changed:
            report.findings = map_findings(notebook, inner.findings)
            return report
        try:
            fixed = notebook.write_back((inner.fixed or b"").decode("utf-8"))
            after = read_notebook(fixed, path)
        except NotebookError as exc:
            report.error, report.applied = exc, []
            report.findings = map_findings(notebook, inner.findings_on_original())
            return report
        if fixed == data:
            report.findings = map_findings(notebook, inner.findings_on_original())
            return report
        report.fixed = fixed
        report.findings = map_findings(after, inner.findings)  # where they are once written
        report.on_original = map_findings(notebook, inner.findings_on_original())
        report.cell_diff = cell_diff(path, notebook.cell_texts(), after.cell_texts())
        return report

    def _fix_python(self, data: bytes, path: str, unsafe: bool, facts: ModuleFacts | None = None) -> FileReport:
        report, module, text = self._admit(data, path, facts)
        if module is None:
            return report
        parsed = [module, text]
        del module  # _fix_module owns the tree from here (see there)
        rendered: list[bytes] = []  # the first tree's own rendering, once a fix is applied
        try:
            self._fix_module(report, parsed, path, unsafe, rendered, facts)
        except Exception as exc:  # noqa: BLE001 - a bug in a fix (or RecursionError on deep code)
            report.error = InternalError("fix", exc).as_source_error(path, "file left unchanged")
        if report.error is not None:
            report.fixed, report.applied = None, []
            report.findings = [f.detached() for f in report.findings]
            return report
        if report.fixed is not None:
            try:
                report.fixed = carry_over(data, rendered[0], report.fixed)
            except NotReproducible as exc:
                report.error = SourceError(path, f"libcst does not reproduce line {exc.line} exactly, and a fix "
                                                 f"changes it; file left unchanged (please report it)")
                report.fixed, report.applied = None, []
            else:
                if report.fixed == data:
                    report.fixed = None
        report.findings = [f.detached() for f in report.findings]
        report.applied = [f.detached() for f in report.applied]
        return report

    def _fix_module(self, report: FileReport, parsed: list, path: str, unsafe: bool, rendered: list[bytes],
                    facts: ModuleFacts | None = None) -> None:
        # ``parsed`` is [module, text], handed over so that no caller keeps the first tree
        # alive: each pass drops the old tree before parsing the new text (peak memory is
        # one tree, not one per pass). ``rendered`` gets the first tree's bytes when a fix is
        # applied (a file with nothing to fix is never regenerated).
        module, text = parsed.pop(0), parsed.pop(0)
        data = current = None
        compiled: bool | None = None  # whether the file as read compiles (asked when a fix does not)
        applied: list[Finding] = []
        for _ in range(MAX_FIX_PASSES):
            findings, parents, errors = self._run_rules(module, text, path, facts)
            report.findings = findings
            if errors:
                report.error = errors[0].as_source_error(path, "file left unchanged")
                return
            chosen = _choose_fixes(findings, parents, unsafe)
            if not chosen:
                break
            if current is None:
                data = current = module.bytes
                rendered.append(data)
            fixed_module = _apply(module, chosen, parents)
            new_bytes = fixed_module.bytes
            if new_bytes == current:
                _claimed_fixable(report, chosen, path)
                break
            problem = _compile_error(new_bytes)
            if problem is not None:
                if compiled is None:  # asked only now: most fixed files compile at once
                    compiled = _compile_error(data) is None
                if not compiled:
                    problem = None  # the file as read does not compile either: not the fixes' doing
            if problem is not None:
                # Each fix parses, but together they may not compile (two fixes adding the same
                # keyword to one call): keep those that compile together, in order; the rest
                # are looked at again on the next pass, which sees what the kept ones did.
                kept, fixed_module = _compiling_subset(module, chosen, parents)
                if not kept:  # each of them alone breaks it: our bug (or a user rule's)
                    ids = ", ".join(sorted({f.rule_id for f in chosen}))
                    report.error = InternalFileError(path, f"internal error in {ids}: a fix produces code that "
                                                           f"does not compile ({problem}); file left unchanged")
                    return
                chosen = kept
                new_bytes = fixed_module.bytes
            applied.extend(f.detached() for f in chosen)
            report.findings = [f.detached() for f in findings]  # kept if the next parse fails
            del findings, parents, chosen, fixed_module, module
            try:
                module, text = self._parse(new_bytes, path)
            except SourceError as exc:  # a rule produced code that does not parse: keep the file
                report.error = InternalFileError(path, f"internal error: fixes produced invalid code "
                                                       f"({exc.message}); file left unchanged")
                return
            current = new_bytes
        else:
            report.error = InternalFileError(path, f"internal error: fixes did not settle after "
                                                   f"{MAX_FIX_PASSES} passes; file left unchanged")
            return
        report.applied = applied
        if current != data:
            report.fixed = current

    # --- many files -----------------------------------------------------------------------
    def for_settings(self, settings: Settings) -> "Linter":
        """The linter for files whose nearest config gives ``settings`` (one per distinct
        settings in a run: subprojects may select other rules or another target)."""
        if settings == self.settings:
            return self
        if settings not in self._by_settings:
            self._by_settings[settings] = Linter(settings)
        return self._by_settings[settings]

    def check_paths(self, paths: Iterable[Path], fix: bool = False, unsafe: bool | None = None,
                    resolver: SettingsResolver | None = None, *, jobs: int = 1,
                    cache: ResultCache | None = None, progress: ProgressBar | None = None) -> Iterator[FileReport]:
        """A report per Python file under ``paths`` (see :mod:`livemigrate.discovery` for which
        files, and why some give an error report). With a ``resolver`` each file gets the
        settings of its nearest config (rules, target, size limit, unsafe fixes).

        ``jobs`` > 1 parses in up to that many worker processes (:mod:`livemigrate.parallel`);
        ``cache`` answers files unchanged since an earlier run (:mod:`livemigrate.cache`);
        ``progress`` hears of every file (:mod:`livemigrate.progress`). None of them changes
        the reports or their order.

        Every file of the run is found first: the project index
        (:mod:`livemigrate.project`) gives each file what the others tell it (a
        model id, a Live URL imported from ``config.py``)."""
        from livemigrate.parallel import run_in_order

        paths = list(paths)
        # check: each file is screened where the walk finds it, the walk split over two
        # processes (livemigrate.prescreen.SplitWalk); fix reads every file for writing anyway
        screened: dict[str, tuple] | None = None
        split = None
        if not fix:
            from livemigrate.prescreen import SplitWalk

            screened = {}
            split = SplitWalk(jobs)
        # paths as strings (a Path is built only for a file that is read to be parsed)
        found: list[str | SourceError] = list(iter_source_paths(paths, resolver or self.settings, split, screened))
        index = _project_index(found, paths, self.settings.max_file_size, screened)
        total = len(found) if progress is not None else None
        yield from run_in_order(self._tasks(found, resolver, fix, index, screened), fix=fix, unsafe=unsafe,
                                jobs=jobs if self.rebuildable else 1,  # handed-in rules stay here
                                cache=cache if self.rebuildable else None, progress=progress, total=total)

    def _tasks(self, found: Iterable[str | SourceError], resolver: SettingsResolver | None, fix: bool = False,
               index: ProjectIndex | None = None, screened: dict[str, tuple] | None = None,
               ) -> Iterator[FileReport | FileTask]:
        """Each file read (with the linter of its settings), or the report of why it was not.
        ``screened``: the verdicts of the walk's screen, by path (a file it ruled out is
        reported as skipped without being read again; one it read is not read again)."""
        from livemigrate.parallel import FileTask  # (parallel imports this module)

        for path in found:
            verdict = screened.get(path) if screened is not None and not isinstance(path, SourceError) else None
            if verdict is not None and verdict[0] is True:
                facts = index.facts_for(path) if index is not None else None
                if not (facts and facts.takes_part_in_live):
                    yield FileReport(str(path), skipped=True)  # what the prefilter would have answered
                    continue
                verdict = None  # other modules make it Live code: read it below
            entry = self._entry(path, resolver)
            if isinstance(entry, FileReport):
                yield entry
            elif verdict is not None and isinstance(verdict[0], SourceFile):
                facts = index.facts_for(entry[0]) if index is not None else None
                yield FileTask(entry[2], verdict[0], str(path), facts)
            else:
                yield self._read(*entry, fix, index)

    def _entry(self, path: str | SourceError,
               resolver: SettingsResolver | None) -> FileReport | tuple[str, Settings, Linter]:
        """A found file with its settings and linter, or the report of why it has none."""
        if isinstance(path, SourceError):
            return FileReport(path.path, error=path)
        try:
            settings = resolver.for_file(path) if resolver is not None else self.settings
            return path, settings, self.for_settings(settings)
        except (SettingsError, RulePackError) as exc:
            return FileReport(str(path), error=SourceError(str(path), f"configuration: {exc}"))

    @staticmethod
    def _read(path: str, settings: Settings, linter: Linter, fix: bool,
              index: ProjectIndex | None = None) -> FileReport | FileTask:
        from livemigrate.parallel import FileTask  # (parallel imports this module)

        try:
            source = read_source(path, max_bytes=settings.max_file_size, for_writing=fix)
        except SourceError as exc:
            return FileReport(str(path), error=exc)
        return FileTask(linter, source, str(path), index.facts_for(path) if index is not None else None)

    def fix_paths(self, paths: Iterable[Path], unsafe: bool | None = None, write: bool = True,
                  resolver: SettingsResolver | None = None, *, jobs: int = 1,
                  cache: ResultCache | None = None, progress: ProgressBar | None = None) -> Iterator[FileReport]:
        """Fix every file under ``paths``: write the changed ones (``report.written``), or with
        ``write=False`` only compute them (``report.diff()``, findings at the lines of the
        file as it is on disk). A file that cannot be written (changed on disk meanwhile,
        read-only, ...) gets an error and counts as not fixed; the run goes on. Files are
        fixed in worker processes with ``jobs`` > 1, but always written from this one."""
        cleaned: set[Path] = set()
        for report in self.check_paths(paths, fix=True, unsafe=unsafe, resolver=resolver, jobs=jobs, cache=cache,
                                       progress=progress):
            if write and report.source is not None:
                folder = report.source.target.parent
                if folder not in cleaned:  # temp files a killed run left behind
                    cleaned.add(folder)
                    cleanup_stale_temp_files(folder)
            if report.error is None and report.changed:
                if write:
                    _write(report)
                else:
                    report.findings = report.findings_on_original()
            yield report


def _project_index(found: list[str | SourceError], roots: list[Path | str], max_bytes: int | None,
                   screened: dict[str, tuple] | None = None) -> ProjectIndex | None:
    """The cross-module facts of a run's files (:mod:`livemigrate.project`), or None
    when no file can define a model id or a Live URL: a byte test per file, and the index
    (with its parser) is loaded only past it. ``screened``: the walk's verdicts and flags, by
    path; then only the files they flag are read here (not every file of the run again)."""
    from livemigrate.prefilter import may_define_live_value
    from livemigrate.prefilter import DEFINES_LIVE_VALUE

    # Path(p).suffix == ".py": a name ending so, longer than ".py" itself
    files = [p for p in found if not isinstance(p, SourceError) and p.endswith(".py") and
             len(os.path.basename(p)) > 3]
    verdicts = [screened.get(str(p)) if screened is not None else None for p in files]
    exporting: dict[str, bytes] = {}
    for path, verdict in zip(files, verdicts):
        if verdict is not None and not verdict[1] & DEFINES_LIVE_VALUE:
            continue
        try:
            with open(path, "rb") as handle:
                if max_bytes and os.fstat(handle.fileno()).st_size > max_bytes:
                    continue  # (read(max_bytes + 1) allocates that much per file)
                data = handle.read()
        except OSError:
            continue
        if may_define_live_value(data):
            exporting[os.path.abspath(path)] = data
    if not exporting:
        return None
    from livemigrate.project import build_project_index

    readers = None
    if screened is not None:  # a module the screen ruled out and flagged nothing in imports nothing that matters
        readers = {os.path.abspath(p) for p, v in zip(files, verdicts) if v is None or v[0] is not True or v[1]}
    try:
        # (the notebooks only for what any code of the run may do: a cell answering a tool call)
        notebooks = [p for p in found if not isinstance(p, SourceError) and p.endswith(".ipynb")]
        index = build_project_index([*files, *notebooks], roots, max_bytes, exporting=exporting, readers=readers)
    except (Exception, RecursionError):  # noqa: BLE001 - a bug here costs the cross-module facts, never the run
        return None
    return index if len(index) else None


def _write(report: FileReport) -> None:
    assert report.source is not None, "check_paths reads every file it reports on"
    try:
        write_fixed(report.source, report.fixed or b"")
    except (SourceError, OSError) as exc:
        message = exc.message if isinstance(exc, SourceError) else \
            f"cannot be written: {exc.strerror or exc}; not fixed"
        report.error = SourceError(report.path, message)
        report.findings = report.findings_on_original()  # the file on disk is unchanged
        report.applied = []
        return
    report.written = True


def _apply(module: cst.Module, chosen: list[Finding], parents: dict) -> cst.Module:
    """``module`` with the edits of the ``chosen`` findings' fixes applied, unused imports dropped."""
    edits = [edit for finding in chosen for edit in finding.fix.edits]  # type: ignore[union-attr]
    return drop_unused_genai_imports(module, apply_edits_along_paths(module, edits, parents.get),
                                     [edit.node for edit in edits])


def _compile_error(data: bytes) -> str | None:
    """Why CPython would not compile ``data`` (what a parse does not check: a repeated keyword
    argument or parameter, ``await`` outside an async function), or None. Top-level ``await``
    is allowed: a notebook's cells use it."""
    import ast
    import warnings

    try:
        with warnings.catch_warnings():  # `"\d"`, `x is "a"`: the user's, and not ours to print
            warnings.simplefilter("ignore")
            compile(data, "<fixed>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return exc.msg if isinstance(exc, SyntaxError) else str(exc)
    except (MemoryError, RecursionError):
        return None  # too deep for the compiler here: nothing this check can tell
    return None


def _compiling_subset(module: cst.Module, chosen: list[Finding], parents: dict) -> tuple[list[Finding], cst.Module]:
    """The fixes of ``chosen``, in order, each kept when the module still compiles with it and
    those kept before it; and the module with them applied."""
    kept: list[Finding] = []
    fixed = module
    for finding in chosen:
        trial = _apply(module, [*kept, finding], parents)
        if _compile_error(trial.bytes) is None:
            kept.append(finding)
            fixed = trial
    return kept, fixed


def _claimed_fixable(report: FileReport, chosen: list[Finding], path: str) -> None:
    """Fixes were chosen but changed nothing: a finding called fixable whose fix does not
    remove it. That is our bug; say so instead of looping or claiming success."""
    ids = ", ".join(sorted({f.rule_id for f in chosen}))
    report.error = InternalFileError(path, f"internal error in {ids}: a fix changes nothing, so the finding "
                                           f"it claims to fix remains; file left unchanged")


def _choose_fixes(findings: list[Finding], parents: dict, unsafe: bool) -> list[Finding]:
    """The fixes to apply in one pass: applicable ones whose edits touch disjoint nodes
    (a fix is all-or-nothing; an overlapping one waits for the next pass)."""
    from livemigrate.rule import Applicability

    chosen: list[Finding] = []
    taken: list[Edit] = []
    for finding in findings:
        fix = finding.fix
        if fix is None or (fix.applicability is Applicability.UNSAFE and not unsafe):
            continue
        if any(overlaps(e.node, t.node, parents) for e in fix.edits for t in taken):
            continue
        chosen.append(finding)
        taken.extend(fix.edits)
    return chosen
