"""The 3.8 bar (issue 12) on held-out programs, written apart from the rules and the shim:
``heldout_38/concierge_25.py`` (a 2.5 native-audio front desk) and ``heldout_38/calendar_31.py``
(a 3.1 calendar assistant), each run in its own process against the strict ``3.8`` and
``3.8-xt`` emulators, and ``heldout_38/tutor_25_xt.py`` (a 2.5 thinking app in the older SDK
surface, bound for extended thinking) against ``3.8-xt``:

1. unchanged, it is refused: beyond its model id (1008, which the emulator is told to let
   through here so the rest shows), 3.8 closes the setup with 1007 on what the program sends;
2. unchanged under ``python -m livemigrate.shim --target 3.8`` (or ``3.8-xt``), it completes
   with every audio chunk, transcript and tool result the server sent;
3. after ``livemigrate fix --unsafe-fixes --target ...`` on a copy, it completes without the shim;

and ``livemigrate check --target ...`` on it gives the target's verdicts, none of 3.1's.

"Completes" is judged against the server's side: the program's last stdout line is a JSON
report (audio byte count and hash, transcripts, tool results) compared with what the emulator
recorded, read after ``wait_idle()``. The programs reach the emulator over TLS through the
SDK's own environment variables, as ``livemigrate run --emulator`` does. A case the shim cannot
carry is ``xfail(strict=True)`` with the missing step (``_case(..., xfail=...)``), so it fails
loudly once that step lands; none is left.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from livemigrate.cli import main
from livemigrate.emulator import ConnectionRecord, LiveEmulator

PROGRAMS = Path(__file__).parent / "heldout_38"
# Emulator mode == shim and fix target; the tutor is the XT-bound variant.
MODES = {"concierge_25": ["3.8", "3.8-xt"], "tutor_25_xt": ["3.8-xt"], "calendar_31": ["3.8", "3.8-xt"]}

# The model's side of each conversation; the programs never see these texts.
SCRIPTS: dict[str, Any] = {
    "concierge_25": {
        "checkout": [
            {"say": "One moment, let me pull up your booking."},
            {"tool_call": {"name": "lookup_booking", "args": {"room": "412"}}},
            {"say": "All set: {tool_result}.", "turn_complete": True},
        ],
        "<audio>": [{"hear": "Could you send up more towels?"}, {"say": "Of course, towels are on their way."}],
    },
    "tutor_25_xt": {
        "7.3": [
            {"say": "Let me check the answer key."},
            {"tool_call": {"name": "answer_key", "args": {"exercise": "7.3"}}},
            {"say": "Correct: {tool_result}.", "turn_complete": True},
        ],
        "<audio>": [{"hear": "Can we try 7.4 next?"}, {"say": "Sure, here is 7.4."}],
    },
    "calendar_31": {
        "calendar": [
            {"say": "Let me look at your calendar."},
            {"tool_call": {"name": "get_events", "args": {"hour": 15}}},
            {"say": "At three: {tool_result}.", "turn_complete": True},
        ],
        "<audio>": [{"hear": "Move it to four"}, {"say": "Done, it now starts at four."}],
    },
}
# What the program's own tool returned, and a fragment the model can only say if it got it.
TOOL_RESULTS = {
    "concierge_25": ({"name": "lookup_booking", "args": {"room": "412"},
                      "result": {"guest": "Ada Lovelace", "late_checkout": "2 pm"}}, "Ada Lovelace"),
    "tutor_25_xt": ({"name": "answer_key", "args": {"exercise": "7.3"},
                     "result": {"exercise": "7.3", "answer": "x = 4"}}, "x = 4"),
    "calendar_31": ({"name": "get_events", "args": {"hour": 15},
                     "result": {"hour": 15, "events": ["design review with Priya"]}}, "design review with Priya"),
}
PUSH_TO_TALK_REPLY = {"concierge_25": "Of course, towels are on their way.",
                      "tutor_25_xt": "Sure, here is 7.4.",
                      "calendar_31": "Done, it now starts at four."}
# What each unchanged program sends that the 3.8 servers refuse at setup (the first one closes).
REFUSED = {
    "concierge_25": {"affective-dialog", "proactivity", "thinking-config", "thinking-budget"},
    "tutor_25_xt": {"thinking-budget", "blocking-function"},
    "calendar_31": {"thinking-config", "thinking-level", "blocking-function"},
}

# What the shim says at run time beyond LM606, per case: LM301 where it splits the 2.5
# program's multi-part messages (it names a 2.x id), LM604 where XT's mid-interaction
# turnComplete is held back until IDLE (every program on XT: none names the XT id).
RUN_TIME_WARNINGS = {
    ("concierge_25", "3.8"): {"LM301"},
    ("concierge_25", "3.8-xt"): {"LM301", "LM604"},
    ("tutor_25_xt", "3.8-xt"): {"LM301", "LM604"},
    ("calendar_31", "3.8"): set(),
    ("calendar_31", "3.8-xt"): {"LM604"},
}


def _case(name: str, mode: str, xfail: str | None = None) -> Any:
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=xfail)] if xfail else []
    return pytest.param(name, mode, id=f"{name}-on-{mode}", marks=marks)


ALL = [_case(name, mode) for name in SCRIPTS for mode in MODES[name]]


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.py"
    shutil.copyfile(PROGRAMS / f"{name}.py", path)
    return path


def _env(emulator: LiveEmulator) -> dict[str, str]:
    """The program's environment: no key or Vertex of the caller's, the emulator's address and CA."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("GOOGLE_API_KEY", "GEMINI_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI",
                        "GOOGLE_GENAI_USE_ENTERPRISE", "GOOGLE_GENAI_API_VERSION")}
    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))
    env.update(GOOGLE_GEMINI_BASE_URL=emulator.url, SSL_CERT_FILE=str(emulator.ca_cert_path),
               GOOGLE_API_KEY="livemigrate-test", NO_PROXY=no_proxy, no_proxy=no_proxy)
    return env


