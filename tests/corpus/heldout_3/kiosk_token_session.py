"""Kiosk client that connects with ephemeral tokens fetched from its backend, on several API versions."""

import asyncio

import httpx
from google import genai
from google.genai import types

BACKEND = "https://kiosk-backend.internal/api/token"
MODEL = "gemini-3.1-flash-live-preview"
KIOSK_CONFIG = {
    "response_modalities": ["AUDIO"],
    "session_resumption": {},
    "output_audio_transcription": {},
}


async def fetch_token() -> str:
    async with httpx.AsyncClient(timeout=10) as http:
        reply = await http.post(BACKEND)
        reply.raise_for_status()
        return reply.json()["token"]


def client_for(token: str) -> genai.Client:
    if not token.startswith("auth_tokens/"):
        raise ValueError("backend returned something that is not an ephemeral token")
    return genai.Client(api_key=token)  # expect: LM502


def pinned_client(token_id: str) -> genai.Client:
    return genai.Client(  # expect: LM502
        api_key=f"auth_tokens/{token_id}",
        http_options=types.HttpOptions(api_version="v1"),
    )


def beta_client(token: str) -> genai.Client:
    return genai.Client(api_key=token, http_options={"api_version": "v1beta"})


async def ask(client: genai.Client, question: str) -> str:
    said: list[str] = []
    async with client.aio.live.connect(model=MODEL, config=KIOSK_CONFIG) as session:
        await session.send_realtime_input(text=question)
        async for msg in session.receive():
            sc = msg.server_content
            if sc and sc.output_transcription and sc.output_transcription.text:
                said.append(sc.output_transcription.text)
    return "".join(said)


async def main() -> None:
    token = await fetch_token()
    print(await ask(client_for(token), "Where is gate B12?"))
    print(await ask(pinned_client(token.removeprefix("auth_tokens/")), "When does boarding start?"))
    print(await ask(beta_client(token), "Is there a pharmacy nearby?"))


if __name__ == "__main__":
    asyncio.run(main())
