"""The one harness: every rule example, fixture, corpus file and app goes through
:func:`verify_fix`, and every rule through :func:`verify_rule` (also ``livemigrate test
DIR`` for your own ``--rule-path`` rules).

The invariants (ruff's and Fixit's, plus ours):

- the fixed output parses, compiles when the input compiled (a repeated keyword argument
  parses), and fixing it again changes nothing (the fixed point holds);
- no finding that the run could fix remains (a finding called fixable is removed by its fix);
- unsafe fixes are not applied without ``unsafe``;
- a run of safe fixes keeps every comment;
- a rule emits only the fix availability it declares (never / sometimes / always).
"""

from __future__ import annotations

import io
import textwrap
import tokenize
from collections import Counter
from typing import Sequence

import libcst as cst

from livemigrate.engine import FileReport, Linter
from livemigrate.rule import Applicability, Finding, FixAvailability, Invalid, Rule
from livemigrate.settings import Settings

__all__ = ["HarnessError", "example_code", "verify_fix", "verify_rule", "verify_example"]


class HarnessError(AssertionError):
    """An invariant a rule or fix breaks; the message says which and where."""


def example_code(code: str) -> str:
    """An example as written in a rule: triple-quoted blocks may be indented (dedented here)."""
    return textwrap.dedent(code).lstrip("\n") if code.startswith("\n") else code


def _comments(data: bytes) -> Counter[str]:
    """The words of every comment. A suppression directive is not the user's words: LM900's
    safe fix removes an unused ``# noqa: LM001`` and must keep everything else of the comment."""
    from livemigrate.suppression import without_directives

    try:
        text = data.decode("utf-8")
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        said = (without_directives(t.string) for t in tokens if t.type == tokenize.COMMENT)
        return Counter(words for words in said if words)
    except (UnicodeDecodeError, tokenize.TokenError, SyntaxError):
        return Counter()


def verify_fix(linter: Linter, data: bytes, path: str = "example.py", unsafe: bool = False,
               select: Sequence[str] | None = None) -> FileReport:
    """Fix ``data`` and check every fix invariant; returns the report (``fixed`` is the
    output when anything changed). Raises :class:`HarnessError` on a breach."""
    report = linter.fix_bytes(data, path, unsafe=unsafe)
    if report.error is not None:
        raise HarnessError(f"{path}: fixing failed: {report.error}")
    output = report.fixed if report.fixed is not None else data
    try:
        cst.parse_module(output)
    except cst.ParserSyntaxError as exc:
        raise HarnessError(f"{path}: the fixed output does not parse: {exc}") from None
    from livemigrate.engine import _compile_error

    if report.fixed is not None and _compile_error(data) is None and _compile_error(output) is not None:
        raise HarnessError(f"{path}: the fixed output does not compile: {_compile_error(output)}")
    if not unsafe and any(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in report.applied):
        raise HarnessError(f"{path}: an unsafe fix was applied without unsafe fixes enabled")
    if report.applied and all(f.fix is None or f.fix.applicability is Applicability.SAFE for f in report.applied):
        lost = _comments(data) - _comments(output)
        if lost:
            raise HarnessError(f"{path}: safe fixes deleted the comment(s) {sorted(lost)}")
    left = [f for f in report.findings if _applies(f, unsafe)]
    if left:
        raise HarnessError(f"{path}: fixable finding(s) remain after fixing: "
                           + "; ".join(f"{f.line}:{f.column} {f.rule_id}" for f in left))
    again = linter.fix_bytes(output, path, unsafe=unsafe)
    if again.error is not None or again.fixed is not None:
        raise HarnessError(f"{path}: a second fix changed the code ({again.error or 'no fixed point'})")
    return report


