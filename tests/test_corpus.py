"""Precision and recall on the independent corpus (tests/corpus/README.md).

The corpus was written from the catalogue, not from the linter: every `# expect: LMxxx`
marker must be reported on that line, and no in-scope finding may appear anywhere else.
Most families are held to that file by file; the held-out families in `BAR_FAMILIES` are
scored as a whole against issue 11's bar (recall and precision over all their markers),
so one disputed line reports a number instead of failing a file.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from harness import REPO, linter

CORPUS = REPO / "tests" / "corpus"
# Each family's files mark only its own rules; findings of other rules are not scored there.
SCOPES = {
    "config_family": ("LM001", "LM002", "LM003", "LM004", "LM006", "LM201", "LM202"),
    "session_family": ("LM005", "LM101", "LM102", "LM103", "LM104", "LM105", "LM106",
                       "LM301", "LM302", "LM303", "LM304"),
    "traffic_family": ("LM007", "LM009", "LM107", "LM108", "LM305", "LM306", "LM401", "LM402",
                       "LM403", "LM501", "LM502", "LM503"),
    # A second held-out family written after traffic_family was used to tune the rules.
    "heldout_2": ("LM007", "LM009", "LM107", "LM108", "LM301", "LM302", "LM303", "LM304", "LM305",
                  "LM306", "LM307", "LM401", "LM402", "LM403", "LM501", "LM502", "LM503"),
    # A third held-out family over every rule of the 2.5 -> 3.1 families, written after the first
    # two had been used to tune the rules.
    "heldout_3": ("LM001", "LM002", "LM003", "LM004", "LM005", "LM006", "LM007", "LM009",
                  "LM101", "LM102", "LM103", "LM104", "LM105", "LM106", "LM107", "LM108",
                  "LM201", "LM202", "LM301", "LM302", "LM303", "LM304", "LM305", "LM306", "LM307",
                  "LM401", "LM402", "LM403", "LM501", "LM502", "LM503"),
    # A fourth held-out family over every rule of the 2.5 -> 3.1 families, written after the first
    # three had been used to tune the rules.
    "heldout_4": ("LM001", "LM002", "LM003", "LM004", "LM005", "LM006", "LM007", "LM009",
                  "LM101", "LM102", "LM103", "LM104", "LM105", "LM106", "LM107", "LM108",
                  "LM201", "LM202", "LM301", "LM302", "LM303", "LM304", "LM305", "LM306", "LM307",
                  "LM401", "LM402", "LM403", "LM501", "LM502", "LM503"),
    # A fifth held-out family over every rule of the 2.5 -> 3.1 families, written after the first
    # four had been used to tune the rules.
    "heldout_5": ("LM001", "LM002", "LM003", "LM004", "LM005", "LM006", "LM007", "LM009",
                  "LM101", "LM102", "LM103", "LM104", "LM105", "LM106", "LM107", "LM108",
                  "LM201", "LM202", "LM301", "LM302", "LM303", "LM304", "LM305", "LM306", "LM307",
                  "LM401", "LM402", "LM403", "LM501", "LM502", "LM503"),
    # A sixth held-out family over every rule of the 2.5 -> 3.1 families, written after the first
    # five had been used to tune the rules.
    "heldout_6": ("LM001", "LM002", "LM003", "LM004", "LM005", "LM006", "LM007", "LM009",
                  "LM101", "LM102", "LM103", "LM104", "LM105", "LM106", "LM107", "LM108",
                  "LM201", "LM202", "LM301", "LM302", "LM303", "LM304", "LM305", "LM306", "LM307",
                  "LM401", "LM402", "LM403", "LM501", "LM502", "LM503"),
}
# Held-out families gated by issue 11's bar as a whole rather than file by file.
BAR_FAMILIES = ("traffic_family", "heldout_2", "heldout_3", "heldout_4", "heldout_5", "heldout_6")
# Families that do not meet the bar yet: strict, so the test fails loudly once the rules do.
# heldout_2 was measured held out (before any fix) at recall 0.833, precision 0.930. Since:
# LM302 no longer reads an app's own socket keys as Live; LM007 follows a version constant;
# LM502 sees a token a helper returns; LM501 a key in what a helper returns; LM403 follows
# `params or Options()` and a v1alpha chosen by a conditional; two LM305 markers moved to the
# reading line, the convention traffic_family set (the README wording was ambiguous). It meets
# the bar now (recall 1.000, precision 1.000 since the heldout_4 fixes found the realtime text
# sent before a seeding helper, LM107).
# heldout_3 was measured held out (before any fix) at recall 0.967, precision 0.983 (117 hit,
# 4 missed, 2 spurious) and failed on a finding in non-Live code: LM102 on a Lyria
# BidiGenerateMusic clientContent frame. Since: a module whose raw sockets name only another
# bidi service is not a raw Live client; LM007 reads a v1alpha chosen by a feature-flag
# conditional; LM307 a loop over `parts if ... else []`; LM503 a v1alpha constant formatted
# into a `str.format` URL template; LM402 leaves a raw session that ends at its first turn end.
# It meets the bar now (recall 0.992, precision 1.000); still missed: a raw undeclared seed on a
# setup frame a helper builds without historyConfig (LM102, raw_history_frames.py:57).
# heldout_4 was measured held out (first run, no marker moved) at recall 0.914, precision 0.941
# (128 hit, 12 missed, 8 spurious) and failed on a finding in non-Live code: LM302 on a Django
# Channels consumer's own serverContent/toolCall keys. Since: key names alone make no raw Live
# client outside Gemini code; fields assigned into a frame count as its keys; raw seeds belong to
# the socket and setup of the function opening them; settings objects, a token told apart by a
# test, a key concatenated into a URL, config builders spreading **kwargs; parts loops over
# `parts if test else []`; LM306 stops nested under a notice branch; LM402 finite streams. One
# marker was added by the lead (token_version_probe.py:26 LM007, see the README). It meets the bar
# now (recall 1.000, precision 1.000); a fifth fresh set is what would measure held-out code again.
# heldout_5 was measured held out (first run; one Vertex LM403 marker removed by the facts, see
# the README) at recall 0.947, precision 0.973 (108 hit, 6 missed, 3 spurious), nothing in the
# negative files. Since: seeding methods on self.session, a key followed through str.replace into a
# page, and the receive-side items (see the README). It meets the bar now.
# heldout_6 was measured held out (first run, no marker moved, after the heldout_5 fixes were
# committed) at recall 0.983, precision 0.991 (115 hit, 2 missed, 1 spurious), and failed on a
# finding in non-Live code: LM301 on a Django Channels consumer's own serverContent/modelTurn/parts
# keys (LM3 precision 0.962 by rule family). Since: raw part reads count only in Gemini code
# (LM301, LM307). It meets the bar now, by rule family too.
KNOWN_BAR_GAPS: dict[str, str] = {}
MIN_RECALL = 0.95
MIN_PRECISION = 0.98


def _params(families) -> list:
    return [pytest.param(path, SCOPES[family], id=f"{family}/{path.stem}")
            for family in families for path in sorted((CORPUS / family).glob("*.py"))]


FILES = _params(SCOPES)
EXACT_FILES = _params(family for family in SCOPES if family not in BAR_FAMILIES)
BAR_PARAMS = [pytest.param(family, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BAR_GAPS[family]))
              if family in KNOWN_BAR_GAPS else family for family in BAR_FAMILIES]
_MARKER = re.compile(r"#\s*expect:\s*(?P<ids>LM\d{3}(?:\s*,\s*LM\d{3})*)")


def expected_findings(path: Path) -> set[tuple[int, str]]:
    expected = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _MARKER.search(line)
        if match:
            expected |= {(number, rule.strip()) for rule in match.group("ids").split(",")}
    return expected


@pytest.mark.parametrize("path,scope", EXACT_FILES)
def test_corpus_file(path: Path, scope: tuple[str, ...]) -> None:
    report = linter(scope).check_bytes(path.read_bytes(), str(path))
    assert report.error is None, report.error
    found = {(f.line, f.rule_id) for f in report.findings}
    expected = expected_findings(path)
    missed = sorted(expected - found)
    spurious = sorted(found - expected)
    assert not missed and not spurious, f"missed={missed} spurious={spurious}"


@pytest.mark.parametrize("path,scope", FILES)
def test_corpus_fix_is_stable(path: Path, scope: tuple[str, ...]) -> None:
    """The one harness, safe and unsafe: parses, fixed point, no fixable finding left,
    comments kept under safe fixes."""
    from livemigrate.testing import verify_fix

    for unsafe in (False, True):
        verify_fix(linter(), path.read_bytes(), str(path), unsafe=unsafe)


def score_family(family: str) -> dict[str, dict[str, list[str]]]:
    """Per rule of `family`: the marker lines it reported (`hit`), missed (`missed`) and the
    lines it reported without a marker (`spurious`), each as `file:line`."""
    scope = SCOPES[family]
    outcome: dict[str, dict[str, list[str]]] = {rule: {"hit": [], "missed": [], "spurious": []} for rule in scope}
    for path in sorted((CORPUS / family).glob("*.py")):
        report = linter(scope).check_bytes(path.read_bytes(), str(path))
        assert report.error is None, f"{path.name}: {report.error}"
        found = {(f.line, f.rule_id) for f in report.findings}
        expected = expected_findings(path)
        for line, rule in sorted(found | expected):
            kind = "hit" if (line, rule) in found and (line, rule) in expected else (
                "missed" if (line, rule) in expected else "spurious")
            outcome[rule][kind].append(f"{path.name}:{line}")
    return outcome


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def bar_summary(outcome: dict[str, dict[str, list[str]]]) -> tuple[float, float, str]:
    """Family recall and precision over all markers, and a per-rule table for the message."""
    hit = sum(len(o["hit"]) for o in outcome.values())
    missed = sum(len(o["missed"]) for o in outcome.values())
    spurious = sum(len(o["spurious"]) for o in outcome.values())
    rows = [f"family: recall={_ratio(hit, hit + missed):.3f} precision={_ratio(hit, hit + spurious):.3f} "
            f"({hit} hit, {missed} missed, {spurious} spurious)"]
    for rule, o in outcome.items():
        h, m, s = len(o["hit"]), len(o["missed"]), len(o["spurious"])
        rows.append(f"{rule}: recall={_ratio(h, h + m):.2f} precision={_ratio(h, h + s):.2f}"
                    f" missed={o['missed']} spurious={o['spurious']}")
    return _ratio(hit, hit + missed), _ratio(hit, hit + spurious), "\n".join(rows)


def non_live_findings(outcome: dict[str, dict[str, list[str]]]) -> list[str]:
    """Findings in `negative_*.py` files: the bar allows none on non-Live code."""
    return sorted(f"{rule} {where}" for rule, o in outcome.items() for where in o["spurious"]
                  if where.startswith("negative_"))


def rule_family_shortfalls(outcome: dict[str, dict[str, list[str]]]) -> list[str]:
    """The rule families (LM0 config, LM1 send, LM2 tools, LM3 receive, LM4 cost/session, LM5
    security) whose markers together miss the bar: the issue asks it "for every family"."""
    families: dict[str, list[int]] = {}
    for rule, o in outcome.items():
        counts = families.setdefault(rule[:3], [0, 0, 0])
        counts[0] += len(o["hit"])
        counts[1] += len(o["missed"])
        counts[2] += len(o["spurious"])
    short = []
    for name, (hit, missed, spurious) in sorted(families.items()):
        recall, precision = _ratio(hit, hit + missed), _ratio(hit, hit + spurious)
        if recall < MIN_RECALL or precision < MIN_PRECISION:
            short.append(f"{name}: recall={recall:.3f} precision={precision:.3f}")
    return short


@pytest.mark.parametrize("family", BAR_PARAMS)
def test_family_meets_bar(family: str) -> None:
    """Issue 11's bar on held-out code: recall >= 0.95 and precision >= 0.98 over the
    family's markers together and for each rule family, and no finding at all in its negative
    (non-Live) files."""
    outcome = score_family(family)
    recall, precision, table = bar_summary(outcome)
    non_live = non_live_findings(outcome)
    by_rule_family = rule_family_shortfalls(outcome)
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION and not non_live and not by_rule_family, (
        f"{table}\nrule families below the bar: {by_rule_family}\nfindings in negative files: {non_live}")


def test_score_family_counts_markers_and_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer itself: hits, misses and spurious findings land in the right buckets, and a
    finding in a negative file is singled out."""
    family = tmp_path / "mini_family"
    family.mkdir()
    (family / "sample.py").write_text(
        '"""Sample."""\n'
        'MAX = 8192\n'
        'CONFIG = {"max_output_tokens": 8192}  # expect: LM403\n'
        'OTHER = {"maxOutputTokens": 8192}  # expect: LM403\n',
        encoding="utf-8",
    )
    (family / "negative_sample.py").write_text('"""Negative."""\nCAP = 8192\n', encoding="utf-8")
    reported = {"sample.py": [(3, "LM403"), (2, "LM403")], "negative_sample.py": [(2, "LM403")]}

    class FakeLinter:
        def check_bytes(self, data: bytes, path: str) -> SimpleNamespace:
            findings = [SimpleNamespace(line=line, rule_id=rule) for line, rule in reported[Path(path).name]]
            return SimpleNamespace(error=None, findings=findings)

    this_module = sys.modules[__name__]
    monkeypatch.setattr(this_module, "CORPUS", tmp_path)
    monkeypatch.setitem(SCOPES, "mini_family", ("LM403",))
    monkeypatch.setattr(this_module, "linter", lambda scope: FakeLinter())
    outcome = score_family("mini_family")
    assert outcome["LM403"] == {
        "hit": ["sample.py:3"],
        "missed": ["sample.py:4"],
        "spurious": ["negative_sample.py:2", "sample.py:2"],
    }
    recall, precision, table = bar_summary(outcome)
    assert (recall, round(precision, 3)) == (0.5, 0.333)
    assert "missed=['sample.py:4']" in table
    assert non_live_findings(outcome) == ["LM403 negative_sample.py:2"]


def test_rule_family_shortfalls_scores_each_family_of_rules_apart() -> None:
    """One family's spurious finding is not hidden by the others' hits."""
    outcome = {
        "LM001": {"hit": [f"a.py:{i}" for i in range(40)], "missed": [], "spurious": []},
        "LM301": {"hit": [f"b.py:{i}" for i in range(20)], "missed": [], "spurious": ["negative_c.py:3"]},
        "LM402": {"hit": ["d.py:1"] * 19, "missed": ["d.py:9"], "spurious": []},
    }
    assert rule_family_shortfalls(outcome) == ["LM3: recall=1.000 precision=0.952"]
