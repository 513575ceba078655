"""Returning-customer agent that replays the last conversation into a declared history seed."""
import contextlib

from google import genai

MODEL = "gemini-3.1-flash-live-preview"


class ReturningCustomerAgent:
    """Keeps the session on the instance; a helper replays the stored transcript."""

    def __init__(self, transcript: list[dict]) -> None:
        self.client = genai.Client()
        self.transcript = transcript
        self.stack = contextlib.AsyncExitStack()
        self.session = None

    def config(self) -> dict:
        return {
            "response_modalities": ["AUDIO"],
            "history_config": {"initial_history_in_client_content": True},
            "output_audio_transcription": {},
            "session_resumption": {},
        }

    def _turns(self) -> list[dict]:
        return [{"role": t["role"], "parts": [{"text": t["text"]}]} for t in self.transcript]

    async def connect(self) -> None:
        self.session = await self.stack.enter_async_context(
            self.client.aio.live.connect(model=MODEL, config=self.config()))

    async def _replay(self) -> None:
        await self.session.send_client_content(turns=self._turns(), turn_complete=True)

    async def welcome_back(self) -> str:
        await self.connect()
        await self._replay()  # expect: LM108
        said = []
        async for msg in self.session.receive():
            sc = msg.server_content
            if sc and sc.output_transcription:
                said.append(sc.output_transcription.text)
            if sc and sc.turn_complete:
                break
        return "".join(said)

    async def preload(self) -> None:
        """Open the session and load the history now; the caller starts talking later."""
        await self.connect()
        await self.session.send_client_content(turns=self._turns(), turn_complete=False)  # expect: LM102

    async def close(self) -> None:
        await self.stack.aclose()
