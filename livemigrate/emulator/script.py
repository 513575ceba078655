"""The scripted model: what the emulator answers, written as plain Python data.

A **script** is one of:

* a **list of turns**: the n-th user turn of the emulator's life (across connections, so a
  resumed session carries on) gets the n-th turn; when the list runs out, the fallback;
* a **dict of rules** ``{trigger: turn}``: the first trigger, in dict order, that occurs in
  the user's text (case-insensitive substring) picks the turn. ``"*"`` matches any turn,
  ``"<audio>"`` any audio turn. No match: the fallback;
* a :class:`Script` (``Script(turns=[...], rules={...}, fallback=...)``: rules are tried
  first, then the next listed turn, then the fallback), or ``None`` for the default, which
  answers anything with :data:`DEFAULT_TURN`: ``"You said: {text}"`` as 3 audio chunks,
  with transcript, ``generationComplete``, ``turnComplete`` and usage on one message.

A **turn** is a list of steps, a single step dict, or a string. A **step** is a dict with
one action key and that action's options; a string step is shorthand for ``{"say": string}``:

======================================================  ======================================
step                                                    what the server sends
======================================================  ======================================
``{"say": "Hi {text}", "chunks": 3, "chunk_ms": 40,      one ``serverContent``: ``chunks`` PCM
"turn_complete": False, "transcript": None}``           parts of 24 kHz audio (``modelTurn``)
                                                        + ``outputTranscription`` (sent when
                                                        setup asked for it, or forced by
                                                        ``transcript``); ``turn_complete``
                                                        puts the turn end on this message
``{"hear": "what the user said"}``                      ``serverContent.inputTranscription``;
                                                        ``{text}`` becomes this text
``{"tool_call": {"name": "f", "args": {..}, "id": ..},  ``toolCall`` (one call or a list; ids
"wait": True}``                                         default to ``call-N``); with ``wait``
                                                        the turn stops until ``toolResponse``
                                                        answers every id
``{"cancel_tool_calls": ["call-1"]}`` or ``True``       ``toolCallCancellation`` (``True``:
                                                        every unanswered call)
``{"go_away": "10s"}`` (or seconds as a number)         ``goAway`` with ``timeLeft``
``{"resumption_update": "handle"}`` / ``True`` /        ``sessionResumptionUpdate`` (``True``:
``{"new_handle": .., "resumable": ..,                   a handle ``handle-N``)
"last_consumed_client_message_index": ..}``
``{"turn_complete": True}`` / ``False``                 ``turnComplete`` + ``usageMetadata``
                                                        now / never for this turn
``{"send": {...wire JSON...}}``                         that message (top-level keys checked)
``{"raw": "text"}`` / ``{"raw": b"bytes"}``              that frame exactly as given, unchecked:
                                                        a ``str`` is a text frame, ``bytes`` a
                                                        binary frame (a misbehaving server)
``{"wait": 0.2}``                                       nothing for 0.2 s (a user turn arriving
                                                        meanwhile interrupts the reply)
``{"close": 1011, "reason": "Internal error"}``         closes the connection
======================================================  ======================================

Unless a step ended it (``turn_complete``), a turn ends with ``{"serverContent":
{"generationComplete": true}}`` then ``{"serverContent": {"turnComplete": true},
"usageMetadata": {...}}``. In ``say`` texts, ``{text}`` is the user's text (an audio turn is
``"[audio 1.20 s]"`` until a ``hear`` step names it) and ``{tool_result}`` the JSON of the
last function response. Example::

    script = {
        "weather": [
            {"say": "Let me check."},
            {"tool_call": {"name": "get_weather", "args": {"city": "Paris"}}},
            {"say": "It is {tool_result}.", "turn_complete": True},
        ],
        "bye": [{"say": "Bye."}, {"go_away": "1s"}, {"close": 1000, "reason": "done"}],
        "*": "You said: {text}",
    }

Scripts are checked when the emulator is built: a typo is a :class:`ScriptError` naming the
turn and step, not a silent no-op.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .wire import check_server_message

__all__ = [
    "ScriptError",
    "Say",
    "Hear",
    "FunctionCall",
    "ToolCall",
    "CancelToolCalls",
    "GoAway",
    "ResumptionUpdate",
    "TurnComplete",
    "Send",
    "Raw",
    "Wait",
    "Close",
    "Step",
    "Turn",
    "UserTurn",
    "Script",
    "ScriptLike",
    "DEFAULT_TURN",
    "parse_turn",
    "parse_step",
]


class ScriptError(ValueError):
    """A script that cannot be played; the message names the turn and step."""


@dataclass(frozen=True)
class Say:
    """Model speech: several audio chunks (and the transcript) in one ``serverContent``."""

    text: str
    chunks: int = 3
    chunk_ms: int = 40
    turn_complete: bool = False
    transcript: bool | None = None  # None: as setup.outputAudioTranscription asks


@dataclass(frozen=True)
class Hear:
    """The input transcription of what the user said."""

    text: str


@dataclass(frozen=True)
class FunctionCall:
    """One function call; ``id`` None means an emulator-made ``call-N``."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)
    id: str | None = None


