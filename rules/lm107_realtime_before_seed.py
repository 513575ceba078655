"""Realtime input that can reach the server before the history seed: the seed is refused.

## What it does
Flags a history seed (client content in a session whose config declares
`history_config.initial_history_in_client_content`, or content that carries history: several
turns or a model turn) written where a seed goes, in the function that opens the session,
when realtime input can be sent before it: a `send_realtime_input` (or raw `realtimeInput`
frame) above it, or a task started above it that streams realtime input (a microphone pump
started before the seed is awaited).

## Why is this bad?
Gemini 3.1 Flash Live reads client content as the initial history only until the first
realtime input; after that it refuses client content and closes the session (1007), and a
declared seed that is still open refuses realtime input. A microphone task started before
the seed races it: which one wins depends on timing, so the failure is intermittent. On a
target that takes client content for the whole session this rule does not fire.

## Example
```python
async with client.aio.live.connect(model=MODEL, config=config) as session:
    mic = asyncio.create_task(stream_microphone(session))
    await session.send_client_content(turns=history, turn_complete=True)
```

## Use instead
```python
async with client.aio.live.connect(model=MODEL, config=config) as session:
    await session.send_client_content(turns=history, turn_complete=True)
    mic = asyncio.create_task(stream_microphone(session))
```

## Fix safety
No fix: moving the seed above the realtime input changes the order of the program's own
statements (what the task captures, what runs in between), so it is left to a human.

## References
- Gemini 3.1 Flash Live model page and the Live API guide (client content seeds the initial
  history; after that, text goes through realtime input):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview,
  https://ai.google.dev/gemini-api/docs/live-guide
- 1007 on client content after the realtime exchange started: https://github.com/livekit/agents/pull/5251,
  https://github.com/google/adk-python/issues/5018
- Pipecat's Gemini Live service seeds before any realtime input:
  https://github.com/pipecat-ai/pipecat/blob/main/src/pipecat/services/google/gemini_live/llm.py
"""

from __future__ import annotations

from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext

_HEAD = ("import asyncio\nfrom google import genai\nclient = genai.Client()\n"
         "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n"
         "async def mic(s, chunks):\n    for c in chunks:\n"
         "        await s.send_realtime_input(audio={'data': c, 'mime_type': 'audio/pcm;rate=16000'})\n")
_CONNECT = "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"


class RealtimeBeforeSeed(Rule):
    id = "LM107"
    name = "realtime-before-seed"
    message = "realtime input can reach the server before the history seed: send the seed first"
    fix_availability = FixAvailability.NEVER

    VALID = [
        # the seed first, then the microphone
        _HEAD + "async def main(history, chunks):\n" + _CONNECT
        + "        await s.send_client_content(turns=history, turn_complete=True)\n"
        "        task = asyncio.create_task(mic(s, chunks))\n"
        "        async for m in s.receive():\n            print(m)\n",
        # a one-shot prompt after realtime input is LM101's (plain user text), not a seed
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        await s.send_realtime_input(text='hi')\n"
        "        await s.send_client_content(turns={'role': 'user', 'parts': [{'text': 'and?'}]})\n",
    ]
    INVALID = [
        Invalid(
            _HEAD + "async def main(history, chunks):\n" + _CONNECT
            + "        task = asyncio.create_task(mic(s, chunks))\n"
            "        await s.send_client_content(turns=history, turn_complete=True)\n"
            "        async for m in s.receive():\n            print(m)\n",
            line=11,
        ),
        Invalid(  # history turns sent after a realtime greeting
            "from google import genai\nclient = genai.Client()\n"
            "HISTORY = [{'role': 'user', 'parts': [{'text': 'I am Ada'}]}, {'role': 'model', 'parts': [{'text': 'Hi'}]}]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text='hello')\n"
            "        await s.send_client_content(turns=HISTORY, turn_complete=True)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.client_content_mid_session:
            return  # client content is taken for the whole session: no race to lose
        for send in ctx.live.client_content_sends():
            if send.late_seed and not send.legacy_only:
                ctx.report(send.anchor, f"the history seed can reach the server after realtime input ({send.late_seed}): "
                           f"{ctx.target.claim('client_content_mid_session')}; send the seed before any realtime input")
