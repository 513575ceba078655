"""Deprecated `session.send(input=..., end_of_turn=...)` on a Live session.

## What it does
Flags `session.send(...)` on a Live session (not `ws.send` of a raw WebSocket), whatever it
carries: text, `types.Content` / `LiveClientContent`, audio or image blobs and
`{"data", "mime_type"}` dicts, `LiveClientRealtimeInput(media_chunks=...)`, function responses.

## Why is this bad?
`session.send` has been deprecated since the specialised `send_*` methods arrived
(google-genai 1.9). What it puts on the wire is the 2.5 shape: text becomes `client_content`,
which 3.1 refuses mid-session (1007, see LM101), and media becomes the legacy `media_chunks`
(see LM104).

## Example
```python
await session.send(input="What's the weather?", end_of_turn=True)
await session.send(input={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
```

## Use instead
```python
await session.send_realtime_input(text="What's the weather?")
await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
```

## Fix safety
Safe where the input kind is known from the source: text with `end_of_turn=True` →
`send_realtime_input(text=)`; a `LiveClientContent(...)` / `{"turns": ...}` holding one user
text with `turn_complete=True` → `send_realtime_input(text=)` (the SDK sends such an object's
own `turn_complete` and ignores `end_of_turn`; unset, the turn stays open); an audio/* or
image/* blob (literal MIME type) → `send_realtime_input(audio=|video=)`; function responses
(`FunctionResponse(...)`, their `{"name": ..., "response": ...}` dicts, a list of them, or a list
the code fills with them first) → `send_tool_response(function_responses=)`. Other client content (history, open turns, text
without `end_of_turn`) gets no fix and a message that says it is client content and what the
target does with it: call `send_client_content(turns=..., turn_complete=...)` for a history
seed, `send_realtime_input(text=...)` for live text. Text is what the code shows is a `str`: a
literal or f-string, what `input()` / `sys.stdin.readline()` returns (also through
`asyncio.to_thread`), a parameter or name annotated `str`, a str method of text
(`line.strip()`), `text or "."`. A parameter (no annotation, no default) that every call of this
module passes such text (`bridge.send_text(line)` with `line = input("> ").strip()`) is sent as
text too, unsafe: another module may pass something else (not when the module also names the
function as a value, `forward = bridge.send_text` or `functools.partial(push, session)`: what
calls it through that name is not seen). A relay forwards what its own protocol calls text: a value read
out of a received message under a key that names text (`event["text"]`, `msg.get("prompt")`,
`data["message"]`), or under any key where the same message's tag says it is text (`if
event["type"] == "text": ... event["data"]`); with `end_of_turn=True` it becomes
`send_realtime_input(text=)` too, unsafe: the kind is read from names, nothing in the code
shows the value is a `str`. A bare `send(end_of_turn=True)` only ended the turn (an empty
client content): unsafe, it becomes the realtime signal that ends a turn on that session, as
LM101 rewrites the same frame: `send_realtime_input(audio_stream_end=True)`, or
`activity_end={}` when the config turns automatic activity detection off (the server's voice
activity detection now ends the turn after the stream end, where the client content ended it at
once); no fix when the config is not visible here. A call that is an old SDK's fallback (in the
`else` of `if hasattr(session, "send_realtime_input"):`, or after such an `if` that returns)
gets no fix: rewritten, it would call the method whose absence it handles; remove it once the
SDK you require has the new methods. A value of unknown type, or a call that
passes anything but `input` and `end_of_turn` (a keyword of its own, `**kwargs`: what it meant
to send is not known, and a rewrite would drop it): no fix. Unsafe when the session's model is
not known in the module, or when the call holds comments (the new
call would drop them). No text or turn-end fix on a session that stays on a Vertex AI 2.x model
(a Vertex AI client, no 3.x id there yet; the message says so), where audio and video still are.

## References
- `AsyncSession.send` and `_parse_client_message`, `google/genai/live.py` in
  https://github.com/googleapis/python-genai (deprecation warning; what each input becomes)
- The cookbook's 3.1 migration (`send_realtime_input(text=...)` for live text):
  https://github.com/google-gemini/cookbook/pull/1224
- 1007 on client content mid-session on 3.1: https://github.com/google/adk-python/issues/5018
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import (ClientContent, ModelInfo, blob_kind, holds_text, is_function_response,
                                  is_text_expression, legacy_send_input, named_text, read_call, string_value,
                                  callers_pass_text)
from livemigrate.edits import Replace
from livemigrate.fixes import call_method_with, session_model, turn_end_signal, turn_end_value
from livemigrate.policy import session_stays_on_vertex_2x
from livemigrate.rule import Fix, FixAvailability, Invalid, Invented, Rule, RuleContext

def _carries_unknown(call: cst.Call) -> bool:
    """The call passes what ``send(input=..., end_of_turn=...)`` does not take by name (a
    keyword of its own, ``**kwargs``, ``*args``): what it meant to send is not known, and a
    rewrite would drop it."""
    return any(arg.star or (arg.keyword is not None and arg.keyword.value not in ("input", "end_of_turn"))
               for arg in call.args)


def _end_of_turn(call: cst.Call) -> bool | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "end_of_turn":
            value = arg.value
            return value.value == "True" if isinstance(value, cst.Name) and value.value in ("True", "False") else None
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if len(positional) > 1:
        value = positional[1].value
        return value.value == "True" if isinstance(value, cst.Name) and value.value in ("True", "False") else None
    return False


def route(call: cst.Call, ctx: RuleContext) -> tuple[str, str, cst.BaseExpression] | None:
    """(new method, keyword, value) for what this send carries, when it is known."""
    live = ctx.live
    arg = legacy_send_input(call)
    if arg is None:
        return None
    value = arg.value
    resolved = live.resolve_value(value)
    type_name = live.imports.types_name(resolved.func) if isinstance(resolved, cst.Call) else None
    if is_text_expression(resolved) or holds_text(live, value):
        return ("send_realtime_input", "text", value) if _end_of_turn(call) else None
    if type_name in ("LiveClientContent", "LiveClientContentDict") or (
            isinstance(resolved, cst.Dict) and _keys(resolved) & {"turns", "content"}):
        # Sent as its own client content: its turn_complete decides, end_of_turn is ignored.
        content = _client_content(resolved, live)
        text = content.user_text if content is not None else None
        return ("send_realtime_input", "text", text) if text is not None and content.turn_complete else None
    if type_name == "Content" or (isinstance(resolved, cst.Dict) and "parts" in _keys(resolved)):
        content = read_call(cst.Call(cst.Name("x"), [cst.Arg(resolved, keyword=cst.Name("turns"))]), live.imports,
                            live.resolve_value, live.is_mutated)
        text = content.user_text
        return ("send_realtime_input", "text", text) if text is not None and _end_of_turn(call) else None
    if type_name == "LiveClientRealtimeInput" and isinstance(resolved, cst.Call):
        chunks = next((a.value for a in resolved.args if a.keyword and a.keyword.value == "media_chunks"), None)
        if isinstance(chunks, (cst.List, cst.Tuple)) and len(chunks.elements) == 1:
            blob = chunks.elements[0].value
            kind = blob_kind(blob, live)
            return ("send_realtime_input", kind, blob) if kind else None
        return None
    if isinstance(resolved, cst.Dict) and _keys(resolved) & {"media_chunks", "mediaChunks"}:
        chunks = next(e.value for e in resolved.elements if isinstance(e, cst.DictElement)
                      and string_value(e.key) in ("media_chunks", "mediaChunks"))
        if isinstance(chunks, (cst.List, cst.Tuple)) and len(chunks.elements) == 1 and len(resolved.elements) == 1:
            blob = chunks.elements[0].value
            kind = blob_kind(blob, live)
            return ("send_realtime_input", kind, blob) if kind else None
        return None
    kind = blob_kind(value, live)
    if kind is not None:
        return "send_realtime_input", kind, value
    if type_name == "LiveClientToolResponse" and isinstance(resolved, cst.Call):
        responses = next((a.value for a in resolved.args if a.keyword and a.keyword.value == "function_responses"), None)
        if responses is not None and resolved is not value:
            # built under a name: send what it holds, not a second copy of its construction
            responses = cst.Attribute(value, cst.Name("function_responses"))
        return ("send_tool_response", "function_responses", responses) if responses is not None else None
    if is_function_response(live, value):
        return "send_tool_response", "function_responses", value
    return None


def _named_text(call: cst.Call, ctx: RuleContext) -> cst.BaseExpression | None:
    """The input of a ``send(input=X, end_of_turn=True)`` whose X the program's own message
    calls text (``event["text"]``, ``event["data"]`` under ``if event["type"] == "text"``),
    the way a browser relay forwards what the user typed; None otherwise."""
    arg = legacy_send_input(call)
    if arg is None or not _end_of_turn(call) or not (
            named_text(ctx.live, arg.value) or callers_pass_text(ctx.live, arg.value)):
        return None
    return arg.value


def _turn_end_fix(ctx: RuleContext, call) -> Fix | None:
    """``send(end_of_turn=True)`` sent an empty client content that only closed the turn: the
    realtime signal that ends a turn on this session (LM101's rewrite of the same frame).
    Unsafe: with activity detection on, the server ends the turn after the stream end, where
    the client content ended it at once. None when the session's config is not visible."""
    config = ctx.live.config_of(call.connect)
    signal = turn_end_signal(ctx, config)
    if signal is None or not isinstance(call.call.func, cst.Attribute):
        return None
    new = call_method_with(call.call, "send_realtime_input", signal, turn_end_value(signal))
    return Fix.unsafe("end the turn with a realtime signal", Replace(call.call, new),
                      model=session_model(ctx, call.connect))


def _client_content(node: cst.BaseExpression, live) -> ClientContent | None:
    """What a ``LiveClientContent(...)`` or ``{"turns": ...}`` input sends. The SDK passes its
    own ``turns`` / ``turn_complete`` on and ignores ``end_of_turn`` (python-genai live.py,
    ``AsyncSession._parse_client_message``); an unset turn_complete leaves the turn open,
    unlike ``send_client_content``, whose default closes it."""
    if isinstance(node, cst.Call):
        values = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        complete = values.get("turn_complete", values.get("turnComplete"))
    elif isinstance(node, cst.Dict):
        values = {string_value(e.key) or "": e.value for e in node.elements if isinstance(e, cst.DictElement)}
        complete = values.get("turn_complete")  # the SDK reads only the snake_case key of a dict
    else:
        return None
    turns = values.get("turns", values.get("content"))
    args = [cst.Arg(complete if complete is not None else cst.Name("False"), keyword=cst.Name("turn_complete"))]
    if turns is not None:
        args.insert(0, cst.Arg(turns, keyword=cst.Name("turns")))
    return read_call(cst.Call(cst.Name("send_client_content"), args), live.imports, live.resolve_value,
                     live.is_mutated)


def _unrouted_message(call: cst.Call, ctx: RuleContext) -> str:
    """What a send with no fix carries, and what to call instead, for the target."""
    live, target = ctx.live, ctx.target
    head = "session.send is deprecated and sends the legacy frame shapes"
    unknown = [arg.star + cst.Module([]).code_for_node(arg.value) if arg.star else f"{arg.keyword.value}="
               for arg in call.args
               if arg.star or (arg.keyword is not None and arg.keyword.value not in ("input", "end_of_turn"))]
    if unknown:
        # python-genai's send takes only input= and end_of_turn=: what these meant to carry is
        # not known here (and a rewrite would drop it)
        return (f"{head}; this call passes {', '.join(f'`{u}`' for u in unknown)}, which send does not take "
                f"(only input= and end_of_turn=): what it meant to send is not known here; call "
                f"send_realtime_input(...) or send_tool_response(function_responses=...) by hand")
    arg = legacy_send_input(call)
    if arg is None:
        return (f"{head}; this call only ends the turn (an empty client content): on {target.model_id} a turn "
                f"ends by voice activity, or by send_realtime_input(activity_end=...) when automatic activity "
                f"detection is off")
    resolved = live.resolve_value(arg.value)
    type_name = live.imports.types_name(resolved.func) if isinstance(resolved, cst.Call) else None
    keys = _keys(resolved) if isinstance(resolved, cst.Dict) else set()
    if is_text_expression(resolved) or holds_text(live, arg.value) \
            or type_name in ("Content", "LiveClientContent", "LiveClientContentDict") or keys & {"turns", "content", "parts"}:
        if target.client_content_mid_session:
            what_to_call = "call send_client_content(turns=..., turn_complete=...) with the same turns"
        else:
            what_to_call = ("send a history seed with send_client_content(turns=..., turn_complete=True) before "
                            "any realtime input, and live text with send_realtime_input(text=...)")
        return (f"{head}; this call sends client content: {target.claim('client_content_mid_session')}; "
                f"{what_to_call}")
    if type_name in ("Blob", "LiveClientRealtimeInput") or keys & {"data", "media_chunks", "mediaChunks"}:
        return (f"{head}; this call sends media chunks whose MIME type is not known here "
                f"({target.claim('media_chunks')}): call send_realtime_input(audio=...) for audio/* or "
                f"send_realtime_input(video=...) for image/*")
    return (f"{head}; the input's kind is not known here: call send_realtime_input(text=|audio=|video=) or "
            f"send_tool_response(function_responses=) by hand")


def _keys(node: cst.Dict) -> set[str]:
    return {string_value(e.key) or "" for e in node.elements if isinstance(e, cst.DictElement)}


def _tests_for_new_method(test: cst.BaseExpression) -> bool | None:
    """``hasattr(x, "send_...")`` → True, ``not hasattr(...)`` → False, anything else → None."""
    negated = isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)
    inner = test.expression if negated else test  # type: ignore[attr-defined]
    if (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "hasattr"
            and len(inner.args) == 2 and (string_value(inner.args[1].value) or "").startswith("send_")):
        return not negated
    return None