@dataclass(frozen=True)
class ToolCall:
    """A ``toolCall``; with ``wait`` the turn resumes only once every call is answered."""

    calls: tuple[FunctionCall, ...]
    wait: bool = True


@dataclass(frozen=True)
class CancelToolCalls:
    """A ``toolCallCancellation``; ``ids`` None cancels every unanswered call."""

    ids: tuple[str, ...] | None = None


@dataclass(frozen=True)
class GoAway:
    """A ``goAway`` notice (the connection stays open; add a ``close`` step to end it)."""

    time_left: str


@dataclass(frozen=True)
class ResumptionUpdate:
    """A ``sessionResumptionUpdate``; ``new_handle`` None means an emulator-made handle."""

    new_handle: str | None = None
    resumable: bool = True
    last_consumed_client_message_index: int | None = None


@dataclass(frozen=True)
class TurnComplete:
    """End the turn now (``send``) or declare that this turn never ends (not ``send``)."""

    send: bool = True


@dataclass(frozen=True)
class Send:
    """A raw server message, for shapes the other steps do not make."""

    message: Mapping[str, Any]


@dataclass(frozen=True)
class Raw:
    """One frame sent exactly as given, for clients facing a misbehaving server.

    Nothing checks it: a ``str`` goes out as a text frame, ``bytes`` as a binary frame, so
    a test can send what no real server should (non-JSON, a JSON number, ``{"error": ..}``,
    a frame deeper or larger than a client accepts).
    """

    data: str | bytes

    def __repr__(self) -> str:  # a 20 MB frame must not fill a pytest report
        kind = "text" if isinstance(self.data, str) else "binary"
        return f"Raw({kind}, {len(self.data)} {'chars' if kind == 'text' else 'bytes'}: {self.data[:40]!r})"


@dataclass(frozen=True)
class Wait:
    """Pause the reply; a new user turn during the pause interrupts it."""

    seconds: float


@dataclass(frozen=True)
class Close:
    """Close the connection with ``code`` and ``reason``."""

    code: int
    reason: str = ""


Step = Say | Hear | ToolCall | CancelToolCalls | GoAway | ResumptionUpdate | TurnComplete | Send | Raw | Wait | Close
Turn = tuple[Step, ...]
_STEP_TYPES = (Say, Hear, ToolCall, CancelToolCalls, GoAway, ResumptionUpdate, TurnComplete, Send, Raw, Wait, Close)


@dataclass(frozen=True)
class UserTurn:
    """What the user did that the model answers."""

    text: str
    kind: Literal["text", "audio", "content"]
    audio_seconds: float = 0.0


DEFAULT_TURN: Turn = (Say("You said: {text}", turn_complete=True),)


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ScriptError(f"{where}: expected true or false, got {value!r}")
    return value


