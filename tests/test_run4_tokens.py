"""Shapes the fourth real-code run showed LM007 getting wrong: a client whose ``api_key`` is an
ephemeral token on one path and a long-lived key on another (chosen at run time). Tokens work
only on ``v1alpha``/``v1beta``; removing ``v1alpha`` would leave the token path on the SDK's
default ``v1``, which LM502 then reports."""

from __future__ import annotations

import pytest

from harness import check, dedent, fixed_text


def found(code: str, rules: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(f.line, f.rule_id) for f in check(dedent(code), rules)]


# The key is a token in one mode and the configured key in the other, chosen by a conditional
# expression bound to a name or written in the call.
CHOSEN = {
    "bound name": '''
        import os
        from google import genai

        KEY = os.environ.get("GOOGLE_API_KEY")


        class Relay:
            def __init__(self, use_token: bool, token=None):
                self.token = token
                key = self.token if use_token and self.token else KEY
                self.client = genai.Client(api_key=key, http_options={"api_version": "v1alpha"})

            async def run(self):
                async with self.client.aio.live.connect(model="gemini-3.1-flash-live-preview") as s:
                    await s.send_realtime_input(text="hi")
    ''',
    "inline": '''
        import os
        from google import genai


        def open_live(ephemeral_token=None):
            client = genai.Client(
                api_key=ephemeral_token if ephemeral_token else os.environ["GOOGLE_API_KEY"],
                http_options={"api_version": "v1alpha"},
            )
            return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={})
    ''',
}


@pytest.mark.parametrize("shape", sorted(CHOSEN))
def test_lm007_keeps_v1alpha_on_a_client_that_may_hold_a_token(shape: str) -> None:
    code = CHOSEN[shape]
    assert found(code, ("LM007",)) == []
    # and nothing else asks for a change: the token path is on a version tokens work on
    assert found(code, ("LM502",)) == []
    assert fixed_text(dedent(code), ("LM007",), unsafe=True) == dedent(code)


def test_lm007_still_reports_a_client_whose_key_is_a_key_on_every_path() -> None:
    code = '''
        import os
        from google import genai


        def open_live(prod: bool):
            key = os.environ["PROD_KEY"] if prod else os.environ["DEV_KEY"]
            client = genai.Client(api_key=key, http_options={"api_version": "v1alpha"})
            return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={})
    '''
    assert found(code, ("LM007",)) == [(7, "LM007")]


def test_lm007_docs_never_say_a_token_client_needs_no_v1alpha() -> None:
    from livemigrate.rulepack import load_rules

    rule = next(r for r in load_rules() if r.id == "LM007")
    doc = " ".join(rule.docs().split())
    # the token exemption is documented, with the run-time choice and the reason for no v1beta fix
    assert "chosen at run time between a token and a key" in doc
    assert "v1beta" in doc and "ExperimentalWarning" in doc


def test_lm007_keeps_a_session_v1alpha_when_the_client_may_hold_a_token() -> None:
    # the Live config carries the version for a client whose key may be a token: removing it
    # would leave the token path on the SDK's default v1
    code = dedent('''
        import os
        from google import genai


        def open_live(session_token=None):
            client = genai.Client(api_key=session_token if session_token else os.environ["GOOGLE_API_KEY"])
            config = {"http_options": {"api_version": "v1alpha"}}
            return client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config)
    ''')
    assert found(code, ("LM007",)) == []
    assert fixed_text(code, ("LM007",), unsafe=True) == code
