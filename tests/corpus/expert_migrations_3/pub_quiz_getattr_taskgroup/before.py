"""Pub quiz host: asks questions by voice, scores spoken answers, keeps a running transcript."""

import asyncio
import logging

from google import genai
from google.genai import types

from quiz import QuestionBank, Scoreboard, play_pcm, record_pcm

log = logging.getLogger(__name__)

QUIZ_MODEL = "gemini-2.5-flash-native-audio-latest"

SESSION_CONFIG = {
    "responseModalities": ["AUDIO"],
    "systemInstruction": "You are a cheerful pub quiz host. Ask one question at a time and judge answers.",
    "inputAudioTranscription": {},
    "generationConfig": {
        "temperature": 0.9,
        "thinkingConfig": {"thinkingBudget": -1},
    },
}


class QuizHost:
    """Runs one quiz night: the mic feeds the session, the host task plays and scores."""

    def __init__(self, bank: QuestionBank, board: Scoreboard) -> None:
        self.bank = bank
        self.board = board
        self.transcript: list[tuple[str, str]] = []

    async def mic_task(self, session) -> None:
        async for pcm in record_pcm(rate=16000, block_ms=100):
            await session.send_realtime_input(audio=types.Blob(data=pcm, mime_type="audio/pcm;rate=16000"))

    async def host_task(self, session) -> None:
        while True:
            async for msg in session.receive():
                if msg.data:
                    play_pcm(msg.data)
                    continue
                sc = getattr(msg, "server_content", None)
                if sc is None:
                    continue
                heard = getattr(sc, "input_transcription", None)
                said = getattr(sc, "output_transcription", None)
                if heard and heard.text:
                    self.transcript.append(("player", heard.text))
                    self.board.consider(heard.text)
                elif said and said.text:
                    self.transcript.append(("host", said.text))
                elif getattr(sc, "turn_complete", False):
                    log.info("round %d over", self.board.round)
                    self.board.next_round()

    async def run(self) -> None:
        client = genai.Client()
        async with client.aio.live.connect(model=QUIZ_MODEL, config=SESSION_CONFIG) as session:
            async with asyncio.TaskGroup() as group:
                group.create_task(self.mic_task(session))
                group.create_task(self.host_task(session))


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    host = QuizHost(QuestionBank.load("questions.yaml"), Scoreboard())
    try:
        asyncio.run(host.run())
    except KeyboardInterrupt:
        for who, text in host.transcript:
            print(f"{who}: {text}")


if __name__ == "__main__":
    main()
