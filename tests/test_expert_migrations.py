"""Issue 11's bar on held-out expert hand migrations.

Each pair in ``tests/corpus/SET/NAME/`` holds ``before.py`` (real-shaped 2.5 Live
code), ``after.py`` (an expert's hand migration to gemini-3.1-flash-live-preview, written from
the catalogue and the facts, not from the tool), ``NOTES.md`` (the why, hunk by hunk) and
``hunks.json`` (the rule each expert hunk belongs to). The expert marks what they left for a
human with ``# expert: left LMxxx <why>``; those comments are not part of the migration.

The bar: for every rule with at least three expert hunks, ``fix --unsafe-fixes`` writes the
expert's text on more than half of them; and ``check`` finds no more in the tool's output, over
all pairs, than in the experts' after.py files. Texts are compared whitespace aside (and trailing
commas, which only follow the layout); a hunk whose text the tool wrote in another place, having
reordered statements or keys, counts, and the report says so ("moved").

There are two sets, each measured on its own (``SETS``): ``expert_migrations`` was measured once
and then used to tune the codemod, so it no longer measures held-out behaviour;
``expert_migrations_2`` was written afterwards, without reading the rules or the tool's output, to
measure it again, and ``expert_migrations_3`` after that set had been used for tuning in turn. The
bar applies per set.

Run ``python tests/test_expert_migrations.py [SET]`` for the full per-hunk report.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from livemigrate.engine import Linter
from livemigrate.settings import Settings

CORPUS = Path(__file__).resolve().parent / "corpus"
FIRST_SET = "expert_migrations"
PAIRS_DIR = CORPUS / FIRST_SET
PAIRS = sorted(path.name for path in PAIRS_DIR.iterdir() if (path / "before.py").is_file())
MIN_HUNKS = 3  # a rule is judged only on at least this many expert hunks

# Rules whose bar the tool does not meet yet (strict: the case fails once the tool meets it).
# Numbers are matched / expert hunks; the per-hunk reasons are in the report (see __main__).
KNOWN_SHORTFALLS: dict[str, str] = {
    "LM108": "1/3: the seed is declared and moved and its last user turn goes out as realtime text, but the "
             "expert named that prompt (a RESUME_PROMPT constant) and rewrote the seed helper around it, which "
             "a fix cannot invent",
}
# Findings check reports in all tool outputs vs all expert after.py files (None: the set meets the bar).
# 13 vs 11 when written; LM103 now sends a relay's text (`message["data"]` under `kind == "text"`) as realtime
# text, and LM305 sends the results of tools a loop runs here as the tool response.
REMAINING_SHORTFALL: str | None = None

# The second set's shortfalls, in the same form (None: the set meets the remaining-findings bar).
KNOWN_SHORTFALLS_2: dict[str, str] = {
    "LM304": "0/3: the tool writes the expert's text but for one name: it binds server_content to `content` where "
             "the expert wrote `sc`, in modules that name no server content anywhere (the first and third sets' "
             "experts wrote `content` there; a module's own name, `sc = msg.server_content`, is used when it has "
             "one); and in homework_webcam_captions it keeps the walrus `(text := ...)` where the expert read the "
             "field: the fix changes the test and leaves the body it guards as written",
}
# Measured at 11 vs 8 when the set was written; LM103 now routes stdin text and rewrites a bare
# send(end_of_turn=True), LM101 the raw turn-end frame a helper builds.
REMAINING_SHORTFALL_2: str | None = None

# The third set's shortfalls (written after the second set had been used for tuning).
KNOWN_SHORTFALLS_3: dict[str, str] = {}
# Measured at 14 vs 10 when the set was written; since, the bedtime seed under `if history:` is declared and
# closed, raw JSON parts[0] / continue-after-audio are rewritten, and LM103 sends `event["text"]` as realtime text.
REMAINING_SHORTFALL_3: str | None = None
# The fourth set's shortfalls (written blind after the third set had been used for tuning). Measured at
# 97dd8dd when written: LM002 4/9, LM105 0/4, LM301 2/4, LM304 0/7, LM401 1/3 below the bar, 19 findings left
# against the experts' 11. Since: a config a helper copies out of a settings dict (`dict(settings["live"])`)
# is read (LM002 5/9, LM003, LM004, LM007 found), a copied base (`BASE.model_copy(...)`) and an input config
# set in the builder's straight line take the coverage (LM401 3/3), a config parameter's default takes the
# transcription (LM009).
KNOWN_SHORTFALLS_4: dict[str, str] = {
    "LM105": "0/4: the tool streams the microphone from a task and reads turns in a loop as the expert did, but "
             "names the task `mic_task` (the expert `mic`), keeps the block's own parameter name in the new sender, "
             "and loops `while not mic_task.done()` where the expert looped `while True` and cancelled the task "
             "after; each hunk differs in those words",
    "LM301": "2/4: in fastapi_raw_ws_relay the tool checks each part as the expert did (`if \"inlineData\" in "
             "part:`) but keeps the code's `b64` name and `[\"parts\"]` where the expert read the data in place and "
             "wrote `.get(\"parts\", [])`, and so in "
             "travel_cli_match_events, whose `match` case on the model turn's parts becomes a test binding them "
             "(`if (parts := sc.get(\"modelTurn\", {}).get(\"parts\")) is not None:`) with a loop over them",
    "LM304": "2/7: the tool binds the server content to `content` where these experts wrote `sc` (two pairs; the "
             "first and third sets' experts wrote `content`), and turns the transcription on in the `dict(...)` call "
             "copying the settings dict's entry (`dict(settings[\"live\"], output_audio_transcription={})`), "
             "where the expert wrote it into the entry itself; screen_tutor_mutated_config's parts loop (an `elif "
             "part.text` behind an early return for messages without a model turn) is now rewritten as the expert did, "
             "but its transcription goes into the `LiveConnectConfig()` call where the expert set the attribute",
}
# 16 vs 12 before; 12 vs 12 since screen_tutor_mutated_config's `elif part.text` behind a model-turn filter is
# rewritten (the filter keeps `not sc`, the loop goes under `if sc.model_turn:`) and sync_thread_bridge's
# `send(input=text, end_of_turn=True)` is sent as text because every call of the module passes a stripped
# `input()` line (unsafe: another module may pass something else). 13 vs 12 since LM302 reads a `match` over the
# message's fields: travel_cli_match_events' `match msg:` (a case per field of the server content) is reported with
# no fix, where the expert rewrote it into one case with an `if` per field. 12 vs 12 since that fix exists: the
# server content's cases become one `case {"serverContent": sc}:` with an `if` per field (unsafe), and LM301 then
# loops over the parts; the expert also wrote `.get(..., [])` and an `inlineData` guard, so the hunk differs.
REMAINING_SHORTFALL_4: str | None = None
# expert_migrations_2's LM002 met the bar (4/6) once a config from a default_factory was read;
# expert_migrations_3's LM301 (1/3 when written) once raw JSON parts[0] loops were rewritten; its LM302
# (1/5) once names bound to a field and handler tables dispatched with `break` were read, and a split kept
# `interrupted` where it was written.


@dataclass(frozen=True)
class ExpertSet:
    """One set of pairs under ``tests/corpus/NAME/``, with the bar cases it is known to miss."""

    name: str
    known_shortfalls: dict[str, str]
    remaining_shortfall: str | None

    @property
    def pairs(self) -> list[str]:
        return sorted(path.name for path in (CORPUS / self.name).iterdir() if (path / "before.py").is_file())


SETS = {expert_set.name: expert_set for expert_set in (
    ExpertSet(FIRST_SET, KNOWN_SHORTFALLS, REMAINING_SHORTFALL),
    ExpertSet("expert_migrations_2", KNOWN_SHORTFALLS_2, REMAINING_SHORTFALL_2),
    ExpertSet("expert_migrations_3", KNOWN_SHORTFALLS_3, REMAINING_SHORTFALL_3),
    ExpertSet("expert_migrations_4", KNOWN_SHORTFALLS_4, REMAINING_SHORTFALL_4),
)}


def _case_id(set_name: str, case: str) -> str:
    """Test ids: the first set keeps the ids it had before there were sets."""
    return case if set_name == FIRST_SET else f"{set_name}/{case}"


_EXPERT_COMMENT = re.compile(r"\s*#\s*expert:.*$")
_LEFT_MARKER = re.compile(r"#\s*expert:\s*left\s+(LM\d{3})")


# --- diffing ----------------------------------------------------------------------------------
def comparable_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line without whitespace) for every non-blank line; the expert's
    ``# expert:`` annotations are dropped, since they are notes, not migration."""
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        squeezed = "".join(_EXPERT_COMMENT.sub("", line).split())
        if squeezed:
            lines.append((number, squeezed))
    return lines


