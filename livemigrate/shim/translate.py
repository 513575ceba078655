"""Translate a 2.5 Live model id and config to the target's, in the caller's own spelling.

A pure function: no I/O, no warnings; it returns the new model id, the new config (a
``types.LiveConnectConfig`` stays one, a snake_case dict stays snake_case, a camelCase dict
stays camelCase) and the list of :class:`Adaptation` s it made, each with its rule id. The
caller's objects are never mutated: changed nodes are copied, untouched ones shared.

Every decision is read from the target profile (``livemigrate.migration``), never from a
version number, so the same code moves a config to 3.1 or to 3.8.

One setup field depends on what the program does, not on its config: a target that takes
client content before realtime input only as a declared history seed (3.1) needs
``history_config.initial_history_in_client_content=True`` exactly when the program seeds
history. :func:`translate_config` only says whether the shim may add it
(``Translation.history_declarable``); the session adapter adds it with
:func:`declare_history_seed` once the program's first calls show a seed (session.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Callable, Generic, Literal, TypeVar

from google.genai import types
from pydantic import BaseModel

from livemigrate.migration import (
    GENERATION_CONFIG_FIELDS,
    LEGACY_TURN_COVERAGE,
    TARGETS,
    TargetProfile,
    get_target,
    legacy_model,
    strip_model_prefix,
)

from . import spelling as sp
from .diagnostics import Adaptation

__all__ = ["Translation", "translate_config", "declare_history_seed", "TextMode", "Backend"]

C = TypeVar("C")
TextMode = Literal["emulate", "keep"]
Backend = Literal["gemini", "vertex"]

# Rule of each config field a target may lack entirely (rules.md, config family).
_REMOVED_FIELD_RULES = {
    "proactivity": "LM003",
    "enable_affective_dialog": "LM004",
    "thinking_config": "LM002",
}
_REMOVED_FIELD_WHY = {
    "proactivity": "a session opened with it may never complete setup",
    "enable_affective_dialog": "affective dialog is not supported",
    "thinking_config": "it refuses any thinking configuration",
}


@dataclass(frozen=True)
class Translation(Generic[C]):
    """The result of :func:`translate_config`.

    ``on_target`` is False when the session will not run on the target (an unknown model id,
    or a Vertex AI id with no target id there): then model and config are returned unchanged.
    ``history_declared`` says whether the new config declares a client-content history seed
    and ``history_declared_by_shim`` whether the shim added that declaration; the session
    adapter needs both. ``history_declarable`` says that the shim may still declare one: the
    session adapter does so (:func:`declare_history_seed`) only if the program seeds.
    """

    model: str | None
    config: C
    adaptations: tuple[Adaptation, ...]
    target: TargetProfile
    on_target: bool = True
    text_emulation: bool = False
    history_declared: bool = False
    history_declared_by_shim: bool = False
    history_declarable: bool = False
    # The session turns push-to-talk (audio ... audio_stream_end) into activity signals:
    # the target does not end a turn on audio_stream_end and the shim disabled automatic
    # activity detection, which activity signals require.
    push_to_talk: bool = False
    # Receive side, for the session to apply: ``split_parts`` is what wrap(split_parts=None)
    # does: split messages into one part or field each, for code naming a 2.x model id (2.5
    # servers sent one part per message; code naming a 3.x id already reads them whole).
    split_parts: bool = False
    # Code written for a model whose turn_complete ends the interaction, on a target that
    # ends it with interaction_status IDLE (3.8 XT): turn_complete gets the old meaning (LM604).
    turn_complete_at_idle: bool = False

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids of the adaptations, in order (handy in tests and logs)."""
        return tuple(a.rule for a in self.adaptations)


def sdk_accepts_history_on_vertex() -> bool:
    """google-genai 2.1.0 and older refuse ``history_config`` on Vertex AI ("not supported in
    Vertex AI"); 2.2.0 removed the check (python-genai v2.2.0; google/adk-python#6218)."""
    try:
        from google.genai import __version__ as version
    except ImportError:  # pragma: no cover - the shim needs google-genai anyway
        return False
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts) >= (2, 2)


