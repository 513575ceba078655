"""Reshaping server messages for 2.5 readers: one field per message, transcript as ``.text``.

3.x servers put several parts and several fields (audio chunks, output transcription,
``turn_complete``, usage) in one message (facts §2.3). Code written for 2.5 reads
``model_turn.parts[0]`` (LM301) or tests fields in an ``if/elif`` chain (LM302) and silently
loses the rest. :func:`split_message` turns one such message into a sequence of messages that
each carry one thing, in reading order, so both patterns see everything.

On an AUDIO session emulating 2.5's TEXT modality (LM005/LM304), :class:`TextEmulatedMessage`
answers ``.text`` with the output transcription, so ``print(message.text)`` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Optional

from google.genai import types

__all__ = ["TextEmulatedMessage", "split_message", "emulate_text", "adapt_message"]


class TextEmulatedMessage(types.LiveServerMessage):
    """A ``LiveServerMessage`` whose ``.text`` is the output transcription when there is one.

    A subclass rather than a proxy: it stays a real ``LiveServerMessage`` (isinstance,
    ``model_dump``, field access all unchanged) and only the accessor 2.5 text apps use
    changes meaning. Without a transcription it returns the text parts, like the SDK, but
    without the SDK's "non-text parts" log line, which every audio message would trigger.
    """

    @property
    def text(self) -> Optional[str]:
        content = self.server_content
        if content is None:
            return None
        transcription = content.output_transcription
        if transcription is not None and transcription.text:
            return transcription.text
        parts = content.model_turn.parts if content.model_turn else None
        text = "".join(
            p.text for p in parts or () if isinstance(p.text, str) and not p.thought
        )
        return text or None


def emulate_text(message: types.LiveServerMessage) -> TextEmulatedMessage:
    """The same message as a :class:`TextEmulatedMessage` (fields shared, not copied)."""
    if isinstance(message, TextEmulatedMessage):
        return message
    return TextEmulatedMessage.model_construct(
        _fields_set=set(message.model_fields_set),
        **{name: getattr(message, name) for name in type(message).model_fields},
    )


# Payload fields in reading order: an interruption ends what was playing before anything new
# is played, the user's words precede the model's, the model's audio precedes its
# transcript. Everything else on server_content (turn_complete, generation_complete, ...)
# ends the turn and goes on the last message, with usage_metadata.
# Same set as SERVER_CONTENT_PAYLOAD_FIELDS in the facts module (a test keeps them equal).
PAYLOAD_ORDER: tuple[str, ...] = (
    "interrupted", "input_transcription", "model_turn", "output_transcription",
)


def _present(value: Any) -> bool:
    return value is not None and value is not False


def split_message(message: types.LiveServerMessage) -> list[types.LiveServerMessage]:
    """``message`` as messages carrying one part or one field each, in reading order.

    Each model part becomes its own message (same ``role``); each payload field and each
    top-level field (``tool_call``, ``go_away``, ...) gets its own message; the turn-ending
    fields and ``usage_metadata`` ride on the last one. A message with nothing to split is
    returned as is (``[message]``), so the common single-field case costs no copy.
    """
    cls = type(message)
    pieces: list[dict[str, Any]] = []
    end_content: dict[str, Any] = {}
    content = message.server_content
    if content is not None:
        for name in PAYLOAD_ORDER:
            value = getattr(content, name)
            if not _present(value):
                continue
            if name == "model_turn":
                if not value.parts:
                    continue
                for part in value.parts:
                    turn = types.Content.model_construct(role=value.role, parts=[part])
                    pieces.append({"server_content": {"model_turn": turn}})
            else:
                pieces.append({"server_content": {name: value}})
        for name in type(content).model_fields:
            if name not in PAYLOAD_ORDER and _present(getattr(content, name)):
                end_content[name] = getattr(content, name)
    for name in cls.model_fields:
        if name not in ("server_content", "usage_metadata") and _present(getattr(message, name)):
            pieces.append({name: getattr(message, name)})
    if end_content:
        pieces.append({"server_content": end_content})
    if len(pieces) <= 1:
        return [message]
    if message.usage_metadata is not None:
        pieces[-1]["usage_metadata"] = message.usage_metadata
    out: list[types.LiveServerMessage] = []
    for fields in pieces:
        if "server_content" in fields:
            fields["server_content"] = types.LiveServerContent.model_construct(**fields["server_content"])
        out.append(cls.model_construct(**fields))
    return out


def adapt_message(
    message: types.LiveServerMessage, *, split_parts: bool, text_emulation: bool
) -> Iterator[types.LiveServerMessage]:
    """Apply the receive-side adaptations the session was opened with."""
    pieces = split_message(message) if split_parts else (message,)
    for piece in pieces:
        yield emulate_text(piece) if text_emulation else piece