def _opcodes(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, [s for _, s in old], [s for _, s in new], autojunk=False)
    return matcher.get_opcodes()


def _boundaries(opcodes: list[tuple[str, int, int, int, int]]) -> dict[int, tuple[int, int]]:
    """Each position between old lines that both sides agree on, mapped to the first and last
    position between new lines it corresponds to (they differ around a pure insertion)."""
    spans: dict[int, list[int]] = {}
    for tag, i1, i2, j1, j2 in opcodes:
        pairs = [(i1 + k, j1 + k) for k in range(i2 - i1 + 1)] if tag == "equal" else [(i1, j1), (i2, j2)]
        for i, j in pairs:
            spans.setdefault(i, []).append(j)
    return {i: (min(js), max(js)) for i, js in spans.items()}


@dataclass(frozen=True)
class Hunk:
    """One change of the expert's: old lines [i1, i2) became new lines [j1, j2) (indices into
    the comparable lines); ``key`` names it in hunks.json."""

    i1: int
    i2: int
    j1: int
    j2: int
    key: tuple[str, int]  # ("at", first old line) or ("after", old line it follows)


def expert_hunks(before: list[tuple[int, str]], after: list[tuple[int, str]]) -> list[Hunk]:
    hunks = []
    for tag, i1, i2, j1, j2 in _opcodes(before, after):
        if tag == "equal":
            continue
        key = ("at", before[i1][0]) if i2 > i1 else ("after", before[i1 - 1][0] if i1 else 0)
        hunks.append(Hunk(i1, i2, j1, j2, key))
    return hunks


