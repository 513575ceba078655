"""A review of the latest changes (fallbacks, client factories, feeders, key filters): each shape a test."""

from __future__ import annotations

from pathlib import Path
from harness import check, dedent, findings_by_file, write_tree
from test_run28_shapes import ADK_SERVICE, FALLBACK_CONNECT, FACTORY, FACTORY_USER
from test_run28_review import AFTER_ONLY_IN_A_BRANCH, KEY_FILTERED
RECORDER = ADK_SERVICE + dedent('''
    class Recorder:
        def __init__(self, path):
            self._file = open(path, "ab")

        def send_audio(self, data):
            self._file.write(data)
''')
RECORDER_HANDLER = dedent('''
    # Gemini Live voice handler
    from service import Recorder, VoiceService


    async def record_forever(websocket):
        recorder = Recorder("/tmp/x.pcm")
        while True:
            message = await websocket.receive()
            recorder.send_audio(message["bytes"])


    async def endpoint(websocket, sessions):
        service = VoiceService(sessions)
        message = await websocket.receive()
        service.send_audio(message["bytes"])
        async for event in service.receive_events("u", "s"):
            await websocket.send_text(str(event))
''')

def test_an_endless_loop_feeding_another_class_of_the_module_keeps_no_adk_session_open(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"service.py": RECORDER, "api.py": RECORDER_HANDLER})
    assert findings_by_file(project, ("LM402",)) == {}


def test_alternative_connects_in_an_if_else_holding_one_name_are_both_long() -> None:
    text = FALLBACK_CONNECT.replace(
        "    try:\n        manager = client.aio.live.connect(", "    if ws.full:\n        manager = client.aio.live.connect(", 1
    ).replace("    except Exception:\n        minimal", "    else:\n        minimal", 1)
    assert text != FALLBACK_CONNECT
    assert [(f.rule_id, f.line) for f in check(text, ("LM402",))] == [("LM402", 11), ("LM402", 15)]


def test_a_client_factory_returning_the_client_it_bound(tmp_path: Path) -> None:
    factory = dedent('''
        import os

        from google import genai
        from google.genai.types import HttpOptions


        def get_client():
            client = genai.Client(api_key=os.getenv("GOOGLE_API_KEY"), http_options=HttpOptions(api_version="v1alpha"))
            return client
    ''')
    project = write_tree(tmp_path / "p", {"factory.py": factory, "app.py": FACTORY_USER})
    assert findings_by_file(project, ("LM007",)) == {"factory.py": [(8, "LM007")]}


def test_a_module_level_factory_client_used_in_a_function(tmp_path: Path) -> None:
    user = dedent('''
        from factory import get_client

        client = get_client()


        async def run(audio):
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:
                await session.send_realtime_input(text="hi")
    ''')
    project = write_tree(tmp_path / "p", {"factory.py": FACTORY, "app.py": user})
    assert findings_by_file(project, ("LM007",)) == {"factory.py": [(10, "LM007")]}


def test_a_field_tested_after_the_rung_inside_a_try_is_handled() -> None:
    text = AFTER_ONLY_IN_A_BRANCH.replace(
        "            if sc.interrupted:\n                clear()\n                if sc.turn_complete:\n                    end()\n",
        "            try:\n                if sc.turn_complete:\n                    end()\n"
        "            except Exception as exc:\n                clear(exc)\n")
    assert text != AFTER_ONLY_IN_A_BRANCH
    assert check(text, ("LM302",)) == []


def test_a_key_filtered_copy_that_only_logs_keeps_the_fix() -> None:
    text = KEY_FILTERED.replace(
        '    config = {k: v for k, v in BASE.items() if k in {"response_modalities"}}\n'
        '    async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:\n',
        '    print({k: v for k, v in BASE.items() if k in {"response_modalities"}})\n'
        '    async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=BASE) as session:\n')
    assert text != KEY_FILTERED
    found = check(text, ("LM005",))
    assert found and all(f.fix is not None for f in found)


NESTED_DESCRIBE = dedent('''
    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[{"name": "lookup", "parameters": {"type": "object"}}])]
    client = genai.Client()


    def describe(response):
        return ["calls"] if response.function_calls else []


    async def voice():
        config = {"response_modalities": ["AUDIO"], "tools": TOOLS}
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:

            def log(response):
                print(describe(response))

            async for response in session.receive():
                log(response)
                if response.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=fc.id, name=fc.name, response={}) for fc in response.tool_call.function_calls])
''')

def test_a_describing_helper_called_through_a_nested_logger_is_excused() -> None:
    assert check(NESTED_DESCRIBE, ("LM305",)) == []
