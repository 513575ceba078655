"""pytest fixtures for the 3.1 emulator, registered through the ``pytest11`` entry point.

``live_emulator`` yields a running :class:`~livemigrate.emulator.LiveEmulator` (strict,
default script) on a thread of its own, so plain synchronous tests can ``asyncio.run`` the
client side. Options come from, in this order of precedence, indirect parametrisation
(``@pytest.mark.parametrize("live_emulator", [{"mode": "lenient"}], indirect=True)``) and
the marker ``@pytest.mark.live_emulator(mode="lenient", script=..., setup_fault="hang")``
(any :class:`~livemigrate.emulator.LiveEmulator` keyword, e.g. ``setup_reply="silent"``).
Read what the emulator recorded after ``live_emulator.wait_idle()``.
``live_emulator_factory(**options)`` starts as many emulators as a test needs.

pytest imports this module in every run of every project that installs livemigrate, so it
imports nothing heavy at module level (no google-genai, trustme or websockets).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from livemigrate.emulator.server import LiveEmulator

__all__ = ["live_emulator", "live_emulator_factory"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "live_emulator(mode='strict', script=None, setup_fault='close', enforce=None, setup_reply='complete'): "
        "options for the livemigrate live_emulator fixture",
    )


@pytest.fixture
def live_emulator_factory() -> Iterator[Callable[..., LiveEmulator]]:
    """Start emulators with ``factory(mode=..., script=..., ...)``; all stop after the test."""
    from livemigrate.emulator.server import LiveEmulator

    started: list[LiveEmulator] = []

    def factory(**options: Any) -> LiveEmulator:
        emulator = LiveEmulator(**options).start_in_thread()
        started.append(emulator)
        return emulator

    try:
        yield factory
    finally:
        for emulator in reversed(started):
            emulator.stop()


@pytest.fixture
def live_emulator(
    request: pytest.FixtureRequest, live_emulator_factory: Callable[..., LiveEmulator]
) -> LiveEmulator:
    """A running strict 3.1 emulator; see the module docstring for options."""
    options: dict[str, Any] = {}
    marker = request.node.get_closest_marker("live_emulator")
    if marker is not None:
        if marker.args:
            raise pytest.UsageError("@pytest.mark.live_emulator takes keyword arguments only")
        options.update(marker.kwargs)
    options.update(getattr(request, "param", None) or {})
    return live_emulator_factory(**options)