_TRAILING_COMMA = re.compile(r",(?=[)\]}])")


def _joined(lines: list[tuple[int, str]], start: int, end: int) -> str:
    """Lines [start, end) as one string, whitespace and trailing commas aside (both layout:
    a call collapsed onto one line loses its magic trailing comma)."""
    return _TRAILING_COMMA.sub("", "".join(s for _, s in lines[start:end]))


def _text(lines: list[tuple[int, str]], source: str, start: int, end: int) -> str:
    """The original lines (with their indentation) that comparable lines [start, end) came from."""
    if start >= end:
        return "(nothing)"
    raw = source.splitlines()
    return "\n".join(raw[number - 1] for number, _ in lines[start:end])


@dataclass(frozen=True)
class Verdict:
    """What the tool wrote where the expert changed a hunk: ``"same"`` (the expert's text, at
    the same place), ``"moved"`` (the tool replaced the same lines and wrote the expert's new
    text, but elsewhere: it reordered statements or dict keys), ``"other"`` (something else)
    or ``"nothing"`` (the tool left those lines as they were)."""

    hunk: Hunk
    how: str
    expert_text: str
    tool_text: str
    before_text: str
    before_lines: tuple[int, int]  # first and last line of before.py compared

    @property
    def matched(self) -> bool:
        return self.how in ("same", "moved")


def judge(hunk: Hunk, before: list, expert: list, tool: list, expert_ops: list, tool_ops: list,
          sources: tuple[str, str, str]) -> Verdict:
    """Compare the expert's and the tool's text over the smallest stretch of old lines around
    the hunk whose two ends both diffs map cleanly (so a larger change by the tool, or one that
    spills into a neighbouring line, is compared whole). Failing that, the hunk still counts
    when the tool replaced the same old lines and wrote the expert's new text in another place."""
    in_expert, in_tool = _boundaries(expert_ops), _boundaries(tool_ops)
    start, end = hunk.i1, hunk.i2
    while start not in in_expert or start not in in_tool:
        start -= 1
    while end not in in_expert or end not in in_tool:
        end += 1
    e1, e2 = in_expert[start][0], in_expert[end][1]
    t1, t2 = in_tool[start][0], in_tool[end][1]
    tool_joined = _joined(tool, t1, t2)
    if _joined(expert, e1, e2) == tool_joined:
        how = "same"
    elif _replaced_elsewhere(hunk, expert, tool, expert_ops, tool_ops, tool_joined):
        how = "moved"
    else:
        how = "nothing" if tool_joined == _joined(before, start, end) else "other"
    # every line of before.py between the unchanged neighbours of the stretch (blank ones too)
    lines = (before[start - 1][0] + 1 if start else 1, before[end][0] - 1 if end < len(before) else 10**9)
    return Verdict(hunk, how, _text(expert, sources[1], e1, e2), _text(tool, sources[2], t1, t2),
                   _text(before, sources[0], start, end), lines)


