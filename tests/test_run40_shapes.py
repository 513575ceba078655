"""Shapes of measurement 40's misses, each a test (written from the shapes, not the code)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

SETTINGS = dedent("""
    MODEL = "models/gemini-2.5-flash-native-audio-preview-09-2025"
    LIVE_CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}
""")

OPENER = dedent("""
    from google import genai

    from conf.settings import LIVE_CONFIG, MODEL


    async def open_live(key):
        client = genai.Client(api_key=key)
        return client.aio.live.connect(model=MODEL, config=LIVE_CONFIG)
""")

STATE = dedent("""
    from dataclasses import dataclass
    from typing import Any, Optional


    @dataclass
    class Conversation:
        speaking: bool = False
        live: Optional[Any] = None
""")

HANDLER = dedent("""
    import asyncio
    import json

    from core.live_open import open_live
    from core.state import Conversation


    async def pump(ws, conv: Conversation):
        async for raw in ws:
            data = json.loads(raw)
            if data["kind"] == "audio":
                await conv.live.send(input={"data": data["pcm"], "mime_type": "audio/pcm"}, end_of_turn=True)


    async def relay(ws, conv: Conversation):
        while True:
            async for reply in conv.live.receive():
                sc = reply.server_content
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            await ws.send(part.inline_data.data)
                        elif part.text:
                            await ws.send(json.dumps({"said": part.text}))


    async def run_both(ws, conv):
        async with asyncio.TaskGroup() as tg:
            tg.create_task(pump(ws, conv))
            tg.create_task(relay(ws, conv))


    async def serve(ws, key):
        conv = Conversation()
        async with await open_live(key) as live:
            conv.live = live
            await run_both(ws, conv)
