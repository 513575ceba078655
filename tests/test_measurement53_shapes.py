"""Shapes measurement 53's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from harness import check, dedent

# A raw client (a notebook's cell, as Google's Vertex AI samples write it) whose model comes from
# somewhere the module cannot read and whose socket URL is a name set elsewhere: its setup frame
# carries Live-only fields, in Gemini code.
RAW_SETUP_UNKNOWN_MODEL = dedent("""
    import json

    from websockets.asyncio.client import connect

    PROJECT = "my-project"
    MODEL = load_model_name()


    async def main(url, token):
        headers = {"Authorization": f"Bearer {token}"}
        async with connect(url, additional_headers=headers) as ws:
            await ws.send(json.dumps({
                "setup": {
                    "model": MODEL,
                    "generation_config": {"response_modalities": ["AUDIO"]},
                    "output_audio_transcription": {},
                }
            }))
            print(json.loads(await ws.recv()))
            await ws.send(json.dumps({
                "client_content": {"turns": [{"role": "user", "parts": [{"text": "Hello"}]}], "turn_complete": True}
            }))
            async for raw in ws:
                response = json.loads(raw)
                server_content = response.pop("serverContent", None)
                if server_content is None:
                    break
                if server_content.pop("turnComplete", None):
                    break
""")


def test_a_raw_setup_with_live_only_fields_in_gemini_code_is_live_whatever_its_model() -> None:
    """A setup frame holding fields only Live's setup has (`output_audio_transcription`,
    `realtime_input_config`, `session_resumption`, ...), in a module that is Gemini code, opens
    a Live session even when neither the model nor the URL can be read: the one-shot prompt
    after it is LM101 and the loop's stop on a message without server content LM306."""
    gemini = RAW_SETUP_UNKNOWN_MODEL.replace('PROJECT = "my-project"', 'GEMINI_PROJECT = "my-project"')
    assert sorted(f.rule_id for f in check(gemini, ("LM101", "LM306"))) == ["LM101", "LM306"]
    # (a Vertex AI resource path as the model names Gemini as well)
    vertex = RAW_SETUP_UNKNOWN_MODEL.replace(
        "MODEL = load_model_name()",
        'MODEL = f"projects/{PROJECT}/locations/us-central1/publishers/google/models/{load_model_name()}"')
    assert sorted(f.rule_id for f in check(vertex, ("LM101", "LM306"))) == ["LM101", "LM306"]
    # (a setup with only a model and a generation config, Gemini's keys but not only Gemini's,
    # stays an app's own protocol there)
    plain = gemini.replace('                "output_audio_transcription": {},\n', "")
    assert plain != gemini
    assert check(plain, ("LM101", "LM306")) == []
    # (and the same frames in code that is not Gemini code are an app's own protocol)
    assert check(RAW_SETUP_UNKNOWN_MODEL, ("LM101", "LM306")) == []


PROBE_PAIRS = dedent("""
    import asyncio

    from google import genai


    async def try_pair(model_id, api_version):
        client = genai.Client(http_options={"api_version": api_version})
        try:
            async with client.aio.live.connect(model=model_id, config={"response_modalities": ["AUDIO"]}):
                return True
        except Exception:
            return False


    async def main():
        pairs = [
            ("gemini-2.0-flash", "v1beta"),
            ("gemini-2.0-flash-exp", "v1alpha"),
            ("gemini-2.5-flash-native-audio-latest", "v1beta"),
        ]
        for model, api in pairs:
            if await try_pair(model, api):
                return model, api
""")


