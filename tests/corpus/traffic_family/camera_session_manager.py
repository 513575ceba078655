"""Home-security integration that keeps one Live session per camera, opened with a manual __aenter__: frames without turn coverage, no length management, tool calls forwarded to an event bus only."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from google import genai

_LOGGER = logging.getLogger(__name__)

MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"
SYSTEM = "You watch a home security camera. Speak only when a person or vehicle appears."


@dataclass
class _CameraSession:
    context_manager: Any
    session: Any
    watcher: asyncio.Task | None = None


class CameraSessionManager:
    def __init__(self, client: genai.Client, bus) -> None:
        self._client = client
        self._bus = bus
        self._sessions: dict[str, _CameraSession] = {}

    def _config(self, camera_name: str) -> dict[str, Any]:
        return {
            "response_modalities": ["AUDIO"],
            "system_instruction": f"{SYSTEM} Camera: {camera_name}.",
            "tools": [{"function_declarations": [{"name": "announce", "description": "Play a chime indoors."}]}],
        }

    async def open(self, camera_id: str, camera_name: str, speaker) -> Any:
        context_manager = self._client.aio.live.connect(model=MODEL, config=self._config(camera_name))  # expect: LM401, LM402
        session = await context_manager.__aenter__()
        entry = _CameraSession(context_manager=context_manager, session=session)
        entry.watcher = asyncio.create_task(self._watch(camera_id, session, speaker))
        self._sessions[camera_id] = entry
        _LOGGER.info("Opened Live session for camera %s", camera_id)
        return session

    async def push_snapshot(self, camera_id: str, jpeg: bytes) -> None:
        entry = self._sessions.get(camera_id)
        if entry is not None:
            await entry.session.send_realtime_input(video={"data": jpeg, "mime_type": "image/jpeg"})

    async def _watch(self, camera_id: str, session, speaker) -> None:
        while True:
            async for response in session.receive():
                if response.tool_call:  # expect: LM305
                    self._bus.fire("security_tool_call", {"camera": camera_id, "calls": response.tool_call.function_calls})
                if response.server_content is None:
                    return  # expect: LM306
                model_turn = response.server_content.model_turn
                for part in model_turn.parts if model_turn else []:
                    if part.inline_data:
                        speaker.play(camera_id, part.inline_data.data)

    async def close(self, camera_id: str) -> None:
        entry = self._sessions.pop(camera_id, None)
        if entry is None:
            return
        if entry.watcher:
            entry.watcher.cancel()
        try:
            await entry.context_manager.__aexit__(None, None, None)
        except Exception:  # noqa: BLE001
            _LOGGER.debug("Error closing session for %s", camera_id, exc_info=True)
