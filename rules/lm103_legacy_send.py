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
`send_realtime_input(text=)`; an audio/* or image/* blob (literal MIME type) →
`send_realtime_input(audio=|video=)`; function responses →
`send_tool_response(function_responses=)`. Otherwise (a value of unknown type, text sent
without `end_of_turn`, a bare `send()` that only ended a turn) no fix: 3.1 ends turns by
voice activity, `activity_end` or `audio_stream_end`. Unsafe when the session's model is not
known in the module, or when the call holds comments (the new call would drop them).

## References
- shared/live-api-facts.md §5
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.media import blob_kind
from livemigrate.analysis.turns import is_text_expression, read_call
from livemigrate.edits import Replace
from livemigrate.fixes import call_method_with, session_model
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

def _input_arg(call: cst.Call) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "input":
            return arg
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[0] if positional else None


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
    arg = _input_arg(call)
    if arg is None:
        return None
    value = arg.value
    resolved = live.resolve_value(value)
    type_name = live.imports.types_name(resolved.func) if isinstance(resolved, cst.Call) else None
    if is_text_expression(resolved):
        return ("send_realtime_input", "text", value) if _end_of_turn(call) else None
    if type_name in ("Content", "LiveClientContent") or (isinstance(resolved, cst.Dict) and _keys(resolved) & {"turns", "parts"}):
        turns = resolved if type_name != "LiveClientContent" else None
        if turns is None:
            return None
        content = read_call(cst.Call(cst.Name("x"), [cst.Arg(turns, keyword=cst.Name("turns"))]), live.imports,
                            live.resolve_value)
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
        return ("send_tool_response", "function_responses", responses) if responses is not None else None
    if _is_function_response(resolved, live):
        return "send_tool_response", "function_responses", value
    return None


def _keys(node: cst.Dict) -> set[str]:
    return {string_value(e.key) or "" for e in node.elements if isinstance(e, cst.DictElement)}


def _is_function_response(node: cst.BaseExpression, live) -> bool:
    if isinstance(node, (cst.List, cst.Tuple)) and node.elements:
        return all(_is_function_response(live.resolve_value(e.value), live) for e in node.elements)
    if isinstance(node, (cst.ListComp,)):
        return _is_function_response(node.elt, live)
    if isinstance(node, cst.Call):
        return live.imports.types_name(node.func) in ("FunctionResponse", "FunctionResponseDict")
    if isinstance(node, cst.Dict):
        return {"name", "response"} <= _keys(node)
    return False


class LegacySend(Rule):
    id = "LM103"
    name = "legacy-send"
    message = "session.send is deprecated and sends 2.5-era frames: use the specific send_* call"
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
        Invalid(  # only ended the turn: nothing to route
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send(end_of_turn=True)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        for call in live.flow.calls_named("send"):
            if live.is_legacy_only(call.call):
                continue
            routed = route(call.call, ctx)
            if routed is None:
                ctx.report(call.call, f"session.send is deprecated and sends 2.5-era frames that "
                           f"{ctx.target.model_id} refuses or no longer needs: call send_realtime_input "
                           f"(text=, audio=, video=, audio_stream_end=/activity_end= to end a turn) or "
                           f"send_tool_response by hand (the input's kind is not known here)")
                continue
            method, keyword, value = routed
            new = call_method_with(call.call, method, keyword, value)
            ctx.report(call.call, f"session.send is deprecated and sends 2.5-era frames: use "
                       f"session.{method}({keyword}=...)",
                       Fix.safe(f"{method}({keyword}=...)", Replace(call.call, new),
                                model=session_model(ctx, call.connect)))
