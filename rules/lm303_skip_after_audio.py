"""`continue` / `break` / `return` right after handling a message's audio (or its transcript).

## What it does
Flags a `continue`, `break` or `return` that ends a branch handling the audio of a Live server
message (`if data := response.data: ...; continue`, `if part.inline_data: ...; continue`, raw
`"inlineData"`), inside a receive loop whose later statements read other fields of the message
(transcription, `turn_complete`, text, tool calls). Also the other way round: an exit that
ends a branch handling the message's transcription when the loop reads its audio below, and
an exit that ends a branch handling the turn's end (`turn_complete`, `generation_complete`)
when the loop (or a raw client's message handler) reads the message's audio or transcript
below: on the target the message that ends the turn often carries the last content. An
exit nested in another `if` inside the audio branch (`if data := msg.data: if queue is not None:
queue.put_nowait(data); continue`) is after the audio too, also under a test of a name the
loop bound to the audio first (`audio_bytes = bytes(msg.data)`, then `if audio_bytes: if
self.barge_in: continue`), and one closing a branch of the loop right after that branch handled
the audio, whatever its own test (`if sc.model_turn: for part in sc.model_turn.parts: ...
play(part.inline_data.data) ...` then `if interrupted: break`; decided after measurement 33).
What the exit skips has to hold something besides the audio already handled: `msg.data` is
the SDK's join of the inline audio of the message's parts, so skipping a walk over
`part.inline_data` skips the same bytes (and `msg.text` joins the text parts: skipping it after
a walk that read `part.text`, in the exiting branch or earlier in the loop body, skips the same
words, measurements 53 and 58), and `if sc.turn_complete:
pass` skips nothing. Nor
does skipping the reads of another kind of server message: a message is one of
`setup_complete`, `server_content`, `tool_call`, `tool_call_cancellation`, `go_away`,
`session_resumption_update` (a oneof; `usage_metadata` may come with any), so a tool-call
branch below never runs for the message whose audio was handled. An `if` that only exits
(`if "usageMetadata" in msg: continue`) only decides whether what follows it runs. Nor is an
exit in an error handler (`except Exception: failures += 1; if failures >= 3: return`, the
audio sender failing): it gives up on the stream, it does not skip a field by design. Decided
after measurement 28. Nor does skipping a branch that does just what the exiting one did (`got
= True; break` under a test of the turn's end, after `if response.data: got = True; break`: a
probe waiting for any answer; decided after measurement 40).

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
Unsafe: the rest of the loop body now runs for messages with audio. When the statements after
the branch all read the message (or the last one does), the exit goes: the branch and the ones
after it become independent `if`s. A statement reads the message when it reads one of its
fields, hands the message itself to a call (a helper reading its tool call), or uses a name a
statement before it bound while reading it (`said = t.text` ... `if said: send(said)`).
Otherwise the exit moves after the last statement that reads the message, behind the branch's
own test (`if data: continue`, the name a `:=` test binds, or the test itself when it only
reads), so the statements after it are still skipped for those messages as before. A `break`
(or a `return` inside the loop) always moves that way: it still ends the loop, after the
message is read. No fix when the statements that would now run for the branch's messages use
its audio again (`part.inline_data`, raw `"inlineData"`, outside a test: the same audio played
twice) or the transcription it handled, when the branch does nothing but exit (a filter: `if
not part.inline_data: continue`), when it is an `elif` whose exit has to move, when it returns
a value, when its test calls something or is rebound before the new place. A branch nested in
`if`s of the loop body (`if "modelTurn" in content: part = ...; if "inlineData" in part:
play(); continue`) gets the exit removed when it ends each block around it (then it skips only
what follows the outermost one) and the last statement after that reads the message; it gets no
fix otherwise.

The turn's-end exit is a `continue` or `return` (every turn loses its last content); a `break`
there ends the reading for good, as a one-shot reader does, and is left alone. It gets no fix:
the branch itself belongs after the content (a turn-end marker queued before the turn's last
audio would come out of order), a move the program's author makes.

## References
- Gemini 3.1 Flash Live model page, "Server events":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- The cookbook's 3.1 migration removes the `continue` after the audio:
  https://github.com/google-gemini/cookbook/pull/1224
- The server message's kinds as one field (`messageType`), `usageMetadata` outside it:
  https://ai.google.dev/api/live#bidigeneratecontentservermessage
"""

from __future__ import annotations

import ast

