"""Comparing a received part's MIME type to a bare `audio/pcm`.

## What it does
Flags `part.inline_data.mime_type == "audio/pcm"` (or `!=`) on a part of a Live server
message (a part of `server_content.model_turn.parts`, by index, by `next(iter(parts))`, through
a name or in a loop over them, also `parts if ... else []`), and the raw spelling `part["inlineData"]["mimeType"] == "audio/pcm"`. MIME types
of what the program sends are LM106's business; a prefix test (`startswith("audio/pcm")`) is
fine. A module with no sign of Gemini at all (no google-genai import, Live endpoint, "gemini"
in its code or SDK-shaped message read) is not flagged: its raw keys are its own protocol's.

## Why is this bad?
The server labels its audio with the sample rate: `audio/pcm;rate=24000`. An equality with the
bare `audio/pcm` never holds, so every audio chunk is dropped (or, with `!=`, treated as
something else) and the program plays nothing, silently.

## Example
```python
for part in message.server_content.model_turn.parts:
    if part.inline_data and part.inline_data.mime_type == "audio/pcm":
        play(part.inline_data.data)
```

## Use instead
```python
for part in message.server_content.model_turn.parts:
    if part.inline_data and part.inline_data.mime_type.startswith("audio/pcm"):
        play(part.inline_data.data)
```

## Fix safety
Unsafe: `x == "audio/pcm"` becomes `x.startswith("audio/pcm")` (`!=` becomes
`not x.startswith(...)`), which now holds for the server's audio: the code it guards starts
running. The server sets the MIME type on every inline data part it sends; a part built by
the program without one would now raise where the equality was False, except where the code
reads the type with a default (`inline.get("mimeType")`, `getattr(blob, "mime_type", None)`):
that read becomes `(inline.get("mimeType") or "")` first.

## References
- Gemini 3.1 Flash Live model page (audio output 24 kHz PCM):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Live API guide, audio formats: https://ai.google.dev/gemini-api/docs/live-guide
- The cookbook plays received audio at 24 kHz: https://github.com/google-gemini/cookbook/pull/1224
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import is_model_turn_parts, is_received_part, string_value
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_BARE = "audio/pcm"
_INLINE = ("inline_data", "inlineData")
_MIME = ("mime_type", "mimeType")


def _key(node: cst.CSTNode) -> tuple[cst.BaseExpression, str] | None:
    """(owner, name) of ``owner.name``, ``owner["name"]`` or ``owner.get("name")``."""
    if isinstance(node, cst.Attribute):
        return node.value, node.attr.value
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        name = string_value(node.slice[0].slice.value)
        return (node.value, name) if name is not None else None
    if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
            and node.args):
        name = string_value(node.args[0].value)
        return (node.func.value, name) if name is not None else None
    return None


def _part_of_guarded_loop(live, part: cst.BaseExpression) -> bool:
    """``part`` is the target of a loop over a message's parts guarded by a conditional
    expression: ``for part in (sc.model_turn.parts if sc and sc.model_turn else [])``."""
    if not isinstance(part, cst.Name):
        return False
    for ancestor in live.ancestors(part):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            return False
        if isinstance(ancestor, cst.For) and isinstance(ancestor.target, cst.Name) \
                and ancestor.target.value == part.value:
            iterated = ancestor.iter
            if not isinstance(iterated, cst.IfExp):
                return False
            empty = [side for side in (iterated.body, iterated.orelse)
                     if isinstance(side, (cst.List, cst.Tuple)) and not side.elements]
            parts = iterated.orelse if empty and empty[0] is iterated.body else iterated.body
            return bool(empty) and is_model_turn_parts(parts, live.resolve_value)
    return False


class ReceivedMimeEquality(Rule):
    id = "LM307"
    name = "received-mime-equality"
    message = "a received part's MIME type compared to a bare audio/pcm: the server's audio carries a rate"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "async def play(session, out):\n"
        "    async for m in session.receive():\n"
        "        for part in m.server_content.model_turn.parts or []:\n"
        "            if part.inline_data and part.inline_data.mime_type.startswith('audio/pcm'):\n"
        "                out.write(part.inline_data.data)\n",
        # what the program sends: not a received part
        "def blob_kind(blob):\n    return 'audio' if blob.mime_type == 'audio/pcm' else 'video'\n",
    ]
    INVALID = [
        Invalid(
            "async def play(session, out):\n"
            "    async for m in session.receive():\n"
            "        for part in m.server_content.model_turn.parts or []:\n"
            "            if part.inline_data and part.inline_data.mime_type == 'audio/pcm':\n"
            "                out.write(part.inline_data.data)\n",
            fixed="async def play(session, out):\n"
            "    async for m in session.receive():\n"
            "        for part in m.server_content.model_turn.parts or []:\n"
            "            if part.inline_data and part.inline_data.mime_type.startswith('audio/pcm'):\n"
            "                out.write(part.inline_data.data)\n",
            unsafe=True,
        ),
        Invalid(  # raw JSON, `!=`
            "import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        msg = json.loads(raw)\n"
            "        for part in msg['serverContent']['modelTurn']['parts']:\n"
            "            if part['inlineData']['mimeType'] != 'audio/pcm':\n"
            "                continue\n"
            "            out.write(part['inlineData']['data'])\n",
            fixed="import json\n"
            "URI = 'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'\n"
            "async def play(ws, out):\n"
            "    async for raw in ws:\n"
            "        msg = json.loads(raw)\n"
            "        for part in msg['serverContent']['modelTurn']['parts']:\n"
            "            if not part['inlineData']['mimeType'].startswith('audio/pcm'):\n"
            "                continue\n"
            "            out.write(part['inlineData']['data'])\n",
            unsafe=True,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        if not live.speaks_gemini():
            return  # raw `inlineData` / `mimeType` keys of an app's own protocol say nothing
        for node in live.nodes(cst.Comparison):
            if len(node.comparisons) != 1:
                continue
            target = node.comparisons[0]
            if not isinstance(target.operator, (cst.Equal, cst.NotEqual)):
                continue
            for mime, literal in ((node.left, target.comparator), (target.comparator, node.left)):
                if string_value(literal) == _BARE and self._received_mime(ctx, mime):
                    if not live.is_legacy_only(node):
                        ctx.report(node, f"a received part's MIME type compared to a bare `{_BARE}`: "
                                   f"{ctx.target.claim('output_audio_mime')}, so this never matches; test the "
                                   f"prefix instead", self._prefix(node, mime, literal, target.operator))
                    break

    @staticmethod
    def _received_mime(ctx: RuleContext, node: cst.BaseExpression) -> bool:
        """``node`` is the MIME type of a received part's inline data."""
        mime = _key(node)
        if mime is None or mime[1] not in _MIME:
            return False
        inline = _key(mime[0])
        if inline is None or inline[1] not in _INLINE:
            inline_value = ctx.live.resolve_value(mime[0])  # blob = part.inline_data
            inline = _key(inline_value) if inline_value is not mime[0] else None
            if inline is None or inline[1] not in _INLINE:
                return False
        return is_received_part(ctx.live, inline[0]) or _part_of_guarded_loop(ctx.live, inline[0])

    @staticmethod
    def _prefix(node: cst.Comparison, mime: cst.BaseExpression, literal: cst.BaseExpression,
                operator: cst.BaseCompOp) -> Fix:
        receiver = mime.with_changes(lpar=[], rpar=[]) if not mime.lpar else mime
        if type(mime) is cst.Call:
            # `inline.get("mimeType")` says the key may be missing: None never started with anything
            receiver = cst.BooleanOperation(receiver, cst.Or(), cst.SimpleString('""'),
                                            lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        call = cst.Call(cst.Attribute(receiver, cst.Name("startswith")), args=[cst.Arg(literal.with_changes(lpar=[], rpar=[]))])
        new: cst.BaseExpression = call
        if isinstance(operator, cst.NotEqual):
            new = cst.UnaryOperation(cst.Not(), call)
        new = new.with_changes(lpar=node.lpar, rpar=node.rpar)
        return Fix.unsafe("test the prefix: startswith", Replace(node, new))
