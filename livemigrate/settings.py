"""Run settings: command-line options over the ``[tool.livemigrate]`` table that governs each file.

Like ruff, each scanned file uses the nearest pyproject.toml *with a [tool.livemigrate] table*
at or above its folder (:class:`SettingsResolver`); the walk up stops at the project root (a
folder holding ``.git``, a folder or a worktree's file) or the filesystem root, and each folder's
answer is cached for the run. ``--config FILE`` makes one file govern everything. Command-line
options win over every config file (``--ignore``, ``--extend-exclude`` and ``--rule-path`` add to it).

Keys follow ruff: ``select``, ``ignore`` (ids or prefixes such as ``"LM2"``), ``target``
(``"3.1"``), ``unsafe-fixes``, ``rule-paths`` (folders of extra rule modules, relative to the
pyproject.toml) and ``max-file-size``: files above it are skipped with an error before being
read; bytes (``2000000``) or a size with a unit (``"10MB"``, ``"512KB"``, ``"2MiB"``; KB/MB/GB
are powers of 1000, KiB/MiB/GiB of 1024, case ignored); default 10 MB: far above any
hand-written module, low enough that a generated or vendored blob is not parsed by accident (a
file above it is an error, exit 2: exclude it or raise the limit).

Which files (see :mod:`livemigrate.discovery`): ``exclude`` (replaces :data:`DEFAULT_EXCLUDE`)
and ``extend-exclude`` (adds to it) are gitignore-style patterns (:mod:`livemigrate.patterns`)
relative to the config's folder (``--exclude``/``--extend-exclude``: to the current folder),
compiled once; ``respect-gitignore`` (default true) and ``force-exclude`` (default false: a
file named on the command line is checked even when excluded; pre-commit names every file, so
its hook sets it).

``per-file-ignores = {"tests/*" = ["LM1"]}`` (and ``extend-per-file-ignores``, added to it)
turns rules off for the files a pattern matches, relative to the config's folder; a pattern
starting with ``!`` applies to the files it does *not* match (as ruff). :meth:`SettingsResolver.for_path`
applies them, so a file's :meth:`Settings.enabled` already leaves those rules out.

``rule-paths`` run code. They are loaded from a config file only when no other user can change
that file, the rule folder, its modules or any folder above them (see
:func:`livemigrate.rulepack.untrusted_reason`); a folder given with ``--rule-path`` is trusted.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping

from livemigrate.patterns import PatternError, PatternList, compile_patterns, relative_to
from livemigrate.records import FrozenRecord, replace

TYPE_CHECKING = False  # typing is not imported at run time: a cold start pays for every module
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Container, Iterable

__all__ = [
    "CliOverrides", "DEFAULT_EXCLUDE", "DEFAULT_MAX_FILE_SIZE", "Settings", "SettingsError",
    "SettingsResolver", "find_pyproject", "iter_ids", "iter_patterns", "load_settings", "parse_size",
]

DEFAULT_EXCLUDE = (  # ruff's list, and our own cache
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".livemigrate_cache",
    ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox",
    ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist",
    "node_modules", "site-packages", "venv",
)
DEFAULT_MAX_FILE_SIZE = 10_000_000

_RULE_ID = re.compile(r"\A[A-Z]+[0-9]*\Z")
_SIZE = re.compile(r"\A\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[a-z]*)\s*\Z", re.I)
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_KNOWN_KEYS = {"select", "ignore", "exclude", "extend-exclude", "target", "unsafe-fixes", "rule-paths",
               "max-file-size", "respect-gitignore", "force-exclude", "per-file-ignores",
               "extend-per-file-ignores", "fix-style"}
_BOOLEAN_KEYS = ("unsafe-fixes", "respect-gitignore", "force-exclude")

# pattern -> rule ids or prefixes, kept as pairs so Settings stays hashable
PerFileIgnores = tuple[tuple[str, tuple[str, ...]], ...]


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
        from decimal import Decimal, InvalidOperation  # only for a size in units: start-up pays nothing

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


# The target a run has unless told otherwise (livemigrate.migration.DEFAULT_TARGET, which a test
# holds equal): known without importing the migration facts, which a run that parses nothing
# never needs.
DEFAULT_TARGET = "3.1"


def _target_problem(target: Any) -> str | None:
    if target == DEFAULT_TARGET:
        return None
    from livemigrate.migration import TARGETS, get_target  # lazily: settings stays import-light

    if not isinstance(target, str):
        return 'target must be a string such as "3.1"'
    try:
        get_target(target)  # a profile's name, or its model id (`gemini-3.1-flash-live-preview`)
    except KeyError:
        return (f"target {target!r} is unknown (known: {', '.join(TARGETS)}, or their model ids: "
                f"{', '.join(dict.fromkeys(t.model_id for t in TARGETS.values()))})")
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


def _per_file_ignores(key: str, value: Any) -> PerFileIgnores:
    """``{"tests/*": ["LM1"]}`` (or its pairs) → ``(("tests/*", ("LM1",)),)``, ids upper-cased."""
    problem = f'{key} must be a table of file pattern = list of rule ids, like {{"tests/*" = ["LM1"]}}'
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, (list, tuple)) and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        items = list(value)
    else:
        raise SettingsError(problem)
    pairs = []
    for pattern, codes in items:
        if not isinstance(pattern, str) or not pattern.lstrip("!"):
            raise SettingsError(f"{key}: {pattern!r} is not a file pattern")
        codes = tuple(c.upper() for c in _as_strings(f"{key} {pattern!r}", codes))
        id_problem = _id_problem(f"{key} {pattern!r}", codes)
        if id_problem:
            raise SettingsError(id_problem)
        pairs.append((pattern, codes))
    return tuple(pairs)


def _bool_problem(key: str, value: Any) -> str | None:
    return None if isinstance(value, bool) else f"{key} must be true or false"


FIX_STYLES = ("rewrite", "gate")  # see livemigrate.gate


def _fix_style_problem(key: str, value: Any) -> str | None:
    if value in FIX_STYLES:
        return None
    return f"{key} must be one of {', '.join(repr(s) for s in FIX_STYLES)}, not {value!r}"


class Settings(FrozenRecord):
    """The settings one file is checked with; validated (and ids upper-cased) on creation.
    Hashable, so a caller can keep one Linter per distinct Settings.

    Patterns are relative to :attr:`root`: the config file's folder, or the current folder
    when no config file is behind these settings. ``file_ignores`` holds the
    ``per-file-ignores`` entries that matched one file (``(key, pattern, ids)``); it is set by
    :meth:`for_file`, never by hand."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    target: str
    unsafe_fixes: bool
    rule_paths: tuple[str, ...]
    max_file_size: int
    config_file: str | None
    respect_gitignore: bool
    force_exclude: bool
    per_file_ignores: PerFileIgnores
    extend_per_file_ignores: PerFileIgnores
    file_ignores: tuple[tuple[str, str, tuple[str, ...]], ...]
    # "rewrite" replaces 2.x settings; "gate" keeps them behind a model-id test (livemigrate.gate)
    fix_style: str
    root: str  # not compared, not shown: it follows from config_file (and the current folder)

    _fields = ("select", "ignore", "exclude", "extend_exclude", "target", "unsafe_fixes", "rule_paths",
               "max_file_size", "config_file", "respect_gitignore", "force_exclude", "per_file_ignores",
               "extend_per_file_ignores", "file_ignores", "fix_style")

    def __init__(self, select: tuple[str, ...] = ("LM",), ignore: tuple[str, ...] = (),
                 exclude: tuple[str, ...] = DEFAULT_EXCLUDE, extend_exclude: tuple[str, ...] = (),
                 target: str = DEFAULT_TARGET, unsafe_fixes: bool = False, rule_paths: tuple[str, ...] = (),
                 max_file_size: int = DEFAULT_MAX_FILE_SIZE, config_file: str | None = None,
                 respect_gitignore: bool = True, force_exclude: bool = False, per_file_ignores: PerFileIgnores = (),
                 extend_per_file_ignores: PerFileIgnores = (),
                 file_ignores: tuple[tuple[str, str, tuple[str, ...]], ...] = (), fix_style: str = "rewrite") -> None:
        values = (select, ignore, exclude, extend_exclude, target, unsafe_fixes, rule_paths, max_file_size, config_file,
                  respect_gitignore, force_exclude, per_file_ignores, extend_per_file_ignores, file_ignores, fix_style)
        for name, value in zip(self._fields, values):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "root", "")
        self._validate()

    def _validate(self) -> None:
        for key in ("select", "ignore", "exclude", "extend_exclude", "rule_paths"):
            value = _as_strings(key.replace("_", "-"), getattr(self, key))
            if key in ("select", "ignore"):
                value = tuple(v.upper() for v in value)
            object.__setattr__(self, key, value)  # frozen: normalising is part of construction
        for key in ("per_file_ignores", "extend_per_file_ignores"):
            object.__setattr__(self, key, _per_file_ignores(key.replace("_", "-"), getattr(self, key)))
        problem = (_id_problem("select", self.select) or _id_problem("ignore", self.ignore)
                   or _target_problem(self.target) or _bool_problem("unsafe-fixes", self.unsafe_fixes)
                   or _bool_problem("respect-gitignore", self.respect_gitignore)
                   or _bool_problem("force-exclude", self.force_exclude)
                   or _fix_style_problem("fix-style", self.fix_style))
        if problem:
            raise SettingsError(problem)
        if isinstance(self.max_file_size, bool) or not isinstance(self.max_file_size, int):
            raise SettingsError(f"max-file-size must be a number of bytes, not {self.max_file_size!r}")
        parse_size(self.max_file_size)
        root = os.path.dirname(os.path.abspath(self.config_file)) if self.config_file else os.getcwd()
        object.__setattr__(self, "root", root)
        self._compile()

    def _compile(self) -> None:
        # compiled here, once per distinct pattern list (compile_patterns caches): a bad pattern
        # is a settings error before any file is walked, and matching a file compiles nothing
        try:
            excludes = compile_patterns(self.root, (*self.exclude, *self.extend_exclude), by_name_outside=True)
        except PatternError as exc:
            raise SettingsError(f"exclude/extend-exclude: {exc}") from None
        per_file = []
        for key, entries in (("per-file-ignores", self.per_file_ignores),
                             ("extend-per-file-ignores", self.extend_per_file_ignores)):
            for pattern, codes in entries:
                try:
                    compiled = compile_patterns(self.root, (pattern.lstrip("!"),), by_name_outside=True)
                except PatternError as exc:
                    raise SettingsError(f"{key}: {exc}") from None
                per_file.append((key, pattern, pattern.startswith("!"), compiled, codes))
        object.__setattr__(self, "_excludes", excludes)
        object.__setattr__(self, "_per_file", tuple(per_file))

    def __getstate__(self) -> dict[str, Any]:
        # only the values: a worker process compiles the patterns once itself, instead of
        # unpickling them with every file it is sent
        return {name: getattr(self, name) for name in (*self._fields, "root")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self._compile()

    @property
    def excludes(self) -> PatternList:
        """``exclude`` then ``extend-exclude``, compiled, relative to :attr:`root`."""
        return self._excludes  # type: ignore[attr-defined]

    def enabled(self, rule_id: str) -> bool:
        """Whether ``rule_id`` runs: the longest matching prefix of select/ignore wins; a
        matching per-file ignore turns it off whatever select says (as ruff)."""
        if any(rule_id.startswith(code) for _, _, codes in self.file_ignores for code in codes):
            return False
        best_select = max((len(s) for s in self.select if rule_id.startswith(s)), default=-1)
        best_ignore = max((len(s) for s in self.ignore if rule_id.startswith(s)), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def is_excluded(self, path: Path | str, is_dir: bool = False) -> bool:
        """Whether ``exclude``/``extend-exclude`` exclude ``path`` (absolute, or relative to the
        current folder) or a folder above it below :attr:`root`. Outside :attr:`root` only the
        name is matched, so ``venv`` still counts and ``src/gen`` cannot."""
        return self.excludes.matches(os.path.abspath(path), is_dir)

    def for_file(self, path: Path | str) -> "Settings":
        """These settings for one file: with the ``per-file-ignores`` entries that match it."""
        absolute = os.path.abspath(path)
        matched = tuple((key, pattern, codes) for key, pattern, negated, compiled, codes
                        in self._per_file  # type: ignore[attr-defined]
                        if compiled.matches(absolute) != negated)
        return replace(self, file_ignores=matched) if matched != self.file_ignores else self

    def merged(self, **overrides: Any) -> "Settings":
        """These settings with every non-None override applied (CLI over pyproject)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


class CliOverrides(FrozenRecord):
    """Options from the command line; ``None``/empty means "not given". They win over every
    config file, except that ``ignore``, ``extend_exclude`` and ``rule_paths`` add to the
    config's. Folders in ``rule_paths`` are trusted: the user named them. Exclude patterns are
    relative to the current folder."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    target: str | None
    unsafe_fixes: bool | None
    rule_paths: tuple[str, ...]
    max_file_size: int | None
    exclude: tuple[str, ...] | None
    respect_gitignore: bool | None
    force_exclude: bool | None
    fix_style: str | None

    _fields = ("select", "ignore", "extend_exclude", "target", "unsafe_fixes", "rule_paths", "max_file_size",
               "exclude", "respect_gitignore", "force_exclude", "fix_style")

    def __init__(self, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = (),
                 extend_exclude: tuple[str, ...] = (), target: str | None = None, unsafe_fixes: bool | None = None,
                 rule_paths: tuple[str, ...] = (), max_file_size: int | None = None,
                 exclude: tuple[str, ...] | None = None, respect_gitignore: bool | None = None,
                 force_exclude: bool | None = None, fix_style: str | None = None) -> None:
        values = (select, ignore, extend_exclude, target, unsafe_fixes, rule_paths, max_file_size, exclude,
                  respect_gitignore, force_exclude, fix_style)
        for name, value in zip(self._fields, values):
            object.__setattr__(self, name, value)
        self._validate()

    def _validate(self) -> None:
        for key in ("select", "ignore"):
            value = getattr(self, key)
            if value is not None:
                object.__setattr__(self, key, tuple(v.upper() for v in _as_strings(f"--{key}", value)))
        for key in ("exclude", "extend_exclude"):
            value = getattr(self, key)
            if value is not None:
                option = "--" + key.replace("_", "-")
                object.__setattr__(self, key, _as_strings(option, value))
                try:
                    compile_patterns(os.getcwd(), getattr(self, key))
                except PatternError as exc:
                    raise SettingsError(f"{option}: {exc}") from None
        problem = (_id_problem("--select", self.select or ()) or _id_problem("--ignore", self.ignore)
                   or (self.target is not None and _target_problem(self.target))
                   or (self.fix_style is not None and _fix_style_problem("fix-style", self.fix_style)))
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


# The ways TOML lets a file spell a [tool.livemigrate] table or a key of it, by the line they
# start on: a table header naming livemigrate (``[tool.livemigrate]``, ``[ tool . "livemigrate" ]``,
# ``[[tool.livemigrate]]``, ``[tool.livemigrate.per-file-ignores]``); a ``[tool]`` header (a
# ``livemigrate`` key may follow); a root key ``tool.livemigrate.select = ...`` or
# ``tool = {livemigrate = ...}``. A file with none of them has no such table, whatever else
# names livemigrate (a dependency, a script), and is not parsed: tomllib (and the datetime
# module it imports) costs a cold start more than reading the file. A line may also start
# after a lone CR or a UTF-8 BOM: TOML rejects both, so a table after one must still be parsed
# (and be the error it is).
_MAY_HOLD_THE_TABLE = re.compile(
    rb"""(?:^|\r)(?:\xef\xbb\xbf)?[ \t]*"""
    rb"""(?:\[[^\n]*livemigrate|\[[ \t]*["']?tool["']?[ \t]*\]|["']?tool["']?[ \t]*[.=])""", re.M)


def _livemigrate_table(path: Path | str, screen: bool = False) -> dict[str, Any] | None:
    """The [tool.livemigrate] table of a TOML file, or None when it has none. ``screen``: a
    file found on the way up (not named by ``--config``) is parsed only when some line of it
    may start that table (:data:`_MAY_HOLD_THE_TABLE`), so a bad pyproject.toml of another
    tool is not our error."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if b"livemigrate" not in data:  # most pyproject.toml files: no TOML parse needed
        return None
    if screen and _MAY_HOLD_THE_TABLE.search(data) is None:
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


def _path(value: Path | str) -> Path:
    from pathlib import Path  # only where a Path is handed out: a run with no config never builds one

    return Path(value)


def _resolved(value: str) -> str:
    """A ``rule-paths`` folder, absolute and with links resolved."""
    return str(_path(value).resolve())


def _settings_from_table(path: Path, table: dict[str, Any]) -> Settings:
    unknown = set(table) - _KNOWN_KEYS
    if unknown:
        raise SettingsError(f"{path}: unknown [tool.livemigrate] option(s): {', '.join(sorted(unknown))}")
    try:
        values = {key: _as_strings(key, table[key]) for key in ("select", "ignore", "exclude", "extend-exclude",
                                                                "rule-paths") if key in table}
        for key in ("target", *_BOOLEAN_KEYS, "per-file-ignores", "extend-per-file-ignores", "fix-style"):
            if key in table:
                values[key] = table[key]  # Settings validates them
        if "max-file-size" in table:
            values["max-file-size"] = parse_size(table["max-file-size"])
        rule_paths = [os.path.join(path.parent, p) for p in values.get("rule-paths", ())]
        settings = Settings().merged(
            **{key.replace("-", "_"): value for key, value in values.items() if key != "rule-paths"},
            rule_paths=tuple(_resolved(p) for p in rule_paths) or None,
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
    config files are read once and remembered (a config added during the run is not seen).

    Discovery notes in :attr:`paths_without_files` each path named on the command line that
    gave no Python file or notebook, so the command line can say so."""

    def __init__(self, cli_overrides: CliOverrides | None = None, explicit_config: Path | str | None = None) -> None:
        self.cli_overrides = cli_overrides or CliOverrides()
        self.explicit_config = _path(explicit_config) if explicit_config is not None else None
        self.cwd = os.getcwd()  # what command-line patterns are relative to
        self.paths_without_files: list[str] = []
        self._config_of_folder: dict[str, Path | None] = {}
        self._settings_of_config: dict[Path | None, Settings | SettingsError] = {}
        self._settings_of_folder: dict[str, Settings] = {}  # what for_folder answered, per folder
        self._tables: dict[Path, dict[str, Any]] = {}

    def for_path(self, path: Path | str) -> Settings:
        """The settings for a file (its folder's, with the per-file ignores that match it) or
        a folder (itself decides). A symlink counts where it is named, not where it points."""
        absolute = os.path.abspath(path)
        if os.path.isdir(absolute):
            return self.for_folder(absolute)
        return self.for_file(absolute)

    def for_file(self, path: Path | str) -> Settings:
        """:meth:`for_path` for a path the caller knows is a file (discovery yields only files):
        no system call, and the folder's settings come from a per-folder cache, so a run pays
        for them once per folder, not once per file."""
        absolute = os.path.abspath(path)
        folder = os.path.dirname(absolute)
        settings = self._settings_of_folder.get(folder)
        if settings is None:
            settings = self.for_folder(folder)
        return settings.for_file(absolute)

    def for_folder(self, folder: Path | str, names: Container[str] | None = None) -> Settings:
        """The settings for files directly in ``folder``; :class:`SettingsError` for a bad config.
        ``names``: the folder's entries, when the caller has listed it (see :meth:`config_for`);
        a walk that lists a folder knows its absolute, normalised path and passes that."""
        absolute = folder if names is not None and isinstance(folder, str) else os.path.abspath(folder)
        known = self._settings_of_folder.get(absolute)
        if known is None and names is not None and "pyproject.toml" not in names and ".git" not in names:
            known = self._settings_of_folder.get(os.path.dirname(absolute))  # a walk comes from there
        if known is not None:
            self._settings_of_folder[absolute] = known
            return known
        config = self.explicit_config if self.explicit_config is not None else self.config_for(absolute, names)
        if config not in self._settings_of_config:
            try:
                settings = self._with_cli(self._load(config))
                _check_per_file_ids(settings)
                self._settings_of_config[config] = settings
            except SettingsError as exc:
                self._settings_of_config[config] = exc  # every file under it fails the same way
        result = self._settings_of_config[config]
        if isinstance(result, SettingsError):
            raise result
        self._settings_of_folder[absolute] = result
        return result

    def config_for(self, folder: Path | str, names: Container[str] | None = None) -> Path | None:
        """The nearest pyproject.toml with a [tool.livemigrate] table at or above ``folder``,
        not above the project root; ``None`` when there is none (defaults apply). ``names``:
        the entries of ``folder`` when the caller has listed it; a walk passes them, so a
        folder with neither ``pyproject.toml`` nor ``.git`` costs no system call."""
        current = os.path.abspath(folder)
        listed = names
        walked: list[str] = []
        found: Path | None = None
        while True:
            if current in self._config_of_folder:
                found = self._config_of_folder[current]
                break
            walked.append(current)
            candidate = os.path.join(current, "pyproject.toml")
            if ((listed is None or "pyproject.toml" in listed) and os.path.isfile(candidate)
                    and _livemigrate_table(candidate, screen=True) is not None):
                found = _path(candidate)
                break
            parent = os.path.dirname(current)
            at_root = ".git" in listed if listed is not None else os.path.lexists(os.path.join(current, ".git"))
            if at_root or parent == current:
                break
            current, listed = parent, None  # only ``folder`` itself was listed by the caller
        for folder_walked in walked:
            self._config_of_folder[folder_walked] = found
        return found

    def origin(self, settings: Settings, key: str) -> str:
        """Where the value of ``key`` (``"select"``, ``"per-file-ignores"``, ...) in
        ``settings`` comes from: ``"--select"``, the config file, both, or ``"default"``."""
        given = getattr(self.cli_overrides, key.replace("-", "_"), None)  # no per-file-ignores option
        on_cli = given is not None and given != ()
        option = "--rule-path" if key == "rule-paths" else f"--no-{key}" if given is False else f"--{key}"
        in_config = settings.config_file is not None and key in self._tables.get(_path(settings.config_file), {})
        adds = key in ("ignore", "extend-exclude", "rule-paths")  # the command line adds to the config's
        if on_cli and in_config and adds:
            return f"{settings.config_file} and {option}"
        if on_cli:
            return option
        return settings.config_file if in_config else "default"

    def why_off(self, settings: Settings, rule_id: str) -> str | None:
        """None when ``rule_id`` runs with ``settings``; otherwise why not, naming the option
        or config file that turned it off (what `livemigrate config` prints)."""
        for key, pattern, codes in settings.file_ignores:
            if any(rule_id.startswith(code) for code in codes):
                return f'{key} "{pattern}" in {settings.config_file}'
        select = [s for s in settings.select if rule_id.startswith(s)]
        if not select:
            return f"not in select ({', '.join(settings.select)} from {self.origin(settings, 'select')})"
        ignore = [i for i in settings.ignore if rule_id.startswith(i)]
        best = max(ignore, key=len, default=None)
        if best is None or len(best) < max(len(s) for s in select):
            return None
        if best in self.cli_overrides.ignore:
            return f"ignored by --ignore {best}"
        return f'ignored by ignore "{best}" in {settings.config_file}'

    def describe(self, path: Path | str) -> dict[str, Any]:
        """What `livemigrate config PATH` shows: the config file behind ``path``, every setting
        with where it comes from, and each rule's state (off: why). For a file, its
        per-file ignores are applied; for a folder they are listed only."""
        from livemigrate.rulepack import RulePackError, load_rules

        absolute = os.path.abspath(path)
        settings = self.for_path(absolute)
        values: dict[str, Any] = {
            "target": settings.target, "select": list(settings.select), "ignore": list(settings.ignore),
            "per-file-ignores": {p: list(c) for p, c in settings.per_file_ignores},
            "extend-per-file-ignores": {p: list(c) for p, c in settings.extend_per_file_ignores},
            "exclude": list(settings.exclude), "extend-exclude": list(settings.extend_exclude),
            "respect-gitignore": settings.respect_gitignore, "force-exclude": settings.force_exclude,
            "max-file-size": settings.max_file_size, "unsafe-fixes": settings.unsafe_fixes,
            "rule-paths": list(settings.rule_paths), "fix-style": settings.fix_style,
        }
        try:
            rules = load_rules(settings.rule_paths)
        except RulePackError as exc:
            raise SettingsError(str(exc)) from None
        return {
            "path": absolute,
            "is_file": not os.path.isdir(absolute),
            "config_file": settings.config_file,
            "root": settings.root,
            "settings": values,
            "origins": {key: self.origin(settings, key) for key in values},
            "rules": [{"code": rule.id, "name": rule.name, "enabled": settings.enabled(rule.id),
                       "reason": self.why_off(settings, rule.id)} for rule in rules],
        }

    def _load(self, config: Path | None) -> Settings:
        if config is None:
            return Settings()
        table = _livemigrate_table(config) or {}
        self._tables[config] = table
        return _settings_from_table(config, table)

    def _with_cli(self, base: Settings) -> Settings:
        cli = self.cli_overrides
        rule_paths = tuple(dict.fromkeys((*base.rule_paths, *(_resolved(p) for p in cli.rule_paths))))
        extend_exclude = _rebased(cli.extend_exclude, self.cwd, base.root)
        return base.merged(
            select=cli.select,
            ignore=base.ignore + cli.ignore if cli.ignore else None,
            exclude=_rebased(cli.exclude, self.cwd, base.root) if cli.exclude is not None else None,
            extend_exclude=base.extend_exclude + extend_exclude if extend_exclude else None,
            target=cli.target,
            unsafe_fixes=cli.unsafe_fixes,
            rule_paths=rule_paths if cli.rule_paths else None,
            max_file_size=cli.max_file_size,
            respect_gitignore=cli.respect_gitignore,
            force_exclude=cli.force_exclude,
            fix_style=cli.fix_style,
        )


def _rebased(patterns: Iterable[str], cwd: str, root: str) -> tuple[str, ...]:
    """Command-line patterns (relative to the current folder) as patterns relative to a config's
    folder. A bare name (``venv``, ``*.ipynb``) matches at any depth and stays; an anchored one
    (``src/gen``) is re-anchored (``/sub/src/gen`` when run from ``sub``); one that points
    outside the config's folder cannot match a file it governs and is left out."""
    rebased = []
    for pattern in patterns:
        negated, body = pattern.startswith("!"), pattern.lstrip("!")
        if cwd == root or "/" not in body.rstrip("/"):
            rebased.append(pattern)
            continue
        where = relative_to(root, os.path.normpath(os.path.join(cwd, body.lstrip("/"))))
        if where is not None:
            rebased.append(("!" if negated else "") + "/" + where + ("/" if body.endswith("/") else ""))
        elif body.startswith("**/"):
            rebased.append(pattern)  # any depth below the current folder, which holds the config's
    return tuple(rebased)


def _check_per_file_ids(settings: Settings) -> None:
    """A per-file ignore that names no rule is a typo that would silently ignore nothing."""
    entries = [(key, pattern, codes) for key, value in (("per-file-ignores", settings.per_file_ignores),
                                                        ("extend-per-file-ignores", settings.extend_per_file_ignores))
               for pattern, codes in value]
    if not entries:
        return
    from livemigrate.rulepack import RulePackError, load_rules

    try:
        known = [rule.id for rule in load_rules(settings.rule_paths)]
    except RulePackError as exc:
        raise SettingsError(str(exc)) from None
    for key, pattern, codes in entries:
        for code in codes:
            if not any(rule_id.startswith(code) for rule_id in known):
                where = f"{settings.config_file}: [tool.livemigrate] " if settings.config_file else ""
                raise SettingsError(f"{where}{key}: {code!r} (for {pattern!r}) matches no rule "
                                    f"(see `livemigrate rules`)")


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.livemigrate] table."""
    absolute = os.path.abspath(start)
    return SettingsResolver().config_for(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))


def load_settings(start: Path | None = None, config: Path | None = None) -> Settings:
    """One Settings for a whole run: from ``config`` or the nearest config above ``start``
    (default: the current folder). Prefer :class:`SettingsResolver`, which decides per file."""
    return SettingsResolver(explicit_config=config).for_path(start or os.getcwd())


def iter_ids(values: Iterable[str]) -> tuple[str, ...]:
    """``["LM001,LM2", "LM3"]`` → ``("LM001", "LM2", "LM3")`` (comma lists as ruff accepts)."""
    return tuple(v.strip().upper() for value in values for v in value.split(",") if v.strip())


def iter_patterns(values: Iterable[str]) -> tuple[str, ...]:
    """``["build,dist", "gen/"]`` → ``("build", "dist", "gen/")``: repeatable, comma-separated
    ``--exclude``/``--extend-exclude`` as ruff takes them."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())
