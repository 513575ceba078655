"""What earlier runs found, so that a warm ``livemigrate check`` skips the files that did not change.

Where: ``.livemigrate_cache/`` in the project root (the folder of the pyproject.toml whose
[tool.livemigrate] table governs the current folder, else the current folder), as ruff puts
``.ruff_cache`` beside its pyproject.toml; ``--cache-dir`` or ``LIVEMIGRATE_CACHE_DIR`` moves it,
``--no-cache`` or ``LIVEMIGRATE_NO_CACHE=1`` turns it off. A folder the cache creates gets a
``CACHEDIR.TAG`` (backup tools skip it) and a ``.gitignore`` of ``*`` (git does); a folder that
already existed is not given a ``.gitignore`` (``--cache-dir .`` must not hide a project from git).

Key: SHA-256 of everything a file's findings depend on: its bytes; the path findings carry
(the path as reported, which rules also see); what the other modules of the run tell it (the
digest of its slice of the project index, :mod:`livemigrate.project`: editing the
``config.py`` a ``client.py`` imports its model from re-checks both); the settings that govern it (every field); the
code that computes them (livemigrate's own modules, the built-in rules and the ``rule-paths``
modules, by each file's size and modification time in nanoseconds, so an edited rule or an
edited checkout is a miss, not only a new version: hashing their 4 MB of source cost a warm
run more than its cache lookups); and the Python minor and libcst versions (the parser). One entry is one small JSON
file, ``<cache>/<livemigrate version>/<2 hex>/<key>.json``: JSON, not pickle, so an entry
someone else wrote cannot run code when read.

What is stored: the findings of a file that was parsed and checked without an error. Errors
are never stored (a parse error costs little to find again, and a user fixes files). ``fix``
stores nothing it changed, but reads an entry with no findings: such a file has nothing to fix.

Safety: entries are written to a temporary file and renamed into place, so concurrent runs
only ever see whole entries; an entry that cannot be read or decoded is a miss; a folder that
cannot be created or written turns the cache off for the run, silently (a read-only checkout
still gets its findings). Size: an entry not used for 30 days is deleted, at most once a day.
"""

from __future__ import annotations

import os
import sys
import time
from functools import lru_cache
from pathlib import Path

from livemigrate import __version__
from livemigrate.settings import Settings

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from typing import Any, Mapping

    from livemigrate.rule import Finding

__all__ = ["CACHE_DIR_NAME", "ResultCache", "cache_disabled_by_env", "default_cache_dir"]

CACHE_DIR_NAME = ".livemigrate_cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by livemigrate.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
MAX_AGE_DAYS = 30
_DAY = 86_400.0
_PRUNE_STAMP = ".last-prune"
_FALSE = ("", "0", "false", "no", "off")


@lru_cache(maxsize=None)
def _kind(name: str) -> type[Finding] | None:
    """The finding class a cache entry names, imported when an entry of that kind is read or
    written (not at start-up; the notebook reader only for a notebook's findings)."""
    if name == "Finding":
        from livemigrate.rule import Finding

        return Finding
    if name == "CellFinding":
        from livemigrate.notebooks import CellFinding

        return CellFinding
    return None


