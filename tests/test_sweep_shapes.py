"""Shapes the real-repository sweep found mishandled (issue 8): each written from the shape,
not from any repository's code."""

from __future__ import annotations

import pytest

from harness import check, dedent, fix, fixed_text


@pytest.mark.parametrize("entry", [
    'pytest.param("{old}", id="native")',
    'Case("{old}", True)',
    'Case(model="{old}", audio=True)',
])
def test_a_model_id_wrapped_in_a_list_entry_is_never_rewritten_into_a_duplicate(entry: str) -> None:
    # A parametrize list over models: the 2.5 entry sits beside the target's in a wrapper call.
    old, new = "gemini-2.5-flash-native-audio-preview-12-2025", "gemini-3.1-flash-live-preview"
    code = dedent(f'''
        import pytest
        from google import genai

        client = genai.Client()
        MODELS = [
            {entry.format(old=old)},
            {entry.format(old=new).replace("native", "new").replace("True", "False")},
        ]
    ''')
    findings = [f for f in check(code, ("LM001",)) if f.rule_id == "LM001"]
    assert len(findings) == 1
    assert findings[0].fix is None
    assert "already listed beside it" in findings[0].message
    assert fix(code, ("LM001",), unsafe=True).fixed is None


def test_unwrapping_a_one_element_media_chunks_list_keeps_the_dict_at_its_new_depth() -> None:
    code = dedent('''
        import json
        URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"


        async def send(ws, chunk):
            await ws.send(json.dumps({
                "realtimeInput": {
                    "mediaChunks": [
                        {
                            # PCM from the microphone
                            "mimeType": "audio/pcm;rate=16000",
                            "data": chunk,
                        }
                    ]
                }
            }))
    ''')
    expected = dedent('''
        import json
        URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"


        async def send(ws, chunk):
            await ws.send(json.dumps({
                "realtimeInput": {
                    "audio": {
                        # PCM from the microphone
                        "mimeType": "audio/pcm;rate=16000",
                        "data": chunk,
                    }
                }
            }))
    ''')
    assert fix(code, ("LM104",), unsafe=True).fixed.decode() == expected


def test_unwrapping_media_chunks_in_a_realtime_input_object_dedents_the_blob() -> None:
    code = dedent('''
        from google.genai import types

        def frame(chunk):
            return types.LiveClientRealtimeInput(
                media_chunks=[
                    types.Blob(
                        data=chunk,
                        mime_type="audio/pcm;rate=16000",
                    )
                ]
            )
    ''')
    expected = dedent('''
        from google.genai import types

        def frame(chunk):
            return types.LiveClientRealtimeInput(
                audio=types.Blob(
                    data=chunk,
                    mime_type="audio/pcm;rate=16000",
                )
            )
    ''')
    assert fix(code, ("LM104",), unsafe=True).fixed.decode() == expected


@pytest.mark.parametrize("call, expected", [
    (  # the layout and the input's comment stay; the dropped argument's line goes
        '''await session.send(
            input="Hello there",  # greeting
            end_of_turn=True,
        )''',
        '''await session.send_realtime_input(
            text="Hello there",  # greeting
        )''',
    ),
    (
        '''await session.send(
            input="Hello there",
            end_of_turn=True
        )''',
        '''await session.send_realtime_input(
            text="Hello there",
        )''',
    ),
    (
        '''await session.send(
            "Hello there", end_of_turn=True,
        )''',
        '''await session.send_realtime_input(
            text="Hello there",
        )''',
    ),
    ('await session.send(input="Hello there", end_of_turn=True)',
     'await session.send_realtime_input(text="Hello there")'),
    ('await session.send("Hello there", end_of_turn=True)',
     'await session.send_realtime_input(text="Hello there")'),
])
def test_a_rewritten_send_keeps_the_calls_layout(call: str, expected: str) -> None:
    head = dedent('''
        from google import genai

        client = genai.Client()


        async def run():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
    ''')
    indent = lambda text: "".join("        " + line for line in dedent(text).splitlines(True)) + "\n"
    findings = [f for f in check(head + indent(call), ("LM103",)) if f.rule_id == "LM103"]
    assert findings[0].fix is not None and findings[0].fix.applicability.value == "safe"
    assert fix(head + indent(call), ("LM103",)).fixed.decode() == head + indent(expected)


