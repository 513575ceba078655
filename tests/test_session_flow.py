"""Session flow in the shapes real code takes: sessions through helpers and tasks, held on
self, raw WebSocket clients; and the phase (seed / during) each send gets."""

from __future__ import annotations

import libcst as cst
import pytest

from livemigrate.analysis.live_model import build_live_model

from harness import check, dedent, fixed_text


def phases(code: str) -> list[tuple[int, str]]:
    source = dedent(code)
    module = cst.parse_module(source)
    live = build_live_model(module, source)
    from libcst.metadata import MetadataWrapper, PositionProvider

    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return [(positions[c.call].start.line, c.phase) for c in live.flow.calls_named("send_client_content")]


def ids_by_line(code: str, select=("LM0", "LM1", "LM2", "LM3")) -> list[tuple[int, str]]:
    # the session-flow families; the session-length and security advice (LM4, LM5) is not what
    # these snippets are about
    return [(f.line, f.rule_id) for f in check(dedent(code), select)]


def test_taskgroup_sender_makes_later_text_mid_session() -> None:
    code = '''
        import asyncio
        from google import genai

        async def pump(session, mic):
            async for chunk in mic:
                await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})

        async def main(client: genai.Client, mic):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(pump(session, mic))
                    await session.send_client_content(turns="What did I just say?")
    '''
    assert phases(code) == [(12, "during")]
    assert ids_by_line(code) == [(12, "LM101")]
    assert 'await session.send_realtime_input(text="What did I just say?")' in fixed_text(dedent(code))


def test_gather_of_helpers() -> None:
    code = '''
        import asyncio
        from google import genai

        async def typed(session, lines):
            async for line in lines:
                await session.send_client_content(turns=line)

        async def listen(session):
            async for message in session.receive():
                print(message.server_content)

        async def main(client: genai.Client, lines):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await asyncio.gather(typed(session, lines), listen(session))
    '''
    # `for line in lines` is not a history loop: the helper runs as a task beside receive
    assert phases(code) == [(6, "during")]


def test_seed_then_audio_in_a_helper_called_once() -> None:
    code = '''
        from google import genai
        from google.genai import types

        CONFIG = types.LiveConnectConfig(history_config=types.HistoryConfig(initial_history_in_client_content=True))

        async def seed(session, history):
            await session.send_client_content(turns=history, turn_complete=True)

        async def main(client: genai.Client, history, mic):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
                await seed(session, history)
                async for chunk in mic:
                    await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
    '''
    assert phases(code) == [(7, "seed")]
    assert ids_by_line(code) == []


def test_session_on_self_used_by_a_ui_callback() -> None:
    code = '''
        from google import genai

        class Voice:
            def __init__(self, client: genai.Client):
                self.client = client

            async def start(self):
                self.session = await self.client.aio.live.connect(
                    model="gemini-3.1-flash-live-preview", config={}).__aenter__()

            async def on_submit(self, text: str):
                await self.session.send_client_content(turns={"parts": [{"text": text}]}, turn_complete=True)
    '''
    (finding,) = check(dedent(code))
    assert (finding.line, finding.rule_id) == (12, "LM101")
    assert "not called in this module" in finding.message
    assert "await self.session.send_realtime_input(text=text)" in fixed_text(dedent(code))


def test_send_on_a_non_live_session_is_not_flagged() -> None:
    code = '''
        import aiohttp
        from google import genai

        async def post(session: aiohttp.ClientSession, url):
            await session.send(url)
            async for chunk in session.receive():
                print(chunk.text)
    '''
    assert ids_by_line(code) == []


def test_generate_content_parts_and_text_are_not_live_messages() -> None:
    code = '''
        from google import genai

        client = genai.Client()

        async def run():
            reply = await client.aio.models.generate_content(model="gemini-2.5-flash", contents="x")
            print(reply.text, reply.candidates[0].content.parts[0].text)
            if reply.candidates:
                pass
            elif reply.prompt_feedback:
                pass
    '''
    assert ids_by_line(code) == []


def test_raw_client_seed_and_mid_session_frames() -> None:
    code = '''
        import json
        import websockets

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"

        async def main(key, history, lines):
            async with websockets.connect(f"{URI}?key={key}") as ws:
                await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
                await ws.recv()
                await ws.send(json.dumps({"clientContent": {"turns": history, "turnComplete": False}}))
                async for line in lines:
                    await ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": line}]}], "turnComplete": True}}))
    '''
    # undeclared and left open: one finding; the open seed is reported once it is declared
    findings = check(dedent(code))
    assert [(f.line, f.rule_id) for f in findings] == [(10, "LM102"), (12, "LM101")]
    assert "end it with turn_complete=True" in findings[0].message


def test_version_gated_send_is_left_alone() -> None:
    code = '''
        from google import genai

        async def say(session, model: str, text: str):
            if model.startswith("gemini-2"):
                await session.send_client_content(turns=text, turn_complete=True)
                await session.send(input=text, end_of_turn=True)
            else:
                await session.send_realtime_input(text=text)
    '''
    assert ids_by_line(code) == []


@pytest.mark.parametrize("shape", [
    "part = msg.server_content.model_turn.parts[0]",
    "parts = msg.server_content.model_turn.parts\n                part = parts[0]",
    "turn = msg.server_content.model_turn\n                part = turn.parts[-1]",
])
def test_first_part_spellings(shape: str) -> None:
    code = f'''
        async def loop(session):
            async for msg in session.receive():
                {shape}
                print(part)
    '''
    assert [rule for _, rule in ids_by_line(code)] == ["LM301"]


@pytest.mark.parametrize("read", [
    "await session._receive()",
    "await anext(session.receive())",
    "await session.receive().__anext__()",
])
def test_single_message_reads_are_live_messages(read: str) -> None:
    code = f'''
        from google import genai

        async def main(client: genai.Client):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={{"response_modalities": ["AUDIO"]}}) as session:
                message = {read}
                print(message.text)
                if message.tool_call:
                    pass
                elif message.usage_metadata:  # rides with any kind of message
                    pass
    '''
    assert ids_by_line(code) == [(7, "LM304"), (8, "LM302")]


def test_a_tests_expected_frames_are_not_sent_frames() -> None:
    from harness import check, dedent

    code = dedent('''
        def test_setup_frame(sent_frames):
            assert sent_frames("setup") == [
                {"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025",
                           "generationConfig": {"responseModalities": ["AUDIO"]}}}
            ]

        def test_seed_frame(sent_frames):
            assert sent_frames("client_content") == [
                {"client_content": {"turns": [{"role": "user", "parts": [{"text": "Do you like tea?"}]},
                                              {"role": "model", "parts": [{"text": "I do."}]}],
                                    "turnComplete": False}}
            ]
            assert {"realtimeInput": {"text": "hi"}} != sent_frames("realtime")[0]
    ''')
    assert [f.rule_id for f in check(code, ("LM1", "LM0"))] == ["LM001"]  # the id itself is still reported
