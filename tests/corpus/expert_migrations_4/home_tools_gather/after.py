"""Smart-home voice agent: lights and thermostat through Live function calling."""
import asyncio
import logging
import os

import httpx
import sounddevice as sd
from google import genai
from google.genai import types as gt

log = logging.getLogger("home-agent")

MODEL = os.getenv("LIVE_MODEL", "gemini-3.1-flash-live-preview")
HUB = os.getenv("HOME_HUB_URL", "http://hub.local:8123/api")


async def set_light(room: str, on: bool, brightness: int = 100) -> dict:
    async with httpx.AsyncClient() as http:
        r = await http.post(f"{HUB}/lights/{room}", json={"on": on, "brightness": brightness})
        return {"ok": r.status_code == 200}


async def get_temperature(room: str) -> dict:
    async with httpx.AsyncClient() as http:
        r = await http.get(f"{HUB}/climate/{room}")
        return {"celsius": r.json()["temperature"]}


async def set_thermostat(target_c: float) -> dict:
    async with httpx.AsyncClient() as http:
        r = await http.post(f"{HUB}/climate/target", json={"celsius": target_c})
        return {"ok": r.status_code == 200, "target": target_c}


TOOLS = {"set_light": set_light, "get_temperature": get_temperature, "set_thermostat": set_thermostat}

DECLARATIONS = [
    gt.FunctionDeclaration(
        name="set_light",
        description="Switch a room's light on or off, optionally with a brightness 0-100.",
        parameters={"type": "OBJECT", "properties": {"room": {"type": "STRING"}, "on": {"type": "BOOLEAN"}, "brightness": {"type": "INTEGER"}}, "required": ["room", "on"]},
    ),
    gt.FunctionDeclaration(
        name="get_temperature",
        description="Current temperature of a room in Celsius.",
        parameters={"type": "OBJECT", "properties": {"room": {"type": "STRING"}}, "required": ["room"]},
    ),
    gt.FunctionDeclaration(
        name="set_thermostat",
        description="Set the house thermostat target in Celsius.",
        parameters={"type": "OBJECT", "properties": {"target_c": {"type": "NUMBER"}}, "required": ["target_c"]},
    ),
]


def make_config(voice: str = "Charon") -> gt.LiveConnectConfig:
    return gt.LiveConnectConfig(
        response_modalities=["AUDIO"],
        tools=[gt.Tool(function_declarations=DECLARATIONS)],
        temperature=0.3,
        speech_config=gt.SpeechConfig(
            voice_config=gt.VoiceConfig(prebuilt_voice_config=gt.PrebuiltVoiceConfig(voice_name=voice))
        ),
        input_audio_transcription=gt.AudioTranscriptionConfig(),
    )


async def run_call(fc: gt.FunctionCall) -> gt.FunctionResponse:
    try:
        result = await TOOLS[fc.name](**(fc.args or {}))
    except Exception as exc:  # report tool failures to the model instead of dying
        result = {"error": str(exc)}
    return gt.FunctionResponse(
        id=fc.id,
        name=fc.name,
        response=result,
    )


async def answer_tools(conn, tool_call: gt.LiveServerToolCall) -> None:
    responses = await asyncio.gather(*(run_call(fc) for fc in tool_call.function_calls))
    await conn.send_tool_response(function_responses=list(responses))


async def receive_loop(conn, speaker: asyncio.Queue) -> None:
    pending = set()
    while True:
        async for msg in conn.receive():
            if msg.tool_call:
                task = asyncio.create_task(answer_tools(conn, msg.tool_call))
                pending.add(task)
                task.add_done_callback(pending.discard)
            elif msg.tool_call_cancellation:
                log.info("tool calls cancelled: %s", msg.tool_call_cancellation.ids)
            elif msg.server_content:
                sc = msg.server_content
                if sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            speaker.put_nowait(part.inline_data.data)
                if sc.input_transcription:
                    log.info("user: %s", sc.input_transcription.text)


async def main() -> None:
    client = genai.Client()
    speaker: asyncio.Queue = asyncio.Queue()
    async with client.aio.live.connect(model=MODEL, config=make_config()) as conn:  # expert: left LM402 always-on agent, no resumption/compression/go_away handling
        loop = asyncio.get_running_loop()

        def on_mic(indata, frames, t, status):
            blob = gt.Blob(data=bytes(indata), mime_type="audio/pcm;rate=16000")
            asyncio.run_coroutine_threadsafe(conn.send_realtime_input(audio=blob), loop)

        with sd.RawInputStream(samplerate=16000, channels=1, dtype="int16", blocksize=1600, callback=on_mic), \
                sd.RawOutputStream(samplerate=24000, channels=1, dtype="int16") as out:
            player = asyncio.create_task(play(speaker, out))
            try:
                await receive_loop(conn, speaker)
            finally:
                player.cancel()


async def play(speaker: asyncio.Queue, out) -> None:
    while True:
        await asyncio.to_thread(out.write, await speaker.get())


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
