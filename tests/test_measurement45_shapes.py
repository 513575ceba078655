"""Shapes measurement 45's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree


def test_an_experimental_2x_id_a_live_session_opens_with_is_a_legacy_live_model() -> None:
    """An experimental id of generation 2 the model list does not hold and whose name does not
    say Live (`gemini-2.5-flash-exp`, named as `gemini-2.0-flash-exp` was) is the move's when it
    flows to a Live session; a released text model's id reaching generate_content is not."""
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def talk():
            async with client.aio.live.connect(model="gemini-2.5-flash-exp", config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")


        def summarize(text):
            return client.models.generate_content(model="gemini-2.5-flash", contents=text).text
    """)
    assert [(f.rule_id, f.line) for f in check(code, ("LM001",))] == [("LM001", 7)]


def test_a_settings_class_field_naming_a_2x_id_for_another_modules_session(tmp_path: Path) -> None:
    settings = dedent("""
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            LIVE_MODEL_ID: str = "gemini-2.5-flash-exp"
            JOURNAL_MODEL_ID: str = "gemini-2.5-flash"


        settings = Settings()
    """)
    app = dedent("""
        from google import genai

        from config import settings

        client = genai.Client()


        async def talk():
            ctx = client.aio.live.connect(model=settings.LIVE_MODEL_ID, config={"response_modalities": ["AUDIO"]})
            session = await ctx.__aenter__()
            await session.send_realtime_input(text="hi")
            return client.models.generate_content(model=settings.JOURNAL_MODEL_ID, contents="x")
    """)
    write_tree(tmp_path, {"app/config.py": settings, "app/app.py": app})
    assert findings_by_file(tmp_path, ("LM001",)) == {"app/config.py": [(5, "LM001")]}
