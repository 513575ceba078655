"""The facts of the 2.x → 3.x Live API move, as data.

One source of truth for the rules (``rules/``), the runtime adapter (``livemigrate.shim``)
and the emulator (``livemigrate.emulator``). A change of facts is a change here only.

Facts are organised as *target profiles*: what a given Live target model supports. Rules and
the shim ask the profile ("does the target accept NON_BLOCKING?") instead of hard-coding a
version, so a new target (``gemini-3.8-live``) is a new entry in :data:`TARGETS`.

Every target carries its *verdicts* (:class:`Verdict`): what it does with each construct
2.x-era code relies on, in the words a finding uses, with how sure we are and the public
sources that say so. A rule never writes a version or a target's behaviour itself: it asks
``ctx.target.claim("proactivity")`` and gets the words for the target being linted.

Section numbers in comments (§2.6) refer to the project's evidence notes for 3.1 and 3.8;
the verdicts cite the public sources those notes cite. This module must stay import-light:
the linter imports it on every run and must never pull in google-genai.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "LegacyModel",
    "TargetProfile",
    "Verdict",
    "Status",
    "VERDICT_FACTS",
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
    "SERVER_CONTENT_TURN_STATES",
    "SERVER_MESSAGE_ONE_OF",
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
    # Also a Vertex AI model id (CONFLICTING sources: the SDK's docstrings give it as a Vertex
    # example, Firebase lists it for the Gemini API): code that names it may run on Vertex
    # without showing it, where the target has no id.
    also_vertex: bool = False


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
        # both also served by Vertex AI (SDK live.py docstring; LiteLLM's Vertex realtime docs)
        LegacyModel("gemini-2.0-flash-live-001", "gemini", native_audio=False, also_vertex=True),
        LegacyModel("gemini-2.0-flash-live-preview-04-09", "gemini", native_audio=False, also_vertex=True),
        LegacyModel("gemini-2.5-flash-live-preview", "gemini", native_audio=False),
        LegacyModel("gemini-2.0-flash-exp", "gemini", live_only=False, native_audio=False),
        # Vertex AI: no confirmed 3.1 id exists there (§6), so these are never rewritten.
        LegacyModel("gemini-live-2.5-flash", "vertex", native_audio=False),
        LegacyModel("gemini-live-2.5-flash-preview-native-audio", "vertex"),
        LegacyModel("gemini-live-2.5-flash-preview-native-audio-09-2025", "vertex"),
        LegacyModel("gemini-live-2.5-flash-native-audio", "vertex"),
    )
}

# Voice-agent frameworks' Gemini Live classes: each opens a Live session with its `model=`
# (LiveKit's google RealtimeModel, pipecat's Gemini Live services).
FRAMEWORK_LIVE_CLASSES = ("RealtimeModel", "GeminiMultimodalLiveLLMService", "GeminiLiveLLMService",
                          "GeminiLiveVertexLLMService")

# google-genai methods that take a model and a generation config and are not Live (`<client>.
# models.generate_content(...)`, a chat's `send_message`, `<client>.chats.create(config=...)`):
# a config object they share with a Live session must keep its 2.5 fields for them.
NON_LIVE_METHODS = frozenset({"generate_content", "generate_content_stream", "count_tokens", "compute_tokens",
                              "embed_content", "generate_images", "edit_image", "generate_videos",
                              "send_message", "send_message_stream"})
NON_LIVE_CREATORS = frozenset({"chats", "caches", "batches", "tunings"})

# Voice-agent frameworks' per-event hooks: the framework calls the method for every frame of
# its pipeline (pipecat's `FrameProcessor.process_frame`), so what it sends goes mid-session.
PER_FRAME_HOOKS = frozenset({"process_frame"})

# A web framework's socket methods iterating what the client sends (Starlette / FastAPI), and
# the names modules give the client's socket they iterate (`async for message in websocket:`):
# a loop over either goes on until the client disconnects.
SOCKET_ITERATORS = frozenset({"iter_text", "iter_bytes", "iter_json"})
CLIENT_SOCKET_NAMES = frozenset({"websocket", "ws", "client_ws", "client_websocket", "browser_ws"})

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
    """The :class:`LegacyModel` for a model string (with or without prefix), else None. An id
    the list does not hold but named as a generation-1/2 Live model is one too (see
    :data:`UNLISTED_2X_LIVE`)."""
    bare = strip_model_prefix(model)[1]
    found = LEGACY_LIVE_MODELS.get(bare)
    if found is None and bare.startswith("gemini-") and UNLISTED_2X_LIVE.fullmatch(bare):
        found = LegacyModel(bare, "vertex" if bare.startswith("gemini-live-") else "gemini",
                            native_audio="native-audio" in bare)
    elif found is None and UNLISTED_2X_EXPERIMENTAL.fullmatch(bare):
        found = LegacyModel(bare, "gemini", live_only=False, native_audio=False)
    return found


# §6 lists the ids Google documents; real code also names early-access and dated previews the
# docs never listed (run 9: a "-live-" 2.0 id; run 10: "gemini-2.5-flash-native-audio-eap-11-2025").
# An id of generation 1 or 2 whose name says Live (`live`, `native-audio`) is this move's: Live
# only, on Vertex AI when named as Vertex names its Live models (`gemini-live-2.5-...`).
UNLISTED_2X_LIVE = re.compile(r"gemini-(?:live-)?[12]\.\d[\w.-]*?(?:live|native-audio)[\w.-]*")


# An experimental Flash id of generation 2 (`gemini-2.5-flash-exp`), named as
# `gemini-2.0-flash-exp`, the experimental channel that served Live in 2.0: one only when it
# flows to a Live session, as that one (measurement 45: a settings module's `LIVE_MODEL_ID =
# "gemini-2.5-flash-exp"`). Not a released text model's id (`gemini-2.0-flash-001`,
# `gemini-2.5-flash`), nor another family's experiment (`gemini-2.5-pro-exp-03-25`,
# `gemini-2.0-flash-thinking-exp-01-21`), none of which served Live: no rule moves those.
UNLISTED_2X_EXPERIMENTAL = re.compile(r"gemini-2\.\d-flash-exp(?:-\d[\d-]*)?")


# A 2.x Live-only id named inside a longer text (`"Connecting to gemini-2.5-flash-native-audio-latest..."`).
LIVE_ID_IN_TEXT = re.compile(
    r"(?<![\w.-])(" + "|".join(re.escape(m.id) for m in sorted(LEGACY_LIVE_MODELS.values(), key=lambda m: -len(m.id))
                             if m.live_only) + "|" + UNLISTED_2X_LIVE.pattern + r")(?![\w-])")


def live_ids_in_text(text: str) -> list[str]:
    """The 2.x Live-only model ids a text names among other words (not the text itself being
    an id, with or without a prefix: that is a model literal)."""
    if legacy_model(text) is not None:
        return []
    found = []
    for match in LIVE_ID_IN_TEXT.finditer(text):
        name = match.group(1).rstrip(".")
        if legacy_model(name) is not None and legacy_model(name).live_only:  # type: ignore[union-attr]
            found.append(name)
    return found


# §8: no Live-specific mapping is documented; this is the project's policy, in line with the
# cookbook cut points. Each row: (highest budget, level). -1 (dynamic) is handled apart.
_BUDGET_LEVELS: tuple[tuple[int, str], ...] = (
    (0, "minimal"),
    (2048, "low"),
    (16384, "medium"),
)
_BUDGET_ABOVE_ALL = "high"

ThinkingSupport = Literal["level", "forbidden"]
InteractionEnd = Literal["turn_complete", "interaction_idle"]

# How sure a verdict is, in the words of the evidence notes: an official doc or SDK source,
# named public projects only, sources that disagree, or no evidence either way.
Status = Literal["CONFIRMED", "THIRD-PARTY", "CONFLICTING", "UNCONFIRMED"]


@dataclass(frozen=True)
class Verdict:
    """What one target does with one construct that 2.x-era code relies on.

    ``reason`` is a predicate that reads after the target's model id
    (``f"{model_id} {reason}"``); it names no version, so the same rule speaks correctly for
    every target. ``sources`` are public addresses (doc pages, SDK files, GitHub threads).
    """

    reason: str
    status: Status
    sources: tuple[str, ...]


# Every fact a rule asks a target about, and who asks. Every profile gives a verdict for
# each, so adding a target cannot leave a rule speaking another target's words.
VERDICT_FACTS: dict[str, str] = {
    "vertex_model": "LM001: whether Vertex AI serves the target",
    "thinking_budget": "LM002: what the target takes instead of a thinking budget",
    "proactivity": "LM003: proactive audio in the config",
    "affective_dialog": "LM004: enable_affective_dialog in the config",
    "text_modality": "LM005: the TEXT response modality",
    "output_transcription": "LM009: output transcription read where the config does not enable it",
    "input_transcription": "LM009: input transcription read where the config does not enable it",
    "client_content_mid_session": "LM101, LM103: client content after the exchange started",
    "seed_reply": "LM101: whether client content sent right after setup gets a reply",
    "undeclared_seed": "LM102: a history seed the config does not declare",
    "open_seed": "LM102: a history seed left open (turn_complete=False)",
    "media_chunks": "LM103, LM104, LM105: legacy mediaChunks realtime input",
    "alpha_api_version": "LM007, LM503: whether the target needs the v1alpha API version",
    "turn_coverage": "LM401: what the target counts into a turn (and bills) by default while video streams",
    "session_limits": "LM402: how long a Live session and its connection last unmanaged",
    "output_token_limit": "LM403: the target's output token ceiling",
    "ephemeral_tokens": "LM501: short-lived tokens a client can open a Live session with",
    "ephemeral_token_version": "LM502: the API versions an ephemeral token works on",
    "non_blocking_tools": "LM201: behavior=NON_BLOCKING function declarations",
    "response_scheduling": "LM202: scheduling / will_continue on tool responses",
    "multi_part_events": "LM301: several parts in one server event",
    "multi_field_events": "LM302: several server-content fields in one message",
    "audio_with_transcript": "LM303: audio and its transcript in the same message",
    "unanswered_tool_call": "LM305: what the target does until a tool call is answered",
    "non_content_messages": "LM306: messages without server content in the middle of a turn",
    "output_audio_mime": "LM307: the MIME type the target labels its audio with",
    "thinking_level": "LM601: a thinking_level (or a thinking config without a budget) in the config",
    "blocking_tools": "LM602: a function declared without behavior where the code relies on blocking",
    "tool_behavior_default": "LM603: a function declaration without an explicit behavior",
    "interaction_end": "LM604: what ends one interaction in a receive loop",
    "interaction_status": "LM605: where interaction_status is reported",
    "audio_stream_end": "LM606: audio_stream_end as the end of the user's turn (push-to-talk)",
    "missing_thinking_level": "LM607: a Live setup that sets no thinking level (nor a budget)",
    "parameters_json_schema": "LM608: function parameters described with parameters_json_schema",
}

# Public sources the verdicts cite (the evidence notes' keys in comments).
_M31 = "https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview"  # M31
_M38 = "https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live"  # M38
_LIVE_GUIDE = "https://ai.google.dev/gemini-api/docs/live-guide"  # LG
_LIVE_TOOLS = "https://ai.google.dev/gemini-api/docs/live-api/tools"  # LT
_LIVE_THINKING = "https://ai.google.dev/gemini-api/docs/live-api/thinking"  # LTH
_M25 = "https://ai.google.dev/gemini-api/docs/models/gemini-2.5-flash-native-audio-preview-12-2025"  # M25
_LIVE_SESSION = "https://ai.google.dev/gemini-api/docs/live-api/session-management"  # LS
_EPHEMERAL_TOKENS = "https://ai.google.dev/gemini-api/docs/ephemeral-tokens"  # ET
_EPHEMERAL_TOKENS_LIVE = "https://ai.google.dev/gemini-api/docs/live-api/ephemeral-tokens"  # ETK
_GENAI_LIVE_PY = "https://github.com/googleapis/python-genai/blob/main/google/genai/live.py"  # token warning
_TOKEN_EXAMPLE_V1BETA = ("https://github.com/google-gemini/gemini-live-api-examples/blob/main/"
                         "gemini-live-ephemeral-tokens-websocket/server.py")  # tokens minted on v1beta
_VORTEX_109 = "https://github.com/jferreiros/vortex/pull/109"  # 3.8 session limits quoted from the docs
_VERTEX_38 = "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-8-live"  # VX38
_AGORA_VERTEX = "https://docs.agora.io/en/conversational-ai/models/mllm/google-vertex-ai"
_COOKBOOK_31 = "https://github.com/google-gemini/cookbook/pull/1224"  # CB1224
_COOKBOOK_31_WS = "https://github.com/google-gemini/cookbook/pull/1223"  # CB1223
_PIPECAT_LIVE = "https://github.com/pipecat-ai/pipecat/blob/main/src/pipecat/services/google/gemini_live/llm.py"
_PIPECAT_BUNDLE = "https://github.com/pipecat-ai/pipecat/commit/c1dd44f9"  # "can bundle multiple content fields"
_PATTER_HANG = "https://github.com/PatterAI/Patter/pull/210"  # setup hang with proactivity/affective dialog
_GENAI_865 = "https://github.com/googleapis/python-genai/issues/865"
_ADK_5018 = "https://github.com/google/adk-python/issues/5018"
_LIVEKIT_5251 = "https://github.com/livekit/agents/pull/5251"
_LIVEKIT_5262 = "https://github.com/livekit/agents/pull/5262"
_LIVEKIT_7329 = "https://github.com/livekit/agents/pull/7329"
_SOKUJI_150 = "https://github.com/kizuna-ai-lab/sokuji/issues/150"  # mediaChunks → disconnect on 3.1
_SIP_TO_AI_5 = "https://github.com/aicc2025/sip-to-ai/pull/5"  # mediaChunks → 1007 on 3.1
_NEXUS_389 = "https://github.com/ProfSynapse/nexus/pull/389"
_PYDANTIC_AI_8393 = "https://github.com/pydantic/pydantic-ai/pull/8393"  # live-verified 3.8 limits
_PYDANTIC_AI_8394 = "https://github.com/pydantic/pydantic-ai/pull/8394"  # proactivity only on v1alpha
_MET = "https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live-extended-thinking"  # MET
_COOKBOOK_LIVE_THINKING = ("https://github.com/google-gemini/cookbook/blob/main/quickstarts/"
                           "Get_started_Live_Thinking.ipynb")  # CBLT
_GENAI_TYPES_PY = "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py"  # interaction_status
_GEMINI_SKILLS_81 = "https://github.com/google-gemini/gemini-skills/pull/81"  # lists minimal for XT
_LIVEKIT_7302 = "https://github.com/livekit/agents/issues/7302"  # XT accepts only NON_BLOCKING
_AIDEN_708 = "https://github.com/AidenAI-IO/aiden-firmware/pull/708"  # XT: IDLE lifecycle, parameters schema
_OPENCLAW_152830 = "https://github.com/openclaw/openclaw/issues/152830"  # 3.8: audioStreamEnd is no end of turn
_OPENCLAW_152844 = "https://github.com/openclaw/openclaw/pull/152844"
_DISCUSS_188765 = "https://discuss.ai.google.dev/t/188765"  # 3.8: output transcription without config


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
    # The model answers a history seed that ends with turn_complete=True (3.x launch: never).
    answers_history_seed: bool = False
    # Ids of earlier Live targets this one replaces: moved like a 2.x id (LM001).
    replaces: frozenset[str] = frozenset()
    # Fields the target lacks entirely (snake_case LiveConnectConfig names).
    removed_config_fields: frozenset[str] = field(default_factory=frozenset)
    # Setup must carry a thinking_config with one of ``thinking_levels`` (3.8 XT closes without).
    requires_thinking_level: bool = False
    # Function declarations may say ``behavior: BLOCKING`` (3.8 XT: 1007, async only).
    supports_blocking_tools: bool = True
    # The server's default ``behavior`` is disputed, so every declaration should say its own.
    requires_explicit_tool_behavior: bool = False
    # Tools may describe their parameters with ``parameters_json_schema`` (3.8 XT plans such
    # tools as text: it needs the restricted ``parameters`` schema).
    accepts_parameters_json_schema: bool = True
    # ``audio_stream_end`` ends the user's turn, so push-to-talk can end with it (3.8: no).
    audio_stream_end_ends_turn: bool = True
    # The target reports ``server_content.interaction_status`` (IN_PROGRESS / IDLE).
    sends_interaction_status: bool = False
    # What ends one interaction in a receive loop: "turn_complete", or "interaction_idle"
    # (``server_content.interaction_status == IDLE``; 3.8 XT sends turn_complete per utterance).
    interaction_end: InteractionEnd = "turn_complete"
    # What the target does with each fact of VERDICT_FACTS: the words findings use.
    verdicts: dict[str, Verdict] = field(default_factory=dict, hash=False, compare=False)

    def verdict(self, fact: str) -> Verdict:
        """This target's verdict on ``fact`` (a key of :data:`VERDICT_FACTS`)."""
        try:
            return self.verdicts[fact]
        except KeyError:
            raise KeyError(f"target {self.name!r} has no verdict on {fact!r}: add it to the profile "
                           f"in livemigrate/migration.py") from None

    def reason(self, fact: str) -> str:
        """What this target does with ``fact``, as a predicate (no model id, no version)."""
        return self.verdict(fact).reason

    def claim(self, fact: str) -> str:
        """``"<model id> <reason>"``: the target's verdict on ``fact`` as a clause."""
        return f"{self.model_id} {self.reason(fact)}"

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
    verdicts={
        # §6: no official 3.1 page for Vertex; one vendor documents it there.
        "vertex_model": Verdict("has no confirmed Vertex AI model id yet", "UNCONFIRMED", (_M31, _AGORA_VERTEX)),
        "thinking_budget": Verdict("takes thinking_level, not thinking_budget", "CONFIRMED", (_M31, _LIVE_GUIDE)),
        # §2.7, §3.1: docs say "not supported, remove"; the hang is a third-party observation.
        "proactivity": Verdict(
            "does not support proactive audio, and with `proactivity` in the config setup never completes",
            "THIRD-PARTY", (_M31, _PATTER_HANG)),
        "affective_dialog": Verdict(
            "does not support affective dialog (its docs say to remove the setting; setups that send it "
            "are reported to never complete)", "THIRD-PARTY", (_M31, _PATTER_HANG, _GENAI_865)),
        # §2.8, §11: the model card lists text output; live probes report TEXT refused.
        "text_modality": Verdict(
            "is reported to refuse the TEXT response modality, though its model card lists text output",
            "CONFLICTING", (_M31, _PYDANTIC_AI_8393)),
        # §2.8: transcriptions are opt-in, one setting per direction, top level of the setup.
        "output_transcription": Verdict(
            "sends the transcript of its spoken answer only when the setup asks for it, so it never arrives",
            "CONFIRMED", (_LIVE_GUIDE, _GENAI_TYPES_PY)),
        "input_transcription": Verdict(
            "transcribes the user's audio only when the setup asks for it, so it never arrives",
            "CONFIRMED", (_LIVE_GUIDE, _GENAI_TYPES_PY)),
        # §3.2: launch-era server and field reports; the newest docs say the opposite.
        "client_content_mid_session": Verdict(
            "refuses client content once the realtime exchange has started (1007)", "CONFLICTING",
            (_ADK_5018, _LIVEKIT_5251, _M31)),
        "seed_reply": Verdict("never answers a history seed by itself", "THIRD-PARTY", (_PIPECAT_LIVE,)),
        "undeclared_seed": Verdict(
            "closes the session (1007) on a client-content history seed that setup does not declare",
            "THIRD-PARTY", (_PIPECAT_LIVE, _LIVEKIT_5262)),
        "open_seed": Verdict("keeps waiting for history and refuses realtime input (1007)", "THIRD-PARTY",
                             (_PIPECAT_LIVE,)),
        # §11: "realtime_input.media_chunks is deprecated. Use audio, video, or text instead."
        "media_chunks": Verdict(
            'closes the session on `mediaChunks` (1007 "realtime_input.media_chunks is deprecated")',
            "THIRD-PARTY", (_SOKUJI_150, _SIP_TO_AI_5)),
        # §2.7, §5: v1alpha served affective dialog and proactive audio, which the target lacks;
        # Google's own 3.1 migration of its Live sample dropped the api_version.
        "alpha_api_version": Verdict(
            "needs no v1alpha API version: affective dialog and proactive audio, what older Live code "
            "turned it on for, are not supported there", "CONFIRMED", (_M31, _COOKBOOK_31)),
        # §2.5: docs; the SDK docstring still describes the older default.
        "turn_coverage": Verdict(
            "counts every video frame into the turn by default (TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO), "
            "so a session that streams video pays for all of it, not only for frames sent while the user speaks",
            "CONFIRMED", (_M31,)),
        # §2.10
        "session_limits": Verdict(
            "ends an audio session after 15 minutes (2 minutes with video) unless context window "
            "compression is on, and closes each connection after about 10 minutes, announced by a GoAway "
            "message; session resumption carries the session over", "CONFIRMED", (_LIVE_SESSION,)),
        # §2.12
        "output_token_limit": Verdict("allows up to 65,536 output tokens (the older native-audio models: 8,192)",
                                      "CONFIRMED", (_M31, _M25)),
        # §2.11: preview, Gemini API only.
        "ephemeral_tokens": Verdict(
            "accepts short-lived ephemeral tokens minted by a server with `client.auth_tokens.create`",
            "CONFIRMED", (_EPHEMERAL_TOKENS,)),
        # §2.11, §11: docs and the SDK say v1alpha only; Google's own token example moved to v1beta.
        "ephemeral_token_version": Verdict(
            "takes ephemeral tokens on the v1alpha API version (documented) and on v1beta (Google's own "
            "example), not on v1", "CONFLICTING", (_EPHEMERAL_TOKENS, _GENAI_LIVE_PY, _TOKEN_EXAMPLE_V1BETA)),
        "non_blocking_tools": Verdict(
            "calls functions synchronously: NON_BLOCKING is not supported, and the model now waits for "
            "the tool response", "CONFIRMED", (_M31, _LIVE_TOOLS)),
        "response_scheduling": Verdict(
            "does not support NON_BLOCKING calls, the only ones response scheduling applies to", "CONFIRMED",
            (_M31, _LIVE_TOOLS)),
        # §2.3
        "multi_part_events": Verdict("can send several parts in one server event (audio chunks, text)",
                                     "CONFIRMED", (_M31, _LIVE_GUIDE, _COOKBOOK_31_WS)),
        "multi_field_events": Verdict(
            "can send several of these fields in one message (audio, transcript, turn_complete)", "CONFIRMED",
            (_M31, _PIPECAT_BUNDLE)),
        "audio_with_transcript": Verdict(
            "sends a message's audio together with its transcript, often with turn_complete", "CONFIRMED",
            (_M31, _COOKBOOK_31)),
        # §2.6: "the model will not start responding until you've sent the tool response".
        "unanswered_tool_call": Verdict(
            "calls functions synchronously: the model says nothing more until the tool response arrives",
            "CONFIRMED", (_M31, _LIVE_TOOLS)),
        # §2.0, §2.6, §2.10: tool calls arrive mid-turn and wait; usage-only and GoAway messages.
        "non_content_messages": Verdict(
            "sends messages without server content in the middle of a turn: tool calls it then waits on, "
            "usage metadata, GoAway and session resumption updates", "CONFIRMED",
            (_M31, _LIVE_TOOLS, _LIVE_GUIDE, _LIVEKIT_5251)),
        # §2.3, §2.9: output is 24 kHz PCM, labelled with its rate.
        "output_audio_mime": Verdict("labels its audio `audio/pcm;rate=24000`, never a bare `audio/pcm`",
                                     "CONFIRMED", (_M31, _LIVE_GUIDE, _COOKBOOK_31)),
        "thinking_level": Verdict("takes thinking_level minimal, low, medium or high (default minimal)",
                                  "CONFIRMED", (_M31, _LIVE_GUIDE)),
        "blocking_tools": Verdict("calls every function synchronously: the model waits for each tool response",
                                  "CONFIRMED", (_M31, _LIVE_TOOLS)),
        "tool_behavior_default": Verdict("calls every function synchronously, so a declaration needs no `behavior`",
                                         "CONFIRMED", (_M31, _LIVE_TOOLS)),
        "interaction_end": Verdict("ends each reply with turn_complete", "CONFIRMED", (_M31, _LIVE_GUIDE)),
        "interaction_status": Verdict(
            "does not document `interaction_status`; where a server sends it, it is a field of `server_content`",
            "UNCONFIRMED", (_M31, _GENAI_TYPES_PY)),
        # The 3.8 report says the older model did; not documented either way.
        "audio_stream_end": Verdict(
            "ends the user's turn on `audio_stream_end` while automatic activity detection is on",
            "THIRD-PARTY", (_LIVE_GUIDE, _OPENCLAW_152830)),
        "missing_thinking_level": Verdict(
            "takes a setup without a thinking config and thinks at its default level (minimal)", "CONFIRMED",
            (_M31, _LIVE_GUIDE)),
        # Not documented either way for Live; the SDK sends the field as written.
        "parameters_json_schema": Verdict(
            "documents no restriction on how a function's parameters are described (`parameters` or "
            "`parameters_json_schema`)", "UNCONFIRMED", (_LIVE_TOOLS, _GENAI_TYPES_PY)),
    },
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
    answers_history_seed=True,
    replaces=frozenset({"gemini-3.1-flash-live-preview"}),  # 3.1 is a legacy preview now
    default_turn_coverage="TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",
    max_output_tokens=65536,
    removed_config_fields=frozenset({"proactivity", "enable_affective_dialog", "thinking_config"}),
    requires_explicit_tool_behavior=True,  # docs: NON_BLOCKING default; one measurement: blocking
    audio_stream_end_ends_turn=False,  # THIRD-PARTY (openclaw#152830)
    sends_interaction_status=True,  # SDK docstring: sent alongside turn_complete; not measured
    verdicts={
        "vertex_model": Verdict("is served on Vertex AI under the same id", "CONFIRMED", (_VERTEX_38,)),
        # Docs: omit thinking_config. Live probes: a level closes with 1007; reports on a budget conflict.
        "thinking_budget": Verdict(
            "does not support a thinking config (its docs say to omit thinking_config; a thinking level "
            "closes the session with 1007)", "CONFIRMED", (_M38, _LIVE_THINKING, _NEXUS_389, _PYDANTIC_AI_8393)),
        "proactivity": Verdict(
            "has proactive audio always on (`proactive_audio: false` is an error), and `proactivity` is an "
            "unknown field outside v1alpha (1007)", "THIRD-PARTY", (_M38, _PYDANTIC_AI_8394)),
        # Gemini API only: Vertex AI documents it as on by default (CONFLICTING across backends).
        "affective_dialog": Verdict("has no affective dialog (the Gemini API removed the setting)",
                                    "CONFIRMED", (_M38,)),
        "text_modality": Verdict("answers in audio only on the Gemini API (TEXT is refused)", "CONFIRMED",
                                 (_M38, _PYDANTIC_AI_8393)),
        # 3.8 notes §2: one forum report saw the output transcript arrive without the setting.
        "output_transcription": Verdict(
            "was seen sending the transcript of its spoken answer unasked (one report; its docs document no "
            "change): only the setting makes it arrive in every reading", "THIRD-PARTY",
            (_M38, _DISCUSS_188765, _LIVE_GUIDE)),
        "input_transcription": Verdict(
            "transcribes the user's audio only when the setup asks for it (its docs document no change here), "
            "so it never arrives", "UNCONFIRMED", (_M38, _LIVE_GUIDE)),
        "client_content_mid_session": Verdict(
            "accepts client content for the whole session (turn_complete=True interrupts the reply in "
            "progress)", "CONFIRMED", (_M38,)),
        "seed_reply": Verdict("answers client content that ends with turn_complete=True", "CONFIRMED", (_M38,)),
        "undeclared_seed": Verdict("takes client content for the whole session, declared or not", "CONFIRMED",
                                   (_M38,)),
        "open_seed": Verdict("waits for more content before answering client content without turn_complete",
                             "CONFIRMED", (_M38,)),
        # §5 item 4 of the 3.8 notes: open.
        "media_chunks": Verdict("may refuse `mediaChunks` (its docs do not say it accepts them)", "UNCONFIRMED",
                                (_M38,)),
        # Proactive audio always on, affective dialog removed: nothing left that needs v1alpha.
        "alpha_api_version": Verdict(
            "needs no v1alpha API version: proactive audio is always on and affective dialog was removed, "
            "the features older Live code turned it on for", "CONFIRMED", (_M38, _PYDANTIC_AI_8394)),
        "turn_coverage": Verdict(
            "counts every video frame into the turn by default (TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO), "
            "so a session that streams video pays for all of it, not only for frames sent while the user speaks",
            "CONFIRMED", (_M38,)),
        # Its docs document no change; the limits are quoted from the session docs by one project.
        "session_limits": Verdict(
            "documents no change to the Live session limits: an audio session ends after 15 minutes "
            "(2 minutes with video) without context window compression, and each connection closes after "
            "about 10 minutes, announced by a GoAway message", "UNCONFIRMED", (_LIVE_SESSION, _M38, _VORTEX_109)),
        "output_token_limit": Verdict("allows up to 65,536 output tokens (the older native-audio models: 8,192)",
                                      "CONFIRMED", (_M38, _M25)),
        "ephemeral_tokens": Verdict(
            # no 3.8-specific change documented
            "accepts short-lived ephemeral tokens minted by a server with `client.auth_tokens.create`",
            "CONFIRMED", (_EPHEMERAL_TOKENS_LIVE,)),
        "ephemeral_token_version": Verdict(
            "takes ephemeral tokens on the v1alpha API version (documented) and on v1beta (Google's own "
            "example), not on v1", "CONFLICTING", (_EPHEMERAL_TOKENS_LIVE, _GENAI_LIVE_PY, _TOKEN_EXAMPLE_V1BETA)),
        # Docs: NON_BLOCKING is the default; one measurement saw calls still block.
        "non_blocking_tools": Verdict("supports NON_BLOCKING function calls (its documented default)",
                                      "CONFLICTING", (_M38, _LIVEKIT_7329)),
        "response_scheduling": Verdict("supports response scheduling (SILENT, WHEN_IDLE, INTERRUPT)",
                                       "CONFIRMED", (_M38, _PYDANTIC_AI_8393)),
        # The 3.8 docs document no change to server events; carried over from 3.1, not measured.
        "multi_part_events": Verdict(
            "may send several parts in one server event (audio chunks, text; its docs document no change "
            "here)", "UNCONFIRMED", (_M38,)),
        "multi_field_events": Verdict(
            "may send several of these fields in one message (audio, transcript, turn_complete)",
            "UNCONFIRMED", (_M38,)),
        "audio_with_transcript": Verdict(
            "may send a message's audio together with its transcript and turn_complete", "UNCONFIRMED",
            (_M38,)),
        # Docs: NON_BLOCKING by default (the model talks on); one measurement saw calls block.
        "unanswered_tool_call": Verdict(
            "runs function calls in the background by default and asks for their results: an unanswered "
            "call never informs the reply (and one measurement saw calls block as before)", "CONFLICTING",
            (_M38, _LIVEKIT_7329)),
        "non_content_messages": Verdict(
            "may send messages without server content in the middle of a turn (tool calls, usage metadata, "
            "GoAway; its docs document no change here)", "UNCONFIRMED", (_M38, _LIVE_TOOLS)),
        "output_audio_mime": Verdict(
            "sends 24 kHz PCM audio, labelled with its rate as far as documented (never a bare `audio/pcm`)",
            "UNCONFIRMED", (_M38,)),
        # Live probe: 1007 on a level; a budget alone was accepted there, refused in three other
        # reports (CONFLICTING): dropping the whole thinking_config works in every reading.
        "thinking_level": Verdict(
            'closes the session (1007 "Thinking level is not supported for this model") on a thinking level, '
            "and its docs say to omit thinking_config", "CONFIRMED",
            (_M38, _LIVE_THINKING, _PYDANTIC_AI_8393, _NEXUS_389)),
        "blocking_tools": Verdict(
            "runs a function declared without `behavior` in the background by its docs (NON_BLOCKING is the "
            "default), while one measurement saw such calls still block: code that relies on the model "
            "waiting for the tool response must say `behavior: BLOCKING`", "CONFLICTING", (_M38, _LIVEKIT_7329)),
        "tool_behavior_default": Verdict(
            "has a disputed default `behavior` (NON_BLOCKING in its docs, blocking in one measurement), so "
            "each function declaration should say its own", "CONFLICTING", (_M38, _LIVEKIT_7329)),
        "interaction_end": Verdict("signals idle with turn_complete: one reply is one interaction", "CONFIRMED",
                                   (_LIVE_THINKING,)),
        "interaction_status": Verdict(
            "may report `interaction_status` alongside turn_complete, as a field of `server_content` (never "
            "of the message itself)", "UNCONFIRMED", (_LIVE_THINKING, _GENAI_TYPES_PY)),
        "audio_stream_end": Verdict(
            "does not end the user's turn on `audio_stream_end`: a client that ends push-to-talk with it "
            "never gets a reply (send `activity_start` / `activity_end` with automatic activity detection "
            "disabled, or keep automatic activity detection on)", "THIRD-PARTY",
            (_OPENCLAW_152830, _OPENCLAW_152844)),
        "missing_thinking_level": Verdict(
            "takes a setup without a thinking config (its docs say to omit it)", "CONFIRMED",
            (_M38, _LIVE_THINKING)),
        # The schema report is about the extended-thinking model; nothing is known for this one.
        "parameters_json_schema": Verdict(
            "documents no restriction on how a function's parameters are described (`parameters` or "
            "`parameters_json_schema`)", "UNCONFIRMED", (_M38, _LIVE_TOOLS, _GENAI_TYPES_PY)),
    },
)




