"""Shapes an adversarial review found mishandled; each is a behaviour a user would notice."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from livemigrate.cli import cli

from harness import assert_parses, check, dedent, fix, fixed_text


def ids(code: str, select=("LM",)) -> list[tuple[int, str]]:
    return [(f.line, f.rule_id) for f in check(dedent(code), select)]


def test_history_declared_in_the_config_a_helper_returns() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types

        def build_config(voice):
            return types.LiveConnectConfig(response_modalities=["AUDIO"])

        async def run(client: genai.Client, history, mic):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=build_config("Kore")) as s:
                await s.send_client_content(turns=history, turn_complete=True)
                async for chunk in mic:
                    await s.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
    ''')
    out = fixed_text(code)
    assert 'types.LiveConnectConfig(response_modalities=["AUDIO"], history_config=types.HistoryConfig(' in out
    assert 'build_config("Kore")' in out  # the helper call itself is untouched
    assert ids(out, select=("LM0", "LM1")) == []


@pytest.mark.parametrize("test", [
    'if model.endswith("gemini-2.5-flash-native-audio-preview-12-2025"):',
    'if model in AFFECTIVE:',
])
def test_ids_in_version_checks_are_never_rewritten(test: str) -> None:
    code = dedent(f'''
        from google import genai
        AFFECTIVE = frozenset({{"gemini-2.5-flash-native-audio-preview-12-2025"}})
        def config(model):
            cfg = {{}}
            {test}
                cfg["enable_affective_dialog"] = True
            return cfg
    ''')
    report = fix(code)
    assert report.fixed is None or b"gemini-2.5-flash-native-audio-preview-12-2025" in report.fixed


def test_match_statement_is_a_version_gate() -> None:
    code = '''
        from google.genai import types
        def build(model):
            cfg = types.LiveConnectConfig()
            match model:
                case "gemini-2.5-flash-native-audio-preview-12-2025":
                    cfg.enable_affective_dialog = True
            return cfg
    '''
    findings = check(dedent(code))
    assert [(f.line, f.rule_id) for f in findings] == [(5, "LM001")]
    assert findings[0].fix is None


def test_collections_of_ids_never_get_duplicates() -> None:
    code = dedent('''
        VOICE_BY_MODEL = {"gemini-3.1-flash-live-preview": "Kore",
                          "gemini-2.5-flash-native-audio-preview-12-2025": "Puck"}
        FALLBACKS = ["gemini-2.5-flash-native-audio-preview-12-2025", "gemini-2.5-flash-native-audio-preview-09-2025"]
    ''')
    assert fix(code).fixed is None  # nothing safe
    out = fixed_text(code, unsafe=True)
    assert out.count("gemini-3.1-flash-live-preview") == 2  # one per collection, never two in one
    assert "Puck" in out and '"gemini-3.1-flash-live-preview": "Kore"' in out


def test_flash_exp_constant_shared_with_generate_content_is_not_rewritten() -> None:
    code = dedent('''
        from google import genai
        MODEL = "gemini-2.0-flash-exp"
        client = genai.Client()
        async def main():
            client.models.generate_content(model=MODEL, contents="x")
            async with client.aio.live.connect(model=MODEL, config={}) as s:
                pass
    ''')
    (finding,) = check(code)
    assert finding.rule_id == "LM001" and finding.fix is None and "generate_content" in finding.message


def test_pcm_label_only_for_live_input() -> None:
    code = '''
        from google import genai
        from google.genai import types
        async def relay(session, browser, pcm, mic):
            await browser.send_json({"type": "audio", "mime_type": "audio/pcm", "data": pcm})
            part = types.Part.from_bytes(data=pcm, mime_type="audio/pcm")
            blob = types.Blob(data=mic, mime_type="audio/pcm")
            await session.send_realtime_input(audio=blob)
    '''
    assert ids(code) == [(6, "LM106")]


def test_retry_loop_around_connect_keeps_the_seed_a_seed() -> None:
    code = '''
        from google import genai
        async def run(client: genai.Client, history, stop):
            while not stop.is_set():
                async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                        config={"history_config": {"initial_history_in_client_content": True}}) as s:
                    await s.send_client_content(turns=history, turn_complete=True)
                    await s.send_realtime_input(text=".")
    '''
    assert ids(code) == []


def test_a_loop_that_reads_replies_is_per_turn() -> None:
    code = '''
        from google import genai
        async def quiz(client: genai.Client, questions):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                for q in questions:
                    await s.send_client_content(turns=q)
                    async for m in s.receive():
                        pass
    '''
    findings = check(dedent(code))
    assert [(f.line, f.rule_id) for f in findings] == [(5, "LM101")]
    assert "loop that also reads the replies" in findings[0].message


def test_walrus_chain_is_not_reordered() -> None:
    code = '''
        async def loop(session, out):
            async for msg in session.receive():
                if (sc := msg.server_content) and sc.turn_complete:
                    out.end()
                elif sc and sc.model_turn:
                    out.play(sc)
    '''
    (finding,) = check(dedent(code))
    assert finding.rule_id == "LM302" and finding.fix is None


def test_removal_in_a_one_line_if() -> None:
    code = dedent('''
        from google.genai import types
        def build(proactive):
            cfg = types.LiveConnectConfig()
            if proactive: cfg.proactivity = {"proactive_audio": True}
            return cfg
    ''')
    out = fixed_text(code, unsafe=True)  # the model is a caller's: unsafe
    # the emptied one-line `if` goes with it (its test has no side effects): no `if x: pass`
    assert "if proactive" not in out and "proactivity" not in out and "pass" not in out
    assert_parses(out)


def test_a_noqa_comment_is_not_copied_to_spliced_fields() -> None:
    code = dedent('''
        from google.genai import types
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],  # noqa: LM005 -- keep in sync
            generation_config=types.GenerationConfig(
                temperature=0.3,  # calm
                max_output_tokens=512,
            ),
        )
    ''')
    out = fixed_text(code, ("LM006",))  # all of LM would also remove the unused noqa (LM900)
    assert out.count("# noqa") == 1
    assert "temperature=0.3,  # calm" in out


def test_form_feed_does_not_shift_noqa() -> None:
    code = ('from google import genai\n\x0c\nA = "gemini-2.5-flash-native-audio-preview-12-2025"  # noqa: LM001\n'
            'B = "gemini-2.5-flash-native-audio-preview-12-2025"\n')
    assert [f.line for f in check(code)] == [4]


def test_helper_module_with_annotated_session() -> None:
    code = '''
        from google.genai import types
        from google.genai.live import AsyncSession

        async def say(session: "AsyncSession | None", text: str) -> None:
            await session.send(input=text, end_of_turn=True)

        async def typed(session, text):
            await session.send_client_content(turns=types.Content(role="user", parts=[types.Part(text=text)]))
    '''
    assert ids(code) == [(5, "LM103"), (8, "LM101")]


def test_raw_frames_sent_through_a_helper() -> None:
    code = '''
        import json
        URI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
        class Client:
            async def _send(self, payload):
                await self.ws.send(json.dumps(payload))
            async def start(self):
                await self._send({"setup": {"model": "models/gemini-3.1-flash-live-preview"}})
            async def say(self, text):
                await self._send({"clientContent": {"turns": [{"role": "user", "parts": [{"text": text}]}], "turnComplete": True}})
    '''
    assert ids(code) == [(9, "LM101")]


def test_a_role_that_is_not_written_is_not_assumed_user() -> None:
    code = '''
        from google import genai
        from google.genai import types
        async def replay(client: genai.Client, items):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                await s.send_realtime_input(text="hi")
                for item in items:
                    await s.send_client_content(turns=types.Content(role=item.role, parts=[types.Part(text=item.text)]))
    '''
    (finding,) = check(dedent(code))
    assert finding.rule_id == "LM101" and finding.fix is None


@pytest.mark.parametrize("gate", [
    'if model in ("gemini-3.1-flash-live-preview", "gemini-3.8-live"):\n        pass\n    else:',
    'if not self_supports_v3(model):',
])
def test_more_gate_spellings(gate: str) -> None:
    code = dedent(f'''
        from google import genai
        def self_supports_v3(model):
            return model.startswith("gemini-3")
        def build(model):
            cfg = {{}}
        ''') + f"    {gate}\n        cfg['thinking_config'] = {{'thinking_budget': 0}}\n    return cfg\n"
    assert check(code) == []


def test_helper_only_called_from_a_legacy_branch() -> None:
    code = '''
        from google import genai
        def _config_25():
            return {"enable_affective_dialog": True}
        def config_for(model):
            if "gemini-3" in model:
                return {}
            return _config_25()
        async def run(client: genai.Client, model):
            async with client.aio.live.connect(model=model, config=config_for(model)) as s:
                pass
    '''
    assert ids(code) == []


def test_parenthesised_import_keeps_its_layout() -> None:
    code = dedent('''
        from google.genai.types import (
            LiveConnectConfig,
            ProactivityConfig,
            SpeechConfig,
        )
        config = LiveConnectConfig(speech_config=SpeechConfig(), proactivity=ProactivityConfig(proactive_audio=True))
    ''')
    assert "    SpeechConfig,\n)" in fixed_text(code)


def test_fix_stdin_passes_bad_input_through() -> None:
    result = CliRunner().invoke(cli, ["fix", "-"], input=b"from google.genai.types import LiveConnectConfig\ndef f(:\n")
    assert result.exit_code == 2
    assert result.stdout == "from google.genai.types import LiveConnectConfig\ndef f(:\n"


def test_select_of_an_unknown_code_is_a_usage_error(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["check", "--select", "XYZ", str(tmp_path)])
    assert result.exit_code == 2 and "matches no rule" in result.stderr


def test_capability_checks_named_for_a_25_feature_gate_their_branch() -> None:
    code = '''
        from google import genai
        from google.genai import types

        class Service:
            @property
            def _supports_non_blocking_tools(self) -> bool:
                version = self._version
                return version is None or version < (3, 0) or version >= (3, 8)

            async def answer(self, session, call, result, spoken):
                non_blocking = self._supports_non_blocking_tools and spoken
                scheduling = "WHEN_IDLE" if non_blocking else None
                payload = {**result, "scheduling": scheduling} if scheduling else result
                response = types.FunctionResponse(id=call.id, name=call.name, response=payload)
                if non_blocking:
                    response.scheduling = types.FunctionResponseScheduling.WHEN_IDLE
                await session.send_tool_response(function_responses=response)
    '''
    assert ids(code) == []


def test_vertex_sessions_that_stay_on_25_get_no_fix() -> None:
    code = '''
        from google import genai
        client = genai.Client(vertexai=True, project="p", location="us-central1")
        MODEL = "gemini-live-2.5-flash-native-audio"
        async def main():
            async with client.aio.live.connect(model=MODEL, config={"thinking_config": {"thinking_budget": 1024},
                                                                    "enable_affective_dialog": True}) as s:
                pass
    '''
    findings = check(dedent(code))
    assert [f.rule_id for f in findings] == ["LM001", "LM002", "LM004"]
    assert all(f.fix is None for f in findings)
    assert "on a Vertex AI model" in findings[1].message and "no fix until it can move" in findings[1].message


def test_noqa_inside_a_string_is_not_a_suppression() -> None:
    code = 'from google import genai\nMODEL = "gemini-2.5-flash-native-audio-preview-12-2025"; NOTE = "# noqa"\n'
    assert [f.rule_id for f in check(code)] == ["LM001"]
