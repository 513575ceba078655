"""The cost and security rules (LM007, LM402, LM403, LM501, LM502, LM503) on the shapes the
held-out traffic corpus showed them missing or over-reporting: each case as a user writes it,
what must be reported and where, and its near miss that must not be."""

from __future__ import annotations

import pytest

from harness import check, dedent, fixed_text, linter


def found(code: str, select: tuple[str, ...]) -> list[tuple[int, str]]:
    report = linter(select).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return sorted((f.line, f.rule_id) for f in report.findings)


# --- LM403: the 8192 literal that reaches a Live config ----------------------------------------
CAP_CONSTANT = '''
    from google import genai
    from google.genai import types

    client = genai.Client()
    MAX_TOKENS = 8_192
    SUMMARY_TOKENS = 8192
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"], max_output_tokens=MAX_TOKENS)
    OTHER = types.LiveConnectConfig(response_modalities=["TEXT"], max_output_tokens=MAX_TOKENS)


    def summarize(text):
        return client.models.generate_content(
            model="gemini-2.5-flash", contents=text,
            config=types.GenerateContentConfig(max_output_tokens=SUMMARY_TOKENS))
'''


def test_a_cap_held_in_a_constant_is_reported_once_on_the_constant() -> None:
    # two Live configs read MAX_TOKENS: one finding, where the number is written; the
    # generate_content constant is not Live
    assert found(CAP_CONSTANT, ("LM403",)) == [(5, "LM403")]


def test_a_constant_that_is_not_the_old_ceiling_is_not_reported() -> None:
    assert found(CAP_CONSTANT.replace("8_192", "4096"), ("LM403",)) == []


def test_a_constant_set_only_for_older_models_is_not_reported() -> None:
    code = '''
        from google.genai import types

        def config_for(model):
            cap = 8192 if model.startswith("gemini-2") else None
            return types.LiveConnectConfig(response_modalities=["AUDIO"], max_output_tokens=cap)
    '''
    assert found(code, ("LM403",)) == []
    assert found(code.replace('model.startswith("gemini-2")', "model"), ("LM403",)) == [(4, "LM403")]


def test_dict_configs_that_reach_connect_through_a_list_and_a_parameter() -> None:
    code = '''
        from google import genai

        client = genai.Client()
        SNAKE = {"response_modalities": ["AUDIO"], "generation_config": {"max_output_tokens": 8192}}
        CAMEL = {"responseModalities": ["AUDIO"], "maxOutputTokens": 8192}


        async def ask(config, question):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
                await s.send_realtime_input(text=question)


        async def ask_all(question):
            configs = [SNAKE, CAMEL]
            return [await ask(config, question) for config in configs]
    '''
    assert found(code, ("LM403",)) == [(4, "LM403"), (5, "LM403")]


def test_a_dataclass_default_that_flows_to_the_config() -> None:
    code = '''
        from dataclasses import dataclass
        from google import genai
        from google.genai import types


        @dataclass
        class Options:
            model: str = "gemini-3.1-flash-live-preview"
            max_output_tokens: int | None = 8192


        class Session:
            def __init__(self, opts: Options) -> None:
                self._opts = opts
                self._client = genai.Client()

            async def run(self):
                opts = self._opts
                config = types.LiveConnectConfig(max_output_tokens=opts.max_output_tokens)
                async with self._client.aio.live.connect(model=opts.model, config=config) as s:
                    pass
    '''
    assert found(code, ("LM403",)) == [(9, "LM403")]


# --- LM501: the key in a response header -------------------------------------------------------
HEADER = '''
    import os
    from aiohttp import web
    from google import genai

    GEMINI_KEY = os.environ["GEMINI_API_KEY"]
    LIVE_MODEL = "gemini-3.1-flash-live-preview"
    routes = web.RouteTableDef()


    @routes.get("/bootstrap")
    async def bootstrap(request):
        response = web.json_response({"model": LIVE_MODEL})
        RESPONSE_LINE
        return response
'''


