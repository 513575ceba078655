"""What ``receive()`` gives code written for another model: parts split for 2.x ids (LM301),
and on 3.8 XT ``turn_complete`` only at the end of the interaction (LM604).

The decisions are read from the model id the program names (``translate_config``); the
message mapping is :class:`~livemigrate.shim.TurnCompleteAtIdle`; the rest runs the real SDK
over TLS against the emulator, read after ``wait_idle()``.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from google.genai import live, types

from livemigrate import shim
from livemigrate.emulator import LiveEmulator
from livemigrate.migration import get_target

from shim_support import LEGACY_MODEL, TARGET_MODEL, client_for, run

XT_MODEL = get_target("3.8-xt").model_id
LIVE_38_MODEL = get_target("3.8").model_id
TRANSCRIBE = {"output_audio_transcription": {}}
WEATHER = {
    "weather": [
        {"say": "Let me check the forecast."},
        {"tool_call": {"name": "get_weather", "args": {"city": "Paris"}}},
        {"say": "It is {tool_result} in Paris.", "turn_complete": True},
    ],
    "*": "You said: {text}",
}
WEATHER_CONFIG = {
    "output_audio_transcription": {},
    "tools": [{"function_declarations": [{
        "name": "get_weather", "description": "Weather for a city",
        "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}},
    }]}],
}
IN_PROGRESS, IDLE = types.InteractionStatus.IN_PROGRESS, types.InteractionStatus.IDLE


def said(messages: list[Any]) -> list[str]:
    return [m.server_content.output_transcription.text for m in messages
            if m.server_content and m.server_content.output_transcription]


# --- the decision, from the model id the code names -----------------------------------------


@pytest.mark.parametrize(("model", "target", "split", "at_idle"), [
    (LEGACY_MODEL, "3.1", True, False),
    (LEGACY_MODEL, "3.8", True, False),
    (LEGACY_MODEL, "3.8-xt", True, True),
    ("models/" + LEGACY_MODEL, "3.8-xt", True, True),
    (TARGET_MODEL, "3.1", False, False),  # 3.x code on its own model: nothing changes
    (TARGET_MODEL, "3.8", False, False),
    (TARGET_MODEL, "3.8-xt", False, True),
    (LIVE_38_MODEL, "3.8-xt", False, True),  # 3.8 Live's turn_complete is its idle signal
    (XT_MODEL, "3.8-xt", False, False),  # XT code reads interaction_status itself
    ("gemini-1.5-pro", "3.8-xt", False, False),  # not moved to the target
])
def test_receive_side_follows_the_model_the_code_names(model, target, split, at_idle):
    translation = shim.translate_config(None, model=model, target=target)
    assert (translation.split_parts, translation.turn_complete_at_idle) == (split, at_idle)


# --- TurnCompleteAtIdle, on SDK message objects ---------------------------------------------


def message(status: Any = None, turn_complete: bool | None = None, **content: Any) -> types.LiveServerMessage:
    return types.LiveServerMessage(
        server_content=types.LiveServerContent(interaction_status=status, turn_complete=turn_complete, **content),
        usage_metadata=types.UsageMetadata(total_token_count=7) if turn_complete else None,
    )


def test_a_mid_interaction_turn_complete_is_cleared_and_nothing_else_changes():
    ends = shim.TurnCompleteAtIdle()
    mid = message(IN_PROGRESS, True, generation_complete=True)
    adapted, changed = ends.adapt(mid)
    assert changed == "cleared" and not ends.ended
    assert adapted.server_content.turn_complete is None
    assert adapted.server_content.interaction_status == IN_PROGRESS  # 3.8-aware code still reads it
    assert adapted.server_content.generation_complete and adapted.usage_metadata.total_token_count == 7
    assert mid.server_content.turn_complete is True  # the SDK's object is not mutated

    final, changed = ends.adapt(message(IDLE, True))
    assert changed is None and final.server_content.turn_complete and ends.ended


@pytest.mark.parametrize("status", [IDLE, types.InteractionStatus.REQUIRES_ACTION, "WAITING_FOR_INPUT"])
def test_any_status_but_in_progress_ends_an_open_interaction(status):
    ends = shim.TurnCompleteAtIdle()
    ends.adapt(message(IN_PROGRESS))
    with pytest.warns(UserWarning) if status == "WAITING_FOR_INPUT" else contextlib.nullcontext():  # SDK: not in its enum
        end = message(status)
    adapted, changed = ends.adapt(end)
    assert changed == "set" and adapted.server_content.turn_complete is True and ends.ended


def test_a_repeated_idle_is_not_a_second_end_and_no_status_keeps_turn_complete():
    ends = shim.TurnCompleteAtIdle()
    ends.adapt(message(IN_PROGRESS))
    ends.adapt(message(IDLE, True))
    stray, changed = ends.adapt(message(IDLE))
    assert changed is None and stray.server_content.turn_complete is None
    plain, changed = ends.adapt(message(None, True))  # the server did not say: the SDK's reading
    assert changed is None and plain.server_content.turn_complete and ends.ended


# --- split_parts: auto for 2.x ids, forced either way ---------------------------------------


async def two_turns(client: Any, model: str) -> tuple[list[Any], Any]:
    """Two realtime-text turns read by one receive loop (one call site)."""
    messages: list[Any] = []
    async with client.aio.live.connect(model=model, config=dict(TRANSCRIBE)) as session:
        for prompt in ("hi", "again"):
            await session.send_realtime_input(text=prompt)
            async for msg in session.receive():
                messages.append(msg)
        receive_code = getattr(session.receive(), "ag_code", None)
    return messages, receive_code


def parts(messages: list[Any]) -> list[int]:
    return [len(m.server_content.model_turn.parts) for m in messages if m.server_content and m.server_content.model_turn]


def test_a_2_x_id_is_split_by_default_and_warned_once_per_loop(live_emulator, shim_warnings):
    messages, _ = run(two_turns(shim.wrap(client_for(live_emulator)), LEGACY_MODEL))
    assert parts(messages) and set(parts(messages)) == {1}
    assert said(messages) == ["You said: hi", "You said: again"]
    assert live_emulator.connections[-1].violations == []
    assert [w.rule for w in shim_warnings.shim if w.rule in ("LM301", "LM302")] == ["LM301", "LM302"]
    lm301 = shim_warnings.of("LM301")[0]
    assert lm301.filename == __file__ and "parts[0]" in lm301.message and "split_parts=False" in lm301.message


def test_a_3_x_id_is_read_whole_by_the_sdk(live_emulator, shim_warnings):
    messages, receive_code = run(two_turns(shim.wrap(client_for(live_emulator)), TARGET_MODEL))
    assert max(parts(messages)) > 1
    assert receive_code is live.AsyncSession.receive.__code__  # the SDK's own iterator
    assert not shim_warnings.of("LM301") and not shim_warnings.of("LM302")


@pytest.mark.parametrize(("model", "split_parts"), [(TARGET_MODEL, True), (LEGACY_MODEL, False)])
def test_split_parts_forces_either_way_without_a_warning(live_emulator, shim_warnings, model, split_parts):
    messages, _ = run(two_turns(shim.wrap(client_for(live_emulator), split_parts=split_parts), model))
    assert (set(parts(messages)) == {1}) == split_parts
    assert said(messages) == ["You said: hi", "You said: again"]
    assert not shim_warnings.of("LM301") and not shim_warnings.of("LM302")


# --- turn_complete on XT --------------------------------------------------------------------


async def until_turn_complete(client: Any, model: str, config: Any = WEATHER_CONFIG) -> list[Any]:
    """3.1 code: ask, answer tool calls inline, stop at turn_complete."""
    seen: list[Any] = []
    async with client.aio.live.connect(model=model, config=config) as session:
        await session.send_realtime_input(text="What is the weather in Paris?")
        async for msg in session.receive():
            seen.append(msg)
            if msg.tool_call:
                await session.send_tool_response(function_responses=[
                    types.FunctionResponse(id=c.id, name=c.name, response={"forecast": "sunny"})
                    for c in msg.tool_call.function_calls
                ])
            if msg.server_content and msg.server_content.turn_complete:
                break
    return seen


def test_on_xt_a_turn_complete_loop_reads_to_the_end_of_the_interaction(shim_warnings):
    with LiveEmulator(mode="3.8-xt", script=WEATHER) as emulator:
        messages = run(until_turn_complete(shim.wrap(client_for(emulator), target="3.8-xt"), TARGET_MODEL))
        emulator.wait_idle()
        assert emulator.connections[-1].violations == []
    assert said(messages) == ["Let me check the forecast.", 'It is {"forecast": "sunny"} in Paris.']
    ended = [m for m in messages if m.server_content and m.server_content.turn_complete]
    assert ended == messages[-1:] and messages[-1].server_content.interaction_status == IDLE
    cleared = [m for m in messages if m.server_content and m.server_content.interaction_status == IN_PROGRESS
               and m.usage_metadata is not None]
    assert len(cleared) == 1 and cleared[0].server_content.turn_complete is None  # status kept, end cleared
    [warned] = shim_warnings.of("LM604")
    assert warned.filename == __file__ and "interaction_status == IDLE" in warned.message


def test_on_xt_without_the_shim_the_same_loop_stops_one_utterance_early():
    with LiveEmulator(mode="3.8-xt", script=WEATHER) as emulator:
        translation = shim.translate_config(WEATHER_CONFIG, model=TARGET_MODEL, target="3.8-xt", push_to_talk=False)
        messages = run(until_turn_complete(client_for(emulator), XT_MODEL, translation.config))
    assert said(messages) == ["Let me check the forecast."]


def test_old_sdks_that_stop_at_every_turn_complete_are_read_on(monkeypatch):
    """google-genai 2.18-2.22 stop receive() at each turn_complete; the shim's ends at IDLE."""
    monkeypatch.setattr(live, "_is_interaction_complete", lambda content: bool(content and content.turn_complete))

    async def one_receive(client: Any) -> list[Any]:
        async with client.aio.live.connect(model=TARGET_MODEL, config=WEATHER_CONFIG) as session:
            await session.send_realtime_input(text="What is the weather in Paris?")
            seen = []
            async for msg in session.receive():  # no break: the iterator's own end
                seen.append(msg)
                if msg.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=c.id, name=c.name, response={"forecast": "sunny"})
                        for c in msg.tool_call.function_calls])
            return seen

    with LiveEmulator(mode="3.8-xt", script=WEATHER) as emulator:
        messages = run(one_receive(shim.wrap(client_for(emulator), target="3.8-xt")))
    assert len(said(messages)) == 2 and messages[-1].server_content.interaction_status == IDLE


