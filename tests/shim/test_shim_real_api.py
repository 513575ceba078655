"""The shim against the real Gemini API: skipped unless GEMINI_API_KEY is set."""

from __future__ import annotations

import os

import pytest
from google import genai
from google.genai import types

from livemigrate import shim

from shim_support import LEGACY_MODEL, run

pytestmark = pytest.mark.skipif(
    not os.environ.get("GEMINI_API_KEY"), reason="talks to the real Gemini API; set GEMINI_API_KEY to run"
)


def test_a_25_program_gets_a_spoken_answer_from_the_real_target():
    client = shim.wrap(genai.Client(api_key=os.environ["GEMINI_API_KEY"]), split_parts=True, setup_timeout=30)
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        thinking_config=types.ThinkingConfig(thinking_budget=0),
        enable_affective_dialog=True,
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )

    async def main() -> tuple[int, str]:
        audio, words = 0, []
        async with client.aio.live.connect(model=LEGACY_MODEL, config=config) as session:
            await session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text="Say hello in one word.")]),
                turn_complete=True,
            )
            async for message in session.receive():
                content = message.server_content
                if content and content.model_turn and content.model_turn.parts[0].inline_data:
                    audio += len(content.model_turn.parts[0].inline_data.data)
                elif content and content.output_transcription:
                    words.append(content.output_transcription.text or "")
        return audio, "".join(words)

    audio_bytes, said = run(main(), timeout=60)
    assert audio_bytes > 0 and said.strip()
