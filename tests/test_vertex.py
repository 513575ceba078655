"""What the rules say and fix for code that talks to Vertex AI (or may)."""

from __future__ import annotations

from harness import check, dedent, fixed_text

from livemigrate.rule import Applicability

VERTEX_SEED = '''
    from google import genai
    from google.genai import types

    client = genai.Client(vertexai=True, project="p", location="us-central1")
    CONFIG = types.LiveConnectConfig(response_modalities=["AUDIO"])
    HISTORY = [types.Content(role="user", parts=[types.Part(text="I am Ada")]),
               types.Content(role="model", parts=[types.Part(text="Hi Ada")])]

    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as s:
            await s.send_client_content(turns=HISTORY, turn_complete=True)
            await s.send_realtime_input(text=".")
'''

SDK_NOTE = "on Vertex AI this needs google-genai 2.2.0 or later"


def test_undeclared_seed_on_vertex_is_declared_as_an_unsafe_fix() -> None:
    # google-genai 2.2.0 dropped the "history_config is not supported in Vertex AI" check.
    (finding,) = check(dedent(VERTEX_SEED), ("LM102",))
    assert "rejected" not in finding.message
    assert f"declare it with history_config.initial_history_in_client_content=True ({SDK_NOTE})" \
        in finding.message
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE
    assert SDK_NOTE in finding.fix.unsafe_reasons


def test_undeclared_seed_on_vertex_is_declared_only_with_unsafe_fixes() -> None:
    source = dedent(VERTEX_SEED)
    assert fixed_text(source, ("LM102",)) == source
    assert "history_config=types.HistoryConfig(initial_history_in_client_content=True)" \
        in fixed_text(source, ("LM102",), unsafe=True)


def test_undeclared_seed_on_the_gemini_api_has_no_vertex_note() -> None:
    source = dedent(VERTEX_SEED).replace('vertexai=True, project="p", location="us-central1"', 'api_key="k"')
    (finding,) = check(source, ("LM102",))
    assert "Vertex" not in finding.message
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert finding.fix.unsafe_reasons == ()


def test_seed_is_judged_by_the_client_of_its_session() -> None:
    code = '''
        from google import genai
        from google.genai import types

        vertex = genai.Client(vertexai=True, project="p", location="l")
        studio = genai.Client(api_key="k")
        HISTORY = [types.Content(role="user", parts=[types.Part(text="I am Ada")]),
                   types.Content(role="model", parts=[types.Part(text="Hi Ada")])]

        async def on_studio():
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            async with studio.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
                await s.send_client_content(turns=HISTORY, turn_complete=True)
                await s.send_realtime_input(text=".")

        async def on_vertex():
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            async with vertex.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as s:
                await s.send_client_content(turns=HISTORY, turn_complete=True)
                await s.send_realtime_input(text=".")
    '''
    studio, vertex = check(dedent(code), ("LM102",))
    assert "Vertex" not in studio.message
    assert studio.fix is not None and studio.fix.applicability is Applicability.SAFE
    assert SDK_NOTE in vertex.message
    assert vertex.fix is not None and vertex.fix.unsafe_reasons == (SDK_NOTE,)


def test_an_id_vertex_also_serves_moves_only_as_an_unsafe_fix() -> None:
    """gemini-2.0-flash-live-preview-04-09 is a Vertex AI id too (sources conflict): code that
    shows no backend may run on Vertex, where the target has no id (ecosystem sweep: a sample
    commented "for Vertex project")."""
    from livemigrate.rule import Applicability

    from harness import check, dedent

    code = dedent('''
        from google import genai
        client = genai.Client()
        MODEL = "gemini-2.0-flash-live-preview-04-09"  # for Vertex project


        async def main():
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")
    ''')
    (finding,) = [f for f in check(code) if f.rule_id == "LM001"]
    assert finding.fix.applicability is Applicability.UNSAFE
    assert any("Vertex AI model id" in r for r in finding.fix.unsafe_reasons)
