"""`audio_stream_end` used to end the user's turn (push-to-talk) on a target that ignores it.

## What it does
On a target that does not end the user's turn on `audio_stream_end` (3.8 Live, and by the same
reading 3.8 extended thinking), flags `session.send_realtime_input(audio_stream_end=True)` and
raw `{"realtimeInput": {"audioStreamEnd": true}}` frames in a module that never sends
`activity_end`: code that ends a push-to-talk turn with the stream end. A module that already
drives turns with `activity_start` / `activity_end` uses `audio_stream_end` only to flush a
paused microphone, which stays correct, and gets no finding. Silent on the default 3.1 target
and in code that only runs for 2.x models.

## Why is this bad?
The older models treated the stream end as the end of the user's turn. 3.8 does not: a client
that ends push-to-talk with `audio_stream_end` (or by sending exact-zero silence) never gets a
reply. This is a third-party report (one project: an issue and its fix, which keeps streaming
silence with detection on), not documented; waiting for a reply that never comes is the
failure, so the rule takes that reading for both 3.8 targets.

## Example
```python
async def talk(session, microphone):
    async for chunk in microphone.while_pressed():
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
    await session.send_realtime_input(audio_stream_end=True)  # button released
```

## Use instead
```python
config = {"realtime_input_config": {"automatic_activity_detection": {"disabled": True}}}
...
async def talk(session, microphone):
    await session.send_realtime_input(activity_start=types.ActivityStart())  # button pressed
    async for chunk in microphone.while_pressed():
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
    await session.send_realtime_input(activity_end=types.ActivityEnd())  # button released
```
or keep automatic activity detection on and keep streaming (silence included) until the reply.

## Fix safety
Unsafe: turn-taking moves from the server's voice activity detection to the client, for every
session opened with the config. One fix covers the module, in three parts, all or none:

1. each `audio_stream_end=True` send becomes `activity_end` in the send's spelling:
   `activity_end=types.ActivityEnd()` on the module's `google.genai.types` alias,
   `activity_end={}` (the SDK's `ActivityEndDict`) when it imports no types module,
   `"activityEnd": {}` in a raw frame (keys spelled like the frame's);
2. `activity_start` is sent right before the statement that sends the turn's first audio: of
   the statements before the end in the same block, back to an earlier end or a text send, the
   first that sends audio on the same session (the loop over the microphone's chunks, or the one
   `audio=` send). The blank and comment lines above that statement stay above the new start;
3. `realtime_input_config.automatic_activity_detection.disabled` is set to `True` in the
   config of those sessions (one literal, shared by every session opened with it), in its
   spelling (a `types.RealtimeInputConfig(...)` holding
   `types.AutomaticActivityDetection(disabled=True)` in a typed `LiveConnectConfig`, a
   snake_case or camelCase dict, camelCase in a raw setup frame), merged into the
   `realtime_input_config` / `automatic_activity_detection` the config writes (a literal
   `disabled=False` becomes `True`).

With detection off the API reference says "the client must send activity signals", and with it
on that "detected voice and text input count as activity": so each realtime text send
(`send_realtime_input(text=...)`) of a session opened with that config, outside a push-to-talk
turn, gets its own `activity_start` / `activity_end` around it. Whether the server answers bare
realtime text with detection off is not documented (UNCONFIRMED); framed text works in either
reading. Sessions on other configs that end no turn with the stream end stay as they are.

No fix when a part cannot be placed: no audio before the end in its block (an `on_press` /
`on_release` pair, a microphone task feeding a queue), an end inside an `if` or that sends
more than the stream end, a value other than the literal `True`, realtime text that is not a
statement of its own, a deprecated `session.send(...)` / `start_stream(...)` (rewritten by
LM103 / LM105 first), a config that is not one literal in this module (one of two picked at
run time) or is set by later statements, a realtime send whose session's config is not known
here, an `activity_start` already sent, or any audio, video or media send outside the
push-to-talk turns: with detection off, audio before `activity_start` was refused with 1007 in
one report and a continuously streamed microphone would never form a turn again; what
detection off does to camera frames between turns is not known. Code with a 2.x-only branch
among its realtime sends gets no fix either (the config change would reach that path). With
`--fix-style gate` the finding is left to a human.

## References
- 3.8 ignores `audioStreamEnd` as end of turn: https://github.com/openclaw/openclaw/issues/152830,
  https://github.com/openclaw/openclaw/pull/152844
- Activity signals and automatic activity detection:
  https://ai.google.dev/gemini-api/docs/live-guide, https://ai.google.dev/api/live
- `AutomaticActivityDetection.disabled` ("the client must send activity signals"),
  `LiveClientRealtimeInput.audio_stream_end` ("only ... when automatic activity detection is
  enabled") in https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Audio before `activityStart` refused with 1007 when detection is off (third-party):
  https://github.com/BasedHardware/omi/pull/7611
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from livemigrate.analysis import (LiveConfig, ModelInfo, RealtimeInput, blob_kind, block_of, descendants,
                                  is_text_expression, statement_of, string_value)
from livemigrate.edits import Edit, Replace, overlaps
from livemigrate.fixes import add_entry, keyword_arg, string_literal
from livemigrate.migration import to_camel, to_snake
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_FIELDS = {"audio_stream_end": "audio_stream_end", "audioStreamEnd": "audio_stream_end",
           "activity_end": "activity_end", "activityEnd": "activity_end"}
# What a realtime send may carry that is no media. Anything else (audio, video, media chunks,
# a stream, what the module cannot read) must sit inside a push-to-talk turn once detection is off.
_NOT_MEDIA = {"text", "audio_stream_end", "activity_start", "activity_end"}
_DETECTION = ("realtime_input_config", "automatic_activity_detection")
_HOLDER_TYPES = {"RealtimeInputConfig", "RealtimeInputConfigDict", "AutomaticActivityDetection",
                 "AutomaticActivityDetectionDict"}


def _sent_fields(node: cst.CSTNode) -> list[tuple[str, cst.CSTNode, cst.BaseExpression]]:
    """(field, where it is spelled, its value) for the stream-end and activity-end fields a
    realtime-input send carries (keyword arguments, dict keys)."""
    found = []
    for child in descendants(node):
        if isinstance(child, cst.Arg) and child.keyword is not None and child.keyword.value in _FIELDS:
            found.append((_FIELDS[child.keyword.value], child.keyword, child.value))
        elif isinstance(child, cst.DictElement) and string_value(child.key) in _FIELDS:
            found.append((_FIELDS[string_value(child.key)], child.key, child.value))
    return found


def _is_false(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value in ("False", "None")


def _is_true(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "True"


# --- what one send carries ------------------------------------------------------------------
def _top_fields(send: RealtimeInput) -> list[tuple[str, cst.Arg | cst.DictElement | None]]:
    """(snake_case field, the argument or frame key sending it) for each thing ``send``
    sends; ``("?", None)`` for what the module cannot read (``**kwargs``, a frame in a name)."""
    if send.call is not None:
        if send.method == "start_stream":
            return [("stream", None)]
        fields: list[tuple[str, cst.Arg | cst.DictElement | None]] = []
        for arg in send.call.call.args:
            if arg.star:
                fields.append(("?", None))
            else:  # session.send(chunk): the deprecated positional input
                fields.append((to_snake(arg.keyword.value) if arg.keyword else "input", arg))
        return fields
    value = send.node.value if isinstance(send.node, cst.DictElement) else None
    if not isinstance(value, cst.Dict):
        return [("?", None)]
    return [(to_snake(string_value(e.key) or "?"), e) if isinstance(e, cst.DictElement) else ("?", None)
            for e in value.elements]


def _carries_media(send: RealtimeInput) -> bool:
    """Audio, video, media chunks, a stream, or anything unread. Text handed to the
    deprecated ``send(input="...")`` is client content, not media."""
    for name, holder in _top_fields(send):
        if name == "input" and holder is not None and is_text_expression(holder.value):
            continue
        if name not in _NOT_MEDIA:
            return True
    return False


def _carries_audio(ctx: RuleContext, send: RealtimeInput) -> bool:
    """Audio, or media whose kind the module does not show: where a push-to-talk turn starts.
    A camera frame is media but starts no turn."""
    for name, holder in _top_fields(send):
        if name == "video" or name in _NOT_MEDIA:
            continue
        if name in ("media", "input") and holder is not None and (
                is_text_expression(holder.value) or blob_kind(holder.value, ctx.live) == "video"):
            continue
        return True
    return False


def _names(send: RealtimeInput) -> set[str]:
    return {name for name, _ in _top_fields(send)}


# --- statements the fix writes --------------------------------------------------------------
@dataclass(frozen=True)
class _OwnLine:
    """A send that is a statement of its own and sends one field
    (``await session.send_realtime_input(text=...)``,
    ``await ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))``): an activity
    signal can be written as a copy of it, on the same session, awaited the same way."""

    send: RealtimeInput
    holder: cst.Arg | cst.DictElement  # the one argument or frame key it sends
    line: cst.SimpleStatementLine


def _own_line(ctx: RuleContext, send: RealtimeInput, name: str) -> _OwnLine | None:
    if send.call is not None and send.method != "send_realtime_input":
        return None  # the deprecated spellings are LM103's and LM105's to rewrite first
    fields = _top_fields(send)
    holder = fields[0][1] if len(fields) == 1 and fields[0][0] == name else None
    line = statement_of(send.node, ctx.live.parent)
    if holder is None or not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1 \
            or not isinstance(line.body[0], cst.Expr):
        return None
    if send.call is not None:
        value = line.body[0].value
        if (value.expression if isinstance(value, cst.Await) else value) is not send.call.call:
            return None
    return _OwnLine(send, holder, line)


def _signal(own: _OwnLine, signal: str, types_alias: str | None) -> cst.Arg | cst.DictElement:
    """What ``own`` sends, turned into ``signal`` (``activity_start`` / ``activity_end``) in
    its spelling."""
    holder = own.holder
    if isinstance(holder, cst.Arg):
        kind = "ActivityStart" if signal == "activity_start" else "ActivityEnd"
        value = cst.Call(cst.Attribute(cst.Name(types_alias), cst.Name(kind))) if types_alias else cst.Dict([])
        return holder.with_changes(keyword=cst.Name(signal), value=value)
    frame_key = string_value(own.send.node.key) if isinstance(own.send.node, cst.DictElement) else None
    camel = frame_key is not None and to_snake(frame_key) != frame_key
    return holder.with_changes(key=string_literal(to_camel(signal) if camel else signal, holder.key),
                               value=cst.Dict([]))


def _signal_line(own: _OwnLine, signal: str, types_alias: str | None) -> cst.SimpleStatementLine:
    """A copy of ``own``'s statement sending ``signal`` instead (without its comments)."""
    line = own.line.deep_replace(own.holder, _signal(own, signal, types_alias))
    assert isinstance(line, cst.SimpleStatementLine)
    return line.with_changes(leading_lines=(), trailing_whitespace=cst.TrailingWhitespace())