def _carried_from_38(fact: str, status: Status = "UNCONFIRMED") -> Verdict:
    """A 3.8 Live verdict the extended-thinking model's page does not restate: same words, its
    page added as a source, UNCONFIRMED unless the caller knows better."""
    verdict = TARGET_38.verdicts[fact]
    return Verdict(verdict.reason, status, (_MET, *verdict.sources))


# live-3.8-facts.md §2 and §6: gemini-3.8-live-extended-thinking ("XT"). Where reports conflict
# (minimal, scheduling), the profile takes the reading that works in every case: only
# low/medium/high, every tool NON_BLOCKING, no scheduling.
TARGET_38_XT = TargetProfile(
    name="3.8-xt",
    model_id="gemini-3.8-live-extended-thinking",
    vertex_model_id=None,  # not in any Vertex AI page (a private preview per one report)
    thinking="level",
    thinking_levels=("low", "medium", "high"),  # minimal: 1007 live-verified (CONFLICTING)
    default_thinking_level=None,  # omission rejected: "Thinking level must be specified"
    requires_thinking_level=True,
    supports_non_blocking_tools=True,
    supports_response_scheduling=False,  # 1007 live-verified (CONFLICTING with aiden#708)
    supports_blocking_tools=False,  # "Async only"; BLOCKING → 1007
    requires_explicit_tool_behavior=True,  # tools "must declare" NON_BLOCKING
    accepts_parameters_json_schema=False,  # THIRD-PARTY: planned as text otherwise
    supports_proactivity=False,
    supports_affective_dialog=False,
    supports_text_modality=False,
    client_content_mid_session=True,  # "presumably same" as 3.8 Live
    requires_declared_history_seed=False,
    answers_history_seed=True,
    replaces=frozenset({"gemini-3.1-flash-live-preview"}),  # 3.1 is a legacy preview now
    default_turn_coverage="TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO",
    max_output_tokens=65536,
    removed_config_fields=frozenset({"proactivity", "enable_affective_dialog"}),
    audio_stream_end_ends_turn=False,  # reported for 3.8 Live; the safe reading for XT too
    sends_interaction_status=True,
    interaction_end="interaction_idle",
    verdicts={
        "vertex_model": Verdict(
            "has no model id in Google's Vertex AI docs (one report calls it a private preview there)",
            "UNCONFIRMED", (_VERTEX_38, _MET)),
        "thinking_budget": Verdict(
            "takes thinking_level low, medium or high instead of thinking_budget, and refuses a setup "
            "without a level", "CONFIRMED", (_MET, _LIVE_THINKING, _COOKBOOK_LIVE_THINKING, _PYDANTIC_AI_8393)),
        "proactivity": Verdict(
            "documents no proactive audio setting, and `proactivity` is an unknown field outside v1alpha (1007)",
            "THIRD-PARTY", (_MET, _PYDANTIC_AI_8394)),
        "affective_dialog": _carried_from_38("affective_dialog"),
        "text_modality": _carried_from_38("text_modality", "CONFIRMED"),
        # The forum report was about the non-extended model; nothing is known for this one.
        "output_transcription": Verdict(
            "sends the transcript of its spoken answer only when the setup asks for it, as far as documented "
            "(one report saw the non-extended model send it unasked): only the setting makes it arrive in "
            "every reading", "UNCONFIRMED", (_MET, _DISCUSS_188765, _LIVE_GUIDE)),
        "input_transcription": _carried_from_38("input_transcription"),
        "client_content_mid_session": _carried_from_38("client_content_mid_session"),
        "seed_reply": _carried_from_38("seed_reply"),
        "undeclared_seed": _carried_from_38("undeclared_seed"),
        "open_seed": _carried_from_38("open_seed"),
        "media_chunks": _carried_from_38("media_chunks"),
        "alpha_api_version": Verdict(
            "needs no v1alpha API version: it offers neither affective dialog nor a proactive audio "
            "setting, the features older Live code turned it on for", "UNCONFIRMED", (_MET, _PYDANTIC_AI_8394)),
        "turn_coverage": _carried_from_38("turn_coverage", "CONFIRMED"),
        "session_limits": _carried_from_38("session_limits"),
        "output_token_limit": _carried_from_38("output_token_limit", "CONFIRMED"),
        "ephemeral_tokens": _carried_from_38("ephemeral_tokens"),
        "ephemeral_token_version": _carried_from_38("ephemeral_token_version", "CONFLICTING"),
        "non_blocking_tools": Verdict(
            "runs every function call in the background: NON_BLOCKING is the only behavior it accepts",
            "CONFIRMED", (_MET, _LIVE_THINKING, _LIVEKIT_7302)),
        # Live probe: 1007 on scheduling; another project sends scheduling=INTERRUPT to it.
        "response_scheduling": Verdict(
            "is reported to close the session (1007) on response scheduling (another project sends it): "
            "leaving scheduling out works in every report", "CONFLICTING", (_PYDANTIC_AI_8393, _AIDEN_708)),
        "multi_part_events": _carried_from_38("multi_part_events"),
        "multi_field_events": _carried_from_38("multi_field_events"),
        "audio_with_transcript": _carried_from_38("audio_with_transcript"),
        "unanswered_tool_call": Verdict(
            "runs every function call in the background and asks for its result: an unanswered call never "
            "informs the reply", "CONFIRMED", (_MET, _LIVE_THINKING)),
        "non_content_messages": _carried_from_38("non_content_messages"),
        "output_audio_mime": _carried_from_38("output_audio_mime"),
        # Live probe: MINIMAL → 1007 and no level → refused; Google's skill lists minimal.
        "thinking_level": Verdict(
            "needs thinking_level low, medium or high: `minimal` is reported to close the session (1007), "
            "and a setup without a level is refused", "CONFLICTING",
            (_MET, _LIVE_THINKING, _PYDANTIC_AI_8393, _GEMINI_SKILLS_81)),
        "blocking_tools": Verdict(
            "cannot block on a function call (`behavior: BLOCKING` closes the session with 1007): code "
            "that relies on the model waiting for the tool response must let it talk on while the tool runs",
            "CONFIRMED", (_MET, _PYDANTIC_AI_8393, _LIVEKIT_7302)),
        "tool_behavior_default": Verdict(
            "accepts only `behavior: NON_BLOCKING`, and each function declaration must say so",
            "CONFIRMED", (_MET, _COOKBOOK_LIVE_THINKING, _LIVEKIT_7302)),
        "interaction_end": Verdict(
            "sends turn_complete after each utterance and keeps working (reasoning, tool calls) until "
            "`server_content.interaction_status` is IDLE: only IDLE ends the interaction", "CONFIRMED",
            (_LIVE_THINKING, _COOKBOOK_LIVE_THINKING, _GENAI_TYPES_PY)),
        "interaction_status": Verdict(
            "reports `interaction_status` (IN_PROGRESS while it reasons or runs tools, then IDLE) as a field "
            "of `server_content`, never of the message itself", "CONFIRMED",
            (_LIVE_THINKING, _GENAI_TYPES_PY, _AIDEN_708)),
        "audio_stream_end": _carried_from_38("audio_stream_end"),
        # Live probe: "Thinking level must be specified"; its docs always set a level, and the
        # default when none is set is not documented.
        "missing_thinking_level": Verdict(
            'refuses a setup without a thinking level ("Thinking level must be specified"): it takes '
            "thinking_level low, medium or high", "THIRD-PARTY",
            (_MET, _LIVE_THINKING, _PYDANTIC_AI_8393, _NEXUS_389)),
        # Two projects: tools described with parametersJsonSchema are planned as text, never called.
        "parameters_json_schema": Verdict(
            "is reported to plan a tool whose parameters are described with `parameters_json_schema` as "
            "text (the call is never made): it needs the restricted `parameters` schema", "THIRD-PARTY",
            (_AIDEN_708, _LIVEKIT_7302)),
    },
)

