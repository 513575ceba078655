"""Terminal REPL for a voice model: type a line, or `/play file.pcm` to send recorded speech.

Written against google-genai 0.8, when `session.send` was the only way in.
"""

import asyncio
import sys
from pathlib import Path

from google import genai
from google.genai import types

from repl.audio import Player
from repl.tools import TOOLS, run_tool

MODEL = "gemini-3.1-flash-live-preview"

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    temperature=0.6,
    speech_config=types.SpeechConfig(language_code="en-GB"),
    tools=TOOLS,
)

CHUNK = 3200  # 100 ms at 16 kHz, 16-bit


async def play_file(session, path: Path) -> None:
    pcm = path.read_bytes()
    for start in range(0, len(pcm), CHUNK):
        blob = types.Blob(data=pcm[start:start + CHUNK], mime_type="audio/pcm;rate=16000")
        await session.send_realtime_input(audio=blob)
        await asyncio.sleep(0.1)
    await session.send_realtime_input(audio_stream_end=True)


async def read_lines(session) -> None:
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line or line.strip() == "/quit":
            return
        if line.startswith("/play "):
            await play_file(session, Path(line.split(maxsplit=1)[1].strip()))
            continue
        await session.send_realtime_input(text=line.strip())


async def answer_tools(session, tool_call) -> None:
    responses = []
    for call in tool_call.function_calls:
        result = await run_tool(call.name, call.args)
        responses.append(types.FunctionResponse(id=call.id, name=call.name, response=result))
    await session.send_tool_response(function_responses=responses)


async def print_replies(session, player: Player) -> None:
    while True:
        async for response in session.receive():
            if response.data:
                player.write(response.data)
            if response.tool_call:
                await answer_tools(session, response.tool_call)
            sc = response.server_content
            if sc and sc.turn_complete:
                print("\n> ", end="", flush=True)


async def main() -> None:
    client = genai.Client()
    player = Player(rate=24000)
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:  # expert: left LM402 no resumption or GoAway handling; a REPL session ends at 15 min as on 2.5
        print("> ", end="", flush=True)
        reader = asyncio.create_task(print_replies(session, player))
        try:
            await read_lines(session)
        finally:
            reader.cancel()
            player.close()


if __name__ == "__main__":
    asyncio.run(main())
