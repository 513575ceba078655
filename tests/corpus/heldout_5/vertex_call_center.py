"""Call-centre agent on Vertex AI with the Vertex 2.x Live ids and a nested generation config."""

import asyncio
import logging
import os

from google import genai
from google.genai import types

log = logging.getLogger(__name__)
client = genai.Client(vertexai=True, project=os.environ["GCP_PROJECT"], location="us-central1")

PRIMARY = "gemini-live-2.5-flash-native-audio"  # expect: LM001
FALLBACK = "gemini-2.0-flash-live-preview-04-09"  # expect: LM001


def agent_config(persona: str) -> dict:
    return {
        "response_modalities": ["AUDIO"],
        "system_instruction": persona,
        "generation_config": {"temperature": 0.3, "max_output_tokens": 8192},  # expect: LM006
        "thinking_config": {"thinking_budget": -1},  # expect: LM002
        "input_audio_transcription": {},
        "output_audio_transcription": {},
        "session_resumption": {},
    }


async def take_call(phone_stream, phone_out, model: str = PRIMARY) -> None:
    config = agent_config("You are a billing agent for a utility company.")
    async with client.aio.live.connect(model=model, config=config) as session:

        async def uplink() -> None:
            async for frame in phone_stream:
                await session.send_realtime_input(audio=types.Blob(data=frame, mime_type="audio/pcm;rate=8000"))

        up = asyncio.create_task(uplink())
        try:
            while True:
                async for msg in session.receive():
                    if msg.server_content and msg.server_content.model_turn:  # expect: LM302
                        for part in msg.server_content.model_turn.parts:
                            if part.inline_data:
                                await phone_out.send(part.inline_data.data)
                    elif msg.go_away:
                        log.warning("server closing in %s", msg.go_away.time_left)
        finally:
            up.cancel()


async def take_call_fallback(phone_stream, phone_out) -> None:
    await take_call(phone_stream, phone_out, model=FALLBACK)


async def line_check() -> bool:
    async with client.aio.live.connect(model=PRIMARY, config=agent_config("Reply with one word.")) as session:
        await session.send_client_content(turns={"role": "user", "parts": [{"text": "Ping"}]}, turn_complete=True)  # expect: LM101
        async for msg in session.receive():
            if msg.server_content and msg.server_content.turn_complete:
                return True
    return False
