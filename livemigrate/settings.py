"""Run settings: command-line options over ``[tool.livemigrate]`` in pyproject.toml.

Keys follow ruff: ``select``, ``ignore`` (ids or prefixes such as ``"LM2"``), ``exclude``,
``extend-exclude``, ``target`` (``"3.1"``), ``unsafe-fixes`` and ``rule-paths`` (folders of
extra rule modules, relative to the pyproject.toml).
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

__all__ = ["Settings", "SettingsError", "load_settings", "find_pyproject"]

DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "__pycache__", "node_modules",
    "site-packages", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist",
)


class SettingsError(Exception):
    """A bad ``[tool.livemigrate]`` table or option value (exit code 2)."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("LM",)
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    target: str = "3.1"
    unsafe_fixes: bool = False
    rule_paths: tuple[str, ...] = ()
    config_file: str | None = None

    def enabled(self, rule_id: str) -> bool:
        """Whether ``rule_id`` runs: the longest matching prefix of select/ignore wins."""
        best_select = max((len(s) for s in self.select if rule_id.startswith(s)), default=-1)
        best_ignore = max((len(s) for s in self.ignore if rule_id.startswith(s)), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def is_excluded(self, path: Path) -> bool:
        patterns = (*self.exclude, *self.extend_exclude)
        return any(fnmatch.fnmatch(part, pattern) for part in path.parts for pattern in patterns) or any(
            fnmatch.fnmatch(str(path), pattern) for pattern in patterns)

    def merged(self, **overrides: Any) -> "Settings":
        """These settings with every non-None override applied (CLI over pyproject)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.livemigrate] table."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and b"[tool.livemigrate" in candidate.read_bytes():
            return candidate
    return None


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError as exc:
            raise SettingsError(
                "reading [tool.livemigrate] on Python 3.10 needs the 'tomli' package "
                "(pip install tomli), or pass the options on the command line") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"invalid TOML: {exc}") from exc


def _strings(table: dict[str, Any], key: str, where: Path) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{where}: [tool.livemigrate] {key} must be a list of strings")
    return tuple(value)


def load_settings(start: Path | None = None, config: Path | None = None) -> Settings:
    """Settings from ``config`` or the nearest pyproject.toml above ``start``."""
    path = config or find_pyproject(start or Path.cwd())
    if path is None:
        return Settings()
    try:
        table = _toml_loads(path.read_text(encoding="utf-8")).get("tool", {}).get("livemigrate", {})
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read: {exc}") from exc
    known = {"select", "ignore", "exclude", "extend-exclude", "target", "unsafe-fixes", "rule-paths"}
    unknown = set(table) - known
    if unknown:
        raise SettingsError(f"{path}: unknown [tool.livemigrate] option(s): {', '.join(sorted(unknown))}")
    rule_paths = _strings(table, "rule-paths", path)
    target = table.get("target")
    if target is not None and not isinstance(target, str):
        raise SettingsError(f"{path}: [tool.livemigrate] target must be a string such as \"3.1\"")
    unsafe = table.get("unsafe-fixes")
    if unsafe is not None and not isinstance(unsafe, bool):
        raise SettingsError(f"{path}: [tool.livemigrate] unsafe-fixes must be true or false")
    return Settings().merged(
        select=_strings(table, "select", path),
        ignore=_strings(table, "ignore", path),
        exclude=_strings(table, "exclude", path),
        extend_exclude=_strings(table, "extend-exclude", path),
        target=target,
        unsafe_fixes=unsafe,
        rule_paths=tuple(str((path.parent / p).resolve()) for p in rule_paths) if rule_paths else None,
        config_file=str(path),
    )


def iter_ids(values: Iterable[str]) -> tuple[str, ...]:
    """``["LM001,LM2", "LM3"]`` → ``("LM001", "LM2", "LM3")`` (comma lists as ruff accepts)."""
    return tuple(v.strip().upper() for value in values for v in value.split(",") if v.strip())
