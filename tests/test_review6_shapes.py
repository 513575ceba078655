"""Shapes a review of measurement 45-48's fixes found wrong, each a test (written from the
review's reproductions)."""

from __future__ import annotations

from harness import check, dedent, fixed_text


def test_only_the_flash_experiment_of_2x_is_taken_for_a_live_model() -> None:
    """`gemini-2.5-pro-exp-03-25` and `gemini-2.0-flash-thinking-exp-01-21` never served Live:
    a session opened on them is not this move's (no LM001); `gemini-2.5-flash-exp` is."""
    code = dedent("""
        from google import genai

        client = genai.Client()


        async def talk():
            async with client.aio.live.connect(model="gemini-2.5-pro-exp-03-25", config={"response_modalities": ["AUDIO"]}) as s:
                await s.send_realtime_input(text="hi")
    """)
    assert check(code, ("LM001",)) == []
    thinking = code.replace("gemini-2.5-pro-exp-03-25", "gemini-2.0-flash-thinking-exp-01-21")
    assert thinking != code and check(thinking, ("LM001",)) == []
    flash = code.replace("gemini-2.5-pro-exp-03-25", "gemini-2.5-flash-exp")
    assert [f.rule_id for f in check(flash, ("LM001",))] == ["LM001"]


def test_a_history_a_per_frame_hook_sends_once_under_its_own_flag_is_not_mid_session() -> None:
    """pipecat's process_frame runs per frame, but `if ... not self._seeded: self._seeded = True`
    sends the first context once: not reported as mid-session client content."""
    code = dedent("""
        import json

        import websockets

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        class GeminiLiveService(FrameProcessor):
            async def process_frame(self, frame, direction):
                if isinstance(frame, StartFrame):
                    await self._connect()
                elif isinstance(frame, OpenAILLMContextFrame) and not self._seeded:
                    self._seeded = True
                    await self._send_history(frame.context.messages)

            async def _connect(self):
                self._websocket = await websockets.connect(URI)
                await self._websocket.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))

            async def _send_history(self, messages):
                turns = [{"role": "user", "parts": [{"text": m["content"]}]} for m in messages]
                await self._websocket.send(json.dumps({"clientContent": {"turns": turns, "turnComplete": False}}))
    """)
    assert check(code, ("LM101",)) == []
    every = code.replace(" and not self._seeded:\n            self._seeded = True\n", ":\n")
    assert every != code and [f.rule_id for f in check(every, ("LM101",))] == ["LM101"]


def test_a_message_class_fields_default_gets_no_rewrite() -> None:
    """The default is read elsewhere too (an f-string adding its own rate): LM106 reports it
    with no fix, even with unsafe fixes."""
    code = dedent("""
        import base64

        from google.genai.types import Blob
        from pydantic import BaseModel


        class AudioMessage(BaseModel):
            data: str
            mime_type: str = "audio/pcm"
            sample_rate: int = 16000


        async def handle_audio(raw: dict, live_request_queue):
            msg = AudioMessage(**raw)
            live_request_queue.send_realtime(Blob(data=base64.b64decode(msg.data), mime_type=msg.mime_type))


        async def play_back(raw: dict, speaker):
            msg = AudioMessage(**raw)
            speaker.play(f"{msg.mime_type};rate={msg.sample_rate}", msg.data)
    """)
    [finding] = check(code, ("LM106",))
    assert finding.line == 9 and finding.fix is None
    assert fixed_text(code, ("LM106",), unsafe=True) == code


def test_a_one_shot_readers_parameter_is_not_a_flag_the_program_sets() -> None:
    """`if sc.get("turnComplete") and not wait_for_tools: break`: a parameter fixed for the
    whole loop; without it the reader leaves at the first turn's end (no LM402)."""
    code = dedent("""
        import json

        import websockets

        URL = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def ask(question, wait_for_tools: bool = True):
            async with websockets.connect(URL) as ws:
                await ws.send(json.dumps({"setup": {"model": "models/gemini-2.0-flash-live-001"}}))
                await ws.send(json.dumps({"realtimeInput": {"text": question}}))
                async for raw in ws:
                    sc = json.loads(raw).get("serverContent", {})
                    print(sc)
                    if sc.get("turnComplete") and not wait_for_tools:
                        break
    """)
    assert check(code, ("LM402",)) == []