def test_a_session_a_helper_opens_with_aenter_has_its_connects_model() -> None:
    # The session is stored on self from what a helper returns: `await cm.__aenter__()`.
    code = dedent('''
        from google import genai
        from google.genai import types

        MODEL = "gemini-3.1-flash-live-preview"


        class Agent:
            def __init__(self):
                self.client = genai.Client()
                self.session = None

            async def _open(self):
                config = types.LiveConnectConfig(response_modalities=["AUDIO"])
                self._ctx = self.client.aio.live.connect(model=MODEL, config=config)
                return await self._ctx.__aenter__()

            async def start(self):
                self.session = await self._open()

            async def say(self):
                await self.session.send(input="hello", end_of_turn=True)


        async def probe(client):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await s.send_realtime_input(text="x")
    ''')
    found = [f for f in check(code, ("LM103",)) if f.rule_id == "LM103"]
    assert found and found[0].fix.applicability.value == "safe", found[0].fix


def test_frames_a_test_expects_through_a_snapshot_wrapper_are_not_sent() -> None:
    # `assert sent == snapshot({...})` (inline-snapshot, syrupy): the dict is what the test
    # expects. Rewriting it would edit the expectation, not the program.
    code = dedent('''
        from inline_snapshot import snapshot


        def test_wire(sent):
            assert sent[0] == snapshot({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-09-2025",
                                                  "generationConfig": {"responseModalities": ["AUDIO"]}}})
            assert sent[1] == snapshot({"client_content": {"turns": [{"role": "user", "parts": [{"text": "hi"}]}],
                                                           "turnComplete": False}})
    ''')
    found = check(code)
    assert [f.rule_id for f in found if f.rule_id != "LM001"] == []
    assert all(f.fix is None or f.fix.applicability.value == "unsafe" for f in found)


def test_a_raw_turn_end_frame_after_audio_is_not_a_history_seed() -> None:
    code = dedent('''
        import json
        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def talk(ws, chunks):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
            for chunk in chunks:
                await ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": chunk}}}))
            await ws.send(json.dumps({"client_content": {"turn_complete": True}}))
    ''')
    found = [f for f in check(code) if f.rule_id in ("LM101", "LM102")]
    assert [f.rule_id for f in found] == ["LM101"], [(f.rule_id, f.message) for f in found]
    assert "audioStreamEnd" in found[0].message
    # the turn-end signal in the frame's own (snake_case) spelling, unsafe (tests/test_lm101_turn_end.py)
    assert '{"realtime_input": {"audio_stream_end": True}}' in fixed_text(code, ("LM101",), unsafe=True)


