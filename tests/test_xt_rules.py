"""LM607 (thinking-level-missing) and LM608 (json-schema-tool-parameters): the two rules that
only speak for the 3.8 extended-thinking target. What a fixed program sends is checked against
google-genai's own types and the emulator's setup rules, not only against snapshots."""

from __future__ import annotations

import ast

import pytest

from livemigrate.emulator.rules import check_setup
from livemigrate.migration import TARGETS, to_snake
from livemigrate.rule import Applicability

from harness import dedent, linter

XT = "3.8-xt"


def _findings(code: str, rule: str, target: str = XT):
    report = linter((rule,), target).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


def _fixed(code: str, rule: str, target: str = XT) -> str:
    report = linter((rule,), target).fix_bytes(dedent(code).encode(), "example.py", unsafe=True)
    assert report.error is None, report.error
    return (report.fixed or dedent(code).encode()).decode()


def _run(code: str) -> dict:
    """Execute fixed module code (google-genai types only, no session) and return its names."""
    names: dict = {}
    exec(compile(code, "fixed.py", "exec"), names)  # noqa: S102 - our own fixed test code
    return names


# --- LM607: the fixed config is one the SDK and the extended-thinking server take -----------
def test_a_typed_config_fixed_by_lm607_carries_the_lowest_level() -> None:
    from google.genai import types

    code = '''
        from google.genai import types as gt
        MODEL = "gemini-3.8-live-extended-thinking"
        config = gt.LiveConnectConfig(response_modalities=["AUDIO"])
    '''
    [finding] = _findings(code, "LM607")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any('"low" is a guess' in reason for reason in finding.fix.unsafe_reasons)
    config = _run(_fixed(code, "LM607"))["config"]
    assert config.thinking_config.thinking_level == types.ThinkingLevel.LOW


@pytest.mark.parametrize("literal", [
    "{'response_modalities': ['AUDIO']}",
    "{'responseModalities': ['AUDIO'], 'thinkingConfig': {'includeThoughts': True}}",
    "{'response_modalities': ['AUDIO'], 'generation_config': {'temperature': 0.3}}",
], ids=["snake", "camel-levelless", "generation-config"])
def test_a_dict_config_fixed_by_lm607_validates_as_a_live_config(literal: str) -> None:
    from google.genai import types

    code = f'''
        from google import genai
        client = genai.Client(api_key="x")
        CONFIG = {literal}
        async def main():
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=CONFIG) as s:
                pass
    '''
    fixed = _fixed(code, "LM607")
    config = types.LiveConnectConfig.model_validate(_run(fixed)["CONFIG"])
    assert config.thinking_config.thinking_level == types.ThinkingLevel.LOW
    assert _findings(fixed, "LM607") == []


@pytest.mark.parametrize("setup", [
    '{"model": "models/gemini-3.8-live-extended-thinking"}',
    '{"model": "models/gemini-3.8-live-extended-thinking", "generationConfig": {"responseModalities": ["AUDIO"]}}',
    '{"model": "models/gemini-3.8-live-extended-thinking", "generation_config": {"response_modalities": ["AUDIO"]}}',
], ids=["no-generation-config", "camel", "snake"])
def test_a_raw_setup_fixed_by_lm607_is_accepted_by_the_extended_thinking_emulator(setup: str) -> None:
    code = f'''
        import json
        async def connect(ws):
            await ws.send(json.dumps({{"setup": {setup}}}))
    '''
    xt = TARGETS[XT]
    before = ast.literal_eval(setup)
    assert "thinking-level-required" in [v.rule.id for v in check_setup(before, xt)]
    fixed = _fixed(code, "LM607")
    frame = ast.literal_eval(fixed.split("json.dumps(", 1)[1].rsplit("))", 1)[0])
    assert [v.rule.id for v in check_setup(frame["setup"], xt)] == []


def test_a_thinking_config_only_2x_code_sets_still_leaves_the_target_without_a_level() -> None:
    code = '''
        from google import genai
        client = genai.Client()
        async def run(model):
            cfg = {"response_modalities": ["AUDIO"]}
            if model.startswith("gemini-2"):
                cfg["thinking_config"] = {"thinking_budget": 1024}
            async with client.aio.live.connect(model=model, config=cfg) as s:
                pass
    '''
    [finding] = _findings(code, "LM607")
    assert finding.line == 4 and "model is not known here" in finding.message
    fixed = _fixed(code, "LM607")
    assert "cfg = {\"response_modalities\": [\"AUDIO\"], \"thinking_config\": {\"thinking_level\": \"low\"}}" in fixed
    assert 'cfg["thinking_config"] = {"thinking_budget": 1024}' in fixed  # the 2.x path keeps its budget


