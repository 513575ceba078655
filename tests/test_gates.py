"""Indirect version gates (issue 8, "Safe means safe"): frameworks that keep 2.5 and 3.x side by
side rarely test the model id right above the 2.5-only call. They set a flag in a 2.x-only
branch and test the flag later, or queue the 2.5-only message from producers that return early
unless a capability property says the model is 2.x. Those sends are correct code: no finding.
The precision cases make sure a flag or a producer that is *not* gated still gives one."""

from __future__ import annotations

import pytest

from harness import check, dedent


def lm101_lines(code: str) -> list[int]:
    return [f.line for f in check(dedent(code), ("LM101",))]


# --- a flag set only in code gated to 2.x -------------------------------------------------

AGENT_WITH_FLAG = '''
    import asyncio
    from google import genai
    from google.genai import types


    class GeminiLiveService:
        """A voice service that still supports 2.5 native-audio models."""

        def __init__(self, client: genai.Client, model: str, trigger: str | None = None) -> None:
            self._client = client
            self._model = model
            self._needs_turn_complete = False
            if not trigger and not self._is_gemini_3:
                # 2.5 answers a seeded turn only once turn_complete arrives
                self._needs_turn_complete = True{extra_init}

        @property
        def _is_gemini_3(self) -> bool:
            return "gemini-3" in self._model
{extra_methods}
        async def run(self, greeting: str) -> None:
            async with self._client.aio.live.connect(model=self._model, config={{}}) as session:
                async for message in session.receive():
                    if message.server_content and message.server_content.turn_complete:
                        if self._needs_turn_complete:
                            await session.send_client_content(
                                turns=types.Content(role="user", parts=[types.Part(text=greeting)]),
                                turn_complete=True)
'''
SEND_LINE = 26


def agent(extra_init: str = "", extra_methods: str = "") -> str:
    return AGENT_WITH_FLAG.format(extra_init=extra_init, extra_methods=extra_methods)


def test_attribute_flag_set_only_in_a_2x_branch_gates_its_readers() -> None:
    assert lm101_lines(agent()) == []


def test_flag_set_in_a_2x_branch_of_another_method() -> None:
    code = agent(extra_methods='''
        def configure(self, seeded: bool) -> None:
            if seeded and self._model.startswith("gemini-2"):
                self._needs_turn_complete = True
            else:
                self._needs_turn_complete = False
''')
    assert lm101_lines(code) == []


def test_flag_also_set_outside_gated_code_keeps_the_finding() -> None:
    code = agent(extra_methods='''
        def force_turn_complete(self) -> None:
            self._needs_turn_complete = True
''')
    assert lm101_lines(code) == [SEND_LINE + 3]


def test_flag_set_from_a_parameter_keeps_the_finding() -> None:
    code = agent(extra_init='''
            self._needs_turn_complete = trigger == "manual"''')
    assert lm101_lines(code) == [SEND_LINE + 1]


def test_flag_flipped_with_augmented_assignment_keeps_the_finding() -> None:
    code = agent(extra_methods='''
        def on_vad_disabled(self) -> None:
            self._needs_turn_complete |= True
''')
    assert lm101_lines(code) == [SEND_LINE + 3]


def test_flag_set_on_the_object_from_outside_keeps_the_finding() -> None:
    code = dedent(agent()) + dedent('''
        def make_service(client):
            service = GeminiLiveService(client, "gemini-3.1-flash-live-preview")
            service._needs_turn_complete = True
            return service
''')
    assert lm101_lines(code) == [SEND_LINE]


def test_truthy_default_keeps_the_finding() -> None:
    code = agent().replace("self._needs_turn_complete = False", "self._needs_turn_complete = True", 1)
    assert lm101_lines(code) == [SEND_LINE]


