"""What the emulated servers refuse, as data: one :class:`Rule` per refusal.

Checks find every problem in a frame and return :class:`Violation` objects; whether a
violation is acted on is decided by the mode and by per-rule overrides, never inside a
check. That keeps every server generation one code path and lets a test switch a single rule.

Modes: ``strict`` (the launch-era 3.1 server), ``lenient`` (3.1 after the newest docs),
``3.8`` (strict ``gemini-3.8-live``) and ``3.8-xt`` (strict
``gemini-3.8-live-extended-thinking``). Each mode serves one target profile
(:data:`MODE_TARGETS`, read from ``livemigrate.migration``), and checks ask that profile.
Where reports on the 3.8 server CONFLICT (live-3.8-facts.md §6), the 3.8 modes refuse what
any report says is refused: a client that passes them works in every reading. Each rule
names its evidence with the status words of the facts files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from livemigrate.migration import (LIVE_ONLY_SETUP_FIELDS, TargetProfile, get_target, legacy_model, strip_model_prefix,
                                   to_camel)

from .wire import field, spelling

__all__ = [
    "Mode",
    "MODES",
    "MODE_TARGETS",
    "TARGET",
    "Rule",
    "Violation",
    "RULES",
    "enforced_rules",
    "check_setup",
    "check_realtime_input",
    "check_tool_response",
    "HistoryTracker",
    "violation",
]

Mode = Literal["strict", "lenient", "3.8", "3.8-xt"]
MODES: tuple[Mode, ...] = ("strict", "lenient", "3.8", "3.8-xt")

TARGET = get_target("3.1")
# The target profile each mode serves: its model id, levels, tool semantics.
MODE_TARGETS: dict[str, TargetProfile] = {
    "strict": TARGET,
    "lenient": TARGET,
    "3.8": get_target("3.8"),
    "3.8-xt": get_target("3.8-xt"),
}

# A WebSocket close reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5.1).
_MAX_REASON_BYTES = 123

# Top-level setup fields the API knows (SDK 3.4.0 _live_converters.py, facts §7.3): those only
# Live's setup has (migration.LIVE_ONLY_SETUP_FIELDS) and those other protocols share.
_SETUP_FIELDS = LIVE_ONLY_SETUP_FIELDS | frozenset(
    {"model", "generation_config", "system_instruction", "tools", "avatar_config", "safety_settings", "labels",
     "explicit_vad_signal"}
)
_SETUP_KEYS = _SETUP_FIELDS | {to_camel(name) for name in _SETUP_FIELDS}


@dataclass(frozen=True)
class Rule:
    """One thing the 3.1 server refuses.

    ``message`` becomes the WebSocket close reason (with ``[id]`` appended), so it is short
    and says what to do. ``setup_fault`` rules may hang instead of closing
    (``setup_fault="hang"``), as reported for proactivity on 3.1. ``live38`` / ``xt`` say
    whether the 3.8 modes act on the rule (``xt`` None: as ``live38``). A rule without a
    ``close_code`` refuses an input, not the connection: the server acts on it by ignoring
    that input (no reply, nothing sent), and the session goes on.
    """

    id: str
    close_code: int | None  # None: the server ignores the input (no reply) instead of closing
    message: str
    evidence: str
    strict: bool = True
    lenient: bool = False
    setup_fault: bool = False
    live38: bool = False
    xt: bool | None = None

    def enforced_in(self, mode: str) -> bool:
        """Whether ``mode`` acts on this rule (before per-rule overrides)."""
        if mode == "strict":
            return self.strict
        if mode == "lenient":
            return self.lenient
        if mode == "3.8-xt" and self.xt is not None:
            return self.xt
        return self.live38


@dataclass(frozen=True)
class Violation:
    """A rule broken by one frame; ``detail`` names the offending field as the client spelt it."""

    rule: Rule
    detail: str
    message: str

    @property
    def close_reason(self) -> str:
        """``message [rule-id]``, cut to the 123 bytes a close frame allows."""
        suffix = f" [{self.rule.id}]"
        room = _MAX_REASON_BYTES - len(suffix.encode("utf-8"))
        text = self.message.encode("utf-8")
        if len(text) > room:
            text = text[: room - 3].decode("utf-8", "ignore").encode("utf-8") + b"..."
        return text.decode("utf-8") + suffix


_ALL = (
    # --- both modes: frames no server generation accepts ---------------------------------
    Rule("invalid-json", 1007, "Invalid JSON payload received.", "CONFIRMED: proto-JSON API", lenient=True,
         live38=True),
    Rule("first-message-not-setup", 1007, "The first message must be setup.", "CONFIRMED: API reference", lenient=True,
         live38=True),
    Rule("repeated-setup", 1007, "setup may be sent only once per connection.", "CONFIRMED: API reference",
         lenient=True, live38=True),
    Rule(
        "unknown-client-message", 1007, "A message holds exactly one of setup, clientContent, "
        "realtimeInput, toolResponse, contextUpdate.", "CONFIRMED: API reference (oneof)", lenient=True, live38=True,
    ),
    Rule("missing-model", 1007, "setup.model is required.", "CONFIRMED: API reference", lenient=True, live38=True),
    Rule(
        "model-not-served", 1008, "model not supported for bidiGenerateContent here",
        "emulator scope: each mode serves one target (§6)", lenient=True, live38=True,
    ),
    # --- strict: the launch-era 3.1 server -----------------------------------------------
    Rule(
        "unknown-setup-field", 1007, "Unknown name at 'setup': Cannot find field.",
        "THIRD-PARTY: 1007 Unknown name for initial_content (§3.1)", live38=True,
    ),
    Rule(
        "affective-dialog", 1007, "enableAffectiveDialog is not supported by 3.1 Flash Live; remove it",
        "CONFIRMED unsupported (M31); hang reported by Patter PR #210, 1007 on 2.5 v1beta (§3.1); "
        "3.8: removed from the Gemini API (M38)",
        setup_fault=True, live38=True,
    ),
    Rule(
        "proactivity", 1007, "proactivity is not supported by 3.1 Flash Live; remove it",
        "CONFIRMED unsupported (M31); THIRD-PARTY: setup hangs (Patter PR #210, §3.1); 3.8: 1007 "
        "outside v1alpha, `false` an error (M38, pydantic-ai PR #8394)",
        setup_fault=True, live38=True,
    ),
    Rule(
        "thinking-budget", 1007, "thinkingBudget is not supported by 3.1 Flash Live; use thinkingLevel",
        "UNCONFIRMED: docs say use thinkingLevel instead (§2.2, §10.2); 3.8 XT: a level is required",
        xt=True,
    ),
    Rule(
        "thinking-level", 1007, "thinkingLevel must be one of " + ", ".join(TARGET.thinking_levels),
        "UNCONFIRMED: docs list these levels only (§2.2); 3.8 XT: MINIMAL → 1007 (CONFLICTING, §6)",
        xt=True,
    ),
    Rule(
        "text-modality", 1007, "responseModalities TEXT is not supported; use AUDIO with outputAudioTranscription",
        "UNCONFIRMED for 3.1; THIRD-PARTY 1007 on 2.5 native audio (§2.8, §10.5); 3.8: refused "
        "(M38, pydantic-ai PR #8393)", live38=True,
    ),
    Rule(
        "non-blocking-function", 1007, "behavior NON_BLOCKING is not supported: 3.1 function calling is synchronous",
        "CONFIRMED unsupported (M31, LT); server reaction UNCONFIRMED (§3.1)",
    ),
    Rule(
        "media-chunks", 1007, "realtimeInput.mediaChunks is not supported; send audio or video blobs",
        "UNCONFIRMED (§5, §10.5); 3.8: UNCONFIRMED (3.8 facts §5.4)", live38=True,
    ),
    Rule(
        "client-content-mid-session", 1007, "clientContent is accepted only as initial history; "
        "send text with realtimeInput.text", "THIRD-PARTY: livekit PR #5251, adk-python#5018 (§3.2)",
    ),
    Rule(
        "client-content-undeclared", 1007, "clientContent history needs "
        "setup.historyConfig.initialHistoryInClientContent=true", "THIRD-PARTY: livekit PR #5262, pipecat (§3.1)",
    ),
    Rule(
        "history-seed-open", 1007, "the initial history must end with turnComplete=true before realtime input",
        "THIRD-PARTY: pipecat tests (§3.1); 3.8: the SDK's HistoryConfig contract, not measured",
        live38=True,
    ),
    Rule(
        "function-parts-in-history", 1007, "functionCall/functionResponse parts are not accepted in initial history",
        "THIRD-PARTY: pipecat CHANGELOG (§3.1)",
    ),
    Rule(
        "file-data-in-history", 1008, "Operation not supported: fileData in initial history",
        "THIRD-PARTY: discuss.ai.google.dev 137660 (§3.1)",
    ),
    Rule(
        "response-scheduling", 1007,
        "FunctionResponse.scheduling is not supported: 3.1 function calling is synchronous",
        "UNCONFIRMED (§2.6, §10.3); 3.8 XT: 1007 live-verified (CONFLICTING, 3.8 facts §6)",
        xt=True,
    ),
    Rule(
        "will-continue", 1007, "FunctionResponse.willContinue is not supported: 3.1 function calling is synchronous",
        "UNCONFIRMED (§2.6, §10.3); 3.8 XT: goes with scheduling (UNCONFIRMED)", xt=True,
    ),
    Rule(
        "function-response-id", 1007, "function response id matches no function call of this session",
        "UNCONFIRMED: the SDK requires ids on the Gemini API (§2.6)", live38=True,
    ),
    # --- 3.8 and 3.8 XT (live-3.8-facts.md) --------------------------------------------------
    Rule(
        "thinking-config", 1007, "Thinking level is not supported for this model; remove thinkingConfig",
        "CONFIRMED: M38 says omit it; a level → 1007 live-verified; a budget CONFLICTING (3.8 facts §6): "
        "refused here, the reading that holds in every report", strict=False, live38=True, xt=False,
    ),
    Rule(
        "thinking-level-required", 1007, "Thinking level must be specified: thinkingConfig.thinkingLevel "
        "low, medium or high", "THIRD-PARTY: live-verified (pydantic-ai PR #8393, 3.8 facts §6)",
        strict=False, xt=True,
    ),
    Rule(
        "blocking-function", 1007, "behavior must be NON_BLOCKING: extended thinking calls functions "
        "asynchronously only", "CONFIRMED: MET 'Async only'; BLOCKING → 1007 live-verified (3.8 facts §6)",
        strict=False, xt=True,
    ),
    Rule(
        "activity-signal-with-vad", 1007, "activityStart/activityEnd need "
        "realtimeInputConfig.automaticActivityDetection.disabled=true",
        "CONFIRMED: API reference (BidiGenerateContentRealtimeInput.activityStart); 3.1 modes do not check it",
        strict=False, live38=True,
    ),
    Rule(
        "input-outside-activity", None, "audio/text outside activityStart..activityEnd is ignored: "
        "automaticActivityDetection is disabled",
        "CONFIRMED: API reference, SDK AutomaticActivityDetection.disabled ('the client must send "
        "activity signals'); reaction UNCONFIRMED: no reply, no close (3.8 facts §6 reports no 1007)",
        strict=False, live38=True,
    ),
)
RULES: dict[str, Rule] = {rule.id: rule for rule in _ALL}


def enforced_rules(mode: Mode, enforce: Mapping[str, bool] | None = None) -> frozenset[str]:
    """Ids of the rules acted on in ``mode``, after per-rule ``enforce`` overrides."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    active = {rule.id for rule in _ALL if rule.enforced_in(mode)}
    for rule_id, on in (enforce or {}).items():
        if rule_id not in RULES:
            raise ValueError(f"unknown emulator rule {rule_id!r}; known: {', '.join(RULES)}")
        (active.add if on else active.discard)(rule_id)
    return frozenset(active)


