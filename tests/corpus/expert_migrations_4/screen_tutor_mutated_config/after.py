"""Screen-share coding tutor: the model sees your screen every few seconds and you talk to it."""
import asyncio
import io
import os

import mss
import pyaudio
from PIL import Image
from google import genai
from google.genai import types

MODEL = "models/gemini-3.1-flash-live-preview"
TUTOR_PROMPT = (
    "You are a friendly programming tutor looking at the student's screen. "
    "Point at concrete lines, ask one question at a time, never write the whole solution."
)
SCREEN_EVERY_S = 3.0

pya = pyaudio.PyAudio()


def tutor_config() -> types.LiveConnectConfig:
    cfg = types.LiveConnectConfig()
    cfg.response_modalities = [types.Modality.AUDIO]
    cfg.thinking_config = types.ThinkingConfig(thinking_level=types.ThinkingLevel.MEDIUM)
    cfg.system_instruction = TUTOR_PROMPT
    cfg.temperature = 0.5
    cfg.top_p = 0.9
    cfg.realtime_input_config = types.RealtimeInputConfig(
        automatic_activity_detection=types.AutomaticActivityDetection(silence_duration_ms=800),
        turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY,
    )
    cfg.output_audio_transcription = types.AudioTranscriptionConfig()
    return cfg


def grab_screen_jpeg() -> bytes:
    with mss.mss() as sct:
        shot = sct.grab(sct.monitors[1])
    img = Image.frombytes("RGB", shot.size, shot.rgb)
    img.thumbnail((1280, 1280))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=70)
    return buf.getvalue()


async def mic_chunks():
    stream = pya.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True, frames_per_buffer=512)
    try:
        while True:
            yield await asyncio.to_thread(stream.read, 512, exception_on_overflow=False)
    finally:
        stream.close()


async def send_mic(sess):
    async for chunk in mic_chunks():
        await sess.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))


async def share_screen(sess):
    while True:
        jpg = await asyncio.to_thread(grab_screen_jpeg)
        await sess.send_realtime_input(video={"mime_type": "image/jpeg", "data": jpg})
        await asyncio.sleep(SCREEN_EVERY_S)


def handle(msg, speaker, captions):
    sc = msg.server_content
    if not sc:
        return
    if sc.model_turn:
        for part in sc.model_turn.parts:
            if part.inline_data:
                speaker.write(part.inline_data.data)
    if sc.output_transcription and sc.output_transcription.text:
        captions.append(sc.output_transcription.text)
        print(f"tutor: {sc.output_transcription.text}")


async def main():
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    speaker = pya.open(format=pyaudio.paInt16, channels=1, rate=24000, output=True)
    captions = []
    async with client.aio.live.connect(model=MODEL, config=tutor_config()) as sess:  # expert: left LM402 audio+video session ends after ~2 min; needs compression/resumption design
        screen = asyncio.create_task(share_screen(sess))
        mic = asyncio.create_task(send_mic(sess))
        try:
            while True:
                async for msg in sess.receive():
                    handle(msg, speaker, captions)
        finally:
            screen.cancel()
            mic.cancel()
            with open("tutor_captions.txt", "w", encoding="utf-8") as fh:
                fh.write("\n".join(captions))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    finally:
        pya.terminate()
