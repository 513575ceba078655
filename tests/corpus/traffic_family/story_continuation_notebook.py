"""Notebook storyteller that seeds earlier chapters as declared history and waits for the model to continue them (SDK and raw cells), then the cell that nudges it."""

# %% [markdown]
# ## Continue a story with the Live API
# The earlier chapters go in as history; the model should narrate the next one aloud.

# %%
import asyncio
import base64
import json
import os

import websockets
from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()

chapters = [
    types.Content(role="user", parts=[types.Part(text="Chapter 1: the lighthouse keeper finds a bottle.")]),
    types.Content(role="model", parts=[types.Part(text="Inside is a map drawn on sailcloth.")]),
    types.Content(role="user", parts=[types.Part(text="Narrate chapter 2.")]),
]

config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
)


# %%
async def narrate_next_chapter() -> bytes:
    pcm = bytearray()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(turns=chapters, turn_complete=True)  # expect: LM108
        async for message in session.receive():
            if message.data:
                pcm.extend(message.data)
    return bytes(pcm)


audio = asyncio.run(narrate_next_chapter())
print(f"{len(audio) / 48000:.1f} s of narration")

# %%
URI = f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key={os.environ['GEMINI_API_KEY']}"  # expect: LM503


async def narrate_raw(speaker) -> None:
    async with websockets.connect(URI) as ws:
        await ws.send(json.dumps({
            "setup": {  # expect: LM402
                "model": f"models/{MODEL}",
                "generation_config": {"response_modalities": ["AUDIO"]},
                "history_config": {"initial_history_in_client_content": True},
            }
        }))
        await ws.recv()
        turns = [c.model_dump(exclude_none=True) for c in chapters]
        await ws.send(json.dumps({"client_content": {"turns": turns, "turn_complete": True}}))  # expect: LM108
        async for raw in ws:
            content = json.loads(raw).get("serverContent", {})
            for part in content.get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    speaker.write(base64.b64decode(part["inlineData"]["data"]))


# %%
async def narrate_with_nudge() -> bytes:
    pcm = bytearray()
    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send_client_content(turns=chapters, turn_complete=True)
        await session.send_realtime_input(text="Go on.")
        async for message in session.receive():
            if message.data:
                pcm.extend(message.data)
    return bytes(pcm)
