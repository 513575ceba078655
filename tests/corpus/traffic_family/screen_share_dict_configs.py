"""Screen sharing with dict configs: VAD tuned but no turn coverage, next to snake and camel configs that set it (also across statements)."""

from __future__ import annotations

import asyncio
import logging
import os

import mss
import mss.tools
from google import genai

log = logging.getLogger("screenshare")

MODEL = os.getenv("LIVE_MODEL", "gemini-3.1-flash-live-preview")
client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])

SCREEN_CONFIG = {
    "response_modalities": ["AUDIO"],
    "session_resumption": {},
    "output_audio_transcription": {},
    "realtime_input_config": {
        "automatic_activity_detection": {"silence_duration_ms": 800, "prefix_padding_ms": 200},
    },
}

TUTOR_CONFIG = {
    "responseModalities": ["AUDIO"],
    "sessionResumption": {},
    "outputAudioTranscription": {},
    "realtimeInputConfig": {"turnCoverage": "TURN_INCLUDES_ONLY_ACTIVITY"},
}


def review_config(low_cost: bool) -> dict:
    config = {"response_modalities": ["AUDIO"], "context_window_compression": {"sliding_window": {}}}
    config["output_audio_transcription"] = {}
    coverage = "TURN_INCLUDES_ONLY_ACTIVITY" if low_cost else "TURN_INCLUDES_ALL_INPUT"
    config["realtime_input_config"] = {"turn_coverage": coverage}
    return config


def capture_screen() -> bytes:
    with mss.mss() as sct:
        shot = sct.grab(sct.monitors[1])
        return mss.tools.to_png(shot.rgb, shot.size)


async def share_screen(session, stop: asyncio.Event) -> None:
    while not stop.is_set():
        png = await asyncio.to_thread(capture_screen)
        await session.send_realtime_input(video={"data": png, "mime_type": "image/png"})
        await asyncio.sleep(2.0)


async def narrate(session, speaker) -> None:
    while True:
        async for msg in session.receive():
            content = msg.server_content
            if not content:
                continue
            for part in (content.model_turn.parts if content.model_turn else None) or []:
                if part.inline_data:
                    speaker.write(part.inline_data.data)
            if content.output_transcription:
                log.info("narrator: %s", content.output_transcription.text)


async def screen_session(speaker, stop: asyncio.Event) -> None:
    async with client.aio.live.connect(model=MODEL, config=SCREEN_CONFIG) as session:  # expect: LM401
        await asyncio.gather(share_screen(session, stop), narrate(session, speaker))


async def tutor_session(speaker, stop: asyncio.Event) -> None:
    async with client.aio.live.connect(model=MODEL, config=TUTOR_CONFIG) as session:
        await asyncio.gather(share_screen(session, stop), narrate(session, speaker))


async def code_review_session(speaker, stop: asyncio.Event, low_cost: bool = True) -> None:
    async with client.aio.live.connect(model=MODEL, config=review_config(low_cost)) as session:
        await asyncio.gather(share_screen(session, stop), narrate(session, speaker))
