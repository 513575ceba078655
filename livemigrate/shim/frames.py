"""Judging what the server sent, so a bad frame becomes one short :class:`LiveProtocolError`.

google-genai reads every frame with ``json.loads`` and pydantic and lets whatever goes wrong
escape (SDK 3.x ``live.py``): a non-JSON frame is a ``ValueError`` quoting the whole frame,
a JSON string or number a ``TypeError``/``AttributeError``, ``{"error": ...}`` or an unknown
key a ``TypeError`` from its own error path, deep nesting a ``RecursionError``, a wrongly
typed field a pydantic ``ValidationError``, and a frame over the client's ``max_size`` a
1006 "abnormal closure" although the client itself closed with 1009. Everything here is a
pure function; :mod:`.guard` applies them to a live session.

Nothing returned or raised here holds the frame: messages quote at most its first bytes, and
the parser's exceptions (a ``JSONDecodeError`` keeps the whole document) are dropped rather
than chained.
"""

from __future__ import annotations

import json
import reprlib
from types import TracebackType
from typing import Any

from google.genai import errors, types
from pydantic import ValidationError
from websockets.exceptions import ConnectionClosed

from livemigrate.migration import to_camel

from .diagnostics import LiveProtocolError

__all__ = [
    "KNOWN_FIELDS",
    "check_server_frame",
    "from_validation_error",
    "from_client_close",
    "from_setup_failure",
    "no_setup_complete",
]

# Top-level keys google-genai reads (camelCase, as its converters look them up). Taken
# from the installed SDK so a newer SDK's new message kinds are known too.
KNOWN_FIELDS: frozenset[str] = frozenset(to_camel(name) for name in types.LiveServerMessage.model_fields)

_EXCERPT = 48
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 80
_short.maxdict = _short.maxlist = 4
_short.maxlevel = 2


def _excerpt(raw: str | bytes) -> str:
    """The first bytes of a frame, quoted."""
    return repr(raw[:_EXCERPT]) + ("\u2026" if len(raw) > _EXCERPT else "")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names.get(type(value), "null")


def _parse(raw: str | bytes) -> Any:
    """``json.loads(raw)``, or the LiveProtocolError to raise (not raised here: raising
    inside ``except`` would chain the parser's error, which holds the whole frame)."""
    try:
        return json.loads(raw)
    except RecursionError:
        return LiveProtocolError("too-deep", f"server frame nested too deeply to parse ({len(raw):,} bytes)")
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        if isinstance(exc, json.JSONDecodeError):
            reason = exc.msg
        else:
            reason = f"not UTF-8: {exc.reason}" if isinstance(exc, UnicodeDecodeError) else str(exc)[:80]
        return LiveProtocolError(
            "not-json", f"server frame is not JSON ({reason}): {len(raw):,} bytes starting {_excerpt(raw)}"
        )


def _describe_error(error: Any) -> str:
    if not isinstance(error, dict):
        return _short.repr(error)
    fields = [str(error[key]) for key in ("code", "status") if key in error]
    message = error.get("message")
    return " ".join(fields) + (f": {_short.repr(message)}" if message is not None else "")


def check_server_frame(raw: str | bytes) -> dict[str, Any]:
    """The frame as a JSON object google-genai can read; else :class:`LiveProtocolError`."""
    message = _parse(raw)
    if isinstance(message, LiveProtocolError):
        raise message
    if not isinstance(message, dict):
        raise LiveProtocolError(
            "not-object", f"server frame is a JSON {_json_type(message)} ({_excerpt(raw)}), not an object"
        )
    if "error" in message:
        raise LiveProtocolError("error", f"server sent an error frame: {_describe_error(message['error'])}")
    known = [key for key in message if key in KNOWN_FIELDS]
    if message and not known:
        keys = ", ".join(_short.repr(key) for key in list(message)[:4])
        raise LiveProtocolError("unknown-fields", f"server frame has no field google-genai reads: {keys}")
    for key in known:
        if not isinstance(message[key], dict):
            raise LiveProtocolError(
                "invalid-field", f"server frame's {key} is a JSON {_json_type(message[key])}, not an object"
            )
    return message