def test_a_turn_end_that_closes_a_seed_is_part_of_the_seed() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client()
        CONFIG = {"history_config": {"initial_history_in_client_content": True}}


        async def main(history):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as s:
                await s.send_client_content(turns=history, turn_complete=False)
                await s.send_client_content(turn_complete=True)
                await s.send_realtime_input(text="hi")
    ''')
    assert [f.rule_id for f in check(code) if f.rule_id in ("LM101", "LM102")] == []


def test_a_first_part_read_inside_a_guard_is_not_hoisted_out_of_it() -> None:
    # The unsafe loop would evaluate `parts` before the guard that checks model_turn exists:
    # AttributeError on every tool call, transcript and turn end.
    code = dedent('''
        from google import genai
        client = genai.Client()


        async def watch():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                async for msg in session.receive():
                    if not (msg.server_content and msg.server_content.model_turn
                            and msg.server_content.model_turn.parts[0].inline_data):
                        print("non-audio message", msg)
    ''')
    found = [f for f in check(code, ("LM301",)) if f.rule_id == "LM301"]
    assert len(found) == 1 and found[0].fix is None


def test_a_model_constant_that_reaches_no_session_here_moves_only_as_an_unsafe_fix() -> None:
    # config.py holds the id; the module that imports it still sends proactivity. Moving the
    # id from config.py alone would run that module's 2.5 settings on the target.
    found = [f for f in check('MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n') if f.rule_id == "LM001"]
    assert found[0].fix.applicability.value == "unsafe"
    assert any("reaches no Live session in this module" in r for r in found[0].fix.unsafe_reasons)
    here = dedent('''
        from google import genai
        client = genai.Client()
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


        async def main():
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")
    ''')
    assert [f.fix.applicability.value for f in check(here) if f.rule_id == "LM001"] == ["safe"]


def test_a_module_that_only_calls_generate_content_is_not_parsed() -> None:
    from livemigrate.prefilter import may_touch_live_api

    generate_only = (b"from google import genai\nclient = genai.Client()\n"
                     b"r = client.models.generate_content(model='gemini-2.5-flash', contents='hi')\n")
    assert not may_touch_live_api(generate_only)
    assert may_touch_live_api(generate_only, user_rules=True)  # a user's rule may look at it
    assert may_touch_live_api(generate_only + b"async with client.aio.live.connect(model=m) as s: pass\n")
    assert may_touch_live_api(b"from google import genai\nclient = genai.Client(api_key=token.name)\n")
    assert may_touch_live_api(b"MODEL = 'gemini-3.1-flash-live-preview'\n")


def test_django_live_server_test_cases_are_not_live_api_code() -> None:
    """Django's LiveServerTestCase (a web test server) shares a prefix with the SDK's
    LiveServerMessage: a code base full of them must not be parsed for nothing."""
    from livemigrate.prefilter import may_touch_live_api

    assert not may_touch_live_api(b"from django.test import LiveServerTestCase\n"
                                  b"class T(StaticLiveServerTestCase):\n    live_server_url = ''\n")
    for name in (b"LiveServerMessage", b"LiveServerContent", b"LiveServerToolCall", b"LiveServerGoAway",
                 b"LiveServerSetupComplete", b"LiveServerSessionResumptionUpdate",
                 b"LiveServerToolCallCancellation"):
        assert may_touch_live_api(b"def on(message: types." + name + b") -> None: ...\n"), name


def test_a_tool_response_sent_with_send_is_rewritten_safely_whatever_the_model() -> None:
    code = dedent('''
        from google.genai import types


        async def answer(session, call_id, result):
            await session.send(input=types.LiveClientToolResponse(
                function_responses=[types.FunctionResponse(id=call_id, name="f", response=result)]))
    ''')
    found = [f for f in check(code, ("LM103",)) if f.rule_id == "LM103"]
    assert found and found[0].fix.applicability.value == "safe", found[0].fix


def test_a_field_set_only_behind_a_2x_capability_flag_is_gated() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types


        class Bridge:
            def __init__(self, model: str):
                self.model = model
                self._async_ok = "native-audio" in model

            async def reply(self, session, call_id, result):
                await session.send_tool_response(function_responses=[types.FunctionResponse(
                    id=call_id, name="f", response=result,
                    scheduling=types.FunctionResponseScheduling.INTERRUPT if self._async_ok else None,
                )])
    ''')
    assert [f.rule_id for f in check(code, ("LM202",))] == []


def test_a_first_part_that_is_only_logged_drops_nothing() -> None:
    code = dedent('''
        import logging
        from google import genai
        client = genai.Client()
        log = logging.getLogger(__name__)


        async def record(wav):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                async for msg in session.receive():
                    if msg.data is not None:
                        wav.writeframes(msg.data)
                        log.debug("first part %s", msg.server_content.model_turn.parts[0])
    ''')
    assert [f.rule_id for f in check(code, ("LM301",))] == []
    # Printing the first part's MIME type was exempt too, until measurement 23's labeller marked
    # it and the cookbook's own 3.1 migration was seen to rewrite that very line: the first part
    # need not hold inline data there (a text part), and the read raises. Reported, no fix.
    mime = code.replace('                log.debug("first part %s", msg.server_content.model_turn.parts[0])\n',
                        '                print(msg.server_content.model_turn.parts[0].inline_data.mime_type)\n')
    assert mime != code
    found = check(mime, ("LM301",))
    assert [(f.rule_id, f.line, f.fix) for f in found] == [("LM301", 12, None)]
    assert "need not hold inline data" in found[0].message


