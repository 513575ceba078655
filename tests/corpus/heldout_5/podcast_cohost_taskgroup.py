"""Podcast co-host: TaskGroup loops over a session that a connect helper stores on the instance."""

import asyncio

from google import genai
from google.genai import types

COHOST_MODEL = "gemini-2.5-flash-exp-native-audio-thinking-dialog"  # expect: LM001


class CoHost:
    def __init__(self, client: genai.Client, mixer, show_notes) -> None:
        self.client = client
        self.mixer = mixer
        self.notes = show_notes
        self._cm = None
        self.session = None

    async def _connect(self) -> None:
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            tools=[{"function_declarations": [{"name": "add_note", "description": "Add a show note."}]}],
            session_resumption=types.SessionResumptionConfig(),
        )
        self._cm = self.client.aio.live.connect(model=COHOST_MODEL, config=config)
        self.session = await self._cm.__aenter__()

    async def _send_host_audio(self) -> None:
        async for pcm in self.mixer.host_track():
            await self.session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def _note(self, call: types.LiveServerToolCall) -> None:
        for fc in call.function_calls:
            self.notes.add(fc.args.get("text", ""))
            await self.session.send(input=types.FunctionResponse(id=fc.id, name=fc.name, response={"ok": True}))  # expect: LM103

    async def _listen(self) -> None:
        async for msg in self.session.receive():
            if msg.server_content and msg.server_content.interrupted:  # expect: LM302
                self.mixer.duck()
            elif msg.text:  # expect: LM304
                self.notes.transcript(msg.text)  # expect: LM304
            elif msg.tool_call:
                await self._note(msg.tool_call)
                break  # expect: LM306
            if msg.data:
                self.mixer.play_cohost(msg.data)

    async def run(self) -> None:
        await self._connect()
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._send_host_audio())
                tg.create_task(self._listen())
        finally:
            await self._cm.__aexit__(None, None, None)
