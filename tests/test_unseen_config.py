"""Configs the module cannot see whole, and LM103 on an input of unknown kind (issue 11).

A browser relay opens its session with the setup the browser sent (``config =
json.loads(await ws.recv()).get("setup", {})``) and adds one field to it: the module shows one
field, not the config, so a rule that reports a field's absence (LM401, LM402, LM009, the turn
end LM103 writes) has nothing to say. A config that is a literal plus later statements is
still known. And ``session.send(input=event["text"], end_of_turn=True)`` sends what the
program's own message calls text: LM103 rewrites it, unsafe (the kind is read from a name).
"""

from __future__ import annotations

import pytest

from harness import check, dedent, fix, fixed_text
from livemigrate.rule import Applicability

SESSION_RULES = ("LM401", "LM402", "LM009")


def found(code: str, rules: tuple[str, ...] = SESSION_RULES) -> list[tuple[int, str]]:
    return sorted((f.line, f.rule_id) for f in check(dedent(code), rules))


def rules_found(code: str) -> list[str]:
    return sorted({rule for _, rule in found(code)})


# A relay that opens its session with {config}, streams the browser's frames (video too) in a
# loop, and prints the output transcription.
RELAY = '''
    import json
    from google import genai

    client = genai.Client()
    {prelude}

    async def relay(ws{params}):
        {config_line}
        config["system_instruction"] = "Describe what is on the shared screen."
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for message in ws:
                frame = json.loads(message)
                await session.send_realtime_input(video={{"data": frame["jpeg"], "mime_type": "image/jpeg"}})
            while True:
                async for response in session.receive():
                    if response.server_content and response.server_content.output_transcription:
                        print(response.server_content.output_transcription.text)
'''


def relay(config_line: str, prelude: str = "", params: str = "") -> str:
    return RELAY.format(config_line=config_line, prelude=prelude, params=params)


# --- a config whose base the module cannot see -----------------------------------------------
@pytest.mark.parametrize("config_line,prelude,params", [
    pytest.param('config = json.loads(await ws.recv()).get("setup", {})', "", "", id="get-of-a-received-message"),
    pytest.param('config = json.loads(await ws.recv())["setup"]', "", "", id="subscript-of-a-received-message"),
    pytest.param("config = load_setup()", "from app.settings import load_setup", "", id="imported-function"),
    pytest.param("config = dict(LIVE_CONFIG)", "from app.settings import LIVE_CONFIG", "", id="imported-constant"),
    pytest.param("config = settings.live_config", "from app import settings", "", id="module-attribute"),
    pytest.param("pass", "", ", config", id="parameter-no-call-site-fills"),
    pytest.param("config = types.LiveConnectConfig.model_validate(json.loads(await ws.recv()))",
                 "from google.genai import types", "", id="model-validate-of-received-data"),
])
def test_a_config_built_on_data_the_module_cannot_see_gets_no_absence_finding(
        config_line: str, prelude: str, params: str) -> None:
    assert found(relay(config_line, prelude, params)) == []


@pytest.mark.parametrize("config_line,prelude", [
    pytest.param("config = {}", "", id="empty-literal-then-statements"),
    pytest.param("config = build_config()",
                 "def build_config():\n        return {'response_modalities': ['AUDIO']}", id="helper-returning-a-dict"),
    pytest.param("config = dict(BASE, **{'temperature': 0.2})",
                 "BASE = {'response_modalities': ['AUDIO']}", id="dict-of-a-literal-base"),
    pytest.param("config = BASE.copy()", "BASE = {'response_modalities': ['AUDIO']}", id="copy-of-a-literal"),
    pytest.param("config = BASE.model_copy(update={'temperature': 0.2})",
                 "from google.genai import types\n    BASE = types.LiveConnectConfig(response_modalities=['AUDIO'])",
                 id="model-copy-of-a-typed-literal"),
    pytest.param("config = types.LiveConnectConfig.model_validate({'response_modalities': ['AUDIO']})",
                 "from google.genai import types", id="model-validate-of-a-literal"),
])
def test_a_literal_plus_statements_is_still_a_known_config(config_line: str, prelude: str) -> None:
    assert rules_found(relay(config_line, prelude)) == ["LM009", "LM401", "LM402"]


def test_a_spread_nested_in_one_field_hides_only_that_fields_fields() -> None:
    """pipecat's shape: thinking settings spread from options it is handed; whether the
    config sets turn coverage or session resumption is still visible."""
    code = relay("config = {'thinking_config': {**load_thinking()}}", "from app.settings import load_thinking")
    assert sorted({rule for _, rule in found(code, ("LM401", "LM402"))}) == ["LM401", "LM402"]


def test_a_parameter_a_call_site_fills_with_a_literal_is_known() -> None:
    code = relay("pass", params=", config") + '''
    async def main(ws):
        await relay(ws, {"response_modalities": ["AUDIO"]})
'''
    assert rules_found(code) == ["LM009", "LM401", "LM402"]


def test_a_parameter_a_call_site_fills_with_unseen_data_is_not() -> None:
    code = relay("pass", params=", config") + '''
    async def main(ws):
        await relay(ws, json.loads(await ws.recv())["setup"])
'''
    assert found(code) == []


