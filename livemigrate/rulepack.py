"""Finding and loading the rule pack.

Rules are plain modules in a folder (``rules/`` at the top of a checkout, shipped as
``livemigrate/_rules`` inside the wheel), loaded by file path. The same loader takes a user's
own rule folder, so built-in and user rules are loaded, listed and tested the same way
whether livemigrate runs from a checkout, an editable install or a wheel.

A rule module is code run with the user's permissions. :func:`rule_code_trust_problem` says
why a config file's ``rule-paths`` must not be loaded: another user could change the config
file, the rule folder, a module or its bytecode in it, or a folder above any of them.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from functools import lru_cache

TYPE_CHECKING = False  # typing is not imported at run time (see livemigrate.records)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Iterable

    from livemigrate.rule import Rule

__all__ = ["RulePackError", "builtin_rules_dir", "load_rules", "rule_code_trust_problem", "untrusted_reason"]


class RulePackError(Exception):
    """A rule folder that cannot be loaded (missing, broken module, duplicate id)."""


def builtin_rules_dir() -> Path:
    """Where the built-in rules are: inside the installed package, else the checkout."""
    from pathlib import Path  # (here and below: every run imports this module for RulePackError)

    package = Path(__file__).resolve().parent
    for candidate in (package / "_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RulePackError(f"the built-in rule pack is missing (looked in {package / '_rules'} "
                        f"and {package.parent / 'rules'})")


def _load_module(path: Path):
    import hashlib  # here and shlex below: the start-up of a run that loads no rule pays for neither
    import importlib.util

    digest = hashlib.sha1(str(path.parent).encode()).hexdigest()[:8]
    name = f"livemigrate_rules_{digest}.{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RulePackError(f"{path}: cannot be imported as a rule module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise RulePackError(f"{path}: rule module failed to import: {exc!r}") from exc
    return module


def _rules_in(folder: Path) -> list[type[Rule]]:
    from livemigrate.rule import Rule  # (not at the top: the error class is wanted by every run)

    if not folder.is_dir():
        raise RulePackError(f"rule folder {folder} does not exist")
    found: list[type[Rule]] = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _load_module(path)
        rules = [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule
            and value.__module__ == module.__name__
        ]
        if not rules:
            raise RulePackError(f"{path}: defines no livemigrate Rule subclass")
        found.extend(rules)
    return found


@lru_cache(maxsize=None)
def _load(folders: tuple[Path, ...]) -> tuple[type[Rule], ...]:
    rules: list[type[Rule]] = []
    seen: dict[str, type[Rule]] = {}
    for folder in folders:
        for rule in _rules_in(folder):
            if rule.id in seen:
                raise RulePackError(
                    f"rule id {rule.id} is defined twice ({seen[rule.id].__module__} and {rule.__module__})")
            seen[rule.id] = rule
            rules.append(rule)
    return tuple(sorted(rules, key=lambda r: r.id))


def load_rules(extra_folders: Iterable[Path | str] = ()) -> tuple[type[Rule], ...]:
    """The built-in rules plus those in ``extra_folders``, sorted by id."""
    from pathlib import Path

    folders = (builtin_rules_dir(), *(Path(f).resolve() for f in extra_folders))
    return _load(folders)


# --- who could change the rule code ------------------------------------------------------

def _decisive_paths(path: str) -> list[str]:
    """Every real (non-symlink) folder and file the kernel passes through to reach ``path``:
    the folders above it, each symlink's folder and what the symlink points to, the file."""
    todo = os.path.join(os.getcwd(), path).split(os.sep)[::-1]  # ".." is resolved physically below
    current, found, hops = os.sep, [os.sep], 0
    while todo:
        name = todo.pop()
        if name in ("", "."):
            continue
        if name == "..":
            current = os.path.dirname(current)
            continue
        candidate = os.path.join(current, name)
        if stat.S_ISLNK(os.lstat(candidate).st_mode):
            hops += 1
            if hops > 40:
                raise OSError(errno.ELOOP, "Too many levels of symbolic links", path)
            link = os.readlink(candidate)
            if os.path.isabs(link):
                current = os.sep
            todo.extend(link.split(os.sep)[::-1])
            continue
        found.append(candidate)
        current = candidate
    return list(dict.fromkeys(found))


def _group_is_private(gid: int) -> bool:
    """Root's group, or our user-private group (named like us, no other listed member)."""
    if gid == 0:
        return True
    import grp
    import pwd

    try:
        me, group = pwd.getpwuid(os.geteuid()), grp.getgrgid(gid)
    except KeyError:
        return False
    return gid == me.pw_gid and group.gr_name == me.pw_name and set(group.gr_mem) <= {me.pw_name}


def _named(kind: str, number: int) -> str:
    import grp
    import pwd

    try:
        name = pwd.getpwuid(number).pw_name if kind == "uid" else grp.getgrgid(number).gr_name
    except KeyError:
        return f"{number}" if kind == "gid" else f"uid {number}"
    return f"{number} ({name})" if kind == "gid" else f"uid {number} ({name})"


def untrusted_reason(path: Path | str, *, code_folder: bool = False) -> tuple[str, str] | None:
    """``(problem, fix)`` when a user other than us or root could change what ``path`` holds,
    else None. Untrusted: owned by someone else; world-writable; group-writable unless the
    group is root's or our user-private group. A sticky folder above (like /tmp) is fine: others
    may add entries there but not replace ours; ``code_folder`` (every module in it is loaded)
    must not take new entries, sticky or not. A path that does not exist has nothing to load."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - no POSIX owners to check (Windows)
        return None
    import shlex

    try:
        chain = _decisive_paths(str(path))
        stats = [(p, os.lstat(p)) for p in chain]
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{path} cannot be checked ({exc.strerror or exc})", f"make {shlex.quote(str(path))} readable"
    leaf = chain[-1]
    for p, st in stats:
        quoted = shlex.quote(p)
        if st.st_uid not in (os.geteuid(), 0):
            return (f"{p} is owned by {_named('uid', st.st_uid)}, not by you or root",
                    f"have {quoted} owned by you (chown), or copy the project")
        mode = st.st_mode
        sticky_above = stat.S_ISDIR(mode) and bool(mode & stat.S_ISVTX) and not (code_folder and p == leaf)
        if sticky_above:
            continue
        if mode & stat.S_IWOTH:
            return f"{p} is writable by every user (mode {stat.S_IMODE(mode):04o})", f"run `chmod o-w {quoted}`"
        if mode & stat.S_IWGRP and not _group_is_private(st.st_gid):
            return (f"{p} is writable by group {_named('gid', st.st_gid)} (mode {stat.S_IMODE(mode):04o})",
                    f"run `chmod g-w {quoted}`")
    return None


def rule_code_trust_problem(config: Path, folders: Iterable[Path | str]) -> tuple[str, str] | None:
    """The first reason not to load ``folders`` named by the config file ``config``: see
    :func:`untrusted_reason`, applied to the config, each folder, its modules and bytecode."""
    from pathlib import Path

    problem = untrusted_reason(config)
    if problem:
        return problem
    for folder in folders:
        problem = untrusted_reason(folder, code_folder=True)
        if problem:
            return problem
        cache = Path(folder) / "__pycache__"  # the import system runs bytecode found here
        for code in [*sorted(Path(folder).glob("*.py")), cache, *sorted(cache.glob("*.pyc"))]:
            problem = untrusted_reason(code, code_folder=code == cache)
            if problem:
                return problem
    return None
