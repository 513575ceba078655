"""Mid-2025 cookbook AudioLoop: typed text via send_client_content from an input loop, mic dicts via media=, `continue` after audio."""

import asyncio
import base64
import io
import traceback

import mss
import PIL.Image
import pyaudio
from google import genai
from google.genai import types

FORMAT = pyaudio.paInt16
CHANNELS = 1
SEND_SAMPLE_RATE = 16000
RECEIVE_SAMPLE_RATE = 24000
CHUNK_SIZE = 1024

MODEL = "models/gemini-2.5-flash-native-audio-preview-12-2025"

client = genai.Client(http_options={"api_version": "v1beta"})

CONFIG = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    media_resolution="MEDIA_RESOLUTION_MEDIUM",
    speech_config=types.SpeechConfig(
        voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name="Zephyr"))
    ),
    output_audio_transcription=types.AudioTranscriptionConfig(),
)

pya = pyaudio.PyAudio()


class AudioLoop:
    def __init__(self, share_screen: bool = False):
        self.share_screen = share_screen
        self.audio_in_queue: asyncio.Queue | None = None
        self.out_queue: asyncio.Queue | None = None
        self.session = None
        self.audio_stream = None

    async def send_text(self):
        while True:
            text = await asyncio.to_thread(input, "message > ")
            if text.lower() == "q":
                break
            if self.session is not None:
                await self.session.send_client_content(  # expect: LM101
                    turns=types.Content(role="user", parts=[types.Part(text=text or ".")]),
                    turn_complete=True,
                )

    def _get_screen(self):
        sct = mss.mss()
        monitor = sct.monitors[0]
        shot = sct.grab(monitor)
        img = PIL.Image.frombytes("RGB", shot.size, shot.rgb)
        image_io = io.BytesIO()
        img.save(image_io, format="jpeg")
        image_io.seek(0)
        return {"mime_type": "image/jpeg", "data": base64.b64encode(image_io.read()).decode()}

    async def get_screen(self):
        while True:
            frame = await asyncio.to_thread(self._get_screen)
            if frame is None:
                break
            await asyncio.sleep(1.0)
            await self.out_queue.put(frame)

    async def send_realtime(self):
        while True:
            msg = await self.out_queue.get()
            await self.session.send_realtime_input(media=msg)  # expect: LM104

    async def listen_audio(self):
        mic_info = pya.get_default_input_device_info()
        self.audio_stream = await asyncio.to_thread(
            pya.open,
            format=FORMAT,
            channels=CHANNELS,
            rate=SEND_SAMPLE_RATE,
            input=True,
            input_device_index=mic_info["index"],
            frames_per_buffer=CHUNK_SIZE,
        )
        while True:
            data = await asyncio.to_thread(self.audio_stream.read, CHUNK_SIZE, exception_on_overflow=False)
            await self.out_queue.put(
                {
                    "data": data,
                    "mime_type": "audio/pcm",  # expect: LM106
                }
            )

    async def receive_audio(self):
        """Read from the session and put pcm chunks on the playback queue."""
        while True:
            turn = self.session.receive()
            async for response in turn:
                if data := response.data:
                    self.audio_in_queue.put_nowait(data)
                    continue  # expect: LM303
                server_content = response.server_content
                if server_content and server_content.output_transcription:
                    print(server_content.output_transcription.text, end="", flush=True)

            # Barge-in: drop audio that was queued but not played yet.
            while not self.audio_in_queue.empty():
                self.audio_in_queue.get_nowait()

    async def play_audio(self):
        stream = await asyncio.to_thread(
            pya.open, format=FORMAT, channels=CHANNELS, rate=RECEIVE_SAMPLE_RATE, output=True
        )
        while True:
            bytestream = await self.audio_in_queue.get()
            await asyncio.to_thread(stream.write, bytestream)

    async def run(self):
        try:
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                async with asyncio.TaskGroup() as tg:
                    self.session = session
                    self.audio_in_queue = asyncio.Queue()
                    self.out_queue = asyncio.Queue(maxsize=5)

                    send_text_task = tg.create_task(self.send_text())
                    tg.create_task(self.send_realtime())
                    tg.create_task(self.listen_audio())
                    if self.share_screen:
                        tg.create_task(self.get_screen())
                    tg.create_task(self.receive_audio())
                    tg.create_task(self.play_audio())

                    await send_text_task
                    raise asyncio.CancelledError("User requested exit")
        except asyncio.CancelledError:
            pass
        except Exception as exc:  # noqa: BLE001 - report and close the mic
            if self.audio_stream is not None:
                self.audio_stream.close()
            traceback.print_exception(exc)


if __name__ == "__main__":
    asyncio.run(AudioLoop(share_screen=False).run())
