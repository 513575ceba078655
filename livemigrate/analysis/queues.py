"""Queues: a sender task forwards what the rest of the class queued.

    def update_chat_ctx(self, turns):
        if not self.mutable_chat_context:     # True only off 3.x
            return
        self._queue.put_nowait(types.LiveClientContent(turns=turns))

    async def _send_task(self, session):
        while True:
            item = await self._queue.get()
            if isinstance(item, types.LiveClientContent):
                await session.send_client_content(turns=item.turns, ...)

The send runs only for an item some producer queued; when every producer of such an item
(``put`` / ``put_nowait`` of the same ``self.<queue>``) only runs for 2.x, so does the send.
A producer whose item's type is not known counts; a queue that leaves the class (passed to
another object, returned, aliased) is not followed at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from livemigrate.analysis.gates import UNKNOWN, Generation, Sides, one
from livemigrate.analysis.imports import dotted_name

if TYPE_CHECKING:
    from livemigrate.analysis.gates import Gates

__all__ = ["Queues"]

_PUTS = frozenset({"put", "put_nowait"})
_TAKES = frozenset({"get", "get_nowait"})
# What else a sender or its owner does with a queue without letting it escape.
_QUEUE_METHODS = _PUTS | _TAKES | frozenset({"qsize", "empty", "full", "task_done", "join", "shutdown"})
_BUILTIN_ITEMS = {cst.Dict: "dict", cst.List: "list", cst.Tuple: "tuple", cst.Set: "set",
                  cst.SimpleString: "str", cst.FormattedString: "str", cst.ConcatenatedString: "str",
                  cst.Integer: "int", cst.Float: "float"}
_BUILTIN_TYPES = frozenset({"dict", "list", "tuple", "set", "str", "bytes", "int", "float"})


class Queues:
    """Queue producers and consumers of one module, answered through :class:`~.gates.Gates`."""

    def __init__(self, gates: "Gates") -> None:
        self.gates = gates
        self.b = gates.b
        self._producers: dict[str, list[tuple[cst.Call, str | None]] | None] = {}
        # (queue, types tested) → the generation its producers share. One answer per queue:
        # a queue attribute named alike in every class of a big module has every class's
        # producers, and asking them again per consumer was quadratic.
        self._shared_by: dict[tuple[str, frozenset[str] | None], Generation | None] = {}

    def isinstance_sides(self, test: cst.Call) -> Sides:
        """``isinstance(item, T)`` where ``item`` was taken from a queue: true only for the
        generation every producer of a ``T`` (or of an item of unknown type) runs for."""
        if len(test.args) != 2 or any(a.keyword is not None or a.star for a in test.args):
            return UNKNOWN
        item, kinds = test.args[0].value, test.args[1].value
        queue = self.queue_of(item) if isinstance(item, cst.Name) else None
        wanted = self._type_names(kinds)
        producers = self.producers(queue) if queue is not None and wanted else None
        if not producers:
            return UNKNOWN
        key = (queue, frozenset(wanted))
        if key not in self._shared_by:
            self._shared_by[key] = self._shared([call for call, kind in producers if kind is None or kind in wanted])
        return Sides(self._shared_by[key], None)

    def forwarded_generation(self, call: cst.Call) -> Generation | None:
        """A call whose arguments read an item taken from a queue (``item.turns``) runs only
        once some producer queued an item: the generation every producer runs for."""
        queues = set()
        for arg in call.args:
            base = arg.value
            while isinstance(base, (cst.Attribute, cst.Subscript)):
                base = base.value
            if isinstance(base, cst.Name):
                queues.add(self.queue_of(base))
        if len(queues) != 1 or None in queues:
            return None
        queue = queues.pop()
        producers = self.producers(queue)
        if not producers:
            return None
        if (queue, None) not in self._shared_by:  # None: a stop sentinel, never forwarded
            self._shared_by[(queue, None)] = self._shared([c for c, kind in producers if kind != "NoneType"])
        return self._shared_by[(queue, None)]

    def _shared(self, calls: list[cst.Call]) -> Generation | None:
        return one({self.gates.generation_of(c) for c in calls}) if calls else None

    # --- the queue ------------------------------------------------------------------------
    def queue_of(self, name: cst.Name) -> str | None:
        """The ``self.<queue>`` every value of ``name`` is taken from (``await q.get()``)."""
        _, values = self.b.resolve_name(name.value, name)
        queues = {self._taken_from(v) for v in values}
        return queues.pop() if len(queues) == 1 and None not in queues else None

    @staticmethod
    def _taken_from(value: cst.BaseExpression) -> str | None:
        if isinstance(value, cst.Await):
            value = value.expression
        if isinstance(value, cst.Call) and (dotted_name(value.func) or "").endswith("wait_for") and value.args:
            value = value.args[0].value  # asyncio.wait_for(self._queue.get(), timeout)
        if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
                and value.func.attr.value in _TAKES):
            return None
        if any(a.keyword is None for a in value.args):
            return None  # dict.get(key): not a queue
        owner = value.func.value
        if isinstance(owner, cst.Attribute) and isinstance(owner.value, cst.Name) and owner.value.value == "self":
            return owner.attr.value
        return None

    def producers(self, queue: str) -> list[tuple[cst.Call, str | None]] | None:
        """Every ``x.<queue>.put(item)`` / ``put_nowait(item)`` with the item's exact type when
        known; None when the queue escapes (used any other way than as a queue)."""
        if queue not in self._producers:
            self._producers[queue] = self._find_producers(queue)
        return self._producers[queue]

    def _find_producers(self, queue: str) -> list[tuple[cst.Call, str | None]] | None:
        found: list[tuple[cst.Call, str | None]] = []
        for node in self.b.attribute_nodes.get(queue, []):
            parent = self.b.parent(node)
            if isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value in _QUEUE_METHODS:
                call = self.b.parent(parent)
                if not (isinstance(call, cst.Call) and call.func is parent):
                    return None
                if parent.attr.value in _PUTS:
                    found.append((call, self._item_type(self.item_of(call))))
                continue
            if self._is_queue_store(node, parent):
                continue
            return None
        return found

    @staticmethod
    def item_of(put: cst.Call) -> cst.BaseExpression | None:
        """What a ``put(item)`` / ``put_nowait(item)`` call puts on the queue."""
        return next((a.value for a in put.args if a.keyword is None or a.keyword.value == "item"), None)

    def _is_queue_store(self, node: cst.Attribute, parent: cst.CSTNode | None) -> bool:
        """``self._queue = asyncio.Queue()`` (or ``= None`` when closing)."""
        if isinstance(parent, cst.AssignTarget):
            statement = self.b.parent(parent)
            value = statement.value if isinstance(statement, cst.Assign) else None
        elif isinstance(parent, cst.AnnAssign) and parent.target is node:
            value = parent.value
        else:
            return False
        if isinstance(value, cst.Name) and value.value == "None":
            return True
        return isinstance(value, cst.Call) and (dotted_name(value.func) or "").endswith("Queue")

    # --- types ----------------------------------------------------------------------------
    def _item_type(self, item: cst.BaseExpression | None) -> str | None:
        """The exact type of a queued item: a google-genai type or a literal's; None when it
        could be anything (a local class may subclass what the consumer tests for)."""
        if item is None:
            return None
        item = self.b.value_of(item)
        if isinstance(item, cst.Name) and item.value == "None":
            return "NoneType"
        for kind, name in _BUILTIN_ITEMS.items():
            if isinstance(item, kind):
                return name
        if isinstance(item, cst.Call):
            imports = self.gates.imports
            genai = imports.types_name(item.func) if imports is not None else None
            if genai is not None:
                return genai
            if isinstance(item.func, cst.Name) and item.func.value in _BUILTIN_TYPES \
                    and not self.b.classes_by_name.get(item.func.value):
                return item.func.value
        return None

    def _type_names(self, kinds: cst.BaseExpression) -> set[str]:
        """The exact types an ``isinstance`` tests for; empty when one is not exact."""
        if isinstance(kinds, cst.Tuple):
            names: set[str] = set()
            for element in kinds.elements:
                inner = self._type_names(element.value)
                if not inner:
                    return set()
                names |= inner
            return names
        imports = self.gates.imports
        genai = imports.types_name(kinds) if imports is not None else None
        if genai is not None:
            return {genai}
        if isinstance(kinds, cst.Name) and kinds.value in _BUILTIN_TYPES:
            return {kinds.value}
        return set()
