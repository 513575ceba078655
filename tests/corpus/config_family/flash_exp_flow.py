"""`gemini-2.0-flash-exp` is also a text model: LM001 only where the literal flows to a Live session."""

import asyncio
import os

from google import genai
from google.genai import types

SUMMARY_MODEL = "gemini-2.0-flash-exp"
SHARED_EXP_MODEL = "gemini-2.0-flash-exp"  # expect: LM001

client = genai.Client(api_key=os.environ.get("GEMINI_API_KEY"))


def summarise(transcript: str) -> str:
    response = client.models.generate_content(
        model=SUMMARY_MODEL,
        contents=f"Summarise this call in three bullet points:\n{transcript}",
    )
    return response.text or ""


def classify(transcript: str) -> str:
    response = client.models.generate_content(
        model=SHARED_EXP_MODEL,
        contents=f"Label the caller's intent (billing, support, sales):\n{transcript}",
    )
    return (response.text or "").strip().lower()


def title(transcript: str) -> str:
    return client.models.generate_content(model="gemini-2.0-flash-exp", contents=f"Title: {transcript}").text


async def live_call(text: str) -> str:
    heard: list[str] = []
    config = types.LiveConnectConfig(response_modalities=["TEXT"])
    async with client.aio.live.connect(model=SHARED_EXP_MODEL, config=config) as session:
        await session.send_realtime_input(text=text)
        async for msg in session.receive():
            if msg.text:
                heard.append(msg.text)
            if msg.server_content and msg.server_content.turn_complete:
                break
    return "".join(heard)


async def live_probe() -> None:
    async with client.aio.live.connect(
        model="models/gemini-2.0-flash-exp",  # expect: LM001
        config={"response_modalities": ["TEXT"]},
    ) as session:
        await session.send_realtime_input(text="ping")
        async for _ in session.receive():
            break


if __name__ == "__main__":
    said = asyncio.run(live_call("Hello"))
    print(summarise(said), classify(said), title(said))
