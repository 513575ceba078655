"""Run settings: command-line options over the ``[tool.livemigrate]`` table that governs each file.

Like ruff, each scanned file uses the nearest pyproject.toml *with a [tool.livemigrate] table*
at or above its folder (:class:`SettingsResolver`); the walk up stops at the project root (a
folder holding ``.git``, a folder or a worktree's file) or the filesystem root, and each folder's
answer is cached for the run. ``--config FILE`` makes one file govern everything. Command-line
options win over every config file (``--ignore`` and ``--rule-path`` add to it).

Keys follow ruff: ``select``, ``ignore`` (ids or prefixes such as ``"LM2"``), ``exclude``,
``extend-exclude``, ``target`` (``"3.1"``), ``unsafe-fixes``, ``rule-paths`` (folders of extra
rule modules, relative to the pyproject.toml) and ``max-file-size``: files above it are skipped
with an error before being read; bytes (``2000000``) or a size with a unit (``"10MB"``,
``"512KB"``, ``"2MiB"``; KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024, case ignored);
default 10 MB: far above any hand-written module, low enough that a generated or vendored blob
is not parsed by accident (a file above it is an error, exit 2: exclude it or raise the limit).

``rule-paths`` run code. They are loaded from a config file only when no other user can change
that file, the rule folder, its modules or any folder above them (see
:func:`livemigrate.rulepack.untrusted_reason`); a folder given with ``--rule-path`` is trusted.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

__all__ = [
    "CliOverrides", "DEFAULT_EXCLUDE", "DEFAULT_MAX_FILE_SIZE", "Settings", "SettingsError",
    "SettingsResolver", "find_pyproject", "iter_ids", "load_settings", "parse_size",
]

DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "__pycache__", "node_modules",
    "site-packages", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist",
)
DEFAULT_MAX_FILE_SIZE = 10_000_000

_RULE_ID = re.compile(r"\A[A-Z]+[0-9]*\Z")
_SIZE = re.compile(r"\A\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[a-z]*)\s*\Z", re.I)
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_KNOWN_KEYS = {"select", "ignore", "exclude", "extend-exclude", "target", "unsafe-fixes", "rule-paths",
               "max-file-size"}


class SettingsError(Exception):
    """A bad ``[tool.livemigrate]`` table or option value (exit code 2)."""


def parse_size(value: Any) -> int:
    """``"10MB"`` → 10_000_000, ``"2MiB"`` → 2_097_152, ``4096`` → 4096 (see the module docstring)."""
    problem = (f'max-file-size must be a number of bytes above 0 or a size such as "10MB" or "512KiB", '
               f"not {value!r}")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SettingsError(problem)
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE.match(value)
        if match is None or match["unit"].lower() not in _UNITS:
            raise SettingsError(problem)
        try:
            exact = Decimal(match["number"]) * _UNITS[match["unit"].lower()]
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            raise SettingsError(problem) from None
        if exact != exact.to_integral_value():
            raise SettingsError(problem)
        size = int(exact)
    if size <= 0:
        raise SettingsError(problem)
    return size


def _target_problem(target: Any) -> str | None:
    from livemigrate.migration import TARGETS  # lazily: settings stays import-light

    if not isinstance(target, str):
        return 'target must be a string such as "3.1"'
    if target not in TARGETS:
        return f"target {target!r} is unknown (known: {', '.join(TARGETS)})"
    return None


def _id_problem(key: str, values: tuple[str, ...]) -> str | None:
    for value in values:
        if not _RULE_ID.match(value):
            return f"{key}: {value!r} is not a rule id or prefix (like LM001 or LM2)"
    return None


def _as_strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise SettingsError(f"{key} must be a list of strings")


@dataclass(frozen=True)
class Settings:
    """The settings one file is checked with; validated (and ids upper-cased) on creation.
    Hashable, so a caller can keep one Linter per distinct Settings."""

    select: tuple[str, ...] = ("LM",)
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    target: str = "3.1"
    unsafe_fixes: bool = False
    rule_paths: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    config_file: str | None = None

    def __post_init__(self) -> None:
        for key in ("select", "ignore", "exclude", "extend_exclude", "rule_paths"):
            value = _as_strings(key.replace("_", "-"), getattr(self, key))
            if key in ("select", "ignore"):
                value = tuple(v.upper() for v in value)
            object.__setattr__(self, key, value)  # frozen: normalising is part of construction
        problem = (_id_problem("select", self.select) or _id_problem("ignore", self.ignore)
                   or _target_problem(self.target))
        if problem:
            raise SettingsError(problem)
        if not isinstance(self.unsafe_fixes, bool):
            raise SettingsError("unsafe-fixes must be true or false")
        if isinstance(self.max_file_size, bool) or not isinstance(self.max_file_size, int):
            raise SettingsError(f"max-file-size must be a number of bytes, not {self.max_file_size!r}")
        parse_size(self.max_file_size)

    def enabled(self, rule_id: str) -> bool:
        """Whether ``rule_id`` runs: the longest matching prefix of select/ignore wins."""
        best_select = max((len(s) for s in self.select if rule_id.startswith(s)), default=-1)
        best_ignore = max((len(s) for s in self.ignore if rule_id.startswith(s)), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def is_excluded(self, path: Path) -> bool:
        """Whether ``path`` (relative to the folder named on the command line) is excluded: a
        pattern matches one of its parts or the whole relative path."""
        patterns = (*self.exclude, *self.extend_exclude)
        return any(fnmatch.fnmatch(part, pattern) for part in path.parts for pattern in patterns) or any(
            fnmatch.fnmatch(str(path), pattern) for pattern in patterns)

    def merged(self, **overrides: Any) -> "Settings":
        """These settings with every non-None override applied (CLI over pyproject)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class CliOverrides:
    """Options from the command line; ``None``/empty means "not given". They win over every
    config file, except that ``ignore`` and ``rule_paths`` add to the config's (as before).
    Folders in ``rule_paths`` are trusted: the user named them."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    target: str | None = None
    unsafe_fixes: bool | None = None
    rule_paths: tuple[str, ...] = ()
    max_file_size: int | None = None

    def __post_init__(self) -> None:
        for key in ("select", "ignore"):
            value = getattr(self, key)
            if value is not None:
                object.__setattr__(self, key, tuple(v.upper() for v in _as_strings(f"--{key}", value)))
        problem = (_id_problem("--select", self.select or ()) or _id_problem("--ignore", self.ignore)
                   or (self.target is not None and _target_problem(self.target)))
        if problem:
            raise SettingsError(problem if problem.startswith("--") else f"--{problem}")
        if self.max_file_size is not None:
            try:
                parse_size(self.max_file_size)
            except SettingsError as exc:
                raise SettingsError(f"--{exc}") from None


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


def _livemigrate_table(path: Path) -> dict[str, Any] | None:
    """The [tool.livemigrate] table of a TOML file, or None when it has none."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if b"livemigrate" not in data:  # most pyproject.toml files: no TOML parse needed
        return None
    try:
        document = _toml_loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: invalid TOML: not UTF-8") from None
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    tool = document.get("tool")
    table = tool.get("livemigrate") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise SettingsError(f"{path}: tool.livemigrate must be a table")
    return table


