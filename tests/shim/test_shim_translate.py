"""translate_config: the pure config translation, in the three spellings users write."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any, Callable

import pytest
from google.genai import types

from livemigrate.migration import LEGACY_TURN_COVERAGE, get_target, to_camel, to_snake
from livemigrate.shim import declare_history_seed, translate_config

from shim_support import LEGACY_MODEL, TARGET_MODEL


def typed_25() -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        thinking_config=types.ThinkingConfig(thinking_budget=1024, include_thoughts=True),
        proactivity=types.ProactivityConfig(proactive_audio=True),
        enable_affective_dialog=True,
        tools=[types.Tool(function_declarations=[
            types.FunctionDeclaration(name="get_weather", behavior=types.Behavior.NON_BLOCKING),
            types.FunctionDeclaration(name="get_time"),
        ])],
    )


def snake_25() -> dict[str, Any]:
    return {
        "response_modalities": ["AUDIO"],
        "thinking_config": {"thinking_budget": 1024, "include_thoughts": True},
        "proactivity": {"proactive_audio": True},
        "enable_affective_dialog": True,
        "tools": [{"function_declarations": [
            {"name": "get_weather", "behavior": "NON_BLOCKING"},
            {"name": "get_time"},
        ]}],
    }


def camel_25() -> dict[str, Any]:
    return {
        "responseModalities": ["AUDIO"],
        "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": True},
        "proactivity": {"proactiveAudio": True},
        "enableAffectiveDialog": True,
        "tools": [{"functionDeclarations": [
            {"name": "get_weather", "behavior": "NON_BLOCKING"},
            {"name": "get_time"},
        ]}],
    }


SPELLINGS: dict[str, Callable[[], Any]] = {"types": typed_25, "snake": snake_25, "camel": camel_25}


def as_plain(config: Any) -> dict[str, Any]:
    """What the SDK will make of a config, whatever its spelling (validation included)."""
    model = config if isinstance(config, types.LiveConnectConfig) else types.LiveConnectConfig(**config)
    return model.model_dump(exclude_none=True, mode="json")


def keys(node: Any) -> set[str]:
    """Every dict key in a nested config."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            found |= keys(value)
    elif isinstance(node, list):
        for item in node:
            found |= keys(item)
    return found


EXPECTED_31 = {
    "response_modalities": ["AUDIO"],
    "thinking_config": {"thinking_level": "LOW", "include_thoughts": True},
    "tools": [{"function_declarations": [{"name": "get_weather"}, {"name": "get_time"}]}],
}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_25_config_becomes_31_config_in_the_same_spelling(spelling):
    original = SPELLINGS[spelling]()
    before = copy.deepcopy(original)

    result = translate_config(original, model=LEGACY_MODEL)

    assert result.model == TARGET_MODEL
    assert as_plain(result.config) == EXPECTED_31
    assert result.rules == ("LM001", "LM002", "LM004", "LM003", "LM201")
    assert result.history_declarable  # for the session to declare if the program seeds
    # ... as it does for a program that seeds history, in the config's own spelling
    declared = declare_history_seed(result)
    assert as_plain(declared.config) == {**EXPECTED_31, "history_config": {"initial_history_in_client_content": True}}
    assert declared.rules == (*result.rules, "LM102") and not declared.adaptations[-1].notify  # warned at the seed
    assert declared.history_declared_by_shim and not declared.history_declarable
    assert original == before  # the caller's object is untouched
    if spelling == "types":
        assert type(declared.config) is types.LiveConnectConfig
    else:
        assert type(declared.config) is dict
        names = keys(declared.config)
        if spelling == "snake":
            assert "thinking_level" in names and all(k == to_snake(k) for k in names)
        else:
            assert "thinkingLevel" in names and all(k == to_camel(k) for k in names)


def test_typed_result_uses_sdk_enums_and_dict_result_uses_lowercase_strings():
    typed = translate_config(typed_25()).config
    assert typed.thinking_config.thinking_level is types.ThinkingLevel.LOW
    assert translate_config(snake_25()).config["thinking_config"]["thinking_level"] == "low"
    assert translate_config(camel_25()).config["thinkingConfig"]["thinkingLevel"] == "low"


