"""Gradio chat box on one long Live session in TEXT mode, typed turns sent as client content from the UI callback."""

import asyncio

import gradio as gr
from google import genai
from google.genai import types

MODEL = "gemini-3.1-flash-live-preview"
client = genai.Client()
CHAT_CONFIG = types.LiveConnectConfig(
    response_modalities=[types.Modality.TEXT],  # expect: LM005
    max_output_tokens=8192,  # expect: LM403
    system_instruction="Answer in at most three sentences.",
)


class LiveChat:
    def __init__(self) -> None:
        self.session = None
        self.replies: asyncio.Queue[str] = asyncio.Queue()
        self._ready = asyncio.Event()

    async def keep_open(self) -> None:
        async with client.aio.live.connect(model=MODEL, config=CHAT_CONFIG) as session:  # expect: LM402
            self.session = session
            self._ready.set()
            while True:
                reply = []
                async for msg in session.receive():
                    if msg.text:
                        reply.append(msg.text)
                await self.replies.put("".join(reply))

    async def on_message(self, message: str, history: list) -> str:
        await self._ready.wait()
        await self.session.send_client_content(  # expect: LM101
            turns=[types.Content(role="user", parts=[types.Part(text=message)])],
            turn_complete=True,
        )
        return await self.replies.get()


chat = LiveChat()


async def respond(message: str, history: list) -> str:
    return await chat.on_message(message, history)


with gr.Blocks() as demo:
    gr.ChatInterface(respond, type="messages")
    demo.load(chat.keep_open)

if __name__ == "__main__":
    demo.launch()
