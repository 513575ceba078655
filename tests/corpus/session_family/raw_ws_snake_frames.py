"""Older cookbook raw-WebSocket script, snake_case frames: media_chunks with rate-less PCM, client_content from the input loop, parts[0]."""

import asyncio
import base64
import json
import os
import sys

import pyaudio
from websockets.asyncio.client import connect

FORMAT = pyaudio.paInt16
CHANNELS = 1
SEND_SAMPLE_RATE = 16000
RECEIVE_SAMPLE_RATE = 24000
CHUNK_SIZE = 512

host = "generativelanguage.googleapis.com"
model = "gemini-2.5-flash-native-audio-latest"
api_key = os.environ["GOOGLE_API_KEY"]
uri = f"wss://{host}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key={api_key}"

pya = pyaudio.PyAudio()


class AudioLoop:
    def __init__(self):
        self.ws = None
        self.audio_out_queue = asyncio.Queue()
        self.audio_in_queue = asyncio.Queue()

    async def startup(self):
        setup_msg = {"setup": {"model": f"models/{model}", "generation_config": {"response_modalities": ["AUDIO"]}}}
        await self.ws.send(json.dumps(setup_msg))
        raw_response = await self.ws.recv(decode=False)
        setup_response = json.loads(raw_response.decode("ascii"))
        print(setup_response)

    async def send_text(self):
        while True:
            text = await asyncio.to_thread(input, "message > ")
            if text.lower() == "q":
                break
            msg = {
                "client_content": {  # expect: LM101
                    "turn_complete": True,
                    "turns": [{"role": "user", "parts": [{"text": text or "."}]}],
                }
            }
            await self.ws.send(json.dumps(msg))

    async def listen_audio(self):
        mic_info = pya.get_default_input_device_info()
        stream = await asyncio.to_thread(
            pya.open,
            format=FORMAT,
            channels=CHANNELS,
            rate=SEND_SAMPLE_RATE,
            input=True,
            input_device_index=mic_info["index"],
            frames_per_buffer=CHUNK_SIZE,
        )
        while True:
            data = await asyncio.to_thread(stream.read, CHUNK_SIZE, exception_on_overflow=False)
            self.audio_out_queue.put_nowait(data)

    async def send_audio(self):
        while True:
            chunk = await self.audio_out_queue.get()
            msg = {
                "realtime_input": {
                    "media_chunks": [  # expect: LM104
                        {
                            "data": base64.b64encode(chunk).decode(),
                            "mime_type": "audio/pcm",  # expect: LM106
                        }
                    ]
                }
            }
            await self.ws.send(json.dumps(msg))

    async def receive_audio(self):
        async for raw_response in self.ws:
            response = json.loads(raw_response.decode("ascii"))
            try:
                b64data = response["serverContent"]["modelTurn"]["parts"][0]["inlineData"]["data"]  # expect: LM301
            except KeyError:
                pass
            else:
                pcm_data = base64.b64decode(b64data)
                self.audio_in_queue.put_nowait(pcm_data)

            try:
                turn_complete = response["serverContent"]["turnComplete"]
            except KeyError:
                pass
            else:
                if turn_complete:
                    # If you interrupt the model, it sends an end_of_turn.
                    # For interruptions to work, we need to empty out the audio queue
                    # Because it may have loaded much more audio than has played yet.
                    print("\nEnd of turn")
                    while not self.audio_in_queue.empty():
                        self.audio_in_queue.get_nowait()

    async def play_audio(self):
        stream = await asyncio.to_thread(
            pya.open, format=FORMAT, channels=CHANNELS, rate=RECEIVE_SAMPLE_RATE, output=True
        )
        while True:
            data = await self.audio_in_queue.get()
            await asyncio.to_thread(stream.write, data)

    async def run(self):
        async with connect(uri, additional_headers={"Content-Type": "application/json"}) as ws:
            self.ws = ws
            await self.startup()
            async with asyncio.TaskGroup() as tg:
                send_text_task = tg.create_task(self.send_text())
                tg.create_task(self.listen_audio())
                tg.create_task(self.send_audio())
                tg.create_task(self.receive_audio())
                tg.create_task(self.play_audio())
                await send_text_task
                raise asyncio.CancelledError("User requested exit")


if __name__ == "__main__":
    try:
        asyncio.run(AudioLoop().run())
    except asyncio.CancelledError:
        sys.exit(0)
