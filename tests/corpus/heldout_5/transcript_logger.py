"""Meeting scribe that logs both transcripts of a Live session but enables only the input direction."""

import asyncio
import json

from google import genai

client = genai.Client()
SCRIBE_MODEL = "gemini-3.1-flash-live-preview"


def scribe_config(language: str) -> dict:
    return {
        "responseModalities": ["AUDIO"],
        "inputAudioTranscription": {},
        "speechConfig": {"languageCode": language},
        "contextWindowCompression": {"slidingWindow": {}},
    }


async def feed(session, mic) -> None:
    async for pcm in mic:
        await session.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"})


async def scribe(mic, log_path: str, speaker) -> None:
    async with client.aio.live.connect(model=SCRIBE_MODEL, config=scribe_config("en-US")) as session:
        feeder = asyncio.create_task(feed(session, mic))
        with open(log_path, "a", encoding="utf-8") as log:
            while not feeder.done():
                async for msg in session.receive():
                    sc = msg.server_content
                    if not sc:
                        continue
                    heard = getattr(sc, "input_transcription", None)
                    if heard and heard.text:
                        log.write(json.dumps({"who": "user", "text": heard.text}) + "\n")
                    said = getattr(sc, "output_transcription", None)  # expect: LM009
                    if said and said.text:
                        log.write(json.dumps({"who": "model", "text": said.text}) + "\n")
                    if sc.model_turn:
                        first = next(iter(sc.model_turn.parts))  # expect: LM301
                        if first.inline_data and first.inline_data.mime_type == "audio/pcm":  # expect: LM307
                            speaker.play(first.inline_data.data)
