"""The facts of the 2.x → 3.x Live API move, as data.

One source of truth for the rules (``rules/``), the runtime adapter (``livemigrate.shim``)
and the emulator (``livemigrate.emulator``). A change of facts is a change here only.

Facts are organised as *target profiles*: what a given Live target model supports. Rules and
the shim ask the profile ("does the target accept NON_BLOCKING?") instead of hard-coding a
version, so a new target (``gemini-3.8-live``) is a new entry in :data:`TARGETS`.

Sources: ``shared/live-api-facts.md`` (3.1) and ``shared/live-3.8-facts.md`` (3.8); section
numbers in comments refer to those files. This module must stay import-light: the linter
imports it on every run and must never pull in google-genai.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "LegacyModel",
    "TargetProfile",
    "LEGACY_LIVE_MODELS",
    "TARGETS",
    "DEFAULT_TARGET",
    "get_target",
    "legacy_model",
    "strip_model_prefix",
    "budget_to_level",
    "to_camel",
    "to_snake",
    "SERVER_MESSAGE_FIELDS",
    "SERVER_CONTENT_FIELDS",
    "SERVER_CONTENT_PAYLOAD_FIELDS",
    "SERVER_CONTENT_END_FIELDS",
    "GENERATION_CONFIG_FIELDS",
]

Backend = Literal["gemini", "vertex"]


@dataclass(frozen=True)
class LegacyModel:
    """A 2.x Live model id (§6).

    ``live_only`` ids exist only for the Live API, so any string literal holding one is a
    finding; ids that are also plain text models (``gemini-2.0-flash-exp``) only count when
    they flow to a Live session.
    """

    id: str
    backend: Backend
    live_only: bool = True
    native_audio: bool = True


# §6 of live-api-facts.md; ids are stored without the "models/" prefix.
LEGACY_LIVE_MODELS: dict[str, LegacyModel] = {
    m.id: m
    for m in (
        LegacyModel("gemini-2.5-flash-native-audio-preview-12-2025", "gemini"),
        LegacyModel("gemini-2.5-flash-native-audio-preview-09-2025", "gemini"),
        LegacyModel("gemini-2.5-flash-native-audio-latest", "gemini"),
        LegacyModel("gemini-2.5-flash-preview-native-audio-dialog", "gemini"),
        LegacyModel("gemini-2.5-flash-exp-native-audio-thinking-dialog", "gemini"),
        LegacyModel("gemini-live-2.5-flash-preview", "gemini", native_audio=False),
        LegacyModel("gemini-2.0-flash-live-001", "gemini", native_audio=False),
        LegacyModel("gemini-2.0-flash-live-preview-04-09", "gemini", native_audio=False),
        LegacyModel("gemini-2.5-flash-live-preview", "gemini", native_audio=False),
        LegacyModel("gemini-2.0-flash-exp", "gemini", live_only=False, native_audio=False),
        # Vertex AI: no confirmed 3.1 id exists there (§6), so these are never rewritten.
        LegacyModel("gemini-live-2.5-flash", "vertex", native_audio=False),
        LegacyModel("gemini-live-2.5-flash-preview-native-audio", "vertex"),
        LegacyModel("gemini-live-2.5-flash-preview-native-audio-09-2025", "vertex"),
        LegacyModel("gemini-live-2.5-flash-native-audio", "vertex"),
    )
}

_MODEL_PREFIXES = ("models/", "publishers/google/models/")


def strip_model_prefix(model: str) -> tuple[str, str]:
    """Split ``"models/<id>"`` into ``("models/", "<id>")``; no prefix gives ``("", model)``.
    A longer resource path (``projects/p/locations/l/publishers/google/models/<id>``) splits
    at its last ``/``."""
    for prefix in _MODEL_PREFIXES:
        if model.startswith(prefix):
            return prefix, model[len(prefix):]
    head, slash, tail = model.rpartition("/")
    if slash and tail in LEGACY_LIVE_MODELS:
        return head + slash, tail
    return "", model


def legacy_model(model: str) -> LegacyModel | None:
    """The :class:`LegacyModel` for a model string (with or without prefix), else None."""
    return LEGACY_LIVE_MODELS.get(strip_model_prefix(model)[1])


# §8: no Live-specific mapping is documented; this is the project's policy, in line with the
# cookbook cut points. Each row: (highest budget, level). -1 (dynamic) is handled apart.
_BUDGET_LEVELS: tuple[tuple[int, str], ...] = (
    (0, "minimal"),
    (2048, "low"),
    (16384, "medium"),
)
_BUDGET_ABOVE_ALL = "high"

ThinkingSupport = Literal["level", "forbidden"]


@dataclass(frozen=True)
class TargetProfile:
    """What one Live target model accepts. Rules and the shim ask this, never a version."""

    name: str
    model_id: str
    vertex_model_id: str | None
    # How thinking is configured: "level" = thinking_level; "forbidden" = no thinking_config.
    thinking: ThinkingSupport
    thinking_levels: tuple[str, ...]
    # Level the target uses when none is set (None when not documented).
    default_thinking_level: str | None
    supports_non_blocking_tools: bool
    supports_response_scheduling: bool
    supports_proactivity: bool
    supports_affective_dialog: bool
    supports_text_modality: bool
    # Launch-era 3.1 closes 1007 on client_content after the realtime exchange started.
    client_content_mid_session: bool
    # A client_content history seed must be declared in history_config and end turn_complete.
    requires_declared_history_seed: bool
    default_turn_coverage: str
    max_output_tokens: int
    input_audio_mime: str = "audio/pcm;rate=16000"
    output_audio_mime: str = "audio/pcm;rate=24000"
    # Fields the target lacks entirely (snake_case LiveConnectConfig names).
    removed_config_fields: frozenset[str] = field(default_factory=frozenset)

    def budget_to_level(self, budget: int) -> str | None:
        """Map a 2.5 ``thinking_budget`` to this target's level; None for dynamic (-1)."""
        return budget_to_level(budget, self)