TARGETS: dict[str, TargetProfile] = {t.name: t for t in (TARGET_31, TARGET_38, TARGET_38_XT)}
DEFAULT_TARGET = "3.1"

# The 2.5 default the shim can pin with its turn_coverage option (§2.5).
LEGACY_TURN_COVERAGE = "TURN_INCLUDES_ONLY_ACTIVITY"


def get_target(name: str | None = None) -> TargetProfile:
    """The profile for a target name (``"3.1"``, ``"3.8"``, ``"3.8-xt"``) or model id; default 3.1."""
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


# §2.1: fields of a BidiGenerateContentSetup that no other bidi protocol's setup uses (not
# `model` / `generation_config` / `tools`, which an app's own protocol may copy): a raw `setup`
# frame holding one, in Gemini code, opens a Live session whatever its model (snake_case;
# camelCase on the wire). Evidence: the Live API reference, BidiGenerateContentSetup,
# https://ai.google.dev/api/live#bidigeneratecontentsetup
LIVE_ONLY_SETUP_FIELDS: frozenset[str] = frozenset(
    {
        "realtime_input_config",
        "session_resumption",
        "context_window_compression",
        "input_audio_transcription",
        "output_audio_transcription",
        "proactivity",
        "history_config",
    }
)

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

# The states one model turn passes through on its way to the end. They are successive states
# of the same turn, not independent content: an interrupted turn goes interrupted →
# turn_complete and sends no generation_complete; with realtime playback generation_complete
# comes before turn_complete (SDK LiveServerContent.generation_complete docstring,
# https://googleapis.github.io/js-genai/release_docs/interfaces/types.LiveServerContent.html).
# Code that handles them as alternatives (`if interrupted: ... elif turn_complete: ...`) ends
# the turn once; splitting such a chain would end it twice.
SERVER_CONTENT_TURN_STATES: tuple[str, ...] = ("interrupted", "generation_complete", "turn_complete")

# The kinds of server message: a message is exactly one of these (the protocol's `messageType`
# oneof: https://ai.google.dev/api/live#bidigeneratecontentservermessage; Google's generated
# clients model it as one field, `messageType?: "setupComplete" | "serverContent" | "toolCall" |
# "toolCallCancellation"` in @google-ai/generativelanguage, a sealed class in Firebase's SDKs).
# `usage_metadata` is outside it: it rides along with server content (probe, §2.3). So `if
# msg.server_content: ... elif msg.tool_call: ...` misses nothing, while two fields of one server
# content do co-occur (§2.3). `text` and `data` are the SDK's reads of the server content's parts.
# A field not listed (`usage_metadata`, the newer `voice_activity*`) is read as one any message
# may carry.
SERVER_MESSAGE_ONE_OF: dict[str, str] = {
    "setup_complete": "setup_complete",
    "server_content": "server_content",
    "text": "server_content",
    "data": "server_content",
    "tool_call": "tool_call",
    "tool_call_cancellation": "tool_call_cancellation",
    "go_away": "go_away",
    "session_resumption_update": "session_resumption_update",
}

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
