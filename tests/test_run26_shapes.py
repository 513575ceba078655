"""Shapes measurement 26 left (public 2.x Live code; written from the shapes, not the
repositories' code)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree

from livemigrate.engine import Linter
from livemigrate.settings import Settings

# A settings module keeps the session's settings in dicts; the app reads the model out of them.
SETTINGS = dedent('''
    API_CONFIG = {
        # the model
        "model": "gemini-2.0-flash-exp",
        "voice_name": "Puck",
    }
    AUDIO_CONFIG = {"rate": 16000}


    def get_config():
        """Every section."""
        return {"api": API_CONFIG, "audio": AUDIO_CONFIG}
''')

DIRECT = dedent('''
    from google import genai

    from settings import API_CONFIG

    client = genai.Client()


    async def main():
        async with client.aio.live.connect(model=API_CONFIG["model"], config={"response_modalities": ["AUDIO"]}) as session:
            while True:
                async for message in session.receive():
                    print(message)
''')

# ... through the settings function, a module global and an attribute of the class
THROUGH_FUNCTION = dedent('''
    from google import genai

    try:
        from settings import get_config
        CONFIG = get_config()
    except ImportError:
        CONFIG = {"api": {"model": "gemini-2.0-flash-exp"}}


    class Assistant:
        def __init__(self):
            self.client = genai.Client()
            self.api_config = CONFIG["api"]

        async def run(self):
            async with self.client.aio.live.connect(model=self.api_config["model"],
                                                    config={"response_modalities": ["AUDIO"]}) as session:
                await session.send_realtime_input(text="hi")
''')


def test_a_model_id_in_an_imported_settings_dict_is_reported_where_it_is_written(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"settings.py": SETTINGS, "app.py": DIRECT})
    found = findings_by_file(project, ("LM001", "LM402"))
    assert found.get("settings.py") == [(3, "LM001")]
    assert found.get("app.py") == [(9, "LM402")]  # the session's model is known: 2.x


def test_a_model_id_read_through_an_imported_settings_function(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "p", {"settings.py": SETTINGS, "app.py": THROUGH_FUNCTION})
    found = findings_by_file(project, ("LM001",))
    assert found.get("settings.py") == [(3, "LM001")]
    assert found.get("app.py") == [(7, "LM001")]  # the fallback's own literal


def test_an_imported_module_alias_reads_its_dict(tmp_path: Path) -> None:
    aliased = DIRECT.replace("from settings import API_CONFIG", "import settings as cfg").replace(
        'API_CONFIG["model"]', 'cfg.API_CONFIG["model"]')
    assert aliased != DIRECT
    project = write_tree(tmp_path / "p", {"settings.py": SETTINGS, "app.py": aliased})
    assert findings_by_file(project, ("LM001",)).get("settings.py") == [(3, "LM001")]


def test_a_dict_entry_only_a_text_call_reads_is_not_a_live_model(tmp_path: Path) -> None:
    text_only = dedent('''
        from google import genai

        from settings import API_CONFIG, get_config

        client = genai.Client()
        reply = client.models.generate_content(model=API_CONFIG["model"], contents="hi")
        other = client.models.generate_content(model=get_config()["api"]["model"], contents="hi")
    ''')
    project = write_tree(tmp_path / "p", {"settings.py": SETTINGS, "app.py": text_only})
    assert findings_by_file(project, ("LM001",)) == {}


def test_an_entry_written_again_after_the_literal_is_not_followed(tmp_path: Path) -> None:
    # the dict is changed at module level: which value the session reads is not one literal
    changed = SETTINGS + 'API_CONFIG["model"] = "gemini-3.1-flash-live-preview"\n'
    project = write_tree(tmp_path / "p", {"settings.py": changed, "app.py": DIRECT})
    assert "settings.py" not in findings_by_file(project, ("LM001",))


def _fix_reasons(project: Path, name: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    report = next(r for r in Linter(Settings()).check_paths([project]) if r.path.endswith(name))
    return [(f.fix.applicability.value, f.fix.unsafe_reasons) for f in report.findings if f.rule_id == rule]


def test_the_session_reading_an_imported_dicts_model_knows_it(tmp_path: Path) -> None:
    # the module's fixes are weighed on the model the other module writes: its 2.x id is
    # that module's to move, so a rewrite for the target waits for it
    sends = DIRECT.replace("        while True:\n", '        await session.send(input="hi", end_of_turn=True)\n'
                                                    "        while True:\n")
    assert sends != DIRECT
    project = write_tree(tmp_path / "p", {"settings.py": SETTINGS, "app.py": sends})
    elsewhere = ("the session's 2.x model id is written in another module; the session stays on it until that "
                 "id moves, and changing this alone changes what it does there",)
    assert _fix_reasons(project, "app.py", "LM103") == [("unsafe", elsewhere)]


# A class takes its config as a parameter defaulting to None and fills in its own when none
# is passed; the module's own construction passes a nested config.
DEFAULTED_CONFIG = dedent('''
    from google import genai

    client = genai.Client()
    CONFIG = {
        "generation_config": {
            "response_modalities": ["AUDIO"],
        }
    }


    class Stream:
        def __init__(self, config=None, model="gemini-2.0-flash-exp"):
            self.model = model
            if config is None:
                config = {"generation_config": {"response_modalities": ["AUDIO"]}}
            self.config = config

        async def run(self):
            async with client.aio.live.connect(model=self.model, config=self.config) as session:
                await session.send_realtime_input(text="hi")


    stream = Stream(config=CONFIG)
''')


def test_a_config_parameter_filled_in_when_none_still_takes_what_callers_pass() -> None:
    # both the default it fills in and the module's own config reach the session
    assert [(f.rule_id, f.line) for f in check(DEFAULTED_CONFIG, ("LM006",))] == [("LM006", 5), ("LM006", 15)]


def test_a_config_parameter_rebound_unconditionally_drops_what_callers_pass() -> None:
    rebound = DEFAULTED_CONFIG.replace("        if config is None:\n            config = {",
                                       "        config = {")
    assert rebound != DEFAULTED_CONFIG
    assert [(f.rule_id, f.line) for f in check(rebound, ("LM006",))] == [("LM006", 14)]
