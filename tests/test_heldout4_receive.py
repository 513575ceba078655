"""The receive and session rules on the shapes heldout_4 found (tests/corpus/README.md, heldout_4/):
a loop over the parts guarded by a conditional expression (LM304 reads `part.text` there, LM303
sees its `continue` as the parts loop's), a `return` on a usage budget under a notice branch
(LM306), and `start_stream` / streamed input over a finite source (LM402)."""

from __future__ import annotations

import pytest

from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter


def found(code: str, rules: tuple[str, ...]) -> list[tuple[int, str]]:
    return sorted((f.line, f.rule_id) for f in check(dedent(code), rules))


# --- a loop over `parts if <test> else []` ------------------------------------------------------
GUARDED_PARTS = '''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])


    async def on_air(script, out):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for msg in session.receive():
                if msg.server_content is None:
                    continue
                for part in msg.server_content.model_turn.parts if msg.server_content.model_turn else []:
                    if part.inline_data and part.inline_data.mime_type == "image/jpeg":
                        continue
                    words = part.text
                    if words:
                        script.append(words)
                if msg.server_content.turn_complete:
                    out.flush()
'''


def test_lm304_reads_part_text_over_parts_guarded_by_a_conditional_expression() -> None:
    assert found(GUARDED_PARTS, ("LM304",)) == [(16, "LM304")]


def test_lm304_reads_part_text_over_parts_with_the_empty_side_first() -> None:
    code = GUARDED_PARTS.replace("msg.server_content.model_turn.parts if msg.server_content.model_turn else []",
                                 "[] if not msg.server_content.model_turn else msg.server_content.model_turn.parts")
    assert found(code, ("LM304",)) == [(16, "LM304")]


def test_lm304_part_text_fix_over_a_guarded_loop_reads_the_transcript_once() -> None:
    # what is left of the loop only skipped parts: it goes with the text it skipped them for
    source = dedent(GUARDED_PARTS)
    verify_fix(linter(("LM304",)), source.encode(), unsafe=True)
    assert fixed_text(source, ("LM304",), unsafe=True) == source.replace(
        'response_modalities=["AUDIO"])',
        'response_modalities=["AUDIO"], output_audio_transcription=types.AudioTranscriptionConfig())',
    ).replace(
        "            for part in msg.server_content.model_turn.parts if msg.server_content.model_turn else []:\n"
        '                if part.inline_data and part.inline_data.mime_type == "image/jpeg":\n'
        "                    continue\n"
        "                words = part.text\n"
        "                if words:\n"
        "                    script.append(words)\n",
        "            if msg.server_content.output_transcription:\n"
        "                words = msg.server_content.output_transcription.text\n"
        "                if words:\n"
        "                    script.append(words)\n")


def test_lm303_a_continue_in_a_guarded_parts_loop_leaves_the_parts_loop_only() -> None:
    # the `continue` skips one part, not the rest of the message: no audio was handled before it
    assert found(GUARDED_PARTS, ("LM303",)) == []


def test_lm303_still_reports_a_continue_after_audio_in_the_message_loop() -> None:
    code = GUARDED_PARTS.replace(
        "                if msg.server_content is None:\n                    continue\n",
        "                if msg.server_content is None:\n                    continue\n"
        "                if msg.data:\n                    out.write(msg.data)\n                    continue\n")
    assert found(code, ("LM303",)) == [(15, "LM303")]


# --- LM306: a return under a condition of the program's own, on a notice -------------------------
BUDGET = '''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}
    BUDGET = 20_000


    async def listen(session, speaker, meter):
        while True:
            async for msg in session.receive():
                if msg.usage_metadata:
                    meter.spent = msg.usage_metadata.total_token_count or meter.spent
                    if meter.spent > BUDGET:
                        meter.warn()
                        return
                if msg.data:
                    speaker.play(msg.data)


    async def main(speaker, meter):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await listen(session, speaker, meter)
'''


def test_lm306_a_return_on_a_usage_budget_leaves_the_session() -> None:
    findings = check(dedent(BUDGET), ("LM306",))
    assert [(f.line, f.rule_id) for f in findings] == [(15, "LM306")]
    [finding] = findings
    assert "usage metadata" in finding.message and "turn_complete" in finding.message
    # `continue` would drop the budget stop: the program's own stop gets no rewrite
    assert finding.fix is None


