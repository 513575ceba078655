"""Settings module that opens no session: live-only 2.x ids are LM001 wherever they hide; gemini-2.0-flash-exp is not."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

LIVE_MODEL = os.getenv("LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")  # expect: LM001
FALLBACK_LIVE_MODEL = os.environ.get("FALLBACK_LIVE_MODEL", "gemini-live-2.5-flash-preview")  # expect: LM001
TEXT_MODEL = os.getenv("TEXT_MODEL", "gemini-2.5-flash")
EXPERIMENTAL_MODEL = os.getenv("EXPERIMENTAL_MODEL", "gemini-2.0-flash-exp")
NEXT_LIVE_MODEL = "gemini-3.1-flash-live-preview"

LIVE_MODELS_BY_TIER = {
    "default": "gemini-2.5-flash-native-audio-preview-12-2025",  # expect: LM001
    "legacy": "gemini-2.0-flash-live-001",  # expect: LM001
    "next": "gemini-3.1-flash-live-preview",
}

RETIRED_LIVE_MODELS = [
    "gemini-2.5-flash-preview-native-audio-dialog",  # expect: LM001
    "gemini-2.5-flash-exp-native-audio-thinking-dialog",  # expect: LM001
    "gemini-2.0-flash-live-preview-04-09",  # expect: LM001
    "gemini-2.5-flash-live-preview",  # expect: LM001
]

# USD per minute of audio, used by the billing report.
AUDIO_PRICE_PER_MINUTE = {
    "gemini-2.5-flash-native-audio-preview-09-2025": 0.018,  # expect: LM001
    "gemini-3.1-flash-live-preview": 0.018,
    "gemini-2.5-flash": 0.0,
}

MODEL_ALIASES = ("models/gemini-2.5-flash-native-audio-latest", "gemini-2.5-pro")  # expect: LM001


@dataclass
class VoiceSettings:
    model: str = "gemini-2.5-flash-native-audio-preview-09-2025"  # expect: LM001
    voice: str = "Kore"
    sample_rate: int = 16_000
    fallbacks: list[str] = field(
        default_factory=lambda: [
            "models/gemini-2.0-flash-live-001",  # expect: LM001
            "gemini-3.1-flash-live-preview",
        ]
    )


def resolve_model(
    tier: str = "default",
    override: str | None = None,
    last_resort: str = "gemini-live-2.5-flash-preview",  # expect: LM001
) -> str:
    if override:
        return override
    return LIVE_MODELS_BY_TIER.get(tier, last_resort)


def is_live_model(name: str) -> bool:
    return "live" in name or "native-audio" in name
