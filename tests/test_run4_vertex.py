"""Fixes that assume the move to the target, on a session that stays on a Vertex AI 2.x model.

The shape (a class that builds ``genai.Client(vertexai=True, ...)`` and opens its session on a
2.x Vertex AI id passed to its constructor) was found in real code: LM001 rightly moves no id
there (no confirmed 3.x id on Vertex AI), so a rewrite for the target would change what the
program does on the 2.x model it keeps. The fix policy withholds those fixes; the finding stays
and says why. What is right on every model (an audio blob, a PCM rate) is still fixed.
"""

from __future__ import annotations

from harness import check, dedent, fixed_text

from livemigrate.rule import Applicability

VERTEX_CLASS = '''
    from google import genai
    from google.genai import types

    MODELS = ["gemini-live-2.5-flash-native-audio"]


    class VoiceSession:
        def __init__(self, config: types.LiveConnectConfig, *, model: str = MODELS[0]):
            self.config = config
            self.model = model
            self.session = None

        async def connect(self):
            self.client = genai.Client(vertexai=True, project="p", location="us-central1")
            context = self.client.aio.live.connect(model=self.model, config=self.config)
            self.session = await context.__aenter__()

        async def say(self, text: str):
            await self.session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=text)]),
                turn_complete=True,
            )
'''

NOTE = "This session is on a Vertex AI model, and the target"


def _on_gemini_api(code: str) -> str:
    return code.replace('vertexai=True, project="p", location="us-central1"', 'api_key="k"')


# --- send family: LM101 --------------------------------------------------------------------
def test_client_content_on_a_vertex_2x_session_keeps_its_finding_without_a_fix() -> None:
    source = dedent(VERTEX_CLASS)
    (finding,) = check(source, ("LM101",))
    assert finding.fix is None
    assert NOTE in finding.message
    assert fixed_text(source, ("LM101",), unsafe=True) == source


def test_client_content_on_the_gemini_api_is_still_rewritten() -> None:
    source = _on_gemini_api(dedent(VERTEX_CLASS))
    (finding,) = check(source, ("LM101",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert "Vertex" not in finding.message
    assert "send_realtime_input(\n            text=text," in fixed_text(source, ("LM101",), unsafe=True)


def test_a_module_that_also_builds_a_gemini_api_client_is_not_decided_as_vertex() -> None:
    # Which client the session uses is not visible: the fix stays (unsafe, model not known).
    source = dedent(VERTEX_CLASS).replace(
        '        self.client = genai.Client(vertexai=True, project="p", location="us-central1")\n',
        '        if self.use_vertex:\n'
        '            self.client = genai.Client(vertexai=True, project="p", location="us-central1")\n'
        '        else:\n'
        '            self.client = genai.Client(api_key="k")\n')
    (finding,) = check(source, ("LM101",))
    assert finding.fix is not None and NOTE not in finding.message


def test_a_target_id_on_a_vertex_client_is_still_rewritten() -> None:
    # The code says it runs the 3.x model there: the fix is for that model.
    source = dedent(VERTEX_CLASS).replace("model=self.model", 'model="gemini-3.1-flash-live-preview"')
    (finding,) = check(source, ("LM101",))
    assert finding.fix is not None and NOTE not in finding.message


def test_turn_end_client_content_on_a_vertex_2x_session_has_no_fix() -> None:
    source = dedent(VERTEX_CLASS).replace(
        '''            await self.session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=text)]),
                turn_complete=True,
            )''', "            await self.session.send_client_content(turn_complete=True)").replace(
        "config=self.config", 'config={"response_modalities": ["AUDIO"]}')
    (finding,) = check(source, ("LM101",))
    assert finding.fix is None and NOTE in finding.message
    assert check(_on_gemini_api(source), ("LM101",))[0].fix is not None


# --- send family: LM103 --------------------------------------------------------------------
LEGACY_SEND = VERTEX_CLASS.replace(
    '''            await self.session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=text)]),
                turn_complete=True,
            )''', '''            await self.session.send(input=text, end_of_turn=True)

        async def stream(self, chunk: bytes):
            await self.session.send(input={"data": chunk, "mime_type": "audio/pcm;rate=16000"})''')


def test_legacy_text_send_on_a_vertex_2x_session_has_no_fix_but_audio_is_still_fixed() -> None:
    source = dedent(LEGACY_SEND)
    text, audio = check(source, ("LM103",))
    assert text.fix is None and NOTE in text.message
    # send(input=<audio blob>) → send_realtime_input(audio=...) is right on every model
    assert audio.fix is not None and audio.fix.applicability is Applicability.SAFE
    assert NOTE not in audio.message
    fixed = fixed_text(source, ("LM103",), unsafe=True)
    assert "send(input=text, end_of_turn=True)" in fixed
    assert 'send_realtime_input(audio={"data": chunk' in fixed


# --- config family: LM003 ------------------------------------------------------------------
def test_config_change_for_the_target_on_a_vertex_2x_session_has_no_fix() -> None:
    source = dedent(VERTEX_CLASS).replace(
        "config=self.config",
        "config=types.LiveConnectConfig(response_modalities=['AUDIO'], "
        "proactivity=types.ProactivityConfig(proactive_audio=True))")
    (finding,) = check(source, ("LM003",))
    assert finding.fix is None
    assert NOTE in finding.message  # every rule's message says why its fix is withheld
    (studio,) = check(_on_gemini_api(source), ("LM003",))
    assert studio.fix is not None
    assert NOTE not in studio.message


# --- receive family: LM304 -----------------------------------------------------------------
def test_receive_rewrite_for_the_target_on_a_vertex_2x_session_has_no_fix() -> None:
    source = dedent(VERTEX_CLASS).replace(
        "config=self.config", "config=types.LiveConnectConfig(response_modalities=['AUDIO'])") + dedent('''
        async def listen(self):
            async for message in self.session.receive():
                if message.server_content and message.server_content.model_turn:
                    for part in message.server_content.model_turn.parts:
                        if part.text:
                            print(part.text)
    ''').replace("\n", "\n    ").rstrip(" ")
    findings = check(source, ("LM304",))
    assert findings and all(f.fix is None for f in findings)
    assert all(f.message.count(NOTE) == 1 for f in findings)
    assert any(f.fix is not None for f in check(_on_gemini_api(source), ("LM304",)))


# --- right on every model ------------------------------------------------------------------
def test_pcm_rate_is_still_fixed_on_a_vertex_2x_session() -> None:
    source = dedent(LEGACY_SEND).replace('"audio/pcm;rate=16000"', '"audio/pcm"')
    (finding,) = check(source, ("LM106",))
    assert finding.fix is not None and NOTE not in finding.message
    assert '"audio/pcm;rate=16000"' in fixed_text(source, ("LM106",), unsafe=True)


def test_start_stream_is_still_rewritten_on_a_vertex_2x_session() -> None:
    """start_stream is gone from the SDK whatever the model: LM105's rewrite does what it did, so
    a session that stays on a Vertex AI 2.x model still gets it (unsafe, as everywhere)."""
    source = dedent('''
        from google import genai

        MODEL = "gemini-live-2.5-flash-native-audio"


        async def mic():
            yield b"\\0\\0"


        async def main():
            client = genai.Client(vertexai=True, project="p", location="us-central1")
            async with client.aio.live.connect(model=MODEL, config={}) as session:
                async for message in session.start_stream(stream=mic(), mime_type="audio/pcm;rate=16000"):
                    print(message)
    ''')
    (finding,) = check(source, ("LM105",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert "session.receive()" in fixed_text(source, ("LM105",), unsafe=True)
