"""The ``livemigrate`` command: argument handling and printing only; the engine does the work.

Exit codes (ruff's): 0 nothing found (or everything fixed), 1 findings remain, 2 a file could
not be read or parsed (the other files are still processed) or a usage/configuration error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

import click

from livemigrate import __version__, command
from livemigrate.command import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, CommandError, RunOptions, make_linter
from livemigrate.report import FORMATS


def _options(select=(), ignore=(), target=None, config=None, rule_path=(), stdin_filename=None,
             quiet=False) -> RunOptions:
    """The options of this invocation: its parameters, and the discovery and scale options
    kept in ``ctx.meta`` (see :func:`_discovery_options` and :func:`_scale_options`)."""
    meta = click.get_current_context().meta
    exclude = meta.get("livemigrate.exclude")
    return RunOptions(select=tuple(select), ignore=tuple(ignore), target=target, config=config,
                      rule_path=tuple(rule_path), stdin_filename=stdin_filename, quiet=bool(quiet),
                      exclude=tuple(exclude) if exclude else None,
                      extend_exclude=tuple(meta.get("livemigrate.extend_exclude", ())),
                      force_exclude=meta.get("livemigrate.force_exclude"),
                      respect_gitignore=meta.get("livemigrate.respect_gitignore"),
                      jobs=meta.get("livemigrate.jobs"), no_cache=bool(meta.get("livemigrate.no_cache")),
                      cache_dir=meta.get("livemigrate.cache_dir"))


def _linter(options: RunOptions, unsafe_fixes=None, fix_style=None):
    """:func:`livemigrate.command.make_linter`, its error printed as a usage error (exit 2)."""
    try:
        return make_linter(options, unsafe_fixes, fix_style)
    except CommandError as exc:
        click.echo(f"livemigrate: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _filters(function):
    options = [
        click.option("--select", multiple=True, metavar="IDS",
                     help="Only these rules (ids or prefixes, comma-separated: LM001,LM2)."),
        click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules (ids or prefixes)."),
        click.option("--target", default=None, help="Target Live model profile (default 3.1)."),
        click.option("--config", type=click.Path(dir_okay=False, exists=True), default=None,
                     help="pyproject.toml to read [tool.livemigrate] from (default: nearest)."),
        click.option("--rule-path", multiple=True, type=click.Path(file_okay=False, exists=True),
                     help="A folder of extra rule modules (repeatable). They run as code: name only "
                          "folders you trust."),
        click.option("--stdin-filename", default=None, help="Path to report for input read from '-'."),
        click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary."),
    ]
    for option in reversed(options):
        function = option(function)
    return _discovery_options(_scale_options(function))


def _discovery_options(function):
    """--exclude, --extend-exclude, --force-exclude and --[no-]respect-gitignore: which files a
    run takes (kept in ``ctx.meta`` for :func:`_linter`, like the scale options)."""
    options = [
        click.option("--exclude", multiple=True, metavar="PATTERNS", expose_value=False, callback=_remember,
                     help="Gitignore-style patterns to leave out, replacing the configured list "
                          "(comma-separated, repeatable; relative to the current folder)."),
        click.option("--extend-exclude", multiple=True, metavar="PATTERNS", expose_value=False,
                     callback=_remember, help="Patterns to leave out, added to the configured ones."),
        click.option("--force-exclude/--no-force-exclude", default=None, expose_value=False, callback=_remember,
                     help="Apply the excludes and .gitignore to files named on the command line too "
                          "(for pre-commit)."),
        click.option("--respect-gitignore/--no-respect-gitignore", default=None, expose_value=False,
                     callback=_remember, help="Leave out what .gitignore files ignore (default: on)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _remember(ctx: click.Context, param: click.Parameter, value):
    ctx.meta[f"livemigrate.{param.name}"] = value
    return value


def _scale_options(function):
    """--jobs, --no-cache and --cache-dir: how a run goes, never what it finds (kept in
    ``ctx.meta`` for :func:`_reports`, so the commands' signatures do not carry them)."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, expose_value=False,
                     callback=_remember, help="Worker processes for parsing (default: one per CPU; 1 = none)."),
        click.option("--no-cache", is_flag=True, expose_value=False, callback=_remember,
                     help="Neither read nor write the result cache (also: LIVEMIGRATE_NO_CACHE=1)."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None, expose_value=False,
                     callback=_remember, help="Where to keep the result cache (default: .livemigrate_cache in "
                                                "the project root; also: LIVEMIGRATE_CACHE_DIR)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="livemigrate")
def cli() -> None:
    """Move Gemini Live API code from 2.5 native audio to gemini-3.1-flash-live-preview."""


@cli.command()
@click.argument("paths", nargs=-1)
@_filters
@click.option("--output-format", type=click.Choice(list(FORMATS)), default="text",
              show_default=True)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--add-noqa", is_flag=True,
              help="Append `# noqa: LMxxx` to every line with a finding (to baseline a legacy code base); "
                   "report nothing.")