def translate_config(
    config: C,
    *,
    model: str | None = None,
    target: str | TargetProfile = "3.1",
    backend: Backend = "gemini",
    pin_turn_coverage: bool = False,
    text_mode: TextMode = "emulate",
    declare_history: bool = True,
    push_to_talk: bool | None = None,
) -> Translation[C]:
    """Translate a 2.5 ``connect(model=..., config=...)`` pair for ``target``.

    Args:
      config: ``types.LiveConnectConfig``, a snake_case or camelCase dict, or None.
      model: the model id passed to ``connect``; None translates the config alone.
      target: a target name (``"3.1"``), model id, or :class:`TargetProfile`.
      backend: ``"vertex"`` for a client built with ``vertexai=True``.
      pin_turn_coverage: when the config sets no ``turn_coverage``, pin the 2.5 default
        (``LEGACY_TURN_COVERAGE``) so video is not billed per frame (LM401).
      text_mode: ``"emulate"`` turns a TEXT response modality into AUDIO + output
        transcription (LM005) and tells the session to surface the transcript as ``.text``;
        ``"keep"`` leaves TEXT for servers that accept it.
      declare_history: let the session declare a client-content history seed (LM102) when
        the target requires declared seeds, the config does not say either way, the config
        is 2.5 code (something else had to be translated) and the session is not resumed
        (``session_resumption.handle``). The config returned never has the declaration:
        ``history_declarable`` says it may be added, which :func:`declare_history_seed`
        does once the program is known to seed history.
      push_to_talk: on a target that does not end a turn on ``audio_stream_end`` (3.8),
        disable automatic activity detection so the session can end push-to-talk turns (and
        frame realtime text) with activity signals (LM606). None (default): on when the
        config leaves automatic activity detection unset (why: the package docstring); a
        program that relies on server-side voice activity detection (a microphone streamed
        without ``audio_stream_end``) passes False.

    Returns:
      A :class:`Translation` whose ``config`` has the type and key spelling of ``config``;
      its ``split_parts`` and ``turn_complete_at_idle`` say how the session reshapes what it
      receives for code that names ``model`` (read from the model id, never from the config).
    """
    profile = target if isinstance(target, TargetProfile) else get_target(target)
    notes: list[Adaptation] = []
    new_model, on_target = _translate_model(model, profile, backend, notes)
    if not on_target:
        return Translation(
            new_model, config, tuple(notes), profile, on_target=False,
            history_declared=_flag(config) is True,
        )

    cfg: Any = {} if config is None else config
    style = sp.dict_style(cfg) if isinstance(cfg, Mapping) else sp.SNAKE
    cfg = _flatten_generation_config(cfg, style, notes)
    cfg = _translate_thinking(cfg, style, profile, notes)
    cfg = _remove_unsupported(cfg, style, profile, notes)
    cfg = _strip_non_blocking(cfg, style, profile, notes)
    cfg = _explicit_behavior(cfg, style, profile, notes)
    cfg, emulate = _text_modality(cfg, style, profile, text_mode, notes)
    if pin_turn_coverage:
        cfg = _pin_turn_coverage(cfg, style, profile, notes)
    cfg, ptt = _push_to_talk(cfg, style, profile, push_to_talk, notes)
    split_parts, at_idle = _receive_side(model, profile)
    # Only 2.5 code gets a declared seed: a config that needed no other change is 3.x code
    # and passes through untouched, and a resumed session gets its history from the server.
    resumed = sp.get(sp.get(cfg, "session_resumption"), "handle") is not None
    declarable = (
        declare_history and bool(notes) and not resumed and _flag(cfg) is None
        and profile.requires_declared_history_seed and (backend != "vertex" or sdk_accepts_history_on_vertex())
    )
    if config is None and not cfg:
        cfg = None  # nothing had to be added: give back what we were given
    return Translation(
        new_model,
        cfg,
        tuple(notes),
        profile,
        on_target=True,
        text_emulation=emulate,
        history_declared=_flag(cfg) is True,
        history_declarable=declarable,
        push_to_talk=ptt,
        split_parts=split_parts,
        turn_complete_at_idle=at_idle,
    )