def _leaves(block: cst.BaseSuite) -> bool:
    """The block ends by leaving (``return``, ``raise``, ``continue``, ``break``)."""
    body = block.body
    last = body[-1] if body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1] if last.body else None
    return isinstance(last, (cst.Return, cst.Raise, cst.Continue, cst.Break))


def _old_sdk_fallback(live, call: cst.Call) -> bool:
    """``call`` runs only where the session lacks a newer send method: in the ``else`` of ``if
    hasattr(session, "send_realtime_input"):``, under ``if not hasattr(...)``, or after an ``if
    hasattr(...): ...; return`` in the same block."""
    child: cst.CSTNode = call
    for ancestor in live.ancestors(call):
        if isinstance(ancestor, cst.If):
            says = _tests_for_new_method(ancestor.test)
            if says is True and ancestor.orelse is not None and child is ancestor.orelse \
                    or says is False and child is ancestor.body:
                return True
        if isinstance(ancestor, (cst.IndentedBlock, cst.Module)) and isinstance(child, cst.BaseStatement):
            for statement in ancestor.body[:list(ancestor.body).index(child)] if child in ancestor.body else ():
                if isinstance(statement, cst.If) and _tests_for_new_method(statement.test) is True \
                        and _leaves(statement.body) and statement.orelse is None:
                    return True
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            return False
        child = ancestor
    return False

