"""Input audio labelled `audio/pcm` without its sample rate.

## What it does
Flags the literal `"audio/pcm"` (no `;rate=`) used as the MIME type of audio sent to a Live
session: in `send_realtime_input` / `send` / `start_stream` arguments (a `types.Blob`, a
`{"mime_type": ...}` / `{"mimeType": ...}` dict, a constant), in raw `realtimeInput` frames
(also in chunks a later statement assigns into one),
in a blob or dict bound to a name that is sent, in items queued for a sender task in a
module that talks to a session (a queue's `put`, or a buffer object's `add_chunk(item)` that the
module waits for items from with `await buffer.get_chunk()`, also through `asyncio.wait_for`: a
jitter buffer between the browser and the sender; measurement 40; not an item whose takers
the module shows and none of which sends realtime input, itself or through functions of the
module it calls, or hands what it takes to its callers: the model's audio on its way to a
player; audio one session relays into another is input) (in a run over the project, also in a module that does not: a
microphone loop putting chunks on the queue another module hands it and gives a Live sender of
the run that forwards it, `capture_audio(self.out_queue)` beside `send_realtime(session,
self.out_queue)`; measurement 42), and in blobs an ADK app sends with
`LiveRequestQueue.send_realtime(...)` (ADK forwards them as the session's realtime input; also
a google-genai `Blob` a function sends on the queue it is handed, in a module that does not
import ADK, and a message class's field default it sends, `mime_type: str = "audio/pcm"` read
as `AudioMessage(**data).mime_type`, reported with no fix, since other code may read the field
too: measurement 45 and its review), and
in what a module passes to another module's function or method that sends realtime input with
the MIME type its parameter holds (`gemini.send_audio_chunk(audio, "audio/pcm")`). A
MIME type forwarded from the branch that tested it (`elif mime_type == "audio/pcm":
send(Blob(mime_type=mime_type, ...))`) is `audio/pcm` there: reported on the sent name, with no
fix (the value comes from whoever sends it, often a browser). Output labels (audio sent to a browser or a player),
`generate_content` parts and comparisons are not flagged, nor is a queued item's tag that the
sender task only compares: `{"mime_type": "audio/pcm"}` put on a queue whose reader tests
`item["mime_type"] == "audio/pcm"` and then sends a MIME type of its own (the tag never
reaches the session).

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
The fix writes the rate the code shows: when the module shows one input rate (a constant
named like `SEND_SAMPLE_RATE = 24000` whose comment does not say it is the output's,
`input_sample_rate=24000` / `rate=RATE` passed to a call that is not an output or playback
call, or the `-ar` rate of an `ffmpeg` command the code runs), the MIME type gets that rate and
the fix is safe. Audio the code resamples before sending it (`pcm, state = audioop.ratecv(frag,
2, 1, 8000, 16000, state)`, `librosa.resample(..., target_sr=16000)`) goes at the resampler's
output rate, whatever rate it was recorded at: that rate, safe when written there (a phone
bridge's 8 kHz audio upsampled to 16 kHz: measurement 50), else a guess. When nothing shows a rate, the fix writes 16000 (the rate Live input is documented at)
and is unsafe: it is a guess, so check the rate your audio is recorded at. When the module
shows several input rates, the fix (16000) is unsafe and the message lists them. A queued
MIME type that the module also compares (`item["mime_type"] == "audio/pcm"`, `in (...)`) and
then forwards gets an unsafe fix whatever the rate: the fix changes what is queued, not the
test, so the audio would take the test's other branch; change both.

## References
- Gemini Live API, audio formats: https://ai.google.dev/gemini-api/docs/live-guide#audio-formats
- The Gemini cookbook's Live API starter, which sends `audio/pcm;rate=16000`:
  https://github.com/google-gemini/cookbook/blob/main/quickstarts/Get_started_LiveAPI.py
- ADK's streaming guide (`LiveRequestQueue.send_realtime`):
  https://google.github.io/adk-docs/streaming/
"""

from __future__ import annotations

import re

from typing import Iterator

import libcst as cst

from livemigrate.analysis import MIME_KEYS, descendants, narrowed_literal, string_value
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Invented, Rule, RuleContext


DEFAULT_INPUT_RATE = 16000
PCM_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000}
# Names of an input (microphone) rate, and words that say a rate is the output's.
_RATE_NAME = re.compile(r"(^|_)(sample_?)?rate$|^(input|in|mic|send|record|capture)_?(sample_?)?rate", re.I)
_OUTPUT_WORDS = re.compile(r"out|receive|recv|play|speaker|response|model", re.I)


