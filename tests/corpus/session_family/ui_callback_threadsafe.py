"""Tkinter UI: the session lives on a background loop and button callbacks send typed text with run_coroutine_threadsafe."""

from __future__ import annotations

import asyncio
import threading
import tkinter as tk

from google import genai
from google.genai import types

MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
QUICK_REPLIES = ("Yes", "No", "Repeat that, please")


class LiveAssistantWindow:
    def __init__(self, root: tk.Tk) -> None:
        self.root = root
        self._loop = asyncio.new_event_loop()
        self._session = None
        self._ready = threading.Event()
        self._client = genai.Client()

        self.log = tk.Text(root, height=20, width=60, state="disabled")
        self.log.pack()
        self.entry = tk.Entry(root, width=50)
        self.entry.pack(side="left")
        self.entry.bind("<Return>", lambda _event: self.on_send())
        tk.Button(root, text="Send", command=self.on_send).pack(side="left")
        for label in QUICK_REPLIES:
            tk.Button(root, text=label, command=lambda label=label: self.on_quick_reply(label)).pack(side="left")

        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._run_session(), self._loop)

    # --- UI thread -------------------------------------------------------------

    def on_send(self) -> None:
        text = self.entry.get().strip()
        self.entry.delete(0, "end")
        if text and self._ready.is_set():
            asyncio.run_coroutine_threadsafe(self._send_text(text), self._loop)

    def on_quick_reply(self, label: str) -> None:
        if not self._ready.is_set():
            return
        asyncio.run_coroutine_threadsafe(
            self._session.send_client_content(  # expect: LM101
                turns=types.Content(role="user", parts=[types.Part(text=label)]),
                turn_complete=True,
            ),
            self._loop,
        )

    def _append(self, who: str, text: str) -> None:
        self.log.configure(state="normal")
        self.log.insert("end", f"{who}: {text}\n")
        self.log.configure(state="disabled")

    # --- asyncio thread --------------------------------------------------------

    async def _send_text(self, text: str) -> None:
        await self._session.send_client_content(turns={"role": "user", "parts": [{"text": text}]})  # expect: LM101
        self.root.after(0, self._append, "you", text)

    async def _run_session(self) -> None:
        config = types.LiveConnectConfig(
            response_modalities=["AUDIO"],
            output_audio_transcription=types.AudioTranscriptionConfig(),
        )
        async with self._client.aio.live.connect(model=MODEL, config=config) as session:
            self._session = session
            self._ready.set()
            while True:
                async for message in session.receive():
                    content = message.server_content
                    if content is None:
                        continue
                    if content.output_transcription and content.output_transcription.text:
                        self.root.after(0, self._append, "assistant", content.output_transcription.text)
                    if content.turn_complete:
                        self.root.after(0, self._append, "--", "end of turn")


if __name__ == "__main__":
    window = tk.Tk()
    window.title("Live assistant")
    LiveAssistantWindow(window)
    window.mainloop()
