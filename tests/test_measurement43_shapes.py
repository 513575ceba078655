"""Shapes measurement 43's first run missed (fresh repositories), each a test written from the
shape, not the repositories' code."""

from __future__ import annotations

from harness import check, dedent, fixed_text


def test_a_raw_setup_frames_model_in_an_f_string_without_placeholders_is_moved() -> None:
    code = dedent("""
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"


        class Bot:
            async def setup(self):
                frame = {"setup": {"model": f"models/gemini-2.0-flash-exp", "generation_config": {}}}
                await self.ws.send(json.dumps(frame))
    """)
    assert [(f.line, f.rule_id) for f in check(code, ("LM001",))] == [(8, "LM001")]
    assert 'f"models/gemini-3.1-flash-live-preview"' in fixed_text(code, ("LM001",))


KEPT_ON_SELF = dedent("""
    from google import genai
    from google.genai import types

    MODEL = "models/gemini-2.0-flash-live-001"
    DEFAULT_RESPONSE_MODALITY = "TEXT"


    class TextClient:
        def __init__(self, response_modality=DEFAULT_RESPONSE_MODALITY):
            self.response_modality = response_modality

        async def run(self):
            config = types.LiveConnectConfig(response_modalities=[self.response_modality])
            async with genai.Client().aio.live.connect(model=MODEL, config=config) as session:
                await session.send_realtime_input(text="hi")
""")


def test_text_kept_on_self_from_a_parameter_whose_default_is_a_constant_is_reported() -> None:
    found = [f for f in check(KEPT_ON_SELF, ("LM005",))]
    assert [(f.line, f.rule_id) for f in found] == [(13, "LM005")]
    assert "line 5" in found[0].message and found[0].fix is None


def test_audio_kept_on_self_from_a_parameter_is_not_reported() -> None:
    code = KEPT_ON_SELF.replace('DEFAULT_RESPONSE_MODALITY = "TEXT"', 'DEFAULT_RESPONSE_MODALITY = "AUDIO"')
    assert code != KEPT_ON_SELF
    assert check(code, ("LM005",)) == []


def test_a_model_written_as_implicitly_concatenated_strings_is_moved() -> None:
    """The fifth review's shape beside the f-string one: `"models/" "gemini-2.0-flash-exp"`
    (also with f-string parts): the part holding the id is rewritten."""
    for written in ('"models/" "gemini-2.0-flash-exp"', 'f"models/" f"gemini-2.0-flash-exp"',
                    '"models/" f"gemini-2.0-flash-exp"'):
        code = dedent("""
            import json

            URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


            async def setup(ws):
                await ws.send(json.dumps({"setup": {"model": MODEL_WRITTEN}}))
        """).replace("MODEL_WRITTEN", written)
        assert [(f.line, f.rule_id) for f in check(code, ("LM001",))] == [(7, "LM001")], written
        assert written.replace("gemini-2.0-flash-exp", "gemini-3.1-flash-live-preview") in fixed_text(code, ("LM001",))
