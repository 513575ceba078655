"""The cost, session, security and API-version rules (LM401-LM403, LM501-LM503, LM007) on the
shapes real code takes: what must be reported, what must not, and what the fixes write."""

from __future__ import annotations

import pytest

from harness import check, dedent, fixed_text, linter

OURS = ("LM007", "LM401", "LM402", "LM403", "LM501", "LM502", "LM503")


def found(code: str, select: tuple[str, ...] = OURS, target: str = "3.1") -> list[tuple[int, str]]:
    report = linter(select, target).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return [(f.line, f.rule_id) for f in report.findings]


def messages(code: str, select: tuple[str, ...]) -> list[str]:
    return [f.message for f in check(dedent(code), select)]


# --- not Live code ----------------------------------------------------------------------------
def test_a_module_that_only_calls_generate_content_gets_nothing() -> None:
    code = '''
        from google import genai
        from google.genai import types

        client = genai.Client(api_key="AIzaSyA1234567890abcdefghijklmnopqrstuv",
                              http_options={"api_version": "v1alpha"})
        CONFIG = types.GenerateContentConfig(max_output_tokens=8192)


        def describe(jpeg: bytes) -> str:
            image = types.Part(inline_data=types.Blob(data=jpeg, mime_type="image/jpeg"))
            while True:
                return client.models.generate_content(model="gemini-2.5-flash", contents=[image], config=CONFIG).text
    '''
    assert found(code) == []


# --- version-gated code -----------------------------------------------------------------------
GATED = '''
    import json
    from google import genai

    client = genai.Client(http_options={"api_version": "v1alpha"})
    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"


    async def run(model, frames):
        config = {"response_modalities": ["AUDIO"]}
        if not model.startswith("gemini-3"):
            config["enable_affective_dialog"] = True
            config["max_output_tokens"] = 8192
        async with client.aio.live.connect(model=model, config=config) as session:
            pass
        if model.startswith("gemini-2"):
            async with client.aio.live.connect(model=model, config={}) as session:
                async for frame in frames:
                    await session.send_realtime_input(video=frame)
'''


def test_version_gated_code_gets_no_finding() -> None:
    # v1alpha (client and raw URL) serves the 2.x branch; the cap and the video session are 2.x-only
    assert found(GATED) == []


def test_the_same_constructs_ungated_are_reported() -> None:
    code = GATED.replace('if not model.startswith("gemini-3"):', "if True:").replace(
        'if model.startswith("gemini-2"):', "if frames:")
    assert sorted(found(code)) == [(4, "LM007"), (5, "LM503"), (12, "LM403"), (16, "LM401"), (16, "LM402")]


# --- LM401 ---------------------------------------------------------------------------------------
def test_video_through_a_shared_queue_is_video() -> None:
    code = '''
        from google import genai

        client = genai.Client()


        class Loop:
            def frame(self, jpeg):
                mime_type = "image/jpeg"
                return {"mime_type": mime_type, "data": jpeg}

            async def send_realtime(self):
                while True:
                    await self.session.send(input=await self.out_queue.get())

            async def run(self):
                async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                    self.session = session
                    await self.send_realtime()
    '''
    assert ("LM401") in [r for _, r in found(code, ("LM401",))]


def test_images_in_client_content_are_not_realtime_video() -> None:
    code = '''
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def ask(jpeg):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await session.send_client_content(turns=types.Content(role="user", parts=[
                    types.Part(inline_data=types.Blob(data=jpeg, mime_type="image/jpeg"))]))
                await session.send_realtime_input(audio=types.Blob(data=b"", mime_type="audio/pcm;rate=16000"))
    '''
    assert found(code, ("LM401",)) == []


def test_a_config_from_another_module_is_not_guessed_at() -> None:
    code = '''
        from google import genai
        from settings import LIVE_CONFIG

        client = genai.Client()


        async def stream(frames):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=LIVE_CONFIG) as s:
                async for frame in frames:
                    await s.send_realtime_input(video=frame)
    '''
    assert found(code, ("LM401", "LM402")) == []


