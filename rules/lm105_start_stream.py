"""Deprecated `session.start_stream(...)`.

## What it does
Flags `session.start_stream(stream=..., mime_type=...)` on a Live session.

## Why is this bad?
`start_stream` is deprecated (it warns on every call) and sends the legacy `media_chunks`
frames; it also hides the send/receive concurrency that 3.1 sessions need to get right (tool
calls block, several parts per event).

## Example
```python
async for message in session.start_stream(stream=mic(), mime_type="audio/pcm;rate=16000"):
    handle(message)
```

## Use instead
```python
async def send_mic():
    async for chunk in mic():
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

sender = asyncio.create_task(send_mic())
async for message in session.receive():
    handle(message)
```

## Fix safety
No fix: the replacement is a task and a loop whose shape depends on the program.

## References
- `AsyncSession.start_stream` (deprecation warning; sends `media_chunks`) in
  https://github.com/googleapis/python-genai/blob/main/google/genai/live.py
- The cookbook's Live API starter (a send task with `send_realtime_input(audio=...)` beside the
  receive loop): https://github.com/google-gemini/cookbook/blob/main/quickstarts/Get_started_LiveAPI.py
- 3.1 closes on `mediaChunks`: https://github.com/aicc2025/sip-to-ai/pull/5
"""

from __future__ import annotations

from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


class StartStream(Rule):
    id = "LM105"
    name = "start-stream"
    message = "session.start_stream is deprecated: stream with a send_realtime_input task and receive()"
    fix_availability = FixAvailability.NEVER

    VALID = [
        "import asyncio\nasync def start_stream(x):\n    return x\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "async def main(mic):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        async for message in s.start_stream(stream=mic, mime_type='audio/pcm;rate=16000'):\n"
            "            print(message.server_content)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        for call in ctx.live.flow.calls_named("start_stream"):
            if not ctx.live.is_legacy_only(call.call):
                ctx.report(call.call, f"{self.message}; it sends legacy media chunks, and "
                           f"{ctx.target.claim('media_chunks')}")
