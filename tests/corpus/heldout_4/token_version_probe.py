"""Ephemeral-token probe: mints a token, then opens Live sessions with it on several API versions."""

import asyncio

from google import genai
from google.genai import types

ADMIN = genai.Client(
    api_key="AIza8pswaLiIja3JwyhJ9HiQ_iK_MZZM5jOGqqq",  # expect: LM501
    http_options={"api_version": "v1beta"},
)
MODEL = "gemini-3.1-flash-live-preview"


def mint(uses: int = 1) -> str:
    token = ADMIN.auth_tokens.create(config={
        "uses": uses,
        "live_connect_constraints": {"model": MODEL, "config": {"response_modalities": ["AUDIO"]}},
    })
    return token.name


def client_for(key: str) -> genai.Client:
    if key.startswith("auth_tokens/"):
        return genai.Client(api_key=key)  # expect: LM502
    return genai.Client(api_key=key, http_options={"api_version": "v1alpha"})  # expect: LM007


async def one_turn(client: genai.Client, text: str) -> int:
    async with client.aio.live.connect(model=MODEL) as session:
        await session.send_realtime_input(text=text)
        total = 0
        async for msg in session.receive():
            total += len(msg.data or b"")
        return total


async def main() -> None:
    name = mint(uses=4)
    default_client = genai.Client(api_key=name)  # expect: LM502
    v1_client = genai.Client(  # expect: LM502
        api_key=f"auth_tokens/{name.rsplit('/', 1)[-1]}",
        http_options=types.HttpOptions(api_version="v1"),
    )
    beta_client = genai.Client(api_key=name, http_options={"api_version": "v1beta"})
    alpha_client = genai.Client(api_key=name, http_options=types.HttpOptions(api_version="v1alpha"))
    for label, client in (("default", default_client), ("v1", v1_client),
                          ("v1beta", beta_client), ("v1alpha", alpha_client)):
        print(label, await one_turn(client, "Say hi."))
    print("key client", await one_turn(client_for(name), "Say hi again."))


if __name__ == "__main__":
    asyncio.run(main())
