"""Shapes the fourth real-code run showed around ephemeral tokens.

1. A token's ``live_connect_constraints.config`` is the config of every session opened with the
   token (the SDK locks it: ``lock_additional_fields`` unset), so the config rules read it as
   they read a ``connect(config=...)``: a ``generation_config`` nested there (set by a later
   ``cfg["generation_config"] = {...}``, or in the literal) is LM006, fixed by the same rules.
2. LM502's fix is unsafe whenever the client's key may be a long-lived key on some path (the
   version is the client's, so the key's calls move to v1alpha too), however the choice is
   spelled: ``tok if direct else KEY``, ``tok or KEY``, a name bound to both. The fix-safety
   policy decides it, the same way for any fix that edits such a client's options.
"""

from __future__ import annotations

import pytest

from harness import check, dedent, fixed_text

from livemigrate.rule import Applicability

# --- 1. a token's constraints config is a Live config ---------------------------------------

SUBSCRIPT = dedent('''
    from google import genai


    def mint(script_mode: bool, model: str) -> str:
        live_config: dict = {
            "response_modalities": ["AUDIO"],
            "output_audio_transcription": {},
        }
        if script_mode:
            live_config["generation_config"] = {"temperature": 0.1, "top_p": 0.85}
        client = genai.Client(http_options={"api_version": "v1alpha"})
        token = client.auth_tokens.create(config={
            "uses": 1,
            "live_connect_constraints": {"model": model, "config": live_config},
        })
        return token.name
''')


def _lm006(code: str) -> list[tuple[int, bool]]:
    return [(f.line, f.fix is not None) for f in check(code, ("LM006",))]


def test_nested_generation_config_set_on_a_token_config_is_reported() -> None:
    assert [line for line, _ in _lm006(SUBSCRIPT)] == [10]


LITERAL = dedent('''
    from google import genai

    client = genai.Client(http_options={"api_version": "v1alpha"})


    def mint(model: str) -> str:
        live_config = {
            "response_modalities": ["AUDIO"],
            "generation_config": {"temperature": 0.1, "top_p": 0.85},
        }
        token = client.auth_tokens.create(config={
            "uses": 1,
            "live_connect_constraints": {"model": model, "config": live_config},
        })
        return token.name
''')


def test_a_token_config_literal_is_flattened_like_a_connect_config() -> None:
    (finding,) = check(LITERAL, ("LM006",))
    assert finding.line == 9
    flat = '        "response_modalities": ["AUDIO"],\n        "temperature": 0.1,\n        "top_p": 0.85,\n    }'
    assert flat in fixed_text(LITERAL, ("LM006",), unsafe=False)


def test_a_field_set_twice_on_a_token_config_gets_no_fix() -> None:
    code = LITERAL.replace('"response_modalities": ["AUDIO"],', '"response_modalities": ["AUDIO"], "temperature": 0.5,')
    assert _lm006(code) == [(9, False)]


def test_a_nested_config_set_by_subscript_is_flattened_in_that_spelling() -> None:
    fixed = fixed_text(SUBSCRIPT, ("LM006",), unsafe=False)
    flat = '    if script_mode:\n        live_config["temperature"] = 0.1\n        live_config["top_p"] = 0.85\n'
    assert flat in fixed
    assert check(fixed, ("LM006",)) == []


def test_a_nested_config_set_by_subscript_on_a_connect_config_is_flattened_too() -> None:
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def run(script_mode):
            live_config = {"response_modalities": ["AUDIO"]}
            if script_mode:
                live_config['generationConfig'] = {'temperature': 0.1, 'topP': 0.85}  # calmer
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=live_config) as s:
                pass
    ''')
    assert fixed_text(code, ("LM006",), unsafe=True).count("live_config[") == 2
    assert "live_config['temperature'] = 0.1\n        live_config['topP'] = 0.85  # calmer\n" in fixed_text(
        code, ("LM006",), unsafe=True)


@pytest.mark.parametrize("flat", [
    '"response_modalities": ["AUDIO"], "temperature": 0.5,',  # in the literal
    '"response_modalities": ["AUDIO"],\n    }\n    live_config["temperature"] = 0.5\n    _ = {',  # by a statement
], ids=["literal", "statement"])
def test_a_field_also_set_flat_leaves_a_subscript_unfixed(flat: str) -> None:
    code = SUBSCRIPT.replace('"response_modalities": ["AUDIO"],', flat, 1)
    assert _lm006(code) == [(code.splitlines().index('        live_config["generation_config"] = '
                                                     '{"temperature": 0.1, "top_p": 0.85}') + 1, False)]


def test_a_nested_config_set_as_an_attribute_is_flattened_as_attributes() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def run():
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            config.generation_config = types.GenerationConfig(temperature=0.1, max_output_tokens=512)
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
                pass
    ''')
    assert "    config.temperature = 0.1\n    config.max_output_tokens = 512\n" in fixed_text(code, ("LM006",))


TYPED = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client(http_options={"api_version": "v1alpha"})


    def mint(model: str) -> str:
        live_config = {"response_modalities": ["AUDIO"]}
        live_config["generation_config"] = {"temperature": 0.1}
        token = client.auth_tokens.create(
            config=types.CreateAuthTokenConfig(
                uses=1,
                live_connect_constraints=types.LiveConnectConstraints(model=model, config=live_config),
            )
        )
        return token.name