def test_raw_media_chunks_with_image_frames_add_camel_case_coverage() -> None:
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def stream(ws, frames):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                                                "realtimeInputConfig": {"activityHandling": "NO_INTERRUPTION"}}}))
            for frame in frames:
                await ws.send(json.dumps({"realtimeInput": {"mediaChunks": [{"mimeType": "image/jpeg", "data": frame}]}}))
    '''
    assert found(code, ("LM401",)) == [(7, "LM401")]
    assert ('"realtimeInputConfig": {"activityHandling": "NO_INTERRUPTION", "turnCoverage": '
            '"TURN_INCLUDES_ONLY_ACTIVITY"}') in fixed_text(dedent(code), ("LM401",), unsafe=True)


def test_a_typed_config_imported_by_name_gets_a_dict_value() -> None:
    code = '''
        from google import genai
        from google.genai.types import LiveConnectConfig

        client = genai.Client()
        CONFIG = LiveConnectConfig(response_modalities=["AUDIO"])


        async def stream(frame):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as s:
                await s.send_realtime_input(video=frame)
    '''
    assert ('LiveConnectConfig(response_modalities=["AUDIO"], realtime_input_config={"turn_coverage": '
            '"TURN_INCLUDES_ONLY_ACTIVITY"})') in fixed_text(dedent(code), ("LM401",), unsafe=True)


# --- LM402 ---------------------------------------------------------------------------------------
LONG_SESSION = '''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    async def chat(lines):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            while True:
                await session.send_realtime_input(text=await lines.get())
                async for message in session.receive():
                    print(message.text)
'''


def test_a_chat_loop_is_a_long_session() -> None:
    assert found(LONG_SESSION, ("LM402",)) == [(8, "LM402")]


@pytest.mark.parametrize("change", [
    ('CONFIG = {"response_modalities": ["AUDIO"]}',
     'CONFIG = {"response_modalities": ["AUDIO"], "session_resumption": {"handle": None}}'),
    ('CONFIG = {"response_modalities": ["AUDIO"]}',
     'CONFIG = {"responseModalities": ["AUDIO"], "contextWindowCompression": {"slidingWindow": {}}}'),
    ("                    print(message.text)",
     "                    print(message.text)\n                    if message.go_away:\n                        return"),
], ids=["resumption", "camel-compression", "go-away"])
def test_a_managed_session_is_not_reported(change: tuple[str, str]) -> None:
    assert found(LONG_SESSION.replace(*change), ("LM402",)) == []


def test_a_raw_one_shot_loop_that_breaks_on_turn_complete_is_not_long() -> None:
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def ask(ws, text):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
            await ws.send(json.dumps({"realtimeInput": {"text": text}}))
            async for raw in ws:
                message = json.loads(raw)
                if message.get("serverContent", {}).get("turnComplete"):
                    break
    '''
    assert found(code, ("LM402",)) == []


def test_a_translation_session_is_outside_the_move() -> None:
    code = LONG_SESSION.replace("gemini-3.1-flash-live-preview", "gemini-3.5-live-translate-preview")
    assert found(code, ("LM402",)) == []


@pytest.mark.parametrize("target", ["3.1", "3.8"])
def test_a_vertex_session_is_reported_on_every_target(target: str) -> None:
    # the limits are the Live API's: a session that keeps its Vertex AI 2.x model (no id to move
    # it to on 3.1) runs into them too (run 6; tests/test_run6_sessions.py checks the wording)
    code = LONG_SESSION.replace("client = genai.Client()", 'client = genai.Client(vertexai=True, project="p", location="l")'
                                ).replace("gemini-3.1-flash-live-preview", "gemini-live-2.5-flash-native-audio")
    assert found(code, ("LM402",), target)


def test_the_session_limits_come_from_the_target() -> None:
    [message] = [f.message for f in linter(("LM402",), "3.8").check_bytes(dedent(LONG_SESSION).encode()).findings]
    assert "gemini-3.8-live documents no change to the Live session limits" in message


# --- LM403 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, reported", [("8192", True), ("8_192", True), ("2 ** 13", True), ("4096", False),
                                             ("65536", False), ("cap", True)])
def test_only_the_old_ceiling_is_reported(value: str, reported: bool) -> None:
    code = f'''
        from google.genai import types

        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
        cap = 8192
        CONFIG = types.LiveConnectConfig(max_output_tokens={value})
    '''
    assert bool(found(code, ("LM403",))) is reported


def test_vertex_sessions_had_a_higher_ceiling() -> None:
    code = '''
        from google import genai

        client = genai.Client(vertexai=True, project="p", location="us-central1")
        CONFIG = {"max_output_tokens": 8192}


        async def main():
            async with client.aio.live.connect(model="gemini-live-2.5-flash-native-audio", config=CONFIG) as s:
                pass
    '''
    assert found(code, ("LM403",)) == []


