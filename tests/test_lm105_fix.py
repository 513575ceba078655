"""LM105's unsafe rewrite of a ``start_stream`` loop: a sender task plus a loop over ``receive()``.

``AsyncSession.start_stream`` (google-genai live.py) starts a task sending every chunk of the
stream as ``media_chunks=[Blob(data=chunk, mime_type=<the call's>)]`` and yields the server's
messages across turns until the stream ends. The rewrite must do the same on a 3.x session:
each chunk as ``send_realtime_input(audio=|video=Blob(...))`` from a task, the body run for
every message of every turn, the loop ending once the stream has ended, the task cancelled.
Each case comes with the near miss that gets no fix.
"""

from __future__ import annotations

import asyncio
import types as pytypes

from harness import dedent, fixed_text, linter

HEAD = '''
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()

'''


def lm105(code: str) -> list:
    report = linter(("LM105",)).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


def rewrite(code: str) -> str:
    return fixed_text(dedent(code), ("LM105",), unsafe=True)


def test_a_start_stream_loop_becomes_a_sender_task_and_a_receive_loop() -> None:
    before = HEAD + '''
    async def mic_chunks():
        yield b"1"


    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            # play what the model says
            async for message in session.start_stream(stream=mic_chunks(), mime_type="audio/pcm;rate=16000"):
                print(message.data)
    '''
    assert rewrite(before) == dedent(HEAD + '''
    async def mic_chunks():
        yield b"1"


    async def send_mic(session):
        async for chunk in mic_chunks():
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            # play what the model says
            mic_task = asyncio.create_task(send_mic(session))
            try:
                while not mic_task.done():
                    async for message in session.receive():
                        print(message.data)
            finally:
                mic_task.cancel()
    ''')
    [finding] = lm105(before)
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"


def test_an_enclosing_try_finally_is_reused_and_the_task_cancelled_first() -> None:
    before = HEAD + '''
    async def mic_chunks():
        yield b"1"


    async def main(screen):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            screen_task = asyncio.create_task(screen(session))
            try:
                async for response in session.start_stream(stream=mic_chunks(), mime_type="audio/pcm;rate=16000"):
                    print(response.data)
            finally:
                screen_task.cancel()
    '''
    after = rewrite(before)
    assert dedent('''
            screen_task = asyncio.create_task(screen(session))
            mic_task = asyncio.create_task(send_mic(session))
            try:
                while not mic_task.done():
                    async for response in session.receive():
                        print(response.data)
            finally:
                mic_task.cancel()
                screen_task.cancel()
    ''') in dedent(after.split("as session:\n", 1)[1])


def test_a_stream_that_may_raise_when_built_gets_its_own_try() -> None:
    # `open_mic(device)` is not a generator of this module: building it may raise, and then the
    # enclosing finally must still run as it did.
    before = HEAD + '''
    async def main(open_mic, device):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            try:
                async for response in session.start_stream(stream=open_mic(device), mime_type="audio/pcm;rate=16000"):
                    print(response.data)
            finally:
                print("done")
    '''
    after = rewrite(before)
    assert dedent('''
            try:
                open_mic_task = asyncio.create_task(send_open_mic(session, open_mic(device)))
                try:
                    while not open_mic_task.done():
    ''') in dedent(after.split("as session:\n", 1)[1])


def test_image_frames_go_as_video_and_a_local_mime_type_is_passed_in() -> None:
    before = HEAD + '''
    async def main(frames):
        mime = "image/jpeg"
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for message in session.start_stream(stream=frames, mime_type=mime):
                print(message)
    '''
    after = rewrite(before)
    assert dedent('''
    async def send_frames(session, stream, mime_type):
        async for chunk in stream:
            await session.send_realtime_input(video=types.Blob(data=chunk, mime_type=mime_type))
    ''') in after
    assert "frames_task = asyncio.create_task(send_frames(session, frames, mime))" in after


def test_names_in_use_are_not_taken_and_spellings_are_the_users() -> None:
    before = '''
    import asyncio as aio

    from google import genai

    client = genai.Client()
    send_mic = None
    MIME = "audio/pcm;rate=16000"


    async def main(mic):
        mic_task = 1
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for m in s.start_stream(stream=mic, mime_type=MIME):
                print(m, mic_task)
    '''
    after = rewrite(before)
    assert "async def send_mic_2(session, stream):" in after
    assert "await session.send_realtime_input(audio=genai.types.Blob(data=chunk, mime_type=MIME))" in after
    assert "mic_task_2 = aio.create_task(send_mic_2(s, mic))" in after


def test_asyncio_is_imported_when_the_module_has_no_spelling_of_it() -> None:
    before = '''
    from google import genai
    from google.genai.types import Blob

    client = genai.Client()


    async def main(mic):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for m in s.start_stream(stream=mic, mime_type="audio/pcm;rate=16000"):
                print(m)
    '''
    after = rewrite(before)
    assert after.startswith("from google import genai\nfrom google.genai.types import Blob\nimport asyncio\n")
    assert "audio=Blob(data=chunk," in after


def test_no_fix_where_the_rewrite_would_change_what_the_loop_does() -> None:
    unknown_kind = HEAD + '''
    async def main(mic, mime):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for m in s.start_stream(stream=mic, mime_type=mime):
                print(m)
    '''
    breaks = HEAD + '''
    async def main(mic):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for m in s.start_stream(stream=mic, mime_type="audio/pcm;rate=16000"):
                if m.server_content and m.server_content.turn_complete:
                    break
    '''
    not_a_loop = HEAD + '''
    async def main(mic):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            replies = s.start_stream(stream=mic, mime_type="audio/pcm;rate=16000")
            async for m in replies:
                print(m)
    '''
    for code, why in ((unknown_kind, "MIME type"), (breaks, "break"), (not_a_loop, "async for")):
        [finding] = lm105(code)
        assert finding.fix is None
        assert why in finding.message
        assert rewrite(code) == dedent(code)


