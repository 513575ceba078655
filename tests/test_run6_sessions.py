"""Run 6: two session-level misses found in real code.

LM402: a Vertex AI session on a 2.x id whose sender and receiver are nested ``while True``
tasks (started with ``create_task`` and awaited with ``gather``) was not reported. The loops
were seen; the rule skipped every session that stays on a Vertex AI 2.x model. LM402 has no
fix, and its premise (the session and connection limits) does not depend on the backend or
on the move, so like LM003 / LM004 the finding stays on Vertex AI and says where it runs.

LM401: camera frames built as ``{"mime_type": "image/jpeg", ...}`` in the module went through
a queue to ``session.send(input=msg, end_of_turn=False)``. Any ``end_of_turn=`` keyword made
the send count as a turn of text; ``end_of_turn=False`` says nothing of the kind, so an input
of unknown kind there is counted like one sent without it.
"""

from __future__ import annotations

import pytest
from harness import check, dedent, linter

# --- LM402 on Vertex AI -------------------------------------------------------------------
VERTEX_TASKS = dedent('''
    import asyncio
    from google import genai
    from google.genai import types

    MODEL = "gemini-live-2.5-flash"
    client = genai.Client(vertexai=True, project="p", location="us-central1")
    config = types.LiveConnectConfig(response_modalities=["AUDIO"])


    async def main(mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            async def send():
                while True:
                    chunk = await mic.read()
                    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

            async def receive():
                while True:
                    async for message in session.receive():
                        speaker.write(message.data)

            sending = asyncio.create_task(send())
            receiving = asyncio.create_task(receive())
            await asyncio.gather(sending, receiving, return_exceptions=True)
''')


def test_a_long_vertex_2x_session_is_reported_and_says_where_it_runs() -> None:
    (finding,) = check(VERTEX_TASKS, ("LM402",))
    assert finding.line == 11  # the connect call
    assert "Vertex AI" in finding.message
    assert finding.fix is None


def test_the_vertex_message_does_not_quote_the_target_for_a_session_that_stays() -> None:
    (finding,) = check(VERTEX_TASKS, ("LM402",))
    assert "gemini-3.1-flash-live-preview ends an audio session" not in finding.message
    assert "15 minutes" in finding.message


def test_a_vertex_session_on_a_target_served_there_keeps_the_target_message() -> None:
    findings = linter(("LM402",), "3.8").check_bytes(VERTEX_TASKS.encode()).findings
    assert [f.line for f in findings] == [11]


def test_the_same_session_on_the_gemini_api_is_reported_as_before() -> None:
    code = VERTEX_TASKS.replace('vertexai=True, project="p", location="us-central1"', "").replace(
        '"gemini-live-2.5-flash"', '"gemini-2.5-flash-native-audio-preview-12-2025"')
    (finding,) = check(code, ("LM402",))
    assert finding.line == 11
    assert "gemini-3.1-flash-live-preview ends an audio session" in finding.message


@pytest.mark.parametrize("change", [
    ('config = types.LiveConnectConfig(response_modalities=["AUDIO"])',
     'config = types.LiveConnectConfig(response_modalities=["AUDIO"], session_resumption=types.SessionResumptionConfig())'),
    ("                    speaker.write(message.data)",
     "                    speaker.write(message.data)\n                    if message.go_away:\n                        return"),
], ids=["resumption", "go-away"])
def test_a_managed_vertex_session_is_not_reported(change: tuple[str, str]) -> None:
    assert check(VERTEX_TASKS.replace(*change), ("LM402",)) == []


def test_a_one_question_vertex_session_is_not_reported() -> None:
    code = dedent('''
        from google import genai

        client = genai.Client(vertexai=True, project="p", location="us-central1")


        async def ask(question):
            async with client.aio.live.connect(model="gemini-live-2.5-flash", config={}) as session:
                await session.send_realtime_input(text=question)
                async for message in session.receive():
                    print(message.text)
    ''')
    assert check(code, ("LM402",)) == []