def _replaced_elsewhere(hunk: Hunk, expert: list, tool: list, expert_ops: list, tool_ops: list,
                        tool_here: str) -> bool:
    """The tool changed every old line of the hunk, wrote the hunk's new text in some place,
    and what it left here is the expert's own text from another hunk (a reordering)."""
    changed = {i for tag, i1, i2, _, _ in tool_ops if tag != "equal" for i in range(i1, i2)}
    if not all(i in changed for i in range(hunk.i1, hunk.i2)):
        return False
    wanted = _joined(expert, hunk.j1, hunk.j2)
    if wanted and not any(wanted in _joined(tool, j1, j2) for tag, _, _, j1, j2 in tool_ops if tag != "equal"):
        return False
    rest = tool_here.replace(wanted, "", 1) if wanted else tool_here
    return not rest or any(rest in _joined(expert, j1, j2) for tag, _, _, j1, j2 in expert_ops if tag != "equal")


# --- the pairs ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pair:
    name: str
    before: str
    after: str
    attribution: dict  # hunks.json

    def keys(self) -> list[tuple[str, int]]:
        """The hunks hunks.json names: ``{"at": line}`` or ``{"after": line}``."""
        return [("at", e["at"]) if "at" in e else ("after", e["after"]) for e in self.attribution["hunks"]]

    def rules_of(self, hunk: Hunk) -> list[str]:
        by_key = dict(zip(self.keys(), (e["rules"] for e in self.attribution["hunks"])))
        return by_key.get(hunk.key, [])


@cache
def load(name: str, set_name: str = FIRST_SET) -> Pair:
    folder = CORPUS / set_name / name
    return Pair(name, (folder / "before.py").read_text(encoding="utf-8"),
                (folder / "after.py").read_text(encoding="utf-8"),
                json.loads((folder / "hunks.json").read_text(encoding="utf-8")))


@cache
def tool_output(name: str, unsafe: bool = True, set_name: str = FIRST_SET) -> str:
    """What ``livemigrate fix [--unsafe-fixes]`` makes of the pair's before.py."""
    pair = load(name, set_name)
    report = Linter(Settings(unsafe_fixes=unsafe)).fix_bytes(pair.before.encode(), f"{name}/app.py")
    assert report.error is None, report.error
    return (report.fixed or pair.before.encode()).decode()


@cache
def remaining(name: str, which: str, set_name: str = FIRST_SET) -> tuple[str, ...]:
    """Rule ids ``check`` reports on the expert's after.py (``"expert"``) or the tool's output."""
    text = load(name, set_name).after if which == "expert" else tool_output(name, set_name=set_name)
    report = Linter(Settings()).check_bytes(text.encode(), f"{name}/app.py")
    assert report.error is None, report.error
    return tuple(sorted(f.rule_id for f in report.findings))


def compare(before_text: str, expert_text: str, tool_text: str) -> list[Verdict]:
    """A verdict for each hunk of the expert's diff."""
    before, expert, tool = (comparable_lines(t) for t in (before_text, expert_text, tool_text))
    expert_ops, tool_ops = _opcodes(before, expert), _opcodes(before, tool)
    return [judge(hunk, before, expert, tool, expert_ops, tool_ops, (before_text, expert_text, tool_text))
            for hunk in expert_hunks(before, expert)]


@cache
def verdicts(name: str, unsafe: bool = True, set_name: str = FIRST_SET) -> list[tuple[Verdict, list[str]]]:
    pair = load(name, set_name)
    return [(verdict, pair.rules_of(verdict.hunk))
            for verdict in compare(pair.before, pair.after, tool_output(name, unsafe, set_name))]


def hunk_totals(set_name: str = FIRST_SET) -> Counter:
    """Expert hunks per rule, from hunks.json alone (no tool run: used to parametrize)."""
    totals: Counter = Counter()
    for name in SETS[set_name].pairs:
        for entry in load(name, set_name).attribution["hunks"]:
            totals.update(entry["rules"])
    return totals


