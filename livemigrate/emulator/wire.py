"""JSON frames of ``BidiGenerateContent``: reading either key spelling, writing camelCase.

Clients send keys in snake_case or camelCase (SDK 3.4.0 itself mixes them: ``client_content``
next to ``turnComplete``; nested passthrough objects keep snake_case; facts §2), so every read
goes through :func:`field`. The server side always writes camelCase, and only the top-level
keys the SDK understands: an unknown key makes ``session.receive()`` crash (facts §7.4), so
:func:`encode_server_message` refuses to produce one.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from livemigrate.migration import SERVER_MESSAGE_FIELDS, to_camel

__all__ = [
    "FrameError",
    "SERVER_MESSAGE_KEYS",
    "CLIENT_MESSAGE_KEYS",
    "field",
    "spelling",
    "decode_client_frame",
    "client_message_kind",
    "encode_server_message",
    "check_server_message",
    "b64encode",
    "b64decode",
]

# camelCase top-level keys of a LiveServerMessage: the only ones a server may send.
SERVER_MESSAGE_KEYS: frozenset[str] = frozenset(to_camel(name) for name in SERVER_MESSAGE_FIELDS)

# snake_case names of the client message kinds (a BidiGenerateContentClientMessage oneof).
CLIENT_MESSAGE_KEYS: tuple[str, ...] = (
    "setup",
    "client_content",
    "realtime_input",
    "tool_response",
    "context_update",
)


class FrameError(ValueError):
    """A client frame that is not a JSON object."""


def spelling(obj: Mapping[str, Any], name: str) -> str | None:
    """The key under which ``obj`` holds snake_case field ``name`` (either spelling), or None."""
    if name in obj:
        return name
    camel = to_camel(name)
    if camel in obj:
        return camel
    return None


def field(obj: Any, name: str, default: Any = None) -> Any:
    """Value of snake_case field ``name`` in ``obj`` under either spelling.

    Returns ``default`` when ``obj`` is not a mapping or lacks the field, so nested look-ups
    over client data of unknown shape never raise.
    """
    if not isinstance(obj, Mapping):
        return default
    key = spelling(obj, name)
    return default if key is None else obj[key]


def decode_client_frame(raw: str | bytes) -> dict[str, Any]:
    """Parse one client frame. Raw-WebSocket clients may send JSON as binary frames."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        message = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FrameError(f"not JSON: {exc}") from exc
    if not isinstance(message, dict):
        raise FrameError(f"not a JSON object but {type(message).__name__}")
    return message


def client_message_kind(message: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """The snake_case kind of a client message, and the keys that are no message kind.

    A valid message holds exactly one kind; ``(None, [])`` means it holds none or several.
    """
    kinds = [name for name in CLIENT_MESSAGE_KEYS if spelling(message, name) is not None]
    known = {spelling(message, name) for name in kinds}
    unknown = [key for key in message if key not in known]
    return (kinds[0] if len(kinds) == 1 else None), unknown


def check_server_message(message: Mapping[str, Any]) -> None:
    """Raise ValueError unless ``message`` is a server message the SDK can parse (§7.4)."""
    if not message:
        raise ValueError("a server message needs at least one field")
    unknown = sorted(set(message) - SERVER_MESSAGE_KEYS)
    if unknown:
        raise ValueError(
            f"unknown server message key(s) {unknown}: google-genai crashes on them; "
            f"allowed: {sorted(SERVER_MESSAGE_KEYS)}"
        )


def encode_server_message(message: Mapping[str, Any]) -> str:
    """Serialise a server message after :func:`check_server_message`."""
    check_server_message(message)
    return json.dumps(message, separators=(",", ":"))


def b64encode(data: bytes) -> str:
    """Standard base64, as the API sends ``inlineData.data``."""
    return base64.b64encode(data).decode("ascii")


def b64decode(data: str) -> bytes:
    """Decode standard or URL-safe base64 (the SDK sends URL-safe), padding optional."""
    text = data.replace("-", "+").replace("_", "/")
    text += "=" * (-len(text) % 4)
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"invalid base64: {exc}") from exc
