"""`.text` of a Live message read as what the model said, on an AUDIO session.

## What it does
Flags `message.text` on Live server messages (from `session.receive()`, also through names,
`self` attributes and handler parameters) when the session answers in AUDIO: its config sets
`response_modalities` to AUDIO or leaves it unset. Sessions configured for TEXT are LM005's
business; `generate_content` responses' `.text` is never flagged.

## Why is this bad?
Native-audio models answer in audio. `.text` only joins the text parts of the model turn,
which an audio answer does not have (only thoughts, which `.text` skips), so it is `None`.
What the model said is in `server_content.output_transcription.text`, sent when the config
enables `output_audio_transcription`.

## Example
```python
async for message in session.receive():
    if message.text:
        transcript.append(message.text)
```

## Use instead
```python
async for message in session.receive():
    said = message.server_content and message.server_content.output_transcription
    if said and said.text:
        transcript.append(said.text)
```

## Fix safety
No fix: the transcript arrives in fragments on different messages, and stitching them is the
program's choice. Enable `output_audio_transcription` in the config as well.

## References
- `LiveServerMessage.text` (joins text parts, skips thoughts) and `LiveServerContent.output_transcription`
  in https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Audio transcriptions, Live API guide: https://ai.google.dev/gemini-api/docs/live-guide
- The cookbook's 3.1 migration reads the transcript from `output_transcription`:
  https://github.com/google-gemini/cookbook/pull/1224
- The transcript arrives in fragments; stitch them: https://github.com/google-gemini/cookbook/issues/951
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import string_value
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


def modalities(ctx: RuleContext, config) -> set[str] | None:
    """The response modalities a config sets (upper case), or None when it sets none."""
    found: set[str] | None = None
    for entry in ctx.live.entries_of(config):
        if entry.name == "response_modalities" and entry.parent in (None, "generation_config"):
            found = found or set()
            value = ctx.live.resolve_value(entry.value)
            elements = value.elements if isinstance(value, (cst.List, cst.Tuple)) else []
            for element in elements:
                item = element.value
                text = string_value(item) or (item.attr.value if isinstance(item, cst.Attribute) else None)
                if text:
                    found.add(text.upper())
    return found


class TextAsTranscript(Rule):
    id = "LM304"
    name = "text-as-transcript"
    message = "`.text` of a Live message on an AUDIO session: the words are in output_transcription"
    fix_availability = FixAvailability.NEVER

    VALID = [
        "from google import genai\nclient = genai.Client()\n"
        "r = client.models.generate_content(model='gemini-2.5-flash', contents='x')\nprint(r.text)\n",
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
        "                                       config={'output_audio_transcription': {}}) as s:\n"
        "        async for m in s.receive():\n"
        "            if m.server_content and m.server_content.output_transcription:\n"
        "                print(m.server_content.output_transcription.text)\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'])\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        async for m in s.receive():\n"
            "            if m.text:\n"
            "                print(m.text, end='')\n",
            count=2,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        if not live.uses_live_api:
            return
        for node in live.nodes():
            if not (isinstance(node, cst.Attribute) and node.attr.value == "text" and live.is_message(node.value)):
                continue
            config = live.config_of(live.message_origin(node.value))
            if config is None or live.is_legacy_only(node):
                continue
            modes = modalities(ctx, config)
            if modes is not None and "AUDIO" not in {m.split(".")[-1] for m in modes}:
                continue
            ctx.report(node, f"`.text` of a Live message is empty when {ctx.target.model_id} answers in audio: "
                       "read server_content.output_transcription.text (and enable output_audio_transcription)")
