"""The questions rules ask a :class:`~livemigrate.analysis.live_model.LiveModel`, beyond its
configs and model ids: where a node is, what a name holds, what a call runs, what is sent on
a session and when, which server messages are read and how, and which code is gated.

Rules ask these instead of reaching into the binding index, the session flow or the gates:
those are how the answers are computed, and they change (issue 9 §4).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence

import libcst as cst

from livemigrate.analysis.bindings import parameter, string_value
from livemigrate.analysis.flow import CLIENT_FRAME_KEYS
from livemigrate.analysis.imports import dotted_name
from livemigrate.analysis.syntax import NESTED_SCOPES, descendants

if TYPE_CHECKING:
    from livemigrate.analysis.backend import Backends
    from livemigrate.analysis.bindings import Bindings
    from livemigrate.analysis.flow import SessionFlow
    from livemigrate.analysis.gates import Gates, Generation, Sides
    from livemigrate.analysis.sends import ClientContentSend, RealtimeInput
    from livemigrate.analysis.server_fields import FieldRead, IfChain

__all__ = ["LiveQueries"]


# A buffer object's methods: one hands it an item (`add_chunk(item)`), another gives the next
# item back (`await buffer.get_chunk()`); named by a verb and the noun both share.
_BUFFER_PUTS = frozenset({"add", "put", "push", "append", "enqueue", "write", "feed"})
_BUFFER_TAKES = frozenset({"get", "pop", "take", "read", "dequeue", "next"})


# What a test calls to expect an exception or a warning (pytest, unittest).
_EXPECTS_ERRORS = frozenset({"raises", "assertRaises", "assertRaisesRegex", "warns", "assertWarns",
                             "assertWarnsRegex"})

# Resamplers: the position of their output rate and the keywords that name it.
_RESAMPLERS = {"ratecv": (4, ()), "resample": (2, ("target_sr", "new_freq", "out_rate", "target_rate", "sr_new"))}


class LiveQueries:
    """Mixed into ``LiveModel``: the public queries over what it indexed."""

    bindings: "Bindings"
    gates: "Gates"
    backends: "Backends"
    flow: "SessionFlow"  # a property of LiveModel, built on first use
    raw_service: str | None  # "live" | "other" (another bidi service) | None: see raw_socket_service

    # --- where a node is ----------------------------------------------------------------
    def nodes(self, *kinds: type) -> Sequence[cst.CSTNode]:
        """Every node of the module in source (pre-)order, the module first; with ``kinds``,
        only those that are instances of one of them (abstract bases such as
        ``cst.BaseSmallStatement`` included). Ask for the kinds a rule looks for: reading
        only those costs nothing, testing every node of a big module costs a lot."""
        if not kinds:
            return self.bindings.parents.nodes
        return self.bindings.nodes_of(kinds)

    def walk(self, node: cst.CSTNode, skip: tuple[type, ...] = NESTED_SCOPES) -> Iterator[cst.CSTNode]:
        """``node`` and what is below it in source order, not entering ``skip`` (by default
        nested functions, lambdas and classes: their code runs at another time)."""
        return descendants(node, skip)

    def parent_map(self) -> Mapping[cst.CSTNode, cst.CSTNode]:
        """Node → parent for every node but the module (read-only, keyed by the node)."""
        return self.bindings.parents

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """The nodes around ``node``, innermost first."""
        return self.bindings.ancestors(node)

    def under_test(self, node: cst.CSTNode, within: cst.CSTNode, holds: Callable[[cst.BaseExpression], bool]) -> bool:
        """``node`` runs only when a test holds: it sits in the body (not the ``else``) of an
        ``if`` inside ``within`` whose test ``holds`` (``if part.thought:``, ``if data :=
        msg.data:``)."""
        child = node
        for ancestor in self.bindings.ancestors(node):
            if ancestor is within:
                return False
            if type(ancestor) is cst.If and child is ancestor.body and holds(ancestor.test):
                return True
            child = ancestor
        return False

    def runs_with_its_block(self, statement: cst.CSTNode) -> bool:
        """``statement`` runs whenever the function (or module) around it does: it sits in no
        ``if``, loop, ``try`` or ``with`` of its own (``cfg.realtime_input_config = ...`` in the
        straight line of a config builder, not under a flag)."""
        for ancestor in self.bindings.ancestors(statement):
            kind = type(ancestor)
            if kind is cst.FunctionDef or kind is cst.Module:
                return True
            if kind is not cst.SimpleStatementLine and kind is not cst.IndentedBlock and kind is not cst.Assign \
                    and kind is not cst.AnnAssign:
                return False
        return False

    def order_of(self, node: cst.CSTNode) -> int:
        """The position of ``node`` in source order: ``order_of(a) < order_of(b)`` when ``a``
        starts before ``b`` (or contains it)."""
        return self.bindings.order[id(node)]

    def end_of(self, node: cst.CSTNode) -> int:
        """One past the source-order position of the last node inside ``node``."""
        return self.bindings.ends[self.bindings.order[id(node)]]

    def enclosing_function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        """The innermost function (or method) ``node`` is written in; None at module level."""
        return self.bindings.enclosing_function(node)

    def enclosing_class(self, node: cst.CSTNode) -> cst.ClassDef | None:
        """The innermost class ``node`` is written in (in its body or one of its methods)."""
        return self.bindings.enclosing_class(node)

    def calls(self) -> Sequence[cst.Call]:
        """Every call of the module, in source order."""
        return self.bindings.calls

    def calls_to(self, name: str) -> Sequence[cst.Call]:
        """Every call of a function or method spelled ``name`` (``f(...)``, ``x.f(...)``)."""
        return self.bindings.calls_by_name.get(name, [])

    def dicts(self) -> Sequence[cst.Dict]:
        """Every dict literal of the module, in source order."""
        return self.bindings.dicts

    # --- what a name holds, what a call runs -----------------------------------------------
    def values_of(self, name: cst.Name) -> Sequence[cst.BaseExpression]:
        """Every value assigned to ``name`` in the scope it is read from (empty for a
        parameter or an unknown name)."""
        return self.bindings.resolve_name(name.value, name)[1]

    def declared_class(self, expr: cst.BaseExpression, depth: int = 0) -> str | None:
        """The class, as this module spells it, that ``expr`` is declared to hold: a name bound
        to a ``self`` attribute the class annotates (``gemini_config: GeminiConfig``, a dataclass
        field), a parameter's annotation (``config: GeminiConfig``), or ``GeminiConfig(...)``
        itself. None when nothing says."""
        from livemigrate.analysis.bindings import parameter
        from livemigrate.analysis.imports import dotted_name

        if depth > 3:
            return None
        if type(expr) is cst.Call:
            spelled = dotted_name(expr.func) or ""
            return spelled if spelled.rsplit(".", 1)[-1][:1].isupper() else None
        if type(expr) is cst.Name:
            values = self.values_of(expr)
            if len(values) == 1:
                return self.declared_class(values[0], depth + 1)
            scope, _ = self.bindings.resolve_name(expr.value, expr)
            param = parameter(scope, expr.value) if type(scope) is cst.FunctionDef and not values else None
            annotation = param.annotation if param is not None else None
            return dotted_name(annotation.annotation) if annotation is not None else None
        if type(expr) is cst.Attribute and type(expr.value) is cst.Name and expr.value.value == "self":
            klass = self.enclosing_class(expr)
            for statement in klass.body.body if klass is not None else ():
                for small in statement.body if type(statement) is cst.SimpleStatementLine else ():
                    if type(small) is cst.AnnAssign and type(small.target) is cst.Name \
                            and small.target.value == expr.attr.value:
                        return dotted_name(small.annotation.annotation)
        return None

    def binding_of(self, name: cst.Name) -> tuple[int, str]:
        """A hashable identity of what ``name`` names where it is read: (its scope, the name).
        Two reads with one identity read the same variable (another function's ``data`` has
        another)."""
        scope, _ = self.bindings.resolve_name(name.value, name)
        return id(scope), name.value

    def is_mutated(self, name: cst.Name) -> bool:
        """The container ``name`` is bound to is changed after it is built (``parts.append(x)``,
        ``cfg["k"] = v``, ``cfg.update(...)``) in the scope it is read from."""
        scope, _ = self.bindings.resolve_name(name.value, name)
        return bool(self.bindings.mutations_of(scope, name.value))

    def appended_to(self, name: cst.Name) -> list[cst.BaseExpression]:
        """What later statements add to the list ``name`` is bound to (``x.append(v)``,
        ``x.extend(v)``, ``x += [v]`` when the module records it), in the scope it is read from."""
        scope, _ = self.bindings.resolve_name(name.value, name)
        return [m.value for m in self.bindings.mutations_of(scope, name.value)
                if m.key is None and m.spelling != "update"]

    def put_items(self) -> list[cst.BaseExpression]:
        """The arguments of every call that hands an item to something another task takes it
        from: a queue's ``put`` / ``put_nowait``, and a buffer object's ``add_chunk(item)``
        when the module also waits for items from the same receiver with ``await
        <it>.get_chunk()`` (a put verb and a take verb on the same noun, see
        :data:`_BUFFER_PUTS`: a jitter buffer between the browser socket and the Live sender).
        Not an item whose takers the module shows and none of which sends realtime input: the
        model's audio on its way to a player (a relay into a second session sends it on)."""
        puts: list[tuple[cst.BaseExpression, tuple[str, str]]] = []  # (item, (receiver, noun))
        takes: dict[tuple[str, str], list[cst.Call]] = defaultdict(list)
        for call in self.bindings.calls:
            func = call.func
            if type(func) is not cst.Attribute:
                continue
            method = func.attr.value
            receiver = dotted_name(func.value)
            if method in ("put", "put_nowait"):
                puts.extend((arg.value, (receiver or "", "")) for arg in call.args)
                continue
            if method in ("get", "get_nowait") and not call.args and receiver is not None:
                takes[(receiver, "")].append(call)
                continue
            verb, _, noun = method.partition("_")
            if not noun or receiver is None:
                continue
            if verb in _BUFFER_PUTS and len(call.args) == 1:
                puts.append((call.args[0].value, (receiver, noun)))
            elif verb in _BUFFER_TAKES and not call.args and self._awaited(call):
                takes[(receiver, noun)].append(call)
        sending = {id(self.enclosing_function(send.node)) for send in self.realtime_inputs()}
        found = []
        for item, (receiver, noun) in puts:
            taken = takes.get((receiver, noun), [])
            if noun and not taken:
                continue  # a buffer nothing here waits on: a recorder's, not a sender's
            if taken and not any(self._may_send(self.enclosing_function(take), sending, 0) for take in taken):
                continue  # its takers play it, store it, forward it to a browser: not Live input
            found.append(item)
        return found

    def _may_send(self, function: cst.FunctionDef | None, sending: set[int], depth: int) -> bool:
        """``function`` (a taker of queued items) may send them as realtime input: it sends
        realtime input itself, or through a function of the module it calls (two calls deep),
        or hands what it takes to its callers (``return`` / ``yield``: a getter), or is not a
        function (module-level code)."""
        if function is None or id(function) in sending:
            return True
        for node in self.walk(function):
            if type(node) in (cst.Return, cst.Yield) and node.value is not None:  # type: ignore[attr-defined]
                return True
            if depth < 2 and type(node) is cst.Call:
                callee = self.callee(node)
                if callee is not None and callee is not function and self._may_send(callee, sending, depth + 1):
                    return True
        return False

    def _awaited(self, call: cst.Call) -> bool:
        """``call`` is waited for: ``await x.get_chunk()``, also through ``asyncio.wait_for(...)``."""
        for ancestor in self.bindings.ancestors(call):
            if type(ancestor) is cst.Await:
                return True
            if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
                return False
        return False

    def queued_items(self, name: cst.Name) -> list[cst.BaseExpression] | None:
        """What the producers put on the ``self.<queue>`` every value of ``name`` is taken from
        (``msg = await self.out_queue.get()``), one item per ``put`` / ``put_nowait`` of the same
        class; None when ``name`` is not taken from one such queue, the queue escapes the class,
        the class puts nothing on it, or a producer's item is not written."""
        queues = self.gates.queues
        queue = queues.queue_of(name)
        producers = queues.producers(queue) if queue is not None else None
        # another class's `self.<queue>` of the same name is another queue
        klass = self.enclosing_class(name)
        producers = [(call, kind) for call, kind in producers or () if self.enclosing_class(call) is klass]
        if not producers:
            return None
        items = [queues.item_of(call) for call, _ in producers]
        return None if any(item is None for item in items) else items  # type: ignore[return-value]

    def in_a_test_expecting_an_error(self, node: cst.CSTNode) -> bool:
        """``node`` is in a test function (``test_*``) that expects an exception or a warning (``with
        pytest.raises(...)``, ``self.assertRaises(...)``): a value there may be what the test
        wants refused (a retired model id a settings check rejects)."""
        function = self.enclosing_function(node)
        if function is None or not function.name.value.startswith("test"):
            return False
        return any(type(n) is cst.Call and (dotted_name(n.func) or "").split(".")[-1] in _EXPECTS_ERRORS
                   for n in self.walk(function))

    def command_line_choices(self, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
        """The values ``args.responses`` may hold when ``args`` is ``parser.parse_args()`` of an
        ``argparse`` parser this module declares ``--responses`` on (``args`` bound to it, or a
        parameter this module's calls pass it in): the ``choices`` it lists and its
        ``default`` (the option's ``dest`` is its long name with ``-`` as ``_``, or ``dest=``).
        Empty when ``expr`` is no such read, or the option lists neither."""
        if not (type(expr) is cst.Attribute and type(expr.value) is cst.Name):
            return []
        parsed = list(self.values_of(expr.value))
        if not parsed:  # `def main(args)` called as `main(args)` (or `main(parser.parse_args())`)
            passed = self.parameter_values(expr.value, unresolved=False) or []
            parsed = [v for p in passed for v in (self.values_of(p) if type(p) is cst.Name else [p])]
        if len(parsed) != 1 or type(parsed[0]) is not cst.Call or type(parsed[0].func) is not cst.Attribute \
                or parsed[0].func.attr.value != "parse_args":  # (parse_known_args gives a tuple)
            return []
        parser = parsed[0].func.value
        if type(parser) is not cst.Name:
            return []
        built = self.values_of(parser)  # the ArgumentParser(...) this `parser` holds
        if len(built) != 1:
            return []
        for call in self.bindings.calls_by_name.get("add_argument", ()):
            owner = call.func.value if type(call.func) is cst.Attribute else None
            # (the same parser object: another function's `parser` is another parser)
            held = self.values_of(owner) if type(owner) is cst.Name and owner.value == parser.value else ()
            if not (len(held) == 1 and held[0] is built[0]):
                continue
            keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
            flags = [string_value(a.value) or "" for a in call.args if a.keyword is None]
            dest = string_value(keywords["dest"]) if "dest" in keywords else next(
                (f.lstrip("-").replace("-", "_") for f in flags if f.startswith("--")),
                flags[0].lstrip("-").replace("-", "_") if flags else None)
            if dest != expr.attr.value:
                continue
            choices = self.resolve_value(keywords["choices"]) if "choices" in keywords else None
            values = [e.value for e in choices.elements if not isinstance(e, cst.StarredElement)] \
                if isinstance(choices, (cst.List, cst.Tuple, cst.Set)) else []
            return values + ([keywords["default"]] if "default" in keywords else [])
        return []

    def parameter_values(self, name: cst.Name, *, unresolved: bool = True) -> list[cst.BaseExpression] | None:
        """What a parameter read as ``name`` may hold: its default and what this module's calls
        of its function pass for it (with ``unresolved``, also calls on a receiver the module
        cannot follow: ``self.send_audio(...)``); None when ``name`` is not a parameter of the
        function it is read in (or is bound there)."""
        scope, values = self.bindings.resolve_name(name.value, name)
        if not isinstance(scope, cst.FunctionDef) or values:
            return None
        param = parameter(scope, name.value)
        if param is None or param.star:
            return None
        return self.bindings.parameter_values(scope, param, unresolved=unresolved)

    def default_unused(self, name: cst.Name) -> bool:
        """``name`` is a parameter every call of its function in this module passes (see
        :meth:`Bindings.default_unused`): its default never reaches the code here."""
        scope, values = self.bindings.resolve_name(name.value, name)
        if not isinstance(scope, cst.FunctionDef) or values:
            return False
        param = parameter(scope, name.value)
        return param is not None and not param.star and self.bindings.default_unused(scope, param)

    def attribute_values(self, node: cst.Attribute) -> list[cst.BaseExpression]:
        """Every value the module gives ``owner.attr``: ``self.attr`` of the enclosing class, or
        the attribute of an instance of a class of this module (``obj = Options(...)``, a
        parameter annotated ``Options``, ``self._opts`` holding one): the class body's value
        (a dataclass field's default, ``field(default=...)`` unwrapped) and what its methods
        assign to ``self.attr``. Empty when the owner's class is not this module's."""
        values: list[cst.BaseExpression] = []
        for klass in self._classes_of(node.value, 0):
            for value in self.bindings.attributes.get((klass, node.attr.value), []):
                if isinstance(value, cst.Call) and (dotted_name(value.func) or "").split(".")[-1] == "field":
                    value = next((a.value for a in value.args if a.keyword is not None
                                  and a.keyword.value == "default"), None)
                    if value is None:
                        continue
                values.append(value)
        return values

    def _classes_of(self, owner: cst.BaseExpression, depth: int) -> list[cst.ClassDef]:
        """The classes of this module whose instance ``owner`` can be."""
        b = self.bindings
        if depth > 4:
            return []
        if isinstance(owner, cst.Name) and owner.value in ("self", "cls"):
            klass = b.enclosing_class(owner)
            return [klass] if klass is not None else []
        if isinstance(owner, cst.Call):
            return list(b.classes_by_name.get(dotted_name(owner.func) or "", ()))
        if isinstance(owner, cst.BooleanOperation):  # params or Options()
            return self._classes_of(owner.left, depth + 1) + self._classes_of(owner.right, depth + 1)
        if isinstance(owner, cst.IfExp):
            return self._classes_of(owner.body, depth + 1) + self._classes_of(owner.orelse, depth + 1)
        if isinstance(owner, cst.Attribute) and isinstance(owner.value, cst.Name) and owner.value.value == "self":
            klass = b.enclosing_class(owner)
            held = b.attributes.get((klass, owner.attr.value), []) if klass is not None else []
            return [c for value in held for c in self._classes_of(value, depth + 1)]
        if not isinstance(owner, cst.Name):
            return []
        scope, values = b.resolve_name(owner.value, owner)
        if values:
            return [c for value in values for c in self._classes_of(value, depth + 1)]
        param = parameter(scope, owner.value) if isinstance(scope, cst.FunctionDef) else None
        if param is None or param.annotation is None:
            return []
        annotation = param.annotation.annotation
        if isinstance(annotation, cst.SimpleString):  # "Options" (a forward reference)
            name = string_value(annotation) or ""
        else:
            name = dotted_name(annotation) or ""
        return list(b.classes_by_name.get(name, ()))

    def callee(self, call: cst.Call) -> cst.FunctionDef | None:
        """Resolve a call to a local function: the function or method of this module that
        ``call`` runs (``f()``, ``self.m()``, ``obj.m()`` with ``obj = LocalClass()``)."""
        return self.bindings.callee(call)

    def defines_function(self, name: str) -> bool:
        """This module defines a function or a method (of any class) named ``name``."""
        return any(defined == name for _, defined in self.bindings.functions)

    def callers(self, function: cst.FunctionDef) -> Sequence[cst.Call]:
        """The calls of this module that run ``function``."""
        return self.bindings.callers(function)

    # --- sessions and messages -------------------------------------------------------------
    def client_content_sends(self) -> "list[ClientContentSend]":
        """Every client-content send, ``send_client_content(...)`` calls and raw
        ``clientContent`` frames alike, each with its phase (seed / during / unknown) and the
        reason for it, what it carries, its session's config and whether it is gated to 2.x."""
        cached = getattr(self, "_client_content_sends", None)
        if cached is None:
            from livemigrate.analysis.sends import client_content_sends

            cached = self._client_content_sends = client_content_sends(self)  # type: ignore[arg-type]
        return cached

    def is_own_settings(self, name: cst.Name) -> bool:
        """``name`` is bound at module level or to a dict literal: a settings dict of the module's
        own, not something a function was given."""
        scope, values = self.bindings.resolve_name(name.value, name)
        return type(scope) is cst.Module or any(type(v) is cst.Dict for v in values)

    def realtime_inputs(self) -> "list[RealtimeInput]":
        """Every realtime-input send: ``send_realtime_input`` and the deprecated ``send`` /
        ``start_stream`` calls on a session, and raw ``realtimeInput`` frames."""
        from livemigrate.analysis.sends import realtime_inputs

        return realtime_inputs(self)  # type: ignore[arg-type]

    def is_session(self, expr: cst.CSTNode) -> bool:
        """``expr`` (a name or ``self`` attribute) holds a Live session: bound by
        ``connect``, annotated ``AsyncSession``, or passed on from one."""
        return self.flow.sessions.matches(expr)

    def session_origin(self, expr: cst.CSTNode) -> object | None:
        """The ``LiveConnect`` the session ``expr`` holds came from, when known: for a name a
        ``with <connect> as <name>`` around it binds, that connect (two branches of one
        function each opening a session under the name `session` are two sessions)."""
        if type(expr) is cst.Name:
            enclosing = self._enclosing_connect(expr)
            if enclosing is not None:
                return enclosing
        return self.flow.sessions.origin(expr)

    def _enclosing_connect(self, name: cst.Name) -> object | None:
        for ancestor in self.bindings.ancestors(name):
            if type(ancestor) is cst.FunctionDef:
                return None
            if type(ancestor) is not cst.With:
                continue
            for item in ancestor.items:
                if item.asname is not None and type(item.asname.name) is cst.Name \
                        and item.asname.name.value == name.value:
                    return next((c for c in self.connects if c.call is item.item), None)  # type: ignore[attr-defined]
        return None

    def typed_sessions(self) -> list[cst.Param]:
        """Parameters annotated as a Live session (``AsyncSession`` in any spelling)."""
        from livemigrate.analysis.flow import annotated_parameters

        return [p for f in self.bindings.functions.values() for p in annotated_parameters(f, "AsyncSession")]

    def is_message(self, expr: cst.CSTNode) -> bool:
        """``expr`` holds one Live server message (from ``receive()``, ``_receive()``, a
        parameter annotated ``LiveServerMessage``, or passed on from one). Not a name whose
        value there is what the models API returned (a notebook's top-level ``response =
        client.models.generate_content(...)``, or ``await client.aio.models...``, before its
        ``async for response in session.receive()``: one name, two values)."""
        if not self.flow.messages.matches(expr):
            return False
        if type(expr) is cst.Name and not any(type(a) is cst.For and type(a.target) is cst.Name
                                              and a.target.value == expr.value for a in self.bindings.ancestors(expr)):
            # (inside `async for response in session.receive():` the name is the loop's)
            _, values = self.bindings.resolve_name(expr.value, expr)
            # (`await client.aio.models.generate_content(...)` too)
            values = [v.expression if type(v) is cst.Await else v for v in values]  # type: ignore[attr-defined]
            if values and all(type(v) is cst.Call and _models_call(v) for v in values):
                return False
        return True

    def message_origin(self, expr: cst.CSTNode) -> object | None:
        """The ``LiveConnect`` of the session the message ``expr`` came from, when known: for
        the target of a loop over ``<session>.receive()`` inside the ``with`` opening that
        session, its connect."""
        if type(expr) is cst.Name:
            for ancestor in self.bindings.ancestors(expr):
                if type(ancestor) is cst.FunctionDef:
                    break
                if type(ancestor) is cst.For and type(ancestor.target) is cst.Name \
                        and ancestor.target.value == expr.value and type(ancestor.iter) is cst.Call \
                        and type(ancestor.iter.func) is cst.Attribute and ancestor.iter.func.attr.value == "receive" \
                        and type(ancestor.iter.func.value) is cst.Name:
                    enclosing = self._enclosing_connect(ancestor.iter.func.value)
                    if enclosing is not None:
                        return enclosing
                    break
        return self.flow.messages.origin(expr)

    def text_tests_with_else(self, config) -> list[cst.If]:
        """``if <message>.text:`` (also ``if text := <message>.text:``) with a plain ``else``,
        on messages of sessions opened with ``config``. The ``else`` takes a message without
        text for something (the end of a turn): on a text session that is every non-content
        message, on an audio session every audio chunk too."""
        found = []
        for node in self.nodes(cst.If):
            if type(node.orelse) is not cst.Else:
                continue
            for read in (node.test, *descendants(node.test)):
                if type(read) is cst.Attribute and read.attr.value == "text" and self.is_message(read.value) \
                        and self.config_of(self.message_origin(read.value)) is config:  # type: ignore[attr-defined]
                    found.append(node)
                    break
        return found

    def response_modalities(self, config) -> set[str] | None:
        """The response modalities a Live config sets (upper case, the target side of a gated
        value), or None when it sets none."""
        found: set[str] | None = None
        for entry in self.entries_of(config):  # type: ignore[attr-defined]
            if entry.name == "response_modalities" and entry.parent in (None, "generation_config"):
                found = found or set()
                value = self.resolve_value(self.value_on_target(self.resolve_value(entry.value)))  # type: ignore[attr-defined]
                # a settings class's field (`self.config.response_modalities`): its default and
                # what this module's constructions pass
                values = self.settings_field_values(value) or [value]  # type: ignore[attr-defined]
                # a settings dict's entry (`self.api_config["response_modalities"]`): what the
                # dicts the module shows hold there
                values = [v for value in values for v in (self.dict_entry_values(value)  # type: ignore[attr-defined]
                                                          if type(value) is cst.Subscript else [value])]
                values = [v for value in values for v in self._shown_values(value, 0)]
                for value in (self.resolve_value(v) for v in values):  # type: ignore[attr-defined]
                    if string_value(value):  # `"responseModalities": "audio"`: one, not in a list
                        found.add(string_value(value).upper())  # type: ignore[union-attr]
                    for element in value.elements if isinstance(value, (cst.List, cst.Tuple)) else []:
                        item = element.value
                        text = string_value(item) or (item.attr.value if isinstance(item, cst.Attribute) else None)
                        if text:
                            found.add(text.upper())
        return found

    def _shown_values(self, value: cst.BaseExpression, depth: int) -> list[cst.BaseExpression]:
        """What a value the module keeps may hold, as far as the module shows it: an attribute
        of ``self`` (what the class assigns it), each side of ``x or fallback`` (a parameter
        there stands for its default and this module's calls' arguments; a ``None`` default
        falls through to the fallback); else the value itself."""
        if depth > 4:
            return [value]
        value = self.resolve_value(value)  # type: ignore[attr-defined]
        if type(value) is cst.Attribute:
            held = self.attribute_values(value)
            if held:
                return [v for h in held for v in self._shown_values(h, depth + 1)]
        elif type(value) is cst.BooleanOperation and type(value.operator) is cst.Or:
            left = self._shown_values(value.left, depth + 1)
            if any(type(v) not in (cst.List, cst.Tuple, cst.SimpleString) for v in left):
                return [value]  # a side the module does not show (what other modules pass): not known
            return [*left, *self._shown_values(value.right, depth + 1)]
        elif type(value) is cst.Name and depth > 0 and type(self.parent(value)) is cst.BooleanOperation \
                and not self._called_with_text_elsewhere(value):  # type: ignore[attr-defined]
            passed = self.parameter_values(value)
            if passed is not None:
                return [v for p in passed if not (type(p) is cst.Name and p.value == "None")
                        for v in self._shown_values(p, depth + 1)]
        return [value]

    def _called_with_text_elsewhere(self, name: cst.Name) -> bool:
        """The function reading ``name`` (a class's ``__init__``: the class) is one another
        module of the run calls with a TEXT modality (``ModuleFacts.text_modality_callers``)."""
        facts = self.facts  # type: ignore[attr-defined]
        function = self.enclosing_function(name)
        if facts is None or not facts.text_modality_callers or function is None:
            return False
        klass = self.bindings.enclosing_class(function)  # type: ignore[attr-defined]
        owner = klass.name.value if klass is not None and function.name.value == "__init__" else function.name.value
        return owner in facts.text_modality_callers

    def resampled_to(self, value: cst.BaseExpression) -> tuple[int | None, cst.Call] | None:
        """When the audio ``value`` holds comes out of a resampler (``pcm, state =
        audioop.ratecv(frag, 2, 1, 8000, 16000, state)``, ``librosa.resample(y, orig_sr=8000,
        target_sr=16000)``, ``soxr.resample(x, 8000, 16000)``): the rate it was resampled to
        (None when the code does not write it) and the call; else None."""
        value = self.resolve_value(value)  # type: ignore[attr-defined]
        call = value if type(value) is cst.Call else None
        if call is None and type(value) is cst.Name:
            # `pcm, state = audioop.ratecv(...)`: a name bound by unpacking keeps no value; only
            # when that is the function's one write of the name (the bindings keep every write,
            # loop targets too), before the read: a loop variable of the same name sent earlier
            # is other audio
            function = self.enclosing_function(value)  # type: ignore[attr-defined]
            scope = function if function is not None else self.module  # type: ignore[attr-defined]
            stores = self.bindings.name_stores.get((scope, value.value), ())  # type: ignore[attr-defined]
            param = parameter(function, value.value) if function is not None else None
            line = stores[0].target if len(stores) == 1 and param is None else None
            unpacked = next((a for a in self.ancestors(line) if type(a) is cst.Assign), None) if line is not None else None
            target = unpacked.targets[0].target if type(unpacked) is cst.Assign and len(unpacked.targets) == 1 else None
            if type(target) in (cst.Tuple, cst.List) and target.elements and target.elements[0].value is line \
                    and type(unpacked.value) is cst.Call and self.order_of(unpacked) < self.order_of(value):  # type: ignore[attr-defined,union-attr]
                call = unpacked.value  # type: ignore[union-attr]
        name = (dotted_name(call.func) or "").split(".")[-1] if call is not None else ""
        if name not in _RESAMPLERS:
            return None
        position, keywords = _RESAMPLERS[name]
        out = next((a.value for a in call.args if a.keyword is not None and a.keyword.value in keywords), None)  # type: ignore[union-attr]
        positional = [a.value for a in call.args if a.keyword is None and not a.star]  # type: ignore[union-attr]
        if out is None and len(positional) > position:
            out = positional[position]
        out = self.resolve_value(out) if out is not None else None  # type: ignore[attr-defined]
        rate = int(out.value.replace("_", ""), 0) if type(out) is cst.Integer else None
        return rate, call  # type: ignore[return-value]

    def wire_media_chunk_arguments(self) -> list[cst.Arg]:
        """The ``mediaChunks=`` / ``media_chunks=`` keywords of calls of this module's classes
        declaring that field, in a module whose wire-mirroring events a raw Live client of the
        run sends (``ModuleFacts.wire_events``: a vendored voice-agent service's ``events.py``)."""
        facts = self.facts  # type: ignore[attr-defined]
        if facts is None or not facts.wire_events:
            return []
        fields = ("mediaChunks", "media_chunks")
        classes = {klass.name.value for klass in self.bindings.nodes_of((cst.ClassDef,))  # type: ignore[attr-defined]
                   if any(type(line) is cst.SimpleStatementLine and any(
                       type(small) is cst.AnnAssign and type(small.target) is cst.Name and small.target.value in fields
                       for small in line.body) for line in klass.body.body)}  # type: ignore[attr-defined]
        return [arg for call in self.bindings.calls if (dotted_name(call.func) or "").split(".")[-1] in classes  # type: ignore[attr-defined]
                for arg in call.args if arg.keyword is not None and arg.keyword.value in fields]

    def sends_live_frames(self) -> bool:
        """The module builds raw Live client frames (``{"clientContent": ...}``,
        ``{"realtimeInput": ...}``, ``{"toolResponse": ...}``, either spelling): it is a raw
        client, even where it names no endpoint. (``"setup"`` alone says nothing: many dicts
        have such a key.) Key names alone say it only in Gemini code (see
        :func:`~livemigrate.analysis.endpoints.speaks_gemini`)."""
        if self.raw_service == "other":
            return False  # the frames go to another bidi service (Lyria's clientContent)
        if not self.speaks_gemini():  # type: ignore[attr-defined]
            return False  # an app's own socket protocol with Live-like keys
        return any(isinstance(e, cst.DictElement) and string_value(e.key) in CLIENT_FRAME_KEYS
                   for d in self.bindings.dicts for e in d.elements)

    def message_loops(self) -> list[cst.For]:
        """The ``async for message in <session>.receive()`` loops (also through a name), and
        loops over ``<session>.start_stream(...)``."""
        return self.flow.receive_loops

    def is_message_loop(self, loop: cst.CSTNode) -> bool:
        """``loop`` iterates over a session's server messages."""
        return isinstance(loop, cst.For) and (loop in self.flow.receive_loops or self.flow.iterates_receive(loop))

    def handles_message(self, function: cst.FunctionDef) -> bool:
        """``function`` is a message handler: one of its parameters holds a Live message."""
        params = function.params
        return any(("name", id(function), p.name.value) in self.flow.messages.keys
                   for p in (*params.posonly_params, *params.params, *params.kwonly_params))

    def message_handlers(self) -> list[cst.FunctionDef]:
        """Every function of the module with a parameter holding a Live message."""
        return [f for f in self.bindings.functions.values() if self.handles_message(f)]

    def server_content_aliases(self) -> dict[str, str]:
        """Names bound to a message's server content (``sc = msg.server_content``) → the
        message expression they alias."""
        cached = getattr(self, "_aliases", None)
        if cached is None:
            from livemigrate.analysis.server_fields import server_content_aliases

            cached = self._aliases = server_content_aliases(self.bindings)
        return cached

    def field_reads(self, expr: cst.BaseExpression) -> "list[FieldRead]":
        """The server-message fields ``expr`` reads (``msg.server_content.model_turn``,
        ``msg["serverContent"]["modelTurn"]``, ``sc.turn_complete`` through an alias)."""
        from livemigrate.analysis.server_fields import field_reads

        return field_reads(expr, self.server_content_aliases())

    def if_chains(self) -> "list[IfChain]":
        """Every ``if``/``elif`` chain whose tests read server-message fields, with the
        fields each branch reads."""
        from livemigrate.analysis.server_fields import if_chains

        return if_chains(self.nodes(cst.If), self.bindings.parent, self.server_content_aliases())

    # --- gates ---------------------------------------------------------------------------------
    def is_legacy_only(self, node: cst.CSTNode) -> bool:
        """``node`` only runs for 2.x models: a gated branch (a model-id test, a flag set only
        in gated code, a capability property or method, a queue whose producers are gated),
        or a function only called from such code."""
        return self.gates.is_legacy_only(node)

    def generation_of(self, node: cst.CSTNode) -> "Generation | None":
        """``"legacy"`` / ``"new"`` when ``node`` only runs for 2.x / 3.x models (see
        :meth:`is_legacy_only`), else None."""
        return self.gates.generation_of(node)

    def runs_only_on_target(self, node: cst.CSTNode) -> bool:
        """``node`` only runs for 3.x models."""
        return self.gates.generation_of(node) == "new"

    def test_generation(self, test: cst.BaseExpression) -> "Sides":
        """What each branch of ``if <test>`` only runs for (``.true`` / ``.false``)."""
        return self.gates.sides(test)

    def value_on_target(self, expr: cst.BaseExpression) -> cst.BaseExpression:
        """What ``expr`` is for a 3.x model: the target side of a conditional gated on the
        model id (``A if "gemini-3" in model else B`` → ``A``, as ``--fix-style gate`` writes
        them), else ``expr`` itself."""
        while isinstance(expr, cst.IfExp):
            sides = self.gates.sides(expr.test)
            if sides.true == "new" or sides.false == "legacy":
                expr = expr.body
            elif sides.false == "new" or sides.true == "legacy":
                expr = expr.orelse
            else:
                break
        return expr

    def model_gates(self) -> list[cst.CSTNode]:
        """Every ``if`` / conditional expression whose test says a model generation."""
        return [n for n in self.nodes(cst.If, cst.IfExp) if self.gates.sides(n.test)]

    # --- backend ---------------------------------------------------------------------------------
    def on_vertex(self, node: cst.CSTNode) -> bool:
        """Whether the code at ``node`` can be talking to Vertex AI: for a connect call, the
        client it is made on; else the innermost ``if use_vertex: ... else: ...`` branch or
        block that builds clients around it; else whether any code of the module can."""
        return self.backends.on_vertex(node)


def _models_call(call: cst.Call) -> bool:
    """``client.models.generate_content(...)`` (any models API method): its response is no
    Live message."""
    func = call.func
    return type(func) is cst.Attribute and type(func.value) is cst.Attribute and func.value.attr.value == "models"
