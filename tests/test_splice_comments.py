"""A comment on the line of a spliced element ends up once, on the line it described.

A splice that keeps an element and adds new ones after it (``fixes.add_entry``: LM009, LM304,
LM401, ...) leaves the kept element's trailing comment on the kept element and gives the new
last element the closing layout without that comment; a splice that replaces an element moves
its comment to the replacement (the policy weighs that one). Every container, with and without
a trailing comma, on one line and on several.
"""

from __future__ import annotations

import libcst as cst
import pytest

from livemigrate.edits import Splice, apply_edits

from harness import dedent, fixed_text

# --- the edit layer --------------------------------------------------------------------------


def _new_element(container: cst.CSTNode, name: str = "added", comma: cst.Comma | None = None) -> cst.CSTNode:
    """``name=NEW`` / ``"name": NEW`` / ``NEW`` for ``container``'s kind of element."""
    value = cst.Name("NEW")
    sep = {} if comma is None else {"comma": comma}
    if isinstance(container, cst.Call):
        return cst.Arg(value, keyword=cst.Name(name), equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")), **sep)
    if isinstance(container, cst.Dict):
        return cst.DictElement(cst.SimpleString(f'"{name}"'), value, **sep)
    return cst.Element(value, **sep)


def _splice(code: str, index: int, keep: bool, names: tuple[str, ...] = ("added",),
            comma: cst.Comma | None = None) -> str:
    """``code`` (``x = <container>``) with element ``index`` spliced: kept and followed by new
    elements (``keep``), or replaced by them."""
    module = cst.parse_module(code)
    container = module.body[0].body[0].value
    elements = container.args if isinstance(container, cst.Call) else container.elements
    target = elements[index]
    new = [_new_element(container, name, comma) for name in names]
    return apply_edits(module, [Splice(target, ([target] if keep else []) + new)]).code


APPENDED = {
    "call-trailing-comma": ("x = f(\n    a=1,\n    b=2,  # why\n)\n",
                            "x = f(\n    a=1,\n    b=2,  # why\n    added=NEW,\n)\n"),
    "call-no-trailing-comma": ("x = f(\n    a=1,\n    b=2  # why\n)\n",
                               "x = f(\n    a=1,\n    b=2,  # why\n    added=NEW\n)\n"),
    "call-comment-on-earlier": ("x = f(\n    a=1,  # first\n    b=2,\n)\n",
                                "x = f(\n    a=1,  # first\n    b=2,\n    added=NEW,\n)\n"),
    "call-one-line": ("x = f(a=1, b=2,  # why\n)\n", "x = f(a=1, b=2,  # why\nadded=NEW,\n)\n"),
    "call-one-line-no-comment": ("x = f(a=1, b=2)  # why\n", "x = f(a=1, b=2, added=NEW)  # why\n"),
    "call-one-line-comment-on-earlier": ("x = f(a=1,  # first\n      b=2)\n",
                                         "x = f(a=1,  # first\n      b=2,\n      added=NEW)\n"),
    "call-only-argument": ("x = f(a=1,  # why\n)\n", "x = f(a=1,  # why\nadded=NEW,\n)\n"),
    "dict-trailing-comma": ("x = {\n    'a': 1,\n    'b': 2,  # why\n}\n",
                            "x = {\n    'a': 1,\n    'b': 2,  # why\n    \"added\": NEW,\n}\n"),
    "dict-no-trailing-comma": ("x = {\n    'a': 1,\n    'b': 2  # why\n}\n",
                               "x = {\n    'a': 1,\n    'b': 2,  # why\n    \"added\": NEW\n}\n"),
    "dict-comment-on-earlier": ("x = {\n    'a': 1,  # first\n    'b': 2,\n}\n",
                                "x = {\n    'a': 1,  # first\n    'b': 2,\n    \"added\": NEW,\n}\n"),
    "dict-one-line": ("x = {'a': 1, 'b': 2,  # why\n}\n", "x = {'a': 1, 'b': 2,  # why\n\"added\": NEW,\n}\n"),
    "dict-one-line-no-comment": ("x = {'a': 1, 'b': 2}  # why\n", "x = {'a': 1, 'b': 2, \"added\": NEW}  # why\n"),
    "list-trailing-comma": ("x = [\n    1,\n    2,  # why\n]\n", "x = [\n    1,\n    2,  # why\n    NEW,\n]\n"),
    "list-no-trailing-comma": ("x = [\n    1,\n    2  # why\n]\n", "x = [\n    1,\n    2,  # why\n    NEW\n]\n"),
    "list-comment-on-earlier": ("x = [\n    1,  # first\n    2\n]\n", "x = [\n    1,  # first\n    2,\n    NEW\n]\n"),
    "set-no-trailing-comma": ("x = {\n    1,\n    2  # why\n}\n", "x = {\n    1,\n    2,  # why\n    NEW\n}\n"),
    "tuple-trailing-comma": ("x = (\n    1,\n    2,  # why\n)\n", "x = (\n    1,\n    2,  # why\n    NEW,\n)\n"),
}


@pytest.mark.parametrize("before,after", APPENDED.values(), ids=APPENDED.keys())
def test_an_element_added_after_the_last_one_leaves_its_comment_in_place(before: str, after: str) -> None:
    assert _splice(before, -1, keep=True) == after


@pytest.mark.parametrize("before,after", [
    ("x = f(\n    a=1,  # why\n    b=2,\n)\n", "x = f(\n    a=1,  # why\n    added=NEW,\n    b=2,\n)\n"),
    ("x = f(\n    a=1,  # why\n    # about b\n    b=2,\n)\n",
     "x = f(\n    a=1,  # why\n    added=NEW,\n    # about b\n    b=2,\n)\n"),
    ("x = {\n    'a': 1,  # why\n    'b': 2,\n}\n", "x = {\n    'a': 1,  # why\n    \"added\": NEW,\n    'b': 2,\n}\n"),
    ("x = [1,  # why\n     2]\n", "x = [1,  # why\n     NEW,\n     2]\n"),
], ids=["call", "call-comment-above-next", "dict", "list-one-line"])
def test_an_element_added_after_an_earlier_one_leaves_its_comment_in_place(before: str, after: str) -> None:
    # the comment lines above the next element stay above it
    assert _splice(before, 0, keep=True) == after


def test_several_elements_added_after_the_last_one_carry_no_comment() -> None:
    before = "x = f(\n    a=1,\n    b=2,  # why\n)\n"
    assert _splice(before, -1, keep=True, names=("c", "d")) == \
        "x = f(\n    a=1,\n    b=2,  # why\n    c=NEW,\n    d=NEW,\n)\n"


REPLACED = {
    "call-trailing-comma": ("x = f(\n    a=1,\n    b=2,  # why\n)\n", "x = f(\n    a=1,\n    added=NEW,  # why\n)\n"),
    "call-no-trailing-comma": ("x = f(\n    a=1,\n    b=2  # why\n)\n", "x = f(\n    a=1,\n    added=NEW  # why\n)\n"),
    "call-one-line": ("x = f(a=1, b=2,  # why\n)\n", "x = f(a=1, added=NEW,  # why\n)\n"),
    "dict-trailing-comma": ("x = {\n    'a': 1,\n    'b': 2,  # why\n}\n",
                            "x = {\n    'a': 1,\n    \"added\": NEW,  # why\n}\n"),
    "dict-no-trailing-comma": ("x = {\n    'a': 1,\n    'b': 2  # why\n}\n",
                               "x = {\n    'a': 1,\n    \"added\": NEW  # why\n}\n"),
    "list-trailing-comma": ("x = [\n    1,\n    2,  # why\n]\n", "x = [\n    1,\n    NEW,  # why\n]\n"),
    "list-no-trailing-comma": ("x = [\n    1,\n    2  # why\n]\n", "x = [\n    1,\n    NEW  # why\n]\n"),
}


@pytest.mark.parametrize("before,after", REPLACED.values(), ids=REPLACED.keys())
def test_a_replaced_last_element_passes_its_comment_to_the_replacement(before: str, after: str) -> None:
    assert _splice(before, -1, keep=False) == after


def test_replaced_by_several_the_comment_goes_to_the_last_once() -> None:
    before = "x = f(\n    a=1,\n    b=2,  # why\n)\n"
    assert _splice(before, -1, keep=False, names=("c", "d")) == \
        "x = f(\n    a=1,\n    c=NEW,\n    d=NEW,  # why\n)\n"


OWN = cst.Comma(whitespace_after=cst.ParenthesizedWhitespace(
    first_line=cst.TrailingWhitespace(cst.SimpleWhitespace("  "), cst.Comment("# own")),
    indent=True, last_line=cst.SimpleWhitespace("    ")))


@pytest.mark.parametrize("before,after", [
    ("x = f(\n    a=1,\n    b=2\n)\n", "x = f(\n    a=1,\n    added=NEW  # own\n)\n"),
    ("x = f(\n    a=1,\n    b=2,\n)\n", "x = f(\n    a=1,\n    added=NEW,  # own\n)\n"),
    ("x = {\n    'a': 1,\n    'b': 2\n}\n", "x = {\n    'a': 1,\n    \"added\": NEW  # own\n}\n"),
    ("x = [\n    1,\n    2,\n]\n", "x = [\n    1,\n    NEW,  # own\n]\n"),
], ids=["call-no-trailing-comma", "call-trailing-comma", "dict-no-trailing-comma", "list-trailing-comma"])
def test_a_replacement_with_its_own_comment_closes_the_container_with_it(before: str, after: str) -> None:
    # A flattened nested config's last field brings its comment along (LM006); without a
    # trailing comma in the outer call this used to raise instead.
    assert _splice(before, -1, keep=False, comma=OWN) == after


# --- through the rules that add a setting after the last one ------------------------------
OLD_READ = dedent("""
    sc = m.server_content
    if sc and sc.output_transcription:
        print(sc.output_transcription.text)
""")


def _app(config: str) -> str:
    body = "".join(f"            {line}\n" for line in OLD_READ.splitlines())
    return dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
    ''') + (f"CONFIG = {config}\n\n\nasync def main():\n"
            '    async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as s:\n'
            "        async for m in s.receive():\n" + body)


@pytest.mark.parametrize("config,added", [
    ('types.LiveConnectConfig(\n    temperature=0.5,\n    response_modalities=["AUDIO"],  # spoken answers\n)',
     '    response_modalities=["AUDIO"],  # spoken answers\n'
     "    output_audio_transcription=types.AudioTranscriptionConfig(),\n)"),
    ('types.LiveConnectConfig(\n    temperature=0.5,\n    response_modalities=["AUDIO"]  # spoken answers\n)',
     '    response_modalities=["AUDIO"],  # spoken answers\n'
     "    output_audio_transcription=types.AudioTranscriptionConfig()\n)"),
    ('{\n    "temperature": 0.5,\n    "response_modalities": ["AUDIO"],  # spoken answers\n}',
     '    "response_modalities": ["AUDIO"],  # spoken answers\n    "output_audio_transcription": {},\n}'),
    ('{\n    "temperature": 0.5,\n    "responseModalities": ["AUDIO"]  # spoken answers\n}',
     '    "responseModalities": ["AUDIO"],  # spoken answers\n    "outputAudioTranscription": {}\n}'),
], ids=["typed", "typed-no-trailing-comma", "dict-snake", "dict-camel-no-trailing-comma"])
def test_lm009_writes_the_setting_on_its_own_line_without_the_comment(config: str, added: str) -> None:
    out = fixed_text(_app(config), ("LM009",))
    assert out.count("# spoken answers") == 1, out
    assert added in out, out


def test_flattening_into_a_call_without_trailing_comma_keeps_the_last_fields_comment() -> None:
    # LM006 replaces generation_config by its fields; the outer call has no trailing comma
    # (this used to be an internal error).
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            generation_config=types.GenerationConfig(
                temperature=0.4,
                max_output_tokens=1024,  # short answers
            )
        )
    ''')
    out = fixed_text(code, ("LM006",))
    assert "    temperature=0.4,\n    max_output_tokens=1024  # short answers\n)\n" in out, out


@pytest.mark.parametrize("config", [
    'types.LiveConnectConfig(\n    response_modalities=["AUDIO"],  # spoken answers\n)',
    'types.LiveConnectConfig(\n    response_modalities=["AUDIO"]  # spoken answers\n)',
    '{\n    "response_modalities": ["AUDIO"]  # spoken answers\n}',
    '{\n    "response_modalities": ["AUDIO"],  # spoken answers\n}',
], ids=["typed", "typed-no-comma", "dict", "dict-comma"])
def test_lm009_on_a_one_entry_config_leaves_the_comment_on_that_entry(config: str) -> None:
    out = fixed_text(_app(config), ("LM009",))
    assert '["AUDIO"],  # spoken answers\n' in out, out
    assert out.count("# spoken answers") == 1, out
    assert [line for line in out.splitlines() if "transcription" in line and "#" in line] == [], out
