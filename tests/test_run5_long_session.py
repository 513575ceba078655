"""Run 5: a session opened with ``async with connect(...)`` whose body is an endless input
loop (a console chat until "exit") stays open as long as that loop runs, even when its reply
task reads only one turn (``async for m in session.receive()`` with no loop around it). LM402
skipped it: a session whose receive ends with the first turn was taken for one question."""

from __future__ import annotations

from harness import check, dedent

CHAT = dedent('''
    import asyncio
    from google import genai
    client = genai.Client()

    async def replies(session):
        async for message in session.receive():
            print(message.text)

    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            task = asyncio.create_task(replies(session))
            while True:
                text = await asyncio.to_thread(input, "> ")
                if text == "exit":
                    break
                await session.send_realtime_input(text=text)
            task.cancel()
''')


def test_an_endless_input_loop_in_the_session_block_keeps_it_open() -> None:
    (finding,) = check(CHAT, ("LM402",))
    assert finding.line == 10  # the connect call
    assert "in a while loop" in finding.message


def test_a_sender_task_streaming_until_the_one_turn_reply_ends_is_still_one_turn() -> None:
    one_question = dedent('''
        import asyncio
        from google import genai
        client = genai.Client()

        async def mic(session, stream):
            while True:
                chunk = await stream.read()
                await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})

        async def main(stream):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                task = asyncio.create_task(mic(session, stream))
                async for message in session.receive():
                    print(message.text)
                task.cancel()
    ''')
    assert check(one_question, ("LM402",)) == []
