"""The seed rules (LM102, LM107, LM108) on the shapes the held-out traffic corpus and the expert
migrations showed them missing or misplacing: where each finding goes (LM107 on the realtime
input that races the seed, LM108 on the call that completes the seed), sessions seeded in
helpers and raw WebSocket frames, and the fixes (the seed moved first, the trailing user turn
sent as realtime text). Each case comes with the near miss that must not be reported."""

from __future__ import annotations

from harness import dedent, fixed_text, linter


def found(code: str, select: tuple[str, ...]) -> list[tuple[int, str]]:
    report = linter(select).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return sorted((f.line, f.rule_id) for f in report.findings)


def findings(code: str, select: tuple[str, ...]):
    report = linter(select).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


HEAD = '''
    import asyncio

    from google import genai
    from google.genai import types

    MODEL = "gemini-3.1-flash-live-preview"
    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"], "history_config": {"initial_history_in_client_content": True}}


    async def pump(session, mic):
        async for chunk in mic:
            await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})


    async def play(session, speaker):
        async for message in session.receive():
            speaker.write(message.data)
'''  # 18 lines: the code below starts on line 19


# --- LM107: reported on the realtime input, not on the seed --------------------------------------
def test_a_microphone_task_started_before_the_seed_is_reported_where_it_starts() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            task = asyncio.create_task(pump(session, mic))
            await session.send_client_content(turns=history, turn_complete=True)
            await play(session, speaker)
    '''
    assert found(code, ("LM107",)) == [(22, "LM107")]


def test_only_the_first_realtime_input_before_the_seed_is_reported() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker, photo):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_realtime_input(activity_start=types.ActivityStart())
            await session.send_realtime_input(video=types.Blob(data=photo, mime_type="image/jpeg"))
            await session.send_client_content(turns=history, turn_complete=True)
            await session.send_realtime_input(text="hello")
            await play(session, speaker)
    '''
    assert found(code, ("LM107",)) == [(22, "LM107")]


def test_realtime_input_after_the_seed_or_on_another_session_is_not_reported() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as warmup:
            await warmup.send_realtime_input(text="ping")
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=history, turn_complete=True)
            await asyncio.gather(pump(session, mic), play(session, speaker))
    '''
    assert found(code, ("LM107",)) == []


def test_an_undeclared_seed_is_not_lm107_but_lm102_declares_it() -> None:
    code = HEAD.replace(', "history_config": {"initial_history_in_client_content": True}', "") + '''
    HISTORY = [{"role": "user", "parts": [{"text": "I am Ada"}]}, {"role": "model", "parts": [{"text": "Hi Ada"}]}]


    async def main(mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            task = asyncio.create_task(pump(session, mic))
            await session.send_client_content(turns=HISTORY, turn_complete=True)
            await play(session, speaker)
    '''
    # the seed is still a seed (not a mid-session prompt for LM101): LM102 declares it first
    assert found(code, ("LM101", "LM102", "LM107")) == [(26, "LM102")]
    # and once declared, LM107 moves it before the microphone
    fixed = fixed_text(dedent(code), ("LM102", "LM107"), unsafe=True)
    assert '"history_config": {"initial_history_in_client_content": True}' in fixed
    assert fixed.index("send_client_content(turns=HISTORY") < fixed.index("asyncio.create_task(pump")


AGENT = '''
    import asyncio
    import contextlib

    from google import genai


    class Agent:
        def __init__(self, client: genai.Client, history, mic, camera, speaker):
            self.client, self.history, self.mic, self.camera, self.speaker = client, history, mic, camera, speaker
            self._stack = contextlib.AsyncExitStack()
            self._live = None
            self._tasks = []

        async def _open(self):
            config = {"responseModalities": ["AUDIO"], "historyConfig": {"initialHistoryInClientContent": True}}
            self._live = await self._stack.enter_async_context(
                self.client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config))

        async def _seed(self):
            await self._live.send_client_content(turns=self.history, turn_complete=True)

        async def _mic_loop(self):
            async for pcm in self.mic:
                await self._live.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"})

        async def _receive_loop(self):
            async for msg in self._live.receive():
                self.speaker.write(msg.data)
