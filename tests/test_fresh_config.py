"""Shapes the fifth held-out corpus, the third expert set and a run on real repositories showed
the config, client and key rules getting wrong (the repositories' code is not copied here: these
are the shapes)."""

from __future__ import annotations

from harness import check, dedent, fixed_text


def found(code: str, rules: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(f.line, f.rule_id) for f in check(dedent(code), rules)]


# --- LM501 --------------------------------------------------------------------------------------
def test_lm501_follows_a_key_through_a_name_and_str_replace_into_the_page() -> None:
    code = '''
        import os

        from fastapi import FastAPI
        from fastapi.responses import HTMLResponse
        from google import genai

        app = FastAPI()
        KEY = os.environ["GEMINI_API_KEY"]
        PAGE = "<script>const url = '__URL__';</script>"


        def socket_url() -> str:
            return "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        @app.get("/", response_class=HTMLResponse)
        def page() -> str:
            signed = socket_url() + "?key=" + KEY
            return PAGE.replace("__URL__", signed)
    '''
    assert found(code, ("LM501",)) == [(18, "LM501")]


def test_lm501_leaves_a_key_in_a_module_that_only_calls_generate_content() -> None:
    """A legacy id that was also a text model (gemini-2.0-flash-exp), passed to generate_content,
    does not make the module Live code: its key is a secret scanner's business."""
    code = '''
        from google import genai

        client = genai.Client(api_key="AIzaSyB4tQ9wPzLmN3vX8kR2dJ6hF1gC5yU0eTs")
        reply = client.models.generate_content(model="gemini-2.0-flash-exp", contents="hi")
    '''
    assert found(code, ("LM501",)) == []
    live = code.replace('client.models.generate_content(model="gemini-2.0-flash-exp", contents="hi")',
                        'client.aio.live.connect(model="gemini-2.0-flash-exp")')
    assert found(live, ("LM501",)) == [(3, "LM501")]


# --- LM005 --------------------------------------------------------------------------------------
def test_lm005_reports_a_text_modality_chosen_by_a_conditional_without_a_fix() -> None:
    code = '''
        import os

        from google.genai import types

        text_only = os.environ.get("TEXT_ONLY", "false")
        modality = "TEXT" if text_only == "true" else "AUDIO"
        config = types.LiveConnectConfig(response_modalities=[modality])


        async def talk(client):
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                               config=config) as session:
                await session.send_realtime_input(text="hi")
    '''
    [finding] = check(dedent(code), ("LM005",))
    assert finding.line == 7 and finding.fix is None
    assert "chooses TEXT on some runs" in finding.message
    assert found(code.replace('"TEXT" if', '"AUDIO" if'), ("LM005",)) == []


# --- LM103 --------------------------------------------------------------------------------------
def test_lm103_sends_the_responses_a_named_tool_response_holds() -> None:
    code = '''
        from google import genai
        from google.genai import types

        client = genai.Client()


        async def answer(session, call, result):
            reply = types.LiveClientToolResponse(
                function_responses=[types.FunctionResponse(id=call.id, name=call.name, response=result)])
            print(reply)
            await session.send(input=reply)
    '''
    out = fixed_text(dedent(code), ("LM103",))
    assert "await session.send_tool_response(function_responses=reply.function_responses)" in out
    assert out.count("types.FunctionResponse(") == 1


# --- LM002 --------------------------------------------------------------------------------------
def test_lm002_a_dynamic_budget_alone_in_a_camel_case_thinking_config_takes_it_along() -> None:
    code = '''
        import json
        URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"
        async def setup(ws):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                "generationConfig": {"temperature": 0.2, "thinkingConfig": {"thinkingBudget": -1}}}}))
    '''
    out = fixed_text(dedent(code), ("LM002",), unsafe=True)
    assert '"generationConfig": {"temperature": 0.2}' in out


def test_lm005_leaves_a_text_choice_on_a_model_the_module_does_not_name() -> None:
    code = '''
        from google.genai import types


        def live_config(settings: dict) -> types.LiveConnectConfig:
            modality = types.Modality.AUDIO if settings.get("output", "audio") == "audio" else types.Modality.TEXT
            return types.LiveConnectConfig(response_modalities=[modality])


        async def open_session(client, model: str, settings: dict):
            return client.aio.live.connect(model=model, config=live_config(settings))
    '''
    assert found(code, ("LM005",)) == []


