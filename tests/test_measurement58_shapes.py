"""Shapes measurement 58's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from harness import check, dedent

LOGGED_PARTS_THEN_AUDIO = dedent("""
    async def receive(session, audio_out, log):
        async for response in session.receive():
            sc = response.server_content
            if sc is not None and sc.model_turn and sc.model_turn.parts:
                for part in sc.model_turn.parts:
                    if part.thought and part.text:
                        log.info("THOUGHT: %s", part.text)
                    elif part.text:
                        log.info("TEXT: %s", part.text)
            if data := response.data:
                audio_out.put_nowait(data)
                continue
            if text := response.text:
                print(text, end="")
""")


def test_a_continue_after_the_audio_below_a_walk_that_read_the_parts_text() -> None:
    """The loop walks the model turn's parts (logging their text) before `if data :=
    response.data: ...; continue`: the `response.text` the `continue` skips joins those same
    parts, so nothing of the message is lost (LM303 not reported)."""
    assert check(LOGGED_PARTS_THEN_AUDIO, ("LM303",)) == []
    no_walk = LOGGED_PARTS_THEN_AUDIO.replace("                elif part.text:\n                    log.info(\"TEXT: %s\", part.text)\n", "") \
        .replace("                if part.thought and part.text:\n                    log.info(\"THOUGHT: %s\", part.text)\n",
                 "                log.info(\"PART\")\n")
    assert no_walk != LOGGED_PARTS_THEN_AUDIO
    assert [f.rule_id for f in check(no_walk, ("LM303",))] == ["LM303"]


ADK_VIDEO_WITH_VAD_SETTINGS = dedent("""
    import asyncio
    import base64
    import json

    from google.adk.agents import LiveRequestQueue
    from google.adk.agents.run_config import RunConfig, StreamingMode
    from google.genai import types

    from agent import runner


    async def stream(websocket, user_id, session_id):
        queue = LiveRequestQueue()
        run_config = RunConfig(
            streaming_mode=StreamingMode.BIDI,
            response_modalities=["AUDIO"],
            realtime_input_config=types.RealtimeInputConfig(
                automatic_activity_detection=types.AutomaticActivityDetection(disabled=True)),
        )

        async def upstream():
            while True:
                message = json.loads(await websocket.receive_text())
                if message.get("type") == "image":
                    queue.send_realtime(types.Blob(mime_type="image/jpeg", data=base64.b64decode(message["data"])))

        async def downstream():
            async for event in runner.run_live(user_id=user_id, session_id=session_id, live_request_queue=queue,
                                               run_config=run_config):
                await websocket.send_text(event.model_dump_json())

        await asyncio.gather(upstream(), downstream())
""")


def test_an_adk_run_config_whose_input_config_sets_only_activity_detection() -> None:
    """An ADK RunConfig's `realtime_input_config` holding only VAD settings sets no turn
    coverage: the camera frames the queue sends are LM401 (as a config without the field is)."""
    assert [f.rule_id for f in check(ADK_VIDEO_WITH_VAD_SETTINGS, ("LM401",))] == ["LM401"]
    covered = ADK_VIDEO_WITH_VAD_SETTINGS.replace(
        "automatic_activity_detection=types.AutomaticActivityDetection(disabled=True)),",
        "automatic_activity_detection=types.AutomaticActivityDetection(disabled=True),\n"
        "            turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY),")
    assert covered != ADK_VIDEO_WITH_VAD_SETTINGS
    assert check(covered, ("LM401",)) == []


AGENT_CONSTANTS = dedent("""
    import os

    LIVE_MODEL = os.getenv("LIVE_MODEL", "gemini-live-2.5-flash-native-audio")
""")

AGENT_MODULE = dedent("""
    from google.adk.agents import Agent

    from app.constants import LIVE_MODEL

    root_agent = Agent(name="helper", model=LIVE_MODEL, instruction="Help.")
""")

AGENT_STREAM = ADK_VIDEO_WITH_VAD_SETTINGS.replace("from agent import runner", "from google.adk.runners import Runner\n\n"
                                                  "from app.agent import root_agent\n\n"
                                                  "runner = Runner(app_name='a', agent=root_agent)")


def test_an_adk_agents_model_a_constant_two_modules_away(tmp_path) -> None:
    """`root_agent = Agent(model=LIVE_MODEL)` with LIVE_MODEL from a constants module: the
    streaming module's session runs on that constant's id. A Vertex AI 2.x id keeps its model
    (no LM401, as the rule's docs say); a Gemini API id gets LM401 (measurement 57's rescore)."""
    from harness import findings_by_file, write_tree

    assert AGENT_STREAM != ADK_VIDEO_WITH_VAD_SETTINGS
    files = {"app/__init__.py": "", "app/constants.py": AGENT_CONSTANTS, "app/agent.py": AGENT_MODULE,
             "app/main.py": AGENT_STREAM}
    write_tree(tmp_path / "v", files)
    assert findings_by_file(tmp_path / "v", ("LM401",)) == {}
    gemini_api = AGENT_CONSTANTS.replace("gemini-live-2.5-flash-native-audio", "gemini-2.5-flash-native-audio-preview-12-2025")
    write_tree(tmp_path / "g", {**files, "app/constants.py": gemini_api})
    assert [r for _, r in findings_by_file(tmp_path / "g", ("LM401",)).get("app/main.py", [])] == ["LM401"]
