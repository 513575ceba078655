"""Deprecated nesting in dict configs: `"generation_config"` (snake) and `"generationConfig"` (camel) inside a Live config."""

import asyncio
import os

from google import genai

MODEL = "models/gemini-live-2.5-flash-preview"  # expect: LM001

SNAKE_CONFIG = {
    "system_instruction": "Summarise the meeting as it happens.",
    "generation_config": {  # expect: LM006
        "response_modalities": ["AUDIO"],
        "temperature": 0.2,
        "thinking_config": {"thinking_budget": 256},  # expect: LM002
    },
    "output_audio_transcription": {},
}

CAMEL_CONFIG = {
    "systemInstruction": "Summarise the meeting as it happens.",
    "generationConfig": {  # expect: LM006
        "responseModalities": ["AUDIO"],
        "speechConfig": {"languageCode": "de-DE"},
        "enableAffectiveDialog": False,  # expect: LM004
    },
    "outputAudioTranscription": {},
}


async def minutes(chunks, german: bool = False) -> str:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    notes: list[str] = []
    config = CAMEL_CONFIG if german else SNAKE_CONFIG
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        for chunk in chunks:
            await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
        await session.send_realtime_input(audio_stream_end=True)
        async for msg in session.receive():
            sc = msg.server_content
            if sc and sc.output_transcription and sc.output_transcription.text:
                notes.append(sc.output_transcription.text)
            if sc and sc.turn_complete:
                break
    return "".join(notes)


if __name__ == "__main__":
    print(asyncio.run(minutes([b"\x00" * 3200] * 20)))
