"""Desk voice assistant: mic in, speaker out, every knob kept in one settings dict."""
import asyncio
import datetime
import json
import os
from pathlib import Path

import pyaudio
from google import genai
from google.genai import types

SETTINGS = {
    "model": "gemini-2.5-flash-native-audio-preview-09-2025",
    "voice": "Puck",
    "api_version": "v1alpha",
    "log_dir": "~/.desk-assistant/logs",
    "live": {
        "response_modalities": ["AUDIO"],
        "enable_affective_dialog": True,
        "proactivity": {"proactive_audio": True},
        "system_instruction": (
            "You are a concise desk assistant. Answer in one or two sentences "
            "and never read out URLs."
        ),
        "thinking_config": {"thinking_budget": 1024},
        "temperature": 0.6,
    },
    "audio": {"in_rate": 16000, "out_rate": 24000, "chunk": 1024},
}

pya = pyaudio.PyAudio()


def build_live_config(settings):
    live = dict(settings["live"])
    live["speech_config"] = {
        "voice_config": {"prebuilt_voice_config": {"voice_name": settings["voice"]}}
    }
    return live


def make_client(settings):
    return genai.Client(
        api_key=os.environ["GEMINI_API_KEY"],
        http_options={"api_version": settings["api_version"]},
    )


def log_turn(text):
    log_dir = Path(SETTINGS["log_dir"]).expanduser()
    log_dir.mkdir(parents=True, exist_ok=True)
    day = datetime.date.today().isoformat()
    with open(log_dir / f"{day}.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"t": datetime.datetime.now().isoformat(), "model": text}) + "\n")


async def mic_task(sess, audio_cfg):
    mic = await asyncio.to_thread(
        pya.open,
        format=pyaudio.paInt16,
        channels=1,
        rate=audio_cfg["in_rate"],
        input=True,
        frames_per_buffer=audio_cfg["chunk"],
    )
    try:
        while True:
            data = await asyncio.to_thread(mic.read, audio_cfg["chunk"], exception_on_overflow=False)
            await sess.send_realtime_input(
                audio=types.Blob(data=data, mime_type="audio/pcm;rate=16000")
            )
    finally:
        mic.close()


async def speaker_task(sess, audio_cfg):
    spk = await asyncio.to_thread(
        pya.open, format=pyaudio.paInt16, channels=1, rate=audio_cfg["out_rate"], output=True
    )
    transcript = []
    while True:
        async for resp in sess.receive():
            if data := resp.data:
                await asyncio.to_thread(spk.write, data)
                continue
            if text := resp.text:
                transcript.append(text)
                print(text, end="", flush=True)
            if resp.server_content and resp.server_content.turn_complete:
                print()
                if transcript:
                    log_turn("".join(transcript))
                transcript.clear()


async def main():
    client = make_client(SETTINGS)
    config = build_live_config(SETTINGS)
    async with client.aio.live.connect(model=SETTINGS["model"], config=config) as sess:
        print("Listening... Ctrl+C to stop.")
        async with asyncio.TaskGroup() as tg:
            tg.create_task(mic_task(sess, SETTINGS["audio"]))
            tg.create_task(speaker_task(sess, SETTINGS["audio"]))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    finally:
        pya.terminate()
