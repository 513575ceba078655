"""An `if/elif` chain over fields of one Live server message.

## What it does
Flags an `if/elif` chain whose branches test different fields of the same server message:
`server_content.model_turn`, `.output_transcription`, `.input_transcription`,
`.turn_complete`, `.interrupted`, `tool_call`, `go_away`, `session_resumption_update`, the
`.data`/`.text` accessors, and raw `serverContent` / `toolCall` keys (in Gemini code only: an
app's own socket protocol may use the same keys), also read through
`getattr(sc, "turn_complete", False)` / `hasattr(msg, "tool_call")` and through names bound to
one field (`said = getattr(sc, "output_transcription", None)` ... `elif said and said.text:`;
a name bound to anything else too is not that field). It is reported on the chain's `if`. An
early-`continue` ladder (sibling `if`s in a loop body, each handling its field and ending in
`continue`) works as such a chain and is reported too, unless the only branches that continue
handle audio or a transcript (LM303 reports those exits). So is a loop over a table of fields
that handles the first one present and stops (`for field, handler in HANDLERS.items(): if
getattr(msg, field) is not None: await handler(msg); break`, also over the keys or a literal
list of names or pairs), reported on its `for`. A chain that only tests the states a turn ends
in (`interrupted`, `generation_complete`, `turn_complete`) is not reported: those are
successive states of one turn, which code rightly handles as alternatives.

CONFLICTING sources, both read here as the catalogue does: the protocol declares the kinds of
server message (`setupComplete`, `serverContent`, `toolCall`, `toolCallCancellation`, `goAway`,
`sessionResumptionUpdate`) one field, a oneof (`messageType` in Google's generated clients,
`usageMetadata` outside it), so a chain whose branches each test a different kind
(`if msg.server_content: ... elif msg.tool_call: ...`) misses nothing; the rule still reports it
with the chains inside `server_content`, whose fields do meet on one message. Such a finding
can be suppressed with `# noqa: LM302`.

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
Unsafe: the chain is split into independent `if` statements, each field handled once. Content
fields (model turn, transcriptions, tool call) come before the others, and the turn's end
(`turn_complete`, `generation_complete`) comes last, after the content of its own message;
otherwise the written order is kept. `interrupted` keeps its place among the content: the
catalogue puts it in neither group, and the flush it asks for is written first as often as
not (`if interrupted: flush() elif model_turn: play()` stays in that order). In a chain that
also handles content, `interrupted` and `turn_complete` get their own `if`s as well: an
interrupted turn sends `interrupted` and then `turn_complete`, so on separate messages both
branches ran; split, they still do when one message carries both.
The fix is offered only when the branches do not depend on each other: no `else`, no
`return`/`break`/`continue`/`raise` in a branch, no branch rebinding the message or a name a
test reads, no `:=` in a test (a later test may read what it binds), and no field tested by
two branches. Review the order of effects. A ladder is split the same way, its `continue`s
dropped, when it ends the loop body (statements after it run only when no branch matched: that
is an `else`). A dispatch loop loses its `break` when the table's order is already the split's
and the loop holds nothing else (no `else`, no statement besides the `if`): a table's entries
are for a person to reorder.

## References
- The server message's kinds as one field (`messageType`):
  https://ai.google.dev/api/live#bidigeneratecontentservermessage
- Gemini 3.1 Flash Live model page, "Server events":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Pipecat's fix, "Gemini 3.x can bundle multiple content fields and turn_complete on the same
  message": https://github.com/pipecat-ai/pipecat/commit/c1dd44f9
- The order of a turn's end states (`generation_complete` docstring of `LiveServerContent`):
  https://googleapis.github.io/js-genai/release_docs/interfaces/types.LiveServerContent.html
  and `google/genai/types.py` in https://github.com/googleapis/python-genai
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import contains, exit_statement, field_chains, field_dispatch_loops, names_bound, names_read
from livemigrate.edits import Replace
from livemigrate.migration import SERVER_CONTENT_TURN_STATES
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_CONTENT = frozenset({"server_content.model_turn", "data", "text", "server_content.input_transcription",
                      "server_content.output_transcription", "tool_call", "tool_call_cancellation"})
# The states a turn ends in: a chain of these alone is left alone (see the docs).
_TURN_STATES = frozenset(f"server_content.{name}" for name in SERVER_CONTENT_TURN_STATES)
# The turn's end: after the content of its own message.
_TURN_END = frozenset({"server_content.turn_complete", "server_content.generation_complete"})
_INTERRUPTED = "server_content.interrupted"
_FIRST, _OTHER, _LAST = 0, 1, 2


def _rank(fields: set[str]) -> int:
    """Where a branch goes in a split: content first, the turn's end last. ``interrupted``
    (flush what is queued) ranks with the content: the author's order between them is kept."""
    if fields & _CONTENT:
        return _FIRST
    if fields & _TURN_END:
        return _LAST
    if _INTERRUPTED in fields:
        return _FIRST
    return _OTHER


