"""A receive loop that stops at `turn_complete` on a target where only IDLE ends the interaction.

## What it does
On a target whose interactions end with `server_content.interaction_status == IDLE` (3.8
extended thinking), flags an `if` in a loop over a Live session's messages whose test reads
`server_content.turn_complete` and whose body leaves the loop (`break` or `return`). Silent on
targets where `turn_complete` ends the interaction (3.1, 3.8 Live), and in code that only runs
for 2.x models. A loop that only uses `turn_complete` to end one utterance (flush the player,
reset a buffer) and keeps reading is correct and not flagged.

## Why is this bad?
The extended-thinking model sends `turn_complete` after each utterance and keeps working:
reasoning, tool calls, and more speech follow, with `interaction_status: IN_PROGRESS` until it
reports `IDLE`. A loop that stops at the first `turn_complete` drops the rest of the answer. The
SDK's `receive()` stops at IDLE by itself only from google-genai 2.23.0 on, and SDKs before
2.18.0 drop the field entirely. `REQUIRES_ACTION` is a deprecated alias of IDLE that some
servers still send (one project's session hung until it treated it as IDLE).

## Example
```python
async for message in session.receive():
    if message.server_content and message.server_content.turn_complete:
        break
```

## Use instead
```python
async for message in session.receive():
    if message.server_content and message.server_content.interaction_status in ("IDLE", "REQUIRES_ACTION"):
        break
```

## Fix safety
Unsafe: the loop reads on past each utterance; with google-genai before 2.18.0 the status never
arrives and the loop only ends when the session does (upgrade the SDK). The fix covers the
attribute spelling; a raw `turnComplete` key is reported without a fix.

## References
- Live API thinking guide (turn_complete vs interaction status):
  https://ai.google.dev/gemini-api/docs/live-api/thinking
- Google's notebook: https://github.com/google-gemini/cookbook/blob/main/quickstarts/Get_started_Live_Thinking.ipynb
- `InteractionStatus` (IDLE, deprecated REQUIRES_ACTION) in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- REQUIRES_ACTION treated as IDLE: https://github.com/AidenAI-IO/aiden-firmware/pull/708
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import ModelInfo, descendants, exit_statement
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_IDLE = cst.Tuple([cst.Element(cst.SimpleString('"IDLE"')), cst.Element(cst.SimpleString('"REQUIRES_ACTION"'))])


def _sessions_model(live) -> ModelInfo:
    """The model every Live session of the module is opened with, as far as it shows: the
    fix-style gate and the fix policy weigh the fix for it."""
    statuses = {c.model.status for c in live.connects}
    if len(statuses) != 1:
        return ModelInfo.unknown()
    return ModelInfo(statuses.pop(), tuple(dict.fromkeys(i for c in live.connects for i in c.model.ids)))


class TurnCompleteEndsInteraction(Rule):
    id = "LM604"
    name = "turn-complete-ends-interaction"
    message = "receive loop ends at turn_complete: on the target only interaction_status IDLE ends the interaction"
    fix_availability = FixAvailability.SOMETIMES
    EXAMPLE_TARGET = "3.8-xt"

    VALID = [
        # turn_complete ends one utterance; the loop reads on
        "from google import genai\nclient = genai.Client()\n"
        "async def main(player):\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config={}) as s:\n"
        "        async for message in s.receive():\n"
        "            if message.server_content and message.server_content.turn_complete:\n"
        "                player.flush()\n",
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config={}) as s:\n"
        "        async for message in s.receive():\n"
        "            if message.server_content and message.server_content.interaction_status == 'IDLE':\n"
        "                break\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config={}) as s:\n"
            "        async for message in s.receive():\n"
            "            if message.server_content and message.server_content.turn_complete:\n"
            "                break\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config={}) as s:\n"
            "        async for message in s.receive():\n"
            "            if message.server_content and message.server_content.interaction_status in "
            "(\"IDLE\", \"REQUIRES_ACTION\"):\n"
            "                break\n",
            unsafe=True,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.interaction_end != "interaction_idle":
            return
        live = ctx.live
        for loop in live.message_loops():
            for node in live.walk(loop.body):
                if not isinstance(node, cst.If) or live.is_legacy_only(node):
                    continue
                if exit_statement(node.body, (cst.Break, cst.Return)) is None:
                    continue
                for read in live.field_reads(node.test):
                    if read.field != "server_content.turn_complete":
                        continue
                    attribute = next((n for n in descendants(node.test) if isinstance(n, cst.Attribute)
                                      and n.attr.value == "turn_complete"), None)
                    fix = None
                    if attribute is not None:
                        status = cst.Comparison(attribute.with_changes(attr=cst.Name("interaction_status")), [
                            cst.ComparisonTarget(cst.In(), _IDLE)])
                        if not isinstance(live.parent(attribute), (cst.If, cst.BooleanOperation, cst.UnaryOperation)):
                            status = status.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                        # Not right on every model: 2.x, 3.1 and (maybe) 3.8 Live send no status,
                        # so a loop shared with them must keep reading turn_complete there.
                        fix = Fix.unsafe("end at interaction_status IDLE", Replace(attribute, status),
                                         model=_sessions_model(live))
                    ctx.report(node.test, f"the receive loop ends at `turn_complete`: "
                               f"{ctx.target.claim('interaction_end')}.", fix)
                    break
