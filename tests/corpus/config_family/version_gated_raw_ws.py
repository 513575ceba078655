"""Raw-WebSocket framework gating 2.5-only setup fields on the model id; ungated fields are still reported."""

from __future__ import annotations

import json
from typing import Any

LEGACY_MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"  # expect: LM001


class LiveSetupBuilder:
    """Builds the first BidiGenerateContent frame for whatever model the caller picked."""

    def __init__(self, model: str, voice: str = "Puck", budget: int = 1024) -> None:
        self.model = model if model.startswith("models/") else f"models/{model}"
        self.voice = voice
        self.budget = budget

    def frame(self, tools: list[dict[str, Any]] | None = None) -> str:
        generation: dict[str, Any] = {
            "responseModalities": ["AUDIO"],
            "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": self.voice}}},
        }
        setup: dict[str, Any] = {"model": self.model, "generationConfig": generation}

        if "gemini-3" in self.model:
            generation["thinkingConfig"] = {"thinkingLevel": "minimal"}
        else:
            generation["thinkingConfig"] = {"thinkingBudget": self.budget}
            generation["enableAffectiveDialog"] = True
            setup["proactivity"] = {"proactiveAudio": True}

        # Applies to every model: this is the part the migration must fix.
        setup["realtimeInputConfig"] = {"automaticActivityDetection": {"silenceDurationMs": 500}}
        if tools:
            declarations = []
            for tool in tools:
                decl = {"name": tool["name"], "description": tool.get("description", "")}
                if tool.get("background"):
                    decl["behavior"] = "NON_BLOCKING"  # expect: LM201
                declarations.append(decl)
            setup["tools"] = [{"functionDeclarations": declarations}]
        return json.dumps({"setup": setup})

    def tool_response(self, call_id: str, name: str, result: dict[str, Any]) -> str:
        response: dict[str, Any] = {"id": call_id, "name": name, "response": result}
        if "3.1" not in self.model:
            response["scheduling"] = "WHEN_IDLE"
        return json.dumps({"toolResponse": {"functionResponses": [response]}})


async def run(ws, model: str = LEGACY_MODEL) -> None:
    builder = LiveSetupBuilder(model)
    await ws.send(builder.frame([{"name": "lookup", "background": True}]))
    await ws.recv()
    async for raw in ws:
        event = json.loads(raw)
        for call in event.get("toolCall", {}).get("functionCalls", []):
            await ws.send(builder.tool_response(call["id"], call["name"], {"ok": True}))
