"""Cross-module facts, part 2 (livemigrate.project): the import roots of a project (a ``src/``
layout, setuptools' ``package-dir``), a model id passed to another module's session class,
and a Live session or socket handed to another module's class."""

from __future__ import annotations

from pathlib import Path

import pytest

from livemigrate.cache import ResultCache
from livemigrate.engine import Linter
from livemigrate.project import build_project_index
from livemigrate.rule import Applicability
from livemigrate.settings import Settings

from harness import dedent, findings_by_file as _check, write_tree as _write

FLASH_EXP = "gemini-2.0-flash-exp"  # also a text model: flagged only when it reaches Live
TARGET = "gemini-3.1-flash-live-preview"

# A session class whose model is a constructor parameter (the literal is the caller's).
SESSION_CLASS = dedent(f'''
    from google import genai


    class LiveSession:
        def __init__(self, api_key=None, model: str = "{TARGET}", voice=None):
            self.model = model
            self.client = genai.Client(api_key=api_key)

        async def start(self):
            async with self.client.aio.live.connect(model=self.model, config={{"response_modalities": ["AUDIO"]}}) as s:
                await s.send_realtime_input(text="hi")


    def text_answer(model, prompt):
        return genai.Client().models.generate_content(model=model, contents=prompt)
''')
USER = dedent(f'''
    import asyncio
    from {{module}} import LiveSession, text_answer


    async def test_session():
        session = LiveSession(
            model="models/{FLASH_EXP}",
        )
        await session.start()
        text_answer("{FLASH_EXP}", "hi")
''')


# --- a model id given to another module's session class --------------------------------------

def test_a_model_id_passed_to_an_imported_session_class_is_reported_where_it_is_written(tmp_path: Path) -> None:
    # the literal flows to live.connect in session.py; text_answer's is generate_content's
    project = _write(tmp_path / "p", {"session.py": SESSION_CLASS, "test_it.py": USER.format(module="session")})
    assert _check(project) == {"test_it.py": [(7, "LM001")]}
    # the fix is unsafe: the session is another module's
    report = next(r for r in Linter(Settings()).check_paths([project]) if r.path.endswith("test_it.py"))
    [finding] = [f for f in report.findings if f.rule_id == "LM001"]
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert "reaches no Live session in this module" in finding.fix.unsafe_reasons[0]


def test_a_model_id_passed_by_position(tmp_path: Path) -> None:
    user = USER.format(module="session").replace(f'model="models/{FLASH_EXP}",', f'None, "{FLASH_EXP}",')
    project = _write(tmp_path / "p", {"session.py": SESSION_CLASS, "test_it.py": user})
    assert _check(project) == {"test_it.py": [(7, "LM001")]}


def test_without_the_session_module_in_the_run_the_argument_is_not_reported(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"session.py": SESSION_CLASS, "test_it.py": USER.format(module="session")})
    assert _check(project / "test_it.py") == {}


# --- the project's import roots -------------------------------------------------------------------

PYPROJECT_INLINE = '[project]\nname = "x"\n\n[tool.setuptools]\npackage-dir = {"mypkg" = "src"}\n'
PYPROJECT_TABLE = '[tool.setuptools.package-dir]\nmypkg = "src"\n'
SETUP_CFG = "[metadata]\nname = x\n\n[options]\npackage_dir =\n    mypkg = src\n"
SETUP_PY = 'from setuptools import setup\n\nsetup(name="x", package_dir={"mypkg": "src"}, packages=["mypkg"])\n'


@pytest.mark.parametrize("config", [("pyproject.toml", PYPROJECT_INLINE), ("pyproject.toml", PYPROJECT_TABLE),
                                    ("setup.cfg", SETUP_CFG), ("setup.py", SETUP_PY)],
                         ids=["pyproject-inline", "pyproject-table", "setup.cfg", "setup.py"])
def test_setuptools_package_dir_names_the_package_folder(tmp_path: Path, config: tuple[str, str]) -> None:
    # `from mypkg import LiveSession` in tests/ reaches src/session.py through src/__init__.py
    project = _write(tmp_path / "p", {
        config[0]: config[1],
        "src/__init__.py": '"""The package."""\nfrom .session import LiveSession, text_answer\n',
        "src/session.py": SESSION_CLASS,
        "tests/test_it.py": USER.format(module="mypkg"),
    })
    assert _check(project) == {"tests/test_it.py": [(7, "LM001")]}


