"""LM001 follows a session's model to what the module's own calls pass for the parameter it
comes from (issue 11): a class whose ``__init__`` stores the model on ``self`` and a method
connects with ``self.model``, a function whose parameter is the connect's model, a dataclass
field, ``functools.partial``. ``gemini-2.0-flash-exp`` is also a text model, so it is flagged
only where it reaches a Live session; a literal passed to a parameter that only reaches
``generate_content`` is not."""

from __future__ import annotations

import pytest

from livemigrate.analysis.live_model import build_live_model
from livemigrate.rule import Applicability

from harness import check, dedent, fixed_text

import libcst as cst

FLASH_EXP = "gemini-2.0-flash-exp"  # also a text model: flagged only when it reaches Live
TARGET = "gemini-3.1-flash-live-preview"

SESSION_CLASS = dedent(f'''
    from google import genai

    CONFIG = {{"response_modalities": ["AUDIO"]}}


    class GeminiLive:
        def __init__(self, model: str = "models/{TARGET}"):
            self.model = model
            self.client = genai.Client()

        async def run(self):
            async with self.client.aio.live.connect(model=self.model, config=CONFIG) as session:
                await session.send_realtime_input(text="hi")


    live = {{call}}
''')

SESSION_FUNCTION = dedent(f'''
    from google import genai

    client = genai.Client()


    def open_session(model, config=None):
        return client.aio.live.connect(model=model, config={{"response_modalities": ["AUDIO"]}})


    session = {{call}}
''')

DATACLASS = dedent(f'''
    from dataclasses import dataclass

    from google import genai


    @dataclass
    class Settings:
        model: str = "{TARGET}"
        voice: str = "Puck"


    async def main(settings: Settings):
        client = genai.Client()
        async with client.aio.live.connect(model=settings.model, config={{}}) as session:
            await session.send_realtime_input(text="hi")


    settings = {{call}}
''')

PARTIAL = dedent(f'''
    import functools

    from google import genai

    client = genai.Client()


    def open_session(model):
        return client.aio.live.connect(model=model, config={{"response_modalities": ["AUDIO"]}})


    opener = {{call}}
''')

TEXT_BOT = dedent(f'''
    from google import genai


    class TextBot:
        def __init__(self, model: str = "gemini-2.5-flash"):
            self.model = model
            self.client = genai.Client()

        def ask(self, prompt):
            return self.client.models.generate_content(model=self.model, contents=prompt)


    def answer(model, prompt):
        return genai.Client().models.generate_content(model=model, contents=prompt)


    bot = TextBot(model="{FLASH_EXP}")
    answer("{FLASH_EXP}", "hi")
''')


def _at(template: str, call: str) -> str:
    """The module ``template`` whose last statement assigns ``call``."""
    return template.replace("{call}", call)


def _lm001(code: str) -> list[tuple[int, str]]:
    """(line, text of the line) of each LM001 finding."""
    lines = code.splitlines()
    return [(f.line, lines[f.line - 1].strip()) for f in check(code, ("LM001",))]


def _last_line(code: str) -> tuple[int, str]:
    lines = code.rstrip("\n").splitlines()
    return len(lines), lines[-1].strip()


SHAPES = {
    "class-keyword": (SESSION_CLASS, f'GeminiLive(model="{FLASH_EXP}")'),
    "class-positional": (SESSION_CLASS, f'GeminiLive("{FLASH_EXP}")'),
    "class-prefixed": (SESSION_CLASS, f'GeminiLive(model="models/{FLASH_EXP}")'),
    "function-positional": (SESSION_FUNCTION, f'open_session("{FLASH_EXP}")'),
    "function-keyword": (SESSION_FUNCTION, f'open_session(model="{FLASH_EXP}")'),
    "dataclass-keyword": (DATACLASS, f'Settings(model="{FLASH_EXP}")'),
    "dataclass-positional": (DATACLASS, f'Settings("{FLASH_EXP}")'),
    "partial-keyword": (PARTIAL, f'functools.partial(open_session, model="{FLASH_EXP}")'),
    "partial-positional": (PARTIAL, f'functools.partial(open_session, "{FLASH_EXP}")'),
}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_a_model_id_passed_at_a_call_site_of_the_module_is_reported(shape: tuple[str, str]) -> None:
    template, call = shape
    code = _at(template, call)
    assert _lm001(code) == [_last_line(code)]


