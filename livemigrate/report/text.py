"""``path:line:col: LM002 [*] message`` lines (``nb.ipynb:cell 3:line:col: ...`` in a
notebook) and a summary, as ruff prints them."""

from __future__ import annotations

from collections import Counter

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Sequence

    from livemigrate.rule import Finding

__all__ = ["render_text", "summary_line", "fix_marker", "location"]


def location(finding: Finding) -> str:
    """``path:line:col``, or ``path:cell N:line:col`` for a finding in a notebook cell."""
    cell = getattr(finding, "cell", None)
    where = f"cell {cell}:" if cell is not None else ""
    return f"{finding.path}:{where}{finding.line}:{finding.column}"


def fix_marker(finding: Finding, unsafe_fixes: bool) -> str:
    """``[*] `` when ``livemigrate fix`` would fix this finding as run; nothing otherwise (no
    fix, or an unsafe one without ``--unsafe-fixes``), as ruff prints it."""
    from livemigrate.rule import Applicability  # (a run with no finding never loads the rule API)

    fix = finding.fix
    if fix is None:
        return ""
    if fix.applicability is Applicability.SAFE or unsafe_fixes:
        return "[*] "
    return ""


def render_text(findings: Sequence[Finding], unsafe_fixes: bool = False) -> str:
    lines = [f"{location(f)}: {f.rule_id} {fix_marker(f, unsafe_fixes)}{f.message}"
             for f in findings]
    if findings:
        lines.append(summary_line(findings, unsafe_fixes))
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(findings: Sequence[Finding], unsafe_fixes: bool = False) -> str:
    """``Found 4 findings (LM001: 1, LM002: 3). 3 fixable with `livemigrate fix` ...``"""
    from livemigrate.rule import Applicability

    counts = Counter(f.rule_id for f in findings)
    by_rule = ", ".join(f"{rule}: {count}" for rule, count in sorted(counts.items()))
    safe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.UNSAFE)
    noun = "finding" if len(findings) == 1 else "findings"
    text = f"Found {len(findings)} {noun} ({by_rule})."
    if unsafe_fixes:
        if safe + unsafe:
            text += f" [*] {safe + unsafe} fixable with `livemigrate fix --unsafe-fixes`."
    else:
        if safe:
            text += f" [*] {safe} fixable with `livemigrate fix`."
        if unsafe:
            text += f" {unsafe} more with `--unsafe-fixes`."
    manual = len(findings) - safe - unsafe
    if manual:
        text += f" {manual} need a human (see `livemigrate explain ID`)."
    return text
