"""Fixtures for every test: runs of the CLI never write a cache into the checkout."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _cache_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # `check` caches results in .livemigrate_cache/ beside the nearest pyproject.toml: from
    # the repository root that is the checkout itself. Tests about the cache's location
    # delete this variable themselves.
    monkeypatch.setenv("LIVEMIGRATE_CACHE_DIR", str(tmp_path_factory.mktemp("livemigrate_cache")))
