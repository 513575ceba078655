"""The receive-side rewrites (LM301-LM307): shapes beyond the rules' own examples, the cases
where a rewrite would change more than it should (no fix), and an example app that, once
fixed, receives every audio chunk and the transcript from the strict 3.1 emulator."""

from __future__ import annotations

import asyncio
import types as pytypes
from pathlib import Path

import pytest

from livemigrate.testing import verify_fix

from harness import REPO, check, dedent, fixed_text, linter

APP = REPO / "fixtures" / "apps" / "turn_player"
RECEIVE = ("LM301", "LM302", "LM303", "LM304", "LM305", "LM306", "LM307")


def fixed(code: str, rule: str) -> str:
    """``code`` after ``fix --unsafe-fixes --select rule``, through the one harness."""
    source = dedent(code)
    verify_fix(linter((rule,)), source.encode(), unsafe=True)
    return fixed_text(source, (rule,), unsafe=True)


def fixes(code: str, rule: str) -> list:
    return [f.fix for f in check(dedent(code), (rule,))]


# --- LM301: a loop over every part -------------------------------------------------------------
def test_lm301_a_statement_between_the_part_and_its_use_keeps_the_code_as_it_is() -> None:
    # the log line has nothing to do with the part: a loop would repeat it per part
    code = '''
        async def play(session, out, log):
            async for m in session.receive():
                part = m.server_content.model_turn.parts[0]
                log.info("got a message")
                out.write(part.inline_data.data)
    '''
    assert fixes(code, "LM301") == [None]


def test_lm301_a_part_read_after_the_statements_keeps_the_code_as_it_is() -> None:
    code = '''
        async def first_mime(session):
            async for m in session.receive():
                part = m.server_content.model_turn.parts[0]
                print(part.inline_data.mime_type)
                break
            return part
    '''
    assert fixes(code, "LM301") == [None]


def test_lm301_two_part_reads_are_not_nested_into_pairs() -> None:
    code = '''
        async def ends(session):
            async for m in session.receive():
                parts = m.server_content.model_turn.parts
                first = parts[0]
                last = parts[-1]
                print(first, last)
    '''
    assert fixes(code, "LM301") == [None, None]  # a loop would pair the first part with each one


def test_lm301_keeps_the_loop_name_free() -> None:
    # `part` is already a name of the function: the loop takes another
    code = '''
        async def play(session, out, part):
            async for m in session.receive():
                out.write(m.server_content.model_turn.parts[0].inline_data.data, part)
    '''
    out = fixed(code, "LM301")
    assert "for server_part in m.server_content.model_turn.parts:" in out
    assert "out.write(server_part.inline_data.data, part)" in out


def test_lm301_an_if_test_on_the_first_part_becomes_a_loop_around_the_if() -> None:
    code = '''
        async def play(session, out):
            async for m in session.receive():
                if m.server_content.model_turn.parts[0].inline_data:
                    out.write(m.data)
    '''
    assert fixed(code, "LM301") == dedent('''
        async def play(session, out):
            async for m in session.receive():
                for part in m.server_content.model_turn.parts:
                    if part.inline_data:
                        out.write(m.data)
    ''')


def test_lm301_a_break_in_a_loop_with_else_is_left_alone() -> None:
    code = '''
        async def play(session, out):
            async for m in session.receive():
                for part in m.server_content.model_turn.parts:
                    out.write(part.inline_data.data)
                    break
                else:
                    out.write(b"")
    '''
    assert fixes(code, "LM301") == [None]


# --- LM302: getattr spellings, ladders ---------------------------------------------------------
def test_lm302_getattr_and_hasattr_spellings_are_fields() -> None:
    code = '''
        async def loop(session, player):
            async for m in session.receive():
                sc = getattr(m, "server_content", None)
                if getattr(sc, "turn_complete", False):
                    player.end_turn()
                elif getattr(sc, "output_transcription", None):
                    player.show(sc.output_transcription.text)
                elif hasattr(m, "tool_call") and m.tool_call:
                    await player.answer(m.tool_call)
    '''
    assert fixed(code, "LM302") == dedent('''
        async def loop(session, player):
            async for m in session.receive():
                sc = getattr(m, "server_content", None)
                if getattr(sc, "output_transcription", None):
                    player.show(sc.output_transcription.text)
                if getattr(sc, "turn_complete", False):
                    player.end_turn()
                if hasattr(m, "tool_call") and m.tool_call:
                    await player.answer(m.tool_call)
    ''')


def test_lm302_a_ladder_with_statements_after_it_gets_no_fix() -> None:
    # the last line runs only when no branch matched: the ladder works as an if/elif/else
    code = '''
        async def loop(session, player):
            async for m in session.receive():
                if m.server_content.turn_complete:
                    player.end_turn()
                    continue
                if m.server_content.input_transcription:
                    player.heard(m.server_content.input_transcription.text)
                    continue
                player.other(m)
    '''
    assert fixes(code, "LM302") == [None]