class LegacySend(Rule):
    id = "LM103"
    name = "legacy-send"
    message = "session.send is deprecated and sends legacy frames: use the specific send_* call"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        # a raw websocket's send is not a Live session's
        "import json\nasync def ping(ws):\n    await ws.send(json.dumps({'ping': 1}))\n",
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        await s.send_realtime_input(text='hi')\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "async def main(chunks):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send(input='Hello', end_of_turn=True)\n"
            "        async for chunk in chunks:\n"
            "            await s.send(input={'data': chunk, 'mime_type': 'audio/pcm;rate=16000'})\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main(chunks):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text='Hello')\n"
            "        async for chunk in chunks:\n"
            "            await s.send_realtime_input(audio={'data': chunk, 'mime_type': 'audio/pcm;rate=16000'})\n",
            count=2,
        ),
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for msg in s.receive():\n"
            "            if msg.tool_call:\n"
            "                replies = [types.FunctionResponse(id=c.id, name=c.name, response={}) for c in msg.tool_call.function_calls]\n"
            "                await s.send(input=replies)\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for msg in s.receive():\n"
            "            if msg.tool_call:\n"
            "                replies = [types.FunctionResponse(id=c.id, name=c.name, response={}) for c in msg.tool_call.function_calls]\n"
            "                await s.send_tool_response(function_responses=replies)\n",
        ),
        Invalid(  # a LiveClientContent is client content: one closed user text becomes live text
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send(input=types.LiveClientContent(\n"
            "            turns=[types.Content(role='user', parts=[types.Part(text='Hello')])], turn_complete=True))\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text='Hello')\n",
        ),
        Invalid(  # history sent as client content: no fix, the message says what to call
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main(history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send(input=types.LiveClientContent(turns=history, turn_complete=True))\n",
        ),
        Invalid(  # only ended the turn: the realtime signal that ends it (unsafe, as LM101's)
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send(end_of_turn=True)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(audio_stream_end=True)\n",
            unsafe=True,
        ),
        Invalid(  # ...but which signal depends on a config this module does not show: no fix
            "from google import genai\nclient = genai.Client()\n"
            "async def main(config):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        await s.send(end_of_turn=True)\n",
            message="only ends the turn",
        ),
        Invalid(  # text the code shows: what input() returns, a parameter annotated str
            "import asyncio\nfrom google import genai\nclient = genai.Client()\n"
            "async def main(greeting: str):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send(input=greeting, end_of_turn=True)\n"
            "        line = await asyncio.to_thread(input, 'you> ')\n"
            "        await s.send(input=line.strip() or '.', end_of_turn=True)\n",
            fixed="import asyncio\nfrom google import genai\nclient = genai.Client()\n"
            "async def main(greeting: str):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text=greeting)\n"
            "        line = await asyncio.to_thread(input, 'you> ')\n"
            "        await s.send_realtime_input(text=line.strip() or '.')\n",
            count=2,
        ),
        Invalid(  # a relay's text, as its protocol names it: realtime text, unsafe (a guess from names)
            "import json\nfrom google import genai\nclient = genai.Client()\n"
            "async def relay(ws):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for frame in ws:\n"
            "            event = json.loads(frame)\n"
            "            if event['type'] == 'text':\n"
            "                await s.send(input=event['data'], end_of_turn=True)\n",
            fixed="import json\nfrom google import genai\nclient = genai.Client()\n"
            "async def relay(ws):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for frame in ws:\n"
            "            event = json.loads(frame)\n"
            "            if event['type'] == 'text':\n"
            "                await s.send_realtime_input(text=event['data'])\n",
            unsafe=True,
        ),
    ]

    @staticmethod
    def _untraced_sends(live, followed: set[int]) -> list[cst.Call]:
        """``<x>.send(input=..., end_of_turn=...)`` calls the session flow does not trace, in a
        module that opens a Live session: those keywords are the Live session's send's own (a
        socket's or a generator's send takes its value by position)."""
        if not live.connects:
            return []
        found = []
        for call in live.calls():
            func = call.func
            if type(func) is not cst.Attribute or func.attr.value != "send" or id(call) in followed:
                continue
            keywords = {a.keyword.value for a in call.args if a.keyword is not None}
            if keywords & {"input", "end_of_turn"} and not live.is_legacy_only(call):
                found.append(call)
        return found

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        followed = {id(call.call) for call in live.flow.calls_named("send")}
        for call in self._untraced_sends(live, followed):
            # a session kept where the flow does not follow it (`sessions[sid]["gemini_session"]`):
            # the keywords only the session's send takes say what it is; its model is not known
            # here, so the policy makes the rewrite unsafe
            routed = None if _carries_unknown(call) else route(call, ctx)
            if routed is None:
                ctx.report(call, _unrouted_message(call, ctx))
                continue
            method, keyword, value = routed
            fix = Fix.safe(f"{method}({keyword}=...)", Replace(call, call_method_with(call, method, keyword, value)),
                           model=ModelInfo.unknown())
            ctx.report(call, f"session.send is deprecated and sends the legacy frame shapes: use "
                       f"session.{method}({keyword}=...)", fix)
        for call in live.flow.calls_named("send"):
            if live.is_legacy_only(call.call):
                continue
            if _old_sdk_fallback(live, call.call):
                ctx.report(call.call, "session.send is deprecated, and this call is the fallback for an SDK whose "
                           "session has no send_realtime_input (the code tests for it first): remove it by hand "
                           "once the SDK you require has the new methods (rewriting it would call the method "
                           "whose absence it handles)")
                continue
            if _carries_unknown(call.call):
                ctx.report(call.call, _unrouted_message(call.call, ctx))
                continue
            routed = route(call.call, ctx)
            if routed is None and legacy_send_input(call.call) is None and _end_of_turn(call.call):
                fix = _turn_end_fix(ctx, call)
                ctx.report(call.call, _unrouted_message(call.call, ctx), fix)
                continue
            guessed: tuple[Invented, ...] = ()
            if routed is None and (named := _named_text(call.call, ctx)) is not None:
                # the program's own message calls it text; nothing shows its type
                routed, guessed = ("send_realtime_input", "text", named), (Invented("kind of the input", "text"),)
            if routed is None:
                ctx.report(call.call, _unrouted_message(call.call, ctx))
                continue
            method, keyword, value = routed
            if not isinstance(call.call.func, cst.Attribute):  # `send = session.send`, then `send(...)`
                ctx.report(call.call, f"session.send is deprecated and sends the legacy frame shapes: use "
                           f"session.{method}({keyword}=...) (called here through a name: change it by hand)")
                continue
            new = call_method_with(call.call, method, keyword, value)
            # A tool response is the same frame on every model: which one the session runs
            # on does not matter to this rewrite. Nor to an audio or video blob's (what LM104
            # rewrites too) on a session that stays on a Vertex AI 2.x model, where the policy
            # holds back the fixes that carry the model: only text changes what 2.x gets.
            model = None if method == "send_tool_response" else session_model(ctx, call.connect)
            if keyword != "text" and model is not None and session_stays_on_vertex_2x(model, [call.call], ctx):
                model = None
            fix = Fix.safe(f"{method}({keyword}=...)", Replace(call.call, new), model=model, invents=guessed)
            ctx.report(call.call, f"session.send is deprecated and sends the legacy frame shapes: use "
                       f"session.{method}({keyword}=...)", fix)