def test_an_empty_package_dir_key_is_the_root_folder(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {
        "pyproject.toml": '[tool.setuptools.package-dir]\n"" = "lib"\n',
        "lib/mypkg/__init__.py": "",
        "lib/mypkg/session.py": SESSION_CLASS,
        "tests/test_it.py": USER.format(module="mypkg.session"),
    })
    assert _check(project) == {"tests/test_it.py": [(7, "LM001")]}


def test_a_src_layout_is_a_root(tmp_path: Path) -> None:
    # as pyright does: <root>/src is searched for imports without any configuration
    project = _write(tmp_path / "p", {
        "src/mypkg/__init__.py": "",
        "src/mypkg/session.py": SESSION_CLASS,
        "tests/test_it.py": USER.format(module="mypkg.session"),
    })
    assert _check(project) == {"tests/test_it.py": [(7, "LM001")]}


def test_import_roots_read_literals_only_and_never_run_setup_py(tmp_path: Path) -> None:
    from livemigrate.project import import_roots

    marker = tmp_path / "ran"
    _write(tmp_path, {"setup.py": f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n"
                                  "from setuptools import setup\nsetup(package_dir=dirs())\n",
                      "other/setup.cfg": "[options]\npackage_dir = =source\n",
                      "bad/pyproject.toml": "[tool.setuptools\npackage-dir = 1\n"})
    assert import_roots([str(tmp_path)]) == ([], [])
    assert not marker.exists()
    assert import_roots([str(tmp_path / "other")]) == ([str(tmp_path / "other" / "source")], [])
    assert import_roots([str(tmp_path / "bad")]) == ([], [])  # invalid TOML: no mapping, no error


# --- a session or socket handed to another module's class -------------------------------------

RAW_CONFIG = dedent(f'''
    import os

    KEY = os.getenv("GEMINI_API_KEY")
    GEMINI_MODEL = "{FLASH_EXP}"
    GEMINI_URI = f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key={{KEY}}"
''')
RAW_CLIENT = dedent('''
    import json
    from websockets.client import connect
    from config import GEMINI_URI, GEMINI_MODEL
    from audio.capture import AudioCapture


    class Voice:
        async def start(self):
            self.ws = await connect(GEMINI_URI)
            await self.ws.send(json.dumps({"setup": {"model": f"models/{GEMINI_MODEL}"}}))
            self.capture = AudioCapture(self.ws)
            await self.capture.capture()
''')
CAPTURE = dedent('''
    import base64
    import json


    class AudioCapture:
        def __init__(self, ws, rate=16000):
            self.ws = ws

        async def capture(self):
            data = b""
            await self.ws.send(json.dumps({
                "realtime_input": {
                    "media_chunks": [{
                        "data": base64.b64encode(data).decode(),
                        "mime_type": "audio/pcm",
                    }]
                }
            }))
''')


def test_a_raw_live_socket_handed_to_another_modules_class(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"config.py": RAW_CONFIG, "gemini/__init__.py": "",
                                      "gemini/client.py": RAW_CLIENT, "audio/capture.py": CAPTURE})
    assert _check(project, rules=("LM104", "LM106")) == {"audio/capture.py": [(13, "LM104"), (15, "LM106")]}
    # the socket is not a Live one: the frames are the app's own
    other = RAW_CLIENT.replace("connect(GEMINI_URI)", 'connect("ws://localhost:8000/audio")')
    (project / "gemini" / "client.py").write_text(other)
    assert _check(project, rules=("LM104", "LM106")) == {}


def test_a_socket_handed_through_a_module_alias(tmp_path: Path) -> None:
    client = RAW_CLIENT.replace("from audio.capture import AudioCapture", "import audio.capture as cap").replace(
        "AudioCapture(self.ws)", "cap.AudioCapture(self.ws)")
    project = _write(tmp_path / "p", {"config.py": RAW_CONFIG, "gemini/client.py": client, "audio/capture.py": CAPTURE})
    assert _check(project, rules=("LM104",)) == {"audio/capture.py": [(13, "LM104")]}


