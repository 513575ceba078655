"""`generation_config=` nested inside a Live config (deprecated nesting).

## What it does
Flags `generation_config=` / `"generation_config"` / `"generationConfig"` set on a Live
config (`LiveConnectConfig`, a config dict passed to `live.connect`, or the config of an
ephemeral token's `live_connect_constraints`, which its sessions are locked to), in the
literal or by a later `cfg["generation_config"] = {...}`. Raw setup frames are not flagged:
there `generationConfig` is the wire shape.

## Why is this bad?
google-genai deprecates `LiveConnectConfig.generation_config` ("set the fields on
`LiveConnectConfig` directly"; removal not before 2026-07-31). The nested config is sent in
snake_case, and a field set both nested and flat raises `ValueError` or sends two thinking
configs at once. Settings hidden there (thinking budget, affective dialog, output
transcription) are also what trips up 3.1 migrations.

## Example
```python
config = types.LiveConnectConfig(
    generation_config=types.GenerationConfig(temperature=0.4, max_output_tokens=1024),
    tools=[tool],
)
```

## Use instead
```python
config = types.LiveConnectConfig(
    temperature=0.4, max_output_tokens=1024,
    tools=[tool],
)
```

## Fix safety
Safe when every nested field has a flat home on the Live config and none is also set flat:
the fields are moved out as they are (with the comments after them), and the SDK sends the
same setup. A nested config set by a statement (`cfg["generation_config"] = {...}`,
`cfg.generation_config = types.GenerationConfig(...)`) becomes one statement per field in
that spelling (`cfg["temperature"] = 0.4`). Unsafe when comments elsewhere inside the nested
config would be lost. Otherwise (a field set twice, a field with no flat home, `**`
unpacking, a nested config held in a variable, or a statement setting it on a config whose base
the module cannot see, such as the browser's setup: the statement replaced any
`generation_config` the base held, flat keys would leave it there) no fix.

## References
- The `generation_config` deprecation warning ("set the fields on `LiveConnectConfig`
  directly") in https://github.com/googleapis/python-genai/blob/main/google/genai/live.py
- The flat fields of `LiveConnectConfig` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Settings nested in `generation_config` not taking effect (output transcription):
  https://github.com/googleapis/python-genai/issues/1279
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import string_value
from livemigrate.edits import KeyChange, Replace, Splice
from livemigrate.fixes import live_entries, string_literal
from livemigrate.migration import GENERATION_CONFIG_FIELDS, to_snake
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext


def _nested_fields(value: cst.BaseExpression, ctx: RuleContext) -> list[tuple[str, cst.BaseExpression, object]] | None:
    """(field name as written, value, its comma) of a literal nested config, else None."""
    if isinstance(value, cst.Call) and ctx.live.imports.types_name(value.func) in ("GenerationConfig", "GenerationConfigDict"):
        if any(arg.keyword is None for arg in value.args):
            return None
        return [(arg.keyword.value, arg.value, arg.comma) for arg in value.args]  # type: ignore[union-attr]
    if isinstance(value, cst.Dict):
        fields = []
        for element in value.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is None:
                return None
            fields.append((key, element.value, element.comma))
        return fields
    return None


class NestedGenerationConfig(Rule):
    id = "LM006"
    name = "nested-generation-config"
    message = "generation_config nesting in a Live config is deprecated: set its fields on the config"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google.genai import types\nconfig = types.LiveConnectConfig(temperature=0.2)\n",
        # generate_content keeps its own GenerateContentConfig
        "from google.genai import types\ncfg = types.GenerateContentConfig(temperature=0.2)\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\n"
            "config = types.LiveConnectConfig(\n"
            "    response_modalities=['AUDIO'],\n"
            "    generation_config=types.GenerationConfig(temperature=0.4, max_output_tokens=1024),\n"
            ")\n",
            fixed="from google.genai import types\n"
            "config = types.LiveConnectConfig(\n"
            "    response_modalities=['AUDIO'],\n"
            "    temperature=0.4,\n    max_output_tokens=1024,\n"
            ")\n",
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'tools': [], 'generation_config': {'temperature': 0.4}}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'tools': [], 'temperature': 0.4}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        pass\n",
        ),
        Invalid(  # set by a statement: one statement per field
            "from google import genai\nclient = genai.Client()\n"
            "async def main(calm):\n"
            "    config = {'response_modalities': ['AUDIO']}\n"
            "    if calm:\n"
            "        config['generation_config'] = {'temperature': 0.1, 'top_p': 0.8}\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main(calm):\n"
            "    config = {'response_modalities': ['AUDIO']}\n"
            "    if calm:\n"
            "        config['temperature'] = 0.1\n"
            "        config['top_p'] = 0.8\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        pass\n",
        ),
        Invalid(  # temperature set twice: no fix
            "from google.genai import types\n"
            "config = types.LiveConnectConfig(temperature=0.9, generation_config=types.GenerationConfig(temperature=0.1))\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        for located in live_entries(ctx):
            entry = located.entry
            if entry.path != ("generation_config",) or located.config.kind != "sdk":
                continue
            fix = self._flatten(ctx, located)
            message = self.message if fix else (
                f"{self.message} (not fixed automatically: a field is set twice, has no flat home, "
                f"or the nested config is not a literal)")
            ctx.report(entry.key_node, message, fix)

    def _flatten(self, ctx: RuleContext, located) -> Fix | None:
        entry = located.entry
        fields = _nested_fields(entry.value, ctx)
        statement = _statement_line(ctx, entry)
        if not fields or not (isinstance(entry.node, (cst.Arg, cst.DictElement)) or statement is not None):
            return None
        names = [to_snake(name) for name, _, _ in fields]
        if statement is not None and not ctx.live.config_is_complete(located.config):
            # `cfg = browser_setup; cfg["generation_config"] = {...}` replaces whatever nesting
            # the base held; flat keys would leave it there (and its other fields) for the session
            return None
        if statement is not None:
            # `cfg["generation_config"] = {...}`: any field of the config may be set flat.
            flat = {e.name for e in ctx.live.entries_of(located.config) if len(e.path) == 1 and e is not entry}
        else:
            # Fields already set flat: in the same call/dict, or by a later `cfg["k"] = v`.
            flat = {loc.entry.name for loc in ctx.live.config_entries()
                    if len(loc.entry.path) == 1 and loc.entry is not entry and (
                        loc.entry.container is entry.container
                        or (loc.entry.container is None and loc.config is located.config))}
        if any(n not in GENERATION_CONFIG_FIELDS or n in flat for n in names) or len(set(names)) != len(names):
            return None
        if statement is not None:
            return self._flatten_statement(entry, statement, fields, names)
        new: list[cst.CSTNode] = []
        for (name, value, comma), snake in zip(fields, names):
            # each field keeps its own comma: a comment after it stays with it
            if isinstance(entry.node, cst.Arg):
                new.append(cst.Arg(keyword=cst.Name(snake), value=value, equal=entry.node.equal, comma=comma))
            else:
                key = name if entry.spelling == "camel" or name == snake else snake
                new.append(entry.node.with_changes(key=string_literal(key, entry.node.key), value=value, comma=comma))
        # Flat fields are right on every model (no model check). The policy makes it unsafe
        # when a comment around the nested call's parentheses has no place in the flat form,
        # or when the module still reads generation_config.
        edit = Splice(entry.node, new, key=KeyChange(entry.key))
        return Fix.safe("move the generation_config fields onto the Live config", edit)

    @staticmethod
    def _flatten_statement(entry, line: cst.SimpleStatementLine, fields, names: list[str]) -> Fix:
        """``cfg["generation_config"] = {...}`` (or ``cfg.generation_config = ...``) becomes one
        statement per field in the same spelling: ``cfg["temperature"] = 0.4``."""
        target = entry.node.targets[0].target
        camel = to_snake(entry.key) != entry.key
        statements = []
        for (name, value, _), snake in zip(fields, names):
            if isinstance(target, cst.Subscript):
                key = name if camel or name == snake else snake
                index = target.slice[0].slice
                new_target = target.with_changes(slice=[target.slice[0].with_changes(
                    slice=index.with_changes(value=string_literal(key, index.value)))])
            else:
                new_target = target.with_changes(attr=cst.Name(snake))
            statements.append(cst.SimpleStatementLine(
                [entry.node.with_changes(targets=[entry.node.targets[0].with_changes(target=new_target)], value=value)],
                leading_lines=line.leading_lines if not statements else ()))
        # the line's own comment stays at its end
        statements[-1] = statements[-1].with_changes(trailing_whitespace=line.trailing_whitespace)
        edit = Replace(line, cst.FlattenSentinel(statements), key=KeyChange(entry.key))
        return Fix.safe("move the generation_config fields onto the Live config", edit)


def _statement_line(ctx: RuleContext, entry) -> cst.SimpleStatementLine | None:
    """The line of ``cfg["generation_config"] = ...`` / ``cfg.generation_config = ...`` when the
    entry is that one plain assignment alone on its line."""
    node = entry.node
    if entry.spelling not in ("subscript", "attribute") or not isinstance(node, cst.Assign) or len(node.targets) != 1:
        return None
    target = node.targets[0].target
    if not isinstance(target, (cst.Subscript, cst.Attribute)):
        return None
    line = ctx.live.parent(node)
    return line if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 else None