def check(paths, select, ignore, target, config, rule_path, stdin_filename, quiet, output_format, exit_zero,
          add_noqa):
    """Report 2.5-only Live API constructs in PATHS (files, folders, '-' for stdin)."""
    options = _options(select, ignore, target, config, rule_path, stdin_filename, quiet)
    try:
        code = command.check(options, paths, output_format, exit_zero, add_noqa)
    except CommandError as exc:
        click.echo(f"livemigrate: error: {exc}", err=True)
        code = EXIT_ERROR
    sys.exit(code)


@cli.command()
@click.argument("paths", nargs=-1)
@_filters
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
@click.option("--unsafe-fixes", is_flag=True, default=None, help="Also apply fixes marked unsafe.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--fix-style", type=click.Choice(["rewrite", "gate"]), default=None,
              help="rewrite (default): replace 2.x settings; gate: keep them for the old model behind a "
                   "model-id test (for code that must keep both models working).")
def fix(paths, select, ignore, target, config, rule_path, stdin_filename, quiet, diff, unsafe_fixes, exit_zero,
        fix_style):
    """Rewrite what can be fixed safely in PATHS; report what needs a human."""
    from livemigrate.report.text import render_text, summary_line

    options = _options(select, ignore, target, config, rule_path, stdin_filename, quiet)
    linter, resolver = _linter(options, unsafe_fixes, fix_style)
    unsafe = linter.settings.unsafe_fixes  # for the summary; each file follows its own config
    remaining, errors, fixed_count, files_changed = [], 0, 0, 0
    for report, from_stdin in command.reports(linter, resolver, options, command.paths_or_here(paths), fix=True,
                                              unsafe=unsafe_fixes, write=not diff):
        # with --diff nothing is written: say where the findings are in the file as it is
        remaining.extend(report.findings_on_original() if diff and from_stdin else report.findings)
        if report.error:
            command.print_error(report)
            errors += 1
            if from_stdin and not diff and report.original is not None:
                sys.stdout.buffer.write(report.original)  # a filter never swallows its input
            continue
        if report.changed:
            files_changed += 1
            fixed_count += len(report.applied)
        if from_stdin and not diff:
            sys.stdout.buffer.write(report.fixed if report.changed else report.original)
            continue
        if diff:
            click.echo(report.diff(), nl=False)
        elif report.written and not quiet:
            click.echo(f"Fixed {len(report.applied)} finding(s) in {report.path}", err=True)
    if remaining:
        click.echo(render_text(remaining, unsafe).rsplit("\n", 2)[0] + "\n", nl=False, err=True)
    if not quiet:
        verb = "Would fix" if diff else "Fixed"
        message = f"{verb} {fixed_count} finding(s) in {files_changed} file(s)."
        if remaining:
            message += " Remaining: " + summary_line(remaining, unsafe)
        click.echo(message, err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    if diff and files_changed and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_FINDINGS if remaining and not exit_zero else EXIT_CLEAN)


@cli.command()
@click.argument("rule_id")
def explain(rule_id):
    """Show the documentation of a rule (e.g. LM002)."""
    from livemigrate.rulepack import load_rules

    wanted = rule_id.upper()
    for rule in load_rules():
        if rule.id == wanted or rule.name == rule_id.lower():
            click.echo(f"{rule.id} {rule.name}  (fix: {rule.fix_availability.value})\n")
            click.echo(rule.docs())
            click.echo(_examples(rule), nl=False)
            return
    click.echo(f"livemigrate: error: no rule {rule_id!r}; see `livemigrate rules`", err=True)
    sys.exit(EXIT_ERROR)


def _examples(rule) -> str:
    """The first valid and invalid example, with its fix: what the harness checks."""
    from livemigrate.testing import example_code

    parts = []
    if rule.VALID:
        parts.append("## Checked example: not flagged\n```python\n" + example_code(rule.VALID[0]).rstrip() + "\n```")
    if rule.INVALID:
        invalid = rule.INVALID[0]
        parts.append("## Checked example: flagged\n```python\n" + example_code(invalid.code).rstrip() + "\n```")
        if invalid.fixed is not None:
            how = "livemigrate fix --unsafe-fixes" if invalid.unsafe else "livemigrate fix"
            parts.append(f"## After `{how}`\n```python\n" + example_code(invalid.fixed).rstrip() + "\n```")
    return "\n\n" + "\n\n".join(parts) + "\n" if parts else ""


