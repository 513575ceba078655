"""Library agent that serves 2.5 and 3.x side by side behind model gates: LM301, LM307 (gated constructs clean)."""

from __future__ import annotations

from google import genai
from google.genai import types


def build_config(model: str, handle: str | None) -> dict:
    legacy = model.startswith("gemini-2")
    config: dict = {
        "response_modalities": ["AUDIO"],
        "input_audio_transcription": {},
        "output_audio_transcription": {},
        "max_output_tokens": 8192 if legacy else 65536,
        "session_resumption": {"handle": handle} if handle else {},
    }
    if "gemini-3" in model:
        config["realtime_input_config"] = {"turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY"}
    return config


def build_client(api_key: str, model: str) -> genai.Client:
    version = "v1alpha" if "gemini-3" not in model else "v1beta"
    return genai.Client(api_key=api_key, http_options={"api_version": version})


class CameraAgent:
    def __init__(self, api_key: str, model: str) -> None:
        self.model = model
        self.client = build_client(api_key, model)
        self.handle: str | None = None
        self.captions: list[str] = []
        self.thinking = False

    async def run_once(self, frames, speaker) -> str:
        """One connection; returns "goaway" so `serve` reconnects with the handle."""
        config = build_config(self.model, self.handle)
        async with self.client.aio.live.connect(model=self.model, config=config) as session:
            frames.attach(session)
            async for msg in session.receive():
                upd = msg.session_resumption_update
                if upd and upd.new_handle:
                    self.handle = upd.new_handle
                if msg.go_away:
                    return "goaway"
                sc = msg.server_content
                if sc is None:
                    continue
                if sc.model_turn and sc.model_turn.parts:
                    for part in sc.model_turn.parts:
                        blob = part.inline_data
                        if blob and blob.mime_type == "audio/pcm":  # expect: LM307
                            speaker.play(blob.data)
                    tail = sc.model_turn.parts[-1]  # expect: LM301
                    if tail.thought:
                        self.thinking = True
                if sc.output_transcription and sc.output_transcription.text:
                    self.captions.append(sc.output_transcription.text)
                if sc.interrupted:
                    speaker.stop()
        return "closed"

    async def serve(self, frames, speaker) -> None:
        while await self.run_once(frames, speaker) == "goaway":
            pass


class FrameFeeder:
    """Pushes camera frames into whichever session is current."""

    def __init__(self) -> None:
        self.session = None

    def attach(self, session) -> None:
        self.session = session

    async def push(self, jpeg: bytes) -> None:
        if self.session is not None:
            await self.session.send_realtime_input(video=types.Blob(data=jpeg, mime_type="image/jpeg"))
