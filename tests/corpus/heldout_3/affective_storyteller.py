"""Typed LiveConnectConfig with 2.5-only extras on v1alpha, a one-shot prompt and a receive-side PCM label test."""

import asyncio
import wave

from google import genai
from google.genai import types as gt

STORY_MODEL = "gemini-2.5-flash-preview-native-audio-dialog"  # expect: LM001

client = genai.Client(http_options=gt.HttpOptions(api_version="v1alpha"))  # expect: LM007

config = gt.LiveConnectConfig(
    response_modalities=[gt.Modality.AUDIO],
    speech_config=gt.SpeechConfig(
        voice_config=gt.VoiceConfig(prebuilt_voice_config=gt.PrebuiltVoiceConfig(voice_name="Kore")),
    ),
    thinking_config=gt.ThinkingConfig(thinking_budget=1024),  # expect: LM002
    enable_affective_dialog=True,  # expect: LM004
    proactivity=gt.ProactivityConfig(proactive_audio=True),  # expect: LM003
    output_audio_transcription=gt.AudioTranscriptionConfig(),
)


async def tell_story(topic: str, path: str) -> str:
    transcript: list[str] = []
    async with client.aio.live.connect(model=STORY_MODEL, config=config) as session:
        await session.send_client_content(  # expect: LM101
            turns=gt.Content(role="user", parts=[gt.Part(text=f"Tell a short story about {topic}.")]),
            turn_complete=True,
        )
        with wave.open(path, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(24000)
            async for message in session.receive():
                content = message.server_content
                if content is None:
                    continue
                if content.model_turn:
                    for part in content.model_turn.parts:
                        blob = part.inline_data
                        if blob and blob.mime_type == "audio/pcm":  # expect: LM307
                            wav.writeframes(blob.data)
                if content.output_transcription and content.output_transcription.text:
                    transcript.append(content.output_transcription.text)
    return "".join(transcript)


if __name__ == "__main__":
    print(asyncio.run(tell_story("a lighthouse keeper", "story.wav")))