def test_module_level_flag_set_in_a_2x_branch() -> None:
    code = '''
        import os
        from google import genai

        MODEL = os.getenv("LIVE_MODEL", "gemini-3.1-flash-live-preview")
        SEND_TURN_COMPLETE = False
        if not MODEL.startswith("gemini-3"):
            SEND_TURN_COMPLETE = True


        async def converse(client: genai.Client, prompts) -> None:
            async with client.aio.live.connect(model=MODEL, config={}) as session:
                async for prompt in prompts:
                    if SEND_TURN_COMPLETE:
                        await session.send_client_content(turns=prompt, turn_complete=True)
                    async for message in session.receive():
                        if message.server_content and message.server_content.turn_complete:
                            break
                    else:
                        await session.send_realtime_input(text=prompt)
    '''
    assert lm101_lines(code) == []


def test_module_level_flag_set_through_global_in_an_ungated_function_keeps_the_finding() -> None:
    code = '''
        import os
        from google import genai

        MODEL = os.getenv("LIVE_MODEL", "gemini-3.1-flash-live-preview")
        SEND_TURN_COMPLETE = False
        if not MODEL.startswith("gemini-3"):
            SEND_TURN_COMPLETE = True


        def enable_turn_complete() -> None:
            global SEND_TURN_COMPLETE
            SEND_TURN_COMPLETE = True


        async def converse(client: genai.Client, prompts) -> None:
            async with client.aio.live.connect(model=MODEL, config={}) as session:
                async for prompt in prompts:
                    if SEND_TURN_COMPLETE:
                        await session.send_client_content(turns=prompt, turn_complete=True)
                    async for message in session.receive():
                        if message.server_content and message.server_content.turn_complete:
                            break
    '''
    assert lm101_lines(code) == [19]


def test_local_flag_set_in_a_2x_branch() -> None:
    code = '''
        from google import genai


        class Bridge:
            def __init__(self, client: genai.Client, model: str) -> None:
                self.client = client
                self.model = model

            async def relay(self, lines) -> None:
                turn_based = False
                if "gemini-2" in self.model or "native-audio" in self.model:
                    turn_based = True
                async with self.client.aio.live.connect(model=self.model, config={}) as session:
                    async for line in lines:
                        if turn_based:
                            await session.send_client_content(turns=line, turn_complete=True)
                        else:
                            await session.send_realtime_input(text=line)
                        async for reply in session.receive():
                            break
    '''
    assert lm101_lines(code) == []


def test_local_flag_also_set_ungated_keeps_the_finding() -> None:
    code = '''
        from google import genai


        async def relay(client: genai.Client, model: str, lines, typed: bool) -> None:
            turn_based = False
            if "gemini-2" in model:
                turn_based = True
            if typed:
                turn_based = True
            async with client.aio.live.connect(model=model, config={}) as session:
                async for line in lines:
                    if turn_based:
                        await session.send_client_content(turns=line, turn_complete=True)
                    async for reply in session.receive():
                        break
    '''
    assert lm101_lines(code) == [13]


def test_capability_method_with_several_returns() -> None:
    code = '''
        from google import genai


        class Realtime:
            def __init__(self, client: genai.Client, model: str) -> None:
                self.client = client
                self.model = model

            def accepts_turns_mid_session(self) -> bool:
                if "gemini-3" in self.model:
                    return False
                return True

            async def say(self, session, text: str) -> None:
                if self.accepts_turns_mid_session():
                    await session.send_client_content(turns=text, turn_complete=True)
                else:
                    await session.send_realtime_input(text=text)

            async def run(self, texts) -> None:
                async with self.client.aio.live.connect(model=self.model, config={}) as session:
                    async for text in texts:
                        await self.say(session, text)
                        async for reply in session.receive():
                            break
    '''
    assert lm101_lines(code) == []


def test_capability_method_returning_true_ungated_keeps_the_finding() -> None:
    code = '''
        from google import genai


        class Realtime:
            def __init__(self, client: genai.Client, model: str, force: bool) -> None:
                self.client = client
                self.model = model
                self.force = force

            def accepts_turns_mid_session(self) -> bool:
                if self.force:
                    return True
                if "gemini-3" in self.model:
                    return False
                return True

            async def run(self, texts) -> None:
                async with self.client.aio.live.connect(model=self.model, config={}) as session:
                    async for text in texts:
                        if self.accepts_turns_mid_session():
                            await session.send_client_content(turns=text, turn_complete=True)
                        async for reply in session.receive():
                            break
    '''
    assert lm101_lines(code) == [21]


