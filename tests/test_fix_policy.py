"""The one fix-safety policy (livemigrate/policy.py): each case a maintainer would not merge
as "safe", written as the shapes real Live code has."""

from __future__ import annotations

from livemigrate.rule import Applicability

from harness import assert_parses, check, dedent, fix, fixed_text


def _fix_of(code: str, rule: str):
    findings = [f for f in check(code, (rule,)) if f.rule_id == rule]
    assert findings, f"no {rule} finding"
    return findings[0].fix


def test_a_renamed_wire_key_still_read_later_makes_the_fix_unsafe() -> None:
    code = dedent('''
        import base64, json
        URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"
        async def send_audio(ws, chunk):
            msg = {"realtimeInput": {"mediaChunks": [{"mimeType": "audio/pcm;rate=16000", "data": chunk}]}}
            log_size(msg)
            await ws.send(json.dumps(msg))
        def log_size(msg):
            print(len(msg["realtimeInput"]["mediaChunks"][0]["data"]))
    ''')
    found = _fix_of(code, "LM104")
    assert found.applicability is Applicability.UNSAFE
    assert any("mediaChunks" in r and "line 8" in r for r in found.unsafe_reasons), found.unsafe_reasons
    assert fix(code, ("LM104",)).fixed is None


def test_a_renamed_wire_key_not_read_elsewhere_stays_safe() -> None:
    code = dedent('''
        import json
        URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"
        async def send_audio(ws, chunk):
            await ws.send(json.dumps({"realtimeInput": {"mediaChunks": [{"mimeType": "audio/pcm;rate=16000", "data": chunk}]}}))
    ''')
    assert _fix_of(code, "LM104").applicability is Applicability.SAFE


def test_a_removed_config_field_read_elsewhere_makes_the_fix_unsafe() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(enable_affective_dialog=True)
        print(config.enable_affective_dialog)
    ''')
    found = _fix_of(code, "LM004")
    assert found.applicability is Applicability.UNSAFE
    assert any("enable_affective_dialog" in r for r in found.unsafe_reasons)


def test_the_sample_rate_the_code_shows_is_written_and_safe() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types
        SEND_SAMPLE_RATE = 24000
        RECEIVE_SAMPLE_RATE = 24000
        async def send(session, chunk):
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm"))
    ''')
    found = check(code, ("LM106",))[0]
    assert found.fix.applicability is Applicability.SAFE
    assert 'mime_type="audio/pcm;rate=24000"' in fixed_text(code, ("LM106",))


def test_a_rate_passed_to_a_handler_counts_as_shown() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types
        class Handler:
            def __init__(self, input_sample_rate=16000):
                self.rate = input_sample_rate
        async def send(session, chunk):
            handler = Handler(input_sample_rate=48000)
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm"))
    ''')
    assert "audio/pcm;rate=48000" in fixed_text(code, ("LM106",))


def test_an_invented_sample_rate_is_unsafe() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types
        async def send(session, chunk):
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm"))
    ''')
    found = check(code, ("LM106",))[0]
    assert found.fix.applicability is Applicability.UNSAFE
    assert any("guess" in r for r in found.fix.unsafe_reasons)
    assert fix(code, ("LM106",)).fixed is None
    assert "audio/pcm;rate=16000" in fixed_text(code, ("LM106",), unsafe=True)


def test_conflicting_visible_rates_are_not_written_safely() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types
        MIC_RATE = 16000
        INPUT_SAMPLE_RATE = 44100
        async def send(session, chunk):
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm"))
    ''')
    found = check(code, ("LM106",))[0]
    assert found.fix.applicability is Applicability.UNSAFE
    assert "16000, 44100" in found.message


def test_a_comment_inside_replaced_media_chunks_makes_the_fix_unsafe() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types
        async def send(session, chunk):
            msg = types.LiveClientRealtimeInput(media_chunks=[
                # the microphone chunk
                types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"),
            ])
            await session.send_realtime_input(audio=msg.media_chunks[0])
    ''')
    found = _fix_of(code, "LM104")
    assert found.applicability is Applicability.UNSAFE
    assert fix(code, ("LM104",)).fixed is None


