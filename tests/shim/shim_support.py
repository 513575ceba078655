"""Helpers for the shim tests: the real SDK against the emulator, warnings as data.

A uniquely named module (not ``conftest``), so ``from shim_support import ...`` finds it
whatever other test directories are collected in the same run.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, TypeVar


from livemigrate import shim

T = TypeVar("T")

LEGACY_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
TARGET_MODEL = "gemini-3.1-flash-live-preview"


def run(coro: Awaitable[T], timeout: float = 10.0) -> T:
    """Run ``coro`` on a fresh loop, failing the test instead of hanging it."""

    async def bounded() -> T:
        return await asyncio.wait_for(coro, timeout)

    return asyncio.run(bounded())


def client_for(emulator: Any) -> Any:
    """A plain ``genai.Client`` that reaches ``emulator``."""
    from google import genai

    return genai.Client(api_key="test", http_options=emulator.http_options)


@dataclass(frozen=True)
class Warned:
    """One LiveMigrateWarning as the user sees it."""

    rule: str
    filename: str
    lineno: int
    message: str


class WarningLog:
    """Every warning raised while the ``shim_warnings`` fixture is active."""

    def __init__(self, records: list[warnings.WarningMessage]) -> None:
        self._records = records

    @property
    def shim(self) -> list[Warned]:
        return [
            Warned(str(r.message).split(":", 1)[0], r.filename, r.lineno, str(r.message))
            for r in self._records
            if issubclass(r.category, shim.LiveMigrateWarning)
        ]

    def rules(self) -> list[str]:
        return [w.rule for w in self.shim]

    def of(self, rule: str) -> list[Warned]:
        return [w for w in self.shim if w.rule == rule]
