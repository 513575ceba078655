"""Recipe assistant that replays saved chat history without declaring it, then types mid-session."""

import asyncio

from google import genai
from google.genai import types

client = genai.Client()
MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"  # expect: LM001

CONFIG = {
    "response_modalities": ["AUDIO"],
    "generation_config": {"temperature": 0.4},  # expect: LM006
    "output_audio_transcription": {},
}


def saved_turns(history: list[tuple[str, str]]) -> list[dict]:
    return [{"role": role, "parts": [{"text": text}]} for role, text in history]


async def show_replies(session, speaker) -> None:
    while True:
        async for msg in session.receive():
            sc = msg.server_content
            if sc is None:
                continue
            if sc.output_transcription:
                speaker.caption(sc.output_transcription.text)
            if sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        speaker.play(part.inline_data.data)


async def stream_mic(session, mic) -> None:
    async for pcm in mic:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def cook_along(history, keyboard, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:  # expect: LM402
        await session.send_client_content(turns=saved_turns(history), turn_complete=True)  # expect: LM102
        reader = asyncio.create_task(show_replies(session, speaker))
        async for line in keyboard:
            await session.send_client_content(  # expect: LM101
                turns=types.Content(role="user", parts=[types.Part(text=line)]), turn_complete=True
            )
        reader.cancel()


async def resume_recipe(history, mic, speaker) -> None:
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:  # expect: LM402
        await session.send_client_content(turns=saved_turns(history), turn_complete=False)  # expect: LM102
        sender = asyncio.create_task(stream_mic(session, mic))
        try:
            await show_replies(session, speaker)
        finally:
            sender.cancel()