def cache_disabled_by_env(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``LIVEMIGRATE_NO_CACHE`` asks for no cache (any value but 0/false/no/off/empty)."""
    return environ.get("LIVEMIGRATE_NO_CACHE", "").strip().lower() not in _FALSE


def default_cache_dir(project_root: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """``LIVEMIGRATE_CACHE_DIR`` if set, else ``<project_root>/.livemigrate_cache``."""
    override = environ.get("LIVEMIGRATE_CACHE_DIR", "").strip()
    return Path(override) if override else project_root / CACHE_DIR_NAME


def _modules_under(folder: str, recursive: bool) -> list[str]:
    """The ``.py`` files under ``folder`` (in its subfolders too when ``recursive``), sorted; os
    calls and strings, not pathlib: a warm run computes this before anything else it does."""
    found: list[str] = []
    for root, folders, files in os.walk(folder):
        found.extend(os.path.join(root, name) for name in files if name.endswith(".py"))
        if not recursive:
            break
        folders[:] = [name for name in folders if name != "__pycache__"]
    return sorted(found)


_code_digests: dict[tuple[str, ...], str] = {}


def code_digest(rule_paths: tuple[str, ...]) -> str:
    """SHA-256 over the size and modification time of livemigrate's modules, the built-in rules
    and the modules in ``rule_paths``: what computes the findings (once per process per
    ``rule_paths``)."""
    if rule_paths not in _code_digests:
        import hashlib

        from livemigrate.rulepack import builtin_rules_dir

        digest = hashlib.sha256()
        digest.update(_tool_versions().encode())
        folders = [builtin_rules_dir(), *(Path(p) for p in rule_paths)]
        package = os.path.dirname(os.path.realpath(__file__))
        files = _modules_under(package, True) + [f for folder in folders for f in _modules_under(str(folder), False)]
        for path in files:
            try:
                st = os.stat(path)
                signature = f"{st.st_size}\0{st.st_mtime_ns}"
            except OSError:
                signature = "<unreadable>"
            digest.update(f"{path}\0{signature}\0".encode())
        _code_digests[rule_paths] = digest.hexdigest()
    return _code_digests[rule_paths]


def _tool_versions() -> str:
    """Our version, Python's minor version and libcst's version, without importing libcst (its
    generated ``_version.py`` is read; importlib.metadata costs tens of milliseconds)."""
    import importlib.util

    spec = importlib.util.find_spec("libcst")
    libcst = "?"
    if spec is not None and spec.origin:
        try:
            libcst = (Path(spec.origin).parent / "_version.py").read_text("utf-8", "replace")
        except OSError:
            from importlib import metadata

            try:
                libcst = metadata.version("libcst")
            except metadata.PackageNotFoundError:  # pragma: no cover - libcst is a dependency
                pass
    return f"livemigrate {__version__}; python {sys.version_info[0]}.{sys.version_info[1]}; libcst {libcst}"


def _finding_to_json(finding: Finding) -> dict[str, Any] | None:
    """A detached finding as JSON, or None if it still holds something JSON cannot keep."""
    kind = type(finding).__name__
    if finding.node is not None or _kind(kind) is not type(finding):
        return None
    from dataclasses import fields  # (findings are dataclasses: a run that stores one has parsed)

    record: dict[str, Any] = {f.name: getattr(finding, f.name) for f in fields(finding) if f.name not in ("node", "fix")}
    record["kind"] = kind
    fix = finding.fix
    if fix is not None:
        if fix.edits or fix.model is not None or fix.invents or fix.switches_model:
            return None  # not a detached fix: never seen in a report, but do not lose it silently
        record["fix"] = {"applicability": fix.applicability.value, "description": fix.description,
                         "unsafe_reasons": list(fix.unsafe_reasons)}
    else:
        record["fix"] = None
    return record


def _finding_from_json(record: dict[str, Any]) -> Finding:
    from livemigrate.rule import Applicability, Fix

    kind, fix = _kind(record.pop("kind")), record.pop("fix")
    if kind is None:
        raise KeyError("kind")  # an entry this version does not know: a miss
    if fix is not None:
        fix = Fix(Applicability(fix["applicability"]), (), fix["description"],
                  unsafe_reasons=tuple(fix["unsafe_reasons"]))
    # JSON keeps tuples as lists: the lines a message names are (start, end, line) tuples
    record["line_refs"] = tuple(tuple(ref) for ref in record.get("line_refs", ()))
    return kind(**record, fix=fix)


class ResultCache:
    """The findings of earlier runs, by content key (see the module docstring). Build one per
    run; it never raises: every problem with the folder or an entry is a miss."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.enabled = True
        self.hits = self.misses = self.stored = 0
        self._entries = self.folder / __version__
        self._ready = False

    # --- keys -------------------------------------------------------------------------------
    def key(self, data: bytes, path: str, settings: Settings, facts: str = "") -> str:
        """The entry key of one file's check (see the module docstring); ``facts`` is the
        digest of the file's slice of the project index, when it has one."""
        import hashlib
        import json  # (here, in get and in put: a run whose files are all screened out needs neither)

        digest = hashlib.sha256()
        parts: list = [code_digest(settings.rule_paths), path, settings.__getstate__()]  # every field, root too
        if facts:
            parts.append(facts)
        described = json.dumps(parts, sort_keys=True)
        digest.update(described.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self._entries / key[:2] / f"{key}.json"

    # --- reading ----------------------------------------------------------------------------
    def get(self, key: str) -> list[Finding] | None:
        """The findings stored under ``key``, or None (a miss, also for any unreadable entry)."""
        if not self.enabled:
            return None
        import json

        entry = self._entry(key)
        try:
            with open(entry, "rb") as handle:
                stored = json.loads(handle.read())
                mtime = os.fstat(handle.fileno()).st_mtime
            if stored.get("key") != key:
                raise ValueError("an entry of another key")
            findings = [_finding_from_json(dict(record)) for record in stored["findings"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.misses += 1
            return None
        if time.time() - mtime > _DAY:  # still in use: keep it from the age-based pruning
            try:
                os.utime(entry)
            except OSError:
                pass
        self.hits += 1
        return findings

    # --- writing ----------------------------------------------------------------------------
    def put(self, key: str, findings: list[Finding]) -> None:
        """Store ``findings`` under ``key`` (atomically); a failure turns the cache off."""
        if not self.enabled:
            return
        records = [_finding_to_json(f) for f in findings]
        if any(r is None for r in records):
            return
        entry = self._entry(key)
        try:
            self._prepare()
            entry.parent.mkdir(exist_ok=True)
            import json
            import tempfile  # only when an entry is written: a warm run writes none

            fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=entry.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(json.dumps({"key": key, "findings": records}).encode("utf-8", "surrogateescape"))
                os.replace(temp, entry)
            except BaseException:
                try:
                    os.unlink(temp)
                except OSError:
                    pass
                raise
        except OSError:
            self.enabled = False  # read-only or full: this run goes on without a cache
            return
        self.stored += 1

    def _prepare(self) -> None:
        if self._ready:
            return
        try:
            self.folder.mkdir(parents=True)
        except FileExistsError:
            pass
        else:  # ours: mark it as a cache for backup tools and git
            (self.folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG)
            (self.folder / ".gitignore").write_text("# Created by livemigrate automatically.\n*\n")
        self._entries.mkdir(exist_ok=True)
        self._ready = True

    def prune(self, max_age_days: float = MAX_AGE_DAYS, now: float | None = None) -> int:
        """Delete entries not used for ``max_age_days`` (of every version), at most once a day
        unless ``now`` is given; returns how many. Errors are ignored: this is housekeeping."""
        if not self.enabled or not self.folder.is_dir():
            return 0
        stamp = self.folder / _PRUNE_STAMP
        now = time.time() if now is None else now
        try:
            if now - stamp.stat().st_mtime < _DAY:
                return 0
        except OSError:
            pass
        try:
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError:
            return 0
        removed = 0
        for entry in self.folder.glob("*/??/*.json"):
            try:
                if now - entry.stat().st_mtime > max_age_days * _DAY:
                    entry.unlink()
                    removed += 1
            except OSError:
                continue
        return removed
