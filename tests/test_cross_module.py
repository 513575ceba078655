"""Values that cross modules (livemigrate.project): a model id or Live URL defined in
one module and used for a Live session in another, in both directions, through the engine,
the cache, the worker pool and ``fix``."""

from __future__ import annotations

from pathlib import Path

import pytest

from livemigrate.project import build_project_index
from livemigrate.cache import ResultCache
from livemigrate.engine import Linter
from livemigrate.settings import Settings

from harness import dedent, write_tree as _write

FLASH_EXP = "gemini-2.0-flash-exp"  # also a text model: flagged only when it reaches Live
TARGET = "gemini-3.1-flash-live-preview"

CONNECT = dedent('''
    from google import genai

    client = genai.Client()

    async def main():
        async with client.aio.live.connect(model={model}, config={{"response_modalities": ["AUDIO"]}}) as s:
            await s.send_realtime_input(text="hi")
''')
GENERATE = dedent('''
    from google import genai

    client = genai.Client()

    def answer():
        return client.models.generate_content(model={model}, contents="hi")
''')


def _findings(reports, rule: str = "LM001") -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for report in reports:
        assert report.error is None, report.error
        lines = [f.line for f in report.findings if f.rule_id == rule]
        if lines:
            found[Path(report.path).name] = lines
    return found


def _check(*paths: Path, **kwargs) -> dict[str, list[int]]:
    return _findings(Linter(Settings()).check_paths(list(paths), **kwargs))


# --- backward flow: the defining module reports ----------------------------------------------------

def test_a_constant_another_module_opens_a_session_with_is_reported_where_it_is_written(tmp_path: Path) -> None:
    _write(tmp_path, {"config.py": f'import os\nMODEL = "{FLASH_EXP}"\n',
                      "client.py": "from config import MODEL\n" + CONNECT.format(model="MODEL")})
    assert _check(tmp_path) == {"config.py": [2]}


def test_an_import_goes_to_the_module_beside_the_importer(tmp_path: Path) -> None:
    # two scripts' folders, each with its own config.py; only one of them holds a model id
    _write(tmp_path, {"bot/config.py": f'MODEL = "{FLASH_EXP}"\n',
                      "bot/run.py": "from config import MODEL\n" + CONNECT.format(model="MODEL"),
                      "tool/config.py": 'MODEL = "whatever"\n',
                      "tool/run.py": "from config import MODEL\n" + CONNECT.format(model="MODEL")})
    index = build_project_index(sorted(tmp_path.rglob("*.py")), [tmp_path])
    assert index.facts_for(tmp_path / "bot" / "run.py").value_of("MODEL") == FLASH_EXP
    assert index.facts_for(tmp_path / "tool" / "run.py") is None  # its config.py, not bot's
    assert index.facts_for(tmp_path / "bot" / "config.py").to_live == ("MODEL",)


def test_without_the_using_module_in_the_run_the_constant_is_not_reported(tmp_path: Path) -> None:
    # the index covers the files of the run (as ruff and pyright do)
    _write(tmp_path, {"config.py": f'MODEL = "{FLASH_EXP}"\n',
                      "client.py": "from config import MODEL\n" + CONNECT.format(model="MODEL")})
    assert _check(tmp_path / "config.py") == {}
    assert _check(tmp_path / "config.py", tmp_path / "client.py") == {"config.py": [1]}


def test_a_constant_only_generate_content_uses_is_not_reported(tmp_path: Path) -> None:
    _write(tmp_path, {"config.py": f'MODEL = "{FLASH_EXP}"\n',
                      "text.py": "from config import MODEL\n" + GENERATE.format(model="MODEL")})
    assert _check(tmp_path) == {}


def test_a_constant_both_live_and_generate_content_use_is_reported_without_a_fix(tmp_path: Path) -> None:
    _write(tmp_path, {"config.py": f'MODEL = "{FLASH_EXP}"\n',
                      "client.py": "from config import MODEL\n" + CONNECT.format(model="MODEL"),
                      "text.py": "import config\n" + GENERATE.format(model="config.MODEL")})
    report = next(r for r in Linter(Settings()).check_paths([tmp_path]) if r.path.endswith("config.py"))
    [finding] = [f for f in report.findings if f.rule_id == "LM001"]
    assert finding.fix is None and "also the model of a non-Live call" in finding.message


