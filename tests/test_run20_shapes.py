"""Shapes real hand migrations showed (measurement 20: commits that moved public Live code from
2.x to gemini-3.1-flash-live-preview, compared with what ``fix --unsafe-fixes`` writes; written
from the shapes, not the repositories' code)."""

from __future__ import annotations

from harness import check, dedent, fixed_text

# One sender task forwards what the microphone and the camera queue: audio dicts and JPEG
# frames. It sends audio under a MIME test and everything else with the deprecated media=.
QUEUED_MEDIA = dedent('''
    import asyncio
    import base64

    from google import genai

    MODEL = "gemini-3.1-flash-live-preview"


    class Loop:
        def __init__(self):
            self.out_queue = asyncio.Queue(maxsize=5)

        def _grab(self, cap):
            ok, frame = cap.read()
            if not ok:
                return None
            return {"mime_type": "image/jpeg", "data": base64.b64encode(frame).decode()}

        async def camera(self, cap):
            while True:
                frame = await asyncio.to_thread(self._grab, cap)
                if frame is None:
                    break
                await self.out_queue.put(frame)

        async def microphone(self, stream):
            while True:
                data = await asyncio.to_thread(stream.read, 1024)
                self.out_queue.put_nowait({"data": data, "mime_type": "audio/pcm;rate=16000"})

        async def send_realtime(self):
            while True:
                msg = await self.out_queue.get()
                if msg["mime_type"].startswith("audio/"):
                    await self.session.send_realtime_input(audio=msg)
                else:
                    await self.session.send_realtime_input(media=msg)

        async def run(self, cap, stream):
            client = genai.Client()
            async with client.aio.live.connect(model=MODEL, config={"response_modalities": ["AUDIO"]}) as session:
                self.session = session
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(self.camera(cap))
                    tg.create_task(self.microphone(stream))
                    tg.create_task(self.send_realtime())
''')


def test_media_of_a_queue_item_past_an_audio_test_is_the_video_the_other_producer_queued() -> None:
    # the queue holds audio dicts and image frames; past `startswith("audio/")` only frames are left
    assert "await self.session.send_realtime_input(video=msg)" in fixed_text(QUEUED_MEDIA, ("LM104",))


def test_a_producer_of_unknown_items_leaves_the_kind_unknown() -> None:
    code = QUEUED_MEDIA + "\n    def forward(self, blob):\n        self.out_queue.put_nowait(blob)\n"
    found = check(code, ("LM104",))
    assert len(found) == 1 and found[0].fix is None


def test_a_queue_item_under_an_image_test_is_video_whatever_was_queued() -> None:
    code = QUEUED_MEDIA.replace('msg["mime_type"].startswith("audio/")', 'not msg["mime_type"].startswith("image/")') \
        .replace("self.out_queue.put(frame)", "self.out_queue.put(self.wrap(frame))")
    # `not startswith("image/")` then else: the else branch is an image, whatever was queued
    assert "send_realtime_input(video=msg)" in fixed_text(code, ("LM104",))
    code = QUEUED_MEDIA.replace('if msg["mime_type"].startswith("audio/"):', 'if msg.get("mime_type", "").startswith("image/"):') \
        .replace("audio=msg", "media=msg", 1).replace("else:\n                await self.session.send_realtime_input(media=msg)",
                                                      "else:\n                await self.session.send_realtime_input(audio=msg)")
    assert "if msg.get(\"mime_type\", \"\").startswith(\"image/\"):\n                await self.session.send_realtime_input(video=msg)" \
        in fixed_text(code, ("LM104",))


# A raw client queues each frame as `{"realtime_input": {"media_chunks": frame}}`: the frame,
# not a list of frames, as the field's value.
RAW_FRAME = dedent('''
    import asyncio
    import base64
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    class Loop:
        def _grab(self, screen):
            image = screen.grab()
            return {"mime_type": "image/jpeg", "data": base64.b64encode(image).decode()}

        async def screen(self, screen):
            while True:
                frame = await asyncio.to_thread(self._grab, screen)
                await asyncio.sleep(1.0)
                msg = {"realtime_input": {"media_chunks": frame}}
                await self.ws.send(json.dumps(msg))

        async def run(self, screen):
            async with connect(URI) as ws:
                self.ws = ws
                await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
                await self.screen(screen)
''')


def test_media_chunks_holding_one_frame_rather_than_a_list_become_video() -> None:
    assert 'msg = {"realtime_input": {"video": frame}}' in fixed_text(RAW_FRAME, ("LM104",))
