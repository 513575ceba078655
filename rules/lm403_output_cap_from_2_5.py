"""`max_output_tokens=8192` in a Live config: 2.5's ceiling, now a cap well below the target's.

## What it does
Flags `max_output_tokens` / `maxOutputTokens` set to exactly 8192 (`8192`, `8_192`,
`8 * 1024`, `2 ** 13`) in a Live config, in every spelling: keyword, snake_case or camelCase
dict, `generation_config` nesting, a raw setup frame's `generationConfig`. Information only.
When the value is a name (`MAX_TOKENS = 8_192`, a value chosen in a conditional) or an
attribute (`opts.max_output_tokens` with a dataclass default of 8192), the finding
is on the literal where 8192 is written, once however many Live configs read it; a constant
only a `generate_content` config reads is not reported, nor a value only 2.x models get.

## Why is this bad?
8,192 output tokens was the ceiling of the 2.5 native-audio models; 2.5-era code often writes
it out to ask for "as much as allowed". Gemini 3.1 Flash Live (and 3.8) allow 65,536, so the
same line now silently cuts long answers (and their audio) short. Nothing errors.

Exactly 8192 is reported, not "any value of 8192 or more" nor smaller values: a smaller cap
is a deliberate budget that means the same on the target, and a larger one was never a 2.5
value, so it cannot have been copied from 2.5's ceiling. On Vertex AI the 2.5 native-audio
model already allowed 64K output tokens, so 8192 there is a choice and is not reported.

## Example
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"], max_output_tokens=8192)
```

## Use instead
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])  # or a cap you chose
```

## Fix safety
No fix: whether the cap was deliberate is the author's call.

## References
- Gemini 3.1 Flash Live model page (output token limit 65,536):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 2.5 Flash native audio model page (output token limit 8,192):
  https://ai.google.dev/gemini-api/docs/models/gemini-2.5-flash-native-audio-preview-12-2025
- Gemini 3.8 Live model page: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
"""

from __future__ import annotations

from typing import Iterator

import libcst as cst

from livemigrate.analysis import is_other_model
from livemigrate.fixes import int_literal, live_entries
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext

# The output token ceiling of the 2.5 native-audio models on the Gemini API.
_LEGACY_CEILING = 8192


def _value(node: cst.BaseExpression) -> int | None:
    """An integer literal, or a product / power of two literals (``8 * 1024``, ``2 ** 13``)."""
    literal = int_literal(node)
    if literal is not None:
        return literal
    if isinstance(node, cst.BinaryOperation):
        left, right = _value(node.left), _value(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.operator, cst.Multiply):
            return left * right
        if isinstance(node.operator, cst.Power) and 0 <= right < 64:
            return left ** right
    return None


class OutputCapFrom25(Rule):
    id = "LM403"
    name = "output-cap-from-2-5"
    message = "max_output_tokens=8192 is the older native-audio models' ceiling: on the target it is a cap"
    fix_availability = FixAvailability.NEVER
    advisory = True  # the same on the old model and the target: it does not hold the model back

    VALID = [
        "from google.genai import types\nconfig = types.LiveConnectConfig(max_output_tokens=1024)\n",
        # generate_content is not Live
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "r = client.models.generate_content(model='gemini-2.5-flash', contents='hi',\n"
        "    config=types.GenerateContentConfig(max_output_tokens=8192))\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\n"
            "MODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "config = types.LiveConnectConfig(response_modalities=['AUDIO'], max_output_tokens=8192)\n",
            line=3,
        ),
        Invalid(  # a constant: reported where the number is written
            "from google.genai import types\n"
            "MAX_TOKENS = 8_192\n"
            "config = types.LiveConnectConfig(response_modalities=['AUDIO'], max_output_tokens=MAX_TOKENS)\n",
            line=2, message="MAX_TOKENS",
        ),
        Invalid(
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def setup(ws):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '        "generationConfig": {"maxOutputTokens": 8 * 1024}}}))\n',
            line=5,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        reported: set[int] = set()
        for located in live_entries(ctx):
            entry = located.entry
            if entry.name != "max_output_tokens" or entry.parent not in (None, "generation_config"):
                continue
            if ctx.live.on_vertex(entry.node) or is_other_model(located.model):
                continue
            if _value(entry.value) == _LEGACY_CEILING:
                self._report(ctx, entry.key_node, "")
                continue
            # A constant (or a name set over several branches): reported where the number is
            # written, once however many configs read it.
            for literal, name in _ceilings(ctx, entry.value, None, 0):
                if id(literal) not in reported:
                    reported.add(id(literal))
                    self._report(ctx, literal, f" (read through `{name}`)")

    @staticmethod
    def _report(ctx: RuleContext, node: cst.CSTNode, through: str) -> None:
        ctx.report(node,
                   f"max_output_tokens={_LEGACY_CEILING}{through} was the ceiling of the older native-audio models: "
                   f"{ctx.target.claim('output_token_limit')}, so this now cuts longer replies short; "
                   f"drop it or choose a cap (information only)")


def _ceilings(ctx: RuleContext, value: cst.BaseExpression, name: str | None,
              depth: int) -> Iterator[tuple[cst.BaseExpression, str]]:
    """The 8192 literals a config value holds through names (``MAX_TOKENS = 8_192``),
    attributes (a dataclass field's default) and conditionals, outside code that only runs
    for 2.x models, each with the name read."""
    if depth > 4 or ctx.live.is_legacy_only(value):
        return
    if isinstance(value, cst.Name):
        for bound in ctx.live.values_of(value):
            yield from _ceilings(ctx, bound, name or value.value, depth + 1)
    elif isinstance(value, cst.Attribute):  # self.cap, opts.max_output_tokens (a dataclass default)
        for bound in ctx.live.attribute_values(value):
            yield from _ceilings(ctx, bound, name or ctx.code(value), depth + 1)
    elif isinstance(value, cst.IfExp):
        yield from _ceilings(ctx, value.body, name, depth + 1)
        yield from _ceilings(ctx, value.orelse, name, depth + 1)
    elif name is not None and _value(value) == _LEGACY_CEILING:
        yield value, name