# --- LM501 ---------------------------------------------------------------------------------------
SERVER = '''
    import os

    from aiohttp import web
    from google import genai

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    GEMINI_API_KEY = os.environ.get("GEMINI_API_KEY")
    client = genai.Client(api_key=GEMINI_API_KEY)


    async def handler(request):
        return RESPONSE


    app = web.Application()
    app.router.add_get("/config", handler)
'''


@pytest.mark.parametrize("response, reported", [
    ('web.json_response({"apiKey": GEMINI_API_KEY, "model": MODEL})', True),
    ('web.Response(text=f"<script>const KEY = \\"{os.environ[\'GEMINI_API_KEY\']}\\";</script>")', True),
    ('{"key": os.getenv("GOOGLE_API_KEY")}', True),
    ('web.json_response({"token": client.auth_tokens.create(config={"uses": 1}).name})', False),
    ('web.json_response({"configured": bool(GEMINI_API_KEY), "hint": GEMINI_API_KEY[:4]})', False),
    ('web.json_response({"mapsKey": os.environ["GOOGLE_MAPS_API_KEY"]})', False),
], ids=["json", "html-fstring", "returned-dict", "token", "tested-not-sent", "maps-key"])
def test_a_server_handing_its_key_to_a_client(response: str, reported: bool) -> None:
    assert bool(found(SERVER.replace("RESPONSE", response), ("LM501",))) is reported


def test_keys_from_the_environment_used_on_the_server_are_fine() -> None:
    code = '''
        import os
        from google import genai

        client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await s.send_realtime_input(text="hi")
    '''
    assert found(code, ("LM501",)) == []


def test_a_made_up_key_in_a_test_is_not_a_leak() -> None:
    code = '''
        from google import genai

        client = genai.Client(api_key="AIzaSyFAKE_KEY_FOR_TESTS_0123456789abcde")


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                pass
    '''
    assert found(code, ("LM501",)) == []


def test_a_key_literal_in_an_environment_default_is_a_key_in_code() -> None:
    code = '''
        import os
        from google import genai

        client = genai.Client(api_key=os.getenv("GEMINI_API_KEY", "AIzaSyA1234567890abcdefghijklmnopqrstuv"))


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                pass
    '''
    assert found(code, ("LM501",)) == [(4, "LM501")]


# --- LM502 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("api_key, reported", [
    ("await fetch_ephemeral_token()", True),
    ('requests.post(TOKEN_URL).json()["token"]', True),
    ('"auth_tokens/abc123"', True),
    ('os.environ["GEMINI_API_KEY"]', False),
    ('os.environ["LIVE_TOKEN"]', False),
    ("settings.api_key", False),
], ids=["server-helper", "json-key", "literal", "env-key", "env-named-token", "settings-key"])
def test_tokens_however_they_reach_the_client(api_key: str, reported: bool) -> None:
    code = f'''
        import os
        import requests
        from google import genai


        async def open_session(settings, fetch_ephemeral_token, TOKEN_URL):
            client = genai.Client(api_key={api_key})
            return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={{}})
    '''
    assert bool(found(code, ("LM502",))) is reported


def test_a_version_set_for_the_sessions_or_in_the_environment_is_respected() -> None:
    per_session = '''
        from google import genai


        async def open_session(token):
            client = genai.Client(api_key=token.name)
            config = {"http_options": {"api_version": "v1beta"}}
            return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config)
    '''
    assert found(per_session, ("LM502",)) == []
    env = '''
        import os
        from google import genai

        os.environ["GOOGLE_GENAI_API_VERSION"] = "v1alpha"


        def session_client(token):
            return genai.Client(api_key=token.name)
    '''
    assert found(env, ("LM502",)) == []


def test_the_missing_version_is_added_in_the_client_spelling() -> None:
    code = '''
        from google import genai
        from google.genai import types


        def session_client(token):
            return genai.Client(
                api_key=token.name,
                http_options=types.HttpOptions(timeout=10_000),
            )
    '''
    assert 'http_options=types.HttpOptions(timeout=10_000, api_version="v1alpha"),' in fixed_text(dedent(code),
                                                                                                 ("LM502",))


