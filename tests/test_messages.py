"""What a finding says: the words come from the target profile, name no other version, and
describe what the code does (a known input is never called unknown). Also the cases where a
fix a maintainer would not merge must not be offered, and where `fix --diff` must point at
the file on disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from livemigrate.cli import main
from livemigrate.engine import Linter
from livemigrate.migration import TARGETS, VERDICT_FACTS, TargetProfile
from livemigrate.rule import Applicability, Finding, Invalid
from livemigrate.rulepack import load_rules
from livemigrate.settings import Settings

from harness import dedent

RULES = load_rules()

# "3.1", "2.5", "2.x", "3.x": a version a message would name (1007, 16000, v1alpha are not).
VERSION = re.compile(r"(?<![\w.])\d+\.(?:\d+|x)(?![\w])")


def findings(code: str, select: tuple[str, ...] = ("LM",), target: str = "3.1") -> list[Finding]:
    report = Linter(Settings(select=select, target=target)).check_bytes(code.encode(), "example.py")
    assert report.error is None, report.error
    return report.findings


def versions_named(text: str, target: TargetProfile, source: str) -> list[str]:
    """The model versions ``text`` names besides the target's model id and code quoted from
    the source (a legacy model id in backticks is the user's own words, not the rule's). An
    SDK release (``google-genai 2.2.0``) is a package version, not a model's."""
    text = text.replace(target.model_id, "")
    text = re.sub(r"google-genai \d+(?:\.\d+)*", "", text)
    text = re.sub(r"`([^`]*)`", lambda m: "" if m.group(1) in source else m.group(0), text)
    return VERSION.findall(text)


def _examples():
    for target in TARGETS:
        for rule in RULES:
            for index, example in enumerate(rule.INVALID, start=1):
                yield pytest.param(target, rule, example, id=f"{target}-{rule.id}-INVALID-{index}")


@pytest.mark.parametrize("target_name,rule,example", list(_examples()))
def test_messages_speak_for_the_target(target_name: str, rule, example: Invalid) -> None:
    target = TARGETS[target_name]
    for finding in findings(example.code, (rule.id,), target_name):
        words = [finding.message] + ([finding.fix.description] if finding.fix else [])
        for text in words:
            assert not versions_named(text, target, example.code), text
        # A fact on which another target gives another verdict: its words are not this target's.
        for other in TARGETS.values():
            if other is target:
                continue
            for fact in VERDICT_FACTS:
                theirs = other.reason(fact)
                if theirs != target.reason(fact):
                    assert theirs not in finding.message, (fact, finding.message)


UNKNOWN_MODEL = dedent('''
    from google import genai

    client = genai.Client()


    async def run(model: str) -> None:
        config = {"response_modalities": ["AUDIO"], "enable_affective_dialog": True}
        async with client.aio.live.connect(model=model, config=config) as session:
            await session.send_realtime_input(text="hi")
''')
VERTEX_SESSION = dedent('''
    from google import genai

    client = genai.Client(vertexai=True, project="p", location="us-central1")
    config = {"response_modalities": ["AUDIO"], "enable_affective_dialog": True}


    async def run() -> None:
        async with client.aio.live.connect(model="gemini-live-2.5-flash-native-audio", config=config) as session:
            await session.send_realtime_input(text="hi")
''')


@pytest.mark.parametrize("target_name", list(TARGETS))
def test_notes_on_the_session_model_speak_for_the_target(target_name: str) -> None:
    target = TARGETS[target_name]
    for code in (UNKNOWN_MODEL, VERTEX_SESSION):
        [finding] = findings(code, ("LM004",), target_name)
        for text in (finding.message, *(finding.fix.unsafe_reasons if finding.fix else ())):
            assert not versions_named(text, target, code), text


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_summary_message_names_no_version(rule) -> None:
    # `livemigrate rules` and SARIF show this line whatever the target.
    assert not VERSION.findall(rule.message), rule.message


def test_target_38_does_not_print_the_31_reason_for_proactivity(tmp_path: Path, capsys) -> None:
    (tmp_path / "agent.py").write_text(dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            proactivity=types.ProactivityConfig(proactive_audio=True),
        )


        async def main():
            async with client.aio.live.connect(model="gemini-3.8-live", config=config) as session:
                await session.send_realtime_input(text="hi")
    '''))
    assert main(["check", "--target", "3.8", "--select", "LM003", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert TARGETS["3.8"].claim("proactivity") in out
    assert TARGETS["3.1"].reason("proactivity") not in out
    assert "setup never completes" not in out


# --- LM103: a LiveClientContent argument is client content, not an unknown input ---------
SEND_CLIENT_CONTENT = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def main(history: list[types.Content]) -> None:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            await session.send(input=CONTENT)
''')