@pytest.mark.parametrize("line", [
    'response.headers["X-Goog-Api-Key"] = GEMINI_KEY',
    'response.headers.update({"X-Goog-Api-Key": GEMINI_KEY})',
    'response.set_cookie("gemini_key", GEMINI_KEY)',
], ids=["subscript", "update", "cookie"])
def test_the_key_put_in_a_response_header_or_cookie_is_handed_out(line: str) -> None:
    assert found(HEADER.replace("RESPONSE_LINE", line), ("LM501",)) == [(13, "LM501")]


def test_a_fastapi_response_parameter_carries_the_key_to_the_client() -> None:
    code = '''
        import os
        from fastapi import FastAPI, Response

        app = FastAPI()
        LIVE_MODEL = "gemini-3.1-flash-live-preview"


        @app.get("/config")
        def config(response: Response) -> dict:
            response.headers["x-goog-api-key"] = os.environ["GEMINI_API_KEY"]
            return {"model": LIVE_MODEL}
    '''
    assert found(code, ("LM501",)) == [(10, "LM501")]


@pytest.mark.parametrize("line", [
    # the server using its key on its own outgoing request is what keys are for
    'http = aiohttp.ClientSession(); http.headers["x-goog-api-key"] = GEMINI_KEY',
    # reading the caller's header, not writing the key
    'seen = request.headers.get("X-Goog-Api-Key") == GEMINI_KEY',
    # a header that says whether a key is set, not the key
    'response.headers["X-Key-Configured"] = str(bool(GEMINI_KEY))',
], ids=["outgoing-request", "request-header", "derived"])
def test_headers_that_do_not_carry_the_key_to_a_client(line: str) -> None:
    code = HEADER.replace("import os\n", "import os\n    import aiohttp\n").replace("RESPONSE_LINE", line)
    assert found(code, ("LM501",)) == []


# --- LM502: the token client is where the finding sits ----------------------------------------
def test_an_explicit_v1_on_another_line_is_reported_on_the_client() -> None:
    code = '''
        from google import genai
        from google.genai import types


        def pinned(token):
            return genai.Client(
                api_key=token.name,
                http_options={"api_version": "v1"},
            )


        def typed(token):
            options = types.HttpOptions(api_version="v1", timeout=30_000)
            return genai.Client(api_key=token.name, http_options=options)
    '''
    assert found(code, ("LM502",)) == [(6, "LM502"), (14, "LM502")]
    [first, second] = check(dedent(code), ("LM502",))
    assert "api_version 'v1' (line 8)" in first.message and "(line 13)" in second.message
    fixed = fixed_text(dedent(code), ("LM502",))
    assert fixed.count('"v1alpha"') == 2 and '"v1"' not in fixed


def test_options_shared_with_a_key_client_are_reported_only_for_the_token_client() -> None:
    code = '''
        import os
        from google import genai
        from google.genai import types

        OPTIONS = types.HttpOptions(api_version="v1")
        admin = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options=OPTIONS)


        def for_token(token):
            return genai.Client(api_key=token.name, http_options=OPTIONS)
    '''
    assert found(code, ("LM502",)) == [(10, "LM502")]


# --- LM503: URLs assembled from constants and pieces -------------------------------------------
def test_a_v1alpha_constant_formatted_into_the_url_is_reported_on_the_constant() -> None:
    code = '''
        HOST = "generativelanguage.googleapis.com"
        API_VERSION = "v1alpha"
        SERVICE = "GenerativeService.BidiGenerateContent"
        LIVE_URL = f"wss://{HOST}/ws/google.ai.generativelanguage.{API_VERSION}.{SERVICE}"
        OTHER_URL = f"wss://{HOST}/ws/google.ai.generativelanguage.{API_VERSION}.GenerativeService.BidiGenerateContent"
        MUSIC_URL = f"wss://{HOST}/ws/google.ai.generativelanguage.{API_VERSION}.GenerativeService.BidiGenerateMusic"
    '''
    assert found(code, ("LM503",)) == [(2, "LM503")]
    [finding] = check(dedent(code), ("LM503",))
    assert finding.fix is None and "`API_VERSION`" in finding.message


