"""Value classes for the start-up path, without :mod:`dataclasses`.

Importing :mod:`dataclasses` costs a cold ``check`` about what walking a few hundred files does:
it imports ``inspect``, which imports ``ast``, ``dis`` and ``tokenize``. The classes every run
builds (settings, options, a file's report or error, a pattern list) are plain classes instead:
each writes its own ``__init__`` and lists its fields in ``_fields``; :class:`Record` gives them
what ``@dataclass`` gave: ``==`` (same class, same compared fields), ``repr`` and
:func:`replace`; :class:`FrozenRecord` adds immutability and hashing, as ``frozen=True``
(``tests/test_startup_imports.py`` holds the no-Live path free of ``dataclasses``). The classes
only the parsing path needs (findings, fixes) stay dataclasses.
"""

from __future__ import annotations

TYPE_CHECKING = False  # (not typing's: importing typing is what this module saves)
if TYPE_CHECKING:
    from typing import TypeVar

    R = TypeVar("R", bound="Record")

__all__ = ["FrozenRecord", "Record", "replace"]


class Record:
    """A mutable value: ``==`` compares the fields in ``_compared`` (default: all of
    ``_fields``), ``repr`` shows those in ``_shown`` (default: all), and, as a mutable
    dataclass, it is not hashable."""

    _fields: tuple[str, ...] = ()  # the ``__init__`` parameters, in order
    _compared: tuple[str, ...] | None = None
    _shown: tuple[str, ...] | None = None

    def _key(self) -> tuple:
        return tuple(getattr(self, name) for name in (self._fields if self._compared is None else self._compared))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = self._fields if self._shown is None else self._shown
        return f"{type(self).__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"


class FrozenRecord(Record):
    """An immutable, hashable :class:`Record`. Its ``__init__`` (and only it) sets fields with
    ``object.__setattr__``."""

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._key())


def replace(record: R, **changes: object) -> R:
    """A new record of the same class with ``changes`` over its fields (``dataclasses.replace``)."""
    unknown = set(changes).difference(record._fields)
    if unknown:
        raise TypeError(f"{type(record).__qualname__} has no field(s) {', '.join(sorted(unknown))}")
    values = {name: getattr(record, name) for name in record._fields}
    values.update(changes)
    return type(record)(**values)  # type: ignore[call-arg]
