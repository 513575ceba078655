"""An `if/elif` chain over fields of one Live server message.

## What it does
Flags an `if/elif` chain whose branches test fields of the same server message, two of which
one message can carry (see below):
`server_content.model_turn`, `.output_transcription`, `.input_transcription`,
`.turn_complete`, `.interrupted`, `tool_call`, `go_away`, `session_resumption_update`, the
`.data`/`.text` accessors, and raw `serverContent` / `toolCall` keys (in Gemini code only: an
app's own socket protocol may use the same keys) or attributes of an object mirroring the wire
(a vendored pipecat service's pydantic `evt.serverContent.modelTurn`: measurement 45), also read through
`getattr(sc, "turn_complete", False)` / `hasattr(msg, "tool_call")` and through names bound to
one field (`said = getattr(sc, "output_transcription", None)` ... `elif said and said.text:`;
a name bound to anything else too is not that field). It is reported on the chain's `if`. An
early-`continue` ladder (sibling `if`s in a loop body, also under an `if` / `try` / `with`
there, each handling its field and ending in `continue`, also under a test of its own: `if
said.text: show(said); continue`) works as such a chain and is reported too, and so is an
early-`return` ladder in a function that handles one message (a converter called per message:
`if sc.interrupted: return [Interrupted()]` then `if sc.input_transcription: ... return [...]`;
a `return` of nothing, `None` / `[]`, alone in its branch is a filter, not a rung, and a function
whose every rung returns a literal, `return "speaking"` / `return True`, classifies the message
and is no ladder). A `continue` ladder is reported on its first rung; a `return` ladder on
its first rung whose message can carry a later rung's field (a rung on another kind of
message, `if msg.session_resumption_update: ...; return []`, loses nothing), unless the
only rungs that leave handle audio or a transcript (LM303 reports those exits). Decided after
measurement 20, where two labellers (as one of run 17's) marked an `if interrupted: return [...]`
first in such a converter: the per-message handler drops the rest of the message exactly as a `continue` does
in the loop. So is a loop over a table of fields
that handles the first one present and stops (`for field, handler in HANDLERS.items(): if
getattr(msg, field) is not None: await handler(msg); break`, also over the keys or a literal
list of names or pairs), reported on its `for`. So is a `match` over the message whose case
patterns require different fields (`case {"serverContent": {"modelTurn": {"parts": parts}}}:`,
then `case {"serverContent": {"turnComplete": True}}:`, also class patterns,
`case LiveServerMessage(tool_call=tc):`): only its first matching case runs; reported on the
`match` (its fix is under Fix safety). A raw key counts as the wire
spells it (`toolCall`; `{"tool_call": ...}` may be an app's own dict) and a class pattern only of
the SDK's message classes. So is a rung that handles fields only when another
is absent and then leaves, with code after it handling that one (`if not model_turn: if
turn_complete: ...; continue`, then the model turn's parts): that is `if model_turn: ... elif
turn_complete: ...` written as a guard, and a message carrying both loses the turn end; reported
on that `if` (no fix). A rung whose fields are of another kind of message (a tool call when the
model turn is absent) loses nothing. Decided after measurement 27 (a raw client's loop). A chain that only tests the states a turn ends
in (`interrupted`, `generation_complete`, `turn_complete`) is not reported: those are
successive states of one turn, which code rightly handles as alternatives. Nor is `if msg.data:
... elif sc.model_turn.parts: <walk the parts for the audio>`: `.data` is the SDK's join of the
model turn's inline audio, so both branches read one field (decided after measurement 34). A
`continue` ladder whose next rung tests a name the line before it binds to a field
(`model_turn = sc.model_turn`, then `if model_turn is not None:`) is a ladder; its split keeps
that line where it is; so is one with a filter between two rungs (`sc = getattr(msg,
"server_content", None)`, then `if not sc: continue`, then the next rung; measurement 35), or a
line binding names to literals (`audio = None`; such a ladder gets no fix: the line ran only past
the rungs above it). Its first rung may sit under a test that the server content is there, whose
whole body it is (`if msg.server_content: if sc.interrupted: ...; continue`; not `if not
msg.server_content:`), and its last rung may go on with `elif`s or an `else` (`if msg.data: ...
elif model_turn: ...`); such a ladder is reported on that first rung, with no fix (decided after
measurement 34).

Decided: the server message's kinds are a oneof, and real code wins over the catalogue. The
protocol declares `setupComplete`, `serverContent`, `toolCall`, `toolCallCancellation`, `goAway`
and `sessionResumptionUpdate` one field (`messageType`; Google's generated JavaScript client
models it as one union field, Firebase's SDKs as a sealed class), with `usageMetadata` outside
it. So a chain whose branches each test a different kind (`if msg.server_content: ... elif
msg.tool_call: ...`, raw `if "toolCall" in msg: ... elif "serverContent" in msg:`) misses
nothing and is not reported. It is reported when two of its branches can match one message:
two fields of the server content (`model_turn` and `turn_complete`; `.text` and `.data` read the
server content too), or `usage_metadata` (or a field the oneof does not list) with anything;
but not an early-return ladder whose exits skip only a later `usage_metadata` rung (a raw
handler's `if "serverContent" in data: ...; return` before its usage log): 2.x put the usage on
the turn's last server-content message too, so the move changes nothing there (measurement 52).

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
Unsafe: the branches that can match one message are split into independent `if` statements,
each field handled once. Content fields (model turn, transcriptions, a tool call) come first,
and the turn's end (`turn_complete`, `generation_complete`) comes last, after the content of its
own message; otherwise the written order is kept. `interrupted` keeps its place among the
content: the catalogue puts it in neither group, and the flush it asks for is written first as
often as not (`if interrupted: flush() elif model_turn: play()` stays in that order). In a chain
that also handles content, `interrupted` and `turn_complete` get their own `if`s as well: an
interrupted turn sends `interrupted` and then `turn_complete`, so on separate messages both
branches ran; split, they still do when one message carries both.
Branches on another kind of message keep the chain's shape, so each runs on exactly the
messages it ran on: those before the split stay the chain's head and the split goes in their
`else` (`if msg.tool_call: ... else:` then one `if` per content field: a content test never
ran on a tool call, and still does not), those after it stay one `if/elif` chain after the
split. When such a branch sits between two that are split, no fix is offered.
The fix is offered only when the branches do not depend on each other: no `else`, no
`return`/`break`/`continue`/`raise` in a branch that is split, none of them rebinding the message
or a name a test reads, no `:=` in a test whose name another branch reads (`(sc :=
msg.server_content)` read by a later test; `if data := msg.data:` read only in its own branch
is fine), and no field tested by two branches. Review the order of effects. An early-`return` ladder gets no fix (the `return`
hands the caller what the rung made of the message: a split would have to merge those values).
A `continue` ladder is split the same way when it
ends the loop body (statements after it run only when no branch matched: that is an `else`):
the branches that are split lose their `continue`s, those on other kinds keep theirs. A
dispatch loop loses its `break` when the table's order is already the split's and the loop
holds nothing else (no `else`, no statement besides the `if`): a table's entries are for a
person to reorder. A `match` over a raw message whose cases each require one field of its
server content, in the wire's camelCase (`case {"serverContent": {"outputTranscription":
{"text": text}}}:`), gets those cases merged into one, `case {"serverContent": sc}:` (`content`
or `server_content` when the function already uses the name), with an `if` per field in the
split's order, each the case's pattern read as a test (`if (text := sc.get("outputTranscription",
{}).get("text")) is not None:`, `if sc.get("turnComplete") is True:`), its body kept. Such a test
reads a JSON `null` as absent, which the server does not send for these fields; a snake_case
dict is an SDK object's dump, full of `None`, and gets no fix. Nor does a `match` where another
case could match a message with a server content (`case _:`, a `usageMetadata` key, a `|` of a
server-content field and another kind: the merged case would now take those messages first),
a case has a guard, a body leaves, two cases test one field (both would run), a name a pattern
captures is read outside its case (the test binds it on every message, `None` when the field is
absent), or a pattern is not one key per level ending in a capture, `_`, a literal or `True` /
`False` (a class pattern, `None`, `**rest`, `as`, `|`). Decided from an expert's hand migration
of such a `match`, which merged its cases the same way.

## References
- The server message's kinds as one field (`messageType`), `usageMetadata` outside it:
  https://ai.google.dev/api/live#bidigeneratecontentservermessage
- The same oneof in Google's generated JavaScript client (`messageType?: "setupComplete" |
  "serverContent" | "toolCall" | "toolCallCancellation"`):
  https://docs.cloud.google.com/nodejs/docs/reference/generativelanguage/latest/generativelanguage/protos.google.ai.generativelanguage.v1alpha.bidigeneratecontentservermessage
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

from livemigrate.analysis import (absent_field_rungs, string_value, contains, descendants, element_test, exit_statement,
                                  field_chains, field_dispatch_loops, field_match_chains, initialises, names_bound,
                                  names_read, single_key)
from livemigrate.edits import Replace
from livemigrate.migration import SERVER_CONTENT_TURN_STATES, SERVER_MESSAGE_ONE_OF
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_MODEL_TURN = "server_content.model_turn"
_CONTENT = frozenset({"server_content.model_turn", "data", "text", "server_content.input_transcription",
                      "server_content.output_transcription", "tool_call", "tool_call_cancellation"})
# What a ladder's early exits may handle and leave to LM303 (see the docs): a text part
# (`.text`, a thought on the target) or a tool call is neither.
_AUDIO_OR_TRANSCRIPT = frozenset({"server_content.model_turn", "data", "server_content.input_transcription",
                                  "server_content.output_transcription"})
# The states a turn ends in: a chain of these alone is left alone (see the docs).
_TURN_STATES = frozenset(f"server_content.{name}" for name in SERVER_CONTENT_TURN_STATES)
# The turn's end: after the content of its own message.
_TURN_END = frozenset({"server_content.turn_complete", "server_content.generation_complete"})
_INTERRUPTED = "server_content.interrupted"
_FIRST, _OTHER, _LAST = 0, 1, 2


def _kind(field: str) -> str | None:
    """Which kind of server message ``field`` is read on (``server_content.model_turn``, ``text``:
    a server content; ``tool_call``: a tool call), or None for a field any message may carry
    (``usage_metadata``, one the oneof does not list)."""
    return SERVER_MESSAGE_ONE_OF.get(field.split(".")[0])


def _may_meet(fields: set[str], other: set[str]) -> bool:
    """One message can carry a field of each: both are read on the same kind of message, or one
    of them on any kind. Kinds are a oneof, so ``server_content`` never meets ``tool_call``."""
    return any(_kind(a) is None or _kind(b) is None or _kind(a) == _kind(b) for a in fields for b in other)


def _meeting(tested: list[set[str]]) -> list[bool]:
    """For each branch: whether a message it matches can match another branch too, in a way
    that loses something (two of the states one turn ends in are alternatives: see the docs)."""
    return [any(_may_meet(fields, other) and not fields | other <= _TURN_STATES
                for j, other in enumerate(tested) if j != i)
            for i, fields in enumerate(tested)]


def _loses_more_than_usage(per_branch: list[set[str]]) -> bool:
    """Some rung of a ladder can skip a later rung's field other than ``usage_metadata`` for
    a message it handles (a usage rung first skips everything after it). A ladder whose exits
    skip only the usage metadata loses token counts, which 2.x messages carried beside their
    content too: nothing of the turn (measurement 52)."""
    for i, fields in enumerate(per_branch):
        for other in per_branch[i + 1:]:
            rest = other - {"usage_metadata"}
            if rest and _may_meet(fields, rest) and not fields | rest <= _TURN_STATES:
                return True
    return False


def _first_losing(per_branch: list[set[str]]) -> int:
    """Where a ladder is reported: its rungs are statements of their own, so on the first whose
    message can carry a later rung's field of its own kind (a rung on another kind, such as a
    resumption update, loses nothing that matters: at most the usage metadata any message may
    carry), else on the first that meets another at all."""
    meets = _meeting(per_branch)
    for i, fields in enumerate(per_branch):
        if meets[i] and any(_kind(a) is not None and _kind(a) == _kind(b) and not fields | other <= _TURN_STATES
                            for other in per_branch[i + 1:] for a in fields for b in other):
            return i
    return meets.index(True) if True in meets else 0


def _layout(per_branch: list[set[str]]) -> tuple[range, list[int], range] | None:
    """How a chain splits: the branches before the first that meets another (their tests guard
    the rest: kept as the chain's head), the run of branches that meet, in the split's order, and
    the branches after it (other kinds: kept as a chain after the split). None when a branch of
    another kind sits inside the run: the tests after it were never evaluated on its kind."""
    meets = _meeting(per_branch)
    first = meets.index(True)
    last = len(meets) - 1 - meets[::-1].index(True)
    if not all(meets[first:last + 1]):
        return None
    run = sorted(range(first, last + 1), key=lambda i: (_rank(per_branch[i]), i))
    return range(first), run, range(last + 1, len(per_branch))


def _of_server_content(field: str) -> bool:
    """``field`` is read from the server content: one of its fields, or ``.data`` / ``.text``
    (the SDK's accessors over its model turn's parts)."""
    return field.startswith("server_content.") or field in ("data", "text")


def _reachable(per_branch: list[set[str]], tests: list[cst.BaseExpression]) -> list[set[str]]:
    """The branches' fields, with a branch no message can reach emptied: after ``if
    msg.server_content:``, an ``elif`` on ``msg.data`` / ``msg.text`` (or a server-content field)
    never runs, since a message with any of them has a server content. That chain skips
    nothing, on any model (an older SDK's fallback kept as dead code)."""
    reachable: list[set[str]] = []
    for i, fields in enumerate(per_branch):
        dead = bool(fields) and all(_of_server_content(f) for f in fields) \
            and any(earlier == {"server_content"} and _present(test) for earlier, test in zip(per_branch[:i], tests))
        reachable.append(set() if dead else fields)
    return reachable


def _present(test: cst.BaseExpression) -> bool:
    """``test`` holds when its field is there: the bare read (``msg.server_content``,
    ``getattr(msg, "server_content", None)``, ``"serverContent" in msg``), not a test for its
    absence (``... is None``, ``not ...``)."""
    if type(test) in (cst.Attribute, cst.Call, cst.Subscript):
        return True
    return (type(test) is cst.Comparison and len(test.comparisons) == 1
            and type(test.comparisons[0].operator) is cst.In)


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


# Exact types (none has a subclass): every node of a body is tested, and an isinstance
# against four ABCs costs more than the walk.
_EXITS = frozenset({cst.Return, cst.Break, cst.Continue, cst.Raise})


def _wire_keys(element: cst.MatchMappingElement) -> bool:
    """Every key of a nested mapping pattern is spelled as the wire sends it (camelCase): the
    server's JSON has no ``null`` for an absent field, which the split's tests read as absent."""
    while element is not None:
        key = string_value(element.key)
        if key is None or "_" in key:
            return False
        element = single_key(element.pattern)
    return True


def _captures_read_elsewhere(match: cst.Match, cases: list[cst.MatchCase], names: list[cst.Name]) -> bool:
    """A name a case's pattern captures is read outside that case's body (in another case,
    after the ``match``): once split, its test binds it on every message, to None when the
    field is absent, where the case left it as it was."""
    patterns = [c.pattern for c in match.cases]
    for case in cases:
        captured = {n.name.value for n in descendants(case.pattern) if type(n) is cst.MatchAs and n.name is not None}
        if type(case.pattern) is cst.MatchAs and case.pattern.name is not None:
            captured.add(case.pattern.name.value)
        inside = {id(n) for n in descendants(case.body)} | {id(n) for p in patterns for n in descendants(p)}
        if any(n.value in captured and id(n) not in inside for n in names):
            return True
    return False


def _exits(body: cst.BaseSuite) -> bool:
    # not the front door's exits(): that sees only a block's last line, this any nested exit
    return contains(body, lambda n: type(n) in _EXITS)


def _rebinds(body: cst.BaseSuite, base: str) -> bool:
    return contains(body, lambda n: isinstance(n, cst.AssignTarget)
                    and cst.Module([]).code_for_node(n.target) == base)



def _binds_for_others(live, branches) -> bool:
    """A test of the chain binds a name with ``:=`` that code outside its own branch reads
    (``(sc := msg.server_content)`` read by a later test, ``text`` of ``elif text := ...`` read
    after the chain): once split, every test runs, so that code sees another value. ``if data
    := msg.data:`` read only in its own branch is fine. A target other than a plain name is
    never split."""
    for branch in branches:
        targets = [n.target for n in descendants(branch.test) if isinstance(n, cst.NamedExpr)]
        if not targets:
            continue
        if any(not isinstance(t, cst.Name) for t in targets):
            return True
        names = {t.value for t in targets}
        scope = live.enclosing_function(branch) or live.module
        start, end = live.order_of(branch), live.end_of(branch.body)
        for node in live.walk(scope, skip=()):
            if type(node) is cst.Name and node.value in names and not start <= live.order_of(node) < end \
                    and node not in targets:
                return True
    return False

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
        # one kind of message each (the protocol's oneof): no message has both
        "async def loop(client, player):\n"
        "    async with client.aio.live.connect(model=MODEL) as session:\n"
        "        async for m in session.receive():\n"
        "            if m.server_content:\n                player.show(m.server_content)\n"
        "            elif m.tool_call:\n                await player.answer(m.tool_call)\n"
        "            elif m.go_away:\n                player.reconnect()\n",
    ]
    INVALID = [
        Invalid(  # a `match` over a raw message: the server content's cases become one, an `if` per field
            "import json\n"
            "URL = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.'\\\n"
            "    'GenerativeService.BidiGenerateContent'\n"
            "async def loop(ws):\n"
            "    async for raw in ws:\n"
            "        match json.loads(raw):\n"
            "            case {'serverContent': {'turnComplete': True}}:\n                done()\n"
            "            case {'serverContent': {'modelTurn': {'parts': parts}}}:\n                play(parts)\n"
            "            case {'toolCall': call}:\n                await answer(ws, call)\n",
            fixed="import json\n"
            "URL = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.'\\\n"
            "    'GenerativeService.BidiGenerateContent'\n"
            "async def loop(ws):\n"
            "    async for raw in ws:\n"
            "        match json.loads(raw):\n"
            "            case {'serverContent': sc}:\n"
            "                if (parts := sc.get('modelTurn', {}).get('parts')) is not None:\n                    play(parts)\n"
            "                if sc.get('turnComplete') is True:\n                    done()\n"
            "            case {'toolCall': call}:\n                await answer(ws, call)\n",
            unsafe=True,
        ),
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
            "        if m.server_content and m.server_content.turn_complete:\n"
            "            done()\n"
            "        if m.tool_call:\n"
            "            await answer(session, m.tool_call)\n",
            unsafe=True,
        ),
        Invalid(  # a tool call is its own kind of message: its branch still guards the content's tests
            "async def loop(session, player):\n"
            "    async for m in session.receive():\n"
            "        if m.tool_call:\n            await player.answer(m.tool_call)\n"
            "        elif m.server_content.model_turn:\n            player.play(m)\n"
            "        elif m.server_content.turn_complete:\n            player.end_turn()\n",
            fixed="async def loop(session, player):\n"
            "    async for m in session.receive():\n"
            "        if m.tool_call:\n            await player.answer(m.tool_call)\n"
            "        else:\n"
            "            if m.server_content.model_turn:\n                player.play(m)\n"
            "            if m.server_content.turn_complete:\n                player.end_turn()\n",
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
        Invalid(  # a converter called per message returns after one field: no fix (the value is the caller's)
            "def convert(message):\n"
            "    if message.server_content.interrupted:\n        return ['interrupted']\n"
            "    if message.server_content.model_turn:\n        return ['audio', message.data]\n"
            "    return []\n",
        ),
        Invalid(  # the turn's end handled only on messages without a model turn: no fix
            "async def loop(session, play, end):\n"
            "    async for m in session.receive():\n"
            "        if m.server_content.model_turn is None:\n"
            "            if m.server_content.turn_complete:\n                end()\n"
            "            continue\n"
            "        play(m.server_content.model_turn)\n",
            line=3, message="handled only when it has no",
        ),
        Invalid(  # a branch leaves the loop: no fix
            "import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta."
            "GenerativeService.BidiGenerateContent'\n"
            "async def loop(ws):\n"
            "    async for raw in ws:\n"
            "        content = json.loads(raw).get('serverContent', {})\n"
            "        if 'modelTurn' in content:\n            await play(content)\n"
            "        elif 'turnComplete' in content:\n            break\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        # "toolCall" / "serverContent" keys prove a Live message only in a module that talks to
        # the Live API: an app's own socket protocol may use the same keys (asked once: it scans
        # every dict of the module)
        raw_ok: bool | None = None

        def verdict(head: cst.CSTNode, reads, tests=None):
            nonlocal raw_ok
            if live.is_legacy_only(head):
                return None
            if raw_ok is None and any(r.raw for rs in reads for r in rs):
                raw_ok = (live.uses_live_api or live.raw_client or live.imports.uses_genai
                          or bool(live.message_loops()) or live.sends_live_frames())
            return self._chain(ctx, reads, bool(raw_ok), tests)

        covered: set[int] = set()  # the branches of chains reported (a rung of theirs is reported there)
        for chain in field_chains(live):
            found = verdict(chain.head, chain.reads, [b.test for b in chain.branches])
            if found is None:
                continue
            covered.update(id(b) for b in chain.branches)
            base, per_branch = found
            if not chain.ladder:
                fix = None if chain.orelse is not None or _binds_for_others(live, chain.branches) \
                    else self._split(chain.head, chain.branches, per_branch, base)
                ctx.report(chain.head, f"if/elif over fields of one Live server message: "
                           f"{ctx.target.claim('multi_field_events')}, and only the first matching branch runs; "
                           f"test each field with its own `if`", fix)
                continue
            if all(per_branch[i] and per_branch[i] <= _AUDIO_OR_TRANSCRIPT for i in range(len(chain.branches) - 1)):
                continue  # only audio / transcript branches skip the rest: LM303's finding
            if chain.leaves_by is cst.Return and not _loses_more_than_usage(per_branch):
                # a handler's rungs returning before its usage log alone: token counts any
                # message may carry (a `continue` ladder skips the rest of the loop body too)
                continue
            leaving = "continue" if chain.leaves_by is cst.Continue else "return"
            # an early-return ladder is reported on its first rung that loses a field; a `continue`
            # ladder on its head, where it always was (a `# noqa: LM302` there keeps working)
            first = _first_losing(per_branch) if chain.leaves_by is cst.Return else 0
            # a `return` hands the caller what the rung made of the message: no split keeps that
            fix = self._split_ladder(live, chain, per_branch, base) \
                if leaving == "continue" and not _binds_for_others(live, chain.branches) else None
            ctx.report(chain.branches[first],
                       f"an early `{leaving}` after one field of a Live server message skips the others: "
                       f"{ctx.target.claim('multi_field_events')}; let each field's `if` run (no `{leaving}`)",
                       fix)
        for chain in field_match_chains(live):
            # `match msg: case {"serverContent": {"modelTurn": ...}}: ... case {"serverContent":
            # {"turnComplete": True}}: ...`: only the first case that matches runs
            found = verdict(chain.match, chain.reads)
            if found is not None:
                ctx.report(chain.match, f"match over fields of one Live server message: "
                           f"{ctx.target.claim('multi_field_events')}, and only the first matching case runs; "
                           f"test each field with its own `if`", self._split_match(live, chain, found[1]))
        for rung in absent_field_rungs(live):
            found = verdict(rung.rung, (rung.handled, rung.absent))
            if found is None or id(rung.rung) in covered:
                continue
            base, per_branch = found
            handled = ", ".join(sorted(f"`{f.split('.')[-1]}`" for f in per_branch[0]))
            absent = ", ".join(sorted(f"`{f.split('.')[-1]}`" for f in per_branch[1]))
            ctx.report(rung.rung, f"{handled} of a Live server message is handled only when it has no {absent} (this "
                       f"`if` ends in `continue`): {ctx.target.claim('multi_field_events')}, so a message carrying "
                       f"both loses it; handle it with its own `if`, outside this one")
        for dispatch in field_dispatch_loops(live):
            found = verdict(dispatch.loop, dispatch.reads)
            if found is None:
                continue
            ctx.report(dispatch.loop, f"a loop over fields of one Live server message that stops at the first one "
                       f"present: {ctx.target.claim('multi_field_events')}; handle every field present (no "
                       f"`break`)", self._keep_going(dispatch, found[1]))

    @staticmethod
    def _chain(ctx: RuleContext, reads, raw_ok: bool, tests: list[cst.BaseExpression] | None = None):
        bases = {r.base for rs in reads for r in rs}
        for base in bases:
            # `msg.data` is the SDK's join of the model turn's inline audio: `if msg.data: ...
            # elif sc.model_turn.parts: <walk the parts for it>` tests one field twice
            per_branch = [{_MODEL_TURN if r.field == "data" else r.field for r in rs if r.base == base} for rs in reads]
            if tests is not None:
                per_branch = _reachable(per_branch, tests)
            tested = [f for f in per_branch if f]
            if len(tested) < 2 or len({frozenset(f) for f in tested}) < 2:
                continue
            if not any(_meeting(tested)):
                # `if msg.server_content: ... elif msg.tool_call:` (one kind of message each), and
                # `if sc.interrupted: ... elif sc.turn_complete:` (one turn's end, by design exclusive)
                continue
            live_shaped = any(r.live_shaped and (raw_ok or not r.raw) for rs in reads for r in rs if r.base == base)
            known = any(r.node is not None and ctx.live.is_message(r.node)
                        for rs in reads for r in rs if r.base == base)
            if live_shaped or known:
                return base, per_branch
        return None

    @staticmethod
    def _independent(branches: list[cst.If], run: list[int], later: range, per_branch: list[set[str]],
                     base: str) -> bool:
        """The branches of ``run`` can each get their own ``if``: none leaves the loop or rebinds
        the message, no field is tested twice, and no body sets what a test of the run or of the
        branches ``later`` (now evaluated after it) reads. (A test's ``:=`` is judged by
        :func:`_binds_for_others`, which needs the code around the chain.)"""
        seen: set[str] = set()
        for fields in per_branch:
            if not fields or fields & seen:
                return False
            seen |= fields
        split = [branches[i] for i in run]
        if any(_exits(b.body) or _rebinds(b.body, base) for b in split):
            return False
        tested = {n.value for b in [*split, *(branches[i] for i in later)] for n in names_read(b.test)}
        # a branch sets what another tests (`said = None`): they depend on each other
        return not any(names_bound(b.body) & tested for b in split)

    @classmethod
    def _split_ladder(cls, live, chain, per_branch: list[set[str]], base: str) -> Fix | None:
        """A ladder that ends its loop body, split like a chain: the branches that meet lose
        their ``continue``s; those on other kinds before and after them keep theirs."""
        block = live.parent(chain.head)
        if not isinstance(block, cst.IndentedBlock) or block.body[-1] is not chain.branches[-1]:
            return None  # statements after it run only when no branch matched: an else
        if chain.branches[-1].orelse is not None:
            return None  # its `else` ran on the messages the rungs above left: it would run on them
        start = list(block.body).index(chain.head)
        if any(initialises(line) for line in block.body[start:] if not any(line is b for b in chain.branches)):
            return None  # `player.interrupted = False` between rungs ran only past the rungs above
        layout = _layout(per_branch)
        if layout is None:
            return None
        leading, run, trailing = layout
        branches = list(chain.branches)
        for i in run:
            leaving = exit_statement(branches[i].body, (cst.Continue,))
            if leaving is not None:
                branches[i] = branches[i].deep_remove(leaving)
        if not cls._independent(branches, run, trailing, per_branch, base):
            return None
        start = list(block.body).index(chain.head)
        if len(block.body) - start != len(branches):
            # a line between two rungs (`model_turn = sc.model_turn` before the rung testing
            # it): the rungs keep their places around it, so only a split in the written order
            order = [*leading, *run, *trailing]
            if order != sorted(order):
                return None
            changed = {id(old): new for old, new in zip(chain.branches, branches)}
            body = [*block.body[:start], *(changed.get(id(line), line) for line in block.body[start:])]
            return Fix.unsafe("split into independent ifs", Replace(block, block.with_changes(body=body)))
        split = [branches[i] for i in run]
        if not leading:  # the ladder's first line keeps the lines above it
            split = [b.with_changes(leading_lines=[] if b is branches[0] else b.leading_lines) for b in split]
            split[0] = split[0].with_changes(leading_lines=[*chain.head.leading_lines, *split[0].leading_lines])
        body = [*block.body[:start], *(branches[i] for i in leading), *split, *(branches[i] for i in trailing)]
        return Fix.unsafe("split into independent ifs", Replace(block, block.with_changes(body=body)))

    @classmethod
    def _split(cls, head: cst.If, branches: tuple[cst.If, ...], per_branch: list[set[str]], base: str) -> Fix | None:
        """The chain with every branch that meets another in its own ``if``. Branches on other
        kinds of message keep the chain's shape around them: those before stay its head and
        guard the split (it goes in their ``else``), those after stay one chain after it (a
        message of their kind matched none of the split's tests before and matches none now)."""
        layout = _layout(per_branch)
        if layout is None or not cls._independent(list(branches), layout[1], layout[2], per_branch, base):
            return None
        leading, run, trailing = layout
        split: list[cst.If] = [
            branches[i].with_changes(orelse=None, leading_lines=[] if i == 0 else branches[i].leading_lines) for i in run]
        if trailing:
            split.append(branches[trailing[0]])  # its elifs are the chain's own, to its end
        if leading:
            node: cst.If = branches[leading[-1]].with_changes(orelse=cst.Else(cst.IndentedBlock(split)))
            for i in reversed(leading[:-1]):
                node = branches[i].with_changes(orelse=node)
            return Fix.unsafe("split into independent ifs", Replace(head, node))
        split[0] = split[0].with_changes(leading_lines=[*head.leading_lines, *split[0].leading_lines])
        return Fix.unsafe("split into independent ifs", Replace(head, cst.FlattenSentinel(split)))

    @staticmethod
    def _split_match(live, chain, per_case: list[set[str]]) -> Fix | None:
        """The cases on one raw server content's fields as one case binding the server content,
        with an ``if`` per field in the split's order (its pattern read as a test). None unless
        every other case is on another kind of message (a message that matched no field case
        would now match the merged one: a `case _:` after it would no longer run), no case has a
        guard, no body leaves or rebinds the name, and each pattern has a plain test."""
        cases = list(chain.match.cases)
        outer_keys: set[str] = set()
        fields: dict[int, cst.MatchMappingElement] = {}
        for i, case in enumerate(cases):
            kinds = {_kind(f) for f in per_case[i]}
            if case.guard is not None or not per_case[i] or None in kinds:
                return None
            if "server_content" not in kinds:
                continue  # a tool call, a go-away: never on a message with a server content
            outer = single_key(case.pattern)
            inner = single_key(outer.pattern) if outer is not None else None
            # (`{...} | {"goAway": _}` matches server contents too; so does a case `_`)
            if kinds != {"server_content"} or inner is None or _exits(case.body) \
                    or string_value(outer.key) != "serverContent" or not _wire_keys(inner):
                return None  # a snake_case dict is an SDK dump, whose absent fields are None
            outer_keys.add(cst.Module([]).code_for_node(outer.key))
            fields[i] = inner
        if len(fields) < 2 or len(outer_keys) != 1:
            return None
        tested = [per_case[i] for i in fields]
        if any(a & b for j, a in enumerate(tested) for b in tested[j + 1:]):
            return None  # two cases on one field (`{"text": ""}`, then `{"text": text}`): both would run
        scope = live.enclosing_function(chain.match) or live.module
        names = [n for n in descendants(scope) if isinstance(n, cst.Name)]
        if _captures_read_elsewhere(chain.match, [cases[i] for i in fields], names):
            return None
        used = {n.value for n in names}
        name = next((n for n in ("sc", "content", "server_content") if n not in used), None)
        if name is None:
            return None
        order = sorted(fields, key=lambda i: (_rank(per_case[i]), i))
        tests = {i: element_test(name, fields[i]) for i in order}
        if any(test is None for test in tests.values()):
            return None
        first = min(fields)
        ifs = [cst.If(test=tests[i], body=cases[i].body, leading_lines=[] if i == first else cases[i].leading_lines)
               for i in order]
        pattern = cst.parse_statement(f"match _:\n    case {{{outer_keys.pop()}: {name}}}:\n        pass\n").cases[0].pattern
        merged = cases[first].with_changes(pattern=pattern, body=cst.IndentedBlock(ifs))
        kept = [merged if i == first else case for i, case in enumerate(cases) if i == first or i not in fields]
        return Fix.unsafe("one case for the server content, an `if` per field",
                          Replace(chain.match, chain.match.with_changes(cases=kept)))

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