def budget_to_level(budget: int, target: TargetProfile | None = None) -> str | None:
    """The thinking level for a 2.5 budget (§8 policy), or None for ``-1`` (dynamic).

    ``0`` → minimal, ``1..2048`` → low, ``2049..16384`` → medium, above → high. Levels the
    target does not offer are raised to its lowest offered level (3.8 XT has no minimal).
    """
    if budget < 0:
        return None
    level = next((lvl for top, lvl in _BUDGET_LEVELS if budget <= top), _BUDGET_ABOVE_ALL)
    if target is not None and target.thinking_levels and level not in target.thinking_levels:
        order = ("minimal", "low", "medium", "high")
        offered = [lvl for lvl in order if lvl in target.thinking_levels]
        higher = [lvl for lvl in offered if order.index(lvl) >= order.index(level)]
        level = higher[0] if higher else offered[-1]
    return level


TARGET_31 = TargetProfile(
    name="3.1",
    model_id="gemini-3.1-flash-live-preview",
    vertex_model_id=None,  # §6: no confirmed 3.1 id on Vertex AI
    thinking="level",
    thinking_levels=("minimal", "low", "medium", "high"),
    default_thinking_level="minimal",
    supports_non_blocking_tools=False,  # §2.6 "synchronous only"
    supports_response_scheduling=False,
    supports_proactivity=False,  # §2.7, §3.1: hangs at setup (THIRD-PARTY)
    supports_affective_dialog=False,
    supports_text_modality=False,  # §2.8: native audio answers in AUDIO only (UNCONFIRMED for 3.1)
    client_content_mid_session=False,  # §3.2 launch-era reading (CONFLICTING in newest docs)
    requires_declared_history_seed=True,
    default_turn_coverage="TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",  # §2.5
    max_output_tokens=65536,  # §2.12
    removed_config_fields=frozenset({"proactivity", "enable_affective_dialog"}),
)

