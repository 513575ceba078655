"""pydantic settings: Field defaults, Literal choices and validators holding live-only 2.x ids."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LiveModelName = Literal[
    "gemini-3.1-flash-live-preview",
    "gemini-2.5-flash-native-audio-preview-12-2025",  # a type naming both generations: not a use (measurement 20)
]


class AudioSettings(BaseModel):
    input_rate: int = 16_000
    output_rate: int = 24_000
    voice: str = "Puck"


class AgentSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AGENT_", env_file=".env")

    live_model: LiveModelName = Field(
        default="gemini-2.5-flash-native-audio-preview-12-2025",  # expect: LM001
        description="Which Live model the agent talks to.",
    )
    vertex_live_model: str = Field("gemini-live-2.5-flash-native-audio")  # expect: LM001
    summary_model: str = Field(default="gemini-2.5-flash")
    audio: AudioSettings = Field(default_factory=AudioSettings)
    enable_transcripts: bool = True

    @field_validator("live_model", mode="before")
    @classmethod
    def _strip_prefix(cls, value: str) -> str:
        if value.startswith("models/"):
            value = value.removeprefix("models/")
        if value == "gemini-live-2.5-flash-preview":  # expect: LM001
            raise ValueError("this half-cascade model was shut down; pick a native-audio model")
        return value


settings = AgentSettings()