def test_untouched_sub_objects_are_shared_not_copied():
    config = typed_25()
    config.speech_config = types.SpeechConfig(language_code="en-US")
    result = translate_config(config).config
    assert result.speech_config is config.speech_config
    assert result.tools[0].function_declarations[1] is config.tools[0].function_declarations[1]


@pytest.mark.parametrize(
    ("budget", "level"),
    [(0, "minimal"), (1, "low"), (2048, "low"), (2049, "medium"), (16384, "medium"), (24576, "high")],
)
def test_budget_maps_to_level(budget, level):
    result = translate_config({"thinking_config": {"thinking_budget": budget}})
    assert result.config["thinking_config"] == {"thinking_level": level}


def test_dynamic_budget_is_dropped_so_the_target_default_applies():
    result = translate_config({"thinkingConfig": {"thinkingBudget": -1}}, declare_history=False)
    assert result.config == {}
    [note] = result.adaptations
    assert note.rule == "LM002" and "dynamic" in note.message and "minimal" in note.message


def test_dynamic_budget_keeps_include_thoughts():
    config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_budget=-1, include_thoughts=True))
    result = translate_config(config, declare_history=False)
    assert as_plain(result.config) == {"thinking_config": {"include_thoughts": True}}


def test_budget_and_level_together_keep_only_the_level():
    config = {"thinking_config": {"thinking_budget": 8000, "thinking_level": "high"}}
    result = translate_config(config, declare_history=False)
    assert result.config == {"thinking_config": {"thinking_level": "high"}}
    assert "both set" in result.adaptations[0].message


@pytest.mark.parametrize(
    "config",
    [
        types.LiveConnectConfig(generation_config=types.GenerationConfig(
            thinking_config=types.ThinkingConfig(thinking_budget=0), temperature=0.2,
            enable_affective_dialog=True, response_modalities=["AUDIO"])),
        {"generation_config": {"thinking_config": {"thinking_budget": 0}, "temperature": 0.2,
                               "enable_affective_dialog": True, "response_modalities": ["AUDIO"]}},
        {"generationConfig": {"thinkingConfig": {"thinkingBudget": 0}, "temperature": 0.2,
                              "enableAffectiveDialog": True, "responseModalities": ["AUDIO"]}},
    ],
    ids=["types", "snake", "camel"],
)
def test_nested_generation_config_is_flattened_then_translated(config):
    result = translate_config(config, declare_history=False)
    assert as_plain(result.config) == {
        "response_modalities": ["AUDIO"],
        "temperature": 0.2,
        "thinking_config": {"thinking_level": "MINIMAL"},
    }
    assert result.rules == ("LM006", "LM002", "LM004")


def test_flat_value_wins_a_conflict_and_equal_duplicates_merge():
    config = {
        "temperature": 0.9,
        "max_output_tokens": 8192,
        "generation_config": {"temperature": 0.1, "max_output_tokens": 8192, "stop_sequences": ["END"]},
    }
    result = translate_config(config, declare_history=False)
    assert result.config == {
        "temperature": 0.9,
        "max_output_tokens": 8192,
        "generation_config": {"stop_sequences": ["END"]},  # no flat home: stays nested
    }
    [note] = result.adaptations
    assert "temperature set both ways" in note.message and "stop_sequences" in note.message


@pytest.mark.parametrize(
    ("config", "modalities_key", "expected", "transcription_key"),
    [
        ({"response_modalities": ["TEXT"]}, "response_modalities", ["AUDIO"], "output_audio_transcription"),
        ({"responseModalities": ["text"]}, "responseModalities", ["audio"], "outputAudioTranscription"),
        ({"response_modalities": ["TEXT", "AUDIO"]}, "response_modalities", ["AUDIO"], "output_audio_transcription"),
        ({"response_modalities": [types.Modality.TEXT]}, "response_modalities", [types.Modality.AUDIO],
         "output_audio_transcription"),
    ],
    ids=["snake", "camel-lowercase", "text-and-audio", "enum-in-dict"],
)
def test_text_modality_becomes_audio_with_transcription(config, modalities_key, expected, transcription_key):
    result = translate_config(config, declare_history=False)
    assert result.text_emulation and result.rules == ("LM005",)
    assert result.config[modalities_key] == expected
    assert result.config[transcription_key] == {}