def _settings_from_table(path: Path, table: dict[str, Any]) -> Settings:
    unknown = set(table) - _KNOWN_KEYS
    if unknown:
        raise SettingsError(f"{path}: unknown [tool.livemigrate] option(s): {', '.join(sorted(unknown))}")
    try:
        values = {key: _as_strings(key, table[key]) for key in ("select", "ignore", "exclude", "extend-exclude",
                                                                "rule-paths") if key in table}
        if "target" in table:
            values["target"] = table["target"]
        if "unsafe-fixes" in table:
            values["unsafe-fixes"] = table["unsafe-fixes"]
        if "max-file-size" in table:
            values["max-file-size"] = parse_size(table["max-file-size"])
        rule_paths = [os.path.join(path.parent, p) for p in values.get("rule-paths", ())]
        settings = Settings().merged(
            **{key.replace("-", "_"): value for key, value in values.items() if key != "rule-paths"},
            rule_paths=tuple(str(Path(p).resolve()) for p in rule_paths) or None,
            config_file=str(path),
        )
    except SettingsError as exc:
        raise SettingsError(f"{path}: [tool.livemigrate] {exc}") from None
    if rule_paths:
        from livemigrate.rulepack import rule_code_trust_problem

        problem = rule_code_trust_problem(path, rule_paths)
        if problem:
            why, fix = problem
            raise SettingsError(
                f"{path}: [tool.livemigrate] rule-paths: not loading rule code, because {why}. "
                f"Rule modules run with your permissions, so livemigrate loads them from a config file "
                f"only when no other user can change that file, the rule folder, its modules or a folder "
                f"above them. To fix: {fix}; or name the folder with --rule-path to trust it yourself.")
    return settings


