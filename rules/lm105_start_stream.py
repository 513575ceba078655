"""Deprecated `session.start_stream(...)`.

## What it does
Flags `session.start_stream(stream=..., mime_type=...)` on a Live session.

## Why is this bad?
`start_stream` is deprecated (it warns on every call) and sends the legacy `media_chunks`
frames; it also hides the send/receive concurrency that 3.1 sessions need to get right (tool
calls block, several parts per event).

## Example
```python
async for message in session.start_stream(stream=mic(), mime_type="audio/pcm;rate=16000"):
    handle(message)
```

## Use instead
```python
async def send_mic(session, stream):
    async for chunk in stream:
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


mic_task = asyncio.create_task(send_mic(session, mic()))
try:
    while not mic_task.done():
        async for message in session.receive():
            handle(message)
finally:
    mic_task.cancel()
```

## Fix safety
Unsafe, for an `async for` loop over the call whose MIME type is written in the module. It does
what start_stream did (google-genai `AsyncSession.start_stream`): a task sends every chunk of the
stream with the call's MIME type, `audio=` for audio/* and `video=` for image/* (start_stream
sent `media_chunks=[Blob(data=chunk, mime_type=...)]`), and the loop body runs for every
message of every turn (`receive()` ends at each turn, so the loop re-enters it) until the
stream has ended; the task is cancelled when the loop ends. The sender is a module-level
`async def` before the function holding the loop; the stream and session are passed to it
where start_stream got them, and so is the MIME type unless it is a literal or module-level
constant. A stream the sender can build itself (a call of an async generator of this module
with module-level arguments: building it cannot fail and reads the same values there) is built
in the sender (`async for chunk in mic_chunks():`), as hand-written senders do. Names come from
what the stream's name says it streams (`mic_chunks()` → `send_mic`, `mic_task`; a trailing
`_chunks`, `_stream`, `_frames`... is dropped; anything but a plain name or call →
`send_stream`, `stream_task`), numbered when taken. The sender says `-> None` when most of the
module's functions annotate their returns.
`asyncio`, `create_task` and `types.Blob` are spelled as the module imports them (`genai.types.Blob`
or a `{"data", "mime_type"}` dict when it has no types import; `import asyncio` is added when
the module never mentions asyncio). When the loop opens a `try` with a `finally`, the task
starts before that `try` and is cancelled first in its `finally`, as long as building the
arguments cannot raise (else the rewrite gets its own `try`).

Why unsafe: start_stream stopped at once when its stream ended; the rewrite stops at the end
of the turn in progress (and waits for the next message when none is). A failing sender ended
nothing under start_stream; the rewrite's loop ends after the turn. Chunks now go as `audio` /
`video`, which the server takes only for those kinds.

No fix when the call is not iterated by an `async for` (the messages go elsewhere), when the
MIME type is not known here (audio= or video= is a human's call), when the loop has a `break`
or an `else` (a `break` ended the whole stream; in the rewrite it would end one turn), or when
`asyncio` is bound here other than by a module-level import.

The catalogue (`rules.md`) says "none (guidance: a send task plus `receive()`)"; real code
(the cookbook's and fastrtc's start_stream handlers, an expert hand migration) writes exactly
that task and loop, so the rule writes it too, as an unsafe fix. It departs from the guidance
in one place: the loop re-enters `receive()` while the sender runs (`while not task.done()`),
not forever, since those handlers end their session by ending the stream.

## References
- `AsyncSession.start_stream` (deprecation warning; a send task with `media_chunks`, messages
  yielded across turns until the stream ends) in
  https://github.com/googleapis/python-genai/blob/main/google/genai/live.py
- The cookbook's Live API starter (a send task with `send_realtime_input(audio=...)` beside the
  receive loop): https://github.com/google-gemini/cookbook/blob/main/quickstarts/Get_started_LiveAPI.py
- 3.1 closes on `mediaChunks`: https://github.com/aicc2025/sip-to-ai/pull/5
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import blob_kind, descendants, dotted_name, names_read
from livemigrate.edits import Edit, Replace
from livemigrate.fixes import string_literal
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

# A `break` in the loop's body ends start_stream's loop; in the rewrite it would only end one
# turn's receive() loop. Statements of these kinds hold their own loops (or run later).
_OWN_LOOPS = (cst.For, cst.While, cst.FunctionDef, cst.Lambda, cst.ClassDef)
# How the rewrite names what it adds when the stream is not a plain name or call.
_FALLBACK = "stream"
# The sender's own names: the MIME type written inside it must not mean one of them.
_SENDER_LOCALS = frozenset({"session", "stream", "chunk", "mime_type"})


class StartStream(Rule):
    id = "LM105"
    name = "start-stream"
    message = "session.start_stream is deprecated: stream with a send_realtime_input task and receive()"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "import asyncio\nasync def start_stream(x):\n    return x\n",
    ]
    INVALID = [
        Invalid(
            "import asyncio\nfrom google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main(mic):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for message in s.start_stream(stream=mic, mime_type='audio/pcm;rate=16000'):\n"
            "            print(message.server_content)\n",
            fixed="import asyncio\nfrom google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "\n\nasync def send_mic(session, stream):\n"
            "    async for chunk in stream:\n"
            "        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type='audio/pcm;rate=16000'))\n"
            "async def main(mic):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        mic_task = asyncio.create_task(send_mic(s, mic))\n"
            "        try:\n"
            "            while not mic_task.done():\n"
            "                async for message in s.receive():\n"
            "                    print(message.server_content)\n"
            "        finally:\n"
            "            mic_task.cancel()\n",
            unsafe=True,
        ),
        Invalid(  # a break ends the whole stream, not one turn: no fix
            "import asyncio\nfrom google import genai\nclient = genai.Client()\n"
            "async def main(mic):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for message in s.start_stream(stream=mic, mime_type='audio/pcm;rate=16000'):\n"
            "            break\n",
            message="a `break` in the loop",
        ),
        Invalid(  # the MIME type is not known here: audio= or video= is a human's call
            "import asyncio\nfrom google import genai\nclient = genai.Client()\n"
            "async def main(mic, mime):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for message in s.start_stream(stream=mic, mime_type=mime):\n"
            "            print(message)\n",
            message="the MIME type is not known here",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        # Names the fixes of this pass give out, besides the module's: senders module-wide,
        # tasks per function (a task's name is local to the function starting it).
        taken: dict[object, set[str]] = {}
        for call in ctx.live.flow.calls_named("start_stream"):
            if ctx.live.is_legacy_only(call.call):
                continue
            if isinstance(call.call.func, cst.Attribute):
                fix, why = _Rewrite(ctx, call, taken).build()
            else:  # `stream = session.start_stream`, then `stream(...)`
                fix, why = None, "it is called through a name"
            message = f"{self.message}; it sends legacy media chunks, and {ctx.target.claim('media_chunks')}"
            if why:
                message += f"; no automatic rewrite: {why}"
            ctx.report(call.call, message, fix)


class _Rewrite:
    """The rewrite of one ``async for m in session.start_stream(stream=S, mime_type=M)`` loop:
    a module-level sender sending each chunk of ``S`` as realtime audio/video, a task running
    it, and the loop re-entering ``receive()`` turn after turn until the task ends (start_stream
    yielded across turns until its stream ended), the task cancelled when the loop ends."""

    def __init__(self, ctx: RuleContext, call, taken: dict[object, set[str]]) -> None:
        self.ctx, self.live, self.call, self.taken = ctx, ctx.live, call, taken
        self.module = ctx.module

    def build(self) -> tuple[Fix | None, str]:
        """The fix, or None and why there is none."""
        node = self.call.call
        loop = self.live.parent(node)
        if not (isinstance(loop, cst.For) and loop.iter is node and loop.asynchronous is not None):
            return None, "it is not iterated by an `async for` loop"
        args = {a.keyword.value: a.value for a in node.args if a.keyword is not None and not a.star}
        if set(args) != {"stream", "mime_type"} or len(node.args) != 2 or not isinstance(node.func, cst.Attribute):
            return None, "its arguments are not `stream=` and `mime_type=`"
        if loop.orelse is not None or any(isinstance(n, cst.Break) for n in descendants(loop.body, _OWN_LOOPS)):
            return None, ("a `break` in the loop (or its `else`) ends the whole stream, not one turn: "
                          "write the send task and the receive() loop by hand")
        stream, mime = args["stream"], args["mime_type"]
        kind = _mime_kind(self.live, mime)
        if kind is None:
            return None, ("the MIME type is not known here: send audio/* with send_realtime_input(audio=...) "
                          "and image/* with send_realtime_input(video=...)")
        top = self._top_level(loop)
        body = list(self.module.body)
        if top is None or body.index(top) == 0:
            return None, "the loop is not inside a function after the module's imports"
        create, import_asyncio = self._create_task()
        if create is None:
            return None, "`asyncio` is not imported at module level"
        imports = [s for s in body[: body.index(top)] if _is_import_line(s)]
        if import_asyncio and not imports:
            return None, "`asyncio` is not imported at module level"
        base = _base_name(stream)
        function = self.live.enclosing_function(loop)
        if function is None:
            return None, "the loop is not inside a function"
        sender, task = self._fresh(f"send_{base}", None), self._fresh(f"{base}_task", function)
        blob = self._blob_spelling()
        mime_inside = self._module_level(mime) and not ({n.value for n in names_read(mime)} & _SENDER_LOCALS)
        if blob is not None and blob.split(".")[0] in _SENDER_LOCALS:
            blob = None
        code = self.module.code_for_node
        mime_code = code(mime) if mime_inside else "mime_type"
        value = f"{blob}(data=chunk, mime_type={mime_code})" if blob is not None else \
            f"{{{string_literal('data', mime)}: chunk, {string_literal('mime_type', mime)}: {mime_code}}}"
        indent = self.module.default_indent
        # A stream the sender can build itself (an async generator of this module called with
        # module-level values: building it cannot fail, and reads the same values there) is
        # built there, as hand-written senders do (`async for chunk in mic():`).
        stream_inside = self._built_at_module_level(stream)
        parameters = ["session"] + ([] if stream_inside else ["stream"]) + ([] if mime_inside else ["mime_type"])
        returns = " -> None" if self._annotates_returns() else ""
        sender_def = self._statement(
            f"async def {sender}({', '.join(parameters)}){returns}:\n"
            f"{indent}async for chunk in {code(stream) if stream_inside else 'stream'}:\n"
            f"{indent * 2}await session.send_realtime_input({kind}={value})\n"
        ).with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        passed = [code(node.func.value)] + ([] if stream_inside else [code(stream)]) \
            + ([] if mime_inside else [code(mime)])
        start = self._statement(f"{task} = {create}({sender}({', '.join(passed)}))\n")
        receive = node.with_changes(func=node.func.with_changes(attr=cst.Name("receive")), args=[],
                                    whitespace_before_args=cst.SimpleWhitespace(""))
        reading = cst.While(test=cst.parse_expression(f"not {task}.done()"),
                            body=cst.IndentedBlock([loop.with_changes(iter=receive, leading_lines=())]))
        cancel = self._statement(f"{task}.cancel()\n")
        edits: list[Edit] = [self._replace_loop(loop, start, reading, cancel, [node.func.value, stream]
                                                + ([] if mime_inside else [mime]))]
        added = [self._statement("import asyncio\n")] if import_asyncio else []
        before_top = body[body.index(top) - 1]
        if added and imports[-1] is not before_top:
            edits.append(Replace(imports[-1], cst.FlattenSentinel([imports[-1], *added])))
            added = []
        edits.append(Replace(before_top, cst.FlattenSentinel([before_top, *added, sender_def])))
        self.taken.setdefault(None, set()).add(sender)
        self.taken.setdefault(id(function), set()).add(task)
        description = f"send the stream from a task ({sender}) and read receive() turn after turn"
        return Fix.unsafe(description, *edits), ""  # what start_stream did, on any model

    # --- where the new code goes -------------------------------------------------------------
    def _replace_loop(self, loop: cst.For, start: cst.SimpleStatementLine, reading: cst.While,
                      cancel: cst.SimpleStatementLine, evaluated: list[cst.BaseExpression]) -> Edit:
        """The loop replaced by the task's start and a ``try`` cancelling it. When the loop
        opens a ``try`` with a ``finally`` already, that ``try`` is reused (the task is cancelled
        first in its ``finally``) as long as starting the task before it cannot raise: what
        start_stream's arguments evaluate would otherwise fail outside the ``try``."""
        block = self.live.parent(loop)
        holder = self.live.parent(block) if block is not None else None
        if (isinstance(holder, cst.Try) and holder.body is block and block.body[0] is loop
                and holder.finalbody is not None and isinstance(holder.finalbody.body, cst.IndentedBlock)
                and all(self._cannot_raise(e) for e in evaluated)):
            final = holder.finalbody
            kept = holder.with_changes(
                leading_lines=(),
                body=block.with_changes(body=[reading.with_changes(leading_lines=loop.leading_lines),
                                              *block.body[1:]]),
                finalbody=final.with_changes(body=final.body.with_changes(body=[cancel, *final.body.body])))
            return Replace(holder, cst.FlattenSentinel([start.with_changes(leading_lines=holder.leading_lines), kept]))
        guarded = cst.Try(body=cst.IndentedBlock([reading]), finalbody=cst.Finally(body=cst.IndentedBlock([cancel])))
        return Replace(loop, cst.FlattenSentinel([start.with_changes(leading_lines=loop.leading_lines), guarded]))

    def _top_level(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The module-level statement holding ``node``."""
        for ancestor in self.live.ancestors(node):
            if self.live.parent(ancestor) is self.module:
                return ancestor
        return None

    def _statement(self, text: str) -> cst.BaseStatement:
        return cst.parse_statement(text, config=self.module.config_for_parsing)

    # --- spellings and names -----------------------------------------------------------------
    def _top_imports(self) -> list[cst.Import | cst.ImportFrom]:
        return [small for line in self.module.body if _is_import_line(line) for small in line.body]

    def _create_task(self) -> tuple[str | None, bool]:
        """How this module spells ``asyncio.create_task`` at module level, and whether an
        ``import asyncio`` must be added for it (when the module never mentions ``asyncio``)."""
        for statement in self._top_imports():
            if isinstance(statement, cst.Import):
                for alias in statement.names:
                    if isinstance(alias.name, cst.Name) and alias.name.value == "asyncio":
                        local = alias.asname.name.value if alias.asname is not None else "asyncio"
                        return f"{local}.create_task", False
            elif isinstance(statement.module, cst.Name) and statement.module.value == "asyncio" \
                    and not statement.relative and not isinstance(statement.names, cst.ImportStar):
                for alias in statement.names:
                    if isinstance(alias.name, cst.Name) and alias.name.value == "create_task":
                        return (alias.asname.name.value if alias.asname is not None else "create_task"), False
        if "asyncio" in self._names_in_use():
            return None, False  # imported somewhere else, or a name of the user's
        return "asyncio.create_task", True

    def _blob_spelling(self) -> str | None:
        """``types.Blob`` in the module's spelling of google-genai's types (a types module
        alias, an imported ``Blob``, the ``genai`` package), None when it has none."""
        found: dict[str, str] = {}
        for local in sorted(self._top_import_names()):
            qualified = self.live.imports.qualify(cst.Name(local))
            if qualified is not None:
                found.setdefault(qualified, local)
        if "google.genai.types" in found:
            return f"{found['google.genai.types']}.Blob"
        if "google.genai.types.Blob" in found:
            return found["google.genai.types.Blob"]
        if "google.genai" in found:
            return f"{found['google.genai']}.types.Blob"
        if "google" in found:  # import google.genai
            return "google.genai.types.Blob"
        return None

    def _top_import_names(self) -> set[str]:
        """The names the module's own (module-level) import statements bind."""
        names: set[str] = set()
        for statement in self._top_imports():
            if isinstance(statement.names, cst.ImportStar):
                continue
            for alias in statement.names:
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    names.add(alias.asname.name.value)
                else:
                    names.add((dotted_name(alias.name) or "").split(".")[0])
        return names

    def _names_in_use(self) -> set[str]:
        if "names" not in self.ctx.cache:
            self.ctx.cache["names"] = {n.value for n in self.live.nodes(cst.Name)}
        return self.ctx.cache["names"]  # type: ignore[return-value]

    def _fresh(self, wanted: str, where: cst.FunctionDef | None) -> str:
        """``wanted``, or ``wanted_2``, ``_3``...: a name no code of the module uses (and no
        other rewrite of this pass took at module level or ``where``), so it shadows nothing
        and nothing shadows it."""
        if where is None:
            used = self._names_in_use() | self.taken.get(None, set())
        else:  # a local: only the names its function (nested ones included) reads or binds matter
            used = {n.value for n in descendants(where, skip=()) if isinstance(n, cst.Name)} \
                | self.taken.get(None, set()) | self.taken.get(id(where), set())
        name, number = wanted, 1
        while name in used:
            number += 1
            name = f"{wanted}_{number}"
        return name

    def _built_at_module_level(self, stream: cst.BaseExpression) -> bool:
        """``stream`` calls an async generator defined at module level with arguments that
        cannot fail and are module-level values: the sender can build it itself."""
        if not (isinstance(stream, cst.Call) and self._cannot_raise(stream)):
            return False
        function = self.live.callee(stream)
        arguments = [a.value for a in stream.args]
        return (function is not None and self.live.parent(function) is self.module
                and isinstance(stream.func, cst.Name) and stream.func.value not in _SENDER_LOCALS
                and all(self._module_level(a) and not ({n.value for n in names_read(a)} & _SENDER_LOCALS)
                        for a in arguments))

    def _annotates_returns(self) -> bool:
        """Most module-level functions of the module annotate what they return: the sender
        does too (``-> None``), in the module's style."""
        functions = [s for s in self.module.body if isinstance(s, cst.FunctionDef)]
        return bool(functions) and 2 * sum(f.returns is not None for f in functions) > len(functions)

    def _module_level(self, node: cst.BaseExpression) -> bool:
        """Every variable ``node`` reads is assigned at module level: the sender, a module-level
        function, reads the same value there."""
        live = self.live
        return all(live.values_of(name) and all(live.enclosing_function(v) is None and live.enclosing_class(v) is None
                                               for v in live.values_of(name))
                   for name in names_read(node))

    def _cannot_raise(self, node: cst.BaseExpression) -> bool:
        """Evaluating ``node`` cannot fail: a name, a literal, ``self.x``, or a call of an async
        generator of this module (the call only builds the generator) with such arguments."""
        if isinstance(node, (cst.Name, cst.SimpleString, cst.Integer, cst.Float)):
            return True
        if isinstance(node, cst.Attribute):
            return isinstance(node.value, cst.Name) and node.value.value == "self"
        if isinstance(node, cst.Call):
            function = self.live.callee(node)
            return (function is not None and function.asynchronous is not None
                    and any(isinstance(n, (cst.Yield,)) for n in descendants(function.body))
                    and all(not a.star and self._cannot_raise(a.value) for a in node.args))
        return False


def _mime_kind(live, mime: cst.BaseExpression) -> str | None:
    """``audio`` / ``video`` for the MIME type start_stream was given, read the way LM103 and
    LM104 read a blob's (a literal, a constant bound to one, an f-string's literal prefix)."""
    blob = cst.Dict([cst.DictElement(cst.SimpleString('"mime_type"'), mime)])
    return blob_kind(blob, live)


# Words a stream's name ends with that say it is a stream, not what it streams: the sender of
# `mic_chunks()` is `send_mic`, its task `mic_task`.
_STREAM_WORDS = ("_chunks", "_stream", "_frames", "_generator", "_gen", "_iter", "_source", "_feed")


def _base_name(stream: cst.BaseExpression) -> str:
    """What the added names are made of: what the stream's name says it streams (``mic`` for
    ``mic`` / ``mic_chunks()``), else a fixed word."""
    if isinstance(stream, cst.Call):
        stream = stream.func
    name = stream.value.lstrip("_") if isinstance(stream, cst.Name) else ""
    for word in _STREAM_WORDS:
        if name.endswith(word) and len(name) > len(word):
            name = name[: -len(word)]
            break
    return name or _FALLBACK


def _is_import_line(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and bool(statement.body) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)
