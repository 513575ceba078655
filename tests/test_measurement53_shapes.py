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
