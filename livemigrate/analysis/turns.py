"""Reading what a ``send_client_content`` (or a raw ``clientContent`` frame) sends.

Whether a turn is plain user text decides the fix (``send_realtime_input(text=...)``), and
whether the content is one user prompt or a history (several turns, model turns) decides
between LM101 and LM102.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from livemigrate.analysis.bindings import string_value

__all__ = ["Turn", "ClientContent", "read_call", "read_frame", "is_text_expression"]


@dataclass
class Turn:
    role: str  # "user", "model", or "?" when not written literally
    texts: list[cst.BaseExpression] = field(default_factory=list)
    other_parts: bool = False  # images, function calls, parts we cannot read


@dataclass
class ClientContent:
    """What a client-content send carries, as far as the source says."""

    turns: list[Turn] | None  # None: the turns are not readable here
    turn_complete: bool | None  # None: not a literal
    turn_complete_arg: cst.CSTNode | None = None  # the argument/element setting it
    no_turns: bool = False  # the send names no turns at all (no `turns=` / "turns" key)

    @property
    def is_turn_end(self) -> bool:
        """Only ``turn_complete: true``, no turns (``{"client_content": {"turn_complete":
        true}}``, ``send_client_content(turn_complete=True)``) or one empty user text: the end of
        the user's (audio) turn, not a prompt and not a history seed. Its realtime counterpart is
        ``audioStreamEnd`` (or ``activityEnd`` when automatic activity detection is off)."""
        return (self.no_turns or self.says_nothing) and self.turn_complete is True

    @property
    def says_nothing(self) -> bool:
        """One user turn whose only part is the empty text (``parts=[types.Part(text="")]``):
        sent to end the turn (or cancel a reply), it asks nothing."""
        if self.turns is None or len(self.turns) != 1:
            return False
        turn = self.turns[0]
        return turn.role == "user" and not turn.other_parts and len(turn.texts) == 1 and string_value(turn.texts[0]) == ""

    @property
    def is_empty(self) -> bool:
        """No turns and no turn end (``{"client_content": {"turn_complete": false}}``): it asks
        nothing of the model and seeds nothing."""
        return self.no_turns and self.turn_complete is False

    @property
    def user_text(self) -> cst.BaseExpression | None:
        """The text when this is exactly one user turn of exactly one text part."""
        if self.turns is None or len(self.turns) != 1:
            return None
        turn = self.turns[0]
        if turn.role != "user" or turn.other_parts or len(turn.texts) != 1:
            return None
        return turn.texts[0]

    @property
    def prompt_text(self) -> cst.BaseExpression | None:
        """The text when this is exactly one turn of exactly one text part asking for a reply:
        a user turn, or one written with the role "system" (Live turns have no system role:
        instructions sent as the first turn, "greet the caller", are a prompt, not history)."""
        if self.turns is None or len(self.turns) != 1:
            return None
        turn = self.turns[0]
        if turn.role not in ("user", "system") or turn.other_parts or len(turn.texts) != 1:
            return None
        return turn.texts[0]

    @property
    def asks_for_reply(self) -> bool:
        """Exactly one turn, a user's (or written with the role "system"), whatever its parts
        (a text, a file, an image): with ``turn_complete=True`` it is a prompt, not history."""
        return self.turns is not None and len(self.turns) == 1 and self.turns[0].role in ("user", "system")

    @property
    def is_history(self) -> bool:
        """Several turns or any model turn: context to seed, not a prompt."""
        return self.turns is not None and (len(self.turns) > 1 or any(t.role == "model" for t in self.turns))


def is_text_expression(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString))


def _kwarg(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _literal_bool(node: cst.BaseExpression | None) -> bool | None:
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def _type_name(node: cst.BaseExpression, imports) -> str | None:
    name = imports.types_name(node.func) if isinstance(node, cst.Call) else None
    if name is None and isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        # types.Part.from_text(text=...)
        owner = imports.types_name(node.func.value)
        if owner is not None:
            return f"{owner}.{node.func.attr.value}"
    return name


def _parts(node: cst.BaseExpression, imports, resolve, mutated=None) -> tuple[list[cst.BaseExpression], bool]:
    """(text expressions, has other parts) of a parts list or single part. A list the code
    changes after building it (``parts.append(image_part)``) may hold other parts."""
    if mutated is not None and type(node) is cst.Name and mutated(node):
        return [], True
    node = resolve(node)
    if isinstance(node, (cst.List, cst.Tuple)):
        texts, other = [], False
        for element in node.elements:
            t, o = _parts(element.value, imports, resolve, mutated)
            texts += t
            other |= o
        return texts, other
    if is_text_expression(node):
        return [node], False
    name = _type_name(node, imports)
    if name in ("Part", "Part.from_text") and isinstance(node, cst.Call):
        text = _kwarg(node, "text")
        if text is not None and len(node.args) == 1:
            return [text.value], False
        if name == "Part.from_text" and len(node.args) == 1 and node.args[0].keyword is None:
            return [node.args[0].value], False
        return [], True
    if isinstance(node, cst.Dict):
        keys = {string_value(e.key): e.value for e in node.elements if isinstance(e, cst.DictElement)}
        if set(keys) == {"text"}:
            return [keys["text"]], False
    return [], True


def _role(node: cst.BaseExpression) -> str:
    """A turn's role in lower case (Google's JSPB samples write ``'USER'``), "?" when it is
    not written literally."""
    text = string_value(node)
    return text.lower() if text is not None else "?"


def _turn(node: cst.BaseExpression, imports, resolve, mutated=None) -> Turn | None:
    node = resolve(node)
    if is_text_expression(node):
        return Turn("user", [node])
    name = _type_name(node, imports)
    if name == "Content" and isinstance(node, cst.Call):
        role_arg = _kwarg(node, "role")
        parts_arg = _kwarg(node, "parts")
        role = _role(role_arg.value) if role_arg else "user"
        if parts_arg is None:
            return None
        texts, other = _parts(parts_arg.value, imports, resolve, mutated)
        return Turn(role, texts, other)
    if isinstance(node, cst.Dict):
        keys = {string_value(e.key): e.value for e in node.elements if isinstance(e, cst.DictElement)}
        if "parts" not in keys or set(keys) - {"role", "parts"}:
            return None
        role = _role(keys["role"]) if "role" in keys else "user"
        texts, other = _parts(keys["parts"], imports, resolve, mutated)
        return Turn(role, texts, other)
    return None


def _turns(node: cst.BaseExpression | None, imports, resolve, mutated=None) -> list[Turn] | None:
    if node is None or mutated is not None and type(node) is cst.Name and mutated(node):
        return None  # (turns the code adds to after building the list: not readable here)
    node = resolve(node)
    if isinstance(node, (cst.List, cst.Tuple)):
        turns = [_turn(e.value, imports, resolve, mutated) for e in node.elements if isinstance(e, cst.Element)]
        if len(turns) != len(node.elements) or any(t is None for t in turns):
            return None
        return turns  # type: ignore[return-value]
    turn = _turn(node, imports, resolve, mutated)
    return None if turn is None else [turn]


def read_call(call: cst.Call, imports, resolve, mutated=None) -> ClientContent:
    """``send_client_content(turns=..., turn_complete=...)`` (turn_complete defaults to True).
    ``mutated(name)``: the list a name is bound to is changed later (``append``, ``extend``)."""
    # the SDK's arguments are keyword-only: a first positional text (`send_client_content(
    # "Hello")`, a TypeError there) is the turn its author meant; another positional value
    # (a `LiveClientContent(...)`) is not read
    first = call.args[0] if call.args and call.args[0].keyword is None and not call.args[0].star else None
    positional = first if first is not None and is_text_expression(resolve(first.value)) else None
    turns = _kwarg(call, "turns") or positional
    complete = _kwarg(call, "turn_complete")
    return ClientContent(
        _turns(turns.value if turns else None, imports, resolve, mutated),
        True if complete is None else _literal_bool(complete.value),
        complete,
        # `**kwargs` may hold turns, and a positional argument is content (the SDK's are
        # keyword-only: `send_client_content("Hello")` carries text, however it fails)
        no_turns=turns is None and all(a.keyword is not None for a in call.args),
    )


def read_frame(body: cst.BaseExpression, imports, resolve, mutated=None) -> ClientContent:
    """A raw ``{"turns": [...], "turnComplete": true}`` body (turnComplete defaults to False
    on the wire)."""
    body = resolve(body)
    if not isinstance(body, cst.Dict):
        return ClientContent(None, None)
    turns_value, complete_element = None, None
    named_turns = any(not isinstance(e, cst.DictElement) for e in body.elements)  # `**rest` may hold turns
    for element in body.elements:
        if not isinstance(element, cst.DictElement):
            continue
        key = string_value(element.key)
        if key == "turns":
            turns_value = element.value
            named_turns = True
        elif key in ("turnComplete", "turn_complete"):
            complete_element = element
    complete = False if complete_element is None else _literal_bool(complete_element.value)
    return ClientContent(_turns(turns_value, imports, resolve, mutated), complete, complete_element,
                         no_turns=not named_turns)
