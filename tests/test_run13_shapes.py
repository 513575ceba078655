"""Shapes measurement 13's fix hunks showed wrong (written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from harness import check, dedent, fixed_text

# A text session on a half-cascade model (LM005 moves it to AUDIO with LM001's move) whose
# receive loop takes a message without text for the end of a turn (the `else`).
TEXT_SESSION = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    MODEL = "gemini-2.0-flash-live-001"
    CONFIG = types.LiveConnectConfig(response_modalities=["TEXT"])


    async def listen(queue):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            async for response in session.receive():
                if text := response.text:
                    await queue.put(text)
                else:
                    await queue.put("Turn end")
''')


def test_a_text_test_with_an_else_keeps_the_modality_for_a_human() -> None:
    # On AUDIO every audio chunk is a message without text: the `else` that marked a turn's end
    # would run per chunk. The modality move is the program's call, so no fix.
    (finding,) = check(TEXT_SESSION, ("LM005",))
    assert finding.fix is None and "line 12" in finding.message
    after = fixed_text(TEXT_SESSION, unsafe=True)
    assert 'response_modalities=["TEXT"]' in after and "output_transcription" not in after


def test_a_text_test_without_an_else_still_moves_to_audio() -> None:
    code = TEXT_SESSION.replace('            else:\n                await queue.put("Turn end")\n', "")
    (finding,) = check(code, ("LM005",))
    assert finding.fix is not None
    after = fixed_text(code, unsafe=True)
    assert 'response_modalities=["AUDIO"]' in after and "output_transcription.text" in after


def test_an_elif_on_the_turns_end_is_not_a_catch_all() -> None:
    code = TEXT_SESSION.replace("            else:\n",
                                "            elif response.server_content and response.server_content.turn_complete:\n")
    (finding,) = check(code, ("LM005",))
    assert finding.fix is not None
