"""Parking-garage intercom on 2.5 native audio: an early-continue ladder and text read as the transcript."""
import asyncio

from google import genai
from google.genai import types

client = genai.Client()
INTERCOM_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001
CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
    tools=[types.Tool(function_declarations=[
        types.FunctionDeclaration(name="open_barrier", description="Open the exit barrier."),
    ])],
)


async def pipe(session, handset) -> None:
    async for pcm in handset.frames():
        await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))


async def intercom(handset) -> None:
    async with client.aio.live.connect(model=INTERCOM_MODEL, config=CONFIG) as session:  # expect: LM402
        asyncio.create_task(pipe(session, handset))
        while True:
            async for msg in session.receive():
                if msg.data:
                    handset.play(msg.data)
                    continue  # expect: LM303
                if msg.text:  # expect: LM304
                    handset.display(msg.text)  # expect: LM304
                if msg.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=fc.id, name=fc.name, response={"opened": True})
                        for fc in msg.tool_call.function_calls
                    ])


async def ticket_lookup(plate: str) -> str:
    heard = []
    async with client.aio.live.connect(model=INTERCOM_MODEL, config=CONFIG) as session:
        await session.send_realtime_input(text=f"Look up the ticket for plate {plate}.")
        async for msg in session.receive():
            if msg.tool_call:  # expect: LM305
                return "needs-attendant"  # expect: LM306
            sc = msg.server_content
            if sc.output_transcription:  # expect: LM302
                heard.append(sc.output_transcription.text)
            elif sc.turn_complete:
                break
    return "".join(heard)
