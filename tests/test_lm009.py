"""LM009 transcription-not-enabled on the shapes its examples do not show, and beside the rules
that enable the same setting (LM304, LM005): one run of every rule writes it once."""

from __future__ import annotations

import pytest

from livemigrate.rule import Applicability
from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter

CONNECT = 'client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG)'


def _app(config: str, body: str, connect: str = CONNECT) -> str:
    """A module with ``CONFIG = <config>`` and a receive loop running ``body`` per message ``m``."""
    lines = "".join(f"            {line}\n" for line in body.splitlines())
    return (dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
    ''') + f"CONFIG = {config}\n\n\nasync def main():\n    async with {connect} as s:\n"
            "        async for m in s.receive():\n" + lines)


OUTPUT_READ = dedent("""
    sc = m.server_content
    if sc and sc.output_transcription:
        print(sc.output_transcription.text)
""")


def _lm009(code: str, target: str = "3.1"):
    report = linter(("LM009",), target).check_bytes(code.encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


def test_one_finding_per_line_that_reads_it() -> None:
    code = _app('{"response_modalities": ["AUDIO"]}', OUTPUT_READ + "print(m.server_content.output_transcription)\n")
    assert [f.line for f in _lm009(code)] == [12, 13, 14]


def test_with_text_reads_lm304_and_lm009_enable_it_once() -> None:
    # LM304 rewrites `.text` and enables the transcription; LM009 enables it for the read
    # below. Their edits overlap (same place in the same config), so one pass applies one.
    code = _app('types.LiveConnectConfig(response_modalities=["AUDIO"])',
                "if m.text:\n    print(m.text)\n" + OUTPUT_READ)
    assert {f.rule_id for f in check(code)} >= {"LM304", "LM009"}
    for unsafe in (False, True):
        report = verify_fix(linter(), code.encode(), "example.py", unsafe=unsafe)
        out = report.fixed.decode()
        assert out.count("output_audio_transcription") == 1, out
    assert "output_audio_transcription=types.AudioTranscriptionConfig()" in out


def test_a_text_session_is_lm005s_and_both_settings_are_written_once() -> None:
    body = OUTPUT_READ + "if sc and sc.input_transcription:\n    print(sc.input_transcription.text)\n"
    # the modality is the config's last entry: LM005 and LM009 both insert after it
    code = _app('{"system_instruction": "Be brief", "response_modalities": ["TEXT"]}', body)
    found = check(code)
    assert [f.message.split("`")[1] for f in found if f.rule_id == "LM009"] == ["input_transcription"] * 2
    out = verify_fix(linter(), code.encode(), "example.py", unsafe=True).fixed.decode()
    assert out.count('"output_audio_transcription"') == 1 and out.count('"input_audio_transcription"') == 1, out


def test_nested_in_generation_config_does_not_count() -> None:
    code = _app('{"response_modalities": ["AUDIO"], "generation_config": {"output_audio_transcription": {}}}',
                OUTPUT_READ)
    findings = _lm009(code)
    assert len(findings) == 2 and all("nested in generation_config" in f.message for f in findings)
    out = fixed_text(code, ("LM009",))
    assert '"generation_config": {"output_audio_transcription": {}}, "output_audio_transcription": {}}' in out


def test_enabled_only_for_older_models_counts_as_not_enabled() -> None:
    code = dedent('''
        from google import genai

        client = genai.Client()


        async def main(model):
            config = {"response_modalities": ["AUDIO"]}
            if model.startswith("gemini-2"):
                config["output_audio_transcription"] = {}
            async with client.aio.live.connect(model=model, config=config) as s:
                async for m in s.receive():
                    if m.server_content.output_transcription:
                        print(m.server_content.output_transcription.text)
    ''')
    findings = _lm009(code)
    assert len(findings) == 2 and all(f.fix.applicability is Applicability.SAFE for f in findings)
    assert 'config = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}' in fixed_text(code, ("LM009",))


@pytest.mark.parametrize("config,connect", [
    ('{"response_modalities": ["AUDIO"], **EXTRA}', CONNECT),  # the splat may set it
    ('types.LiveConnectConfig(**EXTRA)', CONNECT),
    ("None", 'client.aio.live.connect(model="gemini-3.1-flash-live-preview", **OPTIONS)'),  # may pass a config
], ids=["dict-splat", "kwargs-splat", "connect-splat"])
def test_what_a_splat_may_set_is_not_known(config: str, connect: str) -> None:
    code = "EXTRA = {}\nOPTIONS = {}\n" + _app(config, OUTPUT_READ, connect)
    assert _lm009(code) == []


def test_each_session_gets_its_own_config_edited() -> None:
    code = dedent('''
        from google import genai

        client = genai.Client()
        MODEL = "gemini-3.1-flash-live-preview"


        async def captions():
            async with client.aio.live.connect(model=MODEL, config={"input_audio_transcription": {}}) as a:
                async for m in a.receive():
                    print(m.server_content.output_transcription)


        async def dictation():
            async with client.aio.live.connect(model=MODEL, config={"output_audio_transcription": {}}) as b:
                async for m in b.receive():
                    print(m.server_content.output_transcription)
    ''')
    finding, = _lm009(code)
    assert finding.line == 10
    out = fixed_text(code, ("LM009",))
    assert 'config={"input_audio_transcription": {}, "output_audio_transcription": {}}) as a:' in out


def test_a_raw_setup_written_in_snake_case_gets_a_snake_case_key() -> None:
    code = dedent('''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def run(ws):
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",
                                                "generation_config": {"response_modalities": ["AUDIO"]}}}))
            async for raw in ws:
                msg = json.loads(raw)
                said = msg.get("server_content", {}).get("output_transcription")
                if said:
                    print(said["text"])
    ''')
    finding, = _lm009(code)
    assert finding.line == 11
    assert ('"generation_config": {"response_modalities": ["AUDIO"]},\n'
            '                                        "output_audio_transcription": {}}}))') in fixed_text(code, ("LM009",))


@pytest.mark.parametrize("code", [
    # a generate_content response has no transcription, and no Live session here
    dedent('''
        from google import genai

        client = genai.Client()
        r = client.models.generate_content(model="gemini-2.5-flash", contents="x")
        print(getattr(r, "output_transcription", None))
    '''),
    # server frames a test fake builds and reads back: no Live session in the module
    dedent('''
        def frame(text):
            msg = {"serverContent": {"outputTranscription": {"text": text}}}
            return msg["serverContent"]["outputTranscription"]["text"]
    '''),
], ids=["generate-content", "fake-server"])
def test_no_finding_without_a_live_session(code: str) -> None:
    assert _lm009(code) == []


def test_the_message_speaks_for_each_target() -> None:
    code = _app('{"response_modalities": ["AUDIO"]}', OUTPUT_READ)
    on_31, _ = _lm009(code, "3.1")
    on_38, _ = _lm009(code, "3.8")
    assert "gemini-3.1-flash-live-preview sends the transcript" in on_31.message
    assert "gemini-3.8-live was seen sending the transcript" in on_38.message


def test_a_trailing_comment_on_the_last_setting_is_not_copied() -> None:
    code = _app('types.LiveConnectConfig(\n    temperature=0.5,\n    response_modalities=["AUDIO"],  # spoken answers\n)',
                OUTPUT_READ)
    out = fixed_text(code, ("LM009",))
    assert out.count("# spoken answers") == 1, out


def test_a_finding_without_a_fix_does_not_hold_the_model_back() -> None:
    # Older models also transcribe only on request: the missing setting is no reason to keep
    # the session on its 2.x model, so LM001's move stays safe.
    code = dedent('''
        from google import genai

        client = genai.Client()
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
        QUIET = {"response_modalities": ["AUDIO"]}
        LOUD = {"response_modalities": ["AUDIO"], "speech_config": {"voice_config": {}}}


        async def main(loud):
            async with client.aio.live.connect(model=MODEL, config=LOUD if loud else QUIET) as s:
                async for m in s.receive():
                    if m.server_content.output_transcription:
                        print(m.server_content.output_transcription.text)
    ''')
    found = {f.rule_id: f for f in check(code)}
    assert found["LM009"].fix is None  # two configs: which one to edit is a human's call
    assert found["LM001"].fix.applicability is Applicability.SAFE