def test_a_constant_used_only_for_music_is_not_a_live_endpoint() -> None:
    code = '''
        HOST = "generativelanguage.googleapis.com"
        API_VERSION = "v1alpha"
        MUSIC_URL = f"wss://{HOST}/ws/google.ai.generativelanguage.{API_VERSION}.GenerativeService.BidiGenerateMusic"
    '''
    assert found(code, ("LM503",)) == []


def test_a_url_prefix_constant_before_the_version_is_followed_and_fixed() -> None:
    code = '''
        import os
        WS_BASE = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage"


        def socket_url():
            return f"{WS_BASE}.v1alpha.GenerativeService.BidiGenerateContent?key={os.environ['GEMINI_API_KEY']}"
    '''
    assert found(code, ("LM503",)) == [(6, "LM503")]
    assert ('f"{WS_BASE}.v1beta.GenerativeService.BidiGenerateContent?key='
            in fixed_text(dedent(code), ("LM503",)))


def test_a_url_split_over_two_literals_is_reported_on_the_version_and_fixed() -> None:
    code = '''
        URI = (
            "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService."
            "BidiGenerateContent"
        )
    '''
    assert found(code, ("LM503",)) == [(2, "LM503")]
    assert "generativelanguage.v1beta.GenerativeService.\"\n" in fixed_text(dedent(code), ("LM503",))


def test_pieces_that_do_not_make_a_live_url_are_not_reported() -> None:
    code = '''
        PREFIX = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService."
        MUSIC = PREFIX + "BidiGenerateMusic"
        REST = "https://generativelanguage.googleapis.com/v1alpha/models/" "gemini-2.5-flash:generateContent"
    '''
    assert found(code, ("LM503",)) == []


def test_a_version_chosen_by_a_model_gate_is_not_reported() -> None:
    code = '''
        def ws_url(model, key):
            version = "v1alpha" if model.startswith("gemini-2") else "v1beta"
            return f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{version}.GenerativeService.BidiGenerateContent?key={key}"
    '''
    assert found(code, ("LM503",)) == []
    ungated = code.replace('model.startswith("gemini-2")', "key")
    assert found(ungated, ("LM503",)) == [(2, "LM503")]


def test_the_ephemeral_token_endpoint_from_pieces_is_still_lm502s() -> None:
    code = '''
        BASE = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage"


        def kiosk_url(token):
            return f"{BASE}.v1.GenerativeService.BidiGenerateContentConstrained?access_token={token}"
    '''
    assert found(code, ("LM502", "LM503")) == [(5, "LM502")]
    assert ".v1alpha.GenerativeService.BidiGenerateContentConstrained" in fixed_text(dedent(code), ("LM502",))


# --- LM007: a version switched on by feature flags ---------------------------------------------
def test_v1alpha_switched_on_by_feature_flags_is_reported() -> None:
    code = '''
        from google import genai
        from google.genai import types


        class RealtimeSession:
            def __init__(self, opts):
                http_options = None
                if opts.proactive_audio or opts.affective_dialog:
                    http_options = types.HttpOptions(api_version="v1alpha")
                self._client = genai.Client(api_key=opts.api_key, http_options=http_options)

            async def run(self):
                async with self._client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                    pass
    '''
    assert found(code, ("LM007",)) == [(9, "LM007")]


# --- LM402: a bounded retry around a one-question session --------------------------------------
def test_a_retry_loop_around_the_function_that_opens_the_session_is_not_long_running() -> None:
    code = '''
        from google import genai

        MODEL = "gemini-3.1-flash-live-preview"


        async def one_turn(session):
            async for msg in session.receive():
                if msg.server_content and msg.server_content.turn_complete:
                    break


        async def ask(client, question):
            async with client.aio.live.connect(model=MODEL, config={}) as session:
                await session.send_realtime_input(text=question)
                return await one_turn(session)


        async def ask_with_retries(client, question):
            attempts = 0
            while attempts < 3:
                attempts += 1
                try:
                    return await ask(client, question)
                except TimeoutError:
                    pass
    '''
    assert found(code, ("LM402",)) == []


