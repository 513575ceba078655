"""Warehouse picker: a headset assistant that reads pick lists and checks scanned shelves."""

import asyncio
import logging

from google import genai
from google.genai import types

from warehouse import BarcodeCamera, Headset, PickList, confirm_pick

logger = logging.getLogger("picker")

PICKER_MODEL = "gemini-3.1-flash-live-preview"

confirm_tool = types.Tool(function_declarations=[
    types.FunctionDeclaration(
        name="confirm_pick",
        description="Mark a line of the pick list as picked.",
        parameters={"type": "OBJECT", "properties": {"sku": {"type": "STRING"}}, "required": ["sku"]},
    )
])

picker_config = types.LiveConnectConfig(
    response_modalities=[types.Modality.AUDIO],
    tools=[confirm_tool],
    realtime_input_config=types.RealtimeInputConfig(turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    system_instruction="You guide a warehouse picker through today's pick list, one line at a time.",
)


async def stream_shelf(session, camera: BarcodeCamera) -> None:
    async for jpeg in camera.snapshots(every=0.5):
        await session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))


async def stream_voice(session, headset: Headset) -> None:
    async for pcm in headset.microphone(rate=16000):
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def handle_tools(session, tool_call) -> None:
    replies = []
    for call in tool_call.function_calls:
        ok = await asyncio.to_thread(confirm_pick, call.args["sku"])
        replies.append({"id": call.id, "name": call.name, "response": {"ok": ok}})
    await session.send_tool_response(function_responses=replies)


async def guide(session, headset: Headset) -> None:
    while True:
        async for message in session.receive():
            if message.tool_call:
                await handle_tools(session, message.tool_call)
            sc = message.server_content
            if not sc:
                continue
            if sc.input_transcription:
                headset.show(f"you: {sc.input_transcription.text}")
            if sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        headset.play(part.inline_data.data)
            if sc.output_transcription and sc.output_transcription.text:
                logger.info("assistant: %s", sc.output_transcription.text)
            if sc.interrupted:
                headset.stop()


async def shift(pick_list: PickList) -> None:
    client = genai.Client()
    camera, headset = BarcodeCamera(), Headset()
    async with client.aio.live.connect(model=PICKER_MODEL, config=picker_config) as session:
        briefing = f"Today's pick list:\n{pick_list.as_text()}\nGreet the picker and read the first line."
        await session.send_realtime_input(text=briefing)
        await asyncio.gather(stream_shelf(session, camera), stream_voice(session, headset), guide(session, headset))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(shift(PickList.for_today()))