def declare_history_seed(translation: Translation[C]) -> Translation[C]:
    """``translation`` with its config declaring a client-content history seed (LM102).

    For a program that seeds history before its first realtime input on a target that
    requires declared seeds; a translation that is not ``history_declarable`` (the user's
    config decides, 3.x code, a resumed session, a target without the requirement) is
    returned unchanged.
    """
    if not translation.history_declarable:
        return translation
    cfg: Any = {} if translation.config is None else translation.config
    style = sp.dict_style(cfg) if isinstance(cfg, Mapping) else sp.SNAKE
    notes = list(translation.adaptations)
    cfg = _declare_history(cfg, style, translation.target, notes)
    return replace(
        translation, config=cfg, adaptations=tuple(notes), history_declared=True,
        history_declared_by_shim=True, history_declarable=False,
    )


# --- model id ---------------------------------------------------------------------------


def _translate_model(
    model: str | None, profile: TargetProfile, backend: Backend, notes: list[Adaptation]
) -> tuple[str | None, bool]:
    if model is None:
        return None, True
    prefix, bare = strip_model_prefix(model)
    if bare in (profile.model_id, profile.vertex_model_id):
        return model, True
    if any(bare == other.model_id for other in TARGETS.values()):
        # Another target's model (3.1 code moving to 3.8): the same move as from 2.5.
        new = prefix + (profile.vertex_model_id if backend == "vertex" and profile.vertex_model_id
                        else profile.model_id)
        notes.append(Adaptation(
            "LM001",
            f"{bare} is an older Live model and the session now runs on {profile.model_id}; "
            f'use model="{new}"',
        ))
        return new, True
    legacy = legacy_model(model)
    if legacy is None:
        # Not a 2.x Live id we know: the session will not run on the target, so a config
        # rewritten for the target could only break it.
        return model, False
    if backend == "vertex" or legacy.backend == "vertex":
        if profile.vertex_model_id is None:
            notes.append(Adaptation(
                "LM001",
                f"{bare} is a 2.x Live model on Vertex AI, where no {profile.model_id} id is "
                "confirmed; the shim leaves the model and its config unchanged",
            ))
            return model, False
        new = prefix + profile.vertex_model_id
    else:
        new = prefix + profile.model_id
    notes.append(Adaptation(
        "LM001",
        f"{bare} is a 2.x Live model and the session now runs on {profile.model_id}; "
        f'use model="{new}"',
    ))
    return new, True


def _receive_side(model: str | None, profile: TargetProfile) -> tuple[bool, bool]:
    """``(split_parts, turn_complete_at_idle)`` for code that names ``model``, on ``profile``.

    The model the code names says what it was written for: a 2.x id, one part per message and
    ``turn_complete`` as the end of the interaction; a target's id, that target's ending.
    """
    if model is None:
        return False, False
    bare = strip_model_prefix(model)[1]
    if bare in (profile.model_id, profile.vertex_model_id):
        return False, False  # written for this target: its messages as they come
    if legacy_model(model) is not None:
        written_for = "turn_complete"
        split = True
    else:
        known = [t for t in TARGETS.values() if bare in (t.model_id, t.vertex_model_id)]
        written_for = known[0].interaction_end if known else profile.interaction_end
        split = False
    return split, written_for == "turn_complete" and profile.interaction_end == "interaction_idle"


# --- config fields ----------------------------------------------------------------------


def _style_of(node: Any, inherited: str) -> str:
    return sp.dict_style(node, inherited) if isinstance(node, Mapping) else inherited


def _is_empty(node: Any) -> bool:
    if isinstance(node, BaseModel):
        return not node.model_dump(exclude_none=True)
    if isinstance(node, Mapping):
        return all(v is None for v in node.values())
    return node is None


def _flag(config: Any) -> Any:
    return sp.get(sp.get(config, "history_config"), "initial_history_in_client_content")