def test_a_nested_loops_break_does_not_block_the_fix() -> None:
    before = HEAD + '''
    async def main(mic):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for m in s.start_stream(stream=mic, mime_type="audio/pcm;rate=16000"):
                for part in m.server_content.model_turn.parts:
                    break
    '''
    [finding] = lm105(before)
    assert finding.fix is not None


# --- behaviour: the rewritten code against a session that behaves like a 3.x one --------------
class FakeSession:
    """``receive()`` ends at each turn_complete, as google-genai's does; sends are recorded."""

    def __init__(self, turns: list[list[str]]) -> None:
        self.turns = turns
        self.sent: list[tuple[str, object]] = []

    async def send_realtime_input(self, **kwargs) -> None:
        [(kind, blob)] = kwargs.items()
        self.sent.append((kind, blob))
        await asyncio.sleep(0)

    async def receive(self):
        await asyncio.sleep(0.01)  # the stream is sent meanwhile
        if not self.turns:
            await asyncio.sleep(3600)  # nothing more from the server
        for text in self.turns.pop(0):
            await asyncio.sleep(0)
            yield pytypes.SimpleNamespace(text=text, server_content=pytypes.SimpleNamespace(turn_complete=False))
        yield pytypes.SimpleNamespace(text=None, server_content=pytypes.SimpleNamespace(turn_complete=True))


def test_the_rewrite_reads_every_turn_sends_every_chunk_and_stops_with_the_stream() -> None:
    before = '''
    import asyncio

    from google.genai import types


    async def mic_chunks():
        for chunk in (b"a", b"b", b"c"):
            yield chunk


    async def talk(session, heard):
        async for message in session.start_stream(stream=mic_chunks(), mime_type="audio/pcm;rate=16000"):
            if message.text:
                heard.append(message.text)
    '''
    code = rewrite(before)
    assert "start_stream" not in code
    namespace: dict = {}
    exec(compile(code, "fixed.py", "exec"), namespace)
    session, heard = FakeSession([["hello", "there"], ["again"]]), []

    async def run() -> None:
        await asyncio.wait_for(namespace["talk"](session, heard), 5)

    asyncio.run(run())
    assert heard == ["hello", "there"]  # the stream ended during the first turn: the loop ends after it
    assert [(kind, blob.data, blob.mime_type) for kind, blob in session.sent] == [
        ("audio", b"a", "audio/pcm;rate=16000"), ("audio", b"b", "audio/pcm;rate=16000"),
        ("audio", b"c", "audio/pcm;rate=16000")]


def test_the_rewrite_keeps_reading_across_turns_while_the_stream_runs() -> None:
    before = '''
    import asyncio

    from google.genai import types


    async def talk(session, mic, heard):
        async for message in session.start_stream(stream=mic, mime_type="audio/pcm;rate=16000"):
            if message.text:
                heard.append(message.text)
            if len(heard) == 3:
                return
    '''
    code = rewrite(before)
    namespace: dict = {}
    exec(compile(code, "fixed.py", "exec"), namespace)
    session, heard = FakeSession([["one"], ["two"], ["three"]]), []
    stopped = asyncio.Event()

    async def mic():
        try:
            while True:
                yield b"x"
                await asyncio.sleep(0.001)
        finally:
            stopped.set()

    async def run() -> None:
        await asyncio.wait_for(namespace["talk"](session, mic(), heard), 5)
        await asyncio.sleep(0.01)  # the cancelled sender closes the stream

    asyncio.run(run())
    assert heard == ["one", "two", "three"]
    assert stopped.is_set()  # the sender task was cancelled when the loop ended


def test_two_loops_fixed_in_one_pass_get_their_own_senders() -> None:
    before = HEAD + '''
    async def talk(mic):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for m in s.start_stream(stream=mic, mime_type="audio/pcm;rate=16000"):
                print(m)


    async def listen(mic):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
            async for m in s.start_stream(stream=mic, mime_type="audio/pcm;rate=24000"):
                print(m)
    '''
    after = rewrite(before)
    assert after.count("async def send_mic(") == 1 and after.count("async def send_mic_2(") == 1
    assert "mic_task = asyncio.create_task(send_mic(s, mic))" in after
    assert "mic_task = asyncio.create_task(send_mic_2(s, mic))" in after  # a task's name is the function's own
    assert 'mime_type="audio/pcm;rate=24000"))\n\n\nasync def listen' in after


def test_a_stream_built_from_local_values_is_passed_in_and_the_module_style_is_kept() -> None:
    """The sender builds only what reads module-level values; a stream of a local device is
    passed in. A module whose functions annotate their returns gets ``-> None``."""
    before = HEAD + '''
    async def camera_frames(device: int) -> None:
        yield b"1"


    async def main(device: int) -> None:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for message in session.start_stream(stream=camera_frames(device), mime_type="image/jpeg"):
                print(message.data)
    '''
    after = rewrite(before)
    assert "async def send_camera(session, stream) -> None:\n    async for chunk in stream:\n" in after
    assert "camera_task = asyncio.create_task(send_camera(session, camera_frames(device)))" in after