'''  # 27 lines


def test_a_session_seeded_in_a_helper_is_followed_to_the_callers() -> None:
    code = AGENT + '''
        async def start(self):
            await self._open()
            self._tasks.append(asyncio.create_task(self._mic_loop()))
            await self._seed()

        async def start_concurrently(self):
            await self._open()
            await asyncio.gather(self._seed(), self._mic_loop(), self._receive_loop())

        async def start_in_order(self):
            await self._open()
            await self._seed()
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._mic_loop())
                tg.create_task(self._receive_loop())
    '''
    assert found(code, ("LM107", "LM108")) == [(32, "LM107"), (37, "LM107")]


RAW = '''
    import base64
    import json

    import websockets

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    SETUP = {"setup": {"model": "models/gemini-3.1-flash-live-preview", "historyConfig": {"initialHistoryInClientContent": True}}}


    def audio_frame(pcm):
        return json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}}})


    async def open_socket():
        ws = await websockets.connect(URI)
        await ws.send(json.dumps(SETUP))
        await ws.recv()
        return ws


    async def play(ws, speaker):
        async for raw in ws:
            content = json.loads(raw).get("serverContent", {})
            if content.get("turnComplete"):
                return
'''  # 25 lines


def test_raw_realtime_frames_before_the_seed_are_reported_on_the_frame_or_its_send() -> None:
    code = RAW + '''

    async def warmup_first(turns, pcm, speaker):
        ws = await open_socket()
        await ws.send(audio_frame(pcm))
        await ws.send(json.dumps({"clientContent": {"turns": turns, "turnComplete": True}}))
        await ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))
        await play(ws, speaker)


    async def question_first(turns, question, speaker):
        ws = await open_socket()
        await ws.send(json.dumps({
            "realtime_input": {"text": question}}))
        await ws.send(json.dumps({"client_content": {"turns": turns, "turn_complete": True}}))
        await ws.send(json.dumps({"realtime_input": {"text": "go"}}))
        await play(ws, speaker)


    async def in_order(turns, speaker):
        ws = await open_socket()
        await ws.send(json.dumps({"clientContent": {"turns": turns, "turnComplete": True}}))
        await ws.send(audio_frame(b""))
        await play(ws, speaker)
    '''
    assert found(code, ("LM107", "LM108")) == [(30, "LM107"), (39, "LM107")]


# --- LM107's fix: the seed moved before the realtime input ---------------------------------------
def test_the_fix_moves_a_plain_seed_statement_above_the_task_start() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            print("connected")
            task = asyncio.create_task(pump(session, mic))
            # the stored conversation
            await session.send_client_content(turns=history, turn_complete=True)
            await play(session, speaker)
    '''
    (finding,) = findings(code, ("LM107",))
    assert finding.line == 23 and finding.fix is not None and finding.fix.applicability.value == "unsafe"
    assert fixed_text(dedent(code), ("LM107",)) == dedent(code)  # never applied by default
    assert fixed_text(dedent(code), ("LM107",), unsafe=True).endswith(dedent('''
        async def main(history, mic, speaker):
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                print("connected")
                # the stored conversation
                await session.send_client_content(turns=history, turn_complete=True)
                task = asyncio.create_task(pump(session, mic))
                await play(session, speaker)
    '''))


