"""Finding and loading the rule pack.

Rules are plain modules in a folder (``rules/`` at the top of a checkout, shipped as
``livemigrate/_rules`` inside the wheel), loaded by file path. The same loader takes a user's
own rule folder, so built-in and user rules are loaded, listed and tested the same way
whether livemigrate runs from a checkout, an editable install or a wheel.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from livemigrate.rule import Rule

__all__ = ["RulePackError", "builtin_rules_dir", "load_rules"]


class RulePackError(Exception):
    """A rule folder that cannot be loaded (missing, broken module, duplicate id)."""


def builtin_rules_dir() -> Path:
    """Where the built-in rules are: inside the installed package, else the checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RulePackError(f"the built-in rule pack is missing (looked in {package / '_rules'} "
                        f"and {package.parent / 'rules'})")


def _load_module(path: Path):
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
    folders = (builtin_rules_dir(), *(Path(f).resolve() for f in extra_folders))
    return _load(folders)
