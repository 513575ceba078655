"""LM502 on a client whose key is chosen at run time between a minted token and a long-lived key
(`api_key=token if direct else API_KEY`, seen in real code): the token path lands on v1 under
google-genai 3.x, so it is reported; the fix is unsafe (the key path's calls move too)."""

from __future__ import annotations

from harness import check, dedent, fixed_text

from livemigrate.rule import Applicability

CHOSEN = dedent('''
    import os
    from google import genai

    API_KEY = os.environ["GEMINI_API_KEY"]


    async def open_session(server, direct: bool):
        token = await server.aio.auth_tokens.create(config={"uses": 1})
        client = genai.Client(api_key=token.name if direct else API_KEY)
        return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={})
''')


def test_a_key_chosen_between_a_token_and_a_key_is_reported() -> None:
    (finding,) = check(CHOSEN, ("LM502",))
    assert finding.line == 9
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("chosen at run time" in reason for reason in finding.fix.unsafe_reasons)


def test_its_fix_sets_v1alpha_only_with_unsafe_fixes() -> None:
    assert fixed_text(CHOSEN, ("LM502",), unsafe=False) == CHOSEN
    assert 'http_options={"api_version": "v1alpha"}' in fixed_text(CHOSEN, ("LM502",), unsafe=True)


def test_two_keys_chosen_at_run_time_are_not_a_token() -> None:
    code = CHOSEN.replace("token.name if direct else API_KEY", 'API_KEY if direct else os.environ["OTHER_KEY"]')
    assert check(code, ("LM502",)) == []