def test_a_socket_handed_to_a_class_of_the_same_name_in_another_folder_is_not_followed(tmp_path: Path) -> None:
    # `from capture import AudioCapture` in gemini/ names no module beside it: nothing is told
    client = RAW_CLIENT.replace("from audio.capture import", "from capture import")
    project = _write(tmp_path / "p", {"config.py": RAW_CONFIG, "gemini/client.py": client,
                                      "audio/capture.py": CAPTURE, "tools/capture.py": CAPTURE})
    assert _check(project, rules=("LM104", "LM106")) == {}


SDK_MAIN = dedent(f'''
    from google import genai
    from handler import Handler, forward

    client = genai.Client()


    async def main():
        async with client.aio.live.connect(model="{FLASH_EXP}", config={{"response_modalities": ["AUDIO"]}}) as session:
            await Handler(session).run()
            await forward(b"", live=session)
''')
HANDLER = dedent('''
    class Handler:
        def __init__(self, session):
            self.session = session

        async def run(self):
            await self.session.send(input="hello", end_of_turn=True)


    async def forward(chunk, live=None):
        await live.send(input={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
''')


def _lm103_fixes(project: Path) -> list[tuple[str, tuple[str, ...]]]:
    report = next(r for r in Linter(Settings()).check_paths([project]) if r.path.endswith("handler.py"))
    return [(f.fix.applicability.value, f.fix.unsafe_reasons) for f in report.findings if f.rule_id == "LM103"]


def test_an_sdk_session_handed_to_another_modules_class_and_function(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"main.py": SDK_MAIN, "handler.py": HANDLER})
    assert _check(project, rules=("LM103",)) == {"handler.py": [(6, "LM103"), (10, "LM103")]}
    # the session's model is the caller's: known there, so the rewrite is weighed on it; its 2.x
    # id is main.py's to move, which this module's fix run cannot see: the rewrite waits for it
    # (measurement 11: a safe rewrite for the target on a session that stayed on 2.5)
    elsewhere = ("the session's 2.x model id is written in another module; the session stays on it until that "
                 "id moves, and changing this alone changes what it does there",)
    assert _lm103_fixes(project) == [("unsafe", elsewhere), ("unsafe", elsewhere)]
    # handler.py alone: its `send(input=...)` receivers are nobody's session
    assert _check(project / "handler.py", rules=("LM103",)) == {}


def test_a_handed_session_whose_model_the_caller_cannot_tell(tmp_path: Path) -> None:
    main = SDK_MAIN.replace(f'model="{FLASH_EXP}"', 'model=MODELS[os.environ["KIND"]]').replace(
        "client = genai.Client()", f'client = genai.Client()\nMODELS = {{"fast": "{FLASH_EXP}"}}')
    project = _write(tmp_path / "p", {"main.py": "import os\n" + main, "handler.py": HANDLER})
    unknown = ("the session's model is not known here (callers on older models may remain)",)
    assert _lm103_fixes(project) == [("unsafe", unknown), ("unsafe", unknown)]


def test_the_index_tells_the_receiving_module_which_parameter_holds_the_session(tmp_path: Path) -> None:
    _write(tmp_path, {"main.py": SDK_MAIN, "handler.py": HANDLER})
    index = build_project_index(sorted(tmp_path.glob("*.py")), [tmp_path])
    facts = index.facts_for(tmp_path / "handler.py")
    assert facts is not None
    assert facts.handed_sessions == (("Handler", 0, "", "sdk", FLASH_EXP, "AUDIO"),
                                     ("forward", -1, "live", "sdk", FLASH_EXP, "AUDIO"))


def test_the_cache_rechecks_the_receiving_module_when_the_caller_changes(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"main.py": SDK_MAIN, "handler.py": HANDLER})
    folder = tmp_path / "cache"
    assert _check(project, rules=("LM103",), cache=ResultCache(folder)) == {
        "handler.py": [(6, "LM103"), (10, "LM103")]}
    # the caller stops handing its session over: handler.py's bytes did not change, its findings go
    (project / "main.py").write_text(SDK_MAIN.replace("Handler(session)", "Handler(None)")
                                     .replace("live=session", "live=None"))
    cache = ResultCache(folder)
    assert _check(project, rules=("LM103",), cache=cache) == {}
    assert cache.misses == 2