def _flatten_generation_config(cfg: Any, style: str, notes: list[Adaptation]) -> Any:
    """LM006: move ``generation_config`` fields onto the config; the flat value wins."""
    gen = sp.get(cfg, "generation_config")
    if gen is None:
        return cfg
    gen_style = _style_of(gen, style)
    moved: dict[str, Any] = {}
    gen_left = gen
    conflicts: list[str] = []
    for field in sorted(GENERATION_CONFIG_FIELDS):
        value = sp.get(gen, field)
        if value is None:
            continue
        flat = sp.get(cfg, field)
        if flat is None:
            moved[field] = value
        elif sp.plain(flat) != sp.plain(value):
            conflicts.append(field)
        gen_left = sp.replace(gen_left, gen_style, **{field: sp.DELETE})
    if _is_empty(gen_left):
        gen_left = sp.DELETE
    cfg = sp.replace(cfg, style, generation_config=gen_left, **moved)
    details = ""
    if conflicts:
        details += f" ({', '.join(conflicts)} set both ways with different values: kept the flat value)"
    if gen_left is not sp.DELETE:
        left = sorted(k for k, v in sp.plain(gen_left).items() if v is not None)
        details += f"; {', '.join(left)} (no flat field) left in generation_config"
    notes.append(Adaptation(
        "LM006",
        f"LiveConnectConfig.generation_config is deprecated; its fields were moved onto the "
        f"config{details}; set them on LiveConnectConfig directly",
    ))
    return cfg


