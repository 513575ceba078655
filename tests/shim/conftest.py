"""Fixtures for the shim tests; the helpers live in ``shim_support``."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from livemigrate import shim

from shim_support import WarningLog


@pytest.fixture
def shim_warnings() -> Iterator[WarningLog]:
    """Record warnings with the "always" action, so only the shim's own dedup counts."""
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        yield WarningLog(records)


@pytest.fixture(autouse=True)
def _fresh_shim() -> Iterator[None]:
    """Each test starts with no call site warned about and the shim not installed.

    Shim warnings are expected in every session test; tests that assert on them use
    ``shim_warnings``, the rest keep them out of pytest's summary.
    """
    shim.reset_warning_registry()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", shim.LiveMigrateWarning)
        yield
    shim.uninstall()
    shim.reset_warning_registry()
