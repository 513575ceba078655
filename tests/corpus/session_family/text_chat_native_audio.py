"""Terminal chat on a native-audio model with TEXT replies: LM005 on the modality, LM101 in the input loop, `.text` is fine here."""

from __future__ import annotations

import asyncio
import os

from google import genai
from google.genai import types

client = genai.Client(api_key=os.environ.get("GOOGLE_API_KEY"))
model = "gemini-2.5-flash-native-audio-preview-12-2025"
config = {
    "response_modalities": ["TEXT"],  # expect: LM005
    "system_instruction": "You are a terse Linux shell expert.",
}


async def main() -> None:
    async with client.aio.live.connect(model=model, config=config) as session:
        while True:
            message = await asyncio.to_thread(input, "User> ")
            if message.lower() in ("exit", "quit"):
                break
            await session.send_client_content(  # expect: LM101
                turns={"role": "user", "parts": [{"text": message}]}, turn_complete=True
            )
            async for response in session.receive():
                if response.text is not None:
                    print(response.text, end="")
            print()


if __name__ == "__main__":
    asyncio.run(main())