# --- LM007 and LM503 ------------------------------------------------------------------------------
def test_the_version_goes_after_proactivity_has_gone() -> None:
    code = '''
        from google import genai

        client = genai.Client(http_options={"api_version": "v1alpha"})
        CONFIG = {"response_modalities": ["AUDIO"], "proactivity": {"proactive_audio": True}}


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as s:
                pass
    '''
    [message] = messages(code, ("LM007",))
    assert "once `proactivity` is gone" in message
    fixed = fixed_text(dedent(code), ("LM003", "LM007"), unsafe=True)
    assert "client = genai.Client()\n" in fixed and "proactivity" not in fixed


def test_the_raw_endpoint_moves_after_affective_dialog_has_gone() -> None:
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"


        async def setup(ws):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                                                "generationConfig": {"enableAffectiveDialog": True}}}))
    '''
    assert [f.fix for f in check(dedent(code), ("LM503",))] == [None]
    fixed = fixed_text(dedent(code), ("LM004", "LM503"))
    assert ".v1beta.GenerativeService.BidiGenerateContent" in fixed and "enableAffectiveDialog" not in fixed


@pytest.mark.parametrize("extra, note", [
    ("print(client.models.generate_content(model='gemini-2.5-flash', contents='hi').text)", "also serves other calls"),
    ("other = genai.Client(api_key='auth_tokens/x', http_options={'api_version': 'v1alpha'})", "ephemeral tokens"),
], ids=["generate-content-too", "tokens-in-file"])
def test_v1alpha_on_a_client_doing_more_is_reported_without_a_fix(extra: str, note: str) -> None:
    code = f'''
        from google import genai

        client = genai.Client(http_options={{"api_version": "v1alpha"}})
        {extra}


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={{}}) as s:
                pass
    '''
    [finding] = check(dedent(code), ("LM007",))
    assert note in finding.message and finding.fix is None


def test_a_client_that_opens_no_live_session_keeps_its_version() -> None:
    code = '''
        from google import genai

        client = genai.Client(http_options={"api_version": "v1alpha"})
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    '''
    assert found(code, ("LM007",)) == []


def test_a_vertex_client_is_not_reported() -> None:
    code = '''
        from google import genai

        client = genai.Client(vertexai=True, project="p", location="l", http_options={"api_version": "v1alpha"})


        async def main():
            async with client.aio.live.connect(model="gemini-live-2.5-flash-native-audio", config={}) as s:
                pass
    '''
    assert found(code, ("LM007",)) == []


@pytest.mark.parametrize("target, words", [("3.1", "affective dialog and proactive audio"),
                                           ("3.8", "proactive audio is always on")])
def test_the_alpha_verdict_speaks_for_the_target(target: str, words: str) -> None:
    code = 'URI = "wss://h/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"\n'
    [finding] = linter(("LM503",), target).check_bytes(code.encode()).findings
    assert words in finding.message


# --- the fix helper --------------------------------------------------------------------------------
@pytest.mark.parametrize("before, after", [
    ("x = f(\n    a=1,\n)\n", "x = f(\n    a=1,\n    b_c=2,\n)\n"),
    ("x = {\n    'a': 1\n}\n", "x = {\n    'a': 1,\n    'b_c': 2\n}\n"),
    ("x = {'aB': 1}\n", "x = {'aB': 1, 'bC': 2}\n"),
    ("x = {}\n", 'x = {"b_c": 2}\n'),
    ("x = f(**kw)\n", None),
    ("x = {'b_c': 1}\n", None),
], ids=["call-exploded", "dict-exploded", "camel-siblings", "empty", "splat", "already-set"])
def test_add_entry_writes_in_the_container_layout(before: str, after: str | None) -> None:
    import libcst as cst

    from livemigrate.edits import apply_edits
    from livemigrate.fixes import add_entry

    module = cst.parse_module(before)
    container = module.body[0].body[0].value
    edit = add_entry(container, "b_c", cst.Integer("2"))
    assert (apply_edits(module, [edit]).code if edit else None) == after


def test_lm401_writes_a_snake_case_raw_setup_frame_in_snake_case() -> None:
    from harness import dedent, fixed_text

    code = dedent('''
        import json
        URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"
        async def run(ws, frames):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                                                "generation_config": {"response_modalities": ["AUDIO"]}}}))
            async for frame in frames:
                await ws.send(json.dumps({"realtime_input": {"video": {"data": frame, "mime_type": "image/jpeg"}}}))
    ''')
    fixed = fixed_text(code, ("LM401",), unsafe=True)
    assert '"realtime_input_config": {"turn_coverage": "TURN_INCLUDES_ONLY_ACTIVITY"}' in fixed, fixed