@pytest.mark.parametrize("content", [
    "types.LiveClientContent(turns=history, turn_complete=True)",
    "types.LiveClientContent(turns=history)",
    "{'turns': history, 'turn_complete': False}",
])
@pytest.mark.parametrize("target", list(TARGETS))
def test_legacy_send_of_client_content_says_client_content(content: str, target: str) -> None:
    code = SEND_CLIENT_CONTENT.replace("CONTENT", content)
    [finding] = findings(code, ("LM103",), target)
    assert "not known" not in finding.message
    assert "client content" in finding.message
    assert "send_client_content(" in finding.message
    assert TARGETS[target].reason("client_content_mid_session") in finding.message
    assert finding.fix is None  # history turns are not live text: nothing to route


def test_legacy_send_of_one_user_text_client_content_becomes_realtime_text() -> None:
    code = SEND_CLIENT_CONTENT.replace(
        "CONTENT", "types.LiveClientContent(turns=[types.Content(role='user', parts=[types.Part(text='hi')])], "
                   "turn_complete=True)")
    [finding] = findings(code, ("LM103",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert "send_realtime_input(text=" in finding.message


def test_legacy_send_of_open_client_content_is_not_made_live_text() -> None:
    # turn_complete unset on a LiveClientContent: the SDK sends it open (end_of_turn is ignored
    # for it), so the model waits; realtime text would make it answer.
    code = SEND_CLIENT_CONTENT.replace(
        "CONTENT", "types.LiveClientContent(turns=[types.Content(role='user', parts=[types.Part(text='hi')])]), "
                   "end_of_turn=True")
    [finding] = findings(code, ("LM103",))
    assert finding.fix is None
    assert "not known" not in finding.message


def test_legacy_send_that_only_ends_the_turn_says_so() -> None:
    code = SEND_CLIENT_CONTENT.replace("input=CONTENT", "end_of_turn=True")
    [finding] = findings(code, ("LM103",))
    assert "not known" not in finding.message
    assert "ends the turn" in finding.message


# --- LM104: an f-string whose literal prefix names the kind is known ---------------------
MEDIA = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def main(pcm: bytes, rate: int) -> None:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            SEND
''')


@pytest.mark.parametrize("send", [
    'await session.send_realtime_input(media=types.Blob(data=pcm, mime_type=f"audio/pcm;rate={rate}"))',
    'await session.send(input={"media_chunks": [{"data": pcm, "mime_type": f"audio/pcm;rate={rate}"}]})',
    'await session.send(input=types.LiveClientRealtimeInput(media_chunks=[types.Blob(data=pcm, '
    'mime_type=f"audio/pcm;rate={rate}")]))',
], ids=["media", "send-dict", "send-realtime-input"])
def test_media_chunks_with_an_fstring_audio_mime_are_audio(send: str) -> None:
    [finding] = findings(MEDIA.replace("SEND", send), ("LM104",))
    assert "not known" not in finding.message, finding.message
    assert "`audio`" in finding.message


def test_media_chunks_with_an_fstring_constant_are_audio() -> None:
    code = MEDIA.replace("SEND", 'MIME = f"audio/pcm;rate={rate}"\n        '
                         'await session.send_realtime_input(media=types.Blob(data=pcm, mime_type=MIME))')
    [finding] = findings(code, ("LM104",))
    assert "not known" not in finding.message, finding.message


def test_media_chunks_with_a_non_audio_non_image_mime_name_it() -> None:
    code = MEDIA.replace("SEND", 'await session.send_realtime_input(media=types.Blob(data=pcm, mime_type="video/mp4"))')
    [finding] = findings(code, ("LM104",))
    assert "not known" not in finding.message
    assert "`video/mp4`" in finding.message
    assert finding.fix is None


# --- LM102: closing a seed must not change what the older-model path of the code does ----
SHARED_SEED = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()


    class LiveAgent:
        def __init__(self, model: str) -> None:
            self.model = model

        async def start(self, history: list[types.Content]) -> None:
            config = {"response_modalities": ["AUDIO"], "history_config": {"initial_history_in_client_content": True}}
            if not self.model.startswith("gemini-3"):
                # 2.5 answers a seed at once: give it a blank user turn to wait on
                history = history + [types.Content(role="user", parts=[types.Part(text=" ")])]
            async with client.aio.live.connect(model=self.model, config=config) as session:
                await session.send_client_content(turns=history, turn_complete=False)
                await session.send_realtime_input(text=".")
''')


def test_open_seed_shared_with_the_older_model_path_gets_no_fix() -> None:
    [finding] = findings(SHARED_SEED, ("LM102",))
    assert "turn_complete=False" in finding.message
    assert finding.fix is None, finding.fix


def test_open_seed_of_a_session_serving_both_generations_gets_no_fix() -> None:
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
        MODELS = {"stable": "gemini-2.5-flash-native-audio-preview-12-2025", "next": "gemini-3.1-flash-live-preview"}
        CONFIG = {"history_config": {"initial_history_in_client_content": True}}


        async def talk(tier: str, history: list[types.Content]) -> None:
            async with client.aio.live.connect(model=MODELS[tier], config=CONFIG) as session:
                await session.send_client_content(turns=history, turn_complete=False)
                await session.send_realtime_input(text=".")
    ''')
    [finding] = [f for f in findings(code, ("LM102",))]
    assert finding.fix is None, finding.fix


def test_open_seed_in_the_target_branch_is_closed_there_only() -> None:
    seed = "            await session.send_client_content(turns=history, turn_complete=False)\n"
    assert seed in SHARED_SEED
    code = SHARED_SEED.replace(seed, (
        "            if self.model.startswith(\"gemini-3\"):\n"
        "                await session.send_client_content(turns=history, turn_complete=False)\n"
        "            else:\n"
        "                await session.send_client_content(turns=history, turn_complete=False)\n"))
    [finding] = findings(code, ("LM102",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    target_branch = code.index('if self.model.startswith("gemini-3"):')
    assert finding.line == code[:target_branch].count("\n") + 2


def test_open_seed_chosen_per_model_is_left_alone() -> None:
    code = SHARED_SEED.replace("turn_complete=False", 'turn_complete=self.model.startswith("gemini-3")')
    assert [f for f in findings(code, ("LM102",)) if f.fix is not None] == []


# --- LM302: the end states of one turn are alternatives, not independent fields -----------
RECEIVE = dedent('''
    from google import genai

    client = genai.Client()


    async def loop(player) -> None:
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for message in session.receive():
                content = message.server_content
    CHAIN
''')


def _chain(*branches: str) -> str:
    lines = []
    for index, (test, body) in enumerate(b.split(": ", 1) for b in branches):
        lines.append(f"            {'if' if index == 0 else 'elif'} {test}:")
        lines.append(f"                {body}")
    return RECEIVE.replace("CHAIN", "\n".join(lines))


@pytest.mark.parametrize("branches", [
    ("content.interrupted: player.end_turn(interrupted=True)", "content.turn_complete: player.end_turn()"),
    ("content.generation_complete: player.end_turn()", "content.turn_complete: player.end_turn()"),
    ("message.server_content.turn_complete: player.end_turn()",
     "message.server_content.interrupted: player.end_turn(interrupted=True)"),
], ids=["interrupted-turn_complete", "generation_complete-turn_complete", "turn_complete-interrupted"])
def test_a_chain_of_turn_end_states_is_left_alone(branches: tuple[str, ...]) -> None:
    assert findings(_chain(*branches), ("LM302",)) == []


def test_a_mixed_chain_keeps_interrupted_in_place_and_the_turn_end_last() -> None:
    # split whole (issue 11, the experts of all three sets): interrupted keeps its written place
    # among the content, turn_complete goes after the content of its message
    code = _chain("content.interrupted: player.clear()", "content.model_turn: player.play(message)",
                  "content.turn_complete: player.end_turn()", "content.output_transcription: player.show(message)")
    [finding] = findings(code, ("LM302",))
    assert finding.fix is not None
    report = Linter(Settings(select=("LM302",), unsafe_fixes=True)).fix_bytes(code.encode(), "example.py")
    assert report.error is None and report.fixed is not None
    assert report.fixed.decode() == RECEIVE.replace("CHAIN", "\n".join([
        "            if content.interrupted:",
        "                player.clear()",
        "            if content.model_turn:",
        "                player.play(message)",
        "            if content.output_transcription:",
        "                player.show(message)",
        "            if content.turn_complete:",
        "                player.end_turn()",
    ]))


# --- `fix --diff` reports what remains at the lines of the file on disk --------------------
DIFF_SOURCE = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        enable_affective_dialog=True,
    )


    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
            async for message in session.receive():
                print(message.server_content.model_turn.parts[0].text)
''')


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_fix_diff_reports_remaining_findings_at_the_lines_on_disk(tmp_path: Path, capsys) -> None:
    path = tmp_path / "agent.py"
    path.write_text(DIFF_SOURCE)
    assert main(["fix", "--diff", str(path)]) == 1
    err = capsys.readouterr().err
    assert path.read_text() == DIFF_SOURCE  # --diff writes nothing: the disk still has the old lines
    [remaining] = [line for line in err.splitlines() if " LM301 " in line]
    assert remaining.startswith(f"{path}:{_line_of(DIFF_SOURCE, 'parts[0]')}:"), err


def test_fix_diff_of_stdin_reports_remaining_findings_at_the_lines_read(monkeypatch, capsys) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIFF_SOURCE.encode())))
    assert main(["fix", "--diff", "--stdin-filename", "agent.py", "-"]) == 1
    err = capsys.readouterr().err
    [remaining] = [line for line in err.splitlines() if " LM301 " in line]
    assert remaining.startswith(f"agent.py:{_line_of(DIFF_SOURCE, 'parts[0]')}:"), err


def test_fix_reports_remaining_findings_at_the_lines_it_wrote(tmp_path: Path, capsys) -> None:
    path = tmp_path / "agent.py"
    path.write_text(DIFF_SOURCE)
    assert main(["fix", str(path)]) == 1
    err = capsys.readouterr().err
    written = path.read_text()
    assert written != DIFF_SOURCE
    [remaining] = [line for line in err.splitlines() if " LM301 " in line]
    assert remaining.startswith(f"{path}:{_line_of(written, 'parts[0]')}:"), err