from bisect import bisect_left
from weakref import WeakKeyDictionary

import libcst as cst

from livemigrate.analysis import (
    LOOKS_ONLY,
    block_of,
    contains,
    descendants,
    exit_statement,
    field_reads,
    is_model_turn_parts,
    is_pure,
    iterated_parts,
    names_bound,
    names_read,
    string_value,
)
from livemigrate.edits import RemoveStatement, Replace
from livemigrate.migration import SERVER_MESSAGE_ONE_OF, to_snake
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_AUDIO_ATTRS = frozenset({"data", "inline_data"})
_AUDIO_KEYS = frozenset({"inlineData", "inline_data"})
_TRANSCRIPT_ATTRS = frozenset({"input_transcription", "output_transcription"})
_TRANSCRIPT_KEYS = frozenset({"inputTranscription", "outputTranscription", "input_transcription",
                              "output_transcription"})
_AUDIO_FIELDS = ("server_content.model_turn", "data", "server_content")
_TURN_END_FIELDS = frozenset({"server_content.turn_complete", "server_content.generation_complete"})


def _body_code(body: cst.BaseSuite) -> str:
    """What the statements of ``body`` do, as Python's own syntax tree says it: comments,
    parentheses and layout aside (``got = True; break`` on the ``if`` line is ``got = True``
    and ``break`` on lines of their own), so two branches doing the same thing compare equal."""
    if isinstance(body, cst.IndentedBlock):
        module = cst.Module(body=list(body.body))
    else:  # `if x: a; b`
        module = cst.Module(body=[cst.SimpleStatementLine(body=list(body.body))])  # type: ignore[attr-defined]
    code = module.code
    try:
        return ast.dump(ast.parse(code))
    except (SyntaxError, ValueError, RecursionError):  # (a `break` alone parses; nothing here should not)
        return code


# The two readers below test every node of a subtree: by exact type (neither libcst type has
# a subclass), as an isinstance through ABCMeta costs more than the rest of the test.

def _reads_audio(node: cst.CSTNode) -> bool:
    """The subtree reads a message's audio: ``.data``, ``.inline_data``, ``"inlineData"``."""
    return contains(node, lambda n: (type(n) is cst.Attribute and n.attr.value in _AUDIO_ATTRS)
                    or (type(n) is cst.SimpleString and string_value(n) in _AUDIO_KEYS))


def _reads_audio_of(node: cst.CSTNode, aliases) -> bool:
    """The subtree reads a message's audio, also as its model turn or the SDK's ``.data``."""
    return _reads_audio(node) or any(r.field in ("server_content.model_turn", "data")
                                     for r in field_reads(node, aliases))


def _reads_transcript(node: cst.CSTNode) -> bool:
    """The subtree reads a message's transcription (``.output_transcription``, raw keys)."""
    return contains(node, lambda n: (type(n) is cst.Attribute and n.attr.value in _TRANSCRIPT_ATTRS)
                    or (type(n) is cst.SimpleString and string_value(n) in _TRANSCRIPT_KEYS))


def _transcript(node: cst.CSTNode) -> str | None:
    """The transcription ``node`` itself names, snake case: ``.output_transcription``,
    ``"outputTranscription"``."""
    if isinstance(node, cst.Attribute) and node.attr.value in _TRANSCRIPT_ATTRS:
        return node.attr.value
    if isinstance(node, cst.SimpleString) and string_value(node) in _TRANSCRIPT_KEYS:
        return to_snake(string_value(node))
    return None


def _names_audio(node: cst.CSTNode) -> bool:
    """``node`` itself names a message's audio: ``.data``, ``.inline_data``, ``"inlineData"``."""
    return (isinstance(node, cst.Attribute) and node.attr.value in _AUDIO_ATTRS) or (
        isinstance(node, cst.SimpleString) and string_value(node) in _AUDIO_KEYS)