# --- a sender task fed by a queue whose producers are gated --------------------------------

QUEUE_SERVICE = '''
    import asyncio
    import logging
    from google import genai
    from google.genai import types

    logger = logging.getLogger(__name__)


    class RealtimeSession:
        """Queues client messages; one task forwards them to the Live session."""

        def __init__(self, client: genai.Client, model: str) -> None:
            self._client = client
            self._model = model
            self._queue: asyncio.Queue = asyncio.Queue()

        @property
        def mutable_chat_context(self) -> bool:
            # 3.1 takes client content only as the initial history
            return "3.1" not in self._model

        def update_chat_ctx(self, turns: list) -> None:
            if not self.mutable_chat_context:
                logger.warning("chat context is read-only on %s", self._model)
                return
            self._queue.put_nowait(types.LiveClientContent(turns=turns, turn_complete=False))

        async def generate_reply(self, instructions: str) -> None:
            if not self.mutable_chat_context:
                self._queue.put_nowait(types.LiveClientRealtimeInput(text=instructions))
                return
            content = types.Content(role="user", parts=[types.Part(text=instructions)])
            await self._queue.put(types.LiveClientContent(turns=[content], turn_complete=True))

        def push_audio(self, frame: bytes) -> None:
            self._queue.put_nowait(types.LiveClientRealtimeInput(
                audio=types.Blob(data=frame, mime_type="audio/pcm;rate=16000")))
{extra}
        async def _send_task(self, session) -> None:
            while True:
                item = await self._queue.get()
                if isinstance(item, types.LiveClientContent):
                    await session.send_client_content(turns=item.turns, turn_complete=item.turn_complete)
                elif isinstance(item, types.LiveClientRealtimeInput):
                    await session.send_realtime_input(audio=item.audio, text=item.text)

        async def run(self) -> None:
            async with self._client.aio.live.connect(model=self._model, config={{}}) as session:
                send = asyncio.create_task(self._send_task(session))
                async for message in session.receive():
                    logger.debug("message: %s", message)
                send.cancel()
'''
QUEUE_SEND_LINE = 43


def test_queue_consumer_whose_client_content_producers_are_gated_to_2x() -> None:
    assert lm101_lines(QUEUE_SERVICE.format(extra="")) == []


def test_queue_producer_not_gated_keeps_the_finding() -> None:
    code = QUEUE_SERVICE.format(extra='''
        def interrupt_with(self, text: str) -> None:
            self._queue.put_nowait(types.LiveClientContent(turns=text, turn_complete=True))
''')
    assert lm101_lines(code) == [QUEUE_SEND_LINE + 3]


def test_queue_producer_of_an_unknown_item_keeps_the_finding() -> None:
    code = QUEUE_SERVICE.format(extra='''
        def forward(self, message) -> None:
            self._queue.put_nowait(message)
''')
    assert lm101_lines(code) == [QUEUE_SEND_LINE + 3]


def test_queue_forwarded_without_isinstance_needs_every_producer_gated() -> None:
    code = '''
        import asyncio
        from google import genai
        from google.genai import types


        class Forwarder:
            def __init__(self, client: genai.Client, model: str) -> None:
                self.client = client
                self.model = model
                self.pending: asyncio.Queue = asyncio.Queue()

            def add_history(self, turns) -> None:
                if "gemini-3" in self.model:
                    return
                self.pending.put_nowait(types.LiveClientContent(turns=turns, turn_complete=True))

            def add_note(self, text) -> None:
                self.pending.put_nowait(types.LiveClientContent(turns=text, turn_complete=True))

            async def run(self) -> None:
                async with self.client.aio.live.connect(model=self.model, config={}) as session:
                    while True:
                        content = await self.pending.get()
                        await session.send_client_content(turns=content.turns, turn_complete=content.turn_complete)
    '''
    assert lm101_lines(code) == [24]
    gated = code.replace("            def add_note(self, text) -> None:\n"
                         "                self.pending.put_nowait(", "            def add_note(self, text) -> None:\n"
                         "                if not self.model.startswith(\"gemini-2\"):\n                    return\n"
                         "                self.pending.put_nowait(")
    assert gated != code
    assert lm101_lines(gated) == []


