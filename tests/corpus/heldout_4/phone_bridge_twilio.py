"""Twilio media-stream bridge: the Live session lives on the call object, opened by a helper."""

import asyncio
import audioop
import base64
import json

from fastapi import FastAPI, WebSocket
from google import genai
from google.genai import types

app = FastAPI()
client = genai.Client()
MODEL = "gemini-3.1-flash-live-preview"


def book_table(party: int, time: str) -> dict:
    return {"status": "booked", "party": party, "time": time}


BOOK_TABLE = types.FunctionDeclaration(
    name="book_table",
    description="Book a table for the caller.",
    parameters={"type": "OBJECT", "properties": {"party": {"type": "INTEGER"}, "time": {"type": "STRING"}}},
    behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
)


class Call:
    def __init__(self, twilio: WebSocket) -> None:
        self.twilio = twilio
        self.stream_sid = None
        self.session = None
        self._cm = None

    async def attach(self) -> None:
        config = types.LiveConnectConfig(
            response_modalities=[types.Modality.AUDIO],
            output_audio_transcription=types.AudioTranscriptionConfig(),
            tools=[types.Tool(function_declarations=[BOOK_TABLE])],
        )
        self._cm = client.aio.live.connect(model=MODEL, config=config)
        self.session = await self._cm.__aenter__()

    async def from_twilio(self, payload: str) -> None:
        pcm8k = audioop.ulaw2lin(base64.b64decode(payload), 2)
        await self.session.send_realtime_input(
            media=types.Blob(data=pcm8k, mime_type="audio/pcm;rate=8000")  # expect: LM104
        )

    async def answer(self, tool_call: types.LiveServerToolCall) -> None:
        responses = []
        for fc in tool_call.function_calls:
            responses.append(types.FunctionResponse(
                id=fc.id, name=fc.name, response=book_table(**fc.args),
                will_continue=False,  # expect: LM202
            ))
        await self.session.send_tool_response(function_responses=responses)

    async def to_twilio(self) -> None:
        async for msg in self.session.receive():
            if msg.data:
                ulaw = audioop.lin2ulaw(audioop.ratecv(msg.data, 2, 1, 24000, 8000, None)[0], 2)
                await self.twilio.send_json({"event": "media", "streamSid": self.stream_sid,
                                             "media": {"payload": base64.b64encode(ulaw).decode()}})
                continue  # expect: LM303
            if msg.go_away:
                print("server is closing the call in", msg.go_away.time_left)
                return  # expect: LM306
            if msg.tool_call:
                await self.answer(msg.tool_call)
            sc = msg.server_content
            if sc and sc.output_transcription:
                print("agent:", sc.output_transcription.text)
            if sc and sc.turn_complete:
                await self.twilio.send_json({"event": "mark", "streamSid": self.stream_sid,
                                             "mark": {"name": "turn"}})


@app.websocket("/twilio/stream")
async def twilio_stream(ws: WebSocket) -> None:
    await ws.accept()
    call = Call(ws)
    await call.attach()
    sender = None
    async for text in ws.iter_text():
        event = json.loads(text)
        if event["event"] == "start":
            call.stream_sid = event["start"]["streamSid"]
            sender = asyncio.create_task(call.to_twilio())
        elif event["event"] == "media":
            await call.from_twilio(event["media"]["payload"])
        elif event["event"] == "stop":
            break
    if sender:
        sender.cancel()
    await call._cm.__aexit__(None, None, None)
