"""Blocking wrapper around a Live session for a sync (threaded) robot console.

The asyncio loop lives in a daemon thread; console, mic and receiver threads talk to it
through asyncio.run_coroutine_threadsafe.
"""
import asyncio
import queue
import threading

import pyaudio
from google import genai

MODEL = "gemini-3.1-flash-live-preview"
CONFIG = {
    "response_modalities": ["AUDIO"],
    "output_audio_transcription": {},
    "input_audio_transcription": {},
    "system_instruction": "You are the voice of a warehouse robot. Be brief and literal.",
}


async def _next(agen):
    return await agen.__anext__()


class LiveBridge:
    def __init__(self, model=MODEL, config=CONFIG):
        self.model = model
        self.config = config
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._cm = None
        self.sess = None

    def _call(self, coro, timeout=30):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def open(self):
        client = genai.Client()
        self._cm = client.aio.live.connect(model=self.model, config=self.config)  # expert: left LM402 console runs for hours; no resumption/GoAway handling, 15-min audio cap
        self.sess = self._call(self._cm.__aenter__())

    def close(self):
        if self._cm is not None:
            self._call(self._cm.__aexit__(None, None, None))
        self.loop.call_soon_threadsafe(self.loop.stop)

    def send_text(self, text):
        self._call(self.sess.send_realtime_input(text=text))

    def send_audio(self, pcm):
        self._call(self.sess.send_realtime_input(audio={"data": pcm, "mime_type": "audio/pcm;rate=16000"}))

    def receive_forever(self, on_audio, on_said, on_heard, on_done):
        """Blocking; run it in its own thread."""
        while True:
            agen = self.sess.receive()
            while True:
                try:
                    msg = self._call(_next(agen), timeout=None)
                except StopAsyncIteration:
                    break
                sc = msg.server_content
                if sc is None:
                    continue
                if hasattr(sc, "model_turn") and sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            on_audio(part.inline_data.data)
                if hasattr(sc, "output_transcription") and sc.output_transcription:
                    on_said(sc.output_transcription.text)
                if hasattr(sc, "input_transcription") and sc.input_transcription:
                    on_heard(sc.input_transcription.text)
                if getattr(sc, "turn_complete", False):
                    on_done()


def main():
    pa = pyaudio.PyAudio()
    speaker = pa.open(format=pyaudio.paInt16, channels=1, rate=24000, output=True)
    bridge = LiveBridge()
    bridge.open()
    said = queue.Queue()

    def mic_callback(in_data, frame_count, time_info, status):
        bridge.send_audio(in_data)
        return (None, pyaudio.paContinue)

    mic = pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True,
                  frames_per_buffer=1600, stream_callback=mic_callback)
    threading.Thread(
        target=bridge.receive_forever,
        args=(speaker.write, said.put, lambda t: print(f"\n[heard] {t}"), lambda: said.put(None)),
        daemon=True,
    ).start()
    try:
        while True:
            line = input("> ").strip()
            if line in {"/q", "/quit"}:
                break
            if line:
                bridge.send_text(line)
    finally:
        mic.close()
        bridge.close()
        pa.terminate()


if __name__ == "__main__":
    main()
