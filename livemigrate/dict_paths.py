"""How the project index spells an entry of a settings dict another module reads.

``API_CONFIG["model"]`` (a module-level dict), ``get_config()["api"]["model"]`` (what a
module-level function returns) and ``cfg.API_CONFIG["model"]`` (through a module alias) are
export keys and importers' spellings alike. The project index (``ast``) writes them and the
Live model (``libcst``) reads them, so this module imports neither.
"""

from __future__ import annotations

import re

__all__ = ["entry_path", "split_entry_path", "head_word", "SAFE_KEY"]

# Keys written into a path: no quote, bracket or dot, so the path splits back unambiguously.
SAFE_KEY = re.compile(r"[\w\- ]+")
_STEP = re.compile(r'\["([\w\- ]+)"\]')
_HEAD = re.compile(r"([\w.]+?)(\(\))?(?=\[)")


def entry_path(owner: str, key: str) -> str | None:
    """``owner["key"]``, or None for a key a path cannot hold."""
    return f'{owner}["{key}"]' if SAFE_KEY.fullmatch(key) else None


def split_entry_path(path: str) -> tuple[str, bool, tuple[str, ...]] | None:
    """(head name, whether it is called, keys) of ``head()["a"]["b"]``; None for a key that is
    no entry path (``MODEL``, ``Settings.MODEL``)."""
    head = _HEAD.match(path)
    if head is None:
        return None
    rest = path[head.end():]
    keys = tuple(_STEP.findall(rest))
    if not keys or "".join(f'["{k}"]' for k in keys) != rest:
        return None
    return head.group(1), head.group(2) is not None, keys


def head_word(key: str) -> str:
    """The first name of an export key (``API_CONFIG`` of ``API_CONFIG["model"]``, ``Settings``
    of ``Settings.MODEL``): the word an importer's import statement names."""
    match = re.match(r"\w+", key)
    return match.group(0) if match else key
