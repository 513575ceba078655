"""A case's mapping pattern read as the ``if`` test that asks the same of a dict.

``case {"serverContent": {"outputTranscription": {"text": text}}}:`` requires the nested keys;
once the server content is bound to a name of its own (``case {"serverContent": sc}:``), the
rest of the pattern is the test ``(text := sc.get("outputTranscription", {}).get("text")) is not
None``. Only the shapes whose test reads the keys as the pattern does are written: one key per
level, a capture, ``_``, a literal, ``True`` / ``False``. A value the JSON spells ``null`` is read
as absent (the wire never sends one for these fields); anything else (class patterns, ``None``,
several keys, ``**rest``, ``as``, ``|``) has no test here.
"""

from __future__ import annotations

import libcst as cst

_CODE = cst.Module([])


def single_key(pattern: cst.MatchPattern) -> cst.MatchMappingElement | None:
    """The one element of ``{key: pattern}``: no other key, no ``**rest``."""
    if type(pattern) is not cst.MatchMapping or len(pattern.elements) != 1 or pattern.rest is not None:
        return None
    return pattern.elements[0]


def element_test(base: str, element: cst.MatchMappingElement) -> cst.BaseExpression | None:
    """The test that ``element`` (one ``key: pattern`` of a mapping pattern matched against the
    dict named ``base``) holds, binding the names its captures bind; None when no plain test
    reads it as the pattern does."""
    keys = [_CODE.code_for_node(element.key)]
    pattern = element.pattern
    while (inner := single_key(pattern)) is not None:
        keys.append(_CODE.code_for_node(inner.key))
        pattern = inner.pattern
    parent = base + "".join(f".get({key}, {{}})" for key in keys[:-1])
    value = f"{parent}.get({keys[-1]})"
    if type(pattern) is cst.MatchAs and pattern.pattern is None:
        if pattern.name is None:  # `_`: the key is there, whatever it holds
            return cst.parse_expression(f"{keys[-1]} in {parent}")
        return cst.parse_expression(f"({pattern.name.value} := {value}) is not None")
    if type(pattern) is cst.MatchSingleton and isinstance(pattern.value, cst.Name) \
            and pattern.value.value in ("True", "False"):
        return cst.parse_expression(f"{value} is {pattern.value.value}")
    if type(pattern) is cst.MatchValue and isinstance(pattern.value, (cst.SimpleString, cst.Integer, cst.Float)):
        return cst.parse_expression(f"{value} == {_CODE.code_for_node(pattern.value)}")
    return None
