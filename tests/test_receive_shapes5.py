"""LM304 and LM005 shapes the third real-code measurement missed or disagreed on (issue 11):
``part.text`` read through a name bound to the model turn (``mt = sc.model_turn``, a walrus)
or in an ``enumerate`` loop; LM005 on a 2.x half-cascade model that LM001 moves (check and
fix now agree); and the transcription a fix enables in a config the code builds in two
places. Each shape is written from the pattern, with the near misses that must stay."""

from __future__ import annotations

from livemigrate.migration import TARGET_31
from livemigrate.testing import verify_fix

from harness import check, dedent, fix, fixed_text, linter


def findings(code: str, rule: str) -> list:
    return [f for f in check(code, (rule,)) if f.rule_id == rule]


def fixed(code: str, select: tuple[str, ...]) -> str:
    """``code`` after ``fix --unsafe-fixes --select ...``, through the one harness (fixed
    point, parses, idempotent)."""
    verify_fix(linter(select), code.encode(), unsafe=True)
    return fixed_text(code, select, unsafe=True)


# --- 1. LM304: part.text through a name bound to the model turn -------------------------------
# Two sessions (one answers in TEXT): the config is the one of the session the message came from,
# so the rule must follow the names back to the message, not fall back on the module's only config.
TWO_SESSIONS = '''
    from google import genai

    client = genai.Client()
    MODEL = "gemini-3.1-flash-live-preview"


    async def ask(prompt):
        async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["TEXT"]}) as chat:
            async for reply in chat.receive():
                sc = reply.server_content
                if sc:
                    turn = sc.model_turn
                    if turn:
                        for part in turn.parts:
                            prompt.answer(part.text)


    async def talk(ui):
        async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
            async for msg in session.receive():
                {loop}
'''

ALIAS_OF_ALIAS = '''sc = msg.server_content
                if sc:
                    mt = sc.model_turn
                    if mt:
                        for part in mt.parts:
                            ui.caption(part.text)'''

ALIAS_OF_MESSAGE = '''mt = msg.server_content.model_turn
                if mt:
                    for part in mt.parts:
                        ui.caption(part.text)'''

WALRUS = '''sc = msg.server_content
                if sc and (mt := sc.model_turn):
                    for part in mt.parts:
                        ui.caption(part.text)'''

ENUMERATED = '''sc = msg.server_content
                if sc and sc.model_turn:
                    for i, part in enumerate(sc.model_turn.parts):
                        ui.caption(i, part.text)'''


def _two_sessions(loop: str) -> str:
    return dedent(TWO_SESSIONS.replace("{loop}", loop))


def test_lm304_follows_a_name_bound_to_the_model_turn_of_an_alias():
    lines = [f.line for f in findings(_two_sessions(ALIAS_OF_ALIAS), "LM304")]
    assert lines == [26]  # the AUDIO session's read; the TEXT session's part.text stays


def test_lm304_follows_a_name_bound_to_the_model_turn_of_the_message():
    assert [f.line for f in findings(_two_sessions(ALIAS_OF_MESSAGE), "LM304")] == [24]


def test_lm304_follows_a_walrus_bound_to_the_model_turn():
    assert [f.line for f in findings(_two_sessions(WALRUS), "LM304")] == [24]


def test_lm304_reads_an_enumerate_loop_over_the_parts():
    assert [f.line for f in findings(_two_sessions(ENUMERATED), "LM304")] == [24]


ONE_SESSION = '''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}


    async def talk(ui):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for msg in session.receive():
                {loop}
'''


def _one_session(loop: str) -> str:
    return dedent(ONE_SESSION.replace("{loop}", loop))


def test_lm304_fix_reads_the_transcript_after_the_test_of_the_aliased_model_turn():
    # `if mt:` tests the model turn: the transcript, which also comes without one, is read after it
    assert fixed(_one_session(ALIAS_OF_ALIAS), ("LM304",)) == _one_session(
        '''sc = msg.server_content
                if sc:
                    mt = sc.model_turn
                    if sc.output_transcription:
                        ui.caption(sc.output_transcription.text)''')


def test_lm304_fix_on_a_model_turn_bound_from_the_message():
    assert fixed(_one_session(ALIAS_OF_MESSAGE), ("LM304",)) == _one_session(
        '''mt = msg.server_content.model_turn
                if msg.server_content and msg.server_content.output_transcription:
                    ui.caption(msg.server_content.output_transcription.text)''')


def test_lm304_fix_on_a_walrus_of_the_model_turn():
    assert fixed(_one_session(WALRUS), ("LM304",)) == _one_session(
        '''sc = msg.server_content
                if sc and sc.output_transcription:
                    ui.caption(sc.output_transcription.text)''')
    # the `if` that binds `mt` would go with the loop, and `mt` is read further down: no fix
    code = _one_session(WALRUS + '''
                ui.keep(mt)''')
    found = findings(code, "LM304")
    assert len(found) == 1 and found[0].fix is None


def test_lm304_fix_on_an_enumerate_loop_whose_text_reads_leave_the_index():
    assert fixed(_one_session('''sc = msg.server_content
                if sc and sc.model_turn:
                    for i, part in enumerate(sc.model_turn.parts):
                        if part.inline_data:
                            ui.play(i, part.inline_data.data)
                        if part.text:
                            ui.caption(part.text)'''), ("LM304",)) == _one_session(
        '''sc = msg.server_content
                if sc and sc.model_turn:
                    for i, part in enumerate(sc.model_turn.parts):
                        if part.inline_data:
                            ui.play(i, part.inline_data.data)
                if sc and sc.output_transcription and sc.output_transcription.text:
                    ui.caption(sc.output_transcription.text)''')


