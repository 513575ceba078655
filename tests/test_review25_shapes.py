"""Problems a review of measurements 53-56's changes found (as a ruff maintainer would, with
reproductions), each a test that failed before its fix."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree


def test_an_argparse_option_of_another_parser_of_the_same_name() -> None:
    """Two functions each build a `parser`; only the one `args` was parsed from tells what
    `args.model` holds (a text tool's parser offering `gemini-2.0-flash-exp` says nothing)."""
    code = dedent("""
        import argparse

        from google import genai

        client = genai.Client()


        def bench():
            parser = argparse.ArgumentParser()
            parser.add_argument("--model", choices=["gemini-2.0-flash-exp", "gemini-2.5-flash"])
            args = parser.parse_args()
            return client.models.generate_content(model=args.model, contents="hi")


        async def live_demo():
            parser = argparse.ArgumentParser()
            parser.add_argument("--model", default="gemini-3.1-flash-live-preview")
            args = parser.parse_args()
            async with client.aio.live.connect(model=args.model, config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")
    """)
    assert check(code, ("LM001",)) == []


def test_a_client_factory_whose_callers_use_it_for_live_and_for_other_calls() -> None:
    """`make_client("v1alpha")` for tuning and `make_client("v1beta")` for Live: which call site
    feeds the Live client is not known, so the v1alpha passed for tuning is not LM007."""
    code = dedent("""
        from google import genai


        def make_client(api_version):
            return genai.Client(http_options={"api_version": api_version})


        def tune():
            return make_client("v1alpha").tunings.tune(base_model="gemini-2.0-flash-001", training_dataset=None)


        async def talk():
            async with make_client("v1beta").aio.live.connect(model="gemini-3.1-flash-live-preview",
                                                              config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")
    """)
    assert check(code, ("LM007",)) == []


RAW_CLIENT = dedent("""
    import json

    import websockets

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class GeminiWS:
        async def connect(self, key):
            self.ws = await websockets.connect(f"{URL}?key={key}")
            await self.ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-09-2025"}}))

        async def messages(self):
            async for raw in self.ws:
                yield json.loads(raw)
""")


def test_a_test_module_importing_a_raw_client_reads_its_own_fixture(tmp_path: Path) -> None:
    """A test importing the raw client and asserting on a dict it builds itself reads no Live
    message: only a module looping over what the client's decoding generator yields does."""
    fixture = dedent("""
        from gemini_ws import GeminiWS


        def test_parse():
            sample = {"serverContent": {"modelTurn": {"parts": [{"text": "hi"}]}}}
            part = sample["serverContent"]["modelTurn"]["parts"]
            assert GeminiWS and part
            assert [p["text"] for p in part] == ["hi"]
    """)
    write_tree(tmp_path, {"gemini_ws.py": RAW_CLIENT, "tests/test_gemini_ws.py": fixture})
    assert findings_by_file(tmp_path, ("LM304",)) == {}


def test_a_cli_with_a_setup_subcommand_and_a_database_is_no_raw_client(tmp_path: Path) -> None:
    """`sub.add_parser("setup")`, `sqlite3.connect(...)` and a 2.x id constant make no raw Live
    client: the UI events module it imports builds the app's own events."""
    cli = dedent("""
        import argparse
        import sqlite3

        from ui_events import frame_event

        MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"


        def main():
            parser = argparse.ArgumentParser()
            sub = parser.add_subparsers()
            sub.add_parser("setup")
            db = sqlite3.connect("app.db")
            return db, frame_event(b"")
    """)
    events = dedent("""
        def frame_event(jpeg):
            return {"realtimeInput": {"mediaChunks": [{"mimeType": "image/jpeg", "data": jpeg}]}}
    """)
    write_tree(tmp_path, {"cli.py": cli, "ui_events.py": events})
    assert findings_by_file(tmp_path, ("LM104",)) == {}


def test_a_drain_that_runs_on_some_paths_only() -> None:
    """The tool-call branch drains the turn only for a hang-up, then returns on every tool call:
    the stop is still LM306 (the drain must run on every path to the exit)."""
    code = dedent("""
        async def loop(session, play):
            async for message in session.receive():
                if message.tool_call:
                    await session.send_tool_response(function_responses=[])
                    for call in message.tool_call.function_calls:
                        if call.name == "hang_up":
                            async for rest in session.receive():
                                if rest.server_content and rest.server_content.turn_complete:
                                    break
                    return
                if message.data:
                    play(message.data)
    """)
    assert [f.rule_id for f in check(code, ("LM306",))] == ["LM306"]


def test_a_wrapper_keeping_the_tool_call_built_by_a_loop_that_never_answers() -> None:
    """The wrapper's constructor hands the call to whoever builds it; here that loop only prints
    the text, so the call is unanswered (LM305)."""
    code = dedent("""
        from google import genai
        from google.genai import types

        client = genai.Client()
        TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="move")])]


        class Response:
            def __init__(self, raw):
                self.text = raw.text
                self.tool_call = raw.tool_call if raw.tool_call else None


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config=types.LiveConnectConfig(tools=TOOLS)) as session:
                async for raw in session.receive():
                    print(Response(raw).text)
    """)
    assert [f.rule_id for f in check(code, ("LM305",))] == ["LM305"]


def test_a_text_run_config_run_live_gets_through_a_parameter() -> None:
    """The TEXT RunConfig goes to `run_async` and, through a helper's parameter, to `run_live`:
    it is a Live config (LM005), as when written in the `run_live` call."""
    code = dedent("""
        from google.adk.agents import LiveRequestQueue
        from google.adk.agents.run_config import RunConfig
        from google.genai import types

        from agent import runner

        TEXT_CONFIG = RunConfig(response_modalities=[types.Modality.TEXT])


        async def fallback(session, content):
            async for event in runner.run_async(user_id="u", session_id=session.id, new_message=content,
                                                run_config=TEXT_CONFIG):
                yield event


        async def _stream(session, queue, run_config):
            async for event in runner.run_live(session=session, live_request_queue=queue, run_config=run_config):
                yield event


        def stream(session):
            return _stream(session, LiveRequestQueue(), TEXT_CONFIG)
    """)
    assert [f.rule_id for f in check(code, ("LM005",))] == ["LM005"]


def test_a_loop_that_reads_the_microphone_once_the_recording_ends() -> None:
    """`while data:` over a greeting's WAV that then reads the microphone (`data = mic.read(n)`
    when the file runs out) goes on for as long as the user talks: LM402."""
    code = dedent("""
        import wave

        from google import genai
        from google.genai import types

        client = genai.Client()


        async def main(mic):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                with wave.open("greeting.wav", "rb") as wf:
                    data = wf.readframes(1024)
                    while data:
                        await session.send_realtime_input(audio=types.Blob(data=data, mime_type="audio/pcm;rate=16000"))
                        data = wf.readframes(1024)
                        if not data:
                            data = mic.read(1024)
    """)
    assert [f.rule_id for f in check(code, ("LM402",))] == ["LM402"]


def test_a_parts_loop_that_logs_and_aborts_is_no_first_part_reader() -> None:
    """A branch that only logs the part (an unexpected MIME type) and returns is an abort, not a
    reader of the first part (LM301 not reported); one that keeps the audio on one line with
    its `return` is."""
    code = dedent("""
        async def play(session, out):
            async for m in session.receive():
                for part in m.server_content.model_turn.parts:
                    if part.inline_data and not part.inline_data.mime_type.startswith("audio/pcm"):
                        print("unexpected", part.inline_data.mime_type)
                        return
                    if part.inline_data:
                        out.write(part.inline_data.data)
    """)
    assert check(code, ("LM301",)) == []
    one_line = dedent("""
        async def first_audio(session):
            async for m in session.receive():
                for part in m.server_content.model_turn.parts:
                    if part.inline_data:
                        data = part.inline_data.data; return data
    """)
    assert [f.rule_id for f in check(one_line, ("LM301",))] == ["LM301"]


def test_a_starred_name_in_a_loop_over_pairs_binds_no_single_element() -> None:
    """`for model, *rest in [("m", "v1alpha")]`: `rest` is a list, not `"v1alpha"`: a client
    built with `rest` as its version gets no LM007."""
    code = dedent("""
        from google import genai


        async def probe():
            for model, *rest in [("gemini-3.1-flash-live-preview", "v1alpha")]:
                client = genai.Client(http_options={"api_version": rest})
                async with client.aio.live.connect(model=model, config={"response_modalities": ["AUDIO"]}) as s:
                    await s.send_realtime_input(text="hi")
    """)
    assert check(code, ("LM007",)) == []


def test_parsed_options_handed_straight_to_main() -> None:
    """`main(parser.parse_args())`: the parameter holds the parsed options as `args =
    parser.parse_args(); main(args)` does (the review's missed case #13)."""
    code = dedent("""
        import argparse
        import asyncio

        from google import genai


        async def main(args):
            client = genai.Client()
            async with client.aio.live.connect(model=args.model, config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")


        if __name__ == "__main__":
            parser = argparse.ArgumentParser()
            parser.add_argument("--model", default="gemini-2.0-flash-exp")
            asyncio.run(main(parser.parse_args()))
    """)
    assert [f.rule_id for f in check(code, ("LM001",))] == ["LM001"]


def test_the_walk_over_the_parts_written_with_a_guard_or_a_name() -> None:
    """`for part in sc.model_turn.parts or []` (or over `parts = sc.model_turn.parts`) reading
    `part.text` in the audio branch makes the skipped `response.text` the same words, as the
    plain `.parts` walk does (the review's missed case #11: its fix would print the text twice)."""
    code = dedent("""
        async def receive(session, audio_out):
            said = ""
            async for response in session.receive():
                sc = response.server_content
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts or []:
                        if part.inline_data:
                            audio_out.put_nowait(part.inline_data.data)
                        if part.text:
                            said += part.text
                    continue
                if text := response.text:
                    said += text
    """)
    assert check(code, ("LM303",)) == []
    named = code.replace("            for part in sc.model_turn.parts or []:",
                         "            parts = sc.model_turn.parts\n            for part in parts:")
    assert named != code
    assert check(named, ("LM303",)) == []


def test_settings_parameters_annotated_with_union_annotated_or_a_string(tmp_path: Path) -> None:
    """`Union[Settings, None]`, `"Settings | None"` and FastAPI's `Annotated[Settings,
    Depends(...)]` name the settings class as `settings: Settings` does: the session's model is
    that class's field default (the review's missed case #14)."""
    settings = dedent("""
        from pydantic import BaseModel


        class Settings(BaseModel):
            model_name: str = "gemini-2.5-flash-native-audio-preview-12-2025"
    """)
    app = dedent("""
        from typing import Annotated, Union

        from fastapi import Depends
        from google import genai

        from app.settings import Settings

        client = genai.Client()


        async def talk(settings: ANNOTATION, spoken: bool):
            modalities = ["AUDIO"] if spoken else ["TEXT"]
            async with client.aio.live.connect(model=settings.model_name,
                                               config={"response_modalities": modalities}) as session:
                async for message in session.receive():
                    print(message.server_content)
    """)
    for n, annotation in enumerate(('Union[Settings, None]', '"Settings | None"',
                                    'Annotated[Settings, Depends(Settings)]')):
        root = tmp_path / str(n)
        write_tree(root, {"app/__init__.py": "", "app/settings.py": settings,
                          "app/api.py": app.replace("ANNOTATION", annotation)})
        # (the model known: TEXT chosen by a conditional on a model the module names is LM005)
        assert [r for _, r in findings_by_file(root, ("LM005",)).get("app/api.py", [])] == ["LM005"], annotation
