"""Quality-inspection station: a camera watches the bench, the inspector talks to the model.

Frames go up once a second; the inspector's speech comes from the headset. Spoken findings are
logged with the frame number they were made on.
"""

import asyncio
import logging

import cv2
from google import genai
from google.genai import types

from station.audio import Headset

log = logging.getLogger("inspect")

MODEL_ID = "gemini-2.5-flash-native-audio-preview-12-2025"
CONFIG = {
    "responseModalities": ["AUDIO"],
    "systemInstruction": "You inspect circuit boards. Name the defect and where it is.",
    "enableAffectiveDialog": True,
    "realtimeInputConfig": {
        "automaticActivityDetection": {"silenceDurationMs": 700},
    },
    "outputAudioTranscription": {},
}

client = genai.Client(http_options=types.HttpOptions(api_version="v1alpha"))


def grab_jpeg(camera) -> bytes | None:
    ok, frame = camera.read()
    if not ok:
        return None
    ok, jpeg = cv2.imencode(".jpg", cv2.resize(frame, (768, 768)))
    return jpeg.tobytes() if ok else None


async def stream_camera(session, camera, state: dict) -> None:
    while True:
        jpeg = await asyncio.to_thread(grab_jpeg, camera)
        if jpeg is not None:
            state["frame"] += 1
            await session.send(input={"data": jpeg, "mime_type": "image/jpeg"})
        await asyncio.sleep(1.0)


async def stream_headset(session, headset: Headset) -> None:
    async for pcm in headset.frames():
        await session.send_realtime_input(
            audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def read_findings(session, headset: Headset, state: dict) -> None:
    while True:
        async for msg in session.receive():
            frame_no = state["frame"]
            sc = msg.server_content
            if not sc:
                continue
            if sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        headset.play(part.inline_data.data)
            if sc.input_transcription and sc.input_transcription.text:
                log.info("inspector @%d: %s", frame_no, sc.input_transcription.text)
            if sc.output_transcription and sc.output_transcription.text:
                log.info("finding @%d: %s", frame_no, sc.output_transcription.text)


async def inspect_board(board_id: str) -> None:
    camera = cv2.VideoCapture(0)
    headset = Headset()
    state = {"frame": 0}
    async with client.aio.live.connect(model=MODEL_ID, config=CONFIG) as session:
        await session.send(input=f"Board {board_id} is on the bench. Start the inspection.", end_of_turn=True)
        tasks = [
            asyncio.create_task(stream_camera(session, camera, state)),
            asyncio.create_task(stream_headset(session, headset)),
            asyncio.create_task(read_findings(session, headset, state)),
        ]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            camera.release()


if __name__ == "__main__":
    import sys

    asyncio.run(inspect_board(sys.argv[1]))