def test_lm304_no_fix_when_the_text_read_uses_the_enumerate_index():
    found = findings(_one_session(ENUMERATED), "LM304")
    assert len(found) == 1 and found[0].fix is None


def test_lm304_debugging_fallback_over_an_aliased_model_turn_is_reported():
    # The real shape: hasattr probes, `enumerate` over the alias's parts, a first text part taken,
    # and the output transcription read as a second fallback: reported, left to a human.
    code = _one_session('''if hasattr(msg, "server_content") and msg.server_content:
                    sc = msg.server_content
                    text_content = None
                    if hasattr(sc, "model_turn"):
                        mt = sc.model_turn
                        if mt and hasattr(mt, "parts"):
                            for i, part in enumerate(mt.parts):
                                if hasattr(part, "text"):
                                    text_content = part.text
                                    break
                    if not text_content and hasattr(sc, "output_transcription"):
                        text_content = sc.output_transcription
                    ui.caption(text_content)''')
    found = findings(code, "LM304")
    assert [f.line for f in found] == [18]
    assert found[0].fix is None and "reads the output transcription already" in found[0].message


# --- 2. LM005 on a 2.x half-cascade model that LM001 moves -----------------------------------
HALF_CASCADE = '''
    from google import genai

    client = genai.Client()


    async def main():
        async with client.aio.live.connect(model="{model}", config={{"response_modalities": ["TEXT"]}}) as s:
            async for m in s.receive():
                if m.server_content and m.server_content.output_transcription:
                    print(m.server_content.output_transcription.text)
'''
HALF_CASCADE_MODELS = ("gemini-live-2.5-flash-preview", "gemini-2.0-flash-live-001", "gemini-2.0-flash-exp")
# The session only opens for 2.x models (a model-id gate): LM001 leaves the id where it is.
GATED = dedent('''
        from google import genai

        client = genai.Client()
        CONFIG = {"response_modalities": ["TEXT"]}


        async def legacy_session():
            async with client.aio.live.connect(model="gemini-2.0-flash-live-001", config=CONFIG) as s:
                await s.send_realtime_input(text="hi")


        async def main(model):
            if model.startswith("gemini-2"):
                await legacy_session()
''')


def test_lm005_reported_on_a_half_cascade_model_that_lm001_moves():
    for model in HALF_CASCADE_MODELS:
        code = dedent(HALF_CASCADE.format(model=model))
        found = findings(code, "LM005")
        assert len(found) == 1, model
        message = found[0].message
        assert f"`{model}`" in message and "moves" in message and TARGET_31.model_id in message, message
        assert found[0].fix is not None and found[0].fix.applicability.value == "unsafe"
    # the session only opens for 2.x models: LM001 leaves its id, and TEXT is right there
    assert findings(GATED, "LM001") == [] and findings(GATED, "LM005") == []


def test_lm005_check_and_fix_agree_on_a_half_cascade_model():
    for model in HALF_CASCADE_MODELS:
        code = dedent(HALF_CASCADE.format(model=model))
        checked = {f.rule_id for f in check(code)}
        applied = {f.rule_id for f in fix(code, unsafe=True).applied}
        assert checked == applied, (model, checked, applied)
        assert {"LM001", "LM005"} <= checked


# --- 3. a config the code builds in two places ----------------------------------------------
REBUILT = '''
    from google import genai
    from google.genai import types

    DEFAULT_CONFIG = types.LiveConnectConfig(
        response_modalities=[{modality}],
    )


    class Voice:
        def __init__(self, config=None, instructions=None):
            self.config = config or DEFAULT_CONFIG
            self.instructions = instructions

        async def run(self, on_text):
            config = self.config
            if self.instructions:
                config = types.LiveConnectConfig(
                    response_modalities=self.config.response_modalities,
                    system_instruction=self.instructions,
                )
            client = genai.Client()
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
                async for response in s.receive():
                    if response.text:
                        await on_text(response.text)
'''


def _rebuilt(modality: str) -> str:
    return dedent(REBUILT.format(modality=modality))


def _rebuilt_fixed() -> str:
    return _rebuilt('"AUDIO"').replace(
        '    response_modalities=["AUDIO"],\n',
        '    response_modalities=["AUDIO"],\n'
        '    output_audio_transcription=types.AudioTranscriptionConfig(),\n', 1).replace(
        '                system_instruction=self.instructions,\n',
        '                system_instruction=self.instructions,\n'
        '                output_audio_transcription=types.AudioTranscriptionConfig(),\n').replace(
        '''                if response.text:
                    await on_text(response.text)''',
        '''                content = response.server_content
                if content and content.output_transcription and content.output_transcription.text:
                    await on_text(content.output_transcription.text)''')


def test_lm005_fix_enables_transcription_in_every_build_of_the_session_config():
    out = fixed(_rebuilt('"AUDIO", "TEXT"'), ("LM005", "LM304"))
    assert out == _rebuilt_fixed()


def test_lm304_fix_enables_transcription_in_every_build_of_the_session_config():
    out = fixed(_rebuilt('"AUDIO"'), ("LM304",))
    assert out == _rebuilt_fixed()
    # the second build spreads a caller's dict: the setting cannot go into it, so no fix
    code = _rebuilt('"AUDIO"').replace("system_instruction=self.instructions,",
                                       "**self.instructions,")
    found = findings(code, "LM304")
    assert found and all(f.fix is None for f in found)