def test_typed_text_modality_becomes_typed_audio():
    config = types.LiveConnectConfig(response_modalities=[types.Modality.TEXT])
    result = translate_config(config, declare_history=False)
    assert result.config.response_modalities == [types.Modality.AUDIO]
    assert result.config.output_audio_transcription == types.AudioTranscriptionConfig()
    assert config.response_modalities == [types.Modality.TEXT]


def test_text_mode_keep_leaves_text():
    config = {"response_modalities": ["TEXT"]}
    result = translate_config(config, text_mode="keep", declare_history=False)
    assert result.config is config and not result.text_emulation and result.adaptations == ()


def test_existing_transcription_config_is_kept():
    config = {"response_modalities": ["TEXT"], "output_audio_transcription": {"language_codes": ["fr-FR"]}}
    result = translate_config(config, declare_history=False)
    assert result.config["output_audio_transcription"] == {"language_codes": ["fr-FR"]}


@pytest.mark.parametrize(
    ("config", "path"),
    [
        (types.LiveConnectConfig(), None),
        ({}, ("realtime_input_config", "turn_coverage")),
        ({"realtimeInputConfig": {"activityHandling": "NO_INTERRUPTION"}}, ("realtimeInputConfig", "turnCoverage")),
    ],
    ids=["types", "snake", "camel-existing-parent"],
)
def test_pinning_turn_coverage_uses_the_legacy_default(config, path):
    result = translate_config(config, pin_turn_coverage=True, declare_history=False)
    assert result.rules == ("LM401",) and not result.adaptations[0].notify
    if path is None:
        assert result.config.realtime_input_config.turn_coverage is types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY
    else:
        assert result.config[path[0]][path[1]] == LEGACY_TURN_COVERAGE
    if "realtimeInputConfig" in config:
        assert result.config["realtimeInputConfig"]["activityHandling"] == "NO_INTERRUPTION"


def test_pinning_never_overrides_an_explicit_turn_coverage():
    config = {"realtime_input_config": {"turn_coverage": "TURN_INCLUDES_ALL_INPUT"}}
    result = translate_config(config, pin_turn_coverage=True, declare_history=False)
    assert result.config is config


def test_history_declaration_is_offered_to_25_code_unless_the_user_decided():
    legacy = "gemini-2.5-flash-native-audio-preview-12-2025"
    bare = translate_config(None, model=legacy)
    assert bare.config is None and bare.history_declarable  # nothing is added until the program seeds
    assert declare_history_seed(bare).config == {"history_config": {"initial_history_in_client_content": True}}
    empty = translate_config({"historyConfig": {}}, model=legacy)
    assert declare_history_seed(empty).config == {"historyConfig": {"initialHistoryInClientContent": True}}
    explicit_no = {"history_config": {"initial_history_in_client_content": False}}
    result = translate_config(explicit_no, model=legacy)
    assert result.config["history_config"] == {"initial_history_in_client_content": False}
    assert not result.history_declared and not result.history_declarable
    assert declare_history_seed(result) is result
    declared = translate_config({"history_config": {"initial_history_in_client_content": True}}, model=legacy)
    assert declared.history_declared and not declared.history_declared_by_shim and not declared.history_declarable
    opted_out = translate_config({}, model=legacy, declare_history=False)
    assert opted_out.config == {} and not opted_out.history_declarable


def test_3x_code_and_resumed_sessions_pass_through_without_a_declared_seed():
    target = "gemini-3.1-flash-live-preview"
    ready = {"response_modalities": ["AUDIO"]}
    assert translate_config(ready, model=target).config is ready  # nothing to adapt: untouched
    resumed = {"thinking_config": {"thinking_budget": 0}, "session_resumption": {"handle": "h-1"}}
    out = translate_config(resumed, model="gemini-2.5-flash-native-audio-preview-12-2025")
    assert not out.history_declarable  # the server restores the history itself
    assert translate_config(None, declare_history=False).config is None


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (LEGACY_MODEL, TARGET_MODEL),
        (f"models/{LEGACY_MODEL}", f"models/{TARGET_MODEL}"),
        ("gemini-2.0-flash-live-001", TARGET_MODEL),
        (TARGET_MODEL, TARGET_MODEL),
    ],
)
def test_model_ids_move_to_the_target_keeping_the_prefix(model, expected):
    assert translate_config(None, model=model).model == expected


