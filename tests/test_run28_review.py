"""A review of the run-28 changes (as a ruff maintainer would read them): each shape a test."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

# a one-shot check of the key, then the conversation, both held in `session` one after the other
SEQUENTIAL = dedent('''
    import asyncio

    from google import genai
    from google.genai import types

    client = genai.Client()
    MODEL = "gemini-2.0-flash-live-001"


    async def main():
        # a quick one-shot check that the key works, then the real conversation
        async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["TEXT"]}) as session:
            await session.send_client_content(turns={"role": "user", "parts": [{"text": "ping"}]}, turn_complete=True)
            async for msg in session.receive():
                print(msg.text)

        config = {"response_modalities": ["TEXT"], "context_window_compression": {"sliding_window": {}}}
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            while True:
                text = await asyncio.to_thread(input, "> ")
                await session.send_client_content(turns={"role": "user", "parts": [{"text": text}]}, turn_complete=True)
                async for msg in session.receive():
                    print(msg.text)
''')
FAC_SCOPE_GENAI_CLIENT = dedent('''
    from google import genai
    from google.genai import types


    def get_client():
        return genai.Client(http_options=types.HttpOptions(api_version="v1alpha"))
''')
FAC_SCOPE_APP = dedent('''
    from google import genai
    from google.genai import types

    from genai_client import get_client


    def summarize(text):
        client = get_client()
        return client.models.generate_content(model="gemini-2.5-flash", contents=text).text


    async def talk():
        client = genai.Client()
        config = types.LiveConnectConfig(response_modalities=["TEXT"],
                                         context_window_compression=types.ContextWindowCompressionConfig(sliding_window=types.SlidingWindow()))
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            await session.send_client_content(turns={"role": "user", "parts": [{"text": "hi"}]}, turn_complete=True)
            async for msg in session.receive():
                print(msg.text)
''')
FAC_TOKENS_GENAI_CLIENT = dedent('''
    from google import genai


    def get_client():
        return genai.Client(http_options={"api_version": "v1alpha"})
''')
FAC_TOKENS_TOKENS = dedent('''
    import datetime

    from genai_client import get_client


    def mint_token():
        client = get_client()
        now = datetime.datetime.now(tz=datetime.timezone.utc)
        token = client.auth_tokens.create(config={"uses": 1, "expire_time": now + datetime.timedelta(minutes=30)})
        return token.name
''')
FAC_TOKENS_LIVE = dedent('''
    from genai_client import get_client


    async def talk():
        client = get_client()
        config = {"response_modalities": ["TEXT"], "context_window_compression": {"sliding_window": {}}}
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            await session.send_client_content(turns={"role": "user", "parts": [{"text": "hi"}]}, turn_complete=True)
            async for msg in session.receive():
                print(msg.text)
''')

# the turn's end tested after the rung only inside the interruption's branch
AFTER_ONLY_IN_A_BRANCH = dedent('''
    from google import genai

    client = genai.Client()


    async def main(play, end, clear):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for msg in session.receive():
                sc = msg.server_content
                if sc is None:
                    continue
                if not sc.model_turn:
                    if sc.turn_complete:
                        end()
                    continue
                for part in sc.model_turn.parts:
                    play(part)
                if sc.interrupted:
                    clear()
                    if sc.turn_complete:
                        end()
''')

# the audio played and skipped past the transcript inside the handler
HANDLER_PLAYS_AUDIO = dedent('''
    from google import genai

    client = genai.Client()


    async def collect(play, transcript):
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config={}) as session:
            async for response in session.receive():
                try:
                    handle_text(response.server_content.model_turn.parts[0].text)
                except (AttributeError, IndexError, TypeError):
                    if response.data:
                        play(response.data)
                        continue
                sc = response.server_content
                if sc and sc.output_transcription:
                    transcript.append(sc.output_transcription.text)


    def handle_text(text):
        if text is None:
            raise TypeError
        print(text)
''')

# a second session's loop asks for function_calls; the first reads tool_call
TWO_SESSIONS = dedent('''
    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[{"name": "lookup", "parameters": {"type": "object"}}])]
    client = genai.Client()


    async def voice():
        config = {"response_modalities": ["AUDIO"], "tools": TOOLS}
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for response in session.receive():
                if response.tool_call:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=fc.id, name=fc.name, response={}) for fc in response.tool_call.function_calls])


    async def text_chat(prompt):
        config = {"response_modalities": ["TEXT"], "tools": TOOLS}
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            await session.send_realtime_input(text=prompt)
            async for response in session.receive():
                if response.function_calls:
                    await session.send_tool_response(function_responses=[
                        types.FunctionResponse(id=fc.id, name=fc.name, response={}) for fc in response.function_calls])
                elif response.text:
                    print(response.text)
''')

# a config copied out of a base by a key filter that drops what a fix would add there
KEY_FILTERED = dedent('''
    from google import genai

    client = genai.Client()
    BASE = {"response_modalities": ["TEXT"], "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Puck"}}}}


    async def ask(text):
        config = {k: v for k, v in BASE.items() if k in {"response_modalities"}}
        async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=config) as session:
            await session.send_realtime_input(text=text)
            async for msg in session.receive():
                print(msg.text)
''')


def test_sessions_held_one_after_the_other_in_one_name_are_not_one_session() -> None:
    assert check(SEQUENTIAL, ("LM402",)) == []


def test_a_factory_client_only_a_models_call_uses_in_the_connecting_module(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"genai_client.py": FAC_SCOPE_GENAI_CLIENT, "app.py": FAC_SCOPE_APP})
    assert "genai_client.py" not in findings_by_file(project, ("LM007",))


def test_a_factory_client_that_also_mints_ephemeral_tokens_keeps_v1alpha(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"genai_client.py": FAC_TOKENS_GENAI_CLIENT, "tokens.py": FAC_TOKENS_TOKENS,
                                          "live.py": FAC_TOKENS_LIVE})
    assert "genai_client.py" not in findings_by_file(project, ("LM007",))


def test_a_field_tested_after_the_rung_only_under_another_field_is_still_lost() -> None:
    assert [(f.rule_id, f.line) for f in check(AFTER_ONLY_IN_A_BRANCH, ("LM302",))] == [("LM302", 12)]


def test_audio_handled_and_skipped_inside_an_except_handler() -> None:
    assert [(f.rule_id, f.line) for f in check(HANDLER_PLAYS_AUDIO, ("LM303",))] == [("LM303", 14)]


def test_function_calls_misread_in_another_sessions_loop() -> None:
    assert [(f.rule_id, f.line) for f in check(TWO_SESSIONS, ("LM305",))] == [("LM305", 22)]


def test_no_fix_adds_a_field_a_key_filter_drops() -> None:
    found = check(KEY_FILTERED, ("LM005",))
    assert found and all(f.fix is None for f in found)
