"""Shapes from the seventh real-code measurement (and run 6's leftovers) that were missed.

- ``parts = sc.model_turn.parts or []`` then ``for part in parts``: the guard on the name's
  value hid the parts (the same guard written in the ``for`` was known).
"""

from __future__ import annotations

import pytest
from harness import check, dedent

GUARDED_PARTS = dedent('''
    from google import genai

    client = genai.Client()


    async def ask(text, out):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config={"response_modalities": ["AUDIO"]}) as session:
            async for response in session.receive():
                content = response.server_content
                if content.model_turn:
                    parts = content.model_turn.parts{guard}
                    for part in parts:
                        if part.text:
                            out.append(part.text)
''')


@pytest.mark.parametrize("guard", ["", " or []", " if content.model_turn else []"])
def test_a_name_bound_to_the_parts_with_a_guard_is_the_parts(guard: str) -> None:
    found = check(GUARDED_PARTS.replace("{guard}", guard), ("LM304",))
    assert [f.line for f in found] == [14, 15]
