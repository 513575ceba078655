"""A history seed with no realtime input after it: the session waits in silence.

## What it does
Flags a client-content send that runs right after connect as the session's history seed
(`send_client_content(turns=history, turn_complete=True)`, or a raw `clientContent` frame)
when nothing on that session sends realtime input afterwards (no `send_realtime_input`, no
audio task, no raw `realtimeInput` frame, no later client content) while the code reads
the session's replies. Declared seeds and seeds that LM102 would declare alike.

A single user text sent this way is a one-shot prompt, which LM101 reports (and rewrites to
realtime text); this rule takes the seeds that carry history.

## Why is this bad?
2.5 answered client content that ended with `turn_complete=True`: the history was also the
prompt. Gemini 3.1 Flash Live takes the seed as context only and never answers it by itself;
it speaks after the first realtime input. Code that seeds and then only reads replies waits
forever (until the session times out). Whether the 3.1 server answers a seed is reported by
third parties (Pipecat's service sends a realtime turn after seeding), not by Google's docs;
the 3.8 target answers a closed seed, so this rule does not fire there.

## Example
```python
async with client.aio.live.connect(model=MODEL, config=config) as session:
    await session.send_client_content(turns=history, turn_complete=True)
    async for message in session.receive():
        play(message)
```

## Use instead
```python
async with client.aio.live.connect(model=MODEL, config=config) as session:
    await session.send_client_content(turns=history, turn_complete=True)
    await session.send_realtime_input(text="Please continue.")  # or stream the microphone
    async for message in session.receive():
        play(message)
```

## Fix safety
No fix: what the first turn says (a greeting, the last user message moved out of the
history, the microphone) is the program's decision.

## References
- Gemini 3.1 Flash Live model page and the Live API guide (client content seeds history; text
  during the session goes through realtime input):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview,
  https://ai.google.dev/gemini-api/docs/live-guide
- Pipecat's Gemini Live service (seed, then a realtime turn on 3.x):
  https://github.com/pipecat-ai/pipecat/blob/main/src/pipecat/services/google/gemini_live/llm.py
- Gemini 3.8 Live answers client content that ends with turn_complete=True:
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import contains
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext

_CONNECT = "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
_HEAD = ("from google import genai\nclient = genai.Client()\n"
         "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n")


class SeedWithoutFirstTurn(Rule):
    id = "LM108"
    name = "seed-without-first-turn"
    message = "history seed with no realtime input after it: the target does not answer a seed by itself"
    fix_availability = FixAvailability.NEVER

    VALID = [
        # a realtime turn follows the seed
        _HEAD + "async def main(history):\n" + _CONNECT
        + "        await s.send_client_content(turns=history, turn_complete=True)\n"
        "        await s.send_realtime_input(text='Please continue.')\n"
        "        async for m in s.receive():\n            print(m)\n",
        # the microphone streams as a task started after the seed
        "import asyncio\n" + _HEAD
        + "async def mic(s, chunks):\n    for c in chunks:\n"
        "        await s.send_realtime_input(audio={'data': c, 'mime_type': 'audio/pcm;rate=16000'})\n"
        "async def main(history, chunks):\n" + _CONNECT
        + "        await s.send_client_content(turns=history, turn_complete=True)\n"
        "        asyncio.create_task(mic(s, chunks))\n"
        "        async for m in s.receive():\n            print(m)\n",
        # seeds, and never reads a reply here (a helper; the caller goes on)
        _HEAD + "async def seed(s, history):\n"
        "    await s.send_client_content(turns=history, turn_complete=True)\n",
    ]
    INVALID = [
        Invalid(
            _HEAD + "HISTORY = [{'role': 'user', 'parts': [{'text': 'I am Ada'}]},\n"
            "           {'role': 'model', 'parts': [{'text': 'Hi Ada'}]}]\n"
            "async def main():\n" + _CONNECT
            + "        await s.send_client_content(turns=HISTORY, turn_complete=True)\n"
            "        async for m in s.receive():\n            print(m)\n",
            line=8,
        ),
        Invalid(  # a raw client: the same seed as a clientContent frame
            'import json\nimport websockets\n'
            'URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def main(history):\n'
            '    async with websockets.connect(URI) as ws:\n'
            '        await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '            "historyConfig": {"initialHistoryInClientContent": True}}}))\n'
            '        await ws.send(json.dumps({"clientContent": {"turns": history, "turnComplete": True}}))\n'
            '        async for raw in ws:\n            print(json.loads(raw))\n',
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.answers_history_seed:
            return
        live = ctx.live
        sends = live.client_content_sends()
        inputs = live.realtime_inputs()
        seeds: dict[int, list] = {}
        for send in sends:
            if send.legacy_only or send.phase != "seed" or send.content.turn_complete is False:
                continue
            declared = send.config is not None and live.declares_history(send.config)
            if send.content.user_text is not None and not send.content.is_history and not declared:
                continue  # a one-shot prompt: LM101 turns it into realtime text
            seeds.setdefault(-1 if send.raw else id(send.connect), []).append(send)
        for group in seeds.values():
            last = max(group, key=lambda s: live.order_of(s.node))
            if not self._reads_replies(last, live) or self._input_follows(last, inputs, sends, live):
                continue
            ctx.report(last.anchor, f"history seed with no realtime input after it on this session: "
                       f"{ctx.target.claim('seed_reply')}, so the session waits in silence; send the first "
                       f"turn as realtime input after the seed (send_realtime_input(text=...) or audio)")

    @staticmethod
    def _reads_replies(seed, live) -> bool:
        """The module waits for the model: a receive loop (SDK), or ``recv()`` / ``async for``
        over a raw socket."""
        if not seed.raw:
            return bool(live.message_loops() or live.flow.calls_named("receive"))
        if any(isinstance(c.func, cst.Attribute) and c.func.attr.value == "recv" for c in live.calls()):
            return True
        return contains(live.module, lambda n: isinstance(n, cst.For) and n.asynchronous is not None, skip=())

    @staticmethod
    def _input_follows(seed, inputs, sends, live) -> bool:
        """Something on the seed's session may send input after it: realtime input (a call,
        a task, a raw frame) or more client content, on the same session or one this module
        cannot tell apart."""
        def same_session(connect) -> bool:
            return seed.raw or seed.connect is None or connect is None or connect is seed.connect

        if any(same_session(i.connect) for i in inputs):
            return True
        return any(s is not seed and s.phase != "seed" and same_session(s.connect) for s in sends)