def violation(rule_id: str, detail: str, message: str | None = None) -> Violation:
    """A :class:`Violation` of rule ``rule_id``; ``message`` replaces the rule's default text."""
    rule = RULES[rule_id]
    return Violation(rule, detail, message or rule.message)


def _path(*keys: str | None) -> str:
    return ".".join(key for key in keys if key)


def check_setup(setup: Any, target: TargetProfile = TARGET) -> list[Violation]:
    """Every problem in a ``setup`` body for a server of ``target``, in the order the server
    reports them.

    Setup faults that may hang come before plain 1007 rules: a 2.5 config usually carries
    several 2.5-only fields, and the reported 3.1 behaviour for such configs is the hang.
    Rules a target has no opinion on are still reported; the mode decides which count.
    """
    if not isinstance(setup, Mapping):
        return [violation("missing-model", "setup is not an object")]
    found: list[Violation] = []
    model = field(setup, "model")
    if not isinstance(model, str) or not model:
        found.append(violation("missing-model", "setup.model"))
    else:
        _, model_id = strip_model_prefix(model)
        if model_id != target.model_id:
            legacy = legacy_model(model)
            note = " (a 2.x Live model)" if legacy else ""
            found.append(
                violation(
                    "model-not-served",
                    f"setup.model = {model!r}{note}",
                    f"models/{model_id} is not supported for bidiGenerateContent here; "
                    f"use models/{target.model_id}",
                )
            )
    for key in setup:
        if key not in _SETUP_KEYS:
            found.append(
                violation("unknown-setup-field", f"setup.{key}", f"Invalid JSON payload received. Unknown name "
                          f'"{key}" at \'setup\': Cannot find field.')
            )

    gen_key = spelling(setup, "generation_config")
    gen = field(setup, "generation_config", {})
    affective_key = spelling(gen, "enable_affective_dialog") if isinstance(gen, Mapping) else None
    if affective_key and not target.supports_affective_dialog:
        found.append(violation("affective-dialog", _path("setup", gen_key, affective_key)))
    if spelling(setup, "proactivity") and not target.supports_proactivity:
        found.append(violation("proactivity", "setup.proactivity"))

    thinking_key = spelling(gen, "thinking_config") if isinstance(gen, Mapping) else None
    thinking = field(gen, "thinking_config", {})
    budget_key = spelling(thinking, "thinking_budget") if isinstance(thinking, Mapping) else None
    if thinking_key and target.thinking == "forbidden":
        found.append(violation("thinking-config", _path("setup", gen_key, thinking_key)))
    if budget_key:
        found.append(violation("thinking-budget", _path("setup", gen_key, thinking_key, budget_key)))
    level = field(thinking, "thinking_level")
    if target.requires_thinking_level and (level is None or str(level).lower() == "thinking_level_unspecified"):
        found.append(violation("thinking-level-required", _path("setup", gen_key, thinking_key or "thinkingConfig")))
    if target.thinking == "forbidden":
        pass  # any level is covered by thinking-config
    elif level is not None and str(level).lower() not in (*target.thinking_levels, "thinking_level_unspecified"):
        found.append(
            violation("thinking-level", f"setup.{gen_key}.{thinking_key}.thinkingLevel = {level!r}",
                      f"thinkingLevel {level!r} is not one of " + ", ".join(target.thinking_levels))
        )

    modalities = field(gen, "response_modalities") or []
    if not target.supports_text_modality and any(str(m).upper() == "TEXT" for m in modalities):
        found.append(violation("text-modality", f"setup.{gen_key}.responseModalities = {modalities!r}"))

    for t_index, tool in enumerate(field(setup, "tools") or []):
        for d_index, declaration in enumerate(field(tool, "function_declarations") or []):
            behavior = str(field(declaration, "behavior", "") or "").upper()
            name = field(declaration, "name", "?")
            where = f"setup.tools[{t_index}].functionDeclarations[{d_index}].behavior ({name})"
            if behavior == "NON_BLOCKING" and not target.supports_non_blocking_tools:
                found.append(violation("non-blocking-function", where,
                                       f"function {name!r}: {RULES['non-blocking-function'].message}"))
            # XT: BLOCKING is refused, and tools "must declare" NON_BLOCKING (MET): the strict
            # reading refuses a declaration without behavior too.
            if behavior != "NON_BLOCKING" and not target.supports_blocking_tools:
                found.append(violation("blocking-function", where,
                                       f"function {name!r}: {RULES['blocking-function'].message}"))
    order = {rule.id: index for index, rule in enumerate(_ALL)}
    return sorted(found, key=lambda v: order[v.rule.id])


