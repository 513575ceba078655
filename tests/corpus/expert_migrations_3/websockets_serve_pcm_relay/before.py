"""Browser voice relay: a websockets server that pipes a page's microphone into a Live session."""

import asyncio
import json
import logging
import os

from google import genai
from google.genai.types import LiveConnectConfig, PrebuiltVoiceConfig, SpeechConfig, VoiceConfig
from websockets.asyncio.server import serve

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("relay")

client = genai.Client(api_key=os.environ["GOOGLE_API_KEY"])
model_id = "gemini-live-2.5-flash-preview"

live_connect_config = LiveConnectConfig(
    response_modalities=["AUDIO"],
    speech_config=SpeechConfig(
        voice_config=VoiceConfig(prebuilt_voice_config=PrebuiltVoiceConfig(voice_name="Aoede"))
    ),
    input_audio_transcription={},
)


async def pump_browser(websocket, session) -> None:
    async for frame in websocket:
        if isinstance(frame, bytes):
            await session.send(input={"media_chunks": [{"data": frame, "mime_type": "audio/pcm"}]})
            continue
        event = json.loads(frame)
        if event.get("type") == "text":
            await session.send(input=event["text"], end_of_turn=True)
        elif event.get("type") == "hangup":
            break


async def pump_model(websocket, session) -> None:
    while True:
        async for response in session.receive():
            content = response.server_content
            if content is None:
                continue
            if content.input_transcription and content.input_transcription.text:
                await websocket.send(json.dumps({"type": "heard", "text": content.input_transcription.text}))
            if content.model_turn and content.model_turn.parts:
                blob = content.model_turn.parts[0].inline_data
                if blob is not None:
                    await websocket.send(blob.data)
            if content.turn_complete:
                await websocket.send(json.dumps({"type": "turn_complete"}))


async def handler(websocket) -> None:
    logger.info("browser connected from %s", websocket.remote_address)
    async with client.aio.live.connect(model=model_id, config=live_connect_config) as session:
        browser = asyncio.create_task(pump_browser(websocket, session))
        model = asyncio.create_task(pump_model(websocket, session))
        done, pending = await asyncio.wait({browser, model}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
    logger.info("browser disconnected")


async def main() -> None:
    async with serve(handler, "0.0.0.0", 8765, max_size=None):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
