"""A declared history seed with no first realtime turn: the session waits in silence.

## What it does
Flags the client content that completes a declared history seed (the config sets
`history_config.initial_history_in_client_content`; the last `send_client_content(...)` of
the seed, or a raw `clientContent` frame, with `turn_complete` true) when the code then waits
for the model before sending any realtime input: it reads `receive()` (a loop, `anext(...)`,
a helper that reads the reply, a raw socket read or loop) first, and the microphone (if any)
starts only after that first reply. A seed sent by a helper (`await self._seed()`) is
reported on the helper's call, in each caller that then waits (a caller that sends a
realtime turn after the helper is fine; one that sends realtime input before it is LM107's,
and this rule does not report it again). A raw socket's seed is declared by the setup frame
that socket sends (a module constant included), and a sync client's `for raw in ws` loop is a
reply read like an async one. Undeclared seeds are LM101's and LM102's, never this rule's.

A conversation seed (several turns) whose last turn is a user turn (the history ends with a
request such as "greet me", awaiting the model's answer) is also flagged when what follows is
only a sender started as a task or loop (the microphone): 2.5 answered that request at once,
3.x takes it as context and waits for the user to speak. A seed that ends with a model turn, or
is one user turn of context, and then streams the microphone is fine (the user speaks first),
and so is any seed followed by a realtime send (a nudge). This reading goes beyond the
catalogue's "no realtime input after it": the expert migration of such code moved the request
into a realtime turn, and the microphone alone never prompts the model.

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
    await session.send_client_content(turns=[profile, ack, kickoff], turn_complete=True)
    async for message in session.receive():
        play(message)
```

## Use instead
```python
async with client.aio.live.connect(model=MODEL, config=config) as session:
    await session.send_client_content(turns=[profile, ack], turn_complete=True)
    await session.send_realtime_input(text="Welcome Priya and explain the first-week plan.")
    async for message in session.receive():
        play(message)
```

## Fix safety
Unsafe, and only when the seed's last turn is one user turn of one literal text that the seed
can lose: the last element of a list written in the `send_client_content` call (keeping at
least one turn), or the `turns.append(...)` right before `return turns` in the helper that
builds the turns, when that helper has no other caller. The fix takes that turn out of the
seed and sends its text with `send_realtime_input(text=...)` right after the seed, the way
the model gets its first turn on 3.x. It changes what is sent (the request becomes a
realtime turn), so it is for a human to review. Otherwise (history passed in, a model turn
last, a helper with other callers, raw frames) no fix: what the first turn says (a greeting,
the last user message, the microphone) is the program's decision.

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

from livemigrate.analysis import statement_of
from livemigrate.edits import RemoveStatement, Replace, Splice, apply_to
from livemigrate.fixes import keyword_arg
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_CONNECT = "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
_HEAD = ("from google import genai\nclient = genai.Client()\n"
         "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n")
_MIC = ("async def mic(s, chunks):\n    for c in chunks:\n"
        "        await s.send_realtime_input(audio={'data': c, 'mime_type': 'audio/pcm;rate=16000'})\n")


class SeedWithoutFirstTurn(Rule):
    id = "LM108"
    name = "seed-without-first-turn"
    message = "declared history seed with no realtime turn after it: the target does not answer a seed by itself"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        # a realtime turn follows the seed
        _HEAD + "async def main(history):\n" + _CONNECT
        + "        await s.send_client_content(turns=history, turn_complete=True)\n"
        "        await s.send_realtime_input(text='Please continue.')\n"
        "        async for m in s.receive():\n            print(m)\n",
        # the microphone streams as a task started after the seed (the user speaks first)
        "import asyncio\n" + _HEAD + _MIC
        + "async def main(history, chunks):\n" + _CONNECT
        + "        await s.send_client_content(turns=history, turn_complete=True)\n"
        "        asyncio.create_task(mic(s, chunks))\n"
        "        async for m in s.receive():\n            print(m)\n",
        # seeds, and never reads a reply here (a helper; the caller goes on)
        _HEAD + "async def seed(s, history):\n"
        "    await s.send_client_content(turns=history, turn_complete=True)\n",
        # an undeclared seed is LM101's / LM102's
        "from google import genai\nclient = genai.Client()\n"
        "HISTORY = [{'role': 'user', 'parts': [{'text': 'I am Ada'}]}, {'role': 'model', 'parts': [{'text': 'Hi'}]}]\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        await s.send_client_content(turns=HISTORY, turn_complete=True)\n"
        "        async for m in s.receive():\n            print(m)\n",
    ]
    INVALID = [
        Invalid(  # the history ends with a model turn: reported, no first turn to take out of it
            _HEAD + "HISTORY = [{'role': 'user', 'parts': [{'text': 'I am Ada'}]},\n"
            "           {'role': 'model', 'parts': [{'text': 'Hi Ada'}]}]\n"
            "async def main():\n" + _CONNECT
            + "        await s.send_client_content(turns=HISTORY, turn_complete=True)\n"
            "        async for m in s.receive():\n            print(m)\n",
            line=8,
        ),
        Invalid(  # the request to greet is the seed's last turn: it becomes the first realtime turn
            _HEAD + "async def main(profile):\n" + _CONNECT
            + "        await s.send_client_content(turns=[profile, {'role': 'user', 'parts': [{'text': 'Greet me.'}]}])\n"
            "        async for m in s.receive():\n            print(m)\n",
            fixed=_HEAD + "async def main(profile):\n" + _CONNECT
            + "        await s.send_client_content(turns=[profile])\n"
            "        await s.send_realtime_input(text='Greet me.')\n"
            "        async for m in s.receive():\n            print(m)\n",
            unsafe=True,
        ),
        Invalid(  # a request at the end of the seed, then only the microphone: 2.5 answered it first
            "import asyncio\n" + _HEAD + _MIC
            + "def turns_for(saved):\n"
            "    turns = [{'role': r, 'parts': [{'text': t}]} for r, t in saved]\n"
            "    turns.append({'role': 'user', 'parts': [{'text': 'Welcome me back.'}]})\n"
            "    return turns\n"
            "async def main(saved, chunks):\n" + _CONNECT
            + "        await s.send_client_content(turns=turns_for(saved), turn_complete=True)\n"
            "        await asyncio.gather(mic(s, chunks), s.receive().__anext__())\n",
            fixed="import asyncio\n" + _HEAD + _MIC
            + "def turns_for(saved):\n"
            "    turns = [{'role': r, 'parts': [{'text': t}]} for r, t in saved]\n"
            "    return turns\n"
            "async def main(saved, chunks):\n" + _CONNECT
            + "        await s.send_client_content(turns=turns_for(saved), turn_complete=True)\n"
            "        await s.send_realtime_input(text='Welcome me back.')\n"
            "        await asyncio.gather(mic(s, chunks), s.receive().__anext__())\n",
            unsafe=True,
            line=14,
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
        reported: set[int] = set()
        for send in live.client_content_sends():
            if send.legacy_only or send.content.turn_complete is not True or not send.follow_ups \
                    or send.config is None or not live.declares_history(send.config):
                continue  # an undeclared seed is LM101's (a prompt) or LM102's (a history to declare)
            last = send.last_turn
            # a conversation that ends on the user's turn awaits the model's answer (one user
            # turn alone is context, such as "I follow tech stocks", not a request)
            asks = send.history and last is not None and last.turn.role == "user" and not send.content.is_turn_end
            for follow in send.follow_ups:
                if not (follow.first == "wait" or follow.first == "stream" and asks):
                    continue
                anchor = send.anchor if follow.site is send.node else follow.site
                if id(anchor) in reported:
                    continue
                reported.add(id(anchor))
                if follow.first == "wait":
                    why = "the code then waits for the model's reply before any realtime input"
                else:
                    why = ("the seed ends with a user request, which older models answered at once, and only a "
                           "sender started after it follows")
                fix = self._first_turn(ctx, send) if follow.site is send.node else None
                ctx.report(anchor, f"declared history seed with no realtime turn after it: {why}; "
                           f"{ctx.target.claim('seed_reply')}, so the session waits in silence; send the first turn "
                           f"as realtime input after the seed (send_realtime_input(text=...) or audio)", fix)

    @staticmethod
    def _first_turn(ctx: RuleContext, send) -> Fix | None:
        """The seed's last user turn taken out of it and sent as realtime text right after it,
        where that turn is one literal text the seed alone reads."""
        last = send.last_turn
        if send.call is None or last is None or not last.alone:
            return None
        turn = last.turn
        if turn.role != "user" or turn.other_parts or len(turn.texts) != 1 \
                or not isinstance(turn.texts[0], (cst.SimpleString, cst.ConcatenatedString)):
            return None
        line = statement_of(send.node, ctx.live.parent)
        if not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(line.body[0], cst.Expr)
                and isinstance(line.body[0].value, cst.Await) and line.body[0].value.expression is send.node
                and isinstance(send.node.func, cst.Attribute)):
            return None  # only a plain `await session.send_client_content(...)` gets a line after it
        realtime = cst.Call(send.node.func.with_changes(attr=cst.Name("send_realtime_input")),
                            [keyword_arg("text", turn.texts[0].deep_clone())])
        first_turn = cst.SimpleStatementLine([cst.Expr(cst.Await(realtime))])
        description = "send the seed's last user turn as the first realtime turn"
        if isinstance(last.written, cst.Element):
            seed = apply_to(line, [Splice(last.written, ())])
            return Fix.unsafe(description, Replace(line, cst.FlattenSentinel([seed, first_turn])))
        return Fix.unsafe(description, RemoveStatement(last.written),
                          Replace(line, cst.FlattenSentinel([line, first_turn])))