def check_realtime_input(body: Any) -> list[Violation]:
    """Problems in a ``realtimeInput`` body that do not depend on session state."""
    key = spelling(body, "media_chunks") if isinstance(body, Mapping) else None
    return [violation("media-chunks", f"realtimeInput.{key}")] if key else []


def check_tool_response(body: Any, target: TargetProfile = TARGET) -> list[Violation]:
    """Problems in a ``toolResponse`` body for ``target`` that do not depend on session state."""
    found = []
    for index, response in enumerate(field(body, "function_responses") or []):
        where = f"toolResponse.functionResponses[{index}]"
        scheduling = spelling(response, "scheduling") if isinstance(response, Mapping) else None
        if scheduling and not target.supports_response_scheduling:
            found.append(violation("response-scheduling", f"{where}.{scheduling}"))
        will_continue = spelling(response, "will_continue") if isinstance(response, Mapping) else None
        if will_continue and not (target.supports_non_blocking_tools and target.supports_response_scheduling):
            found.append(violation("will-continue", f"{where}.{will_continue}"))
        if not field(response, "id"):
            found.append(violation("function-response-id", f"{where}.id missing",
                                   "function response without id: the Gemini API needs the call id"))
    return found


def _history_part_problems(turns: Iterable[Any]) -> list[Violation]:
    found = []
    for t_index, turn in enumerate(turns):
        for p_index, part in enumerate(field(turn, "parts") or []):
            where = f"clientContent.turns[{t_index}].parts[{p_index}]"
            for name, rule_id in (
                ("function_call", "function-parts-in-history"),
                ("function_response", "function-parts-in-history"),
                ("file_data", "file-data-in-history"),
            ):
                key = spelling(part, name) if isinstance(part, Mapping) else None
                if key:
                    found.append(violation(rule_id, f"{where}.{key}"))
    return found


