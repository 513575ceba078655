"""Config pieces held in module constants and referenced by keyword: findings land on the construct's own line."""

import asyncio
import os

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001

THINKING = types.ThinkingConfig(thinking_budget=0)  # expect: LM002
PROACTIVE = types.ProactivityConfig(proactive_audio=True)
AFFECTIVE = True
NOTIFY_DECL = types.FunctionDeclaration(
    name="notify_staff",
    description="Page a staff member without interrupting the conversation.",
    behavior=types.Behavior.NON_BLOCKING,  # expect: LM201
)
TOOLS = [types.Tool(function_declarations=[NOTIFY_DECL])]
SCHEDULING = types.FunctionResponseScheduling.SILENT

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=THINKING,
    proactivity=PROACTIVE,  # expect: LM003
    enable_affective_dialog=AFFECTIVE,  # expect: LM004
    tools=TOOLS,
)


async def front_desk(audio) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
        async def feed() -> None:
            async for chunk in audio:
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))

        feeder = asyncio.create_task(feed())
        try:
            async for msg in session.receive():
                for call in (msg.tool_call.function_calls if msg.tool_call else None) or []:
                    await session.send_tool_response(
                        function_responses=[
                            types.FunctionResponse(
                                id=call.id,
                                name=call.name,
                                response={"paged": True},
                                scheduling=SCHEDULING,  # expect: LM202
                            )
                        ]
                    )
        finally:
            feeder.cancel()
