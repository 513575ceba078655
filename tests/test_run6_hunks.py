"""Two wrong fix hunks from the sixth real-code measurement.

LM106: a queue producer tags mic audio `{"mime_type": "audio/pcm"}` and the consumer compares
the tag (`msg["mime_type"] == "audio/pcm"`) before sending the real MIME type it writes itself.
The tag never reaches a send: no finding. A tag the consumer compares and then forwards does
reach the send: still a finding, but changing only the producer's literal sends the audio down
the other branch, so the fix is unsafe even where the code shows the rate.

LM306: a receive loop that breaks on a tool call nobody answers. `continue` there waits forever
on 3.1 (the model waits for the tool response); before, `break` ended the loop. No fix.
"""

from __future__ import annotations

from livemigrate.engine import Linter
from livemigrate.settings import Settings

from harness import dedent

QUEUED_TAG = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()
    SEND_SAMPLE_RATE = 16000


    class Loop:
        def __init__(self, session):
            self.session = session
            self.outgoing = asyncio.Queue()

        async def pump(self):
            while True:
                item = await self.outgoing.get()
                if isinstance(item, dict) and item["mime_type"] == "audio/pcm":
                    await self.session.send_realtime_input(
                        audio=types.Blob(data=item["data"], mime_type="audio/pcm;rate=16000"))
                else:
                    await self.session.send_client_content(turns={"role": "user", "parts": [{"text": str(item)}]})

        async def record(self, stream):
            while True:
                chunk = await asyncio.to_thread(stream.read, 1024)
                await self.outgoing.put({"data": chunk, "mime_type": "audio/pcm"})
''')

# The consumer compares the tag, then forwards the item itself: the literal is the MIME type sent.
QUEUED_FORWARDED = QUEUED_TAG.replace(
    'audio=types.Blob(data=item["data"], mime_type="audio/pcm;rate=16000"))',
    'audio=types.Blob(data=item["data"], mime_type=item["mime_type"]))')


def _findings(code: str, rule: str) -> list:
    report = Linter(Settings(select=(rule,))).check_bytes(code.encode(), "live.py")
    assert report.error is None, report.error
    return report.findings


def _fixed(code: str, rule: str, unsafe: bool) -> str:
    report = Linter(Settings(select=(rule,), unsafe_fixes=unsafe)).fix_bytes(code.encode(), "live.py")
    assert report.error is None, report.error
    return (report.fixed or code.encode()).decode()


def test_lm106_a_queue_tag_the_consumer_compares_and_replaces_is_no_finding() -> None:
    assert _findings(QUEUED_TAG, "LM106") == []


def test_lm106_a_compared_tag_that_is_forwarded_is_reported_with_an_unsafe_fix() -> None:
    findings = _findings(QUEUED_FORWARDED, "LM106")
    assert [f.line for f in findings] == [27]
    assert "compares a MIME type with `audio/pcm` (line 18)" in findings[0].message
    assert _fixed(QUEUED_FORWARDED, "LM106", unsafe=False) == QUEUED_FORWARDED  # not a safe fix
    assert '"mime_type": "audio/pcm;rate=16000"' in _fixed(QUEUED_FORWARDED, "LM106", unsafe=True)


def test_lm106_a_compared_tag_in_a_tuple_is_reported_with_an_unsafe_fix() -> None:
    code = QUEUED_FORWARDED.replace('item["mime_type"] == "audio/pcm"', 'item["mime_type"] in ("audio/pcm", "audio/wav")')
    assert [f.line for f in _findings(code, "LM106")] == [27]
    assert _fixed(code, "LM106", unsafe=False) == code


def test_lm106_an_uncompared_queued_literal_is_still_reported() -> None:
    code = QUEUED_FORWARDED.replace('isinstance(item, dict) and item["mime_type"] == "audio/pcm"',
                                    'isinstance(item, dict)')
    assert [f.line for f in _findings(code, "LM106")] == [27]


TOOL_BREAK = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["TEXT"],
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="dim", description="dim")])],
    )


    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            await session.send_realtime_input(text="dim the lights")
            async for response in session.receive():
                if response.text:
                    print(response.text)
                if response.tool_call:
                    for call in response.tool_call.function_calls:
                        print("would run", call.name, call.args)
                if response.tool_call:
                    break
''')


def test_lm306_a_break_on_an_unanswered_tool_call_gets_no_fix() -> None:
    findings = _findings(TOOL_BREAK, "LM306")
    assert [f.line for f in findings] == [21]
    assert findings[0].fix is None
    assert "nothing answers the tool call" in findings[0].message
    assert _fixed(TOOL_BREAK, "LM306", unsafe=True) == TOOL_BREAK


def test_lm306_a_break_without_content_in_a_loop_nothing_answers_tool_calls_in_gets_no_fix() -> None:
    code = TOOL_BREAK.replace("            if response.tool_call:\n                break\n",
                              "            if response.server_content is None:\n                break\n")
    findings = _findings(code, "LM306")
    assert [f.line for f in findings] == [21]
    assert findings[0].fix is None


def test_lm306_a_loop_that_answers_tool_calls_keeps_the_unsafe_fix() -> None:
    code = TOOL_BREAK.replace(
        '                    print("would run", call.name, call.args)\n',
        '                    print("would run", call.name, call.args)\n'
        '                await session.send_tool_response(function_responses=[\n'
        '                    types.FunctionResponse(id=c.id, name=c.name, response={}) '
        'for c in response.tool_call.function_calls])\n')
    findings = _findings(code, "LM306")
    assert len(findings) == 1 and findings[0].fix is not None
    assert "                continue\n" in _fixed(code, "LM306", unsafe=True)


def test_lm306_no_function_tools_keeps_the_unsafe_fix_on_a_missing_content_break() -> None:
    code = TOOL_BREAK.replace(
        '    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="dim", description="dim")])],\n',
        '').replace("            if response.tool_call:\n                break\n",
                    "            if response.server_content is None:\n                break\n")
    findings = _findings(code, "LM306")
    assert len(findings) == 1 and findings[0].fix is not None
