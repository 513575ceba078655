"""Two Live sessions in one module (interviewer + silent note-taker): LM108, LM305, LM009."""

import asyncio
import json

from google import genai
from google.genai import types

client = genai.Client()
MODEL = "gemini-3.1-flash-live-preview"

INTERVIEWER = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="next_question")])],
)

NOTE_TAKER = {
    "response_modalities": ["AUDIO"],
    "output_audio_transcription": {},
    "tools": [{"function_declarations": [{"name": "save_note", "parameters": {"type": "OBJECT"}}]}],
}


def seed_turns(cv: dict) -> list[types.Content]:
    return [
        types.Content(role="user", parts=[types.Part(text="Candidate CV: " + json.dumps(cv))]),
        types.Content(role="model", parts=[types.Part(text="Understood. I will interview them.")]),
    ]


async def interview(cv: dict, mic, speaker, questions: list[str]) -> None:
    async with client.aio.live.connect(model=MODEL, config=INTERVIEWER) as session:
        await session.send_client_content(turns=seed_turns(cv), turn_complete=True)  # expect: LM108
        greeting = session.receive()
        async for msg in greeting:
            sc = msg.server_content
            if sc and sc.model_turn:
                for part in sc.model_turn.parts:
                    if part.inline_data:
                        speaker.play(part.inline_data.data)
            if sc and sc.turn_complete:
                break
        for question in questions:
            await session.send_realtime_input(text=question)
            async for msg in session.receive():
                if msg.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=fc.id, name=fc.name, response={"ok": True})
                        for fc in msg.tool_call.function_calls])
                sc = msg.server_content
                if sc and sc.turn_complete:
                    break


async def take_notes(audio_file: str, notes: list) -> None:
    async with client.aio.live.connect(model=MODEL, config=NOTE_TAKER) as notes_session:
        with open(audio_file, "rb") as fh:
            await notes_session.send_realtime_input(
                audio=types.Blob(data=fh.read(), mime_type="audio/pcm;rate=16000"))
        await notes_session.send_realtime_input(audio_stream_end=True)
        async for msg in notes_session.receive():
            if msg.tool_call:  # expect: LM305
                for fc in msg.tool_call.function_calls:
                    notes.append(fc.args)
            sc = msg.server_content
            if sc is None:
                continue
            if heard := sc.input_transcription:  # expect: LM009
                notes.append({"heard": heard.text})
            if sc.turn_complete:
                break


async def main(cv, mic, speaker, questions) -> None:
    notes: list = []
    await asyncio.gather(interview(cv, mic, speaker, questions), take_notes("call.pcm", notes))
    print(json.dumps(notes, indent=2))
