"""Realtime input that can reach the server before the declared history seed: the seed is refused.

## What it does
Flags realtime input (audio, video, text, `audio_stream_end`, activity signals) that can be
sent before a declared history seed is complete: the session's config declares
`history_config.initial_history_in_client_content`, and a `send_realtime_input` (or a raw
`realtimeInput` frame, or a sender started as a task, or a `gather` that runs a sender beside
the seed) runs before the client content that completes the seed. The finding sits on that
realtime input (what has to move after the seed): the `send_realtime_input(` call, the
`create_task(` / `tg.create_task(` / `gather(` that starts the sender, the raw frame's
`"realtimeInput"` key, or the call of a helper that builds the frame. Only the first such input
of a session is reported.

Seeds are followed where real code sends them: in the function that opens the session, or in a
helper it calls (`await self._seed()` after `await self._open()`), up to two helpers deep, each
caller apart (a helper's session is the one each caller passes it); raw WebSocket clients
likewise (the setup frame sent, then frames), each socket with the setup frame it sends (a
module constant such as `SETUP_DECLARED` declares the seeds of the sockets that send it).

An undeclared seed is LM102's (declare it first); once declared, this rule orders it.

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
Unsafe, and only where the move is plain: the seed is a statement of its own
(`await session.send_client_content(...)`, `await ws.send(json.dumps({...}))`, or
`await self._seed()`) in the same block as the realtime input, and it reads nothing the
statements in between assign. The fix moves the seed right above that input; when the input
is the first statement of an `async with asyncio.TaskGroup()` block (or an anyio task group /
trio nursery), above that block: the seed then completes before any task starts. It changes
the order of the program's own statements (what runs before the microphone starts), so it is
for a human to review. No fix when the seed runs in the same `gather` as the sender, when it
is built over several statements or calls, or sits in another block than the input.

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

import libcst as cst

from livemigrate.analysis import block_of, dotted_name, names_bound, names_read, statement_of
from livemigrate.edits import RemoveStatement, Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_HEAD = ("import asyncio\nfrom google import genai\nclient = genai.Client()\n"
         "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n"
         "async def mic(s, chunks):\n    for c in chunks:\n"
         "        await s.send_realtime_input(audio={'data': c, 'mime_type': 'audio/pcm;rate=16000'})\n")
_CONNECT = "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
# What opens a block whose tasks start only inside it: the seed can go above it.
_TASK_GROUPS = ("TaskGroup", "create_task_group", "open_nursery")


class RealtimeBeforeSeed(Rule):
    id = "LM107"
    name = "realtime-before-seed"
    message = "realtime input can reach the server before the declared history seed: send the seed first"
    fix_availability = FixAvailability.SOMETIMES

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
        # an undeclared seed: LM102 declares it first, then this rule orders it
        "from google import genai\nclient = genai.Client()\n"
        "HISTORY = [{'role': 'user', 'parts': [{'text': 'I am Ada'}]}, {'role': 'model', 'parts': [{'text': 'Hi'}]}]\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        await s.send_realtime_input(text='hello')\n"
        "        await s.send_client_content(turns=HISTORY, turn_complete=True)\n",
        # realtime input on an earlier session, not the seeded one
        _HEAD + "async def main(history):\n" + _CONNECT
        + "        await s.send_realtime_input(text='ping')\n" + _CONNECT.replace(" s:", " t:")
        + "        await t.send_client_content(turns=history, turn_complete=True)\n"
        "        await t.send_realtime_input(text='Go on.')\n",
    ]
    INVALID = [
        Invalid(  # a microphone task started before the seed: the seed moves above it
            _HEAD + "async def main(history, chunks):\n" + _CONNECT
            + "        task = asyncio.create_task(mic(s, chunks))\n"
            "        await s.send_client_content(turns=history, turn_complete=True)\n"
            "        async for m in s.receive():\n            print(m)\n",
            fixed=_HEAD + "async def main(history, chunks):\n" + _CONNECT
            + "        await s.send_client_content(turns=history, turn_complete=True)\n"
            "        task = asyncio.create_task(mic(s, chunks))\n"
            "        async for m in s.receive():\n            print(m)\n",
            unsafe=True,
            line=10,
        ),
        Invalid(  # sender tasks in a task group, the seed inside it: the seed goes before the group
            _HEAD + "async def main(history, chunks):\n" + _CONNECT
            + "        async with asyncio.TaskGroup() as tg:\n"
            "            tg.create_task(mic(s, chunks))\n"
            "            await s.send_client_content(turns=history, turn_complete=True)\n",
            fixed=_HEAD + "async def main(history, chunks):\n" + _CONNECT
            + "        await s.send_client_content(turns=history, turn_complete=True)\n"
            "        async with asyncio.TaskGroup() as tg:\n"
            "            tg.create_task(mic(s, chunks))\n",
            unsafe=True,
            line=11,
        ),
        Invalid(  # the seed and the sender in one gather: reported on the gather, no fix
            _HEAD + "async def seed(s, history):\n"
            "    await s.send_client_content(turns=history, turn_complete=True)\n"
            "async def main(history, chunks):\n" + _CONNECT
            + "        await asyncio.gather(seed(s, history), mic(s, chunks))\n",
            line=12,
        ),
        Invalid(  # a raw client: a realtimeInput frame before the clientContent seed
            'import json\nimport websockets\n'
            'URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def main(history, question):\n'
            '    async with websockets.connect(URI) as ws:\n'
            '        await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '            "historyConfig": {"initialHistoryInClientContent": True}}}))\n'
            '        await ws.send(json.dumps({"realtimeInput": {"text": question}}))\n'
            '        await ws.send(json.dumps({"clientContent": {"turns": history, "turnComplete": True}}))\n',
            fixed='import json\nimport websockets\n'
            'URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def main(history, question):\n'
            '    async with websockets.connect(URI) as ws:\n'
            '        await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '            "historyConfig": {"initialHistoryInClientContent": True}}}))\n'
            '        await ws.send(json.dumps({"clientContent": {"turns": history, "turnComplete": True}}))\n'
            '        await ws.send(json.dumps({"realtimeInput": {"text": question}}))\n',
            unsafe=True,
            line=8,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.client_content_mid_session:
            return  # client content is taken for the whole session: no race to lose
        live = ctx.live
        reported: set[int] = set()
        for send in live.client_content_sends():
            if send.legacy_only or send.config is None or not live.declares_history(send.config):
                continue  # an undeclared seed is LM102's: it is declared first, then ordered here
            for race in send.races:
                if id(race.anchor) in reported:
                    continue  # the first input of the session, once (a seed sent in parts meets it again)
                reported.add(id(race.anchor))
                ctx.report(race.anchor, f"realtime input can reach the server before the declared history seed is "
                           f"complete ({race.why}): {ctx.target.claim('client_content_mid_session')}; send the "
                           f"seed before any realtime input", self._move_seed(ctx, race))

    @staticmethod
    def _move_seed(ctx: RuleContext, race) -> Fix | None:
        """The seed's statement moved right above the realtime input's (or above the task group
        the input is the first statement of), when both are statements of one block and the
        seed reads nothing the statements in between assign."""
        if race.together:
            return None  # one gather runs both: there is no order to change
        live = ctx.live
        seed = statement_of(race.site, live.parent)
        first = statement_of(race.anchor, live.parent)
        if not (isinstance(seed, cst.SimpleStatementLine) and len(seed.body) == 1
                and isinstance(seed.body[0], cst.Expr)):
            return None  # `x = await ...` or several statements on the line: not a plain send
        value = seed.body[0].value
        if not isinstance(value, (cst.Await, cst.Call)):
            return None
        seed_at, first_at = block_of(seed, live.parent), block_of(first, live.parent)
        if seed_at is None or first_at is None or seed_at[0] is not first_at[0] or first_at[1] >= seed_at[1]:
            return None
        block, index = seed_at
        reads = {name.value for name in names_read(seed)}
        if reads & names_bound(*block.body[first_at[1]:index]):
            return None  # it reads what runs in between (`history = await load()`)
        group = live.parent(block)
        if first_at[1] == 0 and isinstance(group, cst.With) and _opens_task_group(group) \
                and not reads & names_bound(*(item for item in group.items)):
            # the input is the group's first task: the seed goes before the group starts any
            rest = [line for line in block.body if line is not seed]
            moved = group.with_changes(body=block.with_changes(body=rest))
            return Fix.unsafe("send the seed before the task group starts its senders",
                              Replace(group, cst.FlattenSentinel([seed, moved])))
        return Fix.unsafe("send the seed before the realtime input",
                          RemoveStatement(seed), Replace(first, cst.FlattenSentinel([seed, first])))


def _opens_task_group(node: cst.With) -> bool:
    """``async with asyncio.TaskGroup() as tg`` (or an anyio task group, a trio nursery)."""
    for item in node.items:
        value = item.item
        if isinstance(value, cst.Call) and (dotted_name(value.func) or "").split(".")[-1] in _TASK_GROUPS:
            return True
    return False
