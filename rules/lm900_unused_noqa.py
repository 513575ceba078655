"""A `# noqa` that names a livemigrate rule with no finding on its line, or no rule at all.

## What it does
Flags a line-level suppression (`# noqa: LM001`, `# livemigrate: ignore[LM001]`) that names
an `LM` id whose rule reports nothing on that line, or an `LM` id that is no rule. Every rule
is asked, whatever `--select` / `--ignore` say, so the verdict does not depend on the run's
selection: a `# noqa: LM101` kept for a job that selects `LM1` is not flagged by a job that
selects `LM0,LM900` when LM101 does report on that line. Not flagged: a bare `# noqa` (it may
be flake8's or ruff's), ids of other tools (`E501`, `F401`), file-level comments
(`# livemigrate: noqa`), and a directive that names LM900 itself. This rule needs the other
rules' findings, so the engine computes it after them (see `livemigrate.suppression`); this
class holds its id, docs and examples.

## Why is this bad?
A suppression that hides nothing hides the next real finding on that line: once the code
changes, a new 2.5-only construct written there is silently accepted. An id that is no rule
(a typo, `LM1` for `LM101`) never suppressed anything.

## Example
```python
MODEL = "gemini-3.1-flash-live-preview"  # noqa: LM001
```

## Use instead
```python
MODEL = "gemini-3.1-flash-live-preview"
```

## Fix safety
Safe: it removes only the unused ids (`# noqa: E501, LM001` becomes `# noqa: E501`), or
the whole directive when no id is left, with its description (`# noqa: LM001 -- why`); a
comment after it (`# noqa: LM001  # pylint: ...`) stays. A comment line holding only the
directive is removed. Nothing else on the line changes.

## References
- ruff's `unused-noqa` (RUF100): https://docs.astral.sh/ruff/rules/unused-noqa/
- ruff, "Error suppression": https://docs.astral.sh/ruff/linter/#error-suppression
"""

from __future__ import annotations

from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext
from livemigrate.suppression import UNUSED_NOQA

_HEAD = "from google import genai\n"
_LEGACY = '"gemini-2.5-flash-native-audio-preview-12-2025"'
_TARGET = '"gemini-3.1-flash-live-preview"'


class UnusedNoqa(Rule):
    id = UNUSED_NOQA
    name = "unused-noqa"
    message = "a `# noqa` names a livemigrate rule that reports nothing on its line"
    fix_availability = FixAvailability.ALWAYS

    VALID = [
        # LM001 reports the legacy id here: used, although only LM900 is selected
        _HEAD + f"MODEL = {_LEGACY}  # noqa: LM001\n",
        # another tool's code, and a bare noqa (maybe flake8's): never ours to judge
        _HEAD + f"MODEL = {_TARGET}  # noqa: E501\nOTHER = 1  # noqa\n",
        # in a string it is text, not a directive
        _HEAD + f'MODEL = {_TARGET}; NOTE = "# noqa: LM001"\n',
        # a directive naming LM900 is left alone
        _HEAD + f"MODEL = {_TARGET}  # noqa: LM001, LM900\n",
        # a line that starts a multi-line string holds no comment: its noqa goes after the string
        _HEAD + f'MODEL, PROMPT = {_LEGACY}, """\nBe brief.\n"""  # noqa: LM001\n',
        # and a backslash continuation's at the end of the last line
        _HEAD + f"MODEL = {_LEGACY} \\\n    if True else None  # noqa: LM001\n",
        # a file-level comment is not judged
        "# livemigrate: noqa: LM001\n" + _HEAD + f"MODEL = {_TARGET}\n",
    ]
    INVALID = [
        Invalid(_HEAD + f"MODEL = {_TARGET}  # noqa: LM001\n",
                fixed=_HEAD + f"MODEL = {_TARGET}\n", line=2, message="unused: `LM001`"),
        Invalid(_HEAD + f"MODEL = {_TARGET}  # noqa: E501, LM001\n",
                fixed=_HEAD + f"MODEL = {_TARGET}  # noqa: E501\n"),
        Invalid(_HEAD + f"MODEL = {_LEGACY}  # noqa: LM101,LM001, LM999\n",
                fixed=_HEAD + f"MODEL = {_LEGACY}  # noqa: LM001\n", message="unknown: `LM999`"),
        Invalid(_HEAD + f"MODEL = {_TARGET}  # noqa: LM001 -- the id moved  # pylint: disable=C0103\n",
                fixed=_HEAD + f"MODEL = {_TARGET}  # pylint: disable=C0103\n"),
        Invalid(_HEAD + f"MODEL = {_TARGET}  # livemigrate: ignore[LM001]\n",
                fixed=_HEAD + f"MODEL = {_TARGET}\n", message="`livemigrate: ignore`"),
        Invalid(_HEAD + "def connect():\n    # noqa: LM001\n    return " + _LEGACY + "\n",
                fixed=_HEAD + "def connect():\n    return " + _LEGACY + "\n"),
    ]

    def check(self, ctx: RuleContext) -> None:
        """Nothing here: :meth:`livemigrate.suppression.Suppressions.resolve` reports it once
        every other rule has run."""
