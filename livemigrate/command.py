"""What ``check`` and ``fix`` do once their arguments are parsed, without click.

Two parsers reach this module: click (:mod:`livemigrate.cli`, every command and option, help and
usage errors) and :mod:`livemigrate.fastpath`, which recognises only the common shapes of
``livemigrate check`` so that a run over a large tree with no Live code does not pay for
importing click. Both hand over a :class:`RunOptions`, and what a run prints and returns is
decided here, once: the two parsers cannot drift apart in what they do, only in what they accept
(and the fast one hands everything it does not know to click).
"""

from __future__ import annotations

import os
import sys

from livemigrate.records import FrozenRecord

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Sequence

    from livemigrate.engine import FileReport, Linter
    from livemigrate.settings import SettingsResolver

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "CommandError", "RunOptions", "add_noqa_paths",
           "check", "echo", "make_linter", "paths_or_here", "print_error", "reports"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CommandError(Exception):
    """A usage or configuration error found before any file is looked at: one line, exit 2."""


class RunOptions(FrozenRecord):
    """The options ``check`` and ``fix`` share: which rules and settings, which files, how the
    run goes. ``None`` means "not given" (the config file or the default decides)."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    target: str | None
    config: str | None
    rule_path: tuple[str, ...]
    stdin_filename: str | None
    quiet: bool
    exclude: tuple[str, ...] | None
    extend_exclude: tuple[str, ...]
    force_exclude: bool | None
    respect_gitignore: bool | None
    jobs: int | None
    no_cache: bool
    cache_dir: str | None

    _fields = ("select", "ignore", "target", "config", "rule_path", "stdin_filename", "quiet", "exclude",
               "extend_exclude", "force_exclude", "respect_gitignore", "jobs", "no_cache", "cache_dir")

    def __init__(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), target: str | None = None,
                 config: str | None = None, rule_path: tuple[str, ...] = (), stdin_filename: str | None = None,
                 quiet: bool = False, exclude: tuple[str, ...] | None = None, extend_exclude: tuple[str, ...] = (),
                 force_exclude: bool | None = None, respect_gitignore: bool | None = None, jobs: int | None = None,
                 no_cache: bool = False, cache_dir: str | None = None) -> None:
        values = (select, ignore, target, config, rule_path, stdin_filename, quiet, exclude, extend_exclude,
                  force_exclude, respect_gitignore, jobs, no_cache, cache_dir)
        for name, value in zip(self._fields, values):
            object.__setattr__(self, name, value)


def echo(message: str, err: bool = False, nl: bool = True) -> None:
    """Write ``message`` to standard output (or error) and flush, as ``click.echo`` does for
    text. The stream is looked up at each call: a test runner swaps it."""
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n" if nl else message)
    stream.flush()


def make_linter(options: RunOptions, unsafe_fixes: bool | None = None,
                fix_style: str | None = None) -> tuple[Linter, SettingsResolver]:
    """The linter for this run and the resolver that gives each file its nearest config's
    settings (as ruff does); the command-line options apply over every config. Raises
    :class:`CommandError` for a bad option or config."""
    from livemigrate.engine import Linter
    from livemigrate.rulepack import RulePackError, load_rules
    from livemigrate.settings import CliOverrides, SettingsError, SettingsResolver, iter_ids, iter_patterns

    try:
        overrides = CliOverrides(select=iter_ids(options.select) or None, ignore=iter_ids(options.ignore),
                                 target=options.target, unsafe_fixes=unsafe_fixes, rule_paths=options.rule_path,
                                 exclude=iter_patterns(options.exclude) if options.exclude else None,
                                 extend_exclude=iter_patterns(options.extend_exclude),
                                 respect_gitignore=options.respect_gitignore,
                                 force_exclude=options.force_exclude, fix_style=fix_style)
        resolver = SettingsResolver(overrides, explicit_config=options.config or None)
        settings = resolver.for_path(os.getcwd())  # stdin, and the base for the run
        linter = Linter(settings)
        # "LM" (the default) is every built-in rule: checking it needs no rule pack (nor libcst)
        codes = [code for code in (*settings.select, *settings.ignore) if code != "LM"]
        known = [rule.id for rule in load_rules(settings.rule_paths)] if codes else []
        for code in codes:
            if not any(rule_id.startswith(code) for rule_id in known):
                raise SettingsError(f"--select/--ignore: {code!r} matches no rule (see `livemigrate rules`)")
        return linter, resolver
    except (SettingsError, RulePackError) as exc:
        raise CommandError(str(exc)) from None


def _run_options(options: RunOptions, resolver: SettingsResolver) -> dict:
    """``jobs``, ``cache`` and ``progress`` for ``check_paths``/``fix_paths`` from the options."""
    from livemigrate import progress
    from livemigrate.parallel import default_jobs

    cache = None
    if not options.no_cache:  # the cache module is not even imported under --no-cache
        from pathlib import Path

        from livemigrate.cache import ResultCache, cache_disabled_by_env, default_cache_dir

        if not cache_disabled_by_env():
            folder = options.cache_dir
            if folder is None:  # the project root: where the governing pyproject.toml is (as ruff)
                config = resolver.explicit_config or resolver.config_for(Path.cwd())
                folder = default_cache_dir(config.parent if config is not None else Path.cwd())
            cache = ResultCache(Path(folder))
    bar = progress.ProgressBar() if progress.wanted(sys.stderr, options.quiet) else None
    return {"jobs": options.jobs or default_jobs(), "cache": cache, "progress": bar}


def paths_or_here(paths: Sequence[str]) -> list[str]:
    return list(paths) or ["."]


def reports(linter: Linter, resolver: SettingsResolver, options: RunOptions, paths: Iterable[str],
            fix: bool = False, unsafe: bool | None = None, write: bool = False) -> Iterator[tuple[FileReport, bool]]:
    """(report, from_stdin) for every path; ``-`` reads standard input."""
    paths = list(paths)
    files = [p for p in paths if p != "-"]  # strings: a run that reports nothing builds no Path
    if "-" in paths:
        data = sys.stdin.buffer.read()
        stdin_filename = options.stdin_filename
        name = stdin_filename or "-"
        # Named input gets the settings of the file it stands for (its config, per-file-ignores).
        here = linter.for_settings(resolver.for_path(stdin_filename)) if stdin_filename else linter
        yield (here.fix_bytes(data, name, unsafe) if fix else here.check_bytes(data, name)), True
    run = _run_options(options, resolver)
    if fix:
        yield from ((report, False) for report in linter.fix_paths(files, unsafe=unsafe, write=write,
                                                                   resolver=resolver, **run))
    else:
        yield from ((report, False) for report in linter.check_paths(files, resolver=resolver, **run))
    for path in [] if options.quiet else resolver.paths_without_files:  # a warning: an empty folder is not a broken one
        echo(f"livemigrate: warning: no Python files or notebooks found under {path} "
             f"(empty, or all excluded or gitignored)", err=True)


def print_error(report: FileReport) -> None:
    echo(f"livemigrate: error: {report.error}", err=True)


def check(options: RunOptions, paths: Sequence[str], output_format: str = "text", exit_zero: bool = False,
          add_noqa: bool = False) -> int:
    """``livemigrate check``: report, print, and return the exit code."""
    from livemigrate.report import render

    linter, resolver = make_linter(options)
    if add_noqa:
        return add_noqa_paths(linter, resolver, paths_or_here(paths), options.quiet)
    findings, errors, checked = [], [], []
    for report, _ in reports(linter, resolver, options, paths_or_here(paths)):
        checked.append(report.path)
        if report.error:
            print_error(report)
            errors.append(report.error)
        findings.extend(report.findings)
    if output_format == "text":
        body = render("text", findings, linter.settings.unsafe_fixes)
        if options.quiet and findings:
            body = body.rsplit("\n", 2)[0] + "\n"  # drop the summary line
        echo(body, nl=False)
        if not findings and not options.quiet and not errors:
            echo("No findings.", err=True)
    else:
        echo(render(output_format, findings, errors=errors, checked=checked), nl=False)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings and not exit_zero else EXIT_CLEAN


def add_noqa_paths(linter: Linter, resolver: SettingsResolver, paths: Sequence[str], quiet: bool) -> int:
    """``check --add-noqa``: a ``# noqa`` for every finding, written in place; says how many
    (as ruff does). Exit 0, or 2 when a file could not be read, parsed or written."""
    from pathlib import Path

    from livemigrate.suppression import add_noqa

    if "-" in paths:
        echo("livemigrate: error: --add-noqa rewrites files in place; it cannot take '-' (standard input)", err=True)
        return EXIT_ERROR
    added, errors = 0, 0
    for report, count in add_noqa(linter, [Path(p) for p in paths], resolver):
        if report.error:
            print_error(report)
            errors += 1
        added += count
    if not quiet:
        echo(f"Added {added} noqa directive(s).", err=True)
    return EXIT_ERROR if errors else EXIT_CLEAN