def test_lm401_still_skips_a_vertex_2x_session() -> None:
    # turn coverage's default is the target's: a session that stays on Vertex AI 2.x keeps 2.x's
    code = VERTEX_TASKS.replace("audio=types.Blob(data=chunk, mime_type=\"audio/pcm;rate=16000\")",
                                "video=types.Blob(data=chunk, mime_type=\"image/jpeg\")")
    assert check(code, ("LM401",)) == []


# --- LM401 through a queue and send(input=..., end_of_turn=False) -------------------------
CAMERA_QUEUE = dedent('''
    import asyncio
    import base64
    from google import genai
    from google.genai import types

    MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"
    client = genai.Client()
    config = types.LiveConnectConfig(response_modalities=["AUDIO"])


    class Assistant:
        def __init__(self, camera, mic):
            self.camera = camera
            self.mic = mic
            self.session = None
            self.out_queue = None

        def _frame(self):
            jpeg = self.camera.capture_jpeg()
            return {"mime_type": "image/jpeg", "data": base64.b64encode(jpeg).decode()}

        async def frames(self):
            while True:
                frame = await asyncio.to_thread(self._frame)
                await self.out_queue.put(frame)
                await asyncio.sleep(1.0)

        async def listen(self):
            while True:
                data = await self.mic.read()
                await self.out_queue.put({"data": data, "mime_type": "audio/pcm;rate=16000"})

        async def send_realtime(self):
            while True:
                msg = await self.out_queue.get()
                await self.session.send(input=msg, end_of_turn=False)

        async def run(self):
            async with client.aio.live.connect(model=MODEL, config=config) as session:
                self.session = session
                self.out_queue = asyncio.Queue(maxsize=10)
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(self.send_realtime())
                    tg.create_task(self.listen())
                    tg.create_task(self.frames())
                    await session.send(input="Hello", end_of_turn=True)
''')


def test_queued_camera_frames_sent_with_end_of_turn_false_are_video() -> None:
    (finding,) = check(CAMERA_QUEUE, ("LM401",))
    assert finding.line == 39  # the connect call
    assert "streams video (line 36)" in finding.message


def test_without_an_image_built_in_the_module_the_queue_is_not_video() -> None:
    code = CAMERA_QUEUE.replace('"mime_type": "image/jpeg"', '"mime_type": "audio/pcm;rate=16000"')
    assert check(code, ("LM401",)) == []


def test_an_unknown_input_that_ends_the_turn_is_still_text() -> None:
    code = CAMERA_QUEUE.replace("end_of_turn=False)", "end_of_turn=True)")
    assert check(code, ("LM401",)) == []


def test_text_sent_with_end_of_turn_false_is_not_video() -> None:
    code = CAMERA_QUEUE.replace("await self.session.send(input=msg, end_of_turn=False)",
                                'await self.session.send(input=f"note: {msg}", end_of_turn=False)')
    assert check(code, ("LM401",)) == []


# --- a file streamed in a while loop, then one turn read: one question -------------------
FILE_QUESTION = dedent('''
    import asyncio
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            with open("input.wav", "rb") as f:
                while chunk := f.read(1024):
                    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
                    await asyncio.sleep(0.01)
            async for message in session.receive():
                print(message.data)
''')


def test_a_file_read_to_its_end_in_the_session_block_is_one_question() -> None:
    assert check(FILE_QUESTION, ("LM402",)) == []


def test_a_file_read_with_a_break_on_the_empty_chunk_is_one_question_too() -> None:
    code = FILE_QUESTION.replace("while chunk := f.read(1024):", "while True:\n"
                                 "                chunk = f.read(1024)\n"
                                 "                if not chunk:\n"
                                 "                    break")
    assert check(code, ("LM402",)) == []


def test_a_microphone_read_in_the_session_block_still_keeps_it_open() -> None:
    code = FILE_QUESTION.replace('with open("input.wav", "rb") as f:', "with mic() as f:")
    assert [f.line for f in check(code, ("LM402",))] == [9]