def test_a_probe_over_pairs_of_model_and_version_unpacked_in_its_loop() -> None:
    """`for model, api in pairs:` over a list of (model, version) tuples, each handed to a
    function that connects with them: the `v1alpha` reaches the client (LM007) and the
    ambiguous `gemini-2.0-flash-exp` reaches `live.connect` (LM001), as they would with one
    list per value (measurement 44's probe)."""
    found = sorted((f.line, f.rule_id) for f in check(PROBE_PAIRS, ("LM001", "LM007")))
    assert found == [(18, "LM001"), (18, "LM007"), (19, "LM001")]
    # (a pair whose sides do not unpack, or a loop over something else, binds nothing)
    ragged = PROBE_PAIRS.replace('("gemini-2.0-flash-exp", "v1alpha"),', '("gemini-2.0-flash-exp",),')
    assert sorted((f.line, f.rule_id) for f in check(ragged, ("LM001", "LM007"))) == [(19, "LM001")]
    # (one call passing the version to the connecting function, likewise)
    single = PROBE_PAIRS.replace("    for model, api in pairs:\n        if await try_pair(model, api):",
                                 '    if await try_pair("gemini-2.5-flash-native-audio-latest", "v1alpha"):\n        if True:')
    assert single != PROBE_PAIRS
    assert (21, "LM007") in [(f.line, f.rule_id) for f in check(single, ("LM007",))]


LEGACY_SEND_OF_A_REALTIME_MESSAGE = dedent("""
    from google import genai

    client = genai.Client()


    async def stream(mic):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            while True:
                chunk = await mic.read()
                await session.send(input={
                    "realtime_input": {
                        "media_chunks": [{"data": chunk, "mime_type": "audio/pcm;rate=16000"}]
                    }
                })
""")


def test_media_chunks_inside_a_realtime_input_message_given_to_the_legacy_send() -> None:
    """`session.send(input={"realtime_input": {"media_chunks": [...]}})`, the client message's
    field written out: its `media_chunks` is LM104 (no fix: LM103 rewrites the whole call), as
    the same dict without the field around it is."""
    found = sorted((f.line, f.rule_id) for f in check(LEGACY_SEND_OF_A_REALTIME_MESSAGE, ("LM103", "LM104")))
    assert found == [(11, "LM103"), (13, "LM104")]


COMMAND_LINE_MODALITY = dedent("""
    import argparse
    import asyncio

    from google import genai
    from google.genai import types

    MODEL = "models/gemini-2.5-flash-live-preview"
    DEFAULT_RESPONSE_MODALITY = "AUDIO"


    class Loop:
        def __init__(self, response_modality=DEFAULT_RESPONSE_MODALITY):
            self.response_modality = response_modality
            self.client = genai.Client()

        async def run(self):
            config = types.LiveConnectConfig(response_modalities=[self.response_modality])
            async with self.client.aio.live.connect(model=MODEL, config=config) as session:
                async for message in session.receive():
                    print(message.text)


    if __name__ == "__main__":
        parser = argparse.ArgumentParser()
        parser.add_argument("--responses", type=str, default=DEFAULT_RESPONSE_MODALITY, choices=["TEXT", "AUDIO"])
        args = parser.parse_args()
        asyncio.run(Loop(response_modality=args.responses).run())
""")


def test_a_modality_a_command_line_option_chooses() -> None:
    """`[self.response_modality]` kept from a parameter that the module fills with
    `args.responses`, an argparse option whose `choices` list TEXT: TEXT on some runs, on a
    half-cascade id LM001 moves (LM005 on the keyword, no fix)."""
    (finding,) = check(COMMAND_LINE_MODALITY, ("LM005",))
    assert finding.line == 17 and finding.fix is None
    # (an option offering only AUDIO, or no choices, says nothing of TEXT)
    audio_only = COMMAND_LINE_MODALITY.replace('choices=["TEXT", "AUDIO"]', 'choices=["AUDIO"]')
    assert audio_only != COMMAND_LINE_MODALITY and check(audio_only, ("LM005",)) == []
    free = COMMAND_LINE_MODALITY.replace(', choices=["TEXT", "AUDIO"]', "")
    assert free != COMMAND_LINE_MODALITY and check(free, ("LM005",)) == []