def _opens_output(call: cst.Call) -> bool:
    """``pya.open(..., rate=SPEAKER_RATE, output=True)``: a playback stream's rate."""
    return any(arg.keyword is not None and arg.keyword.value == "output" and isinstance(arg.value, cst.Name)
               and arg.value.value == "True" for arg in call.args)


def _visible_input_rates(ctx: RuleContext) -> dict[int, cst.CSTNode]:
    """The input sample rates the module shows, each with the code that shows it: a
    ``RATE = 24000`` style constant, or ``input_sample_rate=24000`` / ``rate=SEND_RATE``
    passed to a call (an output/playback rate does not count)."""
    live = ctx.live
    found: dict[int, cst.CSTNode] = {}

    def note(name: str, value: cst.BaseExpression, where: cst.CSTNode) -> None:
        if not _RATE_NAME.search(name) or _OUTPUT_WORDS.search(name):
            return
        resolved = live.resolve_value(value)
        if isinstance(resolved, cst.Integer):
            rate = int(resolved.value.replace("_", ""), 0)
            if rate in PCM_RATES:
                found.setdefault(rate, where)

    # The index's lists of the kinds, in source order: not every node of the module.
    for node in live.nodes(cst.Assign, cst.Call, cst.List):
        kind = type(node)
        if kind is cst.Assign and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            if not _said_to_be_output(live.parent(node)):
                note(node.targets[0].target.value, node.value, node)
        elif kind is cst.Call:
            _note_ffmpeg_rate(node, [a.value for a in node.args if a.keyword is None and not a.star], found)
            callee = ctx.code(node.func)
            if _OUTPUT_WORDS.search(callee) or _opens_output(node):
                continue
            for arg in node.args:
                if arg.keyword is not None:
                    note(arg.keyword.value, arg.value, arg)
        elif kind is cst.List:
            _note_ffmpeg_rate(node, [e.value for e in node.elements if isinstance(e, cst.Element)], found)
    return found


def _sent_data(live, literal: cst.CSTNode) -> cst.BaseExpression | None:
    """The audio sent with the MIME type ``literal``: the ``"data"`` beside it in a dict
    (``{"data": pcm, "mime_type": "audio/pcm"}``) or the ``data=`` of the call it is given to
    (``types.Blob(data=pcm, mime_type="audio/pcm")``)."""
    holder = live.parent(literal)
    if isinstance(holder, cst.DictElement) and isinstance(live.parent(holder), cst.Dict):
        return next((e.value for e in live.parent(holder).elements if isinstance(e, cst.DictElement)
                     and string_value(e.key) == "data"), None)
    if isinstance(holder, cst.Arg) and isinstance(live.parent(holder), cst.Call):
        return next((a.value for a in live.parent(holder).args if a.keyword is not None and a.keyword.value == "data"),
                    None)
    return None


def _field_default(live, literal: cst.CSTNode) -> bool:
    """``literal`` is the default of a field declared in a class body (``mime_type: str =
    "audio/pcm"``, also ``Field(default="audio/pcm")``)."""
    for ancestor in live.ancestors(literal):
        if isinstance(ancestor, cst.AnnAssign):
            line = live.parent(ancestor)
            block = live.parent(line) if line is not None else None
            return isinstance(live.parent(block) if block is not None else None, cst.ClassDef)
        if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement, cst.SimpleStatementLine)):
            return False
    return False


def _read_names(live, root: cst.CSTNode) -> Iterator[cst.Name]:
    """The names ``root`` reads: not the attribute name of ``x.name``, nor a keyword's."""
    skipped = {id(n.attr) for n in descendants(root, skip=()) if type(n) is cst.Attribute}
    skipped |= {id(n.keyword) for n in descendants(root, skip=()) if type(n) is cst.Arg and n.keyword is not None}
    return (n for n in descendants(root, skip=()) if type(n) is cst.Name and id(n) not in skipped)


def _handed_a_blob(live, call: cst.Call, arg: cst.Arg) -> bool:
    """``call`` (a ``.send_realtime(...)``) is made on a parameter of its function and sends a
    google-genai ``Blob``: ADK's queue, handed to a module that does not import it."""
    value = live.resolve_value(arg.value)
    receiver = call.func.value if isinstance(call.func, cst.Attribute) else None
    return type(value) is cst.Call and live.imports.types_name(value.func) == "Blob" \
        and isinstance(receiver, cst.Name) and live.parameter_values(receiver) is not None