def _exits(body: cst.BaseSuite) -> bool:
    # not the front door's exits(): that sees only a block's last line, this any nested exit
    return contains(body, lambda n: isinstance(n, (cst.Return, cst.Break, cst.Continue, cst.Raise)))


def _rebinds(body: cst.BaseSuite, base: str) -> bool:
    return contains(body, lambda n: isinstance(n, cst.AssignTarget)
                    and cst.Module([]).code_for_node(n.target) == base)


class ExclusiveServerFields(Rule):
    id = "LM302"
    name = "exclusive-server-fields"
    message = "if/elif over fields of one Live server message: one message can carry several of them"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "async def loop(session):\n"
        "    async for m in session.receive():\n"
        "        if m.server_content.model_turn:\n            play(m)\n"
        "        if m.server_content.turn_complete:\n            done()\n",
        "def route(event):\n"
        "    if event['type'] == 'a':\n        pass\n"
        "    elif event['kind'] == 'b':\n        pass\n",
        # the states one turn ends in are alternatives: an interrupted turn also sends turn_complete
        "async def loop(session, player):\n"
        "    async for m in session.receive():\n"
        "        if m.server_content.interrupted:\n            player.end_turn(interrupted=True)\n"
        "        elif m.server_content.turn_complete:\n            player.end_turn()\n",
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
        Invalid(  # the flush keeps its place, the turn's end stays last: the written order holds
            "async def loop(session, player):\n"
            "    async for m in session.receive():\n"
            "        sc = m.server_content\n"
            "        if sc.interrupted:\n            player.clear()\n"
            "        elif sc.model_turn:\n            player.play(m)\n"
            "        elif sc.turn_complete:\n            player.end_turn()\n",
            fixed="async def loop(session, player):\n"
            "    async for m in session.receive():\n"
            "        sc = m.server_content\n"
            "        if sc.interrupted:\n            player.clear()\n"
            "        if sc.model_turn:\n            player.play(m)\n"
            "        if sc.turn_complete:\n            player.end_turn()\n",
            unsafe=True,
        ),
        Invalid(  # a handler table dispatched with `break`: every field present is handled
            "STEPS = {'model_turn': play, 'output_transcription': show, 'turn_complete': done}\n"
            "async def loop(session):\n"
            "    async for m in session.receive():\n"
            "        for field, step in STEPS.items():\n"
            "            if getattr(m.server_content, field, None):\n"
            "                step(m)\n"
            "                break\n",
            fixed="STEPS = {'model_turn': play, 'output_transcription': show, 'turn_complete': done}\n"
            "async def loop(session):\n"
            "    async for m in session.receive():\n"
            "        for field, step in STEPS.items():\n"
            "            if getattr(m.server_content, field, None):\n"
            "                step(m)\n",
            unsafe=True,
        ),
        Invalid(  # a branch leaves the loop: no fix
            "import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta."
            "GenerativeService.BidiGenerateContent'\n"
            "async def loop(ws):\n"
            "    async for raw in ws:\n"
            "        msg = json.loads(raw)\n"
            "        if 'toolCall' in msg:\n            await answer(ws, msg)\n"
            "        elif 'serverContent' in msg:\n            break\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        # "toolCall" / "serverContent" keys prove a Live message only in a module that talks to
        # the Live API: an app's own socket protocol may use the same keys (asked once: it scans
        # every dict of the module)
        raw_ok: bool | None = None

        def verdict(head: cst.CSTNode, reads):
            nonlocal raw_ok
            if live.is_legacy_only(head):
                return None
            if raw_ok is None and any(r.raw for rs in reads for r in rs):
                raw_ok = (live.uses_live_api or live.raw_client or live.imports.uses_genai
                          or bool(live.message_loops()) or live.sends_live_frames())
            return self._chain(ctx, reads, bool(raw_ok))

        for chain in field_chains(live):
            found = verdict(chain.head, chain.reads)
            if found is None:
                continue
            base, per_branch = found
            if chain.ladder:
                if all(per_branch[i] & _CONTENT for i in range(len(chain.branches) - 1)):
                    continue  # only audio / transcript branches skip the rest: LM303's finding
                fix = self._split_ladder(live, chain, per_branch, base)
            else:
                fix = None if chain.orelse is not None else self._split(chain.head, chain.branches, per_branch, base)
            ctx.report(chain.head, f"if/elif over fields of one Live server message: "
                       f"{ctx.target.claim('multi_field_events')}, and only the first matching branch runs; "
                       f"test each field with its own `if`", fix)
        for dispatch in field_dispatch_loops(live):
            found = verdict(dispatch.loop, dispatch.reads)
            if found is None:
                continue
            ctx.report(dispatch.loop, f"a loop over fields of one Live server message that stops at the first one "
                       f"present: {ctx.target.claim('multi_field_events')}; handle every field present (no "
                       f"`break`)", self._keep_going(dispatch, found[1]))

    @staticmethod
    def _chain(ctx: RuleContext, reads, raw_ok: bool):
        bases = {r.base for rs in reads for r in rs}
        for base in bases:
            per_branch = [{r.field for r in rs if r.base == base} for rs in reads]
            tested = [f for f in per_branch if f]
            if len(tested) < 2 or len({frozenset(f) for f in tested}) < 2:
                continue
            if set().union(*tested) <= _TURN_STATES:
                continue  # interrupted / generation_complete / turn_complete: one turn's end, by design exclusive
            live_shaped = any(r.live_shaped and (raw_ok or not r.raw) for rs in reads for r in rs if r.base == base)
            known = any(r.node is not None and ctx.live.is_message(r.node)
                        for rs in reads for r in rs if r.base == base)
            if live_shaped or known:
                return base, per_branch
        return None

    @classmethod
    def _split_ladder(cls, live, chain, per_branch: list[set[str]], base: str) -> Fix | None:
        """A ladder that ends its loop body, its ``continue``s dropped, split like a chain."""
        block = live.parent(chain.head)
        if not isinstance(block, cst.IndentedBlock) or block.body[-1] is not chain.branches[-1]:
            return None  # statements after it run only when no branch matched: an else
        branches = []
        for branch in chain.branches:
            leaving = exit_statement(branch.body, (cst.Continue,))
            if leaving is not None:
                branch = branch.deep_remove(leaving)
            branches.append(branch)
        split = cls._split(chain.head, tuple(branches), per_branch, base)
        if split is None:
            return None
        statements = split.edits[0].new.nodes
        start = list(block.body).index(chain.head)
        body = [*block.body[:start], *statements]
        return Fix.unsafe("split into independent ifs", Replace(block, block.with_changes(body=body)))

    @staticmethod
    def _split(head: cst.If, branches: tuple[cst.If, ...], per_branch: list[set[str]], base: str) -> Fix | None:
        seen: set[str] = set()
        for fields in per_branch:
            if not fields or fields & seen:
                return None
            seen |= fields
        if any(_exits(b.body) or _rebinds(b.body, base) for b in branches):
            return None
        if any(contains(b.test, lambda n: isinstance(n, cst.NamedExpr)) for b in branches):
            return None  # `(sc := msg.server_content)` binds for the later tests: order matters
        tested = {n.value for b in branches for n in names_read(b.test)}
        if any(names_bound(b.body) & tested for b in branches):
            return None  # a branch sets what another tests (`said = None`): they depend on each other
        order = sorted(range(len(branches)), key=lambda i: (_rank(per_branch[i]), i))
        statements = [branches[i].with_changes(orelse=None, leading_lines=[] if i == 0 else branches[i].leading_lines)
                      for i in order]
        statements[0] = statements[0].with_changes(leading_lines=[*head.leading_lines, *statements[0].leading_lines])
        return Fix.unsafe("split into independent ifs", Replace(head, cst.FlattenSentinel(statements)))

    @staticmethod
    def _keep_going(dispatch, per_branch: list[set[str]]) -> Fix | None:
        """The dispatch loop without its ``break``: every field present is handled, in the
        table's order. None when that order is not the split's (a table's entries are for a
        person to reorder), when the loop has an ``else`` or does more than the ``if``."""
        loop = dispatch.loop
        ranks = [_rank(fields) for fields in per_branch]
        if ranks != sorted(ranks) or loop.orelse is not None or len(loop.body.body) != 1:
            return None
        return Fix.unsafe("handle every field present", Replace(dispatch.test, dispatch.test.deep_remove(dispatch.stop)))
