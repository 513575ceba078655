"""Shapes of measurement 35's misses and measurement 36, each a test (written from the shapes)."""

from __future__ import annotations

from harness import check, dedent

MANUAL_NEXT = dedent("""
    from google import genai
    from google.genai import types


    class Narrator:
        def __init__(self, key):
            self.client = genai.Client(api_key=key)
            self.session = None
            self._running = False

        async def connect(self):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            self._ctx = self.client.aio.live.connect(model="gemini-2.5-flash-native-audio-latest", config=config)
            self.session = await self._ctx.__aenter__()
            self._running = True

        async def listen(self, callback):
            gen = self.session.receive()
            while self._running:
                try:
                    response = await gen.__anext__()
                except StopAsyncIteration:
                    gen = self.session.receive()
                    continue
                sc = response.server_content
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            await callback(part.inline_data.data)
""")


def test_messages_read_one_at_a_time_in_a_loop_until_stopped_keep_the_session_open() -> None:
    """`gen.__anext__()` in `while self._running`, a new `receive()` at each turn's end: the
    receive loop is the `while` (measurement 35 missed LM402 on it)."""
    found = [f for f in check(MANUAL_NEXT, ("LM402",))]
    assert [f.line for f in found] == [13]
    assert "line 19" in found[0].message


def test_one_at_a_time_reads_leaving_at_the_turn_end_are_one_turn() -> None:
    code = MANUAL_NEXT.replace("            if sc and sc.model_turn:",
                               "            if sc and sc.turn_complete:\n                break\n            if sc and sc.model_turn:")
    assert code != MANUAL_NEXT
    assert not check(code, ("LM402",))


def test_one_at_a_time_reads_in_a_loop_bounded_by_count_are_one_probe() -> None:
    code = MANUAL_NEXT.replace("while self._running:", "for _ in range(20):")
    assert code != MANUAL_NEXT
    assert not check(code, ("LM402",))


def test_a_single_message_read_with_anext_in_an_endless_loop_keeps_it_open() -> None:
    code = MANUAL_NEXT.replace("response = await gen.__anext__()",
                               "response = await anext(self.session.receive())")
    assert code != MANUAL_NEXT
    assert [f.line for f in check(code, ("LM402",))] == [13]