@pytest.mark.parametrize("code", [
    # set for 3.x models only: the LiveModel cannot tell 3.8 Live from extended thinking, so it counts
    '''
        from google import genai
        client = genai.Client()
        async def run(model):
            cfg = {"response_modalities": ["AUDIO"]}
            if "gemini-3" in model:
                cfg["thinking_config"] = {"thinking_level": "high"}
            async with client.aio.live.connect(model=model, config=cfg) as s:
                pass
    ''',
    # a generation config handed in: it may hold the level
    '''
        from google.genai import types
        def build(generation):
            return types.LiveConnectConfig(response_modalities=["AUDIO"], generation_config=generation)
    ''',
    # a translation session is outside the move
    '''
        from google import genai
        client = genai.Client()
        async def main():
            async with client.aio.live.connect(model="gemini-3.5-live-translate-preview", config={}) as s:
                pass
    ''',
    # opened with **options that may carry the config
    '''
        from google import genai
        client = genai.Client()
        async def main(options):
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", **options) as s:
                pass
    ''',
], ids=["3x-gate", "generation-config-parameter", "other-live-model", "connect-kwargs"])
def test_lm607_is_silent_where_the_module_cannot_say_the_level_is_missing(code: str) -> None:
    assert _findings(code, "LM607") == []


def test_a_config_shared_with_a_38_live_session_is_reported_without_a_fix() -> None:
    code = '''
        from google import genai
        client = genai.Client()
        CONFIG = {"response_modalities": ["AUDIO"]}
        async def main():
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=CONFIG) as s:
                pass
            async with client.aio.live.connect(model="gemini-3.8-live", config=CONFIG) as s:
                pass
    '''
    [finding] = _findings(code, "LM607")
    assert finding.fix is None  # a thinking config would close the 3.8 Live session (1007)


def test_lm607_reports_no_config_on_the_other_targets() -> None:
    code = '''
        from google.genai import types
        config = types.LiveConnectConfig(response_modalities=["AUDIO"])
    '''
    assert _findings(code, "LM607", "3.1") == [] and _findings(code, "LM607", "3.8") == []
    assert len(_findings(code, "LM607")) == 1


def test_a_config_chosen_by_a_conditional_expression_is_reported() -> None:
    code = '''
        from google import genai
        client = genai.Client()
        async def main(fast):
            config = {"response_modalities": ["AUDIO"]} if fast else {"temperature": 0.2}
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=config) as s:
                pass
    '''
    assert len(_findings(code, "LM607")) == 1


# --- LM607 on a config chosen at run time: one finding, every branch without a level fixed ---
def _branch_configs(code: str, *args) -> list:
    """The config ``pick(arg)`` returns for each ``arg``, validated as the SDK's LiveConnectConfig."""
    from google.genai import types

    pick = _run(code)["pick"]
    return [types.LiveConnectConfig.model_validate(pick(a)) if isinstance(pick(a), dict) else pick(a) for a in args]


CHOSEN = {
    "conditional-expression": '''
        from google import genai
        client = genai.Client(api_key="x")
        def pick(fast):
            return {"response_modalities": ["AUDIO"]} if fast else {"temperature": 0.2}
        async def main(fast):
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=pick(fast)) as s:
                pass
    ''',
    "if-else": '''
        from google import genai
        client = genai.Client(api_key="x")
        def pick(fast):
            if fast:
                config = {"response_modalities": ["AUDIO"]}
            else:
                config = {"responseModalities": ["AUDIO"], "temperature": 0.2}
            return config
        async def main(fast):
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=pick(fast)) as s:
                pass
    ''',
    "typed-and-levelless": '''
        from google import genai
        from google.genai import types
        client = genai.Client(api_key="x")
        def pick(fast):
            if fast:
                return types.LiveConnectConfig(response_modalities=["AUDIO"])
            return types.LiveConnectConfig(thinking_config=types.ThinkingConfig(include_thoughts=True))
        async def main(fast):
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=pick(fast)) as s:
                pass
    ''',
}


@pytest.mark.parametrize("code", CHOSEN.values(), ids=CHOSEN.keys())
def test_every_branch_of_a_config_chosen_at_run_time_gets_a_level(code: str) -> None:
    from google.genai import types

    from livemigrate.testing import verify_fix

    [finding] = _findings(code, "LM607")
    assert "2 of the 2 Live configs chosen here at run time" in finding.message
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert all(c.thinking_config is None or c.thinking_config.thinking_level is None
               for c in _branch_configs(dedent(code), True, False))
    fixed = _fixed(code, "LM607")
    for config in _branch_configs(fixed, True, False):
        assert config.thinking_config.thinking_level == types.ThinkingLevel.LOW
    verify_fix(linter(("LM607",), XT), dedent(code).encode(), unsafe=True)  # parses, fixed point