def test_the_browser_relay_of_the_real_repository() -> None:
    """The shape of a real screen-sharing relay (Benatiabacemdev/IA, 8-GeminiShareScreen):
    the browser's setup plus a system instruction, video through the deprecated send."""
    code = '''
        import json
        from google import genai

        client = genai.Client()


        async def handler(client_websocket):
            config_message = await client_websocket.recv()
            config_data = json.loads(config_message)
            config = config_data.get("setup", {})
            config["system_instruction"] = "You are a helpful assistant for screen sharing sessions."
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async for message in client_websocket:
                    data = json.loads(message)
                    for chunk in data["realtime_input"]["media_chunks"]:
                        if chunk["mime_type"] == "image/jpeg":
                            await session.send_realtime_input(video={"mime_type": "image/jpeg", "data": chunk["data"]})
                while True:
                    async for response in session.receive():
                        pass
    '''
    assert found(code) == []


def test_a_raw_setup_frame_holding_the_browsers_setup_is_not_known() -> None:
    code = '''
        import json
        import websockets

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def bridge(browser):
            first = json.loads(await browser.recv())
            async with websockets.connect(URI) as ws:
                await ws.send(json.dumps({"setup": first["setup"]}))
                async for message in browser:
                    await ws.send(json.dumps({"realtimeInput": {"video": {"mimeType": "image/jpeg", "data": message}}}))
    '''
    assert found(code) == []


def test_the_same_raw_frame_with_a_literal_setup_is_reported() -> None:
    code = '''
        import json
        import websockets

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def bridge(browser):
            async with websockets.connect(URI) as ws:
                await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
                async for message in browser:
                    await ws.send(json.dumps({"realtimeInput": {"video": {"mimeType": "image/jpeg", "data": message}}}))
    '''
    assert rules_found(code) == ["LM401", "LM402"]


def test_the_turn_end_lm103_writes_needs_the_whole_config() -> None:
    """``send(end_of_turn=True)`` becomes the turn-end signal the config's activity detection
    calls for: not known when the config's base is the browser's."""
    code = '''
        import json
        from google import genai

        client = genai.Client()


        async def relay(ws):
            config = json.loads(await ws.recv()).get("setup", {})
            config["system_instruction"] = "Be brief."
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                await session.send(end_of_turn=True)
    '''
    findings = check(dedent(code), ("LM103",))
    assert [(f.rule_id, f.fix is None) for f in findings] == [("LM103", True)]
    known = dedent(code).replace('json.loads(await ws.recv()).get("setup", {})', "{}")
    assert fixed_text(known, ("LM103",), unsafe=True).count("send_realtime_input(audio_stream_end=True)") == 1


# --- LM103: an input the program's own message calls text ------------------------------------
SEND = '''
    import json
    from google import genai

    client = genai.Client()


    async def pump(websocket, session):
        async for frame in websocket:
            event = json.loads(frame)
            {body}


    async def main(websocket):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={{}}) as session:
            await pump(websocket, session)
'''


def send(body: str) -> str:
    return dedent(SEND.format(body=body))


@pytest.mark.parametrize("body,value", [
    pytest.param('await session.send(input=event["text"], end_of_turn=True)', 'event["text"]', id="subscript-text"),
    pytest.param('await session.send(input=event.get("prompt"), end_of_turn=True)', 'event.get("prompt")',
                 id="get-prompt"),
    pytest.param('await session.send(input=event["message"], end_of_turn=True)', 'event["message"]',
                 id="subscript-message"),
    pytest.param('if event.get("type") == "text":\n'
                 '                await session.send(input=event["data"], end_of_turn=True)', 'event["data"]',
                 id="tagged-text-by-get"),
    pytest.param('kind = event["type"]\n'
                 '            if kind == "audio":\n'
                 '                pass\n'
                 '            elif kind == "text":\n'
                 '                await session.send(input=event["data"], end_of_turn=True)', 'event["data"]',
                 id="tagged-text-through-a-name"),
])
def test_lm103_sends_what_the_message_calls_text_as_realtime_text_unsafe(body: str, value: str) -> None:
    code = send(body)
    [finding] = check(code, ("LM103",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("text" in reason and "guess" in reason for reason in finding.fix.unsafe_reasons), \
        finding.fix.unsafe_reasons
    assert f"send_realtime_input(text={value})" in fixed_text(code, ("LM103",), unsafe=True)
    assert fix(code, ("LM103",)).fixed is None  # not without --unsafe-fixes


@pytest.mark.parametrize("body", [
    pytest.param('await session.send(input=event["data"], end_of_turn=True)', id="key-names-no-kind"),
    pytest.param('await session.send(input=event["audio"], end_of_turn=True)', id="key-names-audio"),
    pytest.param('await session.send(input=event["text"])', id="text-without-end-of-turn"),
    pytest.param('if event.get("type") == "text":\n'
                 '                await session.send(input=other["data"], end_of_turn=True)', id="tag-of-another-message"),
    pytest.param('if event.get("type") != "text":\n'
                 '                await session.send(input=event["data"], end_of_turn=True)', id="tag-is-not-text"),
    pytest.param('if event.get("type") == "text":\n'
                 '                pass\n'
                 '            else:\n'
                 '                await session.send(input=event["data"], end_of_turn=True)', id="else-of-the-text-tag"),
    pytest.param('await session.send(input=event.text.encode(), end_of_turn=True)', id="bytes-of-the-text"),
])
def test_lm103_leaves_an_input_it_cannot_tell_is_text(body: str) -> None:
    code = send(body).replace("async for frame", "other = {}\n    async for frame")
    [finding] = check(code, ("LM103",))
    assert finding.fix is None


def test_lm103_keeps_text_the_code_shows_safe() -> None:
    code = send('await session.send(input=str(event["text"]), end_of_turn=True)')
    [finding] = check(code, ("LM103",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
