"""Paths as CI dashboards want them: relative to the project root, with ``/`` separators.

GitLab resolves a Code Quality ``location.path`` against the project checkout
(``CI_PROJECT_DIR``) and GitHub resolves a SARIF ``artifactLocation.uri`` against the workspace
(``GITHUB_WORKSPACE``); an absolute path matches nothing there. Locally (neither set) the root
is the working directory, which is where ``livemigrate check .`` is run from.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

__all__ = ["project_root", "relative_posix"]


def project_root(env_var: str | None = None) -> Path:
    """The folder paths are made relative to: ``$env_var`` when it is set, else the cwd."""
    value = os.environ.get(env_var) if env_var else None
    return Path(os.path.abspath(value or os.getcwd()))


def relative_posix(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators, None when it is not under ``root``
    (another folder or drive) or names no file (``-``, standard input without a name)."""
    if path == "-":
        return None
    absolute = PurePath(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return None