def _around(statement: cst.BaseStatement, before: cst.SimpleStatementLine,
            after: cst.SimpleStatementLine | None = None) -> Replace:
    """``before`` written above ``statement`` (taking the blank and comment lines above it,
    which describe the turn that now starts there), ``after`` below it."""
    lines = [before.with_changes(leading_lines=statement.leading_lines), statement.with_changes(leading_lines=())]
    return Replace(statement, cst.FlattenSentinel(lines + ([after] if after is not None else [])))


# --- where the push-to-talk turn starts -----------------------------------------------------
def _within(ctx: RuleContext, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    live = ctx.live
    return live.order_of(outer) <= live.order_of(node) < live.end_of(outer)


def _same_session(ctx: RuleContext, a: RealtimeInput, b: RealtimeInput) -> bool:
    if a.call is not None and b.call is not None:
        return ctx.code(a.call.receiver) == ctx.code(b.call.receiver)
    return a.frame is not None and b.frame is not None


def _turn_start(ctx: RuleContext, end: _OwnLine, sends: list[RealtimeInput]) -> cst.BaseStatement | None:
    """The statement that sends the first audio of the turn ``end`` closes: of the statements
    before it in its block, back to the one that ends an earlier turn or sends text, the
    earliest that sends audio on the same session. None when there is none there."""
    found = block_of(end.line, ctx.live.parent)
    if found is None:
        return None
    block, index = found
    first = None
    for line in reversed(block.body[:index]):
        inside = [s for s in sends if _within(ctx, s.node, line)]
        if any(_names(s) & _NOT_MEDIA for s in inside):
            break  # an earlier turn's end, a signal or a text turn: this turn starts after it
        if any(_carries_audio(ctx, s) and _same_session(ctx, s, end.send) for s in inside):
            first = line
    return first


# --- automatic activity detection off, in the config's spelling ----------------------------
def _typed_module(ctx: RuleContext, node: cst.CSTNode) -> cst.BaseExpression | None:
    """``types`` for ``types.LiveConnectConfig(...)`` (any alias): where typed values go."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
            and ctx.live.imports.types_name(node.func) is not None:
        return node.func.value
    return None


def _camel_keys(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Dict) and any(
        isinstance(e, cst.DictElement) and to_snake(string_value(e.key) or "") != (string_value(e.key) or "")
        for e in node.elements)


def _first_key(node: cst.CSTNode) -> cst.BaseExpression | None:
    if isinstance(node, cst.Dict):
        return next((e.key for e in node.elements if isinstance(e, cst.DictElement)), None)
    return None


def _detection_value(ctx: RuleContext, holder: cst.CSTNode) -> cst.BaseExpression:
    """``automatic_activity_detection`` with ``disabled`` true, for ``holder`` (a realtime
    input config): typed beside a typed holder, else a dict."""
    module = _typed_module(ctx, holder)
    if module is not None:
        return cst.Call(cst.Attribute(module, cst.Name("AutomaticActivityDetection")),
                        args=[keyword_arg("disabled", cst.Name("True"))])
    return cst.Dict([cst.DictElement(string_literal("disabled", _first_key(holder)), cst.Name("True"))])


def _input_config_value(ctx: RuleContext, container: cst.CSTNode, camel: bool) -> cst.BaseExpression:
    """A new ``realtime_input_config`` turning detection off, for ``container`` (the config)."""
    module = _typed_module(ctx, container)
    if module is not None:
        inner = _detection_value(ctx, container)
        return cst.Call(cst.Attribute(module, cst.Name("RealtimeInputConfig")),
                        args=[keyword_arg("automatic_activity_detection", inner)])
    key = "automaticActivityDetection" if camel else "automatic_activity_detection"
    like = _first_key(container)
    return cst.Dict([cst.DictElement(string_literal(key, like), cst.Dict([
        cst.DictElement(string_literal("disabled", like), cst.Name("True"))]))])


def _is_holder(ctx: RuleContext, node: cst.CSTNode) -> bool:
    """A literal a fix can add to: a dict, ``dict(...)`` or a typed realtime-input config."""
    if isinstance(node, cst.Dict):
        return True
    return isinstance(node, cst.Call) and (
        (isinstance(node.func, cst.Name) and node.func.value == "dict")
        or ctx.live.imports.types_name(node.func) in _HOLDER_TYPES)


def _detection_off(ctx: RuleContext, config: LiveConfig) -> list[Edit] | None:
    """The edits that turn automatic activity detection off in ``config`` ([] when it is off
    already), or None when the config cannot take them here."""
    live = ctx.live
    raw = config.kind == "raw"
    entries = live.entries_of(config)
    disabled = [e for e in entries if e.path == (*_DETECTION, "disabled")]
    if disabled:
        if len(disabled) == 1 and _is_true(disabled[0].value):
            return []
        if len(disabled) > 1 or disabled[0].container is None or not _is_false(disabled[0].value):
            return None  # a computed choice, or one made in several places, stays the user's
        return [Replace(disabled[0].value, cst.Name("True"))]
    for path, name in ((_DETECTION, "disabled"), (_DETECTION[:1], _DETECTION[1])):
        found = [e for e in entries if e.path == path]
        if not found:
            continue
        holder = live.resolve_value(found[0].value)
        if len(found) > 1 or found[0].container is None or not _is_holder(ctx, holder):
            return None  # set by a later statement (maybe in a branch) or handed in from elsewhere
        camel = raw or found[0].spelling == "camel" or _camel_keys(holder)
        value = cst.Name("True") if name == "disabled" else _detection_value(ctx, holder)
        edit = add_entry(holder, name, value, camel=camel)
        return [edit] if edit is not None else None
    container = live.container_of(config)
    if container is None:
        return None
    camel = raw or _camel_keys(container)
    edit = add_entry(container, "realtime_input_config", _input_config_value(ctx, container, camel), camel=camel)
    return [edit] if edit is not None else None


# --- the fix --------------------------------------------------------------------------------
def _session_edits(ctx: RuleContext, sends: list[RealtimeInput], config: LiveConfig,
                   alias: str | None) -> list[Edit] | None:
    """The edits for the sessions of one config: a start and an end for each push-to-talk
    turn, framed realtime text, detection off. [] when they end no turn with the stream end
    (they keep detection on and stay as they are); None when a part cannot be placed."""
    live = ctx.live
    turns: list[tuple[_OwnLine, cst.BaseStatement]] = []
    for send in sends:
        if any(name == "audio_stream_end" and not _is_false(value) for name, _, value in _sent_fields(send.node)):
            end = _own_line(ctx, send, "audio_stream_end")
            start = _turn_start(ctx, end, sends) if end is not None and _is_true(end.holder.value) else None
            if end is None or start is None:
                return None
            turns.append((end, start))
    if not turns:
        return []
    spans = [(live.order_of(start), live.end_of(end.line)) for end, start in turns]
    edits: list[Edit] = []
    for send in sends:
        if any(low <= live.order_of(send.node) < high for low, high in spans):
            continue
        if _carries_media(send):
            return None  # audio outside a push-to-talk turn: detection off would strand it
        if "text" in _names(send):
            text = _own_line(ctx, send, "text")
            if text is None:
                return None
            edits.append(_around(text.line, _signal_line(text, "activity_start", alias),
                                 _signal_line(text, "activity_end", alias)))
    for end, start in turns:
        edits.append(Replace(end.holder, _signal(end, "activity_end", alias)))
        edits.append(_around(start, _signal_line(end, "activity_start", alias)))
    detection = _detection_off(ctx, config)
    return None if detection is None else edits + detection


def _push_to_talk_fix(ctx: RuleContext, sends: list[RealtimeInput]) -> Fix | None:
    """One fix for the module: the edits of every config whose sessions end a turn with the
    stream end. None when any of them cannot be placed: a partial fix would leave an
    ``activity_end`` in the module, and with it the rest of the findings unreported."""
    live = ctx.live
    if any(live.is_legacy_only(s.node) or "activity_start" in _names(s) for s in sends):
        return None
    if any(s.call is not None and s.method != "send_realtime_input" for s in sends):
        return None  # LM103 / LM105 rewrite the deprecated sends first; what they send is known then
    # Sessions sharing one config literal (two connects given CONFIG) share its detection.
    groups: dict[int, tuple[list[LiveConfig], list[RealtimeInput]]] = {}
    for send in sends:
        config = live.config_of(send.connect)
        if config is None:
            return None  # a send whose session's config is unknown may be on the changed one
        written = live.container_of(config)
        configs, members = groups.setdefault(id(written if written is not None else config), ([], []))
        if config not in configs:
            configs.append(config)
        members.append(send)
    edits: list[Edit] = []
    models: list[ModelInfo] = []
    alias = ctx.live.imports.types_alias()
    for configs, members in groups.values():
        part = _session_edits(ctx, members, configs[0], alias)
        if part is None:
            return None
        if part:
            edits += part
            models += [c.model for c in configs]
    parents = live.parent_map()
    if not edits or any(overlaps(a.node, b.node, parents) for i, a in enumerate(edits) for b in edits[i + 1:]):
        return None
    model = models[0] if len({m.status for m in models}) == 1 else ModelInfo.unknown()
    return Fix.unsafe("activity_start / activity_end with automatic activity detection off", *edits, model=model)


class AudioStreamEndAsTurnEnd(Rule):
    id = "LM606"
    name = "audio-stream-end-as-turn-end"
    message = "audio_stream_end used to end the user's turn: the target does not treat it as one"
    fix_availability = FixAvailability.SOMETIMES
    EXAMPLE_TARGET = "3.8"

    VALID = [
        # activity signals drive the turns; the stream end only flushes a paused microphone
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
        "        await s.send_realtime_input(activity_end=types.ActivityEnd())\n"
        "        await s.send_realtime_input(audio_stream_end=True)\n",
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
        "        await s.send_realtime_input(audio_stream_end=False)\n",
    ]
    INVALID = [
        Invalid(  # no audio before the end in this function: the turn's start is elsewhere
            "from google import genai\nclient = genai.Client()\n"
            "async def main(button):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        await button.released()\n"
            "        await s.send_realtime_input(audio_stream_end=True)\n",
        ),
        Invalid(  # a raw end with no setup frame in the module: no config to turn detection off in
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"\n'
            "async def release(ws):\n"
            "    await ws.send(json.dumps({'realtimeInput': {'audioStreamEnd': True}}))\n",
        ),
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'])\n"
            "async def talk(microphone):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config=CONFIG) as s:\n"
            "        async for chunk in microphone.while_pressed():\n"
            "            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type='audio/pcm;rate=16000'))\n"
            "        await s.send_realtime_input(audio_stream_end=True)\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'], realtime_input_config=types."
            "RealtimeInputConfig(automatic_activity_detection=types.AutomaticActivityDetection(disabled=True)))\n"
            "async def talk(microphone):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config=CONFIG) as s:\n"
            "        await s.send_realtime_input(activity_start=types.ActivityStart())\n"
            "        async for chunk in microphone.while_pressed():\n"
            "            await s.send_realtime_input(audio=types.Blob(data=chunk, mime_type='audio/pcm;rate=16000'))\n"
            "        await s.send_realtime_input(activity_end=types.ActivityEnd())\n",
            unsafe=True, line=9,
        ),
        Invalid(  # merged into the detection settings the config has; realtime text framed too
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'realtime_input_config': {'automatic_activity_detection': {'silence_duration_ms': 500}}}\n"
            "async def main(pcm, question):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config=CONFIG) as s:\n"
            "        await s.send_realtime_input(text=question)\n"
            "        await s.send_realtime_input(audio={'data': pcm, 'mime_type': 'audio/pcm;rate=16000'})\n"
            "        await s.send_realtime_input(audio_stream_end=True)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'realtime_input_config': {'automatic_activity_detection': {'silence_duration_ms': 500, "
            "'disabled': True}}}\n"
            "async def main(pcm, question):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config=CONFIG) as s:\n"
            "        await s.send_realtime_input(activity_start={})\n"
            "        await s.send_realtime_input(text=question)\n"
            "        await s.send_realtime_input(activity_end={})\n"
            "        await s.send_realtime_input(activity_start={})\n"
            "        await s.send_realtime_input(audio={'data': pcm, 'mime_type': 'audio/pcm;rate=16000'})\n"
            "        await s.send_realtime_input(activity_end={})\n",
            unsafe=True,
        ),
        Invalid(  # raw frames: camelCase keys in the setup frame and the signals
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def run(ws, chunks):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live"}}))\n'
            "    for chunk in chunks:\n"
            '        await ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", '
            '"data": chunk}}}))\n'
            '    await ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))\n',
            fixed='import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def run(ws, chunks):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live", '
            '"realtimeInputConfig": {"automaticActivityDetection": {"disabled": True}}}}))\n'
            '    await ws.send(json.dumps({"realtimeInput": {"activityStart": {}}}))\n'
            "    for chunk in chunks:\n"
            '        await ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", '
            '"data": chunk}}}))\n'
            '    await ws.send(json.dumps({"realtimeInput": {"activityEnd": {}}}))\n',
            unsafe=True,
        ),
        Invalid(  # the microphone streams from its own task: detection off would strand that audio
            "import asyncio\nfrom google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def stream(s, queue):\n"
            "    while True:\n"
            "        await s.send_realtime_input(audio=types.Blob(data=await queue.get(), mime_type='audio/pcm;rate=16000'))\n"
            "async def main(queue, button):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        asyncio.create_task(stream(s, queue))\n"
            "        await button.released()\n"
            "        await s.send_realtime_input(audio_stream_end=True)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.audio_stream_end_ends_turn:
            return
        inputs = ctx.live.realtime_inputs()
        sends = [(send, _sent_fields(send.node)) for send in inputs]
        if any(name == "activity_end" for _, fields in sends for name, _, _ in fields):
            return  # turns are driven by activity signals
        ends = [key for send, fields in sends if not ctx.live.is_legacy_only(send.node)
                for name, key, value in fields if name == "audio_stream_end" and not _is_false(value)]
        # One fix for the module: detection off in the config reaches every turn at once.
        fix = _push_to_talk_fix(ctx, inputs) if ends else None
        for key in ends:
            ctx.report(key, f"`{ctx.code(key)}` ends the user's turn in this code: "
                       f"{ctx.target.claim('audio_stream_end')}.", fix)
