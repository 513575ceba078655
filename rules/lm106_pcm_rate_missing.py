"""Input audio labelled `audio/pcm` without its sample rate.

## What it does
Flags the literal `"audio/pcm"` (no `;rate=`) used as the MIME type of audio sent to a Live
session: in `send_realtime_input` / `send` / `start_stream` arguments (a `types.Blob`, a
`{"mime_type": ...}` / `{"mimeType": ...}` dict, a constant), in raw `realtimeInput` frames,
in a blob or dict bound to a name that is sent, and in items queued for a sender task in a
module that talks to a session. Output labels (audio sent to a browser or a player),
`generate_content` parts and comparisons are not flagged.

## Why is this bad?
Live input is raw 16-bit PCM, little-endian, mono, and the server reads its rate from the
MIME type: `audio/pcm;rate=16000`. The cookbook's 3.1 migration changed exactly this line;
without the rate the server has to guess.

## Example
```python
types.Blob(data=chunk, mime_type="audio/pcm")
```

## Use instead
```python
types.Blob(data=chunk, mime_type="audio/pcm;rate=16000")
```

## Fix safety
Safe: the MIME type becomes `audio/pcm;rate=16000`, the rate Live input expects. If your
audio is not 16 kHz, resample it, or write its real rate instead.

## References
- shared/live-api-facts.md §2.9
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.media import MIME_KEYS
from livemigrate.analysis.syntax import descendants
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext


class PcmRateMissing(Rule):
    id = "LM106"
    name = "pcm-rate-missing"
    message = "input audio MIME type without a rate: use audio/pcm;rate=16000"
    fix_availability = FixAvailability.ALWAYS

    VALID = [
        "from google.genai import types\nblob = types.Blob(data=b'', mime_type='audio/pcm;rate=16000')\n",
        "from google import genai\ndef is_pcm(part):\n    return part.inline_data.mime_type == 'audio/pcm'\n",
        # model output relayed to a browser, and generate_content input: not Live input
        "from google import genai\nfrom google.genai import types\n"
        "async def relay(session, browser, pcm):\n"
        "    await session.send_realtime_input(text='hi')\n"
        "    await browser.send_json({'type': 'audio', 'mime_type': 'audio/pcm', 'data': pcm})\n"
        "    part = types.Part.from_bytes(data=pcm, mime_type='audio/pcm')\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\n"
            "MIME = 'audio/pcm'\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type=MIME))\n",
            fixed="from google import genai\nfrom google.genai import types\n"
            "MIME = 'audio/pcm;rate=16000'\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type=MIME))\n",
        ),
        Invalid(
            "from google import genai\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio={'data': chunk, 'mimeType': \"audio/pcm\"})\n",
            fixed="from google import genai\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio={'data': chunk, 'mimeType': \"audio/pcm;rate=16000\"})\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        roots = self._input_roots(live)
        if not roots:
            return
        inside = {id(n) for root in roots for n in descendants(root, skip=())}
        names = {n.value for root in roots for n in descendants(root, skip=()) if isinstance(n, cst.Name)}
        seen: set[int] = set()
        for value in self._mime_values(live):
            if not self._is_input(live, value, inside, names):
                continue
            literal = live.resolve_value(value)
            if not isinstance(literal, cst.SimpleString) or id(literal) in seen:
                continue
            text = string_value(literal)
            if text is None or text.strip().lower() != "audio/pcm" or live.is_legacy_only(value):
                continue
            seen.add(id(literal))
            new = literal.with_changes(value=literal.value.replace(text, "audio/pcm;rate=16000"))
            ctx.report(literal, f"`{text}` has no sample rate: Live input is 16 kHz PCM, "
                       f"`audio/pcm;rate=16000`", Fix.safe("audio/pcm;rate=16000", Replace(literal, new)))

    @staticmethod
    def _input_roots(live) -> list[cst.CSTNode]:
        """What is sent to a Live session: arguments of its send calls, raw realtime frames,
        and (in modules that talk to a session) items queued for a sender task."""
        flow = live.flow
        roots: list[cst.CSTNode] = [arg for call in flow.calls_named("send_realtime_input", "send", "start_stream")
                                    for arg in call.call.args]
        roots += [frame.element for frame in flow.frames if frame.kind == "realtime_input"]
        if flow.calls or flow.frames:
            for call in live.bindings.calls:
                func = call.func
                if isinstance(func, cst.Attribute) and func.attr.value in ("put", "put_nowait"):
                    roots.extend(call.args)
        return roots

    @staticmethod
    def _is_input(live, value: cst.CSTNode, inside: set[int], names: set[str]) -> bool:
        """The MIME value sits in what is sent, or in a blob / dict bound to a name that is."""
        if id(value) in inside:
            return True
        holder = live.parent(value)
        while holder is not None and not isinstance(holder, (cst.Call, cst.Dict)):
            holder = live.parent(holder)
        assign = live.parent(holder) if holder is not None else None
        return (isinstance(assign, cst.Assign) and len(assign.targets) == 1
                and isinstance(assign.targets[0].target, cst.Name) and assign.targets[0].target.value in names)

    @staticmethod
    def _mime_values(live):
        for call in live.bindings.calls:
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value in MIME_KEYS:
                    yield arg.value
        for node in live.bindings.dicts:
            for element in node.elements:
                if isinstance(element, cst.DictElement) and string_value(element.key) in MIME_KEYS:
                    yield element.value
