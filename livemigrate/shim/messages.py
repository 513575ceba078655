"""Reshaping server messages for 2.5 readers: one field per message, transcript as ``.text``.

3.x servers put several parts and several fields (audio chunks, output transcription,
``turn_complete``, usage) in one message (facts §2.3). Code written for 2.5 reads
``model_turn.parts[0]`` (LM301) or tests fields in an ``if/elif`` chain (LM302) and silently
loses the rest. :func:`split_message` turns one such message into a sequence of messages that
each carry one thing, in reading order, so both patterns see everything.

On an AUDIO session emulating 2.5's TEXT modality (LM005/LM304), :class:`TextEmulatedMessage`
answers ``.text`` with the output transcription, so ``print(message.text)`` keeps working.

On a target that ends an interaction with ``interaction_status == IDLE`` rather than with
``turn_complete`` (3.8 XT: ``turn_complete`` ends one utterance, e.g. the one before a tool
call), :class:`TurnCompleteAtIdle` gives code written for a ``turn_complete`` model that
meaning back (LM604): ``turn_complete`` is true only on the message that ends the interaction.
Which server reactions it reads how is in its docstring.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Optional

from google.genai import types

__all__ = ["TextEmulatedMessage", "TurnCompleteAtIdle", "split_message", "emulate_text", "adapt_message"]


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


# Statuses that say nothing about the interaction: the message is read by its turn_complete,
# as google-genai's own receive() does (``_is_interaction_complete``).
_NO_STATUS = (None, types.InteractionStatus.INTERACTION_STATUS_UNSPECIFIED)


class TurnCompleteAtIdle:
    """One session's messages with ``turn_complete`` meaning "the interaction is over" (LM604).

    For code written for a model whose ``turn_complete`` ends the interaction (2.5, 3.1,
    3.8 Live) running on one that ends it with ``server_content.interaction_status == IDLE``
    (3.8 XT, whose ``turn_complete`` ends one utterance). :meth:`adapt` returns each message
    with, at most, ``turn_complete`` changed; every other field, ``interaction_status`` too,
    is kept, so code that already reads the status sees what the server sent.

    The facts leave several server reactions open (live-3.8 facts §2, §6); each is read the
    way that works whichever is true, never the way that could hang a loop:

    * ``IN_PROGRESS`` with ``turn_complete``: the utterance ended, the interaction did not;
      ``turn_complete`` is cleared.
    * ``IDLE`` ends the interaction; so do ``REQUIRES_ACTION`` (a deprecated alias of IDLE in
      the SDK) and any status other than ``IN_PROGRESS`` (one report saw
      ``WAITING_FOR_INPUT``): taking them for "still working" would leave a loop waiting for
      an IDLE that may never come, while taking them for the end costs at most an early stop.
      Such a message without ``turn_complete`` gets it, if the interaction was open.
    * A status-only ``IDLE`` after the interaction already ended (a server that repeats it)
      is not a second end: ``turn_complete`` is left unset, or the next loop would stop at once.
    * No status (or ``UNSPECIFIED``): the server did not say (whether 3.8 always sends it is
      open), so ``turn_complete`` keeps its meaning, as in google-genai's own ``receive()``.

    google-genai below 2.18 drops ``interactionStatus`` while parsing, so with it every message
    reads as "no status" and nothing changes.
    """

    def __init__(self) -> None:
        self.interaction_open = False  # something of an interaction arrived since the last end

    def adapt(self, message: types.LiveServerMessage) -> tuple[types.LiveServerMessage, str | None]:
        """``message`` as code reading ``turn_complete`` as the interaction's end expects it,
        and what changed: ``"cleared"``, ``"set"`` or None."""
        content = message.server_content
        if content is None:
            if message.tool_call is not None:
                self.interaction_open = True
            return message, None
        status = content.interaction_status
        done = bool(content.turn_complete)
        if status == types.InteractionStatus.IN_PROGRESS:
            self.interaction_open = True
            return (_with_turn_complete(message, None), "cleared") if done else (message, None)
        if status in _NO_STATUS:
            self.interaction_open = not done
            return message, None
        was_open, self.interaction_open = self.interaction_open, False
        if done or not was_open:
            return message, None
        return _with_turn_complete(message, True), "set"

    @property
    def ended(self) -> bool:
        """Whether the last message adapted ended an interaction (or none has begun)."""
        return not self.interaction_open


def _with_turn_complete(message: types.LiveServerMessage, value: bool | None) -> types.LiveServerMessage:
    """A copy of ``message`` whose ``server_content.turn_complete`` is ``value`` (shallow)."""
    assert message.server_content is not None
    content = message.server_content.model_copy(update={"turn_complete": value})
    return message.model_copy(update={"server_content": content})


def adapt_message(
    message: types.LiveServerMessage, *, split_parts: bool, text_emulation: bool
) -> Iterator[types.LiveServerMessage]:
    """Apply the receive-side reshaping the session was opened with (``turn_complete`` is
    :class:`TurnCompleteAtIdle`'s, applied before this, since it needs the whole message)."""
    pieces = split_message(message) if split_parts else (message,)
    for piece in pieces:
        yield emulate_text(piece) if text_emulation else piece