@pytest.mark.parametrize(("mode", "model"), [("3.8", TARGET_MODEL), ("3.8-xt", XT_MODEL)])
def test_3_8_live_and_xt_code_get_the_sdks_own_receive(mode, model, shim_warnings):
    async def main(client: Any) -> Any:
        async with client.aio.live.connect(model=model, config=dict(TRANSCRIBE)) as session:
            return getattr(session.receive(), "ag_code", None)

    with LiveEmulator(mode=mode, script=WEATHER) as emulator:
        code = run(main(shim.wrap(client_for(emulator), target=mode)))
    assert code is live.AsyncSession.receive.__code__
    assert not shim_warnings.of("LM604")


# --- strict mode raises instead of reshaping ------------------------------------------------


async def strict_receive(emulator: Any, model: str, target: str, config: Any, prompt: str) -> list[Any]:
    """Receive through a strict ShimSession over a session opened with the shim's translation
    (a strict connect() refuses these ids before any message arrives: LM001)."""
    translation = shim.translate_config(config, model=model, target=target, push_to_talk=False)
    seen: list[Any] = []
    async with client_for(emulator).aio.live.connect(model=translation.model, config=translation.config) as raw:
        session = shim.ShimSession(raw, translation, strict=True)
        await raw.send_realtime_input(text=prompt)
        async for msg in session.receive():
            seen.append(msg)
            if msg.tool_call:
                await raw.send_tool_response(function_responses=[
                    types.FunctionResponse(id=c.id, name=c.name, response={}) for c in msg.tool_call.function_calls])
    return seen


@pytest.mark.parametrize(("mode", "model", "target", "config", "rule"), [
    ("strict", LEGACY_MODEL, "3.1", TRANSCRIBE, "LM301"),
    ("3.8-xt", TARGET_MODEL, "3.8-xt", WEATHER_CONFIG, "LM604"),
])
def test_strict_mode_raises_naming_the_rule(mode, model, target, config, rule):
    with LiveEmulator(mode=mode, script=WEATHER) as emulator:
        with pytest.raises(shim.LiveMigrateError) as caught:
            run(strict_receive(emulator, model, target, config, "What is the weather in Paris?"))
    assert rule in {a.rule for a in caught.value.adaptations} and rule in str(caught.value)


def test_a_strict_connect_refuses_a_2_x_id_before_anything_is_received(live_emulator):
    with pytest.raises(shim.LiveMigrateError, match="LM001"):
        run(two_turns(shim.wrap(client_for(live_emulator), strict=True), LEGACY_MODEL))
