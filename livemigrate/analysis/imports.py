"""Which local names mean google-genai in a module, under any alias.

Resolved from the module's import statements rather than libcst's full scope analysis:
that is ~8x cheaper per file (ARCHITECTURE.md) and enough here, because the names we care
about are imported, not computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

__all__ = ["GenaiImports", "find_genai_imports", "dotted_name"]

GENAI = "google.genai"
TYPES = "google.genai.types"


def dotted_name(node: cst.BaseExpression | cst.ImportFrom | None) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    kind = type(node)  # exact types (neither has a subclass): isinstance through ABCMeta is slow
    if kind is cst.Name:
        return node.value  # type: ignore[union-attr]
    if kind is cst.Attribute:
        base = dotted_name(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


@dataclass
class GenaiImports:
    """Local name → fully qualified google-genai name, for every google-genai import."""

    aliases: dict[str, str] = field(default_factory=dict)
    # Local names of ADK's RunConfig (google.adk.agents.RunConfig): ADK opens its Live session
    # with the LiveConnectConfig fields it holds (proactivity, enable_affective_dialog, ...).
    adk_run_configs: set[str] = field(default_factory=set)
    # Local names of ADK's LiveRequestQueue: its send_realtime(blob) is realtime input of the
    # Live session ADK's run_live opens.
    adk_queues: set[str] = field(default_factory=set)
    # Local name → qualified name of LiveKit's Google plugin imports (`from livekit.plugins
    # import google`, `from livekit.plugins.google.beta import realtime as google_realtime`):
    # its RealtimeModel opens a Gemini Live session with its keywords as the config.
    livekit_google: dict[str, str] = field(default_factory=dict)
    # Local name → qualified name of pipecat's Gemini Live imports (`from pipecat.services.google.
    # gemini_live.llm import GeminiLiveLLMService, InputParams`): the service opens a Gemini Live
    # session with the fields of its `params=InputParams(...)` in the config.
    pipecat_gemini: dict[str, str] = field(default_factory=dict)

    @property
    def uses_genai(self) -> bool:
        return bool(self.aliases)

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """The google-genai qualified name an expression refers to (``gt.Tool`` →
        ``google.genai.types.Tool``), or None when it is not a google-genai name."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        target = self.aliases.get(head)
        if target is None:
            # `import google.genai` binds `google`; `google.genai.types.X` is still ours.
            if dotted.startswith(GENAI + ".") or dotted == GENAI:
                return dotted if "google" in self.aliases else None
            return None
        return f"{target}.{rest}" if rest else target

    def types_alias(self) -> str | None:
        """The local name of ``google.genai.types`` (``types``, ``gt``), if the module imports it
        as a module (what a fix writes ``<alias>.FunctionResponse(...)`` with)."""
        return next((local for local, qualified in self.aliases.items() if qualified == TYPES), None)

    def types_name(self, node: cst.BaseExpression) -> str | None:
        """``ThinkingConfig`` when ``node`` names ``google.genai.types.ThinkingConfig``;
        ``RunConfig`` when it names ADK's (a config of the Live session ADK opens)."""
        if self.adk_run_configs and type(node) is cst.Name and node.value in self.adk_run_configs:
            return "RunConfig"
        qualified = self.qualify(node)
        if qualified and qualified.startswith(TYPES + "."):
            return qualified[len(TYPES) + 1 :]
        # `genai.types` is an attribute of the package as well as a module.
        return None


def find_genai_imports(module: cst.Module, statements: "list[cst.Import | cst.ImportFrom] | None" = None) -> GenaiImports:
    """Every google-genai import in ``module`` (at any depth), keyed by its local name.
    ``statements``: the module's import statements when already gathered (saves a walk)."""
    collector = _GenaiImportCollector()
    if statements is None:
        module.visit(collector)
    else:
        for statement in statements:
            if isinstance(statement, cst.Import):
                collector.visit_Import(statement)
            else:
                collector.visit_ImportFrom(statement)
    return collector.imports


class _GenaiImportCollector(cst.CSTVisitor):
    """Fills a :class:`GenaiImports`. A class of the module's own, not one made per call:
    a class is a reference cycle, and one per module linted left garbage for the collector."""

    def __init__(self) -> None:
        super().__init__()
        self.imports = GenaiImports()

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = dotted_name(alias.name)
            if name is not None and name.startswith("livekit.plugins.google") and alias.asname is not None \
                    and isinstance(alias.asname.name, cst.Name):
                self.imports.livekit_google[alias.asname.name.value] = name
            if name is None or not (name == GENAI or name.startswith(GENAI + ".")):
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.imports.aliases[alias.asname.name.value] = name
            else:
                self.imports.aliases["google"] = "google"

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative:
            return
        source = dotted_name(node.module) if node.module is not None else None
        if source is None or isinstance(node.names, cst.ImportStar):
            return
        aliases = self.imports.aliases
        if source == "google":
            for alias in node.names:
                if dotted_name(alias.name) == "genai":
                    aliases[_local(alias)] = GENAI
            return
        if source.startswith("livekit.plugins"):
            for alias in node.names:
                qualified = f"{source}.{dotted_name(alias.name)}"
                if qualified.startswith("livekit.plugins.google"):
                    self.imports.livekit_google[_local(alias)] = qualified
            return
        if source.startswith("pipecat.services.") and ("gemini_live" in source or "gemini_multimodal_live" in source):
            for alias in node.names:
                self.imports.pipecat_gemini[_local(alias)] = f"{source}.{dotted_name(alias.name)}"
            return
        if source.startswith("google.adk"):
            self.imports.adk_run_configs.update(_local(alias) for alias in node.names
                                                if dotted_name(alias.name) == "RunConfig")
            self.imports.adk_queues.update(_local(alias) for alias in node.names
                                           if dotted_name(alias.name) == "LiveRequestQueue")
            return
        if source == GENAI or source.startswith(GENAI + "."):
            for alias in node.names:
                imported = dotted_name(alias.name)
                if imported is not None:
                    aliases[_local(alias)] = f"{source}.{imported}"


def _local(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    name = dotted_name(alias.name)
    assert name is not None
    return name.split(".")[0]