def test_a_branch_that_sets_a_level_is_reported_around_and_left_as_it_is() -> None:
    from google.genai import types

    code = dedent('''
        from google import genai
        client = genai.Client(api_key="x")
        def pick(deep):
            if deep:
                config = {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_level": "high"}}
            else:
                config = {"response_modalities": ["AUDIO"]}
            return config
        async def main(deep):
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=pick(deep)) as s:
                pass
    ''')
    [finding] = _findings(code, "LM607")
    assert finding.line == 7 and "1 of the 2 Live configs" in finding.message
    fixed = _fixed(code, "LM607")
    kept = '        config = {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_level": "high"}}\n'
    assert kept in code and kept in fixed
    assert [c.thinking_config.thinking_level for c in _branch_configs(fixed, True, False)] == [
        types.ThinkingLevel.HIGH, types.ThinkingLevel.LOW]


def test_two_sessions_opened_with_one_conditional_config_get_one_finding() -> None:
    code = '''
        from google import genai
        client = genai.Client(api_key="x")
        async def main(fast):
            config = {"response_modalities": ["AUDIO"]} if fast else {"temperature": 0.2}
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=config) as s:
                pass
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=config) as s:
                pass
    '''
    [finding] = _findings(code, "LM607")
    assert finding.fix is not None
    assert _fixed(code, "LM607").count("'thinking_level': 'low'".replace("'", '"')) == 2


@pytest.mark.parametrize("code", [
    # the branch without a level only runs for 2.x models
    '''
        from google import genai
        client = genai.Client(api_key="x")
        async def main(model):
            if "gemini-2" in model:
                config = {"response_modalities": ["AUDIO"]}
            else:
                config = {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_level": "low"}}
            async with client.aio.live.connect(model=model, config=config) as s:
                pass
    ''',
    # every branch chooses: a level, or a budget LM002 maps
    '''
        from google import genai
        client = genai.Client(api_key="x")
        async def main(fast):
            config = {"thinking_config": {"thinking_level": "low"}} if fast else {"thinking_config": {"thinking_budget": 512}}
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=config) as s:
                pass
    ''',
    # a later statement gives every branch its level
    '''
        from google import genai
        client = genai.Client(api_key="x")
        async def main(fast):
            config = {"response_modalities": ["AUDIO"]} if fast else {"temperature": 0.2}
            config["thinking_config"] = {"thinking_level": "medium"}
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=config) as s:
                pass
    ''',
    # one side is handed in: the module cannot see what it sets
    '''
        from google import genai
        client = genai.Client(api_key="x")
        async def main(fast, options):
            config = {"response_modalities": ["AUDIO"]} if fast else options
            async with client.aio.live.connect(model="gemini-3.8-live-extended-thinking", config=config) as s:
                pass
    ''',
], ids=["legacy-branch", "all-chosen", "later-statement", "parameter-side"])
def test_lm607_is_silent_on_a_chosen_config_whose_sent_branches_all_have_a_level(code: str) -> None:
    assert _findings(code, "LM607") == []