def test_relative_and_absolute_imports_in_a_package(tmp_path: Path) -> None:
    _write(tmp_path, {
        "app/__init__.py": "",
        "app/settings.py": f'LIVE = "{FLASH_EXP}"\nOTHER = "{FLASH_EXP}"\nTHIRD = "{FLASH_EXP}"\nTEXT = "{FLASH_EXP}"\n',
        "app/relative.py": "from .settings import LIVE as M\n" + CONNECT.format(model="M"),
        "app/absolute.py": "import app.settings as s\n" + CONNECT.format(model="s.OTHER"),
        "app/from_package.py": "from app import settings\n" + CONNECT.format(model='f"models/{settings.THIRD}"'),
        "app/text.py": "from app.settings import TEXT\n" + GENERATE.format(model="TEXT"),
    })
    assert _check(tmp_path) == {"settings.py": [1, 2, 3]}


def test_a_settings_object_read_through_its_instance(tmp_path: Path) -> None:
    _write(tmp_path, {
        "companion/__init__.py": "",
        "companion/config.py": dedent(f'''
            import os

            class Config:
                def __init__(self):
                    self.GEMINI_MODEL = os.getenv("GEMINI_MODEL", "{FLASH_EXP}")

            try:
                config = Config()
            except ValueError:
                config = None
        '''),
        "tests/test_live.py": dedent('''
            from companion.config import config
            from google import genai

            async def test_session():
                client = genai.Client()
                model = config.GEMINI_MODEL
                async with client.aio.live.connect(model=model, config={"response_modalities": ["AUDIO"]}) as s:
                    pass
        '''),
    })
    assert _check(tmp_path) == {"config.py": [5]}


def test_a_settings_class_field_default(tmp_path: Path) -> None:
    _write(tmp_path, {
        "settings.py": dedent(f'''
            from pydantic_settings import BaseSettings

            class Settings(BaseSettings):
                live_model: str = "{FLASH_EXP}"
                text_model: str = "{FLASH_EXP}"

            settings = Settings()
        '''),
        "voice.py": dedent('''
            from google import genai
            from settings import settings

            class Voice:
                def __init__(self):
                    self.model = settings.live_model

                async def run(self, client):
                    async with client.aio.live.connect(model=self.model, config={}) as s:
                        pass

                def text(self, client):
                    return client.models.generate_content(model=settings.text_model, contents="x")
        '''),
    })
    assert _check(tmp_path) == {"settings.py": [4]}


def test_a_name_the_module_binds_itself_is_not_the_imported_one(tmp_path: Path) -> None:
    _write(tmp_path, {"config.py": f'MODEL = "{FLASH_EXP}"\n',
                      "client.py": "from config import MODEL\n\ndef pick(MODEL):\n    return MODEL\n"
                                   + CONNECT.format(model="pick(1)")})
    assert _check(tmp_path) == {}


# --- forward flow: the using module learns the value --------------------------------------------

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

    class Voice:
        async def start(self):
            self.ws = await connect(GEMINI_URI)
            await self.ws.send(json.dumps({"setup": {"model": f"models/{GEMINI_MODEL}"}}))