def _run(path: Path, emulator: LiveEmulator, *prefix: str) -> subprocess.CompletedProcess[str]:
    """Run the program (after ``prefix``, e.g. the shim's command) and let the server settle."""
    done = subprocess.run([sys.executable, *prefix, str(path)], cwd=path.parent, env=_env(emulator),
                          capture_output=True, text=True, timeout=30)
    emulator.wait_idle()
    return done


def _fix(path: Path, target: str) -> None:
    before = path.read_text(encoding="utf-8")
    code = main(["fix", "--no-cache", "--unsafe-fixes", "--target", target, str(path)])
    assert code in (0, 1)  # 1: a finding that needs a human remains (a long session, say)
    assert path.read_text(encoding="utf-8") != before


def _server_side(record: ConnectionRecord) -> tuple[bytes, list[str], list[str]]:
    """The audio, output transcripts and input transcripts the server sent, in order."""
    audio, said, heard = b"", [], []
    for content in record.sent_of("serverContent"):
        for part in content.get("modelTurn", {}).get("parts", []):
            audio += base64.b64decode(part["inlineData"]["data"])
        if "outputTranscription" in content:
            said.append(content["outputTranscription"]["text"])
        if "inputTranscription" in content:
            heard.append(content["inputTranscription"]["text"])
    return audio, said, heard


def _assert_completed(name: str, done: subprocess.CompletedProcess[str], emulator: LiveEmulator) -> None:
    """The program ran to its end and got everything the scripted model said."""
    assert done.returncode == 0, done.stderr[-3000:]
    record = emulator.connections[-1]
    assert record.violations == []
    assert record.setup is not None and record.setup["model"].startswith("models/gemini-3.8-live")
    audio, said, heard = _server_side(record)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # Three spoken messages of three chunks each: the text turn, the tool outcome, push-to-talk.
    assert len(said) == 3 and len(audio) == 3 * 3 * 1920
    assert (report["audio_bytes"], report["audio_sha256"]) == (len(audio), hashlib.sha256(audio).hexdigest())
    assert report["transcript"] == said
    assert report["heard"] == heard and len(heard) == 1
    tool_result, fragment = TOOL_RESULTS[name]
    assert report["tool_results"] == [tool_result]
    assert fragment in said[1]  # the model spoke the program's tool result
    assert said[2] == PUSH_TO_TALK_REPLY[name]  # push-to-talk got its reply


