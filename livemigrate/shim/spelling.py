"""Read and rewrite config nodes in the spelling the user wrote them, without mutating them.

A Live config reaches ``connect()`` in one of three spellings (facts §2): ``types.X`` objects,
snake_case dicts or camelCase dicts, and a dict may hold typed objects inside (or the other way
round before validation). Every function here works on one *node* (a pydantic model or a
mapping) and returns a new node when something changes, so the caller's object is never
touched and untouched sub-objects are shared, not copied.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from livemigrate.migration import to_camel, to_snake

__all__ = ["DELETE", "get", "has", "replace", "dict_style", "new_node", "plain", "enum_name"]


class _Delete:
    """Marker value for :func:`replace`: remove the field (typed nodes: set it to None)."""

    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()

# Dict styles. A dict whose keys never show a case boundary ("tools", "seed") has no style
# of its own and inherits the one of its parent, so new keys match what the user wrote above.
SNAKE = "snake"
CAMEL = "camel"


def _key(node: Mapping[str, Any], field: str) -> str | None:
    """The key under which ``node`` stores the snake_case ``field``, in either spelling."""
    if field in node:
        return field
    camel = to_camel(field)
    if camel != field and camel in node:
        return camel
    return None


def get(node: Any, field: str) -> Any:
    """``node.field`` for models, ``node[field or fieldCamel]`` for mappings, else None."""
    if node is None:
        return None
    if isinstance(node, BaseModel):
        return getattr(node, field, None)
    if isinstance(node, Mapping):
        key = _key(node, field)
        return node[key] if key is not None else None
    return None


def has(node: Any, field: str) -> bool:
    """Whether ``field`` is set to something other than None."""
    return get(node, field) is not None


def dict_style(node: Mapping[str, Any], inherited: str = SNAKE) -> str:
    """``"camel"`` if a key of ``node`` is camelCase, ``"snake"`` if one has an underscore."""
    for key in node:
        if not isinstance(key, str):
            continue
        if any(c.isupper() for c in key):
            return CAMEL
        if "_" in key:
            return SNAKE
    return inherited


def replace(node: Any, style: str = SNAKE, **changes: Any) -> Any:
    """A copy of ``node`` with ``changes`` applied; ``DELETE`` removes a field.

    Models are shallow-copied with ``model_copy`` (no validation, so values must already be
    of the field's type); mappings become a new ``dict`` keeping the user's key for fields
    that exist and using ``style`` for new ones.
    """
    if isinstance(node, BaseModel):
        return node.model_copy(
            update={k: (None if v is DELETE else v) for k, v in changes.items()}
        )
    new = dict(node)
    for field, value in changes.items():
        key = _key(new, field)
        if value is DELETE:
            if key is not None:
                del new[key]
        else:
            new[key if key is not None else (to_camel(field) if style == CAMEL else field)] = value
    return new


def new_node(parent: Any, model: type[BaseModel], style: str = SNAKE, **fields: Any) -> Any:
    """A new sub-object for ``parent``: a ``model`` instance under a typed parent, else a dict.

    ``fields`` are snake_case; in a camelCase dict they are written camelCase.
    """
    if isinstance(parent, BaseModel):
        return model(**fields)
    return {(to_camel(k) if style == CAMEL else k): v for k, v in fields.items()}


def plain(value: Any) -> Any:
    """A comparable plain form: models dumped without Nones, enums as their value."""
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=True, mode="json")
    if isinstance(value, Mapping):
        return {to_snake(k) if isinstance(k, str) else k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return getattr(value, "value", value)  # an enum member compares as its value


def enum_name(value: Any) -> Any:
    """``types.Behavior.NON_BLOCKING`` and ``"non_blocking"`` both → ``"NON_BLOCKING"``."""
    value = getattr(value, "value", value)
    return value.upper() if isinstance(value, str) else value
