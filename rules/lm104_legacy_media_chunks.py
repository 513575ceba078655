"""Legacy media chunks: `send_realtime_input(media=...)`, `media_chunks`, raw `mediaChunks`.

## What it does
Flags the `media=` argument of `session.send_realtime_input`, `media_chunks=` (or its wire
name `mediaChunks=`, which the types accept too) in `types.LiveClientRealtimeInput(...)`, and
`"media_chunks"` / `"mediaChunks"` in raw `realtimeInput` frames of a Live client, also when a
later statement assigns it into the frame (`frame["realtimeInput"]["mediaChunks"] = [...]`). A
module that is not Gemini code
(no google-genai, no Live endpoint, no Gemini model, key or name) is not a Live client for
its key names alone; but in a run over the project, event classes mirroring the wire
(`class RealtimeInput(BaseModel): mediaChunks: List[MediaChunk]`) that a raw Live client of the
run imports and sends are: each `mediaChunks=` they are built with is reported, with no fix (a
vendored voice-agent service's `events.py`: measurement 50).

## Why is this bad?
`media=` still maps to the legacy `mediaChunks` field on the wire (the cookbook's 3.1
migration calls it "the deprecated media="). Public reports show 3.1 closing the session on
`mediaChunks` (1007 "realtime_input.media_chunks is deprecated"); for 3.8 it is not
documented. The current fields say what the data is: `audio` (16-bit PCM) or `video` (image
frames), one per message. A MIME type written as an f-string counts by its literal prefix
(`f"audio/pcm;rate={rate}"` is audio).

## Example
```python
await session.send_realtime_input(media=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
```

## Use instead
```python
await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
```

## Fix safety
Safe when the MIME type is written in the module: `audio/*` → `audio=`, `image/*` →
`video=`; a one-element `media_chunks` list is unwrapped. A value returned by a function of
this module (`frame = await asyncio.to_thread(self._grab_frame, cap)`) counts when every value
it returns is a blob of one kind (or None). An item a sender task takes from a queue
(`msg = await self.out_queue.get()`) is of the kind a test of its MIME type around the send says
(`if msg["mime_type"].startswith("image/"):`), or of the kinds the class itself puts on the queue:
one kind, or the one such a test leaves (`if msg["mime_type"].startswith("audio/"): ... else:
send_realtime_input(media=msg)` sends the camera's frames: `video=`, as the cookbook's own 3.1
migration wrote it). What rests on the class's producers is an unsafe fix: a subclass or code
holding the object may queue other media. A raw `"media_chunks"` holding one blob rather than a list of them
becomes that field too. Otherwise no fix (choose `audio=` or
`video=` by hand; several chunks become several calls). Nor is there one for a
`LiveClientRealtimeInput(media_chunks=...)` (or a dict, `{"media_chunks": [...]}`, also under
`{"realtime_input": ...}`) handed to the deprecated `session.send(input=...)`:
that path forwards only the type's `media_chunks`, so `audio=` there would send nothing; LM103
rewrites the whole call to `send_realtime_input(audio=...)`.

## References
- `send_realtime_input` and its `media=` mapping to `mediaChunks`, `google/genai/live.py` and
  `google/genai/_live_converters.py` in https://github.com/googleapis/python-genai
- The cookbook's 3.1 migration ("the deprecated media="): https://github.com/google-gemini/cookbook/pull/1224
- 3.1 closes on `mediaChunks` ("realtime_input.media_chunks is deprecated. Use audio, video, or
  text instead."): https://github.com/kizuna-ai-lab/sokuji/issues/150,
  https://github.com/aicc2025/sip-to-ai/pull/5
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from livemigrate.analysis import blob_kind, descendants, dotted_name, guarded_kind, holds_text, mime_of, string_value
from livemigrate.edits import KeyChange, Replace
from livemigrate.fixes import sole_element, string_literal
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext


def _kind(node: cst.BaseExpression, live, queued: bool = True) -> str | None:
    return _kind_and_basis(node, live, queued)[0]


def _kind_and_basis(node: cst.BaseExpression, live, queued: bool = True) -> tuple[str | None, bool]:
    """:func:`blob_kind`, also for a value that a function of this module returns (``frame =
    await asyncio.to_thread(self._grab_frame, cap)``): its kind when every value the function
    returns is a blob of that one kind, or None (which no kind of field carries). An item taken
    from a queue (``msg = await self.out_queue.get()``) is of the kinds its producers queue,
    narrowed by a test of its MIME type around the send (``if msg["mime_type"].startswith("audio/"):
    ... else:`` leaves the frames)."""
    kind = blob_kind(node, live)
    if kind is not None:
        return kind, True
    if queued and isinstance(node, cst.Name):
        # The kind of a queue item: certain under a test of its own MIME type that says it;
        # otherwise it rests on what this class queues, and code elsewhere (a subclass, another
        # module holding the object) may queue other media: the fix is then unsafe.
        tested = guarded_kind(node, live, None)
        if tested is not None:
            return tested, True
        items = live.queued_items(node)
        kinds = {_kind(item, live, queued=False) for item in items} if items else None
        possible = set(kinds) if kinds and None not in kinds else None
        if possible is not None:
            kind = guarded_kind(node, live, possible)
            if kind is None and len(possible) == 1:
                kind = next(iter(possible))
            return kind, False
    function = _producer(live.resolve_value(node), live)
    if function is None or any(isinstance(n, (cst.Yield,)) for n in descendants(function.body)):
        return None, True  # a generator's returns are not what calling it gives
    returned = [n.value for n in descendants(function.body) if isinstance(n, cst.Return) and n.value is not None]
    kinds = {blob_kind(value, live) for value in returned if not (isinstance(value, cst.Name) and value.value == "None")}
    return (kinds.pop() if len(kinds) == 1 and None not in kinds else None), True


_WIRE_EVENT_NOTE = (" (an event class of this module that a raw Live client of the run serializes and sends: "
                    "change the class's field and what builds it, by hand)")
_LEGACY_SEND_NOTE = (" (no fix here: this input goes to the deprecated session.send, which forwards only its "
                     "media_chunks; LM103 rewrites the whole call)")


def _sent_with_legacy_send(live, realtime_input: cst.Call) -> bool:
    """The ``LiveClientRealtimeInput(...)`` call's value is the input of a session's
    deprecated ``send`` (``session.send(input=...)``), directly or through a name."""
    for send in live.flow.calls_named("send"):
        value = next((a.value for a in send.call.args if a.keyword is not None and a.keyword.value == "input"
                      or a.keyword is None and not a.star), None)
        if value is not None and (value is realtime_input or live.resolve_value(value) is realtime_input):
            return True
    return False


def _producer(value: cst.BaseExpression, live) -> cst.FunctionDef | None:
    """The function of this module whose return value ``value`` is: ``f(...)`` (awaited when
    ``f`` is async) or ``await asyncio.to_thread(f, ...)``."""
    awaited = isinstance(value, cst.Await)
    call = value.expression if awaited else value
    if not isinstance(call, cst.Call):
        return None
    name = dotted_name(call.func)
    if awaited and name in ("asyncio.to_thread", "to_thread") and call.args and call.args[0].keyword is None:
        target = call.args[0].value
        if isinstance(target, cst.Name) and not live.values_of(target):
            body = live.module.body  # a module-level def the name is not reassigned from
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self" \
                and live.enclosing_class(call) is not None:
            body, target = live.enclosing_class(call).body.body, target.attr  # a method of the class
        else:
            return None
        found = [d for d in body if isinstance(d, cst.FunctionDef) and d.name.value == target.value]
        return found[0] if len(found) == 1 and found[0].asynchronous is None else None
    function = live.callee(call)
    if function is None or (function.asynchronous is not None) != awaited:
        return None
    return function


class LegacyMediaChunks(Rule):
    id = "LM104"
    name = "legacy-media-chunks"
    message = "legacy media chunks: send audio= or video= realtime input instead"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "async def main(pcm):\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        await s.send_realtime_input(audio=types.Blob(data=pcm, mime_type='audio/pcm;rate=16000'))\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main(pcm, jpeg):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(media=types.Blob(data=pcm, mime_type='audio/pcm;rate=16000'))\n"
            "        await s.send_realtime_input(media={'data': jpeg, 'mime_type': 'image/jpeg'})\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def main(pcm, jpeg):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(audio=types.Blob(data=pcm, mime_type='audio/pcm;rate=16000'))\n"
            "        await s.send_realtime_input(video={'data': jpeg, 'mime_type': 'image/jpeg'})\n",
            count=2,
        ),
        Invalid(
            'import base64, json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def stream(ws, chunk):\n'
            '    await ws.send(json.dumps({"realtimeInput": {"mediaChunks": [\n'
            '        {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(chunk).decode()}]}}))\n',
            fixed='import base64, json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def stream(ws, chunk):\n'
            '    await ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(chunk).decode()}}}))\n',
        ),
        Invalid(  # a frame filled in steps: the assigned key is renamed, its one chunk unwrapped
            'import json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def stream(ws, chunk):\n'
            '    frame = {"realtimeInput": {}}\n'
            '    frame["realtimeInput"]["mediaChunks"] = [{"mimeType": "audio/pcm;rate=16000", "data": chunk}]\n'
            '    await ws.send(json.dumps(frame))\n',
            fixed='import json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def stream(ws, chunk):\n'
            '    frame = {"realtimeInput": {}}\n'
            '    frame["realtimeInput"]["audio"] = {"mimeType": "audio/pcm;rate=16000", "data": chunk}\n'
            '    await ws.send(json.dumps(frame))\n',
            line=5,
        ),
        Invalid(  # the frame comes from a helper of this module whose every return is a JPEG frame (or None)
            'import asyncio, base64, json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'class Camera:\n'
            '    def _grab(self, cap):\n'
            '        ok, jpeg = cap.read()\n'
            '        if not ok:\n'
            '            return None\n'
            '        return {"mime_type": "image/jpeg", "data": base64.b64encode(jpeg).decode()}\n'
            '    async def stream(self, ws, cap):\n'
            '        frame = await asyncio.to_thread(self._grab, cap)\n'
            '        await ws.send(json.dumps({"realtime_input": {"media_chunks": [frame]}}))\n',
            fixed='import asyncio, base64, json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'class Camera:\n'
            '    def _grab(self, cap):\n'
            '        ok, jpeg = cap.read()\n'
            '        if not ok:\n'
            '            return None\n'
            '        return {"mime_type": "image/jpeg", "data": base64.b64encode(jpeg).decode()}\n'
            '    async def stream(self, ws, cap):\n'
            '        frame = await asyncio.to_thread(self._grab, cap)\n'
            '        await ws.send(json.dumps({"realtime_input": {"video": frame}}))\n',
        ),
        Invalid(  # the helper returns audio or an image: which field is not known here
            'import json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'def capture(source, data):\n'
            '    if source == "mic":\n'
            '        return {"mime_type": "audio/pcm;rate=16000", "data": data}\n'
            '    return {"mime_type": "image/jpeg", "data": data}\n'
            'async def stream(ws, source, data):\n'
            '    chunk = capture(source, data)\n'
            '    await ws.send(json.dumps({"realtime_input": {"media_chunks": [chunk]}}))\n',
        ),
        Invalid(  # MIME type not known here
            "from google import genai\nclient = genai.Client()\n"
            "async def forward(session, blob):\n"
            "    await session.send_realtime_input(media=blob)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        # events mirroring the wire that a raw Live client of the run sends (no fix: the field
        # is the event class's, and the client sends what the class serializes)
        for arg in live.wire_media_chunk_arguments():
            single = self._single(arg.value)
            kind = _kind(single, live) if single is not None else None
            ctx.report(arg.keyword, self._message(ctx, kind, single) + _WIRE_EVENT_NOTE)
        if not (live.uses_live_api or live.raw_client or live.imports.uses_genai):
            return
        for call in live.flow.calls_named("send_realtime_input"):
            if live.is_legacy_only(call.call):
                continue
            for arg in call.call.args:
                if arg.keyword is not None and arg.keyword.value == "media":
                    kind, certain = _kind_and_basis(arg.value, live)
                    fix = Fix.safe(f"{kind}=", Replace(arg, arg.with_changes(keyword=cst.Name(kind)))) if kind else None
                    if fix is not None and not certain:
                        fix = replace(Fix.unsafe(f"{kind}=", *fix.edits), unsafe_reasons=(
                            f"the kind is what this class queues for the sender ({kind}); code elsewhere may queue "
                            "other media on it",))
                    ctx.report(arg.keyword, self._message(ctx, kind, arg.value), fix)
        for call in live.calls():
            if live.imports.types_name(call.func) not in ("LiveClientRealtimeInput", "LiveClientRealtimeInputDict"):
                continue
            for arg in call.args:
                # (`mediaChunks=`: the types take their wire names as keywords too)
                if arg.keyword is not None and arg.keyword.value in ("media_chunks", "mediaChunks") \
                        and not live.is_legacy_only(call):
                    single = self._single(arg.value)
                    kind = _kind(single, live) if single is not None else None
                    if _sent_with_legacy_send(live, call):
                        # The SDK's send(input=...) forwards only this type's media_chunks:
                        # `audio=` here would send nothing. LM103 rewrites the whole call.
                        ctx.report(arg.keyword, self._message(ctx, kind, single) + _LEGACY_SEND_NOTE)
                        continue
                    fix = None
                    if kind:
                        unwrapped = arg.with_changes(keyword=cst.Name(kind), value=sole_element(arg.value))
                        fix = Fix.safe(f"{kind}=", Replace(arg, unwrapped, key=KeyChange("media_chunks", kind)))
                    ctx.report(arg.keyword, self._message(ctx, kind, single), fix)
        for call in live.flow.calls_named("send"):
            # session.send(input={"media_chunks": [...]}): LM103 rewrites the whole call
            value = next((a.value for a in call.call.args if a.keyword and a.keyword.value == "input"), None)
            value = live.resolve_value(value) if value is not None else None
            if isinstance(value, cst.Dict):
                # ... also inside the message's field, `input={"realtime_input": {"media_chunks": [...]}}`
                inner = next((live.resolve_value(e.value) for e in value.elements if isinstance(e, cst.DictElement)
                              and string_value(e.key) in ("realtime_input", "realtimeInput")), None)
                value = inner if isinstance(inner, cst.Dict) else value
            if isinstance(value, cst.Dict) and not live.is_legacy_only(call.call):
                for element in value.elements:
                    if isinstance(element, cst.DictElement) and string_value(element.key) in ("mediaChunks", "media_chunks"):
                        # No fix here (LM103 rewrites the whole call), but the words say what it is.
                        single = self._single(element.value)
                        kind = _kind(single, live) if single is not None else None
                        ctx.report(element.key, self._message(ctx, kind, single))
        for frame in live.flow.frames:
            if frame.kind != "realtime_input" or live.is_legacy_only(frame.send):
                continue
            body = live.resolve_value(frame.element.value)
            if not isinstance(body, cst.Dict):
                continue
            for element in body.elements:
                if isinstance(element, cst.DictElement) and string_value(element.key) in ("mediaChunks", "media_chunks"):
                    single = self._single(element.value)
                    if single is None and not isinstance(element.value, (cst.List, cst.Tuple, cst.ListComp)):
                        single = element.value  # one blob, not a list of them: it is the chunk
                    kind = _kind(single, live) if single is not None else None
                    fix = Fix.safe(f'"{kind}"', Replace(element, element.with_changes(
                        key=string_literal(kind, element.key), value=sole_element(element.value) or element.value),
                        key=KeyChange(string_value(element.key) or "mediaChunks", kind))) if kind else None
                    ctx.report(element.key, self._message(ctx, kind, single), fix)
            for field in live.flow.assigned_fields(frame):
                if field.key not in ("mediaChunks", "media_chunks") or field.spelling != "subscript":
                    continue
                # frame["realtimeInput"]["mediaChunks"] = [...]: the same field, assigned
                single = self._single(field.value)
                kind = _kind(single, live) if single is not None else None
                unwrapped = sole_element(field.value)
                fix = Fix.safe(f'"{kind}"', Replace(field.key_node, string_literal(kind, field.key_node),
                                                     key=KeyChange(field.key, kind)),
                               Replace(field.value, unwrapped)) if kind and unwrapped is not None else None
                ctx.report(field.key_node, self._message(ctx, kind, single), fix)

    @staticmethod
    def _single(node: cst.BaseExpression) -> cst.BaseExpression | None:
        if isinstance(node, (cst.List, cst.Tuple)) and len(node.elements) == 1 and isinstance(node.elements[0], cst.Element):
            return node.elements[0].value
        return None

    @staticmethod
    def _message(ctx: RuleContext, kind: str | None, blob: cst.BaseExpression | None) -> str:
        head = f"legacy media chunks (`mediaChunks` on the wire): {ctx.target.claim('media_chunks')}"
        if kind:
            return f"{head}; send it as `{kind}`"
        if blob is not None and holds_text(ctx.live, blob):
            # `media=text` (what input() returned): text, not a blob of any MIME type
            return f"{head}; this input is text: send it with send_realtime_input(text=...)"
        mime = mime_of(blob, ctx.live) if blob is not None else None
        if mime is not None:
            # Known, but neither kind the current fields take (audio= is audio/*, video= image/*).
            return f"{head}; `{mime}` is neither audio/* (`audio=`) nor image/* (`video=`): send it by hand"
        return f"{head}; send `audio=` for audio/* or `video=` for image/* (the MIME type is not known here)"
