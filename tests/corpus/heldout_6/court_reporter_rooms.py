"""Court-reporter tool driving a 2.5 native-audio room and a 3.1 room side by side."""
import asyncio
import os

from google import genai
from google.genai import types

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
ROOMS = {
    "room-a": "gemini-2.5-flash-native-audio-preview-09-2025",  # expect: LM001
    "room-b": "gemini-3.1-flash-live-preview",
}


def room_config(model: str) -> dict:
    cfg = {"responseModalities": ["AUDIO"], "outputAudioTranscription": {}, "sessionResumption": {}}
    if "native-audio" in model:
        cfg["thinkingConfig"] = {"thinkingBudget": 0}
        cfg["enableAffectiveDialog"] = False
    else:
        cfg["thinkingConfig"] = {"thinkingLevel": "minimal"}
    return cfg


def draft_config(model: str) -> dict:
    return {"responseModalities": ["TEXT", "AUDIO"], "sessionResumption": {}}  # expect: LM005


async def feed(session, audio_feed) -> None:
    async for pcm in audio_feed:
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def record_room(room: str, audio_feed, transcript: list[str]) -> None:
    model = ROOMS[room]
    async with client.aio.live.connect(model=model, config=room_config(model)) as session:
        asyncio.create_task(feed(session, audio_feed))
        while True:
            async for msg in session.receive():
                sc = msg.server_content
                if not sc:
                    continue
                if sc.input_transcription:  # expect: LM009
                    transcript.append(f"[{room}] witness: {sc.input_transcription.text}")  # expect: LM009
                if sc.output_transcription:
                    transcript.append(f"[{room}] clerk: {sc.output_transcription.text}")


async def clerk_readback(question: str) -> str:
    model = ROOMS["room-a"]
    said = []
    async with client.aio.live.connect(model=model, config=room_config(model)) as session:
        await session.send_realtime_input(text=question)
        async for msg in session.receive():
            if msg.server_content and msg.server_content.model_turn:
                for part in msg.server_content.model_turn.parts:
                    if part.text:  # expect: LM304
                        said.append(part.text)  # expect: LM304
            if msg.server_content and msg.server_content.turn_complete:
                break
    return "".join(said)


async def draft_summary(model: str, notes: str) -> bytes:
    audio = bytearray()
    async with client.aio.live.connect(model=model, config=draft_config(model)) as session:
        await session.send_realtime_input(text=f"Summarise today's hearing: {notes}")
        async for msg in session.receive():
            if msg.data:
                audio.extend(msg.data)
            if msg.server_content and msg.server_content.turn_complete:
                break
    return bytes(audio)