def rule_scores(set_name: str = FIRST_SET) -> dict[str, tuple[int, int, int]]:
    """rule → (hunks the tool wrote as the expert did, of which at the same place, expert hunks)."""
    scores: dict[str, list[int]] = {}
    for name in SETS[set_name].pairs:
        for verdict, rules in verdicts(name, set_name=set_name):
            for rule in rules:
                score = scores.setdefault(rule, [0, 0, 0])
                score[0] += verdict.matched
                score[1] += verdict.how == "same"
                score[2] += 1
    return {rule: (matched, same, total) for rule, (matched, same, total) in sorted(scores.items())}


def score_table(set_name: str = FIRST_SET) -> str:
    return ", ".join(f"{rule} {m}/{t}" + (f" ({s} in place)" if s != m else "")
                     for rule, (m, s, t) in rule_scores(set_name).items())


# --- tests --------------------------------------------------------------------------------------
_BEFORE = """\
config = {
    "model": "old",
    "voice": "Kore",
    "proactivity": {"proactive_audio": True},
}
async for message in session.receive():
    if message.server_content:
        play(message)
    elif message.tool_call:
        answer(message)
"""
_EXPERT = """\
config = {
    "model": "new",
    "voice": "Kore",
    "transcription": {},
}
async for message in session.receive():
    if message.server_content:
        play(message)
    if message.tool_call:
        answer(message)
"""


_REORDERED = _EXPERT.replace("""    if message.server_content:
        play(message)
    if message.tool_call:
        answer(message)
""", """    if message.tool_call:
        answer(message)
    if message.server_content:
        play(message)
""")


@pytest.mark.parametrize("tool,hows", [
    pytest.param(_EXPERT, ["same", "same", "same"], id="identical"),
    pytest.param(_EXPERT.replace('"new",', '"new" ,').replace("    if message.tool_call", "    if  message.tool_call"),
                 ["same", "same", "same"], id="whitespace-and-trailing-comma"),
    pytest.param(_BEFORE, ["nothing", "nothing", "nothing"], id="untouched"),
    pytest.param(_BEFORE.replace('"old"', '"other"'), ["other", "nothing", "nothing"], id="other-text"),
    pytest.param(_REORDERED, ["same", "same", "moved"], id="reordered-statements"),
    pytest.param(_EXPERT.replace('    "voice": "Kore",\n    "transcription": {},', '    "transcription": {},\n    "voice": "Kore",'),
                 ["moved", "moved", "same"], id="reordered-keys"),
    pytest.param(_BEFORE.replace('"proactivity": {"proactive_audio": True}', '"extra": 1'),
                 ["nothing", "other", "nothing"], id="line-replaced-by-other-text"),
])
def test_judge_compares_the_tools_text_with_each_expert_hunk(tool: str, hows: list[str]) -> None:
    assert [verdict.how for verdict in compare(_BEFORE, _EXPERT, tool)] == hows


@pytest.mark.parametrize("set_name,name", [pytest.param(set_name, name, id=_case_id(set_name, name))
                                           for set_name in SETS for name in SETS[set_name].pairs])
def test_every_expert_hunk_is_attributed_once(set_name: str, name: str) -> None:
    """hunks.json names every hunk of the expert's diff, and only those, with known rule ids;
    the ``# expert: left`` markers are listed under "left"."""
    pair = load(name, set_name)
    hunks = expert_hunks(comparable_lines(pair.before), comparable_lines(pair.after))
    keys = {hunk.key for hunk in hunks}
    listed = pair.keys()
    assert sorted(listed) == sorted(keys), f"diff hunks {sorted(keys)} vs hunks.json {sorted(listed)}"
    known = {rule.id for rule in Linter(Settings()).rules}
    for entry in pair.attribution["hunks"]:
        assert entry["rules"] and set(entry["rules"]) <= known, entry
    assert sorted(_LEFT_MARKER.findall(pair.after)) == sorted(pair.attribution.get("left", []))
    assert 60 <= len(pair.before.splitlines()) <= 150


def _bar_cases() -> list:
    cases = []
    for expert_set in SETS.values():
        for rule, total in sorted(hunk_totals(expert_set.name).items()):
            if total < MIN_HUNKS:
                continue
            shortfall = expert_set.known_shortfalls.get(rule)
            marks = [pytest.mark.xfail(strict=True, reason=shortfall)] if shortfall else []
            cases.append(pytest.param(expert_set.name, rule, id=_case_id(expert_set.name, rule), marks=marks))
    return cases