def test_a_trailing_comment_on_a_rewritten_model_id_makes_the_fix_unsafe() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client()
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"  # for Vertex project
        async def main():
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                pass
    ''')
    found = _fix_of(code, "LM001")
    assert found.applicability is Applicability.UNSAFE
    assert any("for Vertex project" in r for r in found.unsafe_reasons)


def test_removing_the_only_statement_of_an_if_removes_the_if() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        def build(proactivity):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            if proactivity:
                config.proactivity = types.ProactivityConfig(proactive_audio=True)
            return config
    ''')
    out = fixed_text(code, ("LM003",), unsafe=True)
    assert "if proactivity" not in out and "pass" not in out, out
    assert "    return config\n" in out
    assert_parses(out)
    assert fix(out, ("LM003",), unsafe=True).fixed is None


def test_an_if_whose_test_has_side_effects_gets_no_fix() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        def build(settings):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            if settings.pop("proactive"):
                config.proactivity = types.ProactivityConfig(proactive_audio=True)
            return config
    ''')
    findings = check(code, ("LM003",))
    assert findings and findings[0].fix is None


def test_an_emptied_elif_or_else_body_gets_no_fix() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        def build(mode):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            if mode == "quiet":
                config.speech_config = None
            elif mode == "proactive":
                config.proactivity = types.ProactivityConfig(proactive_audio=True)
            return config
    ''')
    findings = check(code, ("LM003",))
    assert findings and findings[0].fix is None
    assert "pass" not in fixed_text(code, ("LM003",), unsafe=True)


def test_an_emptied_function_body_gets_no_fix() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(response_modalities=["AUDIO"])
        def enable_proactive():
            config.proactivity = types.ProactivityConfig(proactive_audio=True)
    ''')
    assert "pass" not in fixed_text(code, ("LM003",), unsafe=True)


def test_a_comment_above_a_removed_field_makes_the_removal_unsafe() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            # match the caller's tone
            enable_affective_dialog=True,
        )
    ''')
    found = _fix_of(code, "LM004")
    assert found.applicability is Applicability.UNSAFE
    assert any("match the caller's tone" in r for r in found.unsafe_reasons)


def test_a_model_the_module_does_not_know_makes_every_config_fix_unsafe() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client()
        async def run(model):
            config = {"response_modalities": ["AUDIO"], "enable_affective_dialog": True}
            async with client.aio.live.connect(model=model, config=config) as s:
                pass
    ''')
    found = _fix_of(code, "LM004")
    assert found.applicability is Applicability.UNSAFE
    assert any("model is not known" in r for r in found.unsafe_reasons)


def test_the_policy_is_the_only_place_that_decides_comment_safety() -> None:
    # Rules no longer count comments themselves: no rule module imports the helpers.
    from pathlib import Path

    from harness import REPO

    for path in sorted((REPO / "rules").glob("lm*.py")):
        text = path.read_text()
        assert "has_comments" not in text and "count_comments" not in text, path.name


def test_json_output_says_why_a_fix_is_unsafe(tmp_path, capsys) -> None:
    import json

    from livemigrate.cli import main

    path = tmp_path / "app.py"
    path.write_text(dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(
            # match the caller's tone
            enable_affective_dialog=True,
        )
    '''))
    main(["check", "--output-format", "json", str(path)])
    record = json.loads(capsys.readouterr().out)[0]
    assert record["fix"]["applicability"] == "unsafe"
    assert any("match the caller's tone" in r for r in record["fix"]["reasons"])