def test_lm302_a_ladder_of_audio_branches_is_lm303s() -> None:
    code = '''
        async def loop(session, out):
            async for m in session.receive():
                if m.data:
                    out.write(m.data)
                    continue
                if m.server_content.turn_complete:
                    out.flush()
    '''
    assert check(dedent(code), ("LM302",)) == []
    assert [f.rule_id for f in check(dedent(code), ("LM303",))] == ["LM303"]


def test_lm302_a_chain_of_two_turn_ends_stays() -> None:
    code = '''
        async def loop(session, player):
            async for m in session.receive():
                if getattr(m.server_content, "interrupted", False):
                    player.clear()
                elif m.server_content.turn_complete:
                    player.end_turn()
    '''
    assert check(dedent(code), ("LM302",)) == []


# --- LM303: where the exit goes ----------------------------------------------------------------
def test_lm303_return_in_a_loop_moves_behind_the_test() -> None:
    code = '''
        async def first_reply(session, out):
            async for r in session.receive():
                if r.data is not None:
                    out.write(r.data)
                    return
                if r.server_content.output_transcription:
                    out.caption(r.server_content.output_transcription.text)
    '''
    assert fixed(code, "LM303") == dedent('''
        async def first_reply(session, out):
            async for r in session.receive():
                if r.data is not None:
                    out.write(r.data)
                if r.server_content.output_transcription:
                    out.caption(r.server_content.output_transcription.text)
                if r.data is not None:
                    return
    ''')


def test_lm303_a_test_that_calls_is_not_repeated() -> None:
    code = '''
        async def loop(session, out):
            async for r in session.receive():
                if out.accepts(r.data):
                    out.write(r.data)
                    break
                if r.server_content.turn_complete:
                    out.flush()
    '''
    assert fixes(code, "LM303") == [None]


def test_lm303_an_elif_whose_exit_must_move_gets_no_fix() -> None:
    code = '''
        async def loop(session, out, stats):
            async for r in session.receive():
                if r.tool_call:
                    stats.tools += 1
                elif r.data:
                    out.write(r.data)
                    break
                if r.server_content.turn_complete:
                    out.flush()
    '''
    assert fixes(code, "LM303") == [None]


# --- LM304: the transcript, and the config that sends it -------------------------------------------
CONFIGURED = '''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = {config}


    async def main(out):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for message in session.receive():
                out.write(message.text)
'''


@pytest.mark.parametrize("config,expected", [
    ('types.LiveConnectConfig(response_modalities=["AUDIO"])',
     'types.LiveConnectConfig(response_modalities=["AUDIO"], '
     'output_audio_transcription=types.AudioTranscriptionConfig())'),
    ('{"response_modalities": ["AUDIO"]}', '{"response_modalities": ["AUDIO"], "output_audio_transcription": {}}'),
    ('{"responseModalities": ["AUDIO"]}', '{"responseModalities": ["AUDIO"], "outputAudioTranscription": {}}'),
    ("{}", '{"output_audio_transcription": {}}'),
], ids=["typed", "snake", "camel", "empty"])
def test_lm304_enables_the_transcription_in_the_configs_spelling(config: str, expected: str) -> None:
    out = fixed(CONFIGURED.format(config=config), "LM304")
    assert f"CONFIG = {expected}\n" in out
    assert ("if message.server_content and message.server_content.output_transcription:\n"
            "                out.write(message.server_content.output_transcription.text)") in out


def test_lm304_a_config_it_cannot_edit_gets_no_fix() -> None:
    code = '''
        from google import genai

        client = genai.Client()


        async def main(out, config):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                async for message in session.receive():
                    out.write(message.text)
    '''
    # reported (no modality set here: audio by default), but the transcription cannot be turned on
    assert fixes(code, "LM304") == [None]


def test_lm304_a_text_session_is_not_touched() -> None:
    assert check(dedent(CONFIGURED.format(config='{"response_modalities": ["TEXT"]}')), ("LM304",)) == []


def test_lm304_thoughts_told_apart_are_not_the_transcript() -> None:
    code = '''
        from google import genai

        client = genai.Client()


        async def main(log):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                async for m in session.receive():
                    for part in m.server_content.model_turn.parts:
                        if part.thought:
                            log.debug("thinking: %s", part.text)
    '''
    assert check(dedent(code), ("LM304",)) == []


# --- LM305, LM306, LM307: precision ---------------------------------------------------------------
TOOLS = '''
    from google import genai
    from google.genai import types

    client = genai.Client()


    def lookup(city: str) -> dict:
        return {{"city": city}}


    async def main(log, answer):
        config = types.LiveConnectConfig(tools=[lookup])
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for m in session.receive():
                if m.tool_call:
                    {handling}
'''


