"""Drone roof inspection: streams the gimbal camera and pilot audio; the model calls out damage."""

import asyncio

from google import genai
from google.genai import types

from drone_link import Gimbal, PilotHeadset, mark_waypoint

MODEL = "models/gemini-2.5-flash-native-audio-preview-09-2025"

mark_damage = types.FunctionDeclaration(
    name="mark_damage",
    description="Tag the drone's current GPS position with a damage note.",
    parameters=types.Schema(
        type=types.Type.OBJECT,
        properties={"note": types.Schema(type=types.Type.STRING)},
        required=["note"],
    ),
    behavior=types.Behavior.NON_BLOCKING,
)

CONFIG = {
    "response_modalities": ["AUDIO"],
    "tools": [types.Tool(function_declarations=[mark_damage])],
    "realtime_input_config": {
        "automatic_activity_detection": {"end_of_speech_sensitivity": "END_SENSITIVITY_LOW"},
    },
    "session_resumption": {},
    "context_window_compression": {"sliding_window": {}},
    "system_instruction": "You assist a drone pilot inspecting roofs. Call out damage you see.",
}


async def send_frames(session, gimbal: Gimbal) -> None:
    async for jpeg in gimbal.frames(fps=2):
        await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))


async def send_voice(session, headset: PilotHeadset) -> None:
    async for pcm in headset.capture(rate=16000):
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def answer(session, calls) -> None:
    responses = []
    for call in calls:
        waypoint = await mark_waypoint(call.args["note"])
        responses.append({"id": call.id, "name": call.name, "response": {"waypoint": waypoint}, "will_continue": False})
    await session.send_tool_response(function_responses=responses)


async def listen(session, headset: PilotHeadset) -> None:
    while True:
        async for message in session.receive():
            if message.go_away:
                headset.announce("link renewing")
            if message.tool_call:
                await answer(session, message.tool_call.function_calls)
            content = message.server_content
            if content and content.model_turn:
                part = next(iter(content.model_turn.parts))
                blob = part.inline_data
                if blob and blob.mime_type == "audio/pcm":
                    headset.play(blob.data)
            if content and content.interrupted:
                headset.flush()


async def fly() -> None:
    gimbal, headset = Gimbal.connect(), PilotHeadset.open()
    client = genai.Client()
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        await asyncio.gather(send_frames(session, gimbal), send_voice(session, headset), listen(session, headset))


if __name__ == "__main__":
    asyncio.run(fly())
