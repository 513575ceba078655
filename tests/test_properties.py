"""Property test: generated programs with Live constructs spliced between code libcst may not
reproduce exactly. For every one: no crash, the output parses, a second fix changes nothing,
and every line outside the Live constructs comes out byte for byte as it went in."""

from __future__ import annotations

import libcst as cst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livemigrate.engine import InternalFileError, Linter
from livemigrate.settings import Settings

# Live constructs each rule family fixes, as whole top-level blocks.
LIVE = [
    'CONFIG_{n} = types.LiveConnectConfig(\n    response_modalities=["AUDIO"],\n'
    '    thinking_config=types.ThinkingConfig(thinking_budget={budget}),\n    enable_affective_dialog=True,\n)\n',
    'CFG_{n} = {{"response_modalities": ["AUDIO"], "proactivity": {{"proactive_audio": True}}}}\n',
    'CFG_{n} = {{\n    "generation_config": {{"temperature": 0.5}},  # nested\n    "response_modalities": ["TEXT"],\n}}\n',
    'async def run_{n}():\n    async with client.aio.live.connect(model=MODEL, config=CONFIG_0) as session:\n'
    '        await session.send(input="hello", end_of_turn=True)\n'
    '        await session.send_realtime_input(media=types.Blob(data=b"", mime_type="audio/pcm"))\n'
    '        async for message in session.receive():\n'
    '            text = message.server_content.model_turn.parts[0].text\n',
    'TOOL_{n} = types.FunctionDeclaration(name="f{n}", behavior="NON_BLOCKING")\n',
]
# Code around them, some of it in shapes libcst renders differently from the input.
FILLER = [
    "try:\n    import json\nexcept ValueError :\n    json = None\n",
    "def helper_{n}(x):\n    return x  # keep\n",
    "VALUE_{n} = [1,\n         2]  # aligned\n",
    "if True:\n    pass\n\n  # a dedented comment after a blank line\n",
    "class Holder_{n}:\n    '''doc'''\n\n    x = 1   \n",
]
HEADER = ("from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
          "MODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
          "CONFIG_0 = types.LiveConnectConfig(response_modalities=['AUDIO'])\n")

blocks = st.lists(
    st.one_of(st.tuples(st.just("live"), st.sampled_from(LIVE)), st.tuples(st.just("filler"), st.sampled_from(FILLER))),
    min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=blocks, newline=st.sampled_from(["\n", "\r\n", "\r"]), budget=st.sampled_from([0, 512, 4096, -1]),
       unsafe=st.booleans())
def test_fixing_generated_live_programs_keeps_every_other_byte(parts, newline, budget, unsafe) -> None:
    source = HEADER + "".join(text.format(n=i, budget=budget) for i, (_, text) in enumerate(parts))
    data = source.replace("\n", newline).encode()
    linter = Linter(Settings())
    report = linter.fix_bytes(data, "gen.py", unsafe=unsafe)
    assert not isinstance(report.error, InternalFileError), report.error
    if report.error is not None:  # only a refusal to touch a line libcst does not reproduce
        assert "does not reproduce" in report.error.message, report.error
        return
    out = report.fixed if report.fixed is not None else data
    cst.parse_module(out)
    again = linter.fix_bytes(out, "gen.py", unsafe=unsafe)
    assert again.error is None and again.fixed is None, "a second fix changed the code"
    # Filler lines are never a fix's business: each must come out byte for byte.
    out_lines = out.splitlines(keepends=True)
    for i, (kind, text) in enumerate(parts):
        if kind != "filler":
            continue
        for line in text.format(n=i).replace("\n", newline).encode().splitlines(keepends=True):
            assert line in out_lines, (line, out)
