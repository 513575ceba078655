"""LM304 never rewrites a `.text` read into a second read of a transcript the code takes
already (fourth real-code measurement): a guard written like the fix's own
(`sc.output_transcription and sc.output_transcription.text`) whose body does what the `.text`
statements do is the program's read, before or after the parts loop, through a name or not.
The finding stays, without a fix; a second `.text` read the fix left for the next pass is
still rewritten."""

from __future__ import annotations

import pytest

from harness import check, dedent, fixed_text

ALREADY = "reads the output transcription already"

MODULE = '''from google import genai

client = genai.Client()
CONFIG = {{"response_modalities": ["AUDIO"], "output_audio_transcription": {{}}}}


async def talk(ui):
    async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
        async for msg in session.receive():
            if msg.server_content:
                sc = msg.server_content
{body}'''

LOOP = '''\
                if sc.model_turn and sc.model_turn.parts:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            ui.play(part.inline_data.data)
                        if part.text:
                            ui.caption(part.text)
'''

GUARDS = {
    "alias": "if sc.output_transcription and sc.output_transcription.text:\n"
             "    ui.caption(sc.output_transcription.text)\n",
    "direct": "if msg.server_content.output_transcription and msg.server_content.output_transcription.text:\n"
              "    ui.caption(msg.server_content.output_transcription.text)\n",
    "getattr": "said = getattr(sc, 'output_transcription', None)\nif said and said.text:\n    ui.caption(said.text)\n",
    "if_only": "if sc.output_transcription:\n    ui.caption(sc.output_transcription.text)\n",
    "walrus": "if (t := sc.output_transcription) and t.text:\n    ui.caption(t.text)\n",
}


def _indent(code: str, spaces: int = 16) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in code.splitlines(True))


def _module(guard: str, before: bool) -> str:
    guard = _indent(GUARDS[guard])
    return MODULE.format(body=guard + LOOP if before else LOOP + guard)


@pytest.mark.parametrize("before", [False, True], ids=["after-loop", "before-loop"])
@pytest.mark.parametrize("guard", sorted(GUARDS))
def test_transcript_read_already_keeps_the_finding_without_a_fix(guard, before):
    code = _module(guard, before)
    found = [f for f in check(code, ("LM304",)) if f.rule_id == "LM304"]
    assert found and all(ALREADY in f.message and f.fix is None for f in found)
    assert fixed_text(code, ("LM304",), unsafe=True) == code


def test_message_text_beside_a_guard_of_the_fix_shape_is_not_rewritten():
    code = dedent('''
        from google import genai

        client = genai.Client()
        CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}


        async def talk(ui):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
                async for msg in session.receive():
                    if msg.text:
                        ui.caption(msg.text)
                    sc = msg.server_content
                    if sc and sc.output_transcription and sc.output_transcription.text:
                        ui.caption(sc.output_transcription.text)
    ''')
    found = [f for f in check(code, ("LM304",)) if f.rule_id == "LM304"]
    assert found and all(ALREADY in f.message and f.fix is None for f in found)


def test_a_second_read_left_for_the_next_pass_is_still_rewritten():
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def talk(ui, buf):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                               config={"response_modalities": ["AUDIO"]}) as session:
                async for msg in session.receive():
                    if msg.text:
                        ui.caption(msg.text)
                    buf.append(msg.text)
    ''')
    fixed = fixed_text(code, ("LM304",), unsafe=True)
    assert "msg.text" not in fixed
    assert fixed.count("ui.caption(content.output_transcription.text)") == 1
    assert fixed.count("buf.append(content.output_transcription.text)") == 1
