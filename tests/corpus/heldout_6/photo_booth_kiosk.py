"""Photo-booth kiosk that shows the model one snapshot, and a gallery mode that sets turn coverage."""
import asyncio

import cv2
from google import genai
from google.genai import types

client = genai.Client(api_key="AIzaSy10DqxhV9bXkNa2wn7SiYBoTPe-I2YyrjY")  # expect: LM501
BOOTH_MODEL = "gemini-3.1-flash-live-preview"
BOOTH_CONFIG = {
    "response_modalities": ["AUDIO"],
    "output_audio_transcription": {},
    "system_instruction": "Compliment the guests' costumes in one sentence.",
}
GALLERY_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    realtime_input_config=types.RealtimeInputConfig(turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),
)


def snapshot() -> bytes:
    cam = cv2.VideoCapture(0)
    ok, frame = cam.read()
    cam.release()
    if not ok:
        raise RuntimeError("camera not ready")
    return cv2.imencode(".jpg", frame)[1].tobytes()


async def compliment(speaker) -> str:
    said = []
    async with client.aio.live.connect(model=BOOTH_MODEL, config=BOOTH_CONFIG) as session:  # expect: LM401
        await session.send_realtime_input(video=types.Blob(data=snapshot(), mime_type="image/jpeg"))
        await session.send_realtime_input(text="What do you think of our outfits?")
        async for msg in session.receive():
            sc = msg.server_content
            if sc is None:
                continue
            if sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        speaker.write(part.inline_data.data)
            if sc.output_transcription:
                said.append(sc.output_transcription.text)
            if sc.turn_complete:
                break
    return "".join(said)


async def narrate_gallery(frames: list[bytes], speaker) -> None:
    async with client.aio.live.connect(model=BOOTH_MODEL, config=GALLERY_CONFIG) as session:
        for jpg in frames:
            await session.send_realtime_input(video=types.Blob(data=jpg, mime_type="image/jpeg"))
        await session.send_realtime_input(text="Tell the story of tonight's photos.")
        async for msg in session.receive():
            if msg.data:
                speaker.write(msg.data)
            if msg.server_content and msg.server_content.turn_complete:
                break