def test_the_fix_sends_the_seed_before_a_task_group_it_sat_in() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(pump(session, mic))
                tg.create_task(play(session, speaker))
                await session.send_client_content(turns=history, turn_complete=True)
    '''
    assert fixed_text(dedent(code), ("LM107",), unsafe=True).endswith(dedent('''
        async def main(history, mic, speaker):
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                await session.send_client_content(turns=history, turn_complete=True)
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(pump(session, mic))
                    tg.create_task(play(session, speaker))
    '''))


def test_no_fix_when_the_seed_reads_what_runs_in_between_or_races_in_a_gather() -> None:
    reads = HEAD + '''
    async def main(load, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            task = asyncio.create_task(pump(session, mic))
            history = await load()
            await session.send_client_content(turns=history, turn_complete=True)
            await play(session, speaker)
    '''
    (finding,) = findings(reads, ("LM107",))
    assert finding.line == 22 and finding.fix is None
    gathered = AGENT + '''
        async def start(self):
            await self._open()
            await asyncio.gather(self._seed(), self._mic_loop(), self._receive_loop())
    '''
    (finding,) = findings(gathered, ("LM107",))
    assert finding.line == 32 and finding.fix is None


# --- LM108: the seed completed, then the code waits for the model --------------------------------
def test_a_greeting_awaited_before_the_microphone_starts_is_reported() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=history, turn_complete=True)
            async for message in session.receive():
                speaker.write(message.data)
            await asyncio.gather(pump(session, mic), play(session, speaker))
    '''
    assert found(code, ("LM108",)) == [(22, "LM108")]


def test_a_microphone_streamed_beside_the_reader_is_a_first_turn() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=history, turn_complete=True)
            await asyncio.gather(pump(session, mic), play(session, speaker))


    async def other(history, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=history, turn_complete=True)
            await session.send_realtime_input(text="Go on.")
            await play(session, speaker)
    '''
    assert found(code, ("LM108",)) == []


def test_an_undeclared_seed_is_never_lm108() -> None:
    code = HEAD.replace(', "history_config": {"initial_history_in_client_content": True}', "") + '''
    HISTORY = [{"role": "user", "parts": [{"text": "I am Ada"}]}, {"role": "model", "parts": [{"text": "Hi Ada"}]}]


    async def main(speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=HISTORY, turn_complete=True)
            await play(session, speaker)
    '''
    assert found(code, ("LM108",)) == []


def test_a_seed_done_in_a_helper_is_reported_on_the_helper_call() -> None:
    code = AGENT + '''
        async def start_with_greeting(self):
            await self._open()
            await self._seed()
            await self._receive_loop()

        async def start_talking(self):
            await self._open()
            await self._seed()
            self._tasks.append(asyncio.create_task(self._mic_loop()))
            await self._receive_loop()
    '''
    assert found(code, ("LM108",)) == [(32, "LM108")]


def test_raw_seed_frames_are_reported_on_their_key() -> None:
    code = RAW + '''

    async def opening(turns, speaker):
        ws = await open_socket()
        seed = {"clientContent": {"turns": turns, "turnComplete": True}}
        await ws.send(json.dumps(seed))
        await play(ws, speaker)


    async def opening_inline(turns, speaker):
        async with websockets.connect(URI) as ws:
            await ws.send(json.dumps(SETUP))
            await ws.recv()
            await ws.send(json.dumps({"client_content": {"turns": turns, "turn_complete": True}}))
            async for raw in ws:
                print(json.loads(raw).get("serverContent"))


    async def opening_nudged(turns, speaker):
        ws = await open_socket()
        await ws.send(json.dumps({"clientContent": {"turns": turns, "turnComplete": True}}))
        await ws.send(json.dumps({"realtimeInput": {"text": "Begin."}}))
        await play(ws, speaker)
    '''
    assert found(code, ("LM108",)) == [(30, "LM108"), (39, "LM108")]


def test_a_raw_seed_is_judged_apart_from_sdk_sessions_of_the_same_module() -> None:
    code = RAW + '''
    from google import genai

    client = genai.Client()
    CONFIG = {"history_config": {"initial_history_in_client_content": True}}


    async def raw_opening(turns, speaker):
        ws = await open_socket()
        await ws.send(json.dumps({"clientContent": {"turns": turns, "turnComplete": True}}))
        await play(ws, speaker)


    async def sdk_nudged(turns):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await session.send_client_content(turns=turns, turn_complete=True)
            await session.send_realtime_input(text="Go on.")
            async for message in session.receive():
                print(message)
    '''
    assert found(code, ("LM108",)) == [(35, "LM108")]


# --- LM108's fix: the trailing user turn becomes the first realtime turn -------------------------
def test_the_fix_sends_the_last_user_turn_of_a_literal_seed_as_realtime_text() -> None:
    code = HEAD + '''
    PROFILE = types.Content(role="user", parts=[types.Part(text="New hire: Priya.")])
    ACK = types.Content(role="model", parts=[types.Part(text="Got it.")])
    KICKOFF = types.Content(role="user", parts=[types.Part(text="Welcome Priya.")])


    async def main(speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=[PROFILE, ACK, KICKOFF], turn_complete=True)
            await play(session, speaker)
    '''
    (finding,) = findings(code, ("LM108",))
    assert finding.line == 27 and finding.fix is not None and finding.fix.applicability.value == "unsafe"
    assert fixed_text(dedent(code), ("LM108",), unsafe=True).endswith(dedent('''
        async def main(speaker):
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                await session.send_client_content(turns=[PROFILE, ACK], turn_complete=True)
                await session.send_realtime_input(text="Welcome Priya.")
                await play(session, speaker)
    '''))


def test_no_fix_when_the_last_turn_is_not_a_user_text_the_seed_can_lose() -> None:
    code = HEAD + '''
    PROFILE = types.Content(role="user", parts=[types.Part(text="New hire: Priya.")])
    ACK = types.Content(role="model", parts=[types.Part(text="Got it.")])


    async def main(speaker, history):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=[PROFILE, ACK], turn_complete=True)
            await play(session, speaker)


    async def other(speaker, history):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=history, turn_complete=True)
            await play(session, speaker)
    '''
    assert [(f.line, f.fix) for f in findings(code, ("LM108",))] == [(26, None), (32, None)]


BUILT = HEAD + '''
    def history_turns(entries):
        turns = []
        for entry in entries:
            role = "user" if entry.speaker == "learner" else "model"
            turns.append({"role": role, "parts": [{"text": entry.text}]})
        turns.append({"role": "user", "parts": [{"text": "I'm back. Greet me."}]})
        return turns


    async def lesson(entries, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=history_turns(entries), turn_complete=True)
            async with asyncio.TaskGroup() as tg:
                tg.create_task(pump(session, mic))
                tg.create_task(play(session, speaker))