# --- a config a settings field's default_factory builds ------------------------------------------
def test_a_config_a_field_factory_lambda_builds_can_be_fixed() -> None:
    """`config: LiveConnectConfig = field(default_factory=lambda: LiveConnectConfig(...))` read as
    `settings.config`: the one literal the fixes write into."""
    code = '''
        from dataclasses import dataclass, field

        from google import genai
        from google.genai import types


        @dataclass
        class Settings:
            model: str = "gemini-3.1-flash-live-preview"
            config: types.LiveConnectConfig = field(
                default_factory=lambda: types.LiveConnectConfig(response_modalities=["AUDIO"])
            )


        async def tell(settings: Settings, history) -> None:
            client = genai.Client()
            async with client.aio.live.connect(model=settings.model, config=settings.config) as session:
                await session.send_client_content(turns=history, turn_complete=True)
                await session.send_realtime_input(text="go on")
    '''
    out = fixed_text(dedent(code), ("LM102",), unsafe=True)
    assert "types.LiveConnectConfig(response_modalities=[\"AUDIO\"], history_config=" in out


def test_lm102_a_seed_sent_message_by_message_is_not_a_seed_on_some_paths() -> None:
    code = '''
        from google import genai

        client = genai.Client()


        async def seed(session, messages) -> None:
            for message in messages:
                parts = [{"text": block["text"]} for block in message["content"] if "text" in block]
                if parts:
                    await session.send_client_content(turns={"role": message["role"], "parts": parts})


        async def resume(messages) -> None:
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await seed(session, messages)
                await session.send_realtime_input(text="go on")
    '''
    [finding] = check(dedent(code), ("LM102",))
    assert "sent only when" not in finding.message


# --- a session a nested function captures ------------------------------------------------------
def test_sends_in_a_function_nested_in_the_session_block_are_the_sessions() -> None:
    """`async with connect(...) as session:` and an inner `async def pump()` that sends on
    `session`: the same session (a real repository's relay; the sends were missed, and LM001
    then moved the model under legacy frames)."""
    code = '''
        import json

        from google import genai

        client = genai.Client()


        async def handler(ws):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                async def pump():
                    async for message in ws:
                        data = json.loads(message)
                        await session.send({"mime_type": "audio/pcm", "data": data["d"]})
                await pump()
    '''
    assert {(13, "LM103"), (13, "LM106")} <= set(found(code, ("LM103", "LM106")))


# --- raw message reads in code that is not Gemini's ---------------------------------------------
APP_PROTOCOL = '''
    import json

    from channels.generic.websocket import AsyncWebsocketConsumer


    class ScoresConsumer(AsyncWebsocketConsumer):
        async def receive(self, text_data=None, bytes_data=None):
            body = json.loads(text_data)
            part = body["serverContent"]["modelTurn"]["parts"][0]
            if part["inlineData"]["mimeType"] == "audio/pcm":
                await self.send(text_data=json.dumps({"score": part["text"]}))
'''


def test_raw_part_reads_in_a_module_with_no_gemini_are_not_live() -> None:
    """A Django Channels consumer whose own messages happen to use Live's key names: no finding
    on non-Live code (the sixth held-out corpus's one failure)."""
    assert found(APP_PROTOCOL, ("LM301", "LM307")) == []
    gemini = APP_PROTOCOL.replace("import json\n", 'import json\n\n    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n', 1)
    assert {rule for _, rule in found(gemini, ("LM301", "LM307"))} == {"LM301", "LM307"}


def test_lm104_says_text_for_a_str_sent_as_media() -> None:
    """`send_realtime_input(media=line or ".")` where `line = input()`: the advice is `text=`,
    not audio/video (a real repository's screen-share client)."""
    code = '''
        from google import genai

        client = genai.Client()


        async def chat() -> None:
            async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025") as session:
                line = input("> ")
                await session.send_realtime_input(media=line or ".")
    '''
    [finding] = check(dedent(code), ("LM104",))
    assert "this input is text: send it with send_realtime_input(text=...)" in finding.message
    assert finding.fix is None