def test_a_guard_on_the_first_part_moves_into_a_loop_over_every_part() -> None:
    # The loop must check each part as the guard checked the first: a text part in a mixed
    # event has no inline_data.
    head = dedent('''
        from google import genai
        client = genai.Client()


        async def collect(chunks):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                async for msg in session.receive():
                    sc = msg.server_content
    ''')
    before = head + ("            if sc and sc.model_turn and sc.model_turn.parts[0].inline_data:\n"
                     "                chunks.append(sc.model_turn.parts[0].inline_data.data)  # audio\n")
    after = head + ("            if sc and sc.model_turn:\n"
                    "                for part in sc.model_turn.parts:\n"
                    "                    if part.inline_data:\n"
                    "                        chunks.append(part.inline_data.data)  # audio\n")
    assert fix(before, ("LM301",), unsafe=True).fixed.decode() == after


def test_a_model_constant_handed_to_a_live_helper_or_token_constraints_is_live() -> None:
    """`model=` of a function of this module that opens a Live session with it, or of an
    ephemeral token's LiveConnectConstraints, is no non-Live use: the id moves with a fix."""
    code = dedent('''
        import datetime
        from google import genai
        from google.genai import types

        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
        FALLBACK = "gemini-2.0-flash-live-001"
        client = genai.Client(http_options={"api_version": "v1alpha"})


        async def speak(text, model=MODEL):
            async with client.aio.live.connect(model=model, config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text=text)


        async def greet():
            await speak("hi", model=FALLBACK)


        def mint():
            return client.auth_tokens.create(config=types.CreateAuthTokenConfig(
                uses=1, live_connect_constraints=types.LiveConnectConstraints(model=MODEL)))
    ''')
    messages = [f.message for f in check(code) if f.rule_id == "LM001"]
    assert len(messages) == 2 and not [m for m in messages if "non-Live" in m], messages
    fixed = fixed_text(code, unsafe=True)
    assert "gemini-2.5" not in fixed and "gemini-2.0" not in fixed


def test_the_grouped_prefilter_finds_exactly_what_one_alternation_finds() -> None:
    """The prefilter scans once per anchor; what it admits is what a regex over every marker
    admits, on every marker alone, each marker cut short, and every file of the repository."""
    import re

    from harness import REPO
    from livemigrate.prefilter import _markers, may_touch_live_api

    markers = _markers()
    alternation = re.compile(b"|".join(re.escape(m) for m in markers))
    samples = [b"x = " + m + b"\n" for m in markers] + [b"x = " + m[1:-1] + b"\n" for m in markers]
    samples += [p.read_bytes() for p in sorted(REPO.rglob("*.py")) if ".git" not in p.parts]
    for data in samples:
        expected = alternation.search(data) is not None or (b"genai" in data and re.search(
            rb"token|noqa|livemigrate:|proactive_audio|affective_dialog", data) is not None)
        assert may_touch_live_api(data) == expected, data[:200]


def test_an_app_websocket_protocol_with_live_like_keys_is_not_live() -> None:
    """A chat-room socket whose own frames say "toolCall" / "serverContent" / "usageMetadata", in a
    module with no Live endpoint and no google-genai: not a Live server message (held-out corpus 2)."""
    code = dedent('''
        import json
        from fastapi import FastAPI, WebSocket

        app = FastAPI()


        @app.websocket("/rooms/{room}")
        async def room_socket(ws: WebSocket, room: str) -> None:
            while True:
                msg = json.loads(await ws.receive_text())
                if "toolCall" in msg:
                    await ws.send_text("tool")
                elif "serverContent" in msg:
                    await ws.send_text("content")
                elif "usageMetadata" in msg:
                    await ws.send_text("usage")
    ''')
    assert [f.rule_id for f in check(code)] == []
    raw_client = code.replace("app = FastAPI()", 'app = FastAPI()\nURI = "wss://generativelanguage.googleapis.com/ws/'
                                                  'google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"')
    assert "LM302" in [f.rule_id for f in check(raw_client)]


def test_openai_style_tool_calls_are_not_live_api_code() -> None:
    from livemigrate.prefilter import may_touch_live_api

    assert not may_touch_live_api(b"for tool_call in message.tool_calls:\n"
                                  b"    run(tool_call.function.name, tool_call_id=tool_call.id)\n")
    assert may_touch_live_api(b"for fc in msg.tool_call.function_calls:\n    answer(fc)\n")