def test_the_model_moves_safely_only_when_nothing_else_waits_for_a_human() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client()
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
        CONFIG = {
            "response_modalities": ["AUDIO"],
            # stay quiet when the user talks to someone else
            "proactivity": {"proactive_audio": True},
        }
        async def main():
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                pass
    ''')
    model_id = _fix_of(code, "LM001")  # LM001 alone: nothing else is checked
    assert model_id.applicability is Applicability.SAFE
    findings = check(code)
    move = next(f for f in findings if f.rule_id == "LM001")
    assert move.fix.applicability is Applicability.UNSAFE
    assert any("LM003 at line 7" in r for r in move.fix.unsafe_reasons), move.fix.unsafe_reasons
    assert fix(code).fixed is None  # the safe run leaves the 2.5 program working
    without_comment = code.replace("    # stay quiet when the user talks to someone else\n", "")
    out = fixed_text(without_comment)
    assert "gemini-3.1-flash-live-preview" in out and "proactivity" not in out


def test_a_playback_streams_rate_is_not_an_input_rate() -> None:
    code = dedent('''
        import pyaudio
        from google import genai
        MIC_RATE = 16000
        SPEAKER_RATE = 24000
        pya = pyaudio.PyAudio()
        mic = pya.open(format=pyaudio.paInt16, channels=1, rate=MIC_RATE, input=True)
        speaker = pya.open(format=pyaudio.paInt16, channels=1, rate=SPEAKER_RATE, output=True)
        async def send(session, data):
            await session.send_realtime_input(audio={"data": data, "mime_type": "audio/pcm"})
    ''')
    found = check(code, ("LM106",))[0]
    assert found.fix.applicability is Applicability.SAFE, found.message
    assert "audio/pcm;rate=16000" in fixed_text(code, ("LM106",))


def test_a_type_checker_pragma_is_not_a_comment_about_the_old_code() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client()
        MODEL: str = "gemini-2.5-flash-native-audio-preview-12-2025"  # type: ignore[assignment]
        async def main():
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
                pass
    ''')
    assert _fix_of(code, "LM001").applicability is Applicability.SAFE


def test_while_the_model_id_waits_a_2x_sessions_settings_are_not_changed_alone() -> None:
    code = dedent('''
        from google import genai
        client = genai.Client()
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
        CONFIG = {
            "response_modalities": ["AUDIO"],
            "thinking_config": {"thinking_budget": 1024},
            # stay quiet when the user talks to someone else
            "proactivity": {"proactive_audio": True},
        }
        async def main():
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                pass
    ''')
    budget = next(f for f in check(code) if f.rule_id == "LM002")
    assert budget.fix.applicability is Applicability.UNSAFE
    assert any("stays on its 2.x model" in r for r in budget.fix.unsafe_reasons)
    assert fix(code).fixed is None  # the safe run leaves the 2.5 program as it was


# --- a config object that a non-Live call uses too --------------------------------------------
_SHARED_THINKING = dedent("""
    from google import genai
    from google.genai import types

    client = genai.Client()
    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    THINKING = types.ThinkingConfig(thinking_budget=1024)


    def summarize(text):
        return client.models.generate_content(
            model="gemini-2.5-flash",
            contents=text,
            config=types.GenerateContentConfig(thinking_config=THINKING),
        )


    async def talk():
        config = types.LiveConnectConfig(response_modalities=["AUDIO"], thinking_config=THINKING)
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_realtime_input(text="hi")
""")


def test_a_thinking_config_shared_with_generate_content_is_not_fixed_safely() -> None:
    # A budget is right for generate_content on gemini-2.5-flash: rewriting the shared object
    # changes the non-Live call too.
    fix_ = _fix_of(_SHARED_THINKING, "LM002")
    assert fix_.applicability is Applicability.UNSAFE
    assert any("models.generate_content at line 10" in r for r in fix_.unsafe_reasons), fix_.unsafe_reasons
    assert "thinking_budget=1024" in fixed_text(_SHARED_THINKING)


def test_a_dict_config_shared_with_a_chat_is_not_fixed_safely() -> None:
    code = dedent("""
        from google import genai

        client = genai.Client()
        BASE = {"thinking_config": {"thinking_budget": 512}}


        def chat():
            return client.chats.create(model="gemini-2.5-flash", config=BASE)


        async def talk():
            live = {**BASE, "response_modalities": ["AUDIO"]}
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=live) as s:
                await s.send_realtime_input(text="hi")
    """)
    fix_ = _fix_of(code, "LM002")
    assert fix_.applicability is Applicability.UNSAFE
    assert any("chats.create" in r for r in fix_.unsafe_reasons), fix_.unsafe_reasons


def test_a_thinking_config_used_by_live_alone_stays_safe() -> None:
    code = _SHARED_THINKING.replace("config=types.GenerateContentConfig(thinking_config=THINKING)",
                                    "config=types.GenerateContentConfig()")
    code = code.replace('MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"',
                        'MODEL = "gemini-3.1-flash-live-preview"')
    assert _fix_of(code, "LM002").applicability is Applicability.SAFE