@pytest.mark.parametrize("set_name,rule", _bar_cases())
def test_fix_writes_the_experts_text_on_most_hunks_of_the_rule(set_name: str, rule: str) -> None:
    matched, _, total = rule_scores(set_name)[rule]
    assert matched * 2 > total, (f"{rule}: {matched}/{total} hunks as the expert wrote them; "
                                 f"all rules: {score_table(set_name)}")


def _remaining_cases() -> list:
    return [pytest.param(expert_set.name, id=expert_set.name,
                         marks=[pytest.mark.xfail(strict=True, reason=expert_set.remaining_shortfall)]
                         if expert_set.remaining_shortfall else [])
            for expert_set in SETS.values()]


@pytest.mark.parametrize("set_name", _remaining_cases())
def test_fix_leaves_no_more_findings_than_the_experts(set_name: str) -> None:
    pairs = SETS[set_name].pairs
    tool = sum(len(remaining(name, "tool", set_name)) for name in pairs)
    expert = sum(len(remaining(name, "expert", set_name)) for name in pairs)
    per_pair = "; ".join(f"{name}: tool {len(remaining(name, 'tool', set_name))} "
                         f"expert {len(remaining(name, 'expert', set_name))}" for name in pairs)
    assert tool <= expert, f"tool leaves {tool} findings, experts {expert} ({per_pair})"


# --- the report -----------------------------------------------------------------------------------
@cache
def findings_on_before(name: str, set_name: str = FIRST_SET) -> tuple:
    report = Linter(Settings()).check_bytes(load(name, set_name).before.encode(), f"{name}/app.py")
    assert report.error is None, report.error
    return tuple(report.findings)


def _fix_status(finding) -> str:
    return "no fix" if finding.fix is None else f"{finding.fix.applicability.value} fix"


def report(set_name: str = FIRST_SET) -> str:
    """Per rule and per hunk: what the expert wrote, what the tool wrote, and the findings left."""
    pairs = SETS[set_name].pairs
    out = [f"set {set_name}", f"per rule (matched/expert hunks): {score_table(set_name)}"]
    safe = Counter()
    for name in pairs:
        for verdict, rules in verdicts(name, unsafe=False, set_name=set_name):
            safe.update(rules if verdict.matched else [])
    out += [f"without --unsafe-fixes: "
            f"{', '.join(f'{r} {safe[r]}/{t}' for r, (_, _, t) in rule_scores(set_name).items())}", ""]
    for name in pairs:
        safe = {v.hunk: v.matched for v, _ in verdicts(name, unsafe=False, set_name=set_name)}
        for verdict, rules in verdicts(name, set_name=set_name):
            if verdict.how == "same":
                continue
            first, last = verdict.before_lines
            found = [f"{f.rule_id}@{f.line} ({_fix_status(f)})" for f in findings_on_before(name, set_name)
                     if first <= f.line <= last]
            how = {"moved": "matched, but written elsewhere (reordered)", "other": "tool wrote something else",
                   "nothing": "tool wrote nothing"}[verdict.how]
            if safe[verdict.hunk]:
                how += "; matched without --unsafe-fixes"
            out += [f"{name} {verdict.hunk.key[0]} {verdict.hunk.key[1]} {'+'.join(rules)}: {how}; "
                    f"findings there on before.py: {', '.join(found) or 'none'}",
                    "  before:", _indent(verdict.before_text), "  expert:", _indent(verdict.expert_text)]
            if verdict.how != "nothing":
                out += ["  tool:", _indent(verdict.tool_text)]
    out.append("")
    for name in pairs:
        out.append(f"{name}: remaining tool {dict(Counter(remaining(name, 'tool', set_name)))} "
                   f"expert {dict(Counter(remaining(name, 'expert', set_name)))}")
    tool = sum(len(remaining(name, "tool", set_name)) for name in pairs)
    expert = sum(len(remaining(name, "expert", set_name)) for name in pairs)
    out.append(f"total remaining findings: tool {tool}, experts {expert}")
    return "\n".join(out)


def _indent(text: str) -> str:
    return "\n".join("    | " + line for line in text.splitlines())


if __name__ == "__main__":
    import sys

    print(report(*sys.argv[1:2]))