''')


def test_an_imported_url_and_model_make_a_raw_live_client(tmp_path: Path) -> None:
    import libcst as cst

    from livemigrate.analysis import build_live_model

    _write(tmp_path, {"config.py": RAW_CONFIG, "client.py": RAW_CLIENT})
    facts = build_project_index([tmp_path / "config.py", tmp_path / "client.py"], [tmp_path]).facts_for(
        tmp_path / "client.py")
    assert facts is not None and facts.value_of("GEMINI_MODEL") == FLASH_EXP
    alone = build_live_model(cst.parse_module(RAW_CLIENT), RAW_CLIENT)
    told = build_live_model(cst.parse_module(RAW_CLIENT), RAW_CLIENT, facts)
    # alone, the setup frame (a `models/...` resource in Gemini code) is Live's, on a model the
    # module cannot see; the project index tells its model and the socket's endpoint
    assert not alone.raw_client and [c.model.status for c in alone.configs] == ["unknown"]
    assert told.raw_client
    [config] = told.configs
    assert config.kind == "raw" and config.model.status == "legacy" and config.model.ids == (f"models/{FLASH_EXP}",)
    assert config.model.literals == ()  # the literal is config.py's: never handed to this module's rules
    assert _check(tmp_path) == {"config.py": [4]}  # and the model reaches Live: reported there


def test_text_on_an_imported_half_cascade_model_is_not_held_back(tmp_path: Path) -> None:
    # A half-cascade model LM001 moves (written here, or imported from config.py and moved
    # there) is reported now: the target refuses TEXT, and check says what fix will apply.
    client = CONNECT.replace('"AUDIO"', '"TEXT"')
    _write(tmp_path, {"config.py": f'MODEL = "{FLASH_EXP}"\n', "client.py": "from config import MODEL\n"
                      + client.format(model="MODEL"), "local.py": client.format(model=f'"{FLASH_EXP}"')})
    assert _check(tmp_path, ) == {"config.py": [1], "local.py": [6]}
    assert _findings(Linter(Settings()).check_paths([tmp_path]), "LM005") == {"client.py": [7], "local.py": [6]}


# --- the engine: cache, workers, fix ----------------------------------------------------------------

def test_the_cache_rechecks_a_module_when_the_other_one_changes(tmp_path: Path) -> None:
    project = _write(tmp_path / "p", {"config.py": f'MODEL = "{FLASH_EXP}"\n',
                                      "client.py": "from config import MODEL\n" + CONNECT.format(model="MODEL"),
                                      "plain.py": CONNECT.format(model=f'"{TARGET}"')})
    folder = tmp_path / "cache"
    assert _check(project, cache=ResultCache(folder)) == {"config.py": [1]}
    # the user of the constant moves to generate_content: config.py's bytes did not change,
    # its finding goes
    (project / "client.py").write_text("from config import MODEL\n" + GENERATE.format(model="MODEL"))
    cache = ResultCache(folder)
    assert _check(project, cache=cache) == {}
    assert cache.hits == 1  # plain.py
    # and back: the finding comes back from the cache of the first run
    (project / "client.py").write_text("from config import MODEL\n" + CONNECT.format(model="MODEL"))
    cache = ResultCache(folder)
    assert _check(project, cache=cache) == {"config.py": [1]}
    assert cache.hits == 3
    # config.py changes its value: client.py, whose bytes did not change, is checked again
    (project / "config.py").write_text(f'MODEL = "{TARGET}"\n')
    cache = ResultCache(folder)
    assert _check(project, cache=cache) == {}
    assert cache.hits == 1 and cache.misses == 2


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """More files to parse than the pool threshold, several using constants of one module."""
    files = {"pkg/__init__.py": "", "pkg/config.py": f'A = "{FLASH_EXP}"\nB = "{FLASH_EXP}"\nC = "{FLASH_EXP}"\n'}
    for name in "ABC":
        files[f"pkg/use_{name.lower()}.py"] = f"from pkg.config import {name}\n" + CONNECT.format(model=name)
    files["pkg/text.py"] = "from .config import C\n" + GENERATE.format(model="C")
    files["solo.py"] = CONNECT.format(model='"gemini-2.5-flash-native-audio-preview-12-2025"')
    return _write(tmp_path / "project", files)


def test_jobs_2_reports_what_jobs_1_reports(project: Path) -> None:
    one = _check(project, jobs=1)
    assert one == {"config.py": [1, 2, 3], "solo.py": [6]}
    assert _check(project, jobs=2) == one


def test_fix_moves_the_constant_with_unsafe_fixes_only(project: Path) -> None:
    config = project / "pkg" / "config.py"
    reports = list(Linter(Settings()).fix_paths([project]))
    assert config.read_text().count(FLASH_EXP) == 3  # unsafe: the sessions are in other modules
    assert not any(r.written and r.path.endswith("config.py") for r in reports)
    list(Linter(Settings(unsafe_fixes=True)).fix_paths([project], jobs=2))
    assert config.read_text() == f'A = "{TARGET}"\nB = "{TARGET}"\nC = "{FLASH_EXP}"\n'  # C is also a text model's


def test_the_import_words_a_module_is_screened_by() -> None:
    from livemigrate.project import _imported_names

    code = (b"import os, app.settings as s\nfrom . import config\nfrom .voice import (\n    MODEL,\n    URL,\n)\n"
            b"def f():\n    from pkg.sub import thing  # later\n# import commented\nx = 'from nowhere import y'\n")
    words = _imported_names(code)
    assert {b"os", b"app", b"settings", b"s", b"config", b"voice", b"MODEL", b"URL", b"pkg", b"sub", b"thing"} <= words
    assert b"commented" not in words and b"nowhere" not in words


def test_a_module_nothing_imports_is_not_parsed_for_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import livemigrate.project as project

    _write(tmp_path, {"agent.py": f'MODEL = "{FLASH_EXP}"\n' + CONNECT.format(model="MODEL"),
                      "other.py": f'OTHER = "{FLASH_EXP}"\n', "config.py": f'MODEL = "{FLASH_EXP}"\n',
                      "client.py": "from config import MODEL\n" + CONNECT.format(model="MODEL")})
    parsed: list[str] = []
    real = project._parse

    def spy(data: bytes, path: str):
        parsed.append(Path(path).name)
        return real(data, path)

    monkeypatch.setattr(project, "_parse", spy)
    index = build_project_index(sorted(tmp_path.glob("*.py")), [tmp_path])
    assert index.facts_for(tmp_path / "client.py").value_of("MODEL") == FLASH_EXP
    assert sorted(parsed) == ["client.py", "config.py"]  # agent.py and other.py: no import names them
