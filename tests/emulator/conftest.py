"""Helpers for driving the emulator with the real google-genai SDK from sync tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

MODEL = "gemini-3.1-flash-live-preview"


class SDK:
    """The client side of a test: google-genai pointed at an emulator."""

    model = MODEL

    @staticmethod
    def run(coro: Awaitable[T], timeout: float = 5.0) -> T:
        """Run ``coro`` on a fresh loop, failing the test instead of hanging it."""
        return asyncio.run(asyncio.wait_for(coro, timeout))

    @staticmethod
    def client(emulator: Any, **http_options: Any) -> Any:
        from google import genai

        return genai.Client(api_key=http_options.pop("api_key", "test"),
                            http_options={**emulator.http_options, **http_options})

    @staticmethod
    async def turn(session: Any) -> list[Any]:
        """Every message of one model turn, as session.receive() yields them."""
        return [message async for message in session.receive()]

    def connect(self, emulator: Any, config: Any = None, model: str = MODEL, **http_options: Any) -> Any:
        """``client.aio.live.connect(...)`` for an emulator (an async context manager)."""
        return self.client(emulator, **http_options).aio.live.connect(model=model, config=config or {})


@pytest.fixture
def sdk() -> SDK:
    pytest.importorskip("google.genai")
    return SDK()
