"""The seed, raw-frame and server-field rules on the shapes the fifth held-out corpus, the third
expert set and real repositories showed them getting wrong: a seeding method on ``self`` whose
session each caller opens, raw frames on a socket that is not a Live endpoint, dicts handed to a
mock and never sent, and handler ladders over the fields of one message. Each case comes with
the near miss that must (not) be reported."""

from __future__ import annotations

from harness import dedent, fixed_text, linter


def found(code: str, select: tuple[str, ...]) -> list[tuple[int, str]]:
    report = linter(select).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return sorted((f.line, f.rule_id) for f in report.findings)


# --- a seeding method on self: each caller's session is the one it opens -------------------------
COACH = '''
    from google import genai

    MODEL = "gemini-3.1-flash-live-preview"
    CONFIG = {"response_modalities": ["AUDIO"], "history_config": {"initial_history_in_client_content": True}}
    HISTORY = [{"role": "user", "parts": [{"text": "I am Ada"}]}, {"role": "model", "parts": [{"text": "Hi"}]}]


    class Coach:
        def __init__(self, client):
            self.client = client
            self.session = None

        async def _seed(self):
            await self.session.send_client_content(turns=HISTORY, turn_complete=True)

        async def _listen(self):
            async for message in self.session.receive():
                print(message)

        async def first(self):
            async with self.client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                self.session = session
                await self._seed()
                await self._listen()
'''  # 24 lines: the code below starts on line 25

SEED_RULES = ("LM107", "LM108")


def test_realtime_text_before_a_seeding_method_in_a_later_session_races_it() -> None:
    code = COACH + '''
        async def second(self, topic):
            async with self.client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                self.session = session
                await session.send_realtime_input(text=topic)
                await self._seed()
                await self._listen()
    '''
    # first(): LM108 on its seed call; second(): LM107 on the text, no LM108 stacked on it
    assert found(code, SEED_RULES) == [(23, "LM108"), (29, "LM107")]


def test_realtime_text_after_a_seeding_method_in_a_later_session_is_its_first_turn() -> None:
    code = COACH + '''
        async def second(self):
            async with self.client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                self.session = session
                await self._seed()
                await session.send_realtime_input(text="Start the interview.")
                await self._listen()
    '''
    assert found(code, SEED_RULES) == [(23, "LM108")]


def test_a_seeding_method_then_a_read_in_a_later_session_still_waits_in_silence() -> None:
    code = COACH + '''
        async def second(self):
            async with self.client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                self.session = session
                await self._seed()
                await self._listen()
    '''
    assert found(code, SEED_RULES) == [(23, "LM108"), (29, "LM108")]


# --- raw frames: the app's own socket, and dicts a mock returns -----------------------------------
PROXY_APP = '''
    import json

    import websockets

    BASE = "ws://127.0.0.1:8000"
    LIVE = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    PROXY_PATH = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"


    async def test_text_turn_gets_an_answer():
        async with websockets.connect({url}) as ws:
            await ws.recv()
            await ws.send(json.dumps({{"clientContent": {{"turns": [{{"role": "user", "parts": [{{"text": "Say hi"}}]}}],
                                                         "turnComplete": True}}}}))
            print(await ws.recv())
'''


def test_a_frame_sent_to_the_apps_own_socket_is_not_live() -> None:
    assert found(PROXY_APP.format(url='f"{BASE}/ws?text_only=true"'), ("LM101",)) == []
    assert found(PROXY_APP.format(url='BASE + "/ws"'), ("LM101",)) == []


def test_a_frame_sent_to_the_live_endpoint_or_an_unknown_url_still_is() -> None:
    assert found(PROXY_APP.format(url="LIVE"), ("LM101",)) == [(13, "LM101")]
    # the app's proxy of the Live endpoint forwards Live frames
    assert found(PROXY_APP.format(url='f"{BASE}{PROXY_PATH}"'), ("LM101",)) == [(13, "LM101")]
    # a URL the module cannot tell (a parameter, the environment)
    assert found(PROXY_APP.format(url="url").replace("async def test_text_turn_gets_an_answer():",
                                                     "async def test_text_turn_gets_an_answer(url):"),
                 ("LM101",)) == [(13, "LM101")]


MOCKED = '''
    import json
    from unittest.mock import AsyncMock

    from google import genai

    PROXY = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"


    async def test_forwards_{name}(bridge, gemini, client_ws):
        msg = {frame}
        client_ws.receive_json = AsyncMock(side_effect=[msg, ConnectionError()])
        await bridge.receive_from_client()
        gemini._ws.send.assert_called_once_with(json.dumps(msg))
'''
MEDIA = '{"realtimeInput": {"mediaChunks": [{"data": "abc"}]}}'
CONTENT = '{"clientContent": {"turns": [], "turnComplete": True}}'


def test_a_dict_a_mock_returns_is_no_frame() -> None:
    assert found(MOCKED.format(name="media", frame=MEDIA), ("LM104",)) == []
    assert found(MOCKED.format(name="content", frame=CONTENT), ("LM101",)) == []
    returned = MOCKED.format(name="media", frame=MEDIA).replace(
        "client_ws.receive_json = AsyncMock(side_effect=[msg, ConnectionError()])",
        "client_ws.receive_json.return_value = msg")
    assert found(returned, ("LM104",)) == []


def test_the_same_dict_sent_on_a_socket_is_a_frame() -> None:
    sent = MOCKED.format(name="media", frame=MEDIA).replace(
        "await bridge.receive_from_client()", "await gemini._ws.send(json.dumps(msg))")
    assert found(sent, ("LM104",)) == [(10, "LM104")]
    sent = MOCKED.format(name="content", frame=CONTENT).replace(
        "await bridge.receive_from_client()", "await gemini._ws.send(json.dumps(msg))")
    assert found(sent, ("LM101",)) == [(10, "LM101")]


# --- LM102: a seed sent only on some paths ---------------------------------------------------------
GUARDED = '''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


    async def main(load_history, mic):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            history = load_history()
            {send}
            async for chunk in mic:
                await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
'''
DECLARED = 'CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"], ' \
    'history_config=types.HistoryConfig(initial_history_in_client_content=True))'


def _lm102(code: str):
    report = linter(("LM102",)).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


def test_declaring_a_seed_sent_only_when_there_is_history_is_unsafe() -> None:
    code = GUARDED.format(send='if history:\n'
                          '                await session.send_client_content(turns=history, turn_complete=False)')
    [finding] = _lm102(code)
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    assert any("every path" in reason for reason in finding.fix.unsafe_reasons)
    assert "only when" in finding.message
    assert fixed_text(dedent(code), ("LM102",)) == dedent(code)  # nothing safe to apply
    assert DECLARED in fixed_text(dedent(code), ("LM102",), unsafe=True)


def test_declaring_a_seed_sent_on_every_path_stays_safe() -> None:
    code = GUARDED.format(send='await session.send_client_content(turns=history, turn_complete=False)')
    [finding] = _lm102(code)
    assert finding.fix is not None and finding.fix.applicability.value == "safe"
    assert "only when" not in finding.message
    assert DECLARED in fixed_text(dedent(code), ("LM102",))
