"""Function-declaration spellings: from_callable(behavior=), imported Behavior, string values in any case, BLOCKING negatives."""

import asyncio
import os

from google import genai
from google.genai import types
from google.genai.types import Behavior

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


def play_music(genre: str, volume: int = 5) -> dict:
    """Start playing music of a genre."""
    return {"playing": genre, "volume": volume}


def set_timer(minutes: int) -> dict:
    """Set a kitchen timer."""
    return {"timer_minutes": minutes}


def read_recipe(dish: str) -> dict:
    """Read out a recipe step by step."""
    return {"dish": dish, "steps": ["chop", "fry", "serve"]}


MUSIC = types.FunctionDeclaration.from_callable(client=client._api_client, callable=play_music, behavior=types.Behavior.NON_BLOCKING)  # expect: LM201
TIMER = types.FunctionDeclaration.from_callable(
    client=client._api_client,
    callable=set_timer,
    behavior=Behavior.BLOCKING,
)
RECIPE = types.FunctionDeclaration(
    name="read_recipe",
    description=read_recipe.__doc__,
    behavior="Non_Blocking",  # expect: LM201
)
SHOPPING_LIST = {
    "name": "add_to_shopping_list",
    "description": "Add an item to the shopping list.",
    "behavior": "BLOCKING",
}
LIGHTS = {
    "name": "dim_lights",
    "description": "Dim the kitchen lights.",
    "behavior": types.Behavior.NON_BLOCKING,  # expect: LM201
}

KITCHEN_CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    system_instruction="You are a hands-free kitchen assistant.",
    tools=[
        types.Tool(function_declarations=[MUSIC, TIMER, RECIPE]),
        {"function_declarations": [SHOPPING_LIST, LIGHTS]},
    ],
)

HANDLERS = {"play_music": play_music, "set_timer": set_timer, "read_recipe": read_recipe}


async def kitchen(audio_chunks) -> None:
    async with client.aio.live.connect(model=LIVE_MODEL, config=KITCHEN_CONFIG) as session:
        feeder = asyncio.create_task(_feed(session, audio_chunks))
        try:
            async for msg in session.receive():
                if not msg.tool_call:
                    continue
                responses = []
                for fc in msg.tool_call.function_calls or []:
                    handler = HANDLERS.get(fc.name)
                    result = handler(**(fc.args or {})) if handler else {"ok": True}
                    responses.append(types.FunctionResponse(id=fc.id, name=fc.name, response=result))
                await session.send_tool_response(function_responses=responses)
        finally:
            feeder.cancel()


async def _feed(session, audio_chunks) -> None:
    async for chunk in audio_chunks:
        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
