"""The ``livemigrate`` entry point: the common shapes of ``check`` start without click.

A CI run over a large code base with little or no Live code spends most of its time starting
up: importing click and building the command tree costs about what walking Django's 900
files does. So the console script (and ``python -m livemigrate``) first tries to read the
arguments here. Only ``check`` with the options below is recognised, each in the spellings click
accepts for it; anything else (another command, ``--help``, ``-`` for standard input, an option
not listed, a value click would have to check) goes to :func:`livemigrate.cli.main`,
untouched, so help, usage errors and every other command stay click's. What the run does is
:func:`livemigrate.command.check` either way, so both paths print and exit alike
(``tests/test_fastpath.py`` runs both on the same arguments).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Sequence

__all__ = ["console_main", "main", "parse_check"]

# flag -> (field, value)
_FLAGS = {
    "--quiet": ("quiet", True), "-q": ("quiet", True),
    "--no-cache": ("no_cache", True),
    "--exit-zero": ("exit_zero", True),
    "--force-exclude": ("force_exclude", True), "--no-force-exclude": ("force_exclude", False),
    "--respect-gitignore": ("respect_gitignore", True), "--no-respect-gitignore": ("respect_gitignore", False),
}
# option taking a value -> (field, repeatable)
_VALUES = {
    "--output-format": ("output_format", False),
    "--jobs": ("jobs", False), "-j": ("jobs", False),
    "--select": ("select", True), "--ignore": ("ignore", True),
    "--target": ("target", False),
    "--exclude": ("exclude", True), "--extend-exclude": ("extend_exclude", True),
    "--cache-dir": ("cache_dir", False),
}


def parse_check(argv: Sequence[str]) -> dict | None:
    """The fields of a ``check`` invocation, or None when click must read ``argv``."""
    if not argv or argv[0] != "check":
        return None
    fields: dict = {"paths": []}
    args = list(argv[1:])
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--":
            fields["paths"].extend(args[index:])
            break
        if not arg.startswith("-") or arg == "-":
            fields["paths"].append(arg)
            continue
        if arg in _FLAGS:
            name, value = _FLAGS[arg]
            fields[name] = value
            continue
        option, has_equals, value = arg.partition("=")
        if not has_equals and arg.startswith("-j") and len(arg) > 2:
            option, value, has_equals = "-j", arg[2:], True  # -j2
        if option not in _VALUES or (has_equals and option == "-j" and arg.startswith("-j=")):
            return None  # click's (and -j=2 means "=2" to click)
        if not has_equals:
            if index == len(args) or args[index].startswith("-"):
                return None  # a missing value, or one that looks like an option: click words it
            value = args[index]
            index += 1
        name, repeatable = _VALUES[option]
        if repeatable:
            fields.setdefault(name, []).append(value)
        else:
            fields[name] = value
    if "-" in fields["paths"]:
        return None  # standard input
    jobs = fields.get("jobs")
    if jobs is not None:
        if not (jobs.isascii() and jobs.isdigit()) or int(jobs) < 1:
            return None
        fields["jobs"] = int(jobs)
    cache_dir = fields.get("cache_dir")
    if cache_dir is not None and (not cache_dir or os.path.isfile(cache_dir)):
        return None  # click's words for a folder that is a file
    if "output_format" in fields:
        from livemigrate.report import FORMATS

        if fields["output_format"] not in FORMATS:
            return None
    return fields


def _check(fields: dict) -> int:
    from livemigrate import command
    from livemigrate.rulepack import RulePackError

    options = command.RunOptions(
        select=tuple(fields.get("select", ())), ignore=tuple(fields.get("ignore", ())), target=fields.get("target"),
        quiet=fields.get("quiet", False),
        exclude=tuple(fields["exclude"]) if fields.get("exclude") else None,
        extend_exclude=tuple(fields.get("extend_exclude", ())), force_exclude=fields.get("force_exclude"),
        respect_gitignore=fields.get("respect_gitignore"), jobs=fields.get("jobs"),
        no_cache=fields.get("no_cache", False), cache_dir=fields.get("cache_dir"))
    try:
        return command.check(options, fields["paths"], fields.get("output_format", "text"),
                             fields.get("exit_zero", False))
    except command.CommandError as exc:
        command.echo(f"livemigrate: error: {exc}", err=True)
        return command.EXIT_ERROR
    except RulePackError as exc:  # as cli.main: a rule module that cannot be imported is one line
        command.echo(f"livemigrate: error: {exc}", err=True)
        return command.EXIT_ERROR
    except (EOFError, KeyboardInterrupt):  # as click: a blank line after ^C, then "Aborted."
        command.echo("", err=True)
        command.echo("Aborted.", err=True)
        return command.EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    fields = parse_check(args)
    if fields is not None:
        return _check(fields)
    from livemigrate.cli import main as click_main

    return click_main(args)


def console_main() -> None:  # pragma: no cover - thin wrapper for the console script
    from livemigrate.engine import settle_when_loaded

    settle_when_loaded()  # this process runs livemigrate only (engine.settle_when_loaded)
    sys.exit(main())