def test_a_while_loop_in_a_helper_the_session_calls_is_still_long_running() -> None:
    code = '''
        from google import genai

        MODEL = "gemini-3.1-flash-live-preview"


        async def pump(session):
            while True:
                async for msg in session.receive():
                    print(msg.text)


        async def talk(client):
            async with client.aio.live.connect(model=MODEL, config={}) as session:
                await pump(session)
    '''
    assert found(code, ("LM402",)) == [(13, "LM402")]


def test_lm007_follows_a_version_constant_to_its_line_and_lm502_leaves_the_constant() -> None:
    """held-out corpus 2: ``API_VERSION = "v1alpha"`` handed to HttpOptions is reported on the
    constant; a token client's fix never rewrites a constant other code may read."""
    from harness import check, dedent

    code = dedent('''
        from google import genai
        from google.genai import types

        API_VERSION = "v1alpha"
        client = genai.Client(http_options=types.HttpOptions(api_version=API_VERSION))


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await s.send_realtime_input(text="hi")
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM007",))] == [("LM007", 4)]


def test_a_token_returned_by_a_helper_is_a_token() -> None:
    """held-out corpus 2: ``genai.Client(api_key=_mint())`` where ``_mint`` returns what
    ``auth_tokens.create`` made is a token client (LM502: the SDK default version is v1)."""
    from harness import check, dedent

    code = dedent('''
        from google import genai
        minter = genai.Client(http_options={"api_version": "v1alpha"})
        MODEL = "gemini-3.1-flash-live-preview"


        def _mint():
            token = minter.auth_tokens.create(config={"uses": 1})
            return token.name


        async def probe():
            client = genai.Client(api_key=_mint())
            async with client.aio.live.connect(model=MODEL, config={}) as s:
                await s.send_realtime_input(text="hi")
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM502",))] == [("LM502", 12)]


def test_a_key_in_a_url_a_helper_builds_for_the_page_is_handed_out() -> None:
    """held-out corpus 2: a handler hands the page a socket URL that a helper builds with the
    server's key in it."""
    from harness import check, dedent

    code = dedent('''
        import os
        from aiohttp import web
        KEY = os.environ["GEMINI_API_KEY"]
        BASE = "wss://generativelanguage.googleapis.com/ws/x.v1beta.GenerativeService.BidiGenerateContent"


        def socket_url() -> str:
            return f"{BASE}?key={KEY}"


        async def page(request):
            return web.json_response({"socket_url": socket_url(), "model": "gemini-3.1-flash-live-preview"})


        def make_app():
            app = web.Application()
            app.router.add_get("/", page)
            return app
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM501",))] == [("LM501", 8)]
    masked = code.replace('return f"{BASE}?key={KEY}"', 'return f"{BASE}?key={KEY[:4]}"')
    assert check(masked, ("LM501",)) == []


def test_a_dataclass_default_reached_through_params_or_default_is_followed() -> None:
    """held-out corpus 2: ``self._params = params or LiveParams()``; the config reads
    ``self._params.max_tokens``, whose dataclass default is the 2.5 ceiling."""
    from harness import check, dedent

    code = dedent('''
        from dataclasses import dataclass
        from google import genai
        from google.genai import types


        @dataclass
        class LiveParams:
            max_tokens: int = 8192


        class Service:
            def __init__(self, client, params: LiveParams | None = None) -> None:
                self._client = client
                self._params = params or LiveParams()

            async def run(self):
                config = types.LiveConnectConfig(max_output_tokens=self._params.max_tokens)
                async with self._client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
                    await s.send_realtime_input(text="hi")
    ''')
    assert [(f.rule_id, f.line) for f in check(code, ("LM403",))] == [("LM403", 8)]


@pytest.mark.parametrize("options", [
    "    http = {'api_version': 'v1alpha'} if affective else None\n    client = genai.Client(http_options=http)\n",
    "    client = genai.Client(http_options={'api_version': 'v1alpha'} if affective else None)\n",
])
def test_lm007_reports_a_v1alpha_chosen_by_a_conditional(options: str) -> None:
    """held-out corpus 2: a feature flag picks v1alpha in a conditional expression."""
    from harness import check

    code = ("from google import genai\n\n\ndef make(affective: bool):\n" + options
            + "    return client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={})\n")
    assert [f.rule_id for f in check(code, ("LM007",))] == ["LM007"]