@pytest.mark.parametrize("handling,found", [
    ('log.info("tool call: %s", m.tool_call)', True),
    ("await answer(session, m.tool_call)", False),  # `answer` is not this module's: it may respond
    ("await session.send_tool_response(function_responses=[])", False),
])
def test_lm305_what_counts_as_an_answer(handling: str, found: bool) -> None:
    assert bool(check(dedent(TOOLS.format(handling=handling)), ("LM305",))) is found


def test_lm306_an_exit_of_an_inner_loop_is_not_the_receive_loops() -> None:
    code = '''
        async def loop(session, out):
            async for m in session.receive():
                for attempt in range(3):
                    if m.server_content is None:
                        break
                    out.write(m.data)
    '''
    assert check(dedent(code), ("LM306",)) == []


def test_lm307_the_programs_own_blobs_are_not_received_parts() -> None:
    code = '''
        async def send(session, chunks):
            for blob in chunks:
                if blob.mime_type == "audio/pcm":
                    await session.send_realtime_input(audio=blob)
    '''
    assert check(dedent(code), ("LM307",)) == []


# --- the bar: a fixed 2.5 app against the strict emulator ---------------------------------------
def _module(source: str, name: str) -> pytypes.ModuleType:
    module = pytypes.ModuleType(name)
    exec(compile(source, f"{name}.py", "exec"), module.__dict__)
    return module


def _play(emulator, source: str, prompt: str):
    from google import genai

    client = genai.Client(api_key="test", http_options=emulator.http_options)
    player = _module(source, "player").TurnPlayer(client)
    asyncio.run(asyncio.wait_for(player.ask(prompt), 10))
    emulator.wait_idle()
    return player


def test_the_fixed_app_receives_every_chunk_and_the_transcript(live_emulator) -> None:
    pytest.importorskip("google.genai")
    from livemigrate.emulator import speech_chunks

    source = (APP / "player.py").read_text(encoding="utf-8")
    report = verify_fix(linter(), source.encode(), "player.py", unsafe=True)
    assert {f.rule_id for f in report.applied} >= {"LM001", "LM301", "LM303", "LM304"}
    player = _play(live_emulator, report.fixed.decode(), "hello")

    assert player.chunks == speech_chunks("You said: hello")  # every chunk of the one message
    assert "".join(player.transcript) == "You said: hello"
    assert player.turns == 1
    assert all(not c.violations for c in live_emulator.connections)


def test_the_app_with_only_its_model_moved_loses_audio_and_transcript(live_emulator) -> None:
    # What the receive rewrites are for: the 2.5 loop on the 3.1 server keeps the first chunk only.
    pytest.importorskip("google.genai")
    from livemigrate.emulator import speech_chunks

    source = (APP / "player.py").read_text(encoding="utf-8")
    moved = fixed_text(source, ("LM001",))
    player = _play(live_emulator, moved, "hello")

    assert player.chunks == speech_chunks("You said: hello")[:1]
    assert player.transcript == [] and player.turns == 0


def test_the_checked_in_migration_is_the_fix(tmp_path: Path) -> None:
    # fixtures/apps/turn_player/expected/player.py is what the emulator test ran
    source = (APP / "player.py").read_text(encoding="utf-8")
    assert fixed_text(source, unsafe=True) == (APP / "expected" / "player.py").read_text(encoding="utf-8")


# --- a turn-end frame is neither a prompt nor a seed ------------------------------------------------
@pytest.mark.parametrize("code,turn_end", [
    ('ws.send(json.dumps({"client_content": {"turn_complete": True}}))', True),
    ('ws.send(json.dumps({"clientContent": {"turnComplete": True}}))', True),
    ('ws.send(json.dumps({"clientContent": {"turns": [], "turnComplete": True}}))', False),
    ('ws.send(json.dumps({"clientContent": {"turnComplete": False}}))', False),
    ("session.send_client_content(turn_complete=True)", True),
    ("session.send_client_content()", True),  # turn_complete defaults to True
    ('session.send_client_content(turns="hi")', False),
    ("session.send_client_content(**kwargs)", False),
])
def test_a_client_content_with_no_turns_is_a_turn_end(code: str, turn_end: bool) -> None:
    import libcst as cst

    from livemigrate.analysis import build_live_model, read_call, read_frame

    source = f"import json\nasync def f(ws, session, kwargs):\n    {code}\n"
    live = build_live_model(cst.parse_module(source), source)
    if "send_client_content" in code:
        [call] = live.calls_to("send_client_content")
        content = read_call(call, live.imports, live.resolve_value)
    else:
        body = live.dicts()[0].elements[0].value
        content = read_frame(body, live.imports, live.resolve_value)
    assert content.is_turn_end is turn_end


def test_lm302_a_guard_on_the_server_content_is_no_rung_of_a_ladder() -> None:
    code = '''
        async def loop(session, out, log):
            async for m in session.receive():
                if m.server_content is None:
                    log.debug("no content")
                    continue
                if m.server_content.model_turn:
                    out.write(m.data)
    '''
    assert check(dedent(code), ("LM302",)) == []