def from_validation_error(exc: ValidationError) -> LiveProtocolError:
    """A frame google-genai parsed but its types refused, named by its wire path."""
    errors = exc.errors(include_url=False, include_input=False)
    first = errors[0] if errors else {"loc": (), "msg": str(exc)[:80]}
    path = ".".join(to_camel(p) if isinstance(p, str) else str(p) for p in first["loc"]) or "message"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return LiveProtocolError("invalid-field", f"server frame's {path}: {first['msg']}{more}")


# Close codes the *client* sends when its WebSocket library refuses an incoming frame.
_CLIENT_REFUSALS = {
    1009: ("too-large", "server frame larger than the client accepts ({reason}); if the server is right, raise "
                        "it with http_options={{'async_client_args': {{'max_size': ...}}}}"),
    1002: ("invalid-frame", "server frame broke the WebSocket protocol ({reason})"),
    1007: ("invalid-frame", "server frame is not valid UTF-8 text ({reason})"),
}


def from_client_close(exc: BaseException) -> LiveProtocolError | None:
    """The LiveProtocolError behind a connection the client closed because of a server
    frame (google-genai reports those as 1006 "abnormal closure"), else None."""
    if not isinstance(exc, ConnectionClosed) or exc.sent is None:
        return None
    if exc.rcvd is not None and exc.rcvd_then_sent:
        return None  # the server closed first; the SDK reports its code and reason
    refusal = _CLIENT_REFUSALS.get(exc.sent.code)
    if refusal is None:
        return None
    kind, template = refusal
    return LiveProtocolError(kind, template.format(reason=exc.sent.reason or f"close {exc.sent.code}"))


def _raised_in(tb: TracebackType | None, function: str) -> bool:
    while tb is not None:
        if tb.tb_frame.f_code.co_name == function:
            return True
        tb = tb.tb_next
    return False


_PARSE_FAILED = "Failed to parse response: "  # google-genai's ValueError for a non-JSON frame


def from_setup_failure(exc: BaseException) -> LiveProtocolError | None:
    """The LiveProtocolError behind an exception from google-genai's ``connect()`` that a bad
    first frame caused, else None (everything else keeps its own type).

    The SDK read that frame itself, so this recognises its failures: each test is narrow
    (its exact message, or the SDK function it was raised in), because the same exception
    types also come from a bad config, which must surface unchanged.
    """
    if isinstance(exc, RecursionError) and _raised_in(exc.__traceback__, "loads"):
        return LiveProtocolError("too-deep", "server's first frame nested too deeply to parse")
    if isinstance(exc, ValueError) and str(exc).startswith(_PARSE_FAILED):
        parsed = exc.__context__
        reason = parsed.msg if isinstance(parsed, json.JSONDecodeError) else "invalid"
        start = str(exc)[len(_PARSE_FAILED):len(_PARSE_FAILED) + _EXCERPT]
        return LiveProtocolError("not-json", f"server's first frame is not JSON ({reason}): starting {start}\u2026")
    if isinstance(exc, UnicodeDecodeError) and _raised_in(exc.__traceback__, "loads"):
        return LiveProtocolError("not-json", f"server's first frame is not JSON (not UTF-8: {exc.reason})")
    if isinstance(exc, ValidationError) and _raised_in(exc.__traceback__, "_from_response"):
        return from_validation_error(exc)
    if isinstance(exc, (AttributeError, TypeError)) and _raised_in(exc.__traceback__, "_from_response"):
        found = getattr(exc, "obj", None)  # AttributeError knows the object it was asked about
        what = f"a JSON {_json_type(found)} ({_short.repr(found)})" if found is not None else "not a JSON object"
        return LiveProtocolError("not-object", f"server's first frame is {what}, not an object")
    if isinstance(exc, errors.APIError) and exc.__context__ is not None:
        return from_client_close(exc.__context__)  # the SDK raised it while handling the close
    return None


def no_setup_complete() -> LiveProtocolError:
    """The first frame parsed but was not ``setupComplete`` (the SDK kept nothing of it)."""
    return LiveProtocolError(
        "no-setup-complete",
        "server's first frame was not setupComplete (an error or unknown message google-genai dropped); "
        "the connection is closed",
    )
