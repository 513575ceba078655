"""Negatives: thinking_budget, NON_BLOCKING and scheduling used with generate_content / chats / REST, never with Live."""

from __future__ import annotations

import os

import requests
from google import genai
from google.genai import types

client = genai.Client(api_key=os.environ.get("GEMINI_API_KEY"))

REST_URL = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"


def get_exchange_rate(base: str, quote: str) -> dict:
    return {"base": base, "quote": quote, "rate": 1.09}


RATE_DECL = types.FunctionDeclaration(
    name="get_exchange_rate",
    description="Exchange rate between two currencies.",
    parameters=types.Schema(
        type=types.Type.OBJECT,
        properties={"base": types.Schema(type="STRING"), "quote": types.Schema(type="STRING")},
    ),
    behavior=types.Behavior.NON_BLOCKING,
)


def answer(question: str) -> str:
    response = client.models.generate_content(
        model="gemini-2.5-flash",
        contents=question,
        config=types.GenerateContentConfig(
            thinking_config=types.ThinkingConfig(thinking_budget=1024),
            tools=[types.Tool(function_declarations=[RATE_DECL])],
            automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
        ),
    )
    history: list[types.Content] = [types.Content(role="user", parts=[types.Part(text=question)])]
    for call in response.function_calls or []:
        history.append(types.Content(role="model", parts=[types.Part(function_call=call)]))
        history.append(
            types.Content(
                role="user",
                parts=[
                    types.Part(
                        function_response=types.FunctionResponse(
                            id=call.id,
                            name=call.name,
                            response=get_exchange_rate(**(call.args or {})),
                            scheduling=types.FunctionResponseScheduling.WHEN_IDLE,
                            will_continue=False,
                        )
                    )
                ],
            )
        )
    if len(history) > 1:
        response = client.models.generate_content(model="gemini-2.5-flash", contents=history)
    return response.text or ""


def quick_title(text: str) -> str:
    response = client.models.generate_content(
        model="gemini-2.0-flash-exp",
        contents=f"A five-word title for: {text}",
        config={"thinking_config": {"thinking_budget": 0}, "temperature": 0.2},
    )
    return (response.text or "").strip()


def chat_session() -> genai.chats.Chat:
    return client.chats.create(
        model="gemini-2.5-pro",
        config=types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_budget=-1)),
    )


async def stream_story(prompt: str) -> str:
    parts: list[str] = []
    async for chunk in await client.aio.models.generate_content_stream(
        model="gemini-2.5-flash",
        contents=prompt,
        config={"thinkingConfig": {"thinkingBudget": 4096, "includeThoughts": True}},
    ):
        parts.append(chunk.text or "")
    return "".join(parts)


def rest_generate(prompt: str) -> str:
    body = {
        "contents": [{"parts": [{"text": prompt}]}],
        "generationConfig": {"thinkingConfig": {"thinkingBudget": 0}, "temperature": 0.1},
    }
    reply = requests.post(REST_URL, json=body, headers={"x-goog-api-key": os.environ["GEMINI_API_KEY"]}, timeout=30)
    reply.raise_for_status()
    return reply.json()["candidates"][0]["content"]["parts"][0]["text"]


def legacy_sdk_summary(text: str) -> str:
    import google.generativeai as legacy_genai

    model = legacy_genai.GenerativeModel(
        model_name="gemini-2.0-flash-exp",
        generation_config={"temperature": 0.3, "max_output_tokens": 512},
    )
    return model.generate_content(f"Summarise: {text}").text
