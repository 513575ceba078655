"""Desktop assistant wrapper: one text API and one Live session kept on the instance between calls."""

import logging
from typing import Any, Optional

from google import genai
from google.genai import types

API_VERSION = "v1alpha"  # expect: LM007


class AssistantError(RuntimeError):
    pass


class GeminiAssistant:
    def __init__(self, api_key: Optional[str] = None) -> None:
        self.log = logging.getLogger(__name__)
        self.api_key = api_key
        self.client: Optional[genai.Client] = None
        self.live_session = None

    def _ensure_client(self) -> genai.Client:
        if self.client is None:
            if not self.api_key:
                raise AssistantError("an API key is required")
            self.client = genai.Client(api_key=self.api_key,
                                       http_options=types.HttpOptions(api_version=API_VERSION))
        return self.client

    def summarize(self, text: str, model_name: str = "gemini-2.0-flash-001") -> str:
        response = self._ensure_client().models.generate_content(
            model=model_name, contents=[{"role": "user", "parts": [{"text": f"Summarize: {text}"}]}]
        )
        return response.text or response.candidates[0].content.parts[0].text

    async def start_live_session(self, model_name: str = "gemini-2.0-flash-live-001",  # expect: LM001
                                 tools: Optional[list[dict[str, Any]]] = None) -> None:
        config: dict[str, Any] = {"response_modalities": ["AUDIO"]}
        if tools:
            config["tools"] = tools
        self.live_session = await self._ensure_client().aio.live.connect(  # expect: LM401
            model=model_name, config=config
        ).__aenter__()

    async def send_screenshot(self, png: bytes) -> None:
        await self.live_session.send(input=types.Blob(data=png, mime_type="image/png"))  # expect: LM103

    async def ask(self, message: str, end_of_turn: bool = True) -> str:
        if not self.live_session:
            await self.start_live_session()
        await self.live_session.send(input=message, end_of_turn=end_of_turn)  # expect: LM103
        reply = ""
        async for response in self.live_session.receive():
            if text := response.text:  # expect: LM304
                reply += text
            if tool_call := response.tool_call:  # expect: LM305
                self.log.debug("tool call received: %s", tool_call)
                # TODO: run the desktop actions once they exist
        return reply

    async def close(self) -> None:
        if self.live_session is not None:
            await self.live_session.close()
            self.live_session = None
