"""An `if/elif` chain over fields of one Live server message.

## What it does
Flags an `if/elif` chain whose branches test different fields of the same server message:
`server_content.model_turn`, `.output_transcription`, `.input_transcription`,
`.turn_complete`, `.interrupted`, `tool_call`, `go_away`, `session_resumption_update`, the
`.data`/`.text` accessors, and raw `serverContent` / `toolCall` keys. It is reported on the
chain's `if`.

## Why is this bad?
On 3.1 one message can carry several of these fields at once (model turn, output
transcription and `turn_complete` together). Only the first matching branch runs, so the
transcript or the end of the turn is silently dropped. Pipecat fixed exactly this: "Gemini
3.x can bundle multiple content fields and turn_complete on the same message".

## Example
```python
if message.server_content.model_turn:
    play(message)
elif message.server_content.output_transcription:
    show(message.server_content.output_transcription.text)
elif message.server_content.turn_complete:
    end_turn()
```

## Use instead
```python
if message.server_content.model_turn:
    play(message)
if message.server_content.output_transcription:
    show(message.server_content.output_transcription.text)
if message.server_content.turn_complete:
    end_turn()
```

## Fix safety
Unsafe: the chain is split into independent `if` statements. Content fields come first (model
turn, transcriptions, tool call), then the others, and `generation_complete` / `turn_complete`
last, each field handled once. The fix is offered only when the branches do not depend on each
other: no `else`, no `return`/`break`/`continue`/`raise` in a branch, no branch rebinding the
message, no `:=` in a test (a later test may read what it binds), and no field tested by two
branches. Review the order of effects.

## References
- shared/live-api-facts.md §2.3
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis.server_fields import field_reads, server_content_aliases
from livemigrate.analysis.syntax import contains
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_CONTENT = ("server_content.model_turn", "data", "text", "server_content.input_transcription",
            "server_content.output_transcription", "tool_call", "tool_call_cancellation")
_LAST = ("server_content.generation_complete", "server_content.turn_complete")


def _rank(fields: set[str]) -> int:
    if fields & set(_CONTENT):
        return 0
    if fields & set(_LAST):
        return 2
    return 1


def _exits(body: cst.BaseSuite) -> bool:
    return contains(body, lambda n: isinstance(n, (cst.Return, cst.Break, cst.Continue, cst.Raise)))


def _rebinds(body: cst.BaseSuite, base: str) -> bool:
    return contains(body, lambda n: isinstance(n, cst.AssignTarget)
                    and cst.Module([]).code_for_node(n.target) == base)


class ExclusiveServerFields(Rule):
    id = "LM302"
    name = "exclusive-server-fields"
    message = "if/elif over fields of one Live server message: 3.1 sends several fields in one message"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "async def loop(session):\n"
        "    async for m in session.receive():\n"
        "        if m.server_content.model_turn:\n            play(m)\n"
        "        if m.server_content.turn_complete:\n            done()\n",
        "def route(event):\n"
        "    if event['type'] == 'a':\n        pass\n"
        "    elif event['kind'] == 'b':\n        pass\n",
    ]
    INVALID = [
        Invalid(
            "async def loop(session):\n"
            "    async for m in session.receive():\n"
            "        # route the message\n"
            "        if m.server_content and m.server_content.turn_complete:\n"
            "            done()\n"
            "        elif m.server_content and m.server_content.model_turn:\n"
            "            play(m)\n"
            "        elif m.tool_call:\n"
            "            await answer(session, m.tool_call)\n",
            fixed="async def loop(session):\n"
            "    async for m in session.receive():\n"
            "        # route the message\n"
            "        if m.server_content and m.server_content.model_turn:\n"
            "            play(m)\n"
            "        if m.tool_call:\n"
            "            await answer(session, m.tool_call)\n"
            "        if m.server_content and m.server_content.turn_complete:\n"
            "            done()\n",
            unsafe=True,
        ),
        Invalid(  # a branch leaves the loop: no fix
            "import json\n"
            "async def loop(ws):\n"
            "    async for raw in ws:\n"
            "        msg = json.loads(raw)\n"
            "        if 'toolCall' in msg:\n            await answer(ws, msg)\n"
            "        elif 'serverContent' in msg:\n            break\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        aliases = server_content_aliases(live.bindings)
        for node in live.bindings.parents:
            if not isinstance(node, cst.If):
                continue
            parent = live.parent(node)
            if isinstance(parent, cst.If) and parent.orelse is node:
                continue  # an elif: handled with its chain
            branches: list[cst.If] = []
            current: object = node
            while isinstance(current, cst.If):
                branches.append(current)
                current = current.orelse
            if len(branches) < 2 or live.is_legacy_only(node):
                continue
            verdict = self._chain(ctx, branches, aliases)
            if verdict is None:
                continue
            base, per_branch = verdict
            fix = None if current is not None else self._split(node, branches, per_branch, base)
            ctx.report(node, "if/elif over fields of one Live server message: on 3.1 one message can carry "
                       "several of them (audio, transcript, turn_complete), and only the first branch runs; "
                       "test each field with its own `if`", fix)

    @staticmethod
    def _chain(ctx: RuleContext, branches: list[cst.If], aliases):
        reads = [field_reads(b.test, aliases) for b in branches]
        bases = {r.base for rs in reads for r in rs}
        for base in bases:
            per_branch = [{r.field for r in rs if r.base == base} for rs in reads]
            tested = [f for f in per_branch if f]
            if len(tested) < 2 or len({frozenset(f) for f in tested}) < 2:
                continue
            live_shaped = any(r.live_shaped for rs in reads for r in rs if r.base == base)
            known = any(r.node is not None and ctx.live.flow.messages.matches(r.node)
                        for rs in reads for r in rs if r.base == base)
            if live_shaped or known:
                return base, per_branch
        return None

    @staticmethod
    def _split(head: cst.If, branches: list[cst.If], per_branch: list[set[str]], base: str) -> Fix | None:
        seen: set[str] = set()
        for fields in per_branch:
            if not fields or fields & seen:
                return None
            seen |= fields
        if any(_exits(b.body) or _rebinds(b.body, base) for b in branches):
            return None
        if any(contains(b.test, lambda n: isinstance(n, cst.NamedExpr)) for b in branches):
            return None  # `(sc := msg.server_content)` binds for the later tests: order matters
        order = sorted(range(len(branches)), key=lambda i: (_rank(per_branch[i]), i))
        statements = [branches[i].with_changes(orelse=None, leading_lines=[] if i == 0 else branches[i].leading_lines)
                      for i in order]
        statements[0] = statements[0].with_changes(leading_lines=[*head.leading_lines, *statements[0].leading_lines])
        return Fix.unsafe("split into independent ifs", Replace(head, cst.FlattenSentinel(statements)))
