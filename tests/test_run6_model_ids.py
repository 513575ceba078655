"""Run 6: model ids.

LM001 missed ``gemini-2.0-flash-exp`` (a 2.x Live id that is also a text model, so reported
only when it reaches Live) kept in ``self.model`` and sent in a raw WebSocket setup frame
through an f-string (``{"setup": {"model": f"models/{self.model}"}}``): the f-string's
placeholder was followed only when it was a plain name, and even then the literal behind it
was not recorded as the session's model.

LM001 and LM501 reported modules that use the old ``google.generativeai`` SDK
(``GenerativeModel(...).generate_content``) and open no Live session: a Live-only id given to a
text model is not Live code, and moving it to the Live-only 3.1 id would make
``generate_content`` fail with a 404.
"""

from __future__ import annotations

from harness import check, dedent, fixed_text

TARGET = "gemini-3.1-flash-live-preview"

RAW_CLASS = dedent('''
    import json
    import os
    from websockets import connect

    class VoiceLink:
        def __init__(self):
            self.key = os.environ["GEMINI_API_KEY"]
            self.model = "gemini-2.0-flash-exp"
            self.url = ("wss://generativelanguage.googleapis.com/ws/"
                        "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
                        f"?key={self.key}")

        async def open(self):
            self.ws = await connect(self.url)
            frame = {
                "setup": {
                    "model": f"models/{self.model}",
                    "generation_config": {"response_modalities": ["AUDIO"]},
                }
            }
            await self.ws.send(json.dumps(frame))
            return await self.ws.recv()
''')


def test_a_self_attribute_in_a_raw_setup_frame_f_string_is_the_sessions_model() -> None:
    (finding,) = check(RAW_CLASS, ("LM001",))
    assert finding.line == 8
    text = fixed_text(RAW_CLASS, ("LM001",), unsafe=True)
    assert f'self.model = "{TARGET}"' in text
    assert 'f"models/{self.model}"' in text


def test_an_inline_setup_frame_sent_from_another_method_with_a_private_attribute() -> None:
    code = dedent('''
        import json
        import os
        from websockets.asyncio.client import connect

        class Assistant:
            def __init__(self):
                self._key = os.environ.get("GEMINI_API_KEY")
                self._model = "gemini-2.0-flash-exp"
                self._uri = f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key={self._key}"

            async def _dial(self):
                return await connect(self._uri)

            async def start(self):
                self._ws = await self._dial()
                await self._ws.send(json.dumps({"setup": {"model": f"models/{self._model}"}}))
                await self._ws.recv()
    ''')
    (finding,) = check(code, ("LM001",))
    assert finding.line == 8


def test_a_module_constant_in_a_raw_setup_frame_f_string_is_the_sessions_model() -> None:
    code = dedent('''
        import json
        from websockets import connect
        URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
        MODEL_NAME = "gemini-2.0-flash-exp"

        async def run(key):
            async with connect(f"{URL}?key={key}") as ws:
                await ws.send(json.dumps({"setup": {"model": f"models/{MODEL_NAME}"}}))
    ''')
    (finding,) = check(code, ("LM001",))
    assert finding.line == 4


def test_the_text_model_in_a_rest_url_f_string_is_not_live() -> None:
    code = dedent('''
        import requests

        class Summary:
            def __init__(self, key):
                self.key = key
                self.model = "gemini-2.0-flash-exp"

            def ask(self, prompt):
                url = f"https://generativelanguage.googleapis.com/v1beta/models/{self.model}:generateContent"
                body = {"contents": [{"parts": [{"text": prompt}]}]}
                return requests.post(url, json=body, params={"key": self.key}).json()
    ''')
    assert check(code, ("LM001",)) == []


OLD_SDK = dedent('''
    import google.generativeai as palm

    palm.configure(api_key="AIzaSyQ7mW2vK9rT4xL8nB3cJ6hF1dG5sA0eZpY")
    vision = palm.GenerativeModel("models/gemini-2.0-flash-live-001")

    def describe(picture, question):
        answer = vision.generate_content([question, picture], stream=True)
        return answer.text
''')


def test_an_old_sdk_text_model_on_a_live_only_id_is_not_live_code() -> None:
    assert check(OLD_SDK, ("LM001", "LM501")) == []
    assert fixed_text(OLD_SDK, ("LM001",), unsafe=True) == OLD_SDK


def test_an_old_sdk_model_constant_used_in_a_function_is_not_live_code() -> None:
    code = dedent('''
        import os
        import google.generativeai as genai

        genai.configure(api_key=os.getenv("GEMINI_API_KEY"))
        VISION_MODEL = "models/gemini-2.0-flash-live-001"

        async def look(path, prompt):
            model = genai.GenerativeModel(model_name=VISION_MODEL)
            return model.generate_content([prompt, path]).text
    ''')
    assert check(code, ("LM001",)) == []


def test_a_live_only_id_given_only_to_generate_content_is_not_live_code() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client(api_key="AIzaSyQ7mW2vK9rT4xL8nB3cJ6hF1dG5sA0eZpY")
        MODEL = "gemini-2.0-flash-live-001"
        print(client.models.generate_content(model=MODEL, contents="hi").text)
    ''')
    assert check(code, ("LM001", "LM501")) == []


def test_a_live_only_constant_alone_is_still_reported() -> None:
    # a config module: its users are elsewhere, so the id is reported where it is written
    (finding,) = check('LIVE_MODEL = "gemini-2.0-flash-live-001"\n', ("LM001",))
    assert finding.line == 1


def test_an_old_sdk_module_that_also_opens_a_live_session_is_live_code() -> None:
    code = dedent('''
        import google.generativeai as legacy
        from google import genai

        KEY = "AIzaSyQ7mW2vK9rT4xL8nB3cJ6hF1dG5sA0eZpY"
        client = genai.Client(api_key=KEY)
        titles = legacy.GenerativeModel("gemini-1.5-flash")

        async def talk():
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:
                await session.send_realtime_input(text="hi")
    ''')
    found = sorted((f.rule_id, f.line) for f in check(code, ("LM001", "LM501")))
    assert found == [("LM001", 9), ("LM501", 4)]
