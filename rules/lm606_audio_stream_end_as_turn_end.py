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
reply. This is a third-party report (two projects), not documented; waiting for a reply that
never comes is the failure, so the rule takes that reading for both 3.8 targets.

## Example
```python
async def on_release(session):
    await session.send_realtime_input(audio_stream_end=True)
```

## Use instead
```python
config = {"realtime_input_config": {"automatic_activity_detection": {"disabled": True}}}
...
await session.send_realtime_input(activity_start=types.ActivityStart())   # on press
await session.send_realtime_input(activity_end=types.ActivityEnd())       # on release
```
or keep automatic activity detection on and keep streaming (silence included) until the reply.

## Fix safety
No fix: activity signals need automatic activity detection turned off in the config and a
start signal where the button is pressed, which the rule cannot place.

## References
- 3.8 ignores `audioStreamEnd` as end of turn: https://github.com/openclaw/openclaw/issues/152830,
  https://github.com/openclaw/openclaw/pull/152844
- Activity signals and automatic activity detection:
  https://ai.google.dev/gemini-api/docs/live-guide
- `LiveClientRealtimeInput.audio_stream_end` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import descendants, string_value
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext

_FIELDS = {"audio_stream_end": "audio_stream_end", "audioStreamEnd": "audio_stream_end",
           "activity_end": "activity_end", "activityEnd": "activity_end"}


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


class AudioStreamEndAsTurnEnd(Rule):
    id = "LM606"
    name = "audio-stream-end-as-turn-end"
    message = "audio_stream_end used to end the user's turn: the target does not treat it as one"
    fix_availability = FixAvailability.NEVER
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
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "async def main(button):\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live', config={}) as s:\n"
            "        await button.released()\n"
            "        await s.send_realtime_input(audio_stream_end=True)\n",
        ),
        Invalid(
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"\n'
            "async def release(ws):\n"
            "    await ws.send(json.dumps({'realtimeInput': {'audioStreamEnd': True}}))\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.audio_stream_end_ends_turn:
            return
        sends = [(send, _sent_fields(send.node)) for send in ctx.live.realtime_inputs()]
        if any(name == "activity_end" for _, fields in sends for name, _, _ in fields):
            return  # turns are driven by activity signals
        for send, fields in sends:
            if ctx.live.is_legacy_only(send.node):
                continue
            for name, key, value in fields:
                if name == "audio_stream_end" and not _is_false(value):
                    ctx.report(key, f"`{ctx.code(key)}` ends the user's turn in this code: "
                               f"{ctx.target.claim('audio_stream_end')}.")
