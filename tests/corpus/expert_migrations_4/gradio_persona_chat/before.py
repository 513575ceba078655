"""Gradio chat front-end that answers through a Live session (low first-token latency).

Each user message opens a short Live session, replays the visible chat history into it,
then streams the model's reply back into the chat box.
"""
import functools
import os

import gradio as gr
from google import genai
from google.genai import types

MODEL = "gemini-live-2.5-flash-preview"

PERSONAS = {
    "Librarian": "You are a patient librarian. Recommend books and explain why, briefly.",
    "Chef": "You are a home cook. Suggest recipes using what the user has at hand.",
    "Tutor": "You are a maths tutor. Give hints before answers.",
}


@functools.lru_cache(maxsize=1)
def get_client() -> genai.Client:
    return genai.Client(api_key=os.environ["GEMINI_API_KEY"])


def live_config(persona: str) -> types.LiveConnectConfig:
    return types.LiveConnectConfig(
        response_modalities=[types.Modality.TEXT],
        system_instruction=PERSONAS[persona],
        temperature=0.8,
        max_output_tokens=8192,
    )


def to_content(msg: dict) -> types.Content:
    role = "model" if msg["role"] == "assistant" else "user"
    return types.Content(role=role, parts=[types.Part(text=msg["content"])])


async def respond(message: str, history: list[dict], persona: str):
    client = get_client()
    turns = [to_content(m) for m in history if isinstance(m.get("content"), str)]
    reply = ""
    async with client.aio.live.connect(model=MODEL, config=live_config(persona)) as live:
        if turns:
            await live.send_client_content(turns=turns, turn_complete=False)
        await live.send_client_content(
            turns=types.Content(role="user", parts=[types.Part(text=message)]),
            turn_complete=True,
        )
        async for chunk in live.receive():
            if chunk.text:
                reply += chunk.text
                yield reply
            if chunk.server_content and chunk.server_content.turn_complete:
                break
    if not reply:
        yield "(no answer - try rephrasing)"


def build_ui() -> gr.Blocks:
    with gr.Blocks(title="Live personas") as demo:
        gr.Markdown("## Ask a persona")
        persona = gr.Dropdown(list(PERSONAS), value="Librarian", label="Persona")
        gr.ChatInterface(
            respond,
            type="messages",
            additional_inputs=[persona],
            examples=[["What should I read after Dune?", "Librarian"]],
        )
    return demo


if __name__ == "__main__":
    build_ui().queue().launch(server_name="0.0.0.0", server_port=int(os.getenv("PORT", "7860")))
