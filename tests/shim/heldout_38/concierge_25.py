"""Front-desk voice agent for a hotel, written for Gemini 2.5 native audio.

Held-out program for the 3.8 bar (issue 12): it is written the way a 2.5 team wrote its
agent, not to suit livemigrate's rules, and ``tests/shim/test_heldout_38.py`` runs it as is,
through the shim and after ``livemigrate fix``. Keep it a 2.5 program: do not "fix" it here.

The agent restores the guest's earlier exchange and asks a question in one
``send_client_content`` call, answers the model's (non-blocking) booking look-up as soon as
it arrives, then sends one push-to-talk utterance ended with ``audio_stream_end``. Its last
stdout line is a JSON report: the audio it played, the transcripts and the tool results.
"""

import array
import asyncio
import contextlib
import hashlib
import json
import math

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
MIC_RATE = 16000

BOOKINGS = {"412": {"guest": "Ada Lovelace", "late_checkout": "2 pm"}}


def lookup_booking(room):
    return BOOKINGS.get(str(room), {"error": f"no booking for room {room}"})


TOOL_HANDLERS = {"lookup_booking": lookup_booking}

FRONT_DESK_TOOLS = [
    types.Tool(
        function_declarations=[
            types.FunctionDeclaration(
                name="lookup_booking",
                description="Find a guest's booking by room number.",
                parameters=types.Schema(
                    type=types.Type.OBJECT,
                    properties={"room": types.Schema(type=types.Type.STRING)},
                    required=["room"],
                ),
                # The guest should not sit in silence while the PMS answers.
                behavior=types.Behavior.NON_BLOCKING,
            )
        ]
    )
]

EARLIER = [
    types.Content(role="user", parts=[types.Part(text="Hi, this is Ada in room 412.")]),
    types.Content(role="model", parts=[types.Part(text="Welcome back, Ada. How can I help?")]),
]


def live_config():
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        system_instruction="You are the front desk of the Hotel Meridian. Be warm and brief.",
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Aoede"))
        ),
        thinking_config=types.ThinkingConfig(thinking_budget=512),
        enable_affective_dialog=True,
        proactivity=types.ProactivityConfig(proactive_audio=True),
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        tools=FRONT_DESK_TOOLS,
    )


def recorded_question(seconds=0.8):
    """Stand-in for the microphone: a 16 kHz tone (real speech is never exact zeros)."""
    samples = array.array("h", (int(6000 * math.sin(2 * math.pi * 220 * i / MIC_RATE))
                                for i in range(int(seconds * MIC_RATE))))
    return samples.tobytes()


class FrontDesk:
    def __init__(self):
        # affective dialog and proactive audio were v1alpha-only on 2.5
        self.client = genai.Client(http_options={"api_version": "v1alpha"})
        self.session = None
        self._stack = contextlib.AsyncExitStack()
        self.speaker = bytearray()
        self.chunks_played = 0
        self.said = []
        self.heard = []
        self.text_notes = []
        self.tool_results = []
        self.waiting_for_outcome = False
        self._outcome_spoken = False

    async def start(self):
        self.session = await self._stack.enter_async_context(
            self.client.aio.live.connect(model=MODEL, config=live_config())
        )

    async def stop(self):
        await self._stack.aclose()

    async def resume_conversation(self, question):
        turns = EARLIER + [types.Content(role="user", parts=[types.Part(text=question)])]
        await self.session.send_client_content(turns=turns, turn_complete=True)

    async def talk(self, pcm, chunk_ms=100):
        step = MIC_RATE * 2 * chunk_ms // 1000
        for start in range(0, len(pcm), step):
            await self.session.send_realtime_input(
                audio=types.Blob(data=pcm[start:start + step], mime_type=f"audio/pcm;rate={MIC_RATE}")
            )
        await self.session.send_realtime_input(audio_stream_end=True)  # the guest let go of the button

    async def listen(self):
        """Play one model turn; answer tool calls inline, the model keeps talking meanwhile."""
        async for response in self.session.receive():
            if response.tool_call:
                await self.answer(response.tool_call)
                continue
            content = response.server_content
            if content is None:
                continue
            if content.input_transcription and content.input_transcription.text:
                self.heard.append(content.input_transcription.text)
            if content.model_turn and content.model_turn.parts:
                part = content.model_turn.parts[0]
                if part.inline_data and part.inline_data.data:
                    self.speaker.extend(part.inline_data.data)
                    self.chunks_played += 1
                    if self.waiting_for_outcome:
                        self._outcome_spoken = True
            if response.text:
                self.text_notes.append(response.text)
            if content.output_transcription and content.output_transcription.text:
                self.said.append(content.output_transcription.text)
        if self._outcome_spoken:
            self.waiting_for_outcome = self._outcome_spoken = False

    async def answer(self, tool_call):
        responses = []
        for call in tool_call.function_calls:
            result = TOOL_HANDLERS[call.name](**(call.args or {}))
            self.tool_results.append({"name": call.name, "args": dict(call.args or {}), "result": result})
            responses.append(
                types.FunctionResponse(
                    id=call.id,
                    name=call.name,
                    response=result,
                    scheduling=types.FunctionResponseScheduling.WHEN_IDLE,
                )
            )
        await self.session.send_tool_response(function_responses=responses)
        self.waiting_for_outcome = True

    def report(self):
        return {
            "audio_bytes": len(self.speaker),
            "audio_sha256": hashlib.sha256(bytes(self.speaker)).hexdigest(),
            "chunks": self.chunks_played,
            "transcript": self.said,
            "heard": self.heard,
            "tool_results": self.tool_results,
        }


async def main():
    desk = FrontDesk()
    await desk.start()
    try:
        await desk.resume_conversation("Is my late checkout booked?")
        await desk.listen()
        while desk.waiting_for_outcome:
            await desk.listen()
        await desk.talk(recorded_question())
        await desk.listen()
    finally:
        await desk.stop()
    print(json.dumps(desk.report()))


if __name__ == "__main__":
    asyncio.run(main())
