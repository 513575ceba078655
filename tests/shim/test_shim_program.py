"""The bar: an unmodified 2.5 program, refused by a strict 3.1 server, completes through the shim."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from google.genai import errors, types

from livemigrate import shim

from shim_support import LEGACY_MODEL, TARGET_MODEL, client_for, run

SCRIPT = {
    "weather": [
        {"say": "Let me check the forecast."},
        {"tool_call": {"name": "get_weather", "args": {"city": "Paris"}}},
        {"say": "It is {tool_result} in Paris.", "turn_complete": True},
    ],
    "*": "You said: {text}",
}


def config_25() -> types.LiveConnectConfig:
    """A typical 2.5 native-audio config: every 2.5-only setting at once."""
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        speech_config=types.SpeechConfig(
            voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Kore"))
        ),
        thinking_config=types.ThinkingConfig(thinking_budget=1024),
        proactivity=types.ProactivityConfig(proactive_audio=True),
        enable_affective_dialog=True,
        output_audio_transcription=types.AudioTranscriptionConfig(),
        tools=[types.Tool(function_declarations=[types.FunctionDeclaration(
            name="get_weather",
            description="Weather for a city",
            parameters=types.Schema(type="OBJECT", properties={"city": types.Schema(type="STRING")}),
            behavior=types.Behavior.NON_BLOCKING,
        )])],
    )


async def program_25(client: Any, model: str = LEGACY_MODEL) -> tuple[list[bytes], list[str]]:
    """A 2.5 voice agent as written for 2.5: text turns, parts[0], an elif chain, async tools."""
    audio: list[bytes] = []
    transcript: list[str] = []
    async with client.aio.live.connect(model=model, config=config_25()) as session:
        for prompt in ("Hello there", "What is the weather in Paris?"):
            await session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=prompt)]), turn_complete=True
            )
            async for message in session.receive():
                if message.server_content and message.server_content.model_turn:
                    part = message.server_content.model_turn.parts[0]
                    if part.inline_data:
                        audio.append(part.inline_data.data)
                elif message.server_content and message.server_content.output_transcription:
                    transcript.append(message.server_content.output_transcription.text)
                elif message.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(
                            id=call.id, name=call.name, response={"forecast": "sunny"},
                            scheduling=types.FunctionResponseScheduling.WHEN_IDLE,
                        )
                        for call in message.tool_call.function_calls
                    ])
    return audio, transcript


def what_the_server_sent(emulator: Any) -> tuple[list[bytes], list[str]]:
    emulator.wait_idle()
    audio, transcript = [], []
    for content in emulator.connections[-1].sent_of("serverContent"):
        for part in content.get("modelTurn", {}).get("parts", []):
            audio.append(base64.b64decode(part["inlineData"]["data"]))
        if "outputTranscription" in content:
            transcript.append(content["outputTranscription"]["text"])
    return audio, transcript


@pytest.mark.live_emulator(script=SCRIPT)
def test_the_25_model_id_is_refused_without_the_shim(live_emulator):
    with pytest.raises(errors.APIError) as caught:
        run(program_25(client_for(live_emulator)))
    assert caught.value.code == 1008


@pytest.mark.live_emulator(script=SCRIPT)
def test_the_25_config_is_refused_without_the_shim_even_on_the_31_id(live_emulator):
    with pytest.raises(errors.APIError) as caught:
        run(program_25(client_for(live_emulator), model=TARGET_MODEL))
    assert caught.value.code == 1007
    live_emulator.wait_idle()
    assert live_emulator.connections[-1].violations  # the strict server named what it refused


@pytest.mark.live_emulator(script=SCRIPT)
def test_the_25_program_completes_through_the_shim(live_emulator, shim_warnings):
    client = shim.wrap(client_for(live_emulator), split_parts=True)

    audio, transcript = run(program_25(client))

    sent_audio, sent_transcript = what_the_server_sent(live_emulator)
    assert len(sent_audio) == 9 and len(sent_transcript) == 3  # three spoken messages, 3 chunks each
    assert audio == sent_audio  # every chunk, in order, although each message carried three
    assert transcript == sent_transcript  # although each rode on the audio message
    assert transcript[0] == "You said: Hello there"
    assert transcript[2] == 'It is {"forecast": "sunny"} in Paris.'  # the tool result reached the server
    record = live_emulator.connections[-1]
    assert record.violations == [] and record.setup["model"] == f"models/{TARGET_MODEL}"

    # One warning per adaptation, at the line that needs the change.
    assert sorted(shim_warnings.rules()) == ["LM001", "LM002", "LM003", "LM004", "LM101", "LM201", "LM202"]
    lines = {w.rule: w.lineno for w in shim_warnings.shim}
    assert {w.filename for w in shim_warnings.shim} == {__file__}
    connect_line = lines["LM001"]
    assert lines["LM002"] == lines["LM003"] == lines["LM004"] == lines["LM201"] == connect_line
    assert lines["LM101"] == connect_line + 2  # send_client_content, called twice
    assert lines["LM202"] > lines["LM101"]


@pytest.mark.live_emulator(script=SCRIPT)
def test_the_wire_is_what_31_code_would_send(live_emulator, shim_warnings):
    run(program_25(shim.wrap(client_for(live_emulator), split_parts=True)))

    live_emulator.wait_idle()
    frames = [f for f in live_emulator.received if "setup" not in f]
    assert frames[0] == {"realtime_input": {"text": "Hello there"}}  # a prompt, not history: no seed
    assert frames[1] == {"realtime_input": {"text": "What is the weather in Paris?"}}
    assert frames[2] == {"tool_response": {"functionResponses": [
        {"id": "call-1", "name": "get_weather", "response": {"forecast": "sunny"}}
    ]}}
    setup = live_emulator.received[0]["setup"]
    assert setup["generationConfig"]["thinkingConfig"] == {"thinking_level": "LOW"}
    assert "proactivity" not in setup and "enableAffectiveDialog" not in setup["generationConfig"]
    assert "behavior" not in setup["tools"][0]["functionDeclarations"][0]
    assert "historyConfig" not in setup and len(frames) == 3