# live-3.8-facts.md §2: a second target where the same 2.5 construct gets another verdict.
TARGET_38 = TargetProfile(
    name="3.8",
    model_id="gemini-3.8-live",
    vertex_model_id="gemini-3.8-live",
    thinking="forbidden",  # 1007 on any thinkingConfig (THIRD-PARTY)
    thinking_levels=(),
    default_thinking_level=None,
    supports_non_blocking_tools=True,
    supports_response_scheduling=True,
    supports_proactivity=False,  # always on; proactive_audio: false errors
    supports_affective_dialog=False,  # removed from the Gemini API
    supports_text_modality=False,
    client_content_mid_session=True,
    requires_declared_history_seed=False,
    default_turn_coverage="TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",
    max_output_tokens=65536,
    removed_config_fields=frozenset({"proactivity", "enable_affective_dialog", "thinking_config"}),
)

TARGETS: dict[str, TargetProfile] = {t.name: t for t in (TARGET_31, TARGET_38)}
DEFAULT_TARGET = "3.1"

# The 2.5 default the shim can pin with its turn_coverage option (§2.5).
LEGACY_TURN_COVERAGE = "TURN_INCLUDES_ONLY_ACTIVITY"


def get_target(name: str | None = None) -> TargetProfile:
    """The profile for a target name (``"3.1"``, ``"3.8"``) or model id; default 3.1."""
    if name is None:
        return TARGETS[DEFAULT_TARGET]
    if name in TARGETS:
        return TARGETS[name]
    for target in TARGETS.values():
        if name in (target.model_id, target.vertex_model_id):
            return target
    raise KeyError(f"unknown livemigrate target {name!r}; known: {', '.join(TARGETS)}")


# --- field names -----------------------------------------------------------------------

_CAMEL_BOUNDARY = re.compile(r"_([a-z0-9])")
_SNAKE_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


def to_camel(name: str) -> str:
    """``thinking_budget`` → ``thinkingBudget`` (the wire / camelCase-dict spelling)."""
    return _CAMEL_BOUNDARY.sub(lambda m: m.group(1).upper(), name)


def to_snake(name: str) -> str:
    """``thinkingBudget`` → ``thinking_budget``; snake_case input is returned unchanged."""
    return _SNAKE_BOUNDARY.sub(lambda m: "_" + m.group(1).lower(), name)


# §2.3: top-level fields of a LiveServerMessage (snake_case; camelCase on the wire).
SERVER_MESSAGE_FIELDS: frozenset[str] = frozenset(
    {
        "setup_complete",
        "server_content",
        "tool_call",
        "tool_call_cancellation",
        "usage_metadata",
        "go_away",
        "session_resumption_update",
        "voice_activity_detection_signal",
        "voice_activity",
    }
)

# §2.3: fields of LiveServerContent.
SERVER_CONTENT_FIELDS: frozenset[str] = frozenset(
    {
        "model_turn",
        "turn_complete",
        "interrupted",
        "grounding_metadata",
        "generation_complete",
        "input_transcription",
        "output_transcription",
        "url_context_metadata",
        "turn_complete_reason",
        "waiting_for_input",
        "interim_input_transcription",
        "interaction_status",
    }
)

# Fields that carry content a reader must not skip, and fields that end a turn; 3.1 may put
# any of them on the same message (§2.3).
SERVER_CONTENT_PAYLOAD_FIELDS: tuple[str, ...] = (
    "model_turn",
    "input_transcription",
    "output_transcription",
    "interrupted",
)
SERVER_CONTENT_END_FIELDS: tuple[str, ...] = ("generation_complete", "turn_complete")

# §5: what `LiveConnectConfig(generation_config=GenerationConfig(...))` may carry that has a
# flat home on LiveConnectConfig (SDK 3.4.0 live.py:1297-1305).
GENERATION_CONFIG_FIELDS: frozenset[str] = frozenset(
    {
        "response_modalities",
        "temperature",
        "top_p",
        "top_k",
        "max_output_tokens",
        "media_resolution",
        "seed",
        "speech_config",
        "thinking_config",
        "enable_affective_dialog",
        "translation_config",
    }
)