def _said_to_be_output(line: cst.CSTNode | None) -> bool:
    """The line's own comment (on it or just above) says the rate is the output's
    (``WAV_SAMPLE_RATE = 24000  # Gemini Live outputs PCM at 24 kHz``)."""
    if not isinstance(line, cst.SimpleStatementLine):
        return False
    comments = [line.trailing_whitespace.comment, *(e.comment for e in line.leading_lines[-2:])]
    return any(c is not None and _OUTPUT_WORDS.search(c.value) for c in comments)


def _note_ffmpeg_rate(command: cst.CSTNode, words: list[cst.BaseExpression], found: dict[int, cst.CSTNode]) -> None:
    """``["ffmpeg", ..., "-ar", "16000", ...]`` (or the arguments of ``create_subprocess_exec``):
    the rate a conversion writes (the audio the code sends is often converted so). It counts as
    a rate the code shows: beside another one, the fix no longer knows which is the input's."""
    if len(words) < 3:
        return
    items = [string_value(word) for word in words]
    if not any(item is not None and item.rsplit("/", 1)[-1] == "ffmpeg" for item in items[:2]):
        return
    for flag, value in zip(items, items[1:]):
        if flag == "-ar" and value is not None and value.isdigit() and int(value) in PCM_RATES:
            found.setdefault(int(value), command)


def _reads_mime(node: cst.BaseExpression) -> bool:
    """``item["mime_type"]``, ``item.get("mime_type", ...)``, ``blob.mime_type``."""
    if isinstance(node, cst.Subscript):
        return (len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)
                and string_value(node.slice[0].slice.value) in MIME_KEYS)
    if isinstance(node, cst.Call):
        return (isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" and bool(node.args)
                and string_value(node.args[0].value) in MIME_KEYS)
    return isinstance(node, cst.Attribute) and node.attr.value in MIME_KEYS