@cli.command("test")
@click.argument("rule_dirs", nargs=-1, required=True, type=click.Path(file_okay=False, exists=True))
def test_rules(rule_dirs):
    """Run the rule harness on your own rule folders (the ones you pass to --rule-path).

    Every VALID and INVALID example of every rule there goes through the checks the built-in
    rules pass: findings, declared fix availability, the fixed code, fixed point, re-parse,
    comments kept under safe fixes. Note: loading a rule folder runs its code."""
    from livemigrate.rulepack import RulePackError, builtin_rules_dir, load_rules
    from livemigrate.testing import verify_rule

    try:
        rules = load_rules(rule_dirs)
    except RulePackError as exc:
        click.echo(f"livemigrate: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    builtin = builtin_rules_dir().resolve()
    mine = [r for r in rules if builtin not in Path(sys.modules[r.__module__].__file__).resolve().parents]
    problems = [p for rule in mine for p in verify_rule(rule, rules)]
    for problem in problems:
        click.echo(problem)
    click.echo(f"{len(mine)} rule(s) checked, {len(problems)} problem(s).", err=True)
    sys.exit(EXIT_FINDINGS if problems else EXIT_CLEAN)


@cli.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rule-path", multiple=True, type=click.Path(file_okay=False, exists=True))
def list_rules(output_format, rule_path):
    """List every rule: id, name, fix availability and message."""
    import json

    from livemigrate.rulepack import load_rules

    rules = load_rules(rule_path)
    if output_format == "json":
        click.echo(json.dumps([{"code": r.id, "name": r.name, "fix": r.fix_availability.value,
                                "message": r.message, "explanation": r.docs()} for r in rules], indent=2))
        return
    width = max(len(r.name) for r in rules)
    click.echo(f"{'ID':<6} {'NAME':<{width}} {'FIX':<9} MESSAGE")
    for r in rules:
        click.echo(f"{r.id:<6} {r.name:<{width}} {r.fix_availability.value:<9} {r.message}")


@cli.command("config")
@click.argument("path", required=False, type=click.Path(exists=True))
@_filters
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_config(path, select, ignore, target, config, rule_path, output_format, **_ignored):
    """Show the settings PATH is checked with (default: the current folder): the config file,
    each value and where it comes from, and every rule that is off and why. Takes the same
    options as `check`, to see what they change; name a file to see its per-file ignores."""
    import json

    from livemigrate.settings import SettingsError

    _, resolver = _linter(_options(select, ignore, target, config, rule_path))
    try:
        described = resolver.describe(path or ".")
    except SettingsError as exc:
        click.echo(f"livemigrate: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if output_format == "json":
        click.echo(json.dumps(described, indent=2))
        return
    click.echo(f"Settings for {described['path']}")
    click.echo(f"config file: {described['config_file'] or 'none (defaults; patterns relative to ' + described['root'] + ')'}")
    for key, value in described["settings"].items():
        click.echo(f"{key} = {_toml(value)}  # {described['origins'][key]}")
    if not described["is_file"] and (described["settings"]["per-file-ignores"]
                                     or described["settings"]["extend-per-file-ignores"]):
        click.echo("(per-file-ignores apply to files: name one to see its rules)")
    click.echo("")
    for rule in described["rules"]:
        click.echo(f"{rule['code']} {'on' if rule['enabled'] else 'off: ' + rule['reason']}")


def _toml(value) -> str:
    """A setting as it would be written in [tool.livemigrate]."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def _register_emulator() -> None:
    # The emulator needs google-genai's websockets and trustme; load it only when asked for.
    @cli.command("emulator", context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                               "help_option_names": []})
    @click.pass_context
    def emulator(ctx):
        """Run the local 3.1 Live API emulator (needs the 'runtime' extra)."""
        try:
            from livemigrate.emulator.cli import emulator_command
        except ImportError as exc:
            click.echo(f"livemigrate: error: the emulator needs `pip install 'livemigrate[runtime]'` ({exc})",
                       err=True)
            sys.exit(EXIT_ERROR)
        emulator_command.main(args=ctx.args, prog_name="livemigrate emulator", standalone_mode=True)


_register_emulator()


def _register_run() -> None:
    # The runner installs the shim (google-genai); load it only when asked for.
    @cli.command("run", context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                          "help_option_names": []})
    @click.pass_context
    def run(ctx):
        """Run a program unchanged with the shim installed (needs the 'runtime' extra)."""
        try:
            from livemigrate.shim.run import run_command
        except ImportError as exc:
            click.echo(f"livemigrate: error: `run` needs `pip install 'livemigrate[runtime]'` ({exc})", err=True)
            sys.exit(EXIT_ERROR)
        run_command.main(args=ctx.args, prog_name="livemigrate run", standalone_mode=True)


_register_run()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code instead of exiting when called in-process."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="livemigrate", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.UsageError as exc:
        exc.show()
        return EXIT_ERROR
    except click.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - only the rule pack's load error is ours to word
        from livemigrate.rulepack import RulePackError

        if not isinstance(exc, RulePackError):
            raise
        # The pack loads on the first file that needs parsing: a rule module that cannot
        # be imported stops the run with one line, not a traceback.
        click.echo(f"livemigrate: error: {exc}", err=True)
        return EXIT_ERROR
    return EXIT_CLEAN


def console_main() -> None:  # pragma: no cover - thin wrapper for the console script
    sys.exit(main())
