"""Shapes measurement 48's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from harness import check, dedent

THOUGHTS = dedent("""
    from google import genai
    from google.genai.types import LiveServerMessage

    client = genai.Client()


    def get_thought(resp: LiveServerMessage) -> str | None:
        if not resp.server_content or not resp.server_content.model_turn:
            return None
        text = ""
        for part in resp.server_content.model_turn.parts:
            if part.text is not None:
                if part.thought:
                    text += part.text
        return text or None


    async def main():
        config = {"response_modalities": ["AUDIO"]}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
            async for response in s.receive():
                print(get_thought(response))
""")


def test_a_text_test_whose_body_takes_only_thoughts_uses_no_words() -> None:
    """`if part.text is not None:` around `if part.thought: text += part.text` collects the
    model's thoughts (text parts of an audio answer): no LM304 on the test nor the read."""
    assert check(THOUGHTS, ("LM304",)) == []
    # (a body taking the text of every part takes it as what was said)
    said = THOUGHTS.replace("            if part.thought:\n                text += part.text\n",
                            "            text += part.text\n")
    assert said != THOUGHTS
    assert [f.line for f in check(said, ("LM304",))] == [12, 13]


def test_a_local_blob_named_as_an_attribute_another_method_sends_is_not_input() -> None:
    """The sender sends `stream_data.blob`; the receiver wraps the model's output audio in a
    local `blob` for its own queue. The attribute's name is not that local: no LM106."""
    code = dedent("""
        from google import genai
        from google.genai.types import Blob


        class GeminiStreamOperator:
            def __init__(self, session: genai.live.AsyncSession):
                self.session = session

            async def send_task(self):
                while True:
                    stream_data = await self.send_queue.get()
                    await self.session.send_realtime_input(audio=stream_data.blob)

            async def receive_task(self):
                async for response in self.session.receive():
                    blob = None
                    if data := response.data:
                        blob = Blob(data=data, mime_type="audio/pcm")
                    self.play(blob)
    """)
    assert check(code, ("LM106",)) == []
    # (a local of the sending method bound to the blob it sends is input)
    sent = code.replace("await self.session.send_realtime_input(audio=stream_data.blob)",
                        'blob = Blob(data=stream_data, mime_type="audio/pcm")\n'
                        "            await self.session.send_realtime_input(audio=blob)")
    assert sent != code and [f.line for f in check(sent, ("LM106",))] == [12]


READER = dedent("""
    import json

    import websockets

    URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Caller:
        def __init__(self):
            self.ended = False

        async def run(self, play):
            self._ws = await websockets.connect(URL)
            await self._ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025"}}))
            async for raw in self._ws:
                sc = json.loads(raw).get("serverContent")
                if sc:
                    for part in sc.get("modelTurn", {}).get("parts", []):
                        play(part.get("inlineData", {}).get("data"))
                    if sc.get("turnComplete") and self.ended:
                        await self._ws.close()
                        return

        def end_call(self):
            self.ended = True
""")


def test_a_reader_leaving_at_a_turns_end_once_the_program_ended_the_call_runs_long() -> None:
    """`if sc.get("turnComplete") and self.ended: return`: the reader leaves only once the
    program's own flag says the call is over, so it reads every turn until then (LM402)."""
    assert [f.line for f in check(READER, ("LM402",))] == [14]
    # (one leaving at the first turn's end reads one turn)
    one_turn = READER.replace('if sc.get("turnComplete") and self.ended:', 'if sc.get("turnComplete"):')
    assert one_turn != READER and check(one_turn, ("LM402",)) == []


def test_a_thought_read_written_as_a_conditional_expression_uses_no_words() -> None:
    """`thought = part.text if part.thought else None` reads the text only of a thought, as
    `if part.thought: thought = part.text` does (review of measurement 48): no LM304."""
    code = THOUGHTS.replace("        if part.text is not None:\n            if part.thought:\n"
                            "                text += part.text\n",
                            "        text += part.text if part.thought else \"\"\n")
    assert code != THOUGHTS
    assert check(code, ("LM304",)) == []
    # (the other arm runs for a part that is not a thought: the words, if there were any)
    said = code.replace("part.text if part.thought else", "part.text if not part.thought else")
    assert said != code
    assert [f.line for f in check(said, ("LM304",))] == [12]
