"""Shapes measurement 16 left (written from the shapes, not the repositories' code)."""

from __future__ import annotations

from harness import check, dedent

# A relay: the sender and the receiver start as tasks, and the block waits for both to end.
TASKS_WAITED_AS_A_SET = dedent('''
    import asyncio
    from google import genai

    client = genai.Client()


    async def relay(websocket, model):
        async with client.aio.live.connect(model=model, config={"response_modalities": ["AUDIO"]}) as session:
            async def upstream():
                while True:
                    chunk = await websocket.receive_bytes()
                    await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})

            async def downstream():
                async for message in session.receive():
                    await websocket.send_bytes(message.data)

            send_task = asyncio.create_task(upstream())
            recv_task = asyncio.create_task(downstream())
            await asyncio.wait({send_task, recv_task})
''')


def test_tasks_the_block_waits_on_keep_the_session_open() -> None:
    # `asyncio.wait({send_task, recv_task})` waits for the sender's endless loop as `gather` would.
    assert [(f.rule_id, f.line) for f in check(TASKS_WAITED_AS_A_SET, ("LM402",))] == [("LM402", 8)]
    awaited = TASKS_WAITED_AS_A_SET.replace("await asyncio.wait({send_task, recv_task})", "await send_task")
    assert awaited != TASKS_WAITED_AS_A_SET
    assert [(f.rule_id, f.line) for f in check(awaited, ("LM402",))] == [("LM402", 8)]


def test_a_task_the_block_does_not_wait_for_is_not_a_session_kept_open() -> None:
    # receive() ends with the model's turn: FIRST_COMPLETED then cancels the sender (one turn)
    first = TASKS_WAITED_AS_A_SET.replace("asyncio.wait({send_task, recv_task})",
                                          "asyncio.wait({send_task, recv_task}, return_when=asyncio.FIRST_COMPLETED)")
    unwaited = TASKS_WAITED_AS_A_SET.replace("await asyncio.wait({send_task, recv_task})", "await downstream()")
    cancelled = TASKS_WAITED_AS_A_SET.replace(
        "await asyncio.wait({send_task, recv_task})",
        "await recv_task\n        send_task.cancel()\n        await send_task")
    for code in (first, unwaited, cancelled):
        assert code != TASKS_WAITED_AS_A_SET and check(code, ("LM402",)) == []


# A session class whose config parameter has a default; the app's modules pass a config their
# builder module makes (one that turns on context window compression, never turn_coverage).
LOOP = dedent('''
    import asyncio
    from google import genai

    DEFAULT_CONFIG = {"response_modalities": ["AUDIO"]}


    class CameraLoop:
        def __init__(self, model=None, config=DEFAULT_CONFIG):
            self.client = genai.Client()
            self.model = model
            self.config = config

        async def frames(self, session):
            while True:
                frame = await asyncio.to_thread(self.grab)
                await session.send_realtime_input(video={"data": frame, "mime_type": "image/jpeg"})

        async def run(self):
            async with self.client.aio.live.connect(model=self.model, config=self.config) as session:
                await self.frames(session)
''')
BUILDER = dedent('''
    from google.genai import types


    def make_config(voice):
        return types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()),
        )
''')
APP = dedent('''
    from builder import make_config
    from camera_loop import CameraLoop

    CONFIG = make_config("Puck")


    def main():
        CameraLoop(model="gemini-2.5-flash-native-audio-preview-12-2025", config=CONFIG).run()
''')


def test_a_config_default_other_modules_replace_is_one_config_among_others(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"camera_loop.py": LOOP, "builder.py": BUILDER, "app.py": APP})
    found = findings_by_file(project, ("LM401", "LM402"))
    # the app's config compresses the context (no LM402), and no module names turn_coverage (LM401)
    assert found == {"camera_loop.py": [(19, "LM401")]}


def test_a_replacement_the_index_cannot_read_hides_every_field(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    app = APP.replace('CONFIG = make_config("Puck")', "CONFIG = load_config()")
    project = write_tree(tmp_path / "p", {"camera_loop.py": LOOP, "builder.py": BUILDER, "app.py": app})
    assert findings_by_file(project, ("LM401", "LM402")) == {}


def test_without_the_caller_the_default_is_the_config(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"camera_loop.py": LOOP, "builder.py": BUILDER})
    assert findings_by_file(project, ("LM401", "LM402")) == {"camera_loop.py": [(19, "LM401"), (19, "LM402")]}


# A GUI keeps another module's session class on `self` and sends typed text on its session.
SESSION_LOOP = dedent('''
    from google import genai

    client = genai.Client()


    class LiveLoop:
        async def run(self, config):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config=config) as session:
                self.session = session
                async for message in session.receive():
                    print(message)
''')
WINDOW = dedent('''
    from live_loop import LiveLoop


    class Window:
        def start(self):
            self.live_loop = LiveLoop()

        async def on_enter(self, message):
            await self.live_loop.session.send(input=message, end_of_turn=True)
''')


def test_a_session_kept_by_an_object_on_self_is_a_session(tmp_path) -> None:
    from harness import findings_by_file, write_tree

    project = write_tree(tmp_path / "p", {"live_loop.py": SESSION_LOOP, "window.py": WINDOW})
    assert findings_by_file(project, ("LM103",)) == {"window.py": [(9, "LM103")]}
    # another attribute of the object is not its session
    window = WINDOW.replace("self.live_loop.session.send", "self.live_loop.socket.send")
    project = write_tree(tmp_path / "q", {"live_loop.py": SESSION_LOOP, "window.py": window})
    assert findings_by_file(project, ("LM103",)) == {}
