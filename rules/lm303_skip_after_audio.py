"""`continue` / `break` / `return` right after handling a message's audio.

## What it does
Flags a `continue`, `break` or `return` that ends a branch handling the audio of a Live server
message (`if data := response.data: ...; continue`, `if part.inline_data: ...; continue`, raw
`"inlineData"`), inside a receive loop whose later statements read other fields of the message
(transcription, `turn_complete`, text, tool calls).

## Why is this bad?
On 3.1 the audio and its transcript (and often `turn_complete`) arrive in the same message.
Skipping the rest of the loop body after playing the audio drops them. The cookbook's 3.1
migration removed exactly this `continue`.

## Example
```python
async for response in session.receive():
    if data := response.data:
        play(data)
        continue
    if text := response.server_content.output_transcription:
        print(text.text)
```

## Use instead
```python
async for response in session.receive():
    if data := response.data:
        play(data)
    if text := response.server_content.output_transcription:
        print(text.text)
```

## Fix safety
No fix: what the loop should do after the audio depends on the program.

## References
- Gemini 3.1 Flash Live model page, "Server events":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- The cookbook's 3.1 migration removes the `continue` after the audio:
  https://github.com/google-gemini/cookbook/pull/1224
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import contains, descendants, exit_statement, field_reads, string_value
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext

_AUDIO_ATTRS = frozenset({"data", "inline_data"})
_AUDIO_KEYS = frozenset({"inlineData", "inline_data"})


def _reads_audio(node: cst.CSTNode) -> bool:
    """The subtree reads a message's audio: ``.data``, ``.inline_data``, ``"inlineData"``."""
    return contains(node, lambda n: (isinstance(n, cst.Attribute) and n.attr.value in _AUDIO_ATTRS)
                    or (isinstance(n, cst.SimpleString) and string_value(n) in _AUDIO_KEYS))


def _is_message_loop(flow, loop: cst.CSTNode) -> bool:
    """A loop over ``session.receive()`` (or a name holding it), or a raw client's loop
    that reads server messages (``serverContent`` only exists there)."""
    if isinstance(loop, cst.For) and (loop in flow.receive_loops or flow.iterates_receive(loop)):
        return True
    code = cst.Module([]).code_for_node(loop)
    return "serverContent" in code or "server_content" in code


def _handles_a_message(ctx: RuleContext, function: cst.FunctionDef) -> bool:
    return ctx.live.handles_message(function)


class SkipAfterAudio(Rule):
    id = "LM303"
    name = "skip-after-audio"
    message = "skips the rest of a Live message after its audio: the transcript can be in the same message"
    fix_availability = FixAvailability.NEVER

    VALID = [
        "async def loop(session):\n"
        "    async for response in session.receive():\n"
        "        if data := response.data:\n            play(data)\n"
        "        if t := response.server_content.output_transcription:\n            print(t.text)\n",
    ]
    INVALID = [
        Invalid(
            "async def loop(session):\n"
            "    async for response in session.receive():\n"
            "        if data := response.data:\n            play(data)\n            continue\n"
            "        if t := response.server_content.output_transcription:\n            print(t.text)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        aliases = live.server_content_aliases()
        for node in live.nodes():
            if not isinstance(node, cst.If):
                continue
            # a `raise` ends more than this message: not an exit this rule is about
            leaving = exit_statement(node.body, (cst.Continue, cst.Break, cst.Return))
            if leaving is None or not (_reads_audio(node.test) or _reads_audio(node.body)):
                continue
            loop = self._scope(ctx, leaving)
            if loop is None or live.is_legacy_only(node):
                continue
            later = [s for s in self._statements(loop) if live.order_of(s) > self._last_order(ctx, node)]
            reads = [r for s in later for r in field_reads(s, aliases)
                     if r.field not in ("server_content.model_turn", "data", "server_content")]
            if reads:
                ctx.report(leaving, f"stops handling this Live message after its audio: "
                           f"{ctx.target.claim('audio_with_transcript')}, so `{reads[0].field}` read below is "
                           f"skipped; let the loop body go on after playing the audio")

    @staticmethod
    def _last_order(ctx: RuleContext, node: cst.CSTNode) -> int:
        """The source position of the last node inside ``node``."""
        return ctx.live.end_of(node) - 1

    @staticmethod
    def _statements(loop: cst.CSTNode) -> list[cst.BaseExpression]:
        """The expressions a loop body evaluates (if tests, expression statements, assigned
        values), outside nested functions."""
        found: list[cst.BaseExpression] = []
        for node in descendants(loop.body):
            if isinstance(node, cst.If):
                found.append(node.test)
            elif isinstance(node, (cst.Expr, cst.Assign)):
                found.append(node.value)
        return found

    @staticmethod
    def _scope(ctx: RuleContext, exit_statement: cst.CSTNode) -> cst.CSTNode | None:
        """What the exit leaves early: the message loop a ``continue``/``break`` belongs to,
        or, for ``return``, a message loop around it or a handler of one message."""
        flow = ctx.live.flow
        nearest_loop = True
        for ancestor in ctx.live.ancestors(exit_statement):
            if isinstance(ancestor, cst.Lambda):
                return None
            if isinstance(ancestor, cst.FunctionDef):
                if isinstance(exit_statement, cst.Return) and _handles_a_message(ctx, ancestor):
                    return ancestor
                return None
            if isinstance(ancestor, (cst.For, cst.While)):
                if _is_message_loop(flow, ancestor):
                    return ancestor
                if nearest_loop and not isinstance(exit_statement, cst.Return):
                    return None  # continue/break of an inner loop (over parts, say)
                nearest_loop = False
        return None
