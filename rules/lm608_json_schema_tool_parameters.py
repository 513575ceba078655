"""A Live tool described with `parameters_json_schema` on a target that needs the restricted schema.

## What it does
On a target that needs function parameters in the restricted `parameters` schema (3.8
extended thinking), flags `parameters_json_schema` on a function declaration of a Live
session's tools: `types.FunctionDeclaration(parameters_json_schema=...)` under any alias,
`"parameters_json_schema"` / `"parametersJsonSchema"` in snake_case and camelCase dicts,
declarations built over several statements, and raw `{"setup": {"tools": ...}}` frames.
Silent on targets that take either spelling (3.1, 3.8 Live), on `generate_content` tools, in
code that only runs for 2.x models, and on sessions whose model ids, as far as the module
shows them, are another target's (`gemini-3.8-live`). A declaration's
`response_json_schema` is not flagged: the reports are about parameters only.

## Why is this bad?
Two projects found that the extended-thinking model plans a tool whose parameters come as a
JSON Schema (`parametersJsonSchema`) as text: it talks about the call instead of making it.
Described with the restricted `parameters` schema (the OpenAPI subset `types.Schema`
models), the same tool is called. This is a third-party observation; Google's pages say nothing
either way.

## Example
```python
types.FunctionDeclaration(
    name="get_weather",
    parameters_json_schema={"type": "object", "properties": {"city": {"type": "string"}}},
)
```

## Use instead
```python
types.FunctionDeclaration(
    name="get_weather",
    parameters={"type": "object", "properties": {"city": {"type": "string"}}},
)
```

## Fix safety
Unsafe: the fix renames the key to `parameters` (`parameters` in every spelling) and keeps the
value, which changes how the model is told about the tool; review that it still calls it as
before. It is offered only when the value is a dict literal in this module (names are followed
to their one literal) whose every level uses only JSON Schema keywords that mean the same in
the restricted schema: `type` (one of string, number, integer, boolean, array, object; the SDK
reads them in any case, `types.Type` is case-insensitive, and the Gemini API's own examples
send them lower case), `properties`, `required`, `items`, `anyOf`, `enum` and
`propertyOrdering` (lists of strings), `description`, `title`, `format`, `pattern`,
`nullable`, `default`, `example`, `minimum` / `maximum`, `minItems` / `maxItems`, `minLength` /
`maxLength`, `minProperties` / `maxProperties`. Anything else gets no fix: `additionalProperties`,
`$ref` / `$defs`, `const`, `oneOf` / `allOf`, `type: "null"` or a list of types (a nullable
`anyOf`), a snake_case keyword JSON Schema would have ignored, non-string enum values, a schema
built by a call (`Model.model_json_schema()`), a `**` splat. No fix either when the
declaration also sets `parameters`, or when the key is set by a later statement. The fix policy
keeps it unsafe, with the reason, when the module still reads `parameters_json_schema`
elsewhere.

## References
- XT tools need the `parameters` shape: https://github.com/AidenAI-IO/aiden-firmware/pull/708,
  https://github.com/livekit/agents/issues/7302
- Extended thinking model: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live-extended-thinking
- The restricted schema (`Schema`, an OpenAPI 3.0 subset) and `FunctionDeclaration`
  (`parameters`, `parameters_json_schema`): https://ai.google.dev/api/caching#Schema,
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Function declarations with lower-case types: https://ai.google.dev/gemini-api/docs/function-calling
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import ConfigEntry, is_other_model, string_value
from livemigrate.fixes import fix_for, live_entries, model_note, rename_entry, runs_another_target, siblings
from livemigrate.rule import Applicability, FixAvailability, Invalid, Rule, RuleContext

# JSON Schema keywords (as JSON Schema spells them) that mean the same in the restricted
# schema; each is a field of google.genai.types.Schema (tests/test_xt_rules.py checks).
_SAME_MEANING = frozenset({
    "type", "properties", "required", "items", "anyOf", "enum", "propertyOrdering",
    "description", "title", "format", "pattern", "nullable", "default", "example",
    "minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties",
})
_STRING_LISTS = frozenset({"required", "enum", "propertyOrdering"})
_TYPES = frozenset({"string", "number", "integer", "boolean", "array", "object"})
# No real schema nests deeper; the cap bounds what odd code can drive.
_MAX_DEPTH = 32


def _schema_problem(ctx: RuleContext, node: cst.BaseExpression, depth: int = 0) -> str | None:
    """Why the JSON Schema ``node`` cannot be read as the restricted schema unchanged, or None
    when it can (every level a literal in this module, only keywords of the same meaning)."""
    node = ctx.live.resolve_value(node)
    if depth > _MAX_DEPTH:
        return "the schema nests too deep to check"
    if not isinstance(node, cst.Dict):
        return "the schema is not a dict literal in this module"
    for element in node.elements:
        if isinstance(element, cst.StarredDictElement):
            return "a `**` splat in the schema"
        key = string_value(element.key)
        if key is None:
            return "a schema keyword that is not a string literal"
        if key not in _SAME_MEANING:
            return f"`{key}` has no same-meaning keyword in the restricted schema"
        value = ctx.live.resolve_value(element.value)
        problem: str | None = None
        if key == "type":
            text = string_value(value)
            if text is None or text.lower() not in _TYPES:
                problem = f"`type: {ctx.code(element.value)}` is not one of the restricted schema's types"
        elif key == "properties":
            if not isinstance(value, cst.Dict) or any(isinstance(e, cst.StarredDictElement) for e in value.elements):
                problem = "`properties` is not a dict literal in this module"
            else:
                problem = next((p for e in value.elements if (p := _schema_problem(ctx, e.value, depth + 1))), None)
        elif key == "items":
            problem = _schema_problem(ctx, value, depth + 1)
        elif key == "anyOf":
            if not isinstance(value, (cst.List, cst.Tuple)):
                problem = "`anyOf` is not a list literal in this module"
            else:
                problem = next((p for e in value.elements
                                if (p := "a `*` splat in `anyOf`" if isinstance(e, cst.StarredElement)
                                    else _schema_problem(ctx, e.value, depth + 1))), None)
        elif key in _STRING_LISTS:
            if not isinstance(value, (cst.List, cst.Tuple)) or any(
                    isinstance(e, cst.StarredElement) or string_value(ctx.live.resolve_value(e.value)) is None
                    for e in value.elements):
                problem = f"`{key}` is not a list of string literals"
        if problem is not None:
            return problem
    return None


class JsonSchemaToolParameters(Rule):
    id = "LM608"
    name = "json-schema-tool-parameters"
    message = "tool parameters described with parameters_json_schema on a target that needs the restricted schema"
    fix_availability = FixAvailability.SOMETIMES
    EXAMPLE_TARGET = "3.8-xt"

    VALID = [
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[types.FunctionDeclaration(\n"
        "    name='f', parameters={'type': 'object', 'properties': {'a': {'type': 'string'}}})])])\n",
        # generate_content tools are not Live tools
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "decl = types.FunctionDeclaration(name='f', parameters_json_schema={'type': 'object'})\n"
        "client.models.generate_content(model='gemini-3-flash-preview', contents='x',\n"
        "    config=types.GenerateContentConfig(tools=[types.Tool(function_declarations=[decl])]))\n",
        # the session stays on 3.8 Live
        "from google import genai\nclient = genai.Client()\n"
        "TOOLS = [{'function_declarations': [{'name': 'f', 'parameters_json_schema': {'type': 'object'}}]}]\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live', config={'tools': TOOLS}) as s:\n"
        "        pass\n",
        # only declared for 2.x models
        "from google import genai\nclient = genai.Client()\n"
        "async def run(model):\n    cfg = {'response_modalities': ['AUDIO']}\n"
        "    if model.startswith('gemini-2'):\n"
        "        cfg['tools'] = [{'function_declarations': [{'name': 'f', 'parameters_json_schema': {}}]}]\n"
        "    async with client.aio.live.connect(model=model, config=cfg) as s:\n        pass\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "SCHEMA = {'type': 'object', 'properties': {'city': {'type': 'string', 'description': 'City'},\n"
            "    'days': {'type': 'integer', 'minimum': 1}}, 'required': ['city']}\n"
            "weather = types.FunctionDeclaration(name='get_weather', parameters_json_schema=SCHEMA)\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[weather])])\n",
            fixed="from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "SCHEMA = {'type': 'object', 'properties': {'city': {'type': 'string', 'description': 'City'},\n"
            "    'days': {'type': 'integer', 'minimum': 1}}, 'required': ['city']}\n"
            "weather = types.FunctionDeclaration(name='get_weather', parameters=SCHEMA)\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[weather])])\n",
            unsafe=True, line=5,
        ),
        Invalid(  # camelCase dict, nested arrays and anyOf
            "from google import genai\nclient = genai.Client()\n"
            "TOOLS = [{'functionDeclarations': [{'name': 'tag', 'parametersJsonSchema': {\n"
            "    'type': 'object', 'properties': {'tags': {'type': 'array', 'items': {\n"
            "        'anyOf': [{'type': 'string'}, {'type': 'integer'}]}, 'maxItems': 3}}}}]}]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking',\n"
            "                                       config={'tools': TOOLS}) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "TOOLS = [{'functionDeclarations': [{'name': 'tag', 'parameters': {\n"
            "    'type': 'object', 'properties': {'tags': {'type': 'array', 'items': {\n"
            "        'anyOf': [{'type': 'string'}, {'type': 'integer'}]}, 'maxItems': 3}}}}]}]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking',\n"
            "                                       config={'tools': TOOLS}) as s:\n"
            "        pass\n",
            unsafe=True,
        ),
        Invalid(  # raw frame
            'import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live-extended-thinking", "tools": [\n'
            '        {"functionDeclarations": [{"name": "lookup", "behavior": "NON_BLOCKING",\n'
            '            "parametersJsonSchema": {"type": "object", "properties": {"q": {"type": "string"}}}}]}]}}))\n',
            fixed='import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live-extended-thinking", "tools": [\n'
            '        {"functionDeclarations": [{"name": "lookup", "behavior": "NON_BLOCKING",\n'
            '            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}}]}]}}))\n',
            unsafe=True, line=5,
        ),
        Invalid(  # a JSON Schema keyword the restricted schema lacks: reported, no fix
            "from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "weather = types.FunctionDeclaration(name='get_weather', parameters_json_schema={\n"
            "    'type': 'object', 'properties': {'city': {'type': 'string'}}, 'additionalProperties': False})\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[weather])])\n",
            message="additionalProperties",
        ),
        Invalid(  # built by a call: reported, no fix
            "from google.genai import types\nfrom pydantic import BaseModel\n"
            "MODEL = 'gemini-3.8-live-extended-thinking'\n"
            "class Args(BaseModel):\n    city: str\n"
            "config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[\n"
            "    types.FunctionDeclaration(name='get_weather', parameters_json_schema=Args.model_json_schema())])])\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        target = ctx.target
        if target.accepts_parameters_json_schema:
            return
        for located in live_entries(ctx):
            entry = located.entry
            if entry.name != "parameters_json_schema" or entry.parent != "function_declarations":
                continue
            if is_other_model(located.model) or runs_another_target(located.model, target):
                continue
            problem = self._why_no_fix(ctx, entry)
            verdict = f"`{entry.key}`: {target.claim('parameters_json_schema')}"
            note = model_note(located, target)
            if problem is None:
                ctx.report(entry.key_node, f"{verdict}; the schema uses only what the restricted schema means "
                           f"the same way: rename the key to `parameters`.{note}",
                           fix_for(located, "rename to parameters",
                                   *rename_entry(entry, "parameters", entry.value),
                                   applicability=Applicability.UNSAFE))
            else:
                ctx.report(entry.key_node, f"{verdict}; describe the parameters with `parameters` by hand "
                           f"({problem}).{note}")

    @staticmethod
    def _why_no_fix(ctx: RuleContext, entry: ConfigEntry) -> str | None:
        """Why renaming the key alone would not do, or None when it would."""
        if entry.container is None:
            return "the key is set by a separate statement"
        if any(s.name == "parameters" for s in siblings(ctx, entry)):
            return "the declaration sets `parameters` too"
        return _schema_problem(ctx, entry.value)