def test_lm306_a_break_on_a_usage_budget_re_enters_receive() -> None:
    code = BUDGET.replace("                        return\n", "                        break\n")
    assert found(code, ("LM306",)) == []


def test_lm306_a_stop_at_the_turn_end_under_a_notice_branch_is_fine() -> None:
    code = BUDGET.replace("if meter.spent > BUDGET:",
                          "if meter.spent > BUDGET and msg.server_content and msg.server_content.turn_complete:")
    assert found(code, ("LM306",)) == []


def test_lm306_an_exit_of_an_inner_loop_under_a_notice_is_not_the_loops() -> None:
    code = BUDGET.replace(
        "                    if meter.spent > BUDGET:\n                        meter.warn()\n                        return\n",
        "                    for limit in meter.limits:\n                        if meter.spent > limit:\n"
        "                            meter.warn()\n                            break\n")
    assert found(code, ("LM306",)) == []


def test_lm306_a_nested_notice_test_is_reported_once() -> None:
    code = BUDGET.replace("if msg.usage_metadata:", "if msg.server_content is None:").replace(
        "if meter.spent > BUDGET:", "if msg.go_away:")
    assert found(code, ("LM306",)) == [(15, "LM306")]


# --- LM402: a finite stream is not a long-running session ----------------------------------------
STREAM = '''
    import asyncio
    import wave

    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    async def wav_chunks(path):
        with wave.open(path, "rb") as wf:
            while chunk := wf.readframes(1600):
                yield chunk
                await asyncio.sleep(0.05)


    async def microphone(queue):
        while True:
            yield await queue.get()


    async def transcribe(source):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for msg in session.start_stream(stream=SOURCE, mime_type="audio/pcm;rate=16000"):
                print(msg.data)
'''


@pytest.mark.parametrize("source", [
    'wav_chunks("question.wav")',
    "[b'a', b'b']",
    "iter(CHUNKS)",
], ids=["wav-generator", "list", "iter-of-a-constant"])
def test_lm402_start_stream_over_a_finite_source_is_not_long(source: str) -> None:
    code = STREAM.replace("SOURCE", source).replace('CONFIG = {', 'CHUNKS = [b"a", b"b"]\n    CONFIG = {')
    assert found(code, ("LM402",)) == []


@pytest.mark.parametrize("source", [
    "microphone(asyncio.Queue())",
    "source",
    "mic.stream()",
], ids=["while-true-generator", "parameter", "unknown-call"])
def test_lm402_start_stream_over_a_live_or_unknown_source_is_long(source: str) -> None:
    assert found(STREAM.replace("SOURCE", source), ("LM402",)) == [(23, "LM402")]


def test_lm402_a_file_generator_with_a_while_true_is_live() -> None:
    # a file read in a `while True` (tailing a growing recording) does not end with the file
    code = STREAM.replace("while chunk := wf.readframes(1600):", "while True:\n                chunk = wf.readframes(1600)"
                          ).replace("SOURCE", 'wav_chunks("question.wav")')
    assert found(code, ("LM402",)) == [(24, "LM402")]


@pytest.mark.parametrize("source, reported", [
    ('wav_chunks("question.wav")', []),
    ("microphone(asyncio.Queue())", [(23, "LM402")]),
], ids=["wav-generator", "microphone"])
def test_lm402_input_streamed_in_an_async_for_is_long_only_from_a_live_source(source: str, reported: list) -> None:
    code = STREAM.replace(
        '            async for msg in session.start_stream(stream=SOURCE, mime_type="audio/pcm;rate=16000"):\n'
        "                print(msg.data)\n",
        f"            async for chunk in {source}:\n"
        '                await session.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})\n')
    assert found(code, ("LM402",)) == reported


def test_lm306_a_nested_exit_after_closing_the_session_is_the_programs_end() -> None:
    # a hang-up tool: the program ends the conversation on purpose, nothing is left to read
    code = BUDGET.replace("if msg.usage_metadata:", "if msg.tool_call:").replace(
        "meter.spent = msg.usage_metadata.total_token_count or meter.spent",
        "await session.send_tool_response(function_responses=[])").replace(
        "if meter.spent > BUDGET:\n                        meter.warn()\n",
        "if meter.hang_up(msg.tool_call):\n                        await session.close()\n")
    assert "session.close()" in code
    assert found(code, ("LM306",)) == []
