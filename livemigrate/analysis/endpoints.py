"""Raw Live WebSocket endpoints written in a module, and the API version each one names.

A raw client opens
``wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.<version>.GenerativeService.<method>``
itself (live-api-facts.md §7.1): ``<version>`` is ``v1alpha``, ``v1beta`` or ``v1``;
``<method>`` is ``BidiGenerateContent``, or ``BidiGenerateContentConstrained`` for a client
holding an ephemeral token (§2.11). The URL is a plain string, an f-string
(``f"wss://{host}/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent?key={key}"``)
or one whose version is a placeholder bound to a constant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from livemigrate.analysis.bindings import string_value

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveModel

__all__ = ["LiveEndpoint", "live_endpoints"]

_ENDPOINT = re.compile(r"generativelanguage\.(?P<version>v1(?:alpha|beta)?)\.GenerativeService[./]"
                       r"(?P<method>BidiGenerateContent(?:Constrained)?)")
_SPLIT = re.compile(r"generativelanguage\.$")
_AFTER = re.compile(r"^\.GenerativeService[./](?P<method>BidiGenerateContent(?:Constrained)?)")


@dataclass(frozen=True, eq=False)
class LiveEndpoint:
    """One raw Live endpoint URL and the version it names."""

    node: cst.CSTNode  # the string literal or f-string text holding the version, else the placeholder
    version: str  # v1alpha | v1beta | v1
    method: str  # BidiGenerateContent | BidiGenerateContentConstrained
    # The version is written in ``node``'s text (a fix can rewrite it there); False when it
    # comes from a placeholder bound elsewhere.
    literal: bool = True

    @property
    def constrained(self) -> bool:
        """The endpoint of clients holding an ephemeral token."""
        return self.method.endswith("Constrained")

    def with_version(self, version: str) -> cst.CSTNode | None:
        """``node`` naming ``version`` instead (None when the version is not written there)."""
        if not self.literal or not isinstance(self.node, (cst.SimpleString, cst.FormattedStringText)):
            return None
        text = _ENDPOINT.sub(lambda m: m.group(0).replace(f".{self.version}.", f".{version}.", 1), self.node.value)
        return self.node.with_changes(value=text)


def live_endpoints(live: "LiveModel") -> list[LiveEndpoint]:
    """Every raw Live endpoint of the module, in source order."""
    found: list[LiveEndpoint] = []
    nodes: list[cst.CSTNode] = [*live.bindings.strings, *live.bindings.fstring_texts]
    for node in nodes:
        text = node.value
        if "BidiGenerateContent" not in text:
            continue
        match = _ENDPOINT.search(text)
        if match is not None:
            found.append(LiveEndpoint(node, match.group("version"), match.group("method")))
        elif isinstance(node, cst.FormattedStringText):
            placeholder = _version_placeholder(live, node)
            if placeholder is not None:
                found.append(placeholder)
    found.sort(key=lambda e: live.order_of(e.node))
    return found


def _version_placeholder(live: "LiveModel", after: cst.FormattedStringText) -> LiveEndpoint | None:
    """``f"...generativelanguage.{API_VERSION}.GenerativeService.BidiGenerateContent"`` with
    ``API_VERSION`` bound to one string."""
    method = _AFTER.match(after.value)
    fstring = live.parent(after)
    if method is None or not isinstance(fstring, cst.FormattedString):
        return None
    parts = list(fstring.parts)
    index = next(i for i, p in enumerate(parts) if p is after)
    if index < 2:
        return None
    expression, before = parts[index - 1], parts[index - 2]
    if not (isinstance(expression, cst.FormattedStringExpression) and isinstance(before, cst.FormattedStringText)
            and _SPLIT.search(before.value) and isinstance(expression.expression, cst.Name)):
        return None
    values = {string_value(v) for v in live.values_of(expression.expression)}
    if len(values) != 1:
        return None
    version = values.pop()
    if version not in ("v1alpha", "v1beta", "v1"):
        return None
    return LiveEndpoint(expression, version, method.group("method"), literal=False)