'''


def test_a_seed_ending_in_a_user_request_then_only_the_microphone_is_reported() -> None:
    # 2.5 answered the trailing user turn ("greet me"); the target takes it as context and
    # waits for the user to speak first
    (finding,) = findings(BUILT, ("LM108",))
    assert finding.line == 31 and finding.fix is not None
    assert fixed_text(dedent(BUILT), ("LM108",), unsafe=True).endswith(dedent('''
        def history_turns(entries):
            turns = []
            for entry in entries:
                role = "user" if entry.speaker == "learner" else "model"
                turns.append({"role": role, "parts": [{"text": entry.text}]})
            return turns


        async def lesson(entries, mic, speaker):
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                await session.send_client_content(turns=history_turns(entries), turn_complete=True)
                await session.send_realtime_input(text="I'm back. Greet me.")
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(pump(session, mic))
                    tg.create_task(play(session, speaker))
    '''))


def test_a_seed_ending_in_a_model_turn_then_the_microphone_is_fine() -> None:
    code = BUILT.replace('turns.append({"role": "user", "parts": [{"text": "I\'m back. Greet me."}]})',
                         'turns.append({"role": "model", "parts": [{"text": "Welcome back."}]})')
    assert found(code, ("LM108",)) == []


def test_no_fix_when_the_helper_building_the_seed_has_other_callers() -> None:
    code = BUILT + '''

    def transcript(entries):
        return history_turns(entries)
    '''
    (finding,) = findings(code, ("LM108",))
    assert finding.line == 31 and finding.fix is None


def test_the_expert_chain_declares_moves_and_sends_the_request_as_realtime_text() -> None:
    # the shape of the resume_conversation_seed expert migration: an undeclared seed sent
    # after the microphone task, ending in a user request the model should answer first
    code = BUILT.replace(', "history_config": {"initial_history_in_client_content": True}', "").replace('''
            await session.send_client_content(turns=history_turns(entries), turn_complete=True)
            async with asyncio.TaskGroup() as tg:
                tg.create_task(pump(session, mic))
                tg.create_task(play(session, speaker))
''', '''
            async with asyncio.TaskGroup() as tg:
                tg.create_task(pump(session, mic))
                tg.create_task(play(session, speaker))
                await session.send_client_content(turns=history_turns(entries), turn_complete=True)
''')
    fixed = fixed_text(dedent(code), ("LM101", "LM102", "LM107", "LM108"), unsafe=True)
    assert '"history_config": {"initial_history_in_client_content": True}' in fixed
    assert fixed.endswith(dedent('''
            return turns


        async def lesson(entries, mic, speaker):
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                await session.send_client_content(turns=history_turns(entries), turn_complete=True)
                await session.send_realtime_input(text="I'm back. Greet me.")
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(pump(session, mic))
                    tg.create_task(play(session, speaker))
    '''))


def test_one_user_turn_of_context_then_the_microphone_is_fine() -> None:
    # a single user turn is context ("I follow tech stocks"), not a conversation awaiting an answer
    code = HEAD + '''
    async def main(mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(
                turns=[types.Content(role="user", parts=[types.Part(text="I follow tech stocks.")])], turn_complete=True)
            feeder = asyncio.create_task(pump(session, mic))
            await play(session, speaker)
    '''
    assert found(code, ("LM108",)) == []


def test_realtime_input_in_a_branch_that_returns_does_not_race_the_seed() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            if not history:
                await session.send_realtime_input(text="Hello!")
                return
            await session.send_client_content(turns=history, turn_complete=True)
            await asyncio.gather(pump(session, mic), play(session, speaker))
    '''
    assert found(code, ("LM107",)) == []


def test_client_content_after_the_seed_is_a_mid_session_send_not_a_second_seed() -> None:
    code = HEAD + '''
    async def main(history, mic, speaker):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await session.send_client_content(turns=history, turn_complete=True)
            task = asyncio.create_task(pump(session, mic))
            await session.send_client_content(turns="New words: hola, adios", turn_complete=True)
            await play(session, speaker)
    '''
    # the note after the microphone starts is LM101's (realtime text), not a seed LM107 orders
    assert found(code, ("LM101", "LM107", "LM108")) == [(24, "LM101")]
