"""Meeting note-taker reading transcripts through getattr, hasattr and raw keys: some sessions never enable the direction they read, others enable it across statements."""

from __future__ import annotations

import json
import logging

import websockets
from google import genai
from google.genai import types

log = logging.getLogger("notes")

MODEL = "gemini-3.1-flash-live-preview"
RAW_URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"

NO_TRANSCRIPTS = {"response_modalities": ["AUDIO"], "session_resumption": {}}
USER_ONLY = {"responseModalities": ["AUDIO"], "sessionResumption": {}, "inputAudioTranscription": {}}


def both_directions() -> dict:
    config = {"response_modalities": ["AUDIO"], "session_resumption": {}}
    config["input_audio_transcription"] = {}
    config["output_audio_transcription"] = types.AudioTranscriptionConfig()
    return config


async def minutes_without_config(client: genai.Client, notes: list[str]) -> None:
    async with client.aio.live.connect(model=MODEL, config=NO_TRANSCRIPTS) as session:
        while True:
            async for msg in session.receive():
                sc = msg.server_content
                heard = getattr(sc, "input_transcription", None)  # expect: LM009
                said = getattr(sc, "output_transcription", None)  # expect: LM009
                if heard and heard.text:
                    notes.append(f"participant: {heard.text}")
                if said and said.text:
                    notes.append(f"assistant: {said.text}")


async def minutes_user_only(client: genai.Client, notes: list[str]) -> None:
    async with client.aio.live.connect(model=MODEL, config=USER_ONLY) as session:
        while True:
            async for msg in session.receive():
                sc = msg.server_content
                if sc is None:
                    continue
                if hasattr(sc, "input_transcription") and sc.input_transcription:
                    notes.append(f"participant: {sc.input_transcription.text}")
                if hasattr(sc, "output_transcription") and sc.output_transcription:  # expect: LM009
                    notes.append(f"assistant: {sc.output_transcription.text}")  # expect: LM009


async def minutes_full(client: genai.Client, notes: list[str]) -> None:
    async with client.aio.live.connect(model=MODEL, config=both_directions()) as session:
        while True:
            async for msg in session.receive():
                sc = msg.server_content
                if sc and sc.input_transcription:
                    notes.append(f"participant: {sc.input_transcription.text}")
                if sc and sc.output_transcription:
                    notes.append(f"assistant: {sc.output_transcription.text}")


async def minutes_any_config(client: genai.Client, config: types.LiveConnectConfig, notes: list[str]) -> None:
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        while True:
            async for msg in session.receive():
                if msg.server_content and msg.server_content.output_transcription:
                    notes.append(msg.server_content.output_transcription.text or "")


async def minutes_raw(api_key: str, handle: str, notes: list[str]) -> None:
    async with websockets.connect(f"{RAW_URI}?key={api_key}") as ws:
        await ws.send(json.dumps({"setup": {"model": f"models/{MODEL}", "sessionResumption": {"handle": handle}}}))
        await ws.recv()
        async for raw in ws:
            content = json.loads(raw).get("serverContent", {})
            if text := content.get("inputTranscription", {}).get("text"):  # expect: LM009
                notes.append(f"participant: {text}")
