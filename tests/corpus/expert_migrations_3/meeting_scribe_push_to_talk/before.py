"""Meeting scribe: listens to a stand-up by push-to-talk, keeps notes, follows the agenda."""

import asyncio
import os
from dataclasses import dataclass

from google import genai
from google.genai import types

from scribe.ui import AgendaPanel, NotesPane, PushToTalk

SCRIBE_MODEL = os.getenv("SCRIBE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")


@dataclass
class ScribeOptions:
    team: str
    proactive: bool = True


def make_config(options: ScribeOptions) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        system_instruction=f"You take notes for the {options.team} stand-up and answer questions about them.",
        thinking_config=types.ThinkingConfig(thinking_budget=4096),
        proactivity=types.ProactivityConfig(proactive_audio=options.proactive),
        realtime_input_config=types.RealtimeInputConfig(
            automatic_activity_detection=types.AutomaticActivityDetection(disabled=True),
        ),
    )


class Scribe:
    """The scribe of one meeting: push-to-talk audio in, spoken answers and notes out."""

    def __init__(self, options: ScribeOptions) -> None:
        self.options = options
        self.client = genai.Client(http_options={"api_version": "v1alpha"})
        self.notes = NotesPane()
        self.agenda = AgendaPanel()
        self.ptt = PushToTalk(rate=16000)

    async def on_agenda_change(self, session, item: str) -> None:
        await session.send_client_content(
            turns={"role": "user", "parts": [{"text": f"The meeting moved on to: {item}"}]},
            turn_complete=False,
        )

    async def talk(self, session) -> None:
        async for press in self.ptt.presses():
            await session.send_realtime_input(activity_start=types.ActivityStart())
            async for pcm in press.audio():
                await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))
            await session.send_realtime_input(activity_end=types.ActivityEnd())

    async def follow_agenda(self, session) -> None:
        async for item in self.agenda.changes():
            await self.on_agenda_change(session, item)

    async def take_notes(self, session) -> None:
        while True:
            async for message in session.receive():
                if message.data:
                    self.ptt.speaker.play(message.data)
                if message.text:
                    self.notes.append(message.text)
                if message.server_content and message.server_content.turn_complete:
                    self.notes.end_paragraph()

    async def run(self) -> None:
        config = make_config(self.options)
        async with self.client.aio.live.connect(model=SCRIBE_MODEL, config=config) as session:
            await asyncio.gather(self.talk(session), self.follow_agenda(session), self.take_notes(session))


if __name__ == "__main__":
    asyncio.run(Scribe(ScribeOptions(team="payments")).run())
