"""Untouched bytes stay untouched, and every comment ends on the line it described (or goes
with the code it described), never on other code."""

from __future__ import annotations

import libcst as cst
import pytest

from livemigrate.engine import Linter
from livemigrate.preserve import NotReproducible, carry_over, line_mapper
from livemigrate.rule import Applicability
from livemigrate.settings import Settings

from harness import check, dedent, fixed_text

OLD = "gemini-2.5-flash-native-audio-preview-12-2025"
NEW = "gemini-3.1-flash-live-preview"


def _live(extra: str, newline: str = "\n") -> bytes:
    lines = ["from google import genai", "client = genai.Client()", f"MODEL = '{OLD}'",
             "async def main():",
             "    async with client.aio.live.connect(model=MODEL, config={'response_modalities': ['AUDIO']}) as s:",
             "        pass", extra]
    return newline.join(lines).encode() + newline.encode()


@pytest.mark.parametrize("data", [
    _live("x = 1", newline="\r"),  # CR-only: libcst drops the final CR
    _live("try:\n    import x\nexcept ValueError :\n    pass"),  # libcst drops the space before ':'
    _live("def f():\n    x = 1\n\n  # a dedented end-of-file comment after a blank line"),
], ids=["cr-only", "except-space", "blank-before-eof-comment"])
def test_lines_libcst_normalises_stay_as_written(data: bytes) -> None:
    assert cst.parse_module(data).bytes != data, "the case must exercise a libcst normalisation"
    report = Linter(Settings()).fix_bytes(data, "app.py")
    assert report.error is None, report.error
    assert report.fixed == data.replace(OLD.encode(), NEW.encode())


def test_a_fix_on_a_line_libcst_does_not_reproduce_is_refused() -> None:
    # CR-only file whose last line is the one to fix: libcst loses that line's CR
    data = b"from google import genai\rclient = genai.Client()\rasync def main():\r" \
           b"    async with client.aio.live.connect(model='" + OLD.encode() + b"', config={}) as s: pass\r"
    if cst.parse_module(data).bytes == data:
        pytest.skip("libcst reproduces this file")
    report = Linter(Settings()).fix_bytes(data, "app.py")
    assert report.fixed is None
    assert report.error is not None and "does not reproduce line 4" in report.error.message


def test_carry_over_refuses_a_hunk_on_an_unreproduced_line() -> None:
    original = b"a = 1\rb = 2\r"
    rendered = b"a = 1\rb = 2"
    assert carry_over(original, rendered, b"a = 9\rb = 2") == b"a = 9\rb = 2\r"
    with pytest.raises(NotReproducible):
        carry_over(original, rendered, b"a = 1\rb = 3")


def test_line_mapper_maps_fixed_lines_back_to_the_original() -> None:
    old = b"a\nb\nc\nd\n"
    new = b"a\nB1\nB2\nc\nd\n"
    to_old = line_mapper(new, old)
    assert [to_old(n) for n in range(1, 6)] == [1, 2, 2, 3, 4]


# --- comments in the edit layer -------------------------------------------------------------
def test_removing_the_last_argument_keeps_the_kept_arguments_comment() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],  # audio out
            enable_affective_dialog=True  # empathy
        )
    ''')
    out = fixed_text(code, ("LM004",), unsafe=True)
    assert '    response_modalities=["AUDIO"]  # audio out\n)\n' in out
    assert "empathy" not in out


@pytest.mark.parametrize("trailing", [",", ""])
def test_removing_the_last_dict_entry_never_moves_its_comment_onto_the_kept_line(trailing: str) -> None:
    code = dedent(f'''
        from google import genai
        client = genai.Client()
        cfg = {{
            "response_modalities": ["AUDIO"],  # audio out
            "enable_affective_dialog": True{trailing}  # empathy
        }}
        async def main():
            async with client.aio.live.connect(model="{NEW}", config=cfg) as s:
                pass
    ''')
    out = fixed_text(code, ("LM004",), unsafe=True)
    assert f'    "response_modalities": ["AUDIO"]{trailing}  # audio out\n}}\n' in out, out
    assert "empathy" not in out


def test_flattening_keeps_each_comment_on_its_own_field_once() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            # sampling for the voice
            generation_config=types.GenerationConfig(
                temperature=0.4,  # calm
                max_output_tokens=1024,  # short answers
            ),
        )
    ''')
    out = fixed_text(code, ("LM006",))
    assert out.count("# sampling for the voice") == 1
    assert "    temperature=0.4,  # calm\n" in out
    assert "    max_output_tokens=1024,  # short answers\n" in out


def test_flattening_a_one_line_nested_config_keeps_comments_in_place() -> None:
    code = dedent('''
        from google.genai import types
        MODEL = "gemini-3.1-flash-live-preview"
        config = types.LiveConnectConfig(
            generation_config=types.GenerationConfig(temperature=0.4,  # calm
                                                     max_output_tokens=1024),  # short
            response_modalities=["AUDIO"],  # audio
        )
    ''')
    out = fixed_text(code, ("LM006",))
    assert "    temperature=0.4,  # calm\n    max_output_tokens=1024,  # short\n" in out, out
    assert '    response_modalities=["AUDIO"],  # audio\n' in out


def test_a_call_rewrite_that_drops_comments_says_so_and_is_unsafe() -> None:
    code = dedent(f'''
        from google import genai
        client = genai.Client()
        async def main():
            async with client.aio.live.connect(model="{NEW}", config={{"response_modalities": ["AUDIO"]}}) as session:
                await session.send(
                    input="hello",  # greet
                    end_of_turn=True,  # reply now
                )
    ''')
    found = check(code, ("LM103",))[0]
    assert found.fix.applicability is Applicability.UNSAFE
    # the input's comment moves with it; the dropped argument's goes
    assert any("# reply now" in reason for reason in found.fix.unsafe_reasons)


@pytest.mark.parametrize("line", [
    "from google.genai import types  # also re-exported for plugins",
    "from google.genai.types import LiveClientToolResponse, Part  # noqa: F401 (public API)",
])
def test_an_import_the_user_annotated_is_not_cleaned_up(line: str) -> None:
    code = dedent(f'''
        from google import genai
        {line}
        from google.genai import types as t
        client = genai.Client()
        async def main(results):
            async with client.aio.live.connect(model="{NEW}", config={{"response_modalities": ["AUDIO"]}}) as session:
                await session.send(input=t.LiveClientToolResponse(function_responses=results))
    ''')
    out = fixed_text(code, ("LM103",), unsafe=True)
    assert line in out