def _int(value: Any, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ScriptError(f"{where}: expected an integer >= {minimum}, got {value!r}")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ScriptError(f"{where}: expected a string, got {value!r}")
    return value


def _function_call(value: Any, where: str) -> FunctionCall:
    if not isinstance(value, Mapping) or not isinstance(value.get("name"), str):
        raise ScriptError(f"{where}: a function call is {{'name': str, 'args': dict, 'id': str}}, got {value!r}")
    unknown = set(value) - {"name", "args", "id"}
    if unknown:
        raise ScriptError(f"{where}: unknown function call key(s) {sorted(unknown)}")
    args = value.get("args", {})
    if not isinstance(args, Mapping):
        raise ScriptError(f"{where}.args: expected a dict, got {args!r}")
    call_id = value.get("id")
    return FunctionCall(value["name"], dict(args), None if call_id is None else _str(call_id, f"{where}.id"))


def _say(value: Any, options: dict[str, Any], where: str) -> Say:
    transcript = options.get("transcript")
    return Say(
        _str(value, where),
        chunks=_int(options.get("chunks", 3), f"{where}.chunks", 1),
        chunk_ms=_int(options.get("chunk_ms", 40), f"{where}.chunk_ms", 1),
        turn_complete=_bool(options.get("turn_complete", False), f"{where}.turn_complete"),
        transcript=None if transcript is None else _bool(transcript, f"{where}.transcript"),
    )


def _tool_call(value: Any, options: dict[str, Any], where: str) -> ToolCall:
    raw = value if isinstance(value, list) else [value]
    if not raw:
        raise ScriptError(f"{where}: a tool_call needs at least one function call")
    calls = tuple(_function_call(item, f"{where}[{i}]") for i, item in enumerate(raw))
    return ToolCall(calls, wait=_bool(options.get("wait", True), f"{where}.wait"))


def _cancel(value: Any, options: dict[str, Any], where: str) -> CancelToolCalls:
    if value is True:
        return CancelToolCalls(None)
    if isinstance(value, list) and value and all(isinstance(i, str) for i in value):
        return CancelToolCalls(tuple(value))
    raise ScriptError(f"{where}: expected a list of call ids or True, got {value!r}")


def _go_away(value: Any, options: dict[str, Any], where: str) -> GoAway:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return GoAway(f"{value:g}s")
    if isinstance(value, str) and value.endswith("s"):
        return GoAway(value)
    raise ScriptError(f"{where}: expected seconds or a duration like '10s', got {value!r}")


def _resumption(value: Any, options: dict[str, Any], where: str) -> ResumptionUpdate:
    if value is True:
        return ResumptionUpdate()
    if isinstance(value, str):
        return ResumptionUpdate(value)
    if isinstance(value, Mapping):
        unknown = set(value) - {"new_handle", "resumable", "last_consumed_client_message_index"}
        if unknown:
            raise ScriptError(f"{where}: unknown key(s) {sorted(unknown)}")
        index = value.get("last_consumed_client_message_index")
        handle = value.get("new_handle")
        return ResumptionUpdate(
            None if handle is None else _str(handle, f"{where}.new_handle"),
            _bool(value.get("resumable", True), f"{where}.resumable"),
            None if index is None else _int(index, f"{where}.last_consumed_client_message_index", 0),
        )
    raise ScriptError(f"{where}: expected a handle, True or a dict, got {value!r}")


def _send(value: Any, options: dict[str, Any], where: str) -> Send:
    if not isinstance(value, Mapping):
        raise ScriptError(f"{where}: expected a server message dict, got {value!r}")
    try:
        check_server_message(value)
    except ValueError as exc:
        raise ScriptError(f"{where}: {exc}") from None
    return Send(dict(value))


def _raw(value: Any, options: dict[str, Any], where: str) -> Raw:
    if not isinstance(value, (str, bytes)):
        raise ScriptError(f"{where}: expected a str (text frame) or bytes (binary frame), got {type(value).__name__}")
    return Raw(value)


def _wait(value: Any, options: dict[str, Any], where: str) -> Wait:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ScriptError(f"{where}: expected seconds >= 0, got {value!r}")
    return Wait(float(value))


def _close(value: Any, options: dict[str, Any], where: str) -> Close:
    code = _int(value, where, 1000)
    if code > 4999:
        raise ScriptError(f"{where}: close code must be 1000..4999, got {code}")
    return Close(code, _str(options.get("reason", ""), f"{where}.reason"))


# action key -> (parser, allowed option keys)
_ACTIONS: dict[str, tuple[Any, frozenset[str]]] = {
    "say": (_say, frozenset({"chunks", "chunk_ms", "turn_complete", "transcript"})),
    "hear": (lambda v, o, w: Hear(_str(v, w)), frozenset()),
    "tool_call": (_tool_call, frozenset({"wait"})),
    "cancel_tool_calls": (_cancel, frozenset()),
    "go_away": (_go_away, frozenset()),
    "resumption_update": (_resumption, frozenset()),
    "turn_complete": (lambda v, o, w: TurnComplete(_bool(v, w)), frozenset()),
    "send": (_send, frozenset()),
    "raw": (_raw, frozenset()),
    "wait": (_wait, frozenset()),
    "close": (_close, frozenset({"reason"})),
}


def parse_step(data: Any, where: str = "step") -> Step:
    """One step from its dict form; a string is a ``say`` step, a :data:`Step` is returned as is."""
    if isinstance(data, _STEP_TYPES):
        return data
    if isinstance(data, str):
        return Say(data)
    if not isinstance(data, Mapping):
        raise ScriptError(f"{where}: a step is a dict like {{'say': 'hi'}}, got {data!r}")
    present = [key for key in data if key in _ACTIONS]
    # "turn_complete" and "wait" are actions of their own and options of "say"/"tool_call".
    actions = [key for key in present if not any(key in _ACTIONS[other][1] for other in present)]
    if len(actions) != 1:
        found = actions or sorted(data)
        raise ScriptError(f"{where}: a step needs exactly one of {sorted(_ACTIONS)}, got {found}")
    action = actions[0]
    parser, allowed = _ACTIONS[action]
    options = {key: value for key, value in data.items() if key != action}
    unknown = set(options) - allowed
    if unknown:
        raise ScriptError(f"{where}: {action!r} takes no option(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    return parser(data[action], options, f"{where}.{action}")


def parse_turn(data: Any, where: str = "turn") -> Turn:
    """A turn from a string, a step dict or a list of steps."""
    if isinstance(data, str):
        return (Say(data),)
    if isinstance(data, (Mapping, *_STEP_TYPES)):
        return (parse_step(data, f"{where}[0]"),)
    if isinstance(data, Sequence) and data:
        return tuple(parse_step(step, f"{where}[{i}]") for i, step in enumerate(data))
    raise ScriptError(f"{where}: a turn is a string, a step dict or a non-empty list of steps, got {data!r}")


class Script:
    """Turns to play, chosen per user turn. See the module docstring for the format."""

    def __init__(
        self,
        turns: Sequence[Any] = (),
        rules: Mapping[str, Any] | None = None,
        fallback: Any = None,
    ) -> None:
        self.turns: tuple[Turn, ...] = tuple(parse_turn(t, f"turns[{i}]") for i, t in enumerate(turns))
        self.rules: dict[str, Turn] = {}
        for trigger, turn in (rules or {}).items():
            if not isinstance(trigger, str) or not trigger:
                raise ScriptError(f"rules: a trigger is a non-empty string, got {trigger!r}")
            self.rules[trigger] = parse_turn(turn, f"rules[{trigger!r}]")
        self.fallback: Turn = DEFAULT_TURN if fallback is None else parse_turn(fallback, "fallback")
        self._next = 0

    @classmethod
    def from_data(cls, data: ScriptLike) -> Script:
        """A script from ``None``, a list of turns, a dict of rules, or a :class:`Script`."""
        if data is None:
            return cls()
        if isinstance(data, Script):
            return data
        if isinstance(data, Mapping):
            return cls(rules=data)
        if isinstance(data, Sequence) and not isinstance(data, str):
            return cls(turns=data)
        raise ScriptError(f"a script is a list of turns or a dict of rules, got {type(data).__name__}")

    def turn_for(self, user: UserTurn) -> Turn:
        """The turn that answers ``user``; advances the list of turns when one is used."""
        lowered = user.text.lower()
        for trigger, turn in self.rules.items():
            if (
                trigger == "*"
                or (trigger == "<audio>" and user.kind == "audio")
                or trigger.lower() in lowered
            ):
                return turn
        if self._next < len(self.turns):
            self._next += 1
            return self.turns[self._next - 1]
        return self.fallback


# What LiveEmulator(script=...) takes: see the module docstring.
ScriptLike = Script | Sequence[Any] | Mapping[str, Any] | None