def _used(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes of the subtree that use a value, not only test it: outside ``if`` / ``while``
    tests (but for what a ``:=`` there binds) and ``hasattr`` (``if part.inline_data:
    play(part.inline_data.data)`` uses the audio in its body; ``elif hasattr(part,
    "inline_data"): log("audio")`` never does)."""
    found: list[cst.CSTNode] = []
    pending: list[tuple[cst.CSTNode, bool]] = [(node, False)]  # (node, inside a test), in pre-order
    while pending:
        n, testing = pending.pop()
        if isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value == "hasattr":
            continue
        if testing and isinstance(n, cst.NamedExpr):
            pending.append((n.value, False))  # `if chunk := part.inline_data.data: play(chunk)`
            continue
        if not testing:
            found.append(n)
        tests = isinstance(n, (cst.If, cst.While))
        pending.extend((child, testing or (tests and child is n.test)) for child in reversed(n.children))  # type: ignore[attr-defined]
    return found


def _uses_again(branch: cst.If, audio: bool, lines: list[cst.CSTNode]) -> bool:
    """``lines`` use what ``branch`` handled: the message's audio again (``msg.data`` is the
    SDK's join of the parts' inline audio, so ``part.inline_data`` / raw ``"inlineData"``
    are the same bytes), or the same transcription. Letting them run for the messages the
    branch handled would play (or print) it twice."""
    used = [n for line in lines for n in _used(line)]
    if audio:
        return any(_names_audio(n) for n in used)
    handled = {_transcript(n) for n in descendants(branch)} - {None}
    return any(_transcript(n) in handled for n in used)


def _reads_part_text(live, block: cst.CSTNode) -> bool:
    """``block`` walks the model turn's parts and reads their text (``for part in
    sc.model_turn.parts: ... if part.text: ...``, also over ``parts or []`` or a name bound to
    the parts)."""
    loops = [block, *descendants(block)] if type(block) is cst.For else descendants(block)
    for loop in loops:
        if type(loop) is cst.For and type(loop.target) is cst.Name \
                and is_model_turn_parts(iterated_parts(loop.iter), live.resolve_value):
            part = loop.target.value
            if any(type(n) is cst.Attribute and n.attr.value == "text" and type(n.value) is cst.Name
                   and n.value.value == part for n in descendants(loop.body)):
                return True
    return False


def _walked_part_text_before(live, node: cst.If, loop: cst.CSTNode) -> bool:
    """The loop body walks the model turn's parts and reads their text before ``node`` (a
    logging walk over `sc.model_turn.parts` above `if data := response.data: ...; continue`):
    `msg.text` below joins those same parts (measurement 58)."""
    start = live.order_of(node)
    return any(type(n) is cst.For and live.order_of(n) < start and _reads_part_text(live, n) for n in live.walk(loop))


def _after_audio_in_its_branch(live, node: cst.If, loop: cst.CSTNode) -> bool:
    """``node`` closes a branch of the loop that handled the message's audio just before it
    (``if sc.model_turn: for part in parts: play(part.inline_data.data) ...`` then ``if
    interrupted: break``): whatever its own test, its exit comes after that audio."""
    block = live.parent(node)
    branch = live.parent(block) if type(block) is cst.IndentedBlock else None
    if type(branch) not in (cst.If, cst.Else) or branch.body is not block or block.body[-1] is not node \
            or not live.order_of(loop) < live.order_of(branch) < live.end_of(loop):
        return False
    return any(_reads_audio(line) for line in block.body[:-1])


def _does_nothing(node: cst.If) -> bool:
    """``if <test>: pass`` (or ``...``, a docstring), no ``else``, a test that calls nothing but
    ``getattr`` / ``hasattr``: the field it reads changes nothing."""
    lines = node.body.body if isinstance(node.body, cst.IndentedBlock) else [node.body]
    smalls = [small for line in lines
              for small in (line.body if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
                            else [line])]
    idle = all(isinstance(small, cst.Pass) or (isinstance(small, cst.Expr)
                                               and isinstance(small.value, (cst.Ellipsis, cst.SimpleString)))
               for small in smalls)
    quiet = all(isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value in ("getattr", "hasattr")
                for n in descendants(node.test) if isinstance(n, (cst.Call, cst.NamedExpr, cst.Await)))
    return node.orelse is None and bool(smalls) and idle and quiet


def _comes_with_content(field: str) -> bool:
    """``field`` can be on a message that carries server content: the kinds of server message
    are a oneof, so a tool call (a GoAway, ...) is never on the message whose audio was
    handled, and skipping its reads for that message skips nothing."""
    return SERVER_MESSAGE_ONE_OF.get(field.split(".")[0], "server_content") == "server_content"


def _only_exits(node: cst.If) -> bool:
    """``if <test>: continue`` (``break``, a bare ``return``), no ``else``: it reads its test only
    to skip what follows, which is read (or not) on its own."""
    return node.orelse is None and exit_statement(node.body, (cst.Continue, cst.Break, cst.Return)) is not None \
        and isinstance(node.body, cst.IndentedBlock) and len(node.body.body) == 1 \
        and isinstance(node.body.body[0], cst.SimpleStatementLine) and len(node.body.body[0].body) == 1 \
        and not (isinstance(node.body.body[0].body[0], cst.Return) and node.body.body[0].body[0].value is not None)


def _reads_the_message(live, lines: list[cst.CSTNode], messages: set[str]) -> list[int]:
    """The indexes of ``lines`` that read the message: a field of it, its audio, the message
    itself handed to a call (``self._extract_tool_calls(response)`` reads its tool call), or a
    name a line before bound while reading it (``said = t.text`` ... ``if said: send(said)``
    uses the transcript)."""
    carried: set[str] = set()
    found: list[int] = []
    for index, line in enumerate(lines):
        handed = any(isinstance(n, cst.Arg) and isinstance(n.value, cst.Name)
                     and (n.value.value in messages or live.is_message(n.value)) for n in descendants(line))
        if (any(_comes_with_content(r.field) for r in live.field_reads(line)) or _reads_audio(line) or handed
                or any(n.value in carried for n in names_read(line))):
            found.append(index)
            carried |= names_bound(line)
    return found


def _is_message_loop(live, loop: cst.CSTNode) -> bool:
    """A loop over ``session.receive()`` (or a name holding it), or a raw client's loop
    that reads server messages (``serverContent`` only exists there); not a loop over the
    parts of one message."""
    if isinstance(loop, cst.For) and live.is_message_loop(loop):
        return True
    if isinstance(loop, cst.For) and is_model_turn_parts(iterated_parts(loop.iter), live.resolve_value):
        return False
    # a name, string or comment inside the loop says `serverContent` / `server_content` (found
    # by the index's source order, not by generating the loop's code)
    mentions = _MENTIONS.get(live)
    if mentions is None:
        mentions = _MENTIONS[live] = sorted(live.order_of(n) for n in live.nodes(*_MENTIONING) if
                                             "serverContent" in n.value or "server_content" in n.value)
    first = bisect_left(mentions, live.order_of(loop))
    return first < len(mentions) and mentions[first] < live.end_of(loop)


_MENTIONING = (cst.Name, cst.SimpleString, cst.Comment, cst.FormattedStringText)
# Per module analysed: the source positions of the nodes that mention the server content.
_MENTIONS: "WeakKeyDictionary[object, list[int]]" = WeakKeyDictionary()


def _handles_a_message(ctx: RuleContext, function: cst.FunctionDef) -> bool:
    """A handler of one message: a parameter the session flow knows holds one, or (a raw
    client's `_handle(self, msg: dict)`) one whose fields the body reads by the server message's
    own keys (`msg.get("serverContent", {})`)."""
    live = ctx.live
    if live.handles_message(function):
        return True
    if live.raw_service != "live":
        return False
    params = function.params
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    return any(r.live_shaped and r.raw and r.base in names
               for n in live.walk(function.body) if type(n) is cst.If for r in live.field_reads(n.test))


class SkipAfterAudio(Rule):
    id = "LM303"
    name = "skip-after-audio"
    message = "skips the rest of a Live message after its audio: the transcript can be in the same message"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "async def loop(session):\n"
        "    async for response in session.receive():\n"
        "        if data := response.data:\n            play(data)\n"
        "        if t := response.server_content.output_transcription:\n            print(t.text)\n",
        # the exit leaves a loop over the parts, not over the messages
        "async def loop(session):\n"
        "    async for response in session.receive():\n"
        "        for part in response.server_content.model_turn.parts or []:\n"
        "            if part.inline_data:\n                play(part.inline_data.data)\n                continue\n"
        "            print(part.text)\n"
        "        if t := response.server_content.output_transcription:\n            print(t.text)\n",
        # the same, with the parts guarded by a conditional expression
        "async def loop(session):\n"
        "    async for response in session.receive():\n"
        "        for part in response.server_content.model_turn.parts if response.server_content else []:\n"
        "            if part.inline_data and part.inline_data.mime_type != 'audio/pcm;rate=24000':\n"
        "                continue\n"
        "            play(part.inline_data.data)\n"
        "        if t := response.server_content.output_transcription:\n            print(t.text)\n",
    ]
    INVALID = [
        Invalid(
            "async def loop(session):\n"
            "    async for response in session.receive():\n"
            "        if data := response.data:\n            play(data)\n            continue\n"
            "        if t := response.server_content.output_transcription:\n            print(t.text)\n",
            fixed="async def loop(session):\n"
            "    async for response in session.receive():\n"
            "        if data := response.data:\n            play(data)\n"
            "        if t := response.server_content.output_transcription:\n            print(t.text)\n",
            unsafe=True,
        ),
        Invalid(  # a message handler that returns after the audio
            "from google.genai import types\n"
            "def handle(msg: types.LiveServerMessage, out, captions):\n"
            "    if msg.data:\n        out.write(msg.data)\n        return\n"
            "    if msg.server_content and msg.server_content.turn_complete:\n        captions.append('\\n')\n",
            fixed="from google.genai import types\n"
            "def handle(msg: types.LiveServerMessage, out, captions):\n"
            "    if msg.data:\n        out.write(msg.data)\n"
            "    if msg.server_content and msg.server_content.turn_complete:\n        captions.append('\\n')\n",
            unsafe=True,
        ),
        Invalid(  # the transcript first, the audio skipped
            "async def loop(session, out):\n"
            "    async for response in session.receive():\n"
            "        sc = response.server_content\n"
            "        if sc.output_transcription:\n            print(sc.output_transcription.text)\n            continue\n"
            "        if sc.model_turn:\n"
            "            for part in sc.model_turn.parts:\n                out.write(part.inline_data.data)\n",
            fixed="async def loop(session, out):\n"
            "    async for response in session.receive():\n"
            "        sc = response.server_content\n"
            "        if sc.output_transcription:\n            print(sc.output_transcription.text)\n"
            "        if sc.model_turn:\n"
            "            for part in sc.model_turn.parts:\n                out.write(part.inline_data.data)\n",
            unsafe=True,
        ),
        Invalid(  # a break moves after the last read of the message; the statements after it stay skipped
            "async def loop(session, out, stats):\n"
            "    async for response in session.receive():\n"
            "        if data := response.data:\n            out.write(data)\n            break\n"
            "        if response.server_content.turn_complete:\n            out.flush()\n"
            "        stats.count += 1\n",
            fixed="async def loop(session, out, stats):\n"
            "    async for response in session.receive():\n"
            "        if data := response.data:\n            out.write(data)\n"
            "        if response.server_content.turn_complete:\n            out.flush()\n"
            "        if data:\n            break\n"
            "        stats.count += 1\n",
            unsafe=True,
        ),
        Invalid(  # a filter, not the end of handling the audio: no fix
            "async def loop(session, out):\n"
            "    async for response in session.receive():\n"
            "        if response.data is None:\n            continue\n"
            "        out.write(response.data)\n"
            "        if response.server_content.turn_complete:\n            out.flush()\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        aliases = live.server_content_aliases()
        for node in live.nodes(cst.If):
            # a `raise` ends more than this message: not an exit this rule is about
            leaving = exit_statement(node.body, (cst.Continue, cst.Break, cst.Return))
            if leaving is None:
                continue
            audio = _reads_audio(node.test) or _reads_audio(node.body)
            loop = self._scope(ctx, leaving)
            if loop is not None and not audio:
                # `if data := msg.data: if queue is not None: queue.put(data); continue`, also
                # `if audio_bytes:` where the loop took `audio_bytes = bytes(msg.data)` first
                audio = live.under_test(node, loop, lambda test: _reads_audio(test) or any(
                    type(n) is cst.Name and any(_reads_audio(v) for v in live.values_of(n))
                    for n in descendants(test))) or _after_audio_in_its_branch(live, node, loop)
            transcript = _reads_transcript(node.test) or _reads_transcript(node.body)
            if loop is not None and not audio and not transcript and live.under_test(node, loop, _reads_transcript):
                # `if sc.output_transcription: t = sc.output_transcription; if t.text: return [...]`:
                # the exit's own test reads what a statement before it took from the transcript
                # (an unrelated exit under the field's test, `if self.cancelled: return`, is not one)
                block = live.parent(node)
                before = block.body[:list(block.body).index(node)] if isinstance(block, cst.IndentedBlock) else []
                tested = {n.value for n in names_read(node.test)}
                transcript = any(tested & names_bound(line) and _reads_transcript(line) for line in before)
            if not audio and not transcript:
                # (a `break` at the turn's end stops reading for good: a one-shot reader's end,
                # left alone as the expert migrations leave it)
                if loop is not None and not isinstance(leaving, cst.Break) \
                        and self._ends_turn_first(ctx, node, loop, aliases):
                    ctx.report(leaving, f"stops handling this Live message at its turn's end: "
                               f"{ctx.target.claim('audio_with_transcript')}, so the content read below (its audio "
                               f"or transcript) is skipped for the message that ends the turn; handle the turn's "
                               f"end after the message's content")
                continue
            if loop is None or live.is_legacy_only(node):
                continue
            handler = next((a for a in live.ancestors(node) if type(a) is cst.ExceptHandler
                            and live.order_of(a) > live.order_of(loop)), None)
            if handler is not None and not _reads_audio(handler.body):
                # an abort on an error (`except: failures += 1; if failures >= 3: return`): the
                # audio was handled in the `try`, the handler gives up on the stream
                continue
            # a branch doing just what this one did (`got = True; break` under a test of the
            # turn's end, after `if response.data: got = True; break`): skipping it loses nothing
            done = _body_code(node.body)
            later = [s for s in self._after(ctx, node, loop)
                     if not (type(parent := live.parent(s)) is cst.If and parent.test is s
                             and _body_code(parent.body) == done)]
            if audio:
                # (`msg.text` is the SDK's join of the model turn's text parts: a branch that read
                # `part.text` over them handled it)
                same = _AUDIO_FIELDS + (("text",) if _reads_part_text(live, node.body) or _walked_part_text_before(
                    live, node, loop) else ())
                reads = [r.field for s in later for r in field_reads(s, aliases)
                         if r.field not in same and _comes_with_content(r.field)]
                # the server content handed whole to a helper (`handle_server_content(wf, sc)`):
                # it reads the rest of the message (its transcript, its turn's end)
                reads += ["server_content" for s in later for n in descendants(s) if type(n) is cst.Call
                          and not (type(n.func) is cst.Name and n.func.value in LOOKS_ONLY)
                          and any(type(a.value) is cst.Name and a.value.value in aliases for a in n.args)]
                what = ctx.target.claim("audio_with_transcript")
                skipped = f"`{reads[0]}` read below is skipped" if reads else ""
                verb = "after its audio"
            else:
                reads = ["the audio"] if any(_reads_audio_of(s, aliases) for s in later) else []
                what = ctx.target.claim("audio_with_transcript")
                skipped = "its audio read below is skipped"
                verb = "after its transcription"
            if reads:
                ctx.report(leaving, f"stops handling this Live message {verb}: {what}, so {skipped}; "
                           f"let the loop body go on", self._go_on(ctx, node, leaving, loop, audio))

    def _ends_turn_first(self, ctx: RuleContext, node: cst.If, loop: cst.CSTNode, aliases) -> bool:
        """``node`` tests the turn's end (``turn_complete`` / ``generation_complete``, any
        spelling) and exits, and what follows in the loop (or handler) reads the message's
        audio or transcription: the message that carries both loses them. No fix: the turn's
        end belongs after the content, a move of the whole branch the program has to make."""
        if not any(r.field in _TURN_END_FIELDS for r in field_reads(node.test, aliases)) \
                or ctx.live.is_legacy_only(node):
            return False
        return any(_reads_audio_of(s, aliases) or _reads_transcript(s) for s in self._after(ctx, node, loop))

    def _after(self, ctx: RuleContext, node: cst.If, loop: cst.CSTNode) -> list[cst.BaseExpression]:
        """What the loop body (or handler) evaluates after ``node``: what an exit in it skips."""
        end = self._last_order(ctx, node)
        return [s for s in self._statements(loop) if ctx.live.order_of(s) > end]

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
            kind = type(node)  # exact types (none has a subclass): isinstance through ABCMeta is slow
            if kind is cst.If:
                # `if sc.turn_complete: pass` skips nothing; `if "usageMetadata" in msg: continue`
                # only decides whether what follows runs, and that is read on its own
                if not _does_nothing(node) and not _only_exits(node):
                    found.append(node.test)
            elif kind is cst.Expr or kind is cst.Assign:
                found.append(node.value)
        return found

    @staticmethod
    def _scope(ctx: RuleContext, exit_statement: cst.CSTNode) -> cst.CSTNode | None:
        """What the exit leaves early: the message loop a ``continue``/``break`` belongs to,
        or, for ``return``, a message loop around it or a handler of one message."""
        nearest_loop = True
        for ancestor in ctx.live.ancestors(exit_statement):
            if isinstance(ancestor, cst.Lambda):
                return None
            if isinstance(ancestor, cst.FunctionDef):
                if isinstance(exit_statement, cst.Return) and _handles_a_message(ctx, ancestor):
                    return ancestor
                return None
            if isinstance(ancestor, (cst.For, cst.While)):
                if _is_message_loop(ctx.live, ancestor):
                    return ancestor
                if nearest_loop and not isinstance(exit_statement, cst.Return):
                    return None  # continue/break of an inner loop (over parts, say)
                nearest_loop = False
        return None

    @staticmethod
    def _go_on(ctx: RuleContext, branch: cst.If, leaving: cst.CSTNode, scope: cst.CSTNode,
               audio: bool) -> Fix | None:
        """Let the rest of the loop body (or handler) run: drop the exit when the last
        statement after the branch reads the message, else move it after the last one that
        does, behind the branch's test. None when neither keeps the rest of the program's
        meaning."""
        live = ctx.live
        if isinstance(leaving, cst.Return) and leaving.value is not None:
            return None
        head: cst.CSTNode = branch
        while isinstance(live.parent(head), cst.If) and live.parent(head).orelse is head:
            head = live.parent(head)
        where = block_of(head, live.parent)
        nested = False
        while where is not None and where[0] is not scope.body:
            # Nested in `if`s of the loop body (`if "modelTurn" in content: ... if "inlineData"
            # in part: play(); continue`): when the branch ends each block around it, what the
            # exit skips is what follows the outermost of them, as for a branch of the body.
            inner, position = where
            owner = live.parent(inner)
            if isinstance(owner, cst.Else):
                owner = live.parent(owner)
            if position != len(inner.body) - 1 or not isinstance(owner, cst.If):
                return None  # statements of its own block would be skipped too, or a loop, a try
            head = owner
            while isinstance(live.parent(head), cst.If) and live.parent(head).orelse is head:
                head = live.parent(head)
            where, nested = block_of(head, live.parent), True
        if where is None:
            return None
        block, index = where
        body = branch.body
        if not isinstance(body, cst.IndentedBlock):
            return None
        handled = len(body.body) > 1 or (isinstance(body.body[0], cst.SimpleStatementLine) and len(body.body[0].body) > 1)
        if not handled:
            return None  # a filter (`if not x: continue`): it skips messages, not the rest of one
        rest = list(block.body[index + 1:])
        target = scope.target if isinstance(scope, cst.For) else None
        messages = {target.value} if isinstance(target, cst.Name) else set()
        reading = _reads_the_message(live, rest, messages)
        if not reading:
            return None
        last = reading[-1]
        returns_from_loop = isinstance(leaving, cst.Return) and isinstance(scope, (cst.For, cst.While))
        removed = last == len(rest) - 1 and isinstance(leaving, (cst.Continue, cst.Return)) and not returns_from_loop
        if _uses_again(branch, audio, rest if removed else rest[:last + 1]):
            return None  # the same audio (or transcript) would be handled twice
        if removed:
            return Fix.unsafe("let the rest of the message be read: remove the exit", RemoveStatement(leaving))
        if head is not branch or nested:
            return None  # an elif (or a nested branch): its test alone does not say the branch ran
        test = branch.test
        if isinstance(test, cst.NamedExpr) and isinstance(test.target, cst.Name):
            condition: cst.BaseExpression = test.target.with_changes(lpar=[], rpar=[])
        elif is_pure(test) and not any(n.value in ("self", "cls") for n in names_read(test)):
            condition = test
        else:
            return None
        if {n.value for n in names_read(condition)} & names_bound(branch.body, *rest[:last + 1]):
            return None  # rebound on the way: the test would not say what it said
        line = live.parent(leaving)
        comment = line.trailing_whitespace if isinstance(line, cst.SimpleStatementLine) and line.body[-1] is leaving \
            else cst.TrailingWhitespace()  # the exit's own comment goes with it
        exit_line = cst.SimpleStatementLine([leaving.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)],
                                            trailing_whitespace=comment)
        moved = cst.If(test=condition, body=cst.IndentedBlock([exit_line]))
        anchor = rest[last]
        return Fix.unsafe("let the rest of the message be read: move the exit after its last read",
                          RemoveStatement(leaving), Replace(anchor, cst.FlattenSentinel([anchor, moved])))
