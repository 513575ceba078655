"""Show Gemini your camera and talk to it, over the raw Live WebSocket (no SDK).

Frames are sent once a second; typed lines go in as text turns. Press q to quit.
"""

import asyncio
import base64
import io
import json
import os

import cv2
import PIL.Image
import pyaudio
from websockets.asyncio.client import connect

FORMAT = pyaudio.paInt16
CHANNELS = 1
SEND_SAMPLE_RATE = 16000
RECEIVE_SAMPLE_RATE = 24000
CHUNK_SIZE = 512

HOST = "generativelanguage.googleapis.com"
MODEL = "gemini-2.5-flash-native-audio-latest"
URI = (
    f"wss://{HOST}/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    f"?key={os.environ['GOOGLE_API_KEY']}"
)


class CameraChat:
    def __init__(self):
        self.ws = None
        self.audio_in = asyncio.Queue()
        self.outgoing = asyncio.Queue(maxsize=5)

    async def startup(self):
        setup = {
            "setup": {
                "model": f"models/{MODEL}",
                "generation_config": {
                    "response_modalities": ["AUDIO"],
                    "thinking_config": {"thinking_budget": 0},
                },
            }
        }
        await self.ws.send(json.dumps(setup))
        json.loads(await self.ws.recv(decode=False))  # setupComplete

    async def send_text(self):
        while True:
            text = await asyncio.to_thread(input, "message > ")
            if text.lower() == "q":
                return
            msg = {
                "client_content": {
                    "turns": [{"role": "user", "parts": [{"text": text}]}],
                    "turn_complete": True,
                }
            }
            await self.ws.send(json.dumps(msg))

    def _grab_frame(self, cap):
        ok, frame = cap.read()
        if not ok:
            return None
        img = PIL.Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
        img.thumbnail([1024, 1024])
        buf = io.BytesIO()
        img.save(buf, format="jpeg")
        return {"mime_type": "image/jpeg", "data": base64.b64encode(buf.getvalue()).decode()}

    async def stream_camera(self):
        cap = await asyncio.to_thread(cv2.VideoCapture, 0)
        while True:
            frame = await asyncio.to_thread(self._grab_frame, cap)
            if frame is None:
                break
            await self.outgoing.put({"realtime_input": {"media_chunks": [frame]}})
            await asyncio.sleep(1.0)
        cap.release()

    async def stream_mic(self):
        pya = pyaudio.PyAudio()
        info = pya.get_default_input_device_info()
        mic = pya.open(format=FORMAT, channels=CHANNELS, rate=SEND_SAMPLE_RATE, input=True,
                       input_device_index=info["index"], frames_per_buffer=CHUNK_SIZE)
        while True:
            data = await asyncio.to_thread(mic.read, CHUNK_SIZE)
            chunk = {"data": base64.b64encode(data).decode(), "mime_type": "audio/pcm"}
            await self.outgoing.put({"realtime_input": {"media_chunks": [chunk]}})

    async def pump(self):
        while True:
            await self.ws.send(json.dumps(await self.outgoing.get()))

    async def receive(self):
        async for raw in self.ws:
            response = json.loads(raw)
            try:
                b64data = response["serverContent"]["modelTurn"]["parts"][0]["inlineData"]["data"]
            except KeyError:
                pass
            else:
                self.audio_in.put_nowait(base64.b64decode(b64data))

            if response.get("serverContent", {}).get("turnComplete"):
                print("\n-- end of turn --")

    async def play(self):
        pya = pyaudio.PyAudio()
        out = pya.open(format=FORMAT, channels=CHANNELS, rate=RECEIVE_SAMPLE_RATE, output=True)
        while True:
            await asyncio.to_thread(out.write, await self.audio_in.get())

    async def run(self):
        async with connect(URI) as ws, asyncio.TaskGroup() as tg:
            self.ws = ws
            await self.startup()
            text_task = tg.create_task(self.send_text())
            for job in (self.pump(), self.stream_mic(), self.stream_camera(), self.receive(), self.play()):
                tg.create_task(job)
            await text_task
            raise asyncio.CancelledError("user quit")


if __name__ == "__main__":
    try:
        asyncio.run(CameraChat().run())
    except asyncio.CancelledError:
        pass