def test_advice_that_holds_on_both_models_does_not_hold_the_model_back() -> None:
    # A long-running mic session (LM402: session limits, the same on 2.5) has no fix; it must
    # not keep the model id from moving when nothing else waits for a human.
    code = dedent("""
        from google import genai
        from google.genai import types

        client = genai.Client()
        MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"


        async def talk(mic):
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
                async for chunk in mic:
                    await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm;rate=16000"))
    """)
    found = {f.rule_id: f for f in check(code)}
    assert "LM402" in found and found["LM402"].fix is None
    assert found["LM001"].fix.applicability is Applicability.SAFE


def test_a_fix_that_copies_a_comment_is_unsafe() -> None:
    """A comment written twice by a fix is as wrong as one lost: the copy may sit on code it
    does not describe (a splice that gave the last entry's '# why' to a new entry did)."""
    import libcst as cst

    from livemigrate.edits import Replace
    from livemigrate.engine import Linter
    from livemigrate.rule import Fix, Rule
    from livemigrate.settings import Settings

    class Duplicates(Rule):
        id, name, message = "LM998", "duplicates", "copies an entry"

        def check(self, ctx) -> None:
            for node in ctx.live.nodes(cst.Dict):
                first = node.elements[0]
                copy = first.with_changes(key=cst.SimpleString('"b"'))
                ctx.report(node, fix=Fix.safe("copy", Replace(node, node.with_changes(elements=[first, copy]))))

    code = ('config = {\n    "a": 1,  # the answer\n    "c": 2,\n}\n'
            'session = client.aio.live.connect(model=M, config=config)\n')
    report = Linter(Settings(select=("LM998",)), rules=[Duplicates]).check_bytes(code.encode(), "x.py")
    (finding,) = report.findings
    assert finding.fix.applicability is Applicability.UNSAFE
    assert any("copy the comment '# the answer'" in reason for reason in finding.fix.unsafe_reasons)


def test_a_half_cascade_text_session_does_not_move_safely() -> None:
    """On a 2.x half-cascade model TEXT answers are right, so LM005 is silent; moving the id
    to a target that refuses TEXT would break the session: that move is unsafe (ecosystem
    sweep: three notebooks)."""
    code = dedent('''
        from google import genai
        client = genai.Client()
        MODEL = "gemini-2.0-flash-live-001"
        config = {"response_modalities": ["TEXT"]}


        async def main():
            async with client.aio.live.connect(model=MODEL, config=config) as s:
                await s.send_realtime_input(text="hi")
                async for message in s.receive():
                    print(message.text)
    ''')
    found = _fix_of(code, "LM001")
    assert found.applicability is Applicability.UNSAFE
    assert any("TEXT" in reason for reason in found.unsafe_reasons), found.unsafe_reasons
    assert fix(code).fixed is None  # nothing moves without --unsafe-fixes


_COMMENTED_ABOVE = dedent('''
    from google import genai
    client = genai.Client()
    COMMENT
    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    async def main():
        async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as s:
            pass
''')


def test_a_comment_above_that_names_what_a_one_line_change_removes_makes_it_unsafe() -> None:
    # after the move, "# 2.5 native audio model" sits above a 3.1 id and says the opposite
    for comment in ("# 2.5 native audio model", "# Native-audio preview (December 2025)\n# see the docs"):
        found = _fix_of(_COMMENTED_ABOVE.replace("COMMENT", comment), "LM001")
        assert found.applicability is Applicability.UNSAFE, comment
        assert any("above the changed line" in r for r in found.unsafe_reasons)


def test_a_comment_above_that_names_nothing_the_change_removes_keeps_it_safe() -> None:
    for comment in ("# The Live model", "# Gemini flash, see the docs", "x = 1  # native audio, 2.5"):
        found = _fix_of(_COMMENTED_ABOVE.replace("COMMENT", comment), "LM001")
        assert found.applicability is Applicability.SAFE, comment
    # a blank line between: the comment heads something else
    found = _fix_of(_COMMENTED_ABOVE.replace("COMMENT", "# 2.5 native audio model\n"), "LM001")
    assert found.applicability is Applicability.SAFE
