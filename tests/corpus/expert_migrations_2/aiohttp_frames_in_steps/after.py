"""Doorbell intercom: a raw aiohttp WebSocket client for the Live API (no SDK on the device)."""

import asyncio
import base64
import json
import os

import aiohttp

PATH = "ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
HOST = "generativelanguage.googleapis.com"
MODEL = "gemini-3.1-flash-live-preview"


def build_setup(voice: str) -> dict:
    setup = {"model": f"models/{MODEL}"}
    setup["generationConfig"] = {
        "responseModalities": ["AUDIO"],
        "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}},
    }
    setup["generationConfig"]["thinkingConfig"] = {"thinkingLevel": "MEDIUM"}
    setup["systemInstruction"] = {"parts": [{"text": "You answer the door for the Novak family."}]}
    setup["outputAudioTranscription"] = {}
    return {"setup": setup}


def audio_frame(pcm: bytes) -> str:
    chunk = {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}
    return json.dumps({"realtimeInput": {"audio": chunk}})


def end_of_visitor_turn() -> str:
    return json.dumps({"realtimeInput": {"audioStreamEnd": True}})


async def send_audio(ws, mic) -> None:
    async for pcm, silence in mic:
        await ws.send_str(audio_frame(pcm))
        if silence:
            await ws.send_str(end_of_visitor_turn())


async def receive(ws, speaker, display) -> None:
    async for frame in ws:
        if frame.type != aiohttp.WSMsgType.TEXT:
            continue
        response = json.loads(frame.data)
        content = response.get("serverContent")
        if not content:
            continue
        if "modelTurn" in content:
            for part in content["modelTurn"]["parts"]:
                if "inlineData" in part:
                    speaker.play(base64.b64decode(part["inlineData"]["data"]))
        if "outputTranscription" in content:
            display.show(content["outputTranscription"].get("text", ""))
        if content.get("interrupted"):
            speaker.stop()
        if content.get("turnComplete"):
            display.clear_later()


async def ring(mic, speaker, display, voice: str = "Charon") -> None:
    url = f"wss://{HOST}/{PATH}?key={os.environ['GEMINI_API_KEY']}"
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(url, heartbeat=20) as ws:
            await ws.send_str(json.dumps(build_setup(voice)))  # expert: left LM402 no resumption or goAway handling; a doorbell visit is short, as on 2.5
            ack = json.loads((await ws.receive()).data)
            if "setupComplete" not in ack:
                raise RuntimeError(f"setup refused: {ack}")
            await asyncio.gather(send_audio(ws, mic), receive(ws, speaker, display))


if __name__ == "__main__":
    from doorbell.hw import Display, Mic, Speaker

    asyncio.run(ring(Mic(), Speaker(), Display()))
