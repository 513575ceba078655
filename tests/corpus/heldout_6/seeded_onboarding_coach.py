"""New-hire onboarding coach on a declared history seed: greeted first, a mic raced against the seed."""
import asyncio

from google import genai
from google.genai import types

client = genai.Client()
COACH_MODEL = "gemini-3.1-flash-live-preview"

COACH_CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    session_resumption=types.SessionResumptionConfig(),
)

HANDBOOK = [
    types.Content(role="user", parts=[types.Part(text="I start Monday in the design team.")]),
    types.Content(role="model", parts=[types.Part(text="Welcome! I'll walk you through week one.")]),
]


async def stream(session, mic) -> None:
    async for pcm in mic:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def drain(session) -> None:
    async for msg in session.receive():
        sc = msg.server_content
        if sc and sc.output_transcription:
            print("coach:", sc.output_transcription.text)


async def greet_then_listen(mic) -> None:
    async with client.aio.live.connect(model=COACH_MODEL, config=COACH_CONFIG) as session:
        await session.send_client_content(turns=HANDBOOK, turn_complete=True)  # expect: LM108
        async for msg in session.receive():
            sc = msg.server_content
            if sc and sc.output_transcription:
                print("coach:", sc.output_transcription.text)
            if sc and sc.turn_complete:
                break
        mic_task = asyncio.create_task(stream(session, mic))
        await drain(session)
        mic_task.cancel()


async def first_day_quiz() -> str:
    async with client.aio.live.connect(model=COACH_MODEL, config=COACH_CONFIG) as session:
        await session.send_client_content(turns=HANDBOOK)  # expect: LM108
        first = await anext(session.receive())
        return first.server_content.output_transcription.text if first.server_content else ""


async def listen_while_seeding(mic, notes: list[str]) -> None:
    async with client.aio.live.connect(model=COACH_MODEL, config=COACH_CONFIG) as session:
        sender = asyncio.create_task(stream(session, mic))  # expect: LM107
        turns = [types.Content(role="user", parts=[types.Part(text=n)]) for n in notes]
        await session.send_client_content(turns=HANDBOOK + turns, turn_complete=True)
        await drain(session)
        sender.cancel()


async def seed_and_mic_together(mic) -> None:
    async with client.aio.live.connect(model=COACH_MODEL, config=COACH_CONFIG) as session:
        await asyncio.gather(  # expect: LM107
            session.send_client_content(turns=HANDBOOK, turn_complete=True),
            stream(session, mic),
            drain(session),
        )