''')


@pytest.mark.parametrize("code", [
    TYPED,
    # the constraints built apart and handed over
    TYPED.replace("live_connect_constraints=types.LiveConnectConstraints(model=model, config=live_config)",
                  "live_connect_constraints=constraints").replace(
        "    token = client", "    constraints = types.LiveConnectConstraints(model=model, config=live_config)\n"
                              "    token = client"),
    # camelCase dict keys
    SUBSCRIPT.replace('"live_connect_constraints"', '"liveConnectConstraints"'),
], ids=["typed", "constraints-apart", "camel"])
def test_every_spelling_of_the_constraints_is_read(code: str) -> None:
    (finding,) = check(code, ("LM006",))
    assert "live_config[\"generation_config\"]" in code.splitlines()[finding.line - 1]


def test_other_config_rules_read_a_token_config_too() -> None:
    code = LITERAL.replace('"generation_config": {"temperature": 0.1, "top_p": 0.85},',
                           '"enable_affective_dialog": True,').replace(
        '{"model": model,', '{"model": "gemini-2.5-flash-native-audio-preview-09-2025",')
    assert [f.line for f in check(code, ("LM004",))] == [9]


def test_the_constraints_model_is_the_token_configs_model() -> None:
    # A token for a 3.1 model: its config's affective dialog is refused there (LM004, fixed).
    code = LITERAL.replace('"generation_config": {"temperature": 0.1, "top_p": 0.85},',
                           '"enable_affective_dialog": True,').replace(
        '{"model": model,', '{"model": "gemini-3.1-flash-live-preview",')
    (finding,) = check(code, ("LM004",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE


def test_a_tokens_model_id_moves_unsafely_its_sessions_are_opened_elsewhere() -> None:
    # The token's holder (a browser, another module) opens the session and runs its sends and
    # receives: what the target refuses there is not weighed here.
    code = LITERAL.replace('{"model": model,', '{"model": "gemini-2.5-flash-native-audio-preview-12-2025",')
    (finding,) = check(code, ("LM001",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("reaches no Live session in this module" in r for r in finding.fix.unsafe_reasons)


def test_a_module_without_google_genai_is_not_read() -> None:
    code = SUBSCRIPT.replace("from google import genai\n", "import otherlib as genai\n")
    assert check(code, ("LM006",)) == []


# --- 2. LM502: a key that may be a long-lived key makes the version fix unsafe ----------------

CLIENT = dedent('''
    import os
    from google import genai

    API_KEY = os.environ["GEMINI_API_KEY"]


    async def open_session(server, direct: bool):
        token = await server.aio.auth_tokens.create(config={"uses": 1})
        KEY_BINDING
        client = genai.Client(api_key=KEY_EXPR)
        return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={})
''')

MIXED = {
    "if-expression": ("pass", "token.name if direct else API_KEY"),
    "or": ("pass", "token.name or API_KEY"),
    "name bound to an if-expression": ("key = token.name if direct else API_KEY", "key"),
    "name bound to both": ("key = token.name\n    if not direct:\n        key = API_KEY", "key"),
    "name bound in branches": ("if direct:\n        key = token.name\n    else:\n"
                               "        key = os.environ['GEMINI_API_KEY']", "key"),
}


def _client(binding: str, expr: str) -> str:
    return CLIENT.replace("KEY_BINDING", binding).replace("KEY_EXPR", expr)


@pytest.mark.parametrize("binding,expr", MIXED.values(), ids=MIXED.keys())
def test_a_key_that_may_be_a_long_lived_key_gets_an_unsafe_fix(binding: str, expr: str) -> None:
    code = _client(binding, expr)
    (finding,) = check(code, ("LM502",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("chosen at run time" in reason and "long-lived key" in reason for reason in finding.fix.unsafe_reasons)
    assert fixed_text(code, ("LM502",), unsafe=False) == code
    assert 'http_options={"api_version": "v1alpha"}' in fixed_text(code, ("LM502",), unsafe=True)


TOKENS_ONLY = {
    "token": ("pass", "token.name"),
    "two tokens": ("other = await server.aio.auth_tokens.create(config={'uses': 2})",
                   "token.name if direct else other.name"),
    "name bound to tokens": ("key = token.name\n    if not direct:\n        key = 'auth_tokens/fixed'", "key"),
    "placeholder None": ("key = None\n    key = token.name", "key"),
}


@pytest.mark.parametrize("binding,expr", TOKENS_ONLY.values(), ids=TOKENS_ONLY.keys())
def test_a_key_that_is_a_token_on_every_path_gets_a_safe_fix(binding: str, expr: str) -> None:
    (finding,) = check(_client(binding, expr), ("LM502",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE, finding.fix


RELAY = dedent('''
    import os
    from google import genai

    API_KEY = os.environ["GEMINI_API_KEY"]


    class Relay:
        def __init__(self):
            self.key = INITIAL

        async def mint(self, server):
            token = await server.aio.auth_tokens.create(config={"uses": 1})
            self.key = token.name

        def open(self):
            client = genai.Client(api_key=self.key)
            return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={})
''')


def test_a_self_attribute_bound_to_a_key_and_to_a_token_gets_an_unsafe_fix() -> None:
    (finding,) = check(RELAY.replace("INITIAL", "API_KEY"), ("LM502",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("chosen at run time" in reason for reason in finding.fix.unsafe_reasons)


def test_a_self_attribute_bound_to_a_placeholder_and_a_token_gets_a_safe_fix() -> None:
    (finding,) = check(RELAY.replace("INITIAL", "None"), ("LM502",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE, finding.fix