class HistoryTracker:
    """Where ``clientContent`` stands in the 3.1 conversation (facts §3.2).

    With ``historyConfig.initial_history_in_client_content`` declared, ``clientContent``
    frames before any realtime input are the *seed*, consumed until one carries
    ``turnComplete: true``; the seed never makes the model answer. Anything else is a
    conversation *turn*: the launch-era server refuses it (a violation here), the newest
    docs accept it for the whole session.
    """

    def __init__(self, declared: bool) -> None:
        self.declared = declared
        self.seed_open = False  # a seed frame arrived, none with turnComplete yet
        self.seed_done = False
        self.realtime_started = False

    def on_client_content(self, body: Any) -> tuple[Literal["seed", "turn"], list[Violation]]:
        """Classify a ``clientContent`` body and report what the launch-era server refuses."""
        complete = bool(field(body, "turn_complete", False))
        is_seed = self.declared and not self.seed_done and not self.realtime_started
        if not is_seed:
            if not self.declared and not self.realtime_started:
                return "turn", [violation("client-content-undeclared", "clientContent before realtime input")]
            return "turn", [violation("client-content-mid-session", "clientContent after the initial history")]
        found = _history_part_problems(field(body, "turns") or [])
        self.seed_open = not complete
        self.seed_done = complete
        return "seed", found

    def on_realtime_input(self) -> list[Violation]:
        """Report realtime input that arrives while a declared seed is still open."""
        found = []
        if self.seed_open:
            found.append(violation("history-seed-open", "realtimeInput while the initial history is open"))
            self.seed_open = False  # lenient reading: realtime input ends the seed
            self.seed_done = True
        self.realtime_started = True
        return found
