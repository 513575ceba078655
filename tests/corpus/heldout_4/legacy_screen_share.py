"""Screen-share helper written against the early SDK surface: legacy sends, start_stream and media chunks."""

import asyncio
import io

import mss
from PIL import Image
from google import genai
from google.genai import types as gt

INPUT_MIME = "audio/pcm"  # expect: LM106
SCREEN_MODEL = "gemini-2.0-flash-live-001"  # expect: LM001


def grab_screen() -> bytes:
    with mss.mss() as sct:
        shot = sct.grab(sct.monitors[1])
    img = Image.frombytes("RGB", shot.size, shot.rgb)
    img.thumbnail((1024, 1024))
    buf = io.BytesIO()
    img.save(buf, format="JPEG")
    return buf.getvalue()


class ScreenShare:
    def __init__(self, client: genai.Client) -> None:
        self.client = client
        self.session = None
        self.handle = None

    def config(self) -> gt.LiveConnectConfig:
        return gt.LiveConnectConfig(
            response_modalities=["AUDIO"],
            session_resumption=gt.SessionResumptionConfig(handle=self.handle),
        )

    async def open(self):
        self._ctx = self.client.aio.live.connect(model=SCREEN_MODEL, config=self.config())  # expect: LM401
        self.session = await self._ctx.__aenter__()
        return self.session

    async def share_screen(self, every: float = 2.0) -> None:
        while True:
            jpeg = await asyncio.to_thread(grab_screen)
            await self.session.send(input=gt.LiveClientRealtimeInput(  # expect: LM103
                media_chunks=[gt.Blob(data=jpeg, mime_type="image/jpeg")]))  # expect: LM104
            await asyncio.sleep(every)

    async def point_at(self, png: bytes) -> None:
        await self.session.send_realtime_input(media=gt.Blob(data=png, mime_type="image/png"))  # expect: LM104

    async def talk(self, mic_stream):
        async for msg in self.session.start_stream(stream=mic_stream, mime_type=INPUT_MIME):  # expect: LM105
            update = msg.session_resumption_update
            if update and update.new_handle:
                self.handle = update.new_handle
            yield msg.data

    async def dictate(self, chunks: list[bytes]) -> None:
        await self.session.send(input={"media_chunks": [  # expect: LM103, LM104
            {"data": c, "mime_type": INPUT_MIME} for c in chunks]})
        await self.session.send(end_of_turn=True)  # expect: LM103
