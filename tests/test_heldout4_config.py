"""Shapes the fourth held-out corpus (tests/corpus/heldout_4) showed the config, client and key
rules missing: settings objects, a token told apart by a test, a key pasted into a URL, and
config builders that spread keyword arguments."""

from __future__ import annotations

from harness import check, dedent


def found(code: str, rules: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(f.line, f.rule_id) for f in check(dedent(code), rules)]


# --- LM007: the version is a settings field's default -----------------------------------------
def test_lm007_reads_the_api_version_a_settings_class_gives() -> None:
    code = '''
        from google import genai
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            live_model: str = "gemini-3.1-flash-live-preview"
            api_version: str = "v1alpha"


        async def run(settings: Settings) -> None:
            client = genai.Client(http_options={"api_version": settings.api_version})
            async with client.aio.live.connect(model=settings.live_model) as session:
                await session.send_realtime_input(text="hi")
    '''
    assert found(code, ("LM007",)) == [(7, "LM007")]


def test_lm007_leaves_a_settings_version_two_classes_could_give() -> None:
    code = '''
        from google import genai


        class Settings:
            api_version = "v1alpha"


        class Other:
            api_version = "v1beta"


        async def run(settings) -> None:
            client = genai.Client(http_options={"api_version": settings.api_version})
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview") as session:
                await session.send_realtime_input(text="hi")
    '''
    assert found(code, ("LM007",)) == []


# --- LM502: a key the code has tested to be a token -------------------------------------------
TOKEN_TEST = '''
    from google import genai


    def client_for(key: str) -> genai.Client:
        if {test}:
            return genai.Client(api_key=key)
        return genai.Client(api_key=key, http_options={{"api_version": "v1beta"}})


    async def talk(key: str) -> None:
        async with client_for(key).aio.live.connect(model="gemini-3.1-flash-live-preview") as session:
            await session.send_realtime_input(text="hi")
'''


def test_lm502_reads_a_key_tested_to_be_a_token_as_a_token() -> None:
    for test in ('key.startswith("auth_tokens/")', '"auth_tokens/" in key'):
        assert found(TOKEN_TEST.format(test=test), ("LM502",)) == [(6, "LM502")], test


def test_lm502_leaves_a_key_tested_for_something_else() -> None:
    assert found(TOKEN_TEST.format(test='key.startswith("AIza")'), ("LM502",)) == []


# --- LM501: a key pasted into the URL a page gets ---------------------------------------------
def test_lm501_reports_a_key_concatenated_into_what_a_handler_returns() -> None:
    code = '''
        import os

        from fastapi import FastAPI
        from google import genai

        app = FastAPI()
        KEY = os.environ["GEMINI_API_KEY"]
        URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        @app.get("/socket")
        def socket_url() -> dict:
            return {"url": URL + "?key=" + KEY}


        @app.get("/legacy")
        def legacy_url() -> str:
            return "%s?key=%s" % (URL, KEY)


        @app.get("/healthz")
        def healthz() -> dict:
            return {"configured": len(URL + KEY) > 0}
    '''
    assert found(code, ("LM501",)) == [(13, "LM501"), (18, "LM501")]


# --- LM009: configs spread from keyword arguments --------------------------------------------
BUILDER = '''
    from google import genai
    from google.genai import types


    def build_config(**extra) -> types.LiveConnectConfig:
        kwargs = dict(response_modalities=["AUDIO"])
        kwargs.update(extra)
        return types.LiveConnectConfig(**kwargs)


    async def run(client: genai.Client, {params}) -> None:
        config = build_config({args})
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for message in session.receive():
                said = message.server_content.output_transcription
                if said:
                    print(said.text)
'''


def test_lm009_sees_through_a_builder_that_spreads_what_its_callers_pass() -> None:
    code = BUILDER.format(params="log", args="input_audio_transcription={}")
    assert found(code, ("LM009",)) == [(15, "LM009")]


def test_lm009_trusts_a_spread_it_cannot_see() -> None:
    # the caller's own **options (a parameter nothing here fills) may enable it
    code = BUILDER.format(params="**options", args="**options")
    assert found(code, ("LM009",)) == []
    # and the builder's callers passing it is read as enabling it
    code = BUILDER.format(params="log", args="output_audio_transcription={}")
    assert found(code, ("LM009",)) == []


# --- LM103: text the code shows, and what it does not ----------------------------------------
SEND = '''
    import asyncio
    import sys

    from google import genai

    client = genai.Client()


    async def main({params}) -> None:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={{}}) as session:
            {setup}
            await session.send(input={value}, end_of_turn=True)
'''


def _lm103_fix(params: str, setup: str, value: str) -> str | None:
    [finding] = check(dedent(SEND.format(params=params, setup=setup, value=value)), ("LM103",))
    return finding.fix.description if finding.fix is not None else None


def test_lm103_routes_text_the_code_shows() -> None:
    for params, setup, value in (
            ("text: str", "pass", "text"),
            ("", "line = await asyncio.to_thread(sys.stdin.readline)", "line.strip()"),
            ("", "message: str = await next_message()", "message"),
            ("", "typed = input('> ')", "typed or '.'"),
            ("name", "pass", "f'hello {name}'"),
            ("name", "pass", "'hi {}'.format(name)")):
        assert _lm103_fix(params, setup, value) == "send_realtime_input(text=...)", value


def test_lm103_leaves_values_that_may_be_bytes() -> None:
    for params, setup, value in (
            ("data", "pass", "data.strip()"),  # bytes has strip() too
            ("", "chunk = sys.stdin.buffer.readline()", "chunk"),
            ("text", "pass", "text or b''"),
            ("text: bytes", "pass", "text")):
        assert _lm103_fix(params, setup, value) is None, value