# --- a helper only called from gated code --------------------------------------------------
TWO_SERVICES = '''
    from google import genai


    class LegacyAwareService:
        def __init__(self, client: genai.Client, model: str) -> None:
            self.client = client
            self.model = model

        async def _greet(self, session) -> None:
            await session.send_client_content(turns="Say hello", turn_complete=True)

        async def run(self) -> None:
            async with self.client.aio.live.connect(model=self.model, config={{}}) as session:
                async for message in session.receive():
                    if message.server_content and message.server_content.turn_complete:
                        if not self.model.startswith("gemini-3"):
                            await self._greet(session)


    class RealtimeService:
        async def _greet(self, session) -> None:
            await session.send_realtime_input(text="Say hello")

        async def run(self, session) -> None:
            async for message in session.receive():
                await {receiver}._greet(session)
'''


def test_helper_called_only_from_a_2x_branch_ignores_other_classes_methods_of_that_name() -> None:
    assert lm101_lines(TWO_SERVICES.format(receiver="self")) == []


def test_helper_name_called_on_an_unknown_receiver_keeps_the_finding() -> None:
    # `handler` may be a LegacyAwareService: its `_greet` may run ungated
    code = TWO_SERVICES.format(receiver="handler").replace("async def run(self, session)",
                                                           "async def run(self, session, handler)")
    assert lm101_lines(code) == [10]


def test_flags_in_a_ring_of_methods_do_not_blow_up(tmp_path) -> None:
    """Methods that set flags and call each other under the others' flags: answers that
    touched a cycle used to be re-derived every time (exponential in the ring: 8 methods
    took minutes). The run must finish; the subprocess bound only turns a hang into a failure."""
    import subprocess
    import sys

    k = 10
    lines = ["from google.genai import types", "", "class Bot:"]
    for i in range(k):
        lines += [f"    def step{i}(self):", f"        self._flag{i} = True"]
        for j in range(k):
            if j != i:
                lines += [f"        if self._flag{j}:", f"            self.step{j}()"]
        lines += [f"        self._flag{i} = False",
                  "        return types.LiveConnectConfig(enable_affective_dialog=True)"]
    path = tmp_path / "ring.py"
    path.write_text("\n".join(lines) + "\n")
    done = subprocess.run([sys.executable, "-m", "livemigrate", "check", "--select", "LM004", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and f"Found {k} findings (LM004: {k})" in done.stdout


CAPS_AGENT = dedent('''
    from google import genai

    client = genai.Client()


    class Caps:
        def __init__(self, mutable_history: bool):
            self.mutable_history = mutable_history


    class Agent:
        def __init__(self, model: str):
            self.model = model
            self.caps = Caps(mutable_history=CAPABILITY)

        async def run(self, pending):
            async with client.aio.live.connect(model=self.model) as session:
                await session.send_realtime_input(text="hello")
                async for text in pending:
                    if self.caps.mutable_history:
                        await session.send_client_content(turns={"role": "user", "parts": [{"text": text}]},
                                                          turn_complete=False)
''')


def test_a_capability_on_another_object_built_from_the_model_gates_its_readers() -> None:
    code = CAPS_AGENT.replace("CAPABILITY", '"3.1" not in model')
    assert [f.rule_id for f in check(code, ("LM101",))] == []


@pytest.mark.parametrize("value", ["True", "flag", "model.startswith('x') or True"])
def test_a_capability_the_module_cannot_tie_to_2x_still_gives_the_finding(value: str) -> None:
    code = CAPS_AGENT.replace("CAPABILITY", value).replace("def __init__(self, model: str):",
                                                             "def __init__(self, model: str, flag=False):")
    assert [f.rule_id for f in check(code, ("LM101",))] == ["LM101"]