def _as_budget(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _lowest_level(profile: TargetProfile) -> str:
    return profile.budget_to_level(0) or profile.thinking_levels[0]


def _translate_thinking(
    cfg: Any, style: str, profile: TargetProfile, notes: list[Adaptation]
) -> Any:
    """LM002: ``thinking_budget`` → ``thinking_level`` (never both), or drop it entirely;
    LM601: a level the target lacks is raised to its lowest, and a target that requires a
    level (3.8 XT) gets its lowest one when the config names none."""
    tc = sp.get(cfg, "thinking_config")
    if profile.thinking == "forbidden":
        return cfg  # a forbidden thinking_config goes with the other removed fields
    if tc is None:
        if not profile.requires_thinking_level:
            return cfg
        level = _lowest_level(profile)
        typed = isinstance(cfg, BaseModel)
        new_tc = sp.new_node(cfg, types.ThinkingConfig, style,
                             thinking_level=types.ThinkingLevel(level.upper()) if typed else level)
        notes.append(Adaptation(
            "LM601",
            f'{profile.model_id} refuses a setup without a thinking level; thinking_level="{level}" '
            f'(its lowest) was added; set thinking_config=ThinkingConfig(thinking_level="{level}")',
        ))
        return sp.replace(cfg, style, thinking_config=new_tc)
    budget = sp.get(tc, "thinking_budget")
    level_set = sp.get(tc, "thinking_level")
    tc_style = _style_of(tc, style)
    typed = isinstance(tc, BaseModel)
    if budget is None:
        name = None if level_set is None else sp.enum_name(level_set).lower()
        if (profile.requires_thinking_level and name is not None and name not in profile.thinking_levels
                and name != "thinking_level_unspecified"):
            level = _lowest_level(profile)
            why = f"thinking_level={name!r} is not a level of {profile.model_id}"
        elif (name is None or name == "thinking_level_unspecified") and profile.requires_thinking_level:
            level = _lowest_level(profile)
            why = f"{profile.model_id} refuses a thinking config without a level"
        else:
            return cfg
        value = types.ThinkingLevel(level.upper()) if typed else level
        notes.append(Adaptation(
            "LM601",
            f'{why}; it became thinking_level="{level}"; use '
            f'thinking_config=ThinkingConfig(thinking_level="{level}")',
        ))
        return sp.replace(cfg, style, thinking_config=sp.replace(tc, tc_style, thinking_level=value))
    level = None if level_set is not None else (
        None if (b := _as_budget(budget)) is None else profile.budget_to_level(b)
    )
    if level is None and level_set is None and profile.requires_thinking_level:
        level = _lowest_level(profile)  # dynamic (-1): the target has no "unset"
    if level_set is not None:
        new_tc = sp.replace(tc, tc_style, thinking_budget=sp.DELETE)
        message = (
            f"thinking_budget and thinking_level were both set; {profile.model_id} takes "
            "thinking_level only, so the budget was dropped; remove thinking_budget"
        )
    elif level is None:
        new_tc = sp.replace(tc, tc_style, thinking_budget=sp.DELETE)
        message = (
            f"thinking_budget={budget!r} (dynamic) has no {profile.model_id} equivalent; it was "
            f"dropped so the target default ({profile.default_thinking_level or 'unset'}) "
            "applies; use thinking_config=ThinkingConfig(thinking_level=...) if you need more"
        )
    else:
        value = types.ThinkingLevel(level.upper()) if typed else level
        new_tc = sp.replace(tc, tc_style, thinking_budget=sp.DELETE, thinking_level=value)
        message = (
            f"{profile.model_id} uses thinking_level instead of thinking_budget; budget "
            f'{budget} became thinking_level="{level}"; use '
            f'thinking_config=ThinkingConfig(thinking_level="{level}")'
        )
    notes.append(Adaptation("LM002", message))
    return sp.replace(cfg, style, thinking_config=sp.DELETE if _is_empty(new_tc) else new_tc)


def _remove_unsupported(
    cfg: Any, style: str, profile: TargetProfile, notes: list[Adaptation]
) -> Any:
    """LM003/LM004 (and LM002 on targets without thinking): drop fields the target lacks."""
    for field in sorted(profile.removed_config_fields):
        if not sp.has(cfg, field):
            continue
        cfg = sp.replace(cfg, style, **{field: sp.DELETE})
        notes.append(Adaptation(
            _REMOVED_FIELD_RULES[field],  # a test keeps every profile's fields mapped
            f"{profile.model_id} does not accept {field} ({_REMOVED_FIELD_WHY[field]}); "
            f"it was removed; delete {field} from the config",
        ))
    return cfg


def _map_declarations(cfg: Any, style: str, change: Callable[[Any], Any]) -> Any:
    """``cfg`` with ``change`` applied to every function declaration of its tools, each
    container rebuilt in its own spelling only where a declaration changed (``cfg`` itself
    when none did)."""
    tools = sp.get(cfg, "tools")
    if not isinstance(tools, (list, tuple)):
        return cfg
    new_tools = []
    for tool in tools:
        decls = sp.get(tool, "function_declarations") if isinstance(tool, (BaseModel, Mapping)) else None
        if not decls:
            new_tools.append(tool)
            continue
        new_decls = [change(d) if isinstance(d, (BaseModel, Mapping)) else d for d in decls]
        changed = any(a is not b for a, b in zip(new_decls, decls, strict=True))
        new_tools.append(
            sp.replace(tool, _style_of(tool, style), function_declarations=new_decls) if changed else tool
        )
    if all(a is b for a, b in zip(new_tools, tools, strict=True)):
        return cfg
    return sp.replace(cfg, style, tools=new_tools)


def _strip_non_blocking(
    cfg: Any, style: str, profile: TargetProfile, notes: list[Adaptation]
) -> Any:
    """LM201: drop ``behavior=NON_BLOCKING`` from function declarations."""
    if profile.supports_non_blocking_tools:
        return cfg
    names: list[str] = []

    def strip(decl: Any) -> Any:
        if sp.enum_name(sp.get(decl, "behavior")) != "NON_BLOCKING":
            return decl
        names.append(str(sp.get(decl, "name")))
        return sp.replace(decl, _style_of(decl, style), behavior=sp.DELETE)

    new_cfg = _map_declarations(cfg, style, strip)
    if not names:
        return cfg
    notes.append(Adaptation(
        "LM201",
        f"{profile.model_id} calls functions synchronously only; behavior=NON_BLOCKING was "
        f"removed from {', '.join(names)}, so the model now waits for each tool response "
        "before it continues; remove behavior=NON_BLOCKING",
    ))
    return new_cfg


def _explicit_behavior(
    cfg: Any, style: str, profile: TargetProfile, notes: list[Adaptation]
) -> Any:
    """LM602/LM603: give every function declaration the behavior the target needs.

    3.8 Live's default behavior is disputed (docs: NON_BLOCKING; one measurement: blocking),
    so a declaration without one gets ``BLOCKING``: what 2.5 and 3.1 code relied on, and
    accepted by 3.8 in every report. A target without blocking calls (3.8 XT: BLOCKING is
    1007) gets ``NON_BLOCKING`` on every declaration instead.
    """
    if not profile.requires_explicit_tool_behavior:
        return cfg
    wanted = "BLOCKING" if profile.supports_blocking_tools else "NON_BLOCKING"
    added: list[str] = []
    replaced: list[str] = []

    def settle(decl: Any) -> Any:
        current = sp.get(decl, "behavior")
        if current is not None and (sp.enum_name(current) == "NON_BLOCKING" or profile.supports_blocking_tools):
            return decl
        (added if current is None else replaced).append(str(sp.get(decl, "name")))
        typed = isinstance(decl, BaseModel)
        return sp.replace(decl, _style_of(decl, style), behavior=types.Behavior(wanted) if typed else wanted)

    new_cfg = _map_declarations(cfg, style, settle)
    if added:
        why = ("its default behavior is disputed (NON_BLOCKING in its docs, blocking in one "
               "measurement), and the code relies on blocking" if profile.supports_blocking_tools
               else "every function must declare NON_BLOCKING")
        notes.append(Adaptation(
            "LM603",
            f"{profile.model_id}: {why}; behavior={wanted} was added to {', '.join(added)}; "
            f"set behavior=types.Behavior.{wanted} on each function declaration",
        ))
    if replaced:
        notes.append(Adaptation(
            "LM602",
            f"{profile.model_id} refuses behavior=BLOCKING (async function calling only); "
            f"{', '.join(replaced)} became NON_BLOCKING, so the model talks on while the tool runs; "
            "use behavior=types.Behavior.NON_BLOCKING",
        ))
    return new_cfg if added or replaced else cfg


def _push_to_talk(
    cfg: Any, style: str, profile: TargetProfile, wanted: bool | None, notes: list[Adaptation]
) -> tuple[Any, bool]:
    """LM606: prepare push-to-talk on a target where ``audio_stream_end`` ends no turn.

    Activity signals are the only way to end a turn there without server-side voice
    activity detection, and the API takes them only with automatic activity detection
    disabled, which is a setup field: so it is decided here. A config that sets
    ``automatic_activity_detection`` itself is left as written.
    """
    if profile.audio_stream_end_ends_turn or wanted is False:
        return cfg, False
    ric = sp.get(cfg, "realtime_input_config")
    if sp.get(ric, "automatic_activity_detection") is not None:
        return cfg, False
    aad = sp.new_node(ric if ric is not None else cfg, types.AutomaticActivityDetection,
                      _style_of(ric, style) if ric is not None else style, disabled=True)
    if ric is None:
        new_ric = sp.new_node(cfg, types.RealtimeInputConfig, style, automatic_activity_detection=aad)
    else:
        new_ric = sp.replace(ric, _style_of(ric, style), automatic_activity_detection=aad)
    notes.append(Adaptation(
        "LM606",
        f"{profile.model_id} does not end a turn on audio_stream_end; automatic activity detection "
        "was disabled so the shim ends push-to-talk with activity_start/activity_end and puts "
        "realtime text between them (pass push_to_talk=False to keep voice activity detection)",
        notify=False,  # warned at the audio_stream_end and text calls that need it
    ))
    return sp.replace(cfg, style, realtime_input_config=new_ric), True


def _text_modality(
    cfg: Any, style: str, profile: TargetProfile, text_mode: TextMode, notes: list[Adaptation]
) -> tuple[Any, bool]:
    """LM005: TEXT → AUDIO plus output transcription, surfaced as ``.text`` by the session."""
    if profile.supports_text_modality or text_mode == "keep":
        return cfg, False
    modalities = sp.get(cfg, "response_modalities")
    if not isinstance(modalities, (list, tuple)):
        return cfg, False
    text = [m for m in modalities if sp.enum_name(m) == "TEXT"]
    if not text:
        return cfg, False
    # AUDIO in the spelling the user used for TEXT: an enum member, "AUDIO" or "audio".
    sample = text[0]
    if isinstance(cfg, BaseModel) or not isinstance(sample, str) or isinstance(sample, types.Modality):
        audio: Any = types.Modality.AUDIO
    else:
        audio = "AUDIO" if sample.isupper() else "audio"
    new = [m for m in modalities if sp.enum_name(m) != "TEXT"]
    if not any(sp.enum_name(m) == "AUDIO" for m in new):
        new.append(audio)
    changes: dict[str, Any] = {"response_modalities": new}
    if not sp.has(cfg, "output_audio_transcription"):
        changes["output_audio_transcription"] = sp.new_node(cfg, types.AudioTranscriptionConfig, style)
    notes.append(Adaptation(
        "LM005",
        f"{profile.model_id} answers in AUDIO only; the TEXT response modality became AUDIO "
        "with output transcription, and the shim returns the transcript as message.text; "
        "use response_modalities=['AUDIO'], output_audio_transcription={} and read "
        "server_content.output_transcription.text (LM304)",
    ))
    return sp.replace(cfg, style, **changes), True


def _pin_turn_coverage(
    cfg: Any, style: str, profile: TargetProfile, notes: list[Adaptation]
) -> Any:
    """LM401 (opt-in): keep the 2.5 turn coverage so video is billed only during activity."""
    if profile.default_turn_coverage == LEGACY_TURN_COVERAGE:
        return cfg
    ric = sp.get(cfg, "realtime_input_config")
    if sp.get(ric, "turn_coverage") is not None:
        return cfg
    typed = isinstance(ric, BaseModel) if ric is not None else isinstance(cfg, BaseModel)
    value = types.TurnCoverage(LEGACY_TURN_COVERAGE) if typed else LEGACY_TURN_COVERAGE
    if ric is None:
        new_ric = sp.new_node(cfg, types.RealtimeInputConfig, style, turn_coverage=value)
    else:
        new_ric = sp.replace(ric, _style_of(ric, style), turn_coverage=value)
    notes.append(Adaptation(
        "LM401",
        f"turn_coverage pinned to {LEGACY_TURN_COVERAGE} (the 2.5 default); "
        f"{profile.model_id} defaults to {profile.default_turn_coverage}",
        notify=False,  # the caller asked for it
    ))
    return sp.replace(cfg, style, realtime_input_config=new_ric)


def _declare_history(cfg: Any, style: str, profile: TargetProfile, notes: list[Adaptation]) -> Any:
    """LM102: declare a client-content history seed (the config says nothing either way).

    Only for a program that seeds: on targets that require declared seeds an undeclared seed
    closes the session (1007, facts §3.1–3.2), but with the flag the server first waits for
    ``client_content`` until ``turn_complete`` (SDK ``HistoryConfig`` docstring), so a
    program that starts with realtime input would need an extra, empty
    ``client_content(turn_complete=True)`` to end that phase, a frame whose acceptance by
    the real server is UNCONFIRMED. Declaring only for seeds sends neither.
    """
    hc = sp.get(cfg, "history_config")
    if hc is None:
        new_hc = sp.new_node(cfg, types.HistoryConfig, style, initial_history_in_client_content=True)
    else:
        new_hc = sp.replace(hc, _style_of(hc, style), initial_history_in_client_content=True)
    notes.append(Adaptation(
        "LM102",
        f"history_config.initial_history_in_client_content=True added: {profile.model_id} "
        "accepts client_content before realtime input only as a declared seed",
        notify=False,  # warned at the send_client_content that seeds
    ))
    return sp.replace(cfg, style, history_config=new_hc)