def _is_bare_pcm(live, node: cst.BaseExpression) -> bool:
    text = string_value(live.resolve_value(node))
    return text is not None and text.strip().lower() == "audio/pcm"


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
        Invalid(  # the code shows the rate it records at: safe
            "from google import genai\nfrom google.genai import types\n"
            "SEND_SAMPLE_RATE = 24000\nMIME = 'audio/pcm'\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type=MIME))\n",
            fixed="from google import genai\nfrom google.genai import types\n"
            "SEND_SAMPLE_RATE = 24000\nMIME = 'audio/pcm;rate=24000'\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type=MIME))\n",
        ),
        Invalid(  # nothing shows the rate: 16000 is a guess, unsafe
            "from google import genai\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio={'data': chunk, 'mimeType': \"audio/pcm\"})\n",
            fixed="from google import genai\n"
            "async def send(session, chunk):\n"
            "    await session.send_realtime_input(audio={'data': chunk, 'mimeType': \"audio/pcm;rate=16000\"})\n",
            unsafe=True,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        roots = self._input_roots(live)
        if not roots:
            return
        inside = {id(n) for root in roots for n in descendants(root, skip=())}
        # the names what is sent reads, in the function reading them (not an attribute's name:
        # `stream_data.blob` sent in one method says nothing of a local `blob` in another)
        names = {(id(live.enclosing_function(n)), n.value) for root in roots for n in _read_names(live, root)}
        sent = {id(n) for send in live.realtime_inputs() for root in send.sent for n in descendants(root, skip=())}
        seen: set[int] = set()
        rates: dict[int, cst.CSTNode] | None = None  # computed once, when a MIME type lacks a rate
        tests: list[tuple[cst.Comparison, bool]] | None = None  # computed once, like the rates
        for value in self._mime_values(live):
            if not self._is_input(live, value, inside, names):
                continue
            narrowed = narrowed_literal(value, live)
            if narrowed is not None:
                # `elif mime_type == "audio/pcm": send(Blob(mime_type=mime_type, ...))`: what is
                # sent is that literal; the fix belongs to whoever writes the tested value
                if narrowed.strip().lower() == "audio/pcm" and not live.is_legacy_only(value):
                    ctx.report(value, f"the MIME type sent here is `{narrowed}` (its branch tests for it): it has no "
                                      f"sample rate; send `audio/pcm;rate=<Hz>` (Live input is {DEFAULT_INPUT_RATE} Hz "
                                      f"by default)")
                continue
            # A value not written in a send travels (queued, bound to a name): code that reads
            # it back may compare it.
            compared: list[tuple[cst.Comparison, bool]] = []
            if id(value) not in sent:
                if tests is None:
                    tests = self._pcm_tests(live)
                compared = tests
            for literal in self._literals(live, value):
                if id(literal) in seen:
                    continue
                text = string_value(literal)
                if text is None or text.strip().lower() != "audio/pcm" or live.is_legacy_only(value):
                    continue
                seen.add(id(literal))
                if compared and all(positive and self._guards_own_send(live, test) for test, positive in compared):
                    continue  # a tag: the reader tests it and sends a MIME type of its own
                if rates is None:
                    rates = _visible_input_rates(ctx)
                rate, shown_by = (next(iter(rates.items())) if len(rates) == 1 else (DEFAULT_INPUT_RATE, None))
                # audio resampled before it is sent goes at the resampler's output rate, whatever
                # rate the code records at (a phone's 8 kHz, upsampled to 16 kHz for the model)
                data = _sent_data(live, literal)
                resampled = live.resampled_to(data) if data is not None else None
                if resampled is not None:
                    rate, shown_by = (resampled[0], resampled[1]) if resampled[0] in PCM_RATES \
                        else (DEFAULT_INPUT_RATE, None)
                mime = f"audio/pcm;rate={rate}"
                new = literal.with_changes(value=literal.value.replace(text, mime))
                if resampled is not None and shown_by is None:
                    message = (f"`{text}` has no sample rate, and the audio is resampled here to a rate the code does "
                               f"not write: write that rate, `audio/pcm;rate=<Hz>`")
                elif resampled is not None:
                    message = f"`{text}` has no sample rate: this code resamples the audio to {rate} Hz, so send `{mime}`"
                elif len(rates) > 1:
                    said = ", ".join(str(r) for r in sorted(rates))
                    message = (f"`{text}` has no sample rate, and the code shows several input rates ({said}): "
                               f"write the rate the microphone really uses, `audio/pcm;rate=<Hz>`")
                elif shown_by is not None:
                    message = f"`{text}` has no sample rate: this code records at {rate} Hz, so send `{mime}`"
                else:
                    message = (f"`{text}` has no sample rate: Live input is {DEFAULT_INPUT_RATE} Hz PCM by default, "
                               f"`{mime}` (check the rate your audio is recorded at)")
                invents = (Invented("input sample rate", str(rate), shown_by),)
                if _field_default(live, literal):
                    # (`mime_type: str = "audio/pcm"` of a message class: every other read of the
                    # field, an output label, an f-string adding its own rate, shares the default)
                    ctx.report(literal, f"{message}; this is the default of a class's field, which other "
                                        f"code may read too: give the input its own `{mime}` by hand")
                    continue
                if compared:
                    message += (f"; the code also compares a MIME type with `{text}` (line "
                                f"{ctx.line_of(compared[0][0])}): change that test too")
                    fix = Fix.unsafe(mime, Replace(literal, new), invents=invents)
                else:
                    fix = Fix.safe(mime, Replace(literal, new), invents=invents)
                ctx.report(literal, message, fix)

    @staticmethod
    def _pcm_tests(live) -> list[tuple[cst.Comparison, bool]]:
        """The comparisons of a MIME type read back (``item["mime_type"]``,
        ``item.get("mime_type")``, ``blob.mime_type``) with ``"audio/pcm"``: ``==`` / ``in (...)``
        (True: the test holds for it) and ``!=`` / ``not in (...)`` (False)."""
        found: list[tuple[cst.Comparison, bool]] = []
        for node in live.nodes(cst.Comparison):
            left = node.left
            for target in node.comparisons:
                right, operator = target.comparator, target.operator
                if isinstance(operator, (cst.Equal, cst.NotEqual)):
                    hit = (_reads_mime(left) and _is_bare_pcm(live, right)
                           or _reads_mime(right) and _is_bare_pcm(live, left))
                elif isinstance(operator, (cst.In, cst.NotIn)):
                    options = live.resolve_value(right)
                    hit = _reads_mime(left) and isinstance(options, (cst.Tuple, cst.List, cst.Set)) and any(
                        _is_bare_pcm(live, e.value) for e in options.elements)
                else:
                    hit = False
                if hit:
                    found.append((node, isinstance(operator, (cst.Equal, cst.In))))
                    break
                left = right
        return found

    @staticmethod
    def _guards_own_send(live, test: cst.Comparison) -> bool:
        """``test`` is (a conjunct of) an ``if``'s test whose block sends audio to the session
        with a MIME type it writes itself: the compared value is a tag, not the MIME type sent."""
        branch = None
        for ancestor in live.ancestors(test):
            if isinstance(ancestor, cst.If):
                branch = ancestor
                break
            if not (isinstance(ancestor, cst.BooleanOperation) and isinstance(ancestor.operator, cst.And)):
                return False
        if branch is None or not any(n is test for n in descendants(branch.test, skip=())):
            return False
        block = {id(n) for n in descendants(branch.body, skip=())}
        mimes = [v for send in live.realtime_inputs() for root in send.sent if id(root) in block
                 for v in PcmRateMissing._mime_values_in(root)]
        return bool(mimes) and all(isinstance(live.resolve_value(v), cst.SimpleString) for v in mimes)

    @staticmethod
    def _mime_values_in(root: cst.CSTNode) -> list[cst.BaseExpression]:
        found: list[cst.BaseExpression] = []
        for node in descendants(root, skip=()):
            if type(node) is cst.Call:
                found.extend(a.value for a in node.args if a.keyword is not None and a.keyword.value in MIME_KEYS)
            elif type(node) is cst.Dict:
                found.extend(e.value for e in node.elements
                             if isinstance(e, cst.DictElement) and string_value(e.key) in MIME_KEYS)
        return found

    @staticmethod
    def _literals(live, value: cst.BaseExpression, depth: int = 0) -> list[cst.SimpleString]:
        """The string literals a sent MIME value may be: itself, what a name is bound to, a
        parameter's default and what the module's calls pass for it (``def send_audio(self,
        session, data, mime_type="audio/pcm")``), a ``.get(key, default)``'s default."""
        resolved = live.resolve_value(value)
        if isinstance(resolved, cst.SimpleString):
            return [resolved]
        if depth >= 3:
            return []
        if isinstance(resolved, cst.Call) and isinstance(resolved.func, cst.Attribute) \
                and resolved.func.attr.value == "get" and len(resolved.args) == 2:
            return PcmRateMissing._literals(live, resolved.args[1].value, depth + 1)
        if isinstance(resolved, cst.Name):
            held = live.parameter_values(resolved)
            return [lit for v in held or () for lit in PcmRateMissing._literals(live, v, depth + 1)]
        if isinstance(resolved, cst.Attribute):
            # `message.mime_type` of `message = AudioMessage(**data)`: the field's default
            # (`mime_type: str = "audio/pcm"`), what the message carries when the sender names none
            return [lit for v in live.field_defaults(resolved) for lit in PcmRateMissing._literals(live, v, depth + 1)]
        return []

    @staticmethod
    def _input_roots(live) -> list[cst.CSTNode]:
        """What is sent to a Live session: arguments of its send calls, raw realtime frames,
        and (in modules that talk to a session) items queued for a sender task."""
        flow = live.flow
        roots: list[cst.CSTNode] = [node for send in live.realtime_inputs() for node in send.sent]
        # a MIME type passed to another module's method that sends realtime input with it
        roots.extend(live.mime_sender_arguments())
        # items put on a queue another module hands this one, which a Live sender forwards
        roots.extend(live.queued_for_live_elsewhere())
        # ADK: LiveRequestQueue.send_realtime(blob) is realtime input; also in a function that
        # is handed the queue (a parameter) in a module that does not import it, when what it
        # sends is a google-genai Blob (`live_request_queue.send_realtime(Blob(...))`)
        roots.extend(arg for call in live.calls_to("send_realtime") for arg in call.args
                     if live.imports.adk_queues or _handed_a_blob(live, call, arg))
        # any session call or raw frame, not only realtime input, makes queued items count
        if flow.calls or flow.frames:
            roots.extend(live.put_items())
        return roots

    @staticmethod
    def _is_input(live, value: cst.CSTNode, inside: set[int], names: set[tuple[int, str]]) -> bool:
        """The MIME value sits in what is sent, or in a blob / dict bound to a name that is."""
        if id(value) in inside:
            return True
        holder = live.parent(value)
        while holder is not None and not isinstance(holder, (cst.Call, cst.Dict)):
            holder = live.parent(holder)
        assign = live.parent(holder) if holder is not None else None
        return (isinstance(assign, cst.Assign) and len(assign.targets) == 1
                and isinstance(assign.targets[0].target, cst.Name)
                and (id(live.enclosing_function(assign)), assign.targets[0].target.value) in names)

    @staticmethod
    def _mime_values(live):
        yield from live.mime_sender_arguments()
        for call in live.calls():
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value in MIME_KEYS:
                    yield arg.value
        for node in live.dicts():
            for element in node.elements:
                if isinstance(element, cst.DictElement) and string_value(element.key) in MIME_KEYS:
                    yield element.value
