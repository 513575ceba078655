"""Negatives: look-alike keys in non-Google clients and unrelated dicts (connect(config=...), behavior, proactivity)."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass

import anthropic
from acme_voice import RealtimeClient  # in-house speech stack, not the Gemini Live API

acme = RealtimeClient(region="eu-west-1")


async def acme_call(prompt: str) -> str:
    session = await acme.connect(
        config={
            "model": "acme-voice-2",
            "thinking_budget": 1024,
            "proactivity": {"proactive_audio": True},
            "enable_affective_dialog": True,
            "generation_config": {"temperature": 0.4},
        }
    )
    await session.send(prompt)
    return await session.receive_text()


def claude_answer(question: str) -> str:
    reply = anthropic.Anthropic().messages.create(
        model="claude-sonnet-4-5",
        max_tokens=4096,
        thinking={"type": "enabled", "budget_tokens": 2048},
        messages=[{"role": "user", "content": question}],
    )
    return "".join(block.text for block in reply.content if block.type == "text")


SOCKET_OPTIONS = {"behavior": "NON_BLOCKING", "timeout": 5.0}


def open_socket(host: str, port: int) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=SOCKET_OPTIONS["timeout"])
    sock.setblocking(SOCKET_OPTIONS["behavior"] != "NON_BLOCKING")
    return sock


@dataclass
class PersonalityProfile:
    warmth: float = 0.8
    proactivity: float = 0.3
    thinking_budget: int = 3  # minutes per ticket, used by the staffing planner


SURVEY_WEIGHTS = {"proactivity": 0.25, "empathy": 0.5, "accuracy": 0.25}


def score(profile: PersonalityProfile) -> float:
    return SURVEY_WEIGHTS["proactivity"] * profile.proactivity + SURVEY_WEIGHTS["empathy"] * profile.warmth


async def job_queue() -> None:
    queue: asyncio.Queue[dict] = asyncio.Queue()
    await queue.put({"task": "reindex", "scheduling": "WHEN_IDLE", "will_continue": True})
    await queue.put({"task": "email", "behavior": "non_blocking"})