class SettingsResolver:
    """Settings per scanned file: ``cli_overrides`` over the nearest [tool.livemigrate] table,
    or over ``explicit_config`` (``--config``) for every file. Build one per run: folders and
    config files are read once and remembered (a config added during the run is not seen)."""

    def __init__(self, cli_overrides: CliOverrides | None = None, explicit_config: Path | str | None = None) -> None:
        self.cli_overrides = cli_overrides or CliOverrides()
        self.explicit_config = Path(explicit_config) if explicit_config is not None else None
        self._config_of_folder: dict[str, Path | None] = {}
        self._settings_of_config: dict[Path | None, Settings | SettingsError] = {}

    def for_path(self, path: Path | str) -> Settings:
        """The settings for a file (its folder decides) or a folder (itself decides). A symlink
        counts where it is named, not where it points."""
        absolute = os.path.abspath(path)
        return self.for_folder(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))

    def for_folder(self, folder: Path | str) -> Settings:
        """The settings for files directly in ``folder``; :class:`SettingsError` for a bad config."""
        config = self.explicit_config if self.explicit_config is not None else self.config_for(folder)
        if config not in self._settings_of_config:
            try:
                self._settings_of_config[config] = self._with_cli(self._load(config))
            except SettingsError as exc:
                self._settings_of_config[config] = exc  # every file under it fails the same way
        result = self._settings_of_config[config]
        if isinstance(result, SettingsError):
            raise result
        return result

    def config_for(self, folder: Path | str) -> Path | None:
        """The nearest pyproject.toml with a [tool.livemigrate] table at or above ``folder``,
        not above the project root; ``None`` when there is none (defaults apply)."""
        current = os.path.abspath(folder)
        walked: list[str] = []
        found: Path | None = None
        while True:
            if current in self._config_of_folder:
                found = self._config_of_folder[current]
                break
            walked.append(current)
            candidate = Path(current, "pyproject.toml")
            if candidate.is_file() and _livemigrate_table(candidate) is not None:
                found = candidate
                break
            parent = os.path.dirname(current)
            if os.path.lexists(os.path.join(current, ".git")) or parent == current:
                break
            current = parent
        for folder_walked in walked:
            self._config_of_folder[folder_walked] = found
        return found

    def _load(self, config: Path | None) -> Settings:
        if config is None:
            return Settings()
        table = _livemigrate_table(config)
        return _settings_from_table(config, table or {})

    def _with_cli(self, base: Settings) -> Settings:
        cli = self.cli_overrides
        rule_paths = tuple(dict.fromkeys((*base.rule_paths, *(str(Path(p).resolve()) for p in cli.rule_paths))))
        return base.merged(
            select=cli.select,
            ignore=base.ignore + cli.ignore if cli.ignore else None,
            extend_exclude=base.extend_exclude + cli.extend_exclude if cli.extend_exclude else None,
            target=cli.target,
            unsafe_fixes=cli.unsafe_fixes,
            rule_paths=rule_paths if cli.rule_paths else None,
            max_file_size=cli.max_file_size,
        )


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.livemigrate] table."""
    absolute = os.path.abspath(start)
    return SettingsResolver().config_for(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))


def load_settings(start: Path | None = None, config: Path | None = None) -> Settings:
    """One Settings for a whole run: from ``config`` or the nearest config above ``start``
    (default: the current folder). Prefer :class:`SettingsResolver`, which decides per file."""
    return SettingsResolver(explicit_config=config).for_path(start or Path.cwd())


def iter_ids(values: Iterable[str]) -> tuple[str, ...]:
    """``["LM001,LM2", "LM3"]`` → ``("LM001", "LM2", "LM3")`` (comma lists as ruff accepts)."""
    return tuple(v.strip().upper() for value in values for v in value.split(",") if v.strip())
