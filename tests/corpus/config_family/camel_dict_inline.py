"""camelCase dict config written inline in live.connect; camelCase tool-response keys, lower-case enum strings."""

import asyncio
import os

from google import genai


def end_call_reason(args: dict) -> dict:
    return {"ended": True, "reason": args.get("reason", "caller said goodbye")}


async def phone_line(frames, hangup: asyncio.Event) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    async with client.aio.live.connect(
        model="gemini-2.5-flash-native-audio-preview-12-2025",  # expect: LM001
        config={
            "responseModalities": ["AUDIO"],
            "systemInstruction": {"parts": [{"text": "You answer the phone for Dr. Ortiz's clinic."}]},
            "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Charon"}}},
            "thinkingConfig": {"thinkingBudget": 0},  # expect: LM002
            "proactivity": {"proactiveAudio": True},  # expect: LM003
            "enableAffectiveDialog": True,  # expect: LM004
            "inputAudioTranscription": {},
            "outputAudioTranscription": {},
            "tools": [
                {
                    "functionDeclarations": [
                        {
                            "name": "end_call",
                            "description": "Hang up once the caller is done.",
                            "behavior": "non_blocking",  # expect: LM201
                        }
                    ]
                }
            ],
        },
    ) as session:

        async def uplink() -> None:
            async for frame in frames:
                await session.send_realtime_input(audio={"data": frame, "mimeType": "audio/pcm;rate=8000"})

        task = asyncio.create_task(uplink())
        try:
            while not hangup.is_set():
                async for message in session.receive():
                    if message.tool_call is None:
                        continue
                    for call in message.tool_call.function_calls or []:
                        await session.send_tool_response(
                            function_responses={
                                "id": call.id,
                                "name": call.name,
                                "response": end_call_reason(call.args or {}),
                                "scheduling": "interrupt",  # expect: LM202
                                "willContinue": False,  # expect: LM202
                            }
                        )
                        if call.name == "end_call":
                            hangup.set()
        finally:
            task.cancel()