def _applies(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (unsafe or finding.fix.applicability is Applicability.SAFE)


def _declared(rule: type[Rule], findings: Sequence[Finding], where: str) -> None:
    if rule.fix_availability is FixAvailability.NEVER and any(f.fix for f in findings):
        raise HarnessError(f"{where}: {rule.id} declares no fix but emits one")
    if rule.fix_availability is FixAvailability.ALWAYS and not all(f.fix for f in findings):
        raise HarnessError(f"{where}: {rule.id} declares a fix always but emits a finding without one")


def verify_example(rule: type[Rule], example: str | Invalid, where: str,
                   rules: Sequence[type[Rule]] | None = None, target: str | None = None) -> None:
    """One VALID (str) or INVALID example of ``rule``, through the whole harness, on
    ``target`` (default: the rule's ``EXAMPLE_TARGET``)."""
    linter = Linter(Settings(select=(rule.id,), target=target or rule.EXAMPLE_TARGET), rules=rules)
    if isinstance(example, str):
        code = example_code(example)
        cst.parse_module(code)
        report = linter.check_bytes(code.encode(), "example.py")
        if report.error is not None or report.findings:
            raise HarnessError(f"{where}: a VALID example gives {report.error or report.findings[0].message}")
        return
    code = example_code(example.code)
    cst.parse_module(code)
    report = linter.check_bytes(code.encode(), "example.py")
    if report.error is not None:
        raise HarnessError(f"{where}: {report.error}")
    found = [f for f in report.findings if f.rule_id == rule.id]
    if len(found) != example.count:
        raise HarnessError(f"{where}: expected {example.count} finding(s), got {len(found)}: "
                           + "; ".join(f.message for f in found))
    if example.line is not None and found[0].line != example.line:
        raise HarnessError(f"{where}: expected the finding at line {example.line}, got {found[0].line}")
    if example.message is not None and example.message not in found[0].message:
        raise HarnessError(f"{where}: message {found[0].message!r} lacks {example.message!r}")
    _declared(rule, found, where)
    if example.fixed is None:
        if any(f.fix for f in found):
            raise HarnessError(f"{where}: the example says no fix, the rule offers one")
        return
    if example.unsafe:
        if not all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in found):
            raise HarnessError(f"{where}: the example says unsafe, the fix is safe (or missing)")
        if linter.fix_bytes(code.encode(), "example.py", unsafe=False).fixed is not None:
            raise HarnessError(f"{where}: an unsafe fix was applied by default")
    elif not all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in found):
        reasons = [r for f in found if f.fix for r in f.fix.unsafe_reasons]
        raise HarnessError(f"{where}: the example says safe, the fix is unsafe or missing {reasons}")
    try:
        fixed = verify_fix(linter, code.encode(), "example.py", unsafe=example.unsafe)
    except HarnessError as exc:
        raise HarnessError(f"{where}: {exc}") from None
    output = (fixed.fixed or code.encode()).decode()
    if output != example_code(example.fixed):
        raise HarnessError(f"{where}: fixed code differs from the example's:\n{output}")


def verify_rule(rule: type[Rule], rules: Sequence[type[Rule]] | None = None) -> list[str]:
    """Every example of ``rule`` through the harness; the problems found ([] when none)."""
    from livemigrate.rule import DOC_SECTIONS

    problems = []
    docs = rule.docs()
    problems += [f"{rule.id}: docs lack '## {s}'" for s in DOC_SECTIONS if f"## {s}" not in docs]
    if not rule.VALID or not rule.INVALID:
        problems.append(f"{rule.id}: a rule ships with VALID and INVALID examples")
    if rule.fix_availability is not FixAvailability.NEVER and not any(e.fixed for e in rule.INVALID):
        problems.append(f"{rule.id}: a fixable rule shows a fix in an INVALID example")
    for kind, examples in (("VALID", rule.VALID), ("INVALID", rule.INVALID)):
        for index, example in enumerate(examples, start=1):
            try:
                verify_example(rule, example, f"{rule.id}-{kind}-{index}", rules)
            except HarnessError as exc:
                problems.append(str(exc))
            except Exception as exc:  # noqa: BLE001 - a broken example is a problem to report
                problems.append(f"{rule.id}-{kind}-{index}: {type(exc).__name__}: {exc}")
    return problems