def test_unknown_models_and_their_configs_are_left_alone():
    config = typed_25()
    result = translate_config(config, model="gemini-9-live-experimental")
    assert result.model == "gemini-9-live-experimental"
    assert result.config is config and result.adaptations == () and not result.on_target


@pytest.mark.parametrize(
    ("model", "backend"),
    [("gemini-live-2.5-flash-native-audio", "gemini"), (LEGACY_MODEL, "vertex")],
)
def test_vertex_sessions_are_left_alone_with_a_warning(model, backend):
    config = snake_25()
    result = translate_config(config, model=model, backend=backend)
    assert result.model == model and result.config is config and not result.on_target
    [note] = result.adaptations
    assert note.rule == "LM001" and "Vertex AI" in note.message and note.notify


def test_a_clean_31_config_passes_through_as_the_same_object():
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        thinking_config=types.ThinkingConfig(thinking_level="low"),
        history_config=types.HistoryConfig(initial_history_in_client_content=True),
    )
    result = translate_config(config, model=TARGET_MODEL)
    assert result.config is config and result.adaptations == ()


def test_38_target_drops_thinking_and_keeps_non_blocking_tools():
    result = translate_config(snake_25(), model=LEGACY_MODEL, target="3.8")
    assert result.model == "gemini-3.8-live"
    assert result.config == {
        "response_modalities": ["AUDIO"],
        # NON_BLOCKING is valid again on 3.8; a tool without behavior says BLOCKING (the
        # 3.8 default is disputed and 2.5 code relied on blocking)
        "tools": [{"function_declarations": [
            {"name": "get_weather", "behavior": "NON_BLOCKING"},
            {"name": "get_time", "behavior": "BLOCKING"},
        ]}],
        # push-to-talk ends with activity signals on 3.8, which need this
        "realtime_input_config": {"automatic_activity_detection": {"disabled": True}},
    }
    assert result.rules == ("LM001", "LM004", "LM003", "LM002", "LM603", "LM606")
    assert result.push_to_talk and not result.history_declared


def test_a_custom_profile_is_honoured():
    lenient = dataclasses.replace(get_target("3.1"), supports_non_blocking_tools=True)
    result = translate_config(snake_25(), target=lenient, declare_history=False)
    assert result.config["tools"] == snake_25()["tools"]


def test_non_blocking_in_from_callable_declarations_and_lowercase_strings():
    def lights(on: bool) -> str:
        """Turn the lights on or off."""
        return "ok"

    from google import genai

    declaration = types.FunctionDeclaration.from_callable(
        client=genai.Client(api_key="x"), callable=lights, behavior=types.Behavior.NON_BLOCKING
    )
    config = {"tools": [types.Tool(function_declarations=[declaration]),
                        {"function_declarations": [{"name": "x", "behavior": "non_blocking"}]}]}
    result = translate_config(config, declare_history=False)
    assert result.config["tools"][0].function_declarations[0].behavior is None
    assert result.config["tools"][0].function_declarations[0].parameters == declaration.parameters
    assert result.config["tools"][1] == {"function_declarations": [{"name": "x"}]}
    assert "lights, x" in result.adaptations[0].message


def test_every_field_a_target_removes_has_a_rule_id():
    from livemigrate.migration import TARGETS
    from livemigrate.shim.translate import _REMOVED_FIELD_RULES, _REMOVED_FIELD_WHY

    for profile in TARGETS.values():
        assert profile.removed_config_fields <= set(_REMOVED_FIELD_RULES) <= set(_REMOVED_FIELD_WHY)


@pytest.mark.parametrize(("sdk", "declared"), [("2.1.0", False), ("2.2.0", True), ("3.6.1", True)])
def test_history_is_declared_on_vertex_only_where_the_sdk_accepts_it(monkeypatch, sdk, declared):
    # No shipped profile both serves Vertex AI and needs a declared seed yet: build one.
    import dataclasses

    import google.genai

    from livemigrate.migration import TARGETS

    profile = dataclasses.replace(TARGETS["3.1"], vertex_model_id=TARGETS["3.1"].model_id)
    monkeypatch.setattr(google.genai, "__version__", sdk)
    result = translate_config(snake_25(), model="gemini-live-2.5-flash-native-audio", target=profile,
                              backend="vertex")
    assert result.on_target and "history_config" not in result.config
    assert result.history_declarable is declared
    assert ("history_config" in declare_history_seed(result).config) is declared
