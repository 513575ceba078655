"""Reading what a 2.5 program sends: turns, media blobs, tool responses, legacy ``send`` input.

Pure helpers with no I/O. They accept every shape the SDK accepts (typed objects, dicts in
either key spelling, lists) and answer one question each: is this plain user text, which
realtime field does this blob belong to, does this tool response carry 2.5-only fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pydantic
from google.genai import types
from pydantic import BaseModel

from . import spelling as sp

__all__ = [
    "as_contents",
    "plain_user_text",
    "split_trailing_user_text",
    "mime_of",
    "route_blob",
    "with_pcm_rate",
    "strip_response_scheduling",
    "LegacyInput",
    "classify_legacy_input",
]


def as_contents(turns: Any) -> list[types.Content] | None:
    """``turns`` as a list of ``types.Content`` (``[]`` for None); None if unreadable.

    Unreadable input is left to the SDK, which raises its own error for it.
    """
    if turns is None:
        return []
    items = list(turns) if isinstance(turns, (list, tuple)) else [turns]
    try:
        return [t if isinstance(t, types.Content) else types.Content.model_validate(t) for t in items]
    except (pydantic.ValidationError, TypeError):
        return None


def _is_plain_text_part(part: types.Part) -> bool:
    if not isinstance(part.text, str) or part.thought:
        return False
    # Fields set to their falsy default (``thought=False``) say nothing: count them as unset.
    return all(getattr(part, f) in (None, False) for f in part.model_fields_set if f != "text")


def _user_text(content: types.Content) -> str | None:
    """The text of a user turn made only of text parts, else None."""
    if content.role not in (None, "user") or not content.parts:
        return None
    if not all(_is_plain_text_part(p) for p in content.parts):
        return None
    # Parts are segments of one message (the SDK's .text accessor concatenates them too).
    return "".join(p.text for p in content.parts)  # type: ignore[misc]


def plain_user_text(contents: Sequence[types.Content]) -> str | None:
    """The turns as one string if they are all plain user text (turns joined by newlines)."""
    texts = [_user_text(c) for c in contents]
    if any(t is None for t in texts):
        return None
    return "\n".join(texts)  # type: ignore[arg-type]


def split_trailing_user_text(
    contents: Sequence[types.Content],
) -> tuple[list[types.Content], str | None]:
    """Split off the trailing run of plain user-text turns: ``(history, text or None)``."""
    cut = len(contents)
    while cut > 0 and _user_text(contents[cut - 1]) is not None:
        cut -= 1
    tail = contents[cut:]
    return list(contents[:cut]), (plain_user_text(tail) if tail else None)


# --- media ------------------------------------------------------------------------------


def mime_of(blob: Any) -> str | None:
    """The MIME type of a blob (typed or dict, either spelling), if it has one."""
    mime = sp.get(blob, "mime_type") if isinstance(blob, (BaseModel, Mapping)) else None
    return mime if isinstance(mime, str) else None


def with_pcm_rate(blob: Any, input_audio_mime: str) -> Any | None:
    """A copy of ``blob`` with ``audio/pcm`` given the target's rate; None if not needed.

    ``input_audio_mime`` is the target's input format (``audio/pcm;rate=16000``); its
    parameters are appended to a bare ``audio/pcm`` so other parameters the user set stay.
    """
    mime = mime_of(blob)
    if mime is None:
        return None
    base, _, params = mime.partition(";")
    if base.strip().lower() != "audio/pcm" or "rate=" in params.lower():
        return None
    rate = input_audio_mime.partition(";")[2]
    fixed = f"{mime.rstrip('; ')};{rate}" if params.strip() else f"{base.strip()};{rate}"
    return sp.replace(blob, sp.dict_style(blob) if isinstance(blob, Mapping) else sp.SNAKE, mime_type=fixed)


RealtimeField = Literal["audio", "video"]


def route_blob(blob: Any) -> RealtimeField | None:
    """Which ``send_realtime_input`` field a legacy media blob belongs to, if known.

    ``audio/*`` → ``audio``; ``image/*`` and PIL images → ``video`` (the SDK's own checks,
    facts §2.9); anything else (``video/mp4``, PDFs, no MIME type) cannot be routed.
    """
    mime = mime_of(blob)
    if mime is None:
        # The SDK turns PIL images into image blobs; recognise them the way it does.
        return "video" if "image" in type(blob).__name__.lower() else None
    major = mime.split("/", 1)[0].strip().lower()
    return {"audio": "audio", "image": "video"}.get(major)  # type: ignore[return-value]


# --- tool responses ---------------------------------------------------------------------

_SCHEDULING_FIELDS = ("scheduling", "will_continue")


def strip_response_scheduling(function_responses: Any) -> tuple[Any, list[str]]:
    """Remove ``scheduling`` / ``will_continue`` from function responses (LM202).

    Returns the responses (the same object when nothing changed, a new list or object
    otherwise) and the names of the responses that changed.
    """
    single = not isinstance(function_responses, (list, tuple))
    items = [function_responses] if single else list(function_responses)
    names: list[str] = []
    out = []
    for item in items:
        if isinstance(item, (BaseModel, Mapping)) and any(sp.has(item, f) for f in _SCHEDULING_FIELDS):
            style = sp.dict_style(item) if isinstance(item, Mapping) else sp.SNAKE
            out.append(sp.replace(item, style, scheduling=sp.DELETE, will_continue=sp.DELETE))
            names.append(str(sp.get(item, "name")))
        else:
            out.append(item)
    if not names:
        return function_responses, []
    return (out[0] if single else out), names


# --- legacy session.send(input=...) -----------------------------------------------------

LegacyKind = Literal["end_of_turn", "content", "media", "realtime", "tool", "unknown"]


@dataclass(frozen=True)
class LegacyInput:
    """What a deprecated ``session.send(input=...)`` call meant.

    ``payload``: turns for ``content``, a list of blobs for ``media``, a dict of realtime
    fields for ``realtime``, function responses for ``tool``. ``turn_complete`` overrides
    ``end_of_turn`` when the input carried its own (a ``LiveClientContent``).
    """

    kind: LegacyKind
    payload: Any = None
    turn_complete: bool | None = None


def _is_blob(x: Any) -> bool:
    return isinstance(x, types.Blob) or (isinstance(x, Mapping) and "data" in x)


def _is_function_response(x: Any) -> bool:
    return isinstance(x, types.FunctionResponse) or (
        isinstance(x, Mapping) and "name" in x and "response" in x
    )


def classify_legacy_input(value: Any) -> LegacyInput:
    """Classify ``send(input=value)`` the way the SDK's ``_parse_client_message`` does."""
    if not value:
        return LegacyInput("end_of_turn")
    if isinstance(value, str):
        return LegacyInput("content", [types.Content(role="user", parts=[types.Part(text=value)])])
    if _is_blob(value):
        return LegacyInput("media", [value])
    if _is_function_response(value):
        return LegacyInput("tool", value)
    if isinstance(value, types.LiveClientContent):
        return LegacyInput("content", value.turns, value.turn_complete)
    if isinstance(value, types.LiveClientToolResponse):
        return LegacyInput("tool", value.function_responses or [])
    if isinstance(value, types.LiveClientRealtimeInput):
        if value.media_chunks:
            return LegacyInput("media", list(value.media_chunks))
        fields = {k: v for k, v in value if v is not None}
        return LegacyInput("realtime", fields) if fields else LegacyInput("unknown")
    if isinstance(value, types.Content):
        return LegacyInput("content", [value])
    if isinstance(value, Mapping):
        turns = sp.get(value, "turns")
        if turns is None:
            turns = sp.get(value, "content")
        if turns is not None:
            return LegacyInput("content", turns, sp.get(value, "turn_complete"))
        chunks = sp.get(value, "media_chunks")
        if chunks:
            return LegacyInput("media", list(chunks))
        responses = sp.get(value, "function_responses")
        if responses is not None:
            return LegacyInput("tool", responses)
        return LegacyInput("unknown")
    if isinstance(value, (list, tuple)):
        if all(_is_function_response(x) for x in value):
            return LegacyInput("tool", list(value))
        if all(_is_blob(x) for x in value):
            return LegacyInput("media", list(value))
        if all(isinstance(x, (str, types.Part)) for x in value):
            parts = [types.Part(text=x) if isinstance(x, str) else x for x in value]
            return LegacyInput("content", [types.Content(role="user", parts=parts)])
        if all(isinstance(x, (types.Content, Mapping)) for x in value):
            return LegacyInput("content", list(value))
    return LegacyInput("unknown")