def test_the_call_site_literal_is_part_of_the_session_model() -> None:
    code = _at(SESSION_CLASS, f'GeminiLive(model="{FLASH_EXP}")')
    live = build_live_model(cst.parse_module(code), code)
    [connect] = live.connects
    assert set(connect.model.ids) == {f"models/{TARGET}", FLASH_EXP}
    assert [n.value for n in connect.model.literals] == [f'"models/{TARGET}"', f'"{FLASH_EXP}"']


def test_the_default_is_still_followed() -> None:
    code = _at(SESSION_CLASS.replace(f"models/{TARGET}", f"models/{FLASH_EXP}"), "GeminiLive()")
    assert _lm001(code) == [(7, f'def __init__(self, model: str = "models/{FLASH_EXP}"):')]


def test_the_fix_rewrites_the_literal_at_the_call_site() -> None:
    code = _at(SESSION_CLASS, f'GeminiLive(model="{FLASH_EXP}")')
    assert fixed_text(code, ("LM001",)).rstrip().endswith(f'live = GeminiLive(model="{TARGET}")')


def test_a_literal_passed_to_a_parameter_that_reaches_only_generate_content_is_not_reported() -> None:
    assert _lm001(TEXT_BOT) == []


def test_a_parameter_that_never_reaches_a_session_is_not_followed() -> None:
    code = _at(SESSION_FUNCTION.replace("def open_session(model, config=None):", "def open_session(name, model=None):"),
               f'open_session("{FLASH_EXP}")')
    # the literal is `name`, the first parameter: the connect's model parameter gets nothing
    assert _lm001(code) == []


def test_a_same_named_class_of_another_scope_is_not_this_one() -> None:
    code = _at(SESSION_CLASS, "None") + dedent(f'''

        def build():
            class GeminiLive:
                def __init__(self, model):
                    self.model = model
            return GeminiLive("{FLASH_EXP}")
    ''')
    assert _lm001(code) == []


def test_several_ids_at_several_call_sites_leave_the_model_unknown() -> None:
    code = _at(SESSION_CLASS, f'GeminiLive(model="{FLASH_EXP}")') + f'other = GeminiLive(model="{TARGET}")\n'
    live = build_live_model(cst.parse_module(code), code)
    [connect] = live.connects
    assert connect.model.status == "unknown"
    assert {FLASH_EXP, TARGET} <= set(connect.model.ids)
    [finding] = check(code, ("LM001",))
    assert finding.line == len(code.splitlines()) - 1


def test_a_session_asking_for_text_keeps_the_move_unsafe() -> None:
    code = _at(SESSION_CLASS.replace('"AUDIO"', '"TEXT"'), f'GeminiLive(model="{FLASH_EXP}")')
    [finding] = check(code, ("LM001",))
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert any("TEXT" in reason for reason in finding.fix.unsafe_reasons)


def test_a_literal_passed_to_a_class_that_also_answers_text_with_it_is_not_rewritten() -> None:
    # self.model reaches live.connect and generate_content: the 3.1 id is Live-only
    code = _at(SESSION_CLASS.replace(
        "    async def run(self):",
        "    def ask(self, prompt):\n"
        "        return self.client.models.generate_content(model=self.model, contents=prompt)\n\n"
        "    async def run(self):"), f'GeminiLive(model="{FLASH_EXP}")')
    [finding] = check(code, ("LM001",))
    assert finding.line == len(code.splitlines())
    assert finding.fix is None and "also the model of a non-Live call" in finding.message


def test_dataclass_fields_after_a_keyword_only_marker_are_not_positional() -> None:
    code = _at(DATACLASS.replace('    model: str = "', '    _: KW_ONLY\n    model: str = "'), f'Settings(None, "{FLASH_EXP}")')
    assert _lm001(code) == []


def test_a_dataclass_built_from_spread_options_keeps_its_model_unknown() -> None:
    code = _at(DATACLASS, "Settings(**options)")
    live = build_live_model(cst.parse_module(code), code)
    [connect] = live.connects
    assert connect.model.status == "unknown"