@pytest.mark.parametrize(("name", "mode"), ALL)
def test_unchanged_the_program_is_refused(tmp_path: Path, name: str, mode: str) -> None:
    path = _copy(tmp_path, name)
    with LiveEmulator(mode=mode, script=SCRIPTS[name], enforce={"model-not-served": False}) as emulator:
        done = _run(path, emulator)
        record = emulator.connections[-1].wait_closed()
    assert done.returncode != 0 and "1007" in done.stderr
    assert record.close_code == 1007 and record.closed_by == "server"
    refused = [violation.rule.id for violation in record.violations]
    assert len(refused) == 1 and refused[0] in REFUSED[name], refused


@pytest.mark.parametrize(("name", "mode"), ALL)
def test_unchanged_the_program_completes_through_the_shim(tmp_path: Path, name: str, mode: str) -> None:
    path = _copy(tmp_path, name)
    with LiveEmulator(mode=mode, script=SCRIPTS[name]) as emulator:
        done = _run(path, emulator, "-m", "livemigrate.shim", "--target", mode)
        _assert_completed(name, done, emulator)
    assert "LiveMigrateWarning: LM606" in done.stderr  # audio_stream_end became activity signals
    for rule in ("LM301", "LM604"):  # said when it happens, and only then
        assert (f"LiveMigrateWarning: {rule}" in done.stderr) == (rule in RUN_TIME_WARNINGS[name, mode]), rule


def test_the_2_5_program_completes_through_the_shim_with_split_parts(tmp_path: Path) -> None:
    """``--split-parts`` forces what the default does for a 2.x id (one part per message), unwarned."""
    path = _copy(tmp_path, "concierge_25")
    with LiveEmulator(mode="3.8", script=SCRIPTS["concierge_25"]) as emulator:
        done = _run(path, emulator, "-m", "livemigrate.shim", "--target", "3.8", "--split-parts")
        _assert_completed("concierge_25", done, emulator)
    assert "LiveMigrateWarning: LM301" not in done.stderr  # asked for, so not warned


def test_no_split_parts_keeps_messages_whole_for_a_2_x_id(tmp_path: Path) -> None:
    """``--no-split-parts`` turns the default off: the parts[0] reader plays one chunk per message."""
    path = _copy(tmp_path, "concierge_25")
    with LiveEmulator(mode="3.8", script=SCRIPTS["concierge_25"]) as emulator:
        done = _run(path, emulator, "-m", "livemigrate.shim", "--target", "3.8", "--no-split-parts")
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["chunks"] == 3 and report["audio_bytes"] == 3 * 1920  # 3 of 9 chunks
    assert "LiveMigrateWarning: LM301" not in done.stderr


@pytest.mark.parametrize(("name", "mode"), ALL)
def test_the_fixed_program_completes_without_the_shim(tmp_path: Path, name: str, mode: str) -> None:
    path = _copy(tmp_path, name)
    _fix(path, mode)
    with LiveEmulator(mode=mode, script=SCRIPTS[name]) as emulator:
        done = _run(path, emulator)
        _assert_completed(name, done, emulator)
    assert "LiveMigrateWarning" not in done.stderr  # no shim in the process


@pytest.mark.parametrize(("name", "mode"), ALL)
def test_check_gives_the_targets_verdicts(tmp_path: Path, name: str, mode: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(tmp_path, name)
    capsys.readouterr()
    main(["check", "--no-cache", "--target", mode, "--output-format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)
    model_id = "gemini-3.8-live-extended-thinking" if mode == "3.8-xt" else "gemini-3.8-live"
    for finding in findings:  # a reason that names a model names the target, never 3.1
        message = finding["message"]
        assert "gemini-" not in message or model_id in message, finding
        assert mode == "3.8-xt" or "extended-thinking" not in message, finding
        assert finding["code"] == "LM001" or "3.1" not in message, finding
    codes = {finding["code"] for finding in findings}
    assert {"LM001", "LM606"} <= codes  # the model id; push-to-talk ended by audio_stream_end
    if mode == "3.8":
        # valid again on 3.8: NON_BLOCKING tools, response scheduling, client content mid-session
        assert not codes & {"LM101", "LM201", "LM202"}
    elif name == "concierge_25":
        assert "LM202" in codes  # 3.8 XT is reported to refuse response scheduling