""")


def _server(root: Path, handler: str = HANDLER) -> Path:
    """A server folder run as a script's folder (`python server.py`): `core/` and `conf/` have no
    __init__.py and are imported as `core.live_open`, `conf.settings`; the folder above it is no
    identifier (`voice-demo`)."""
    return write_tree(root, {
        "voice-demo/server/conf/settings.py": SETTINGS,
        "voice-demo/server/core/live_open.py": OPENER,
        "voice-demo/server/core/state.py": STATE,
        "voice-demo/server/core/handler.py": handler,
        "voice-demo/server/server.py": "import asyncio\n\nfrom core.handler import serve\n",
    })


RULES = ("LM103", "LM106", "LM304", "LM402")


def test_a_session_another_module_hands_back_kept_on_an_object_the_functions_are_passed(tmp_path: Path) -> None:
    found = findings_by_file(_server(tmp_path), RULES)
    assert found.get("voice-demo/server/core/handler.py") == [
        (12, "LM103"), (12, "LM106"), (23, "LM304"), (24, "LM304")], found


def test_the_session_a_function_running_endless_tasks_keeps_open_runs_long(tmp_path: Path) -> None:
    """`serve` calls `run_both`, whose TaskGroup waits on `relay`'s `while True`: the session
    `open_live` hands back stays open as long (LM402 on its connect)."""
    found = findings_by_file(_server(tmp_path), ("LM402",))
    assert found == {"voice-demo/server/core/live_open.py": [(8, "LM402")]}, found


def test_a_function_whose_tasks_end_keeps_nothing_open(tmp_path: Path) -> None:
    handler = HANDLER.replace("    while True:\n        async for reply", "    for _ in range(1):\n        async for reply")
    assert handler != HANDLER
    assert findings_by_file(_server(tmp_path, handler), ("LM402",)) == {}


def test_an_attribute_of_another_object_is_not_the_session(tmp_path: Path) -> None:
    """Only the object the session was stored on carries it: a `Conversation` built elsewhere
    and never given one is no session holder (its `.live.send(...)` is not the SDK's)."""
    handler = HANDLER.replace("        tg.create_task(pump(ws, conv))", "        tg.create_task(pump(ws, Conversation()))")
    assert handler != HANDLER
    found = findings_by_file(_server(tmp_path, handler), ("LM103", "LM106"))
    assert found == {}, found


RELAY = dedent("""
    import asyncio
    import base64
    import json

    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


    async def handle(websocket):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=CONFIG) as session:
            await _run(websocket, session)


    async def _run(websocket, session):
        async def send_loop():
            async for raw in websocket.iter_text():
                msg = json.loads(raw)
                if msg.get("type") == "image":
                    await session.send_realtime_input(video=types.Blob(data=base64.b64decode(msg["data"]), mime_type="image/jpeg"))

        async def receive_loop():
            async for response in session.receive():
                if response.data:
                    await websocket.send_bytes(response.data)

        await asyncio.gather(send_loop(), receive_loop())
""")


def test_a_sender_looping_over_what_a_client_socket_sends_keeps_the_session_open() -> None:
    """The receive loop reads one turn, but the block waits for the sender too, which goes on
    until the browser disconnects (measurement 40 missed LM402 there)."""
    assert [(f.line, f.rule_id) for f in check(RELAY, ("LM401", "LM402"))] == [(13, "LM401"), (13, "LM402")]


def test_a_sender_over_a_finite_source_is_one_turn() -> None:
    code = RELAY.replace("async for raw in websocket.iter_text():", "async for raw in read_recording():")
    assert code != RELAY
    assert [(f.line, f.rule_id) for f in check(code, ("LM401", "LM402"))] == [(13, "LM401")]


def test_a_base_spread_into_the_config_of_each_branch_is_known() -> None:
    """`CONFIG` built in a `try` (with a field an older SDK may refuse) and again in the
    `except`, both spreading one base dict: the session's config is known in either case
    (a base met twice was taken for one the module does not show)."""
    code = RELAY.replace('CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])', dedent('''
        _BASE: dict = dict(response_modalities=["AUDIO"])
        try:
            CONFIG = types.LiveConnectConfig(**_BASE, enable_affective_dialog=True)
        except Exception:
            CONFIG = types.LiveConnectConfig(**_BASE)''').strip())
    assert code != RELAY
    assert [(f.line, f.rule_id) for f in check(code, ("LM401", "LM402"))] == [(17, "LM401"), (17, "LM402")]
    with_resumption = code.replace('dict(response_modalities=["AUDIO"])',
                                   'dict(response_modalities=["AUDIO"], session_resumption=types.SessionResumptionConfig())')
    assert [(f.line, f.rule_id) for f in check(with_resumption, ("LM401", "LM402"))] == [(17, "LM401")]


def test_a_config_dict_another_module_connects_with_is_a_live_config(tmp_path: Path) -> None:
    """`CONFIG = {"generation_config": {...}}` in a settings module, passed by another module as
    `live.connect(config=CONFIG)`: its fields are read there (measurement 40 missed LM006)."""
    settings = SETTINGS.replace('LIVE_CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}',
                                'LIVE_CONFIG = {\n    "generation_config": {"response_modalities": ["AUDIO"]},\n}')
    assert settings != SETTINGS
    root = _server(tmp_path)
    (root / "voice-demo/server/conf/settings.py").write_text(settings)
    assert findings_by_file(root, ("LM006",)) == {"voice-demo/server/conf/settings.py": [(3, "LM006")]}


def test_a_dict_of_the_same_name_no_session_connects_with_is_not_read(tmp_path: Path) -> None:
    settings = SETTINGS + 'OTHER = {"generation_config": {"temperature": 0.2}}\n'
    root = _server(tmp_path)
    (root / "voice-demo/server/conf/settings.py").write_text(settings)
    assert findings_by_file(root, ("LM006",)) == {}


def test_a_handler_iterating_its_client_socket_keeps_the_session_open() -> None:
    """`async for message in websocket:` of a handler a framework calls (the `websockets`
    library's): it goes on until the client disconnects."""
    code = RELAY.replace("async for raw in websocket.iter_text():", "async for raw in websocket:")
    assert code != RELAY
    assert [(f.line, f.rule_id) for f in check(code, ("LM402",))] == [(13, "LM402")]


def test_a_parameter_named_like_a_socket_that_the_module_passes_a_list_is_no_socket() -> None:
    code = RELAY.replace("async for raw in websocket.iter_text():", "async for raw in ws:").replace(
        "async def _run(websocket, session):", "async def _run(websocket, session, ws=()):").replace(
        "await _run(websocket, session)", "await _run(websocket, session, ['hello'])")
    assert code.count("['hello']") == 1 and "async for raw in ws:" in code
    assert [(f.line, f.rule_id) for f in check(code, ("LM402",))] == []


PROBE = dedent("""
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client(api_key="k")


    async def probe(pcm):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
            got = False
            async with asyncio.timeout(8):
                async for response in session.receive():
                    if response.data:
                        got = True
                        break
                    if response.server_content and response.server_content.turn_complete:
                        got = True
                        break
            return got
""")


def test_an_exit_skipping_only_a_branch_that_does_the_same_loses_nothing() -> None:
    """A probe waiting for any answer: the audio's branch and the turn end's do the same thing
    (measurement 40: LM303 on it was spurious)."""
    assert check(PROBE, ("LM303",)) == []
    differs = PROBE.replace("""            if response.server_content and response.server_content.turn_complete:
                    got = True""", """            if response.server_content and response.server_content.turn_complete:
                    got = None""")
    assert differs != PROBE
    assert [f.rule_id for f in check(differs, ("LM303",))] == ["LM303"]


def test_a_v1alpha_client_the_module_never_uses_beside_its_live_client_is_not_live() -> None:
    """A module opening sessions on one client's factory and also defining a v1alpha client
    factory nothing here uses: that client is not taken for a Live one (measurement 40)."""
    code = dedent("""
        from google import genai


        def live_client(key):
            return genai.Client(http_options={"api_version": "v1beta"}, api_key=key)


        def old_client(key):
            return genai.Client(http_options={"api_version": "v1alpha"}, api_key=key)


        async def run(key):
            async with live_client(key).aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await s.send_realtime_input(text="hi")
    """)
    assert check(code, ("LM007",)) == []
    alone = code.replace('http_options={"api_version": "v1beta"}, ', "").replace(
        "live_client(key).aio.live", "CLIENT.aio.live").replace("async def run", "CLIENT = make()\n\n\nasync def run")
    assert [f.rule_id for f in check(alone, ("LM007",))] == ["LM007"]