def test_only_the_branch_sent_to_the_target_is_fixed_when_the_other_is_2x_only() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client(api_key="x")
        async def main(model):
            if "gemini-2" in model:
                config = {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_budget": 0}}
            elif model.endswith("-fast"):
                config = {"response_modalities": ["AUDIO"]}
            else:
                config = {"response_modalities": ["AUDIO"], "temperature": 0.2}
            async with client.aio.live.connect(model=model, config=config) as s:
                pass
    ''')
    [finding] = _findings(code, "LM607")
    assert "2 of the 2 Live configs" in finding.message
    fixed = _fixed(code, "LM607")
    assert '"thinking_config": {"thinking_budget": 0}}\n' in fixed  # the 2.x path as it was
    assert fixed.count('"thinking_level": "low"') == 2


@pytest.mark.parametrize("rule,target,field,count", [
    ("LM601", "3.8", '"thinking_config": {"thinking_level": "low"}', 1),
    ("LM602", "3.8", '"tools": [{"function_declarations": [{"name": "f"}]}]', 1),
    ("LM608", XT, '"tools": [{"function_declarations": [{"name": "f", "behavior": "NON_BLOCKING", '
                  '"parameters_json_schema": {"type": "object"}}]}]', 1),
], ids=["LM601", "LM602", "LM608"])
def test_the_other_38_rules_read_each_branch_of_a_config_chosen_at_run_time(rule, target, field, count) -> None:
    """The rules that report a field present read it through the config walk, which follows
    both sides of a conditional and every value of a name: the fix touches the branch holding
    the field only."""
    model = TARGETS[target].model_id
    code = f'''
        from google import genai
        client = genai.Client()
        async def main(fast):
            if fast:
                config = {{"response_modalities": ["AUDIO"], {field}}}
            else:
                config = {{"response_modalities": ["AUDIO"]}}
            async with client.aio.live.connect(model="{model}", config=config) as s:
                pass
    '''
    findings = _findings(code, rule, target)
    assert len(findings) == count and findings[0].line == 5
    fixed = _fixed(code, rule, target)
    assert '        config = {"response_modalities": ["AUDIO"]}\n' in fixed  # the other branch as it was
    assert fixed != dedent(code) and _findings(fixed, rule, target) == []


# --- LM608: what the fix renames is a schema the SDK's restricted Schema reads the same way --
def test_every_keyword_the_fix_keeps_is_a_field_of_the_sdk_schema() -> None:
    from google.genai import types

    from rules.lm608_json_schema_tool_parameters import _SAME_MEANING

    assert {to_snake(k) for k in _SAME_MEANING} <= set(types.Schema.model_fields)


def test_the_sdk_reads_json_schema_type_names_in_lower_case() -> None:
    from google.genai import types

    assert types.Schema(type="object").type is types.Type.OBJECT
    assert types.Schema.model_validate({"type": "array", "items": {"type": "integer"}}).items.type is types.Type.INTEGER


SCHEMA_DECL = dedent('''
    from google.genai import types
    MODEL = "gemini-3.8-live-extended-thinking"
    decl = types.FunctionDeclaration(name="f", parameters_json_schema={schema})
    config = types.LiveConnectConfig(tools=[types.Tool(function_declarations=[decl])])
''')


@pytest.mark.parametrize("schema", [
    '{"type": "object", "properties": {"q": {"type": "string", "minLength": 1, "format": "date-time"}}}',
    '{"type": "object", "properties": {"n": {"anyOf": [{"type": "integer"}, {"type": "number"}]}}, '
    '"required": ["n"], "propertyOrdering": ["n"]}',
    '{"type": "OBJECT", "properties": {"tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}, '
    '"maxItems": 2, "nullable": True}}, "title": "Args", "description": "d"}',
])
def test_a_renamed_schema_validates_as_the_restricted_schema_with_the_same_content(schema: str) -> None:
    from google.genai import types

    fixed = _fixed(SCHEMA_DECL.format(schema=schema), "LM608")
    decl = _run(fixed)["decl"]
    assert decl.parameters_json_schema is None
    assert decl.parameters == types.Schema.model_validate(ast.literal_eval(schema))
    assert _findings(fixed, "LM608") == []


@pytest.mark.parametrize("schema,why", [
    ('{"type": "object", "additionalProperties": False}', "additionalProperties"),
    ('{"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {"type": "string"}}}', "$ref"),
    ('{"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}', "null"),
    ('{"type": ["object", "null"]}', "type"),
    ('{"type": "object", "properties": {"a": {"const": "x"}}}', "const"),
    ('{"type": "object", "properties": {"a": {"oneOf": [{"type": "string"}]}}}', "oneOf"),
    ('{"type": "object", "properties": {"a": {"type": "array", "min_items": 1}}}', "min_items"),
    ('{"type": "object", "properties": {"a": {"type": "integer", "enum": [1, 2]}}}', "enum"),
    ('{"type": "object", **EXTRA}', "splat"),
], ids=["additionalProperties", "ref", "nullable-anyOf", "type-list", "const", "oneOf", "snake-keyword",
        "int-enum", "splat"])
def test_json_schema_spellings_the_restricted_schema_reads_differently_get_no_fix(schema: str, why: str) -> None:
    [finding] = _findings(SCHEMA_DECL.format(schema=schema), "LM608")
    assert finding.fix is None and why in finding.message


def test_a_declaration_that_also_sets_parameters_gets_no_fix() -> None:
    code = SCHEMA_DECL.format(schema='{"type": "object"}').replace(
        'name="f",', 'name="f", parameters={"type": "object"},')
    [finding] = _findings(code, "LM608")
    assert finding.fix is None and "sets `parameters` too" in finding.message


def test_a_key_still_read_elsewhere_is_said_in_the_unsafe_reasons() -> None:
    code = SCHEMA_DECL.format(schema='{"type": "object"}') + "validator = decl.parameters_json_schema\n"
    [finding] = _findings(code, "LM608")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("`parameters_json_schema` is still read" in reason for reason in finding.fix.unsafe_reasons)


def test_lm608_leaves_the_38_live_model_and_the_other_targets_alone() -> None:
    on_38 = SCHEMA_DECL.format(schema='{"type": "object"}').replace("-extended-thinking", "")
    connected = on_38 + dedent('''
        from google import genai
        client = genai.Client()
        async def main():
            async with client.aio.live.connect(model=MODEL, config=config) as s:
                pass
    ''')
    assert _findings(connected, "LM608") == []
    xt = SCHEMA_DECL.format(schema='{"type": "object"}')
    assert _findings(xt, "LM608", "3.1") == [] and _findings(xt, "LM608", "3.8") == []
