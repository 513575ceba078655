"""A Live setup with no thinking level, on a target that refuses to start without one.

## What it does
On a target that requires a thinking level (3.8 extended thinking), flags a Live config that
sets no thinking config at all, in any spelling: `types.LiveConnectConfig(...)` under any
alias, snake_case and camelCase dicts, configs built over several statements, a
`generation_config` nesting, raw `{"setup": ...}` frames (where the level lives in
`generationConfig.thinkingConfig`). The finding is on the config itself (the
`types.LiveConnectConfig` call, the dict literal, or the `"setup"` key of a raw frame), where
the fix adds the field; a config shared by several sessions gets one finding. A session opened
with no config at all is flagged on its `live.connect(...)` call, and a thinking config that
sets neither a level nor a budget (`ThinkingConfig(include_thoughts=True)`) on its key.

Silent where the config already says how to think (a `thinking_level`, or a `thinking_budget`,
which LM002 maps to a level), where the module cannot see the whole config (a parameter, a
`**options` it cannot follow, a `generation_config` handed in from elsewhere), on
`generate_content` configs, in code that only runs for 2.x models, and on sessions whose model
ids, as far as the module shows them, are another target's (`gemini-3.8-live`: it refuses any
thinking config). Version gates only tell 2.x code from 3.x code: a branch that picks the
extended-thinking model by its id (`if "extended-thinking" in model:`) is not told apart from
one for 3.8 Live, so a thinking config set in either counts as set.

## Why is this bad?
The extended-thinking model configures thinking only with `thinking_level` (low, medium or
high). Its docs always set one, and a live probe found that a setup without a level is refused
("Thinking level must be specified"); what the server would pick by itself is not documented.
2.5 and 3.1 code usually leaves thinking to the model's default, so the session never starts.

## Example
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])
```

## Use instead
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW),
)
```

## Fix safety
Unsafe: the fix adds `thinking_config` with the target's lowest level (`low`), a value the code
never chose (the fix policy makes an invented value unsafe). `low` is what a 2.5 budget maps to
at least, and the cheapest level in latency; raise it if the app needs more reasoning. It is
written in the config's spelling: `<alias>.ThinkingConfig(thinking_level=<alias>.ThinkingLevel.LOW)`
in a `types.LiveConnectConfig(...)` call (the enum on the same module alias, as LM002 writes
levels), `{"thinking_level": "low"}` in a dict (`"thinkingLevel"` beside camelCase keys), and
`"generationConfig": {"thinkingConfig": {"thinkingLevel": "LOW"}}` in a raw frame (added to its
`generationConfig` when there is one; snake_case keys in a frame written in snake_case). In an
SDK config it goes on the config itself, even when a deprecated `generation_config` is there
too (the SDK merges both into the same setup field).
A session opened without a config gets `config={"thinking_config": {"thinking_level": "low"}}`.
No fix when a `**` splat the module can read leaves no place to add the field, nor when the
config is also used by a session on another target's model (3.8 Live closes on any thinking
config): the finding then says what the extended-thinking session needs.
A config chosen at run time (`{...} if fast else {...}`, a name assigned in an `if` / `else`, a
helper with two returns) gets one finding, on the first literal without a level, and one fix
that adds the level to every literal that lacks one, all or none; a literal that sets a level
(or a budget), and one only built for 2.x models, is left as it is. A later `cfg[k] = v` on the
chosen name counts for every branch.

## References
- Extended thinking model, `thinking_config.thinking_level` low / medium / high:
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live-extended-thinking,
  https://ai.google.dev/gemini-api/docs/live-api/thinking
- "Thinking level must be specified" (live-verified): https://github.com/pydantic/pydantic-ai/pull/8393;
  refused unless the level is low, medium or high: https://github.com/ProfSynapse/nexus/pull/389
- `ThinkingConfig` and `ThinkingLevel` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from livemigrate.analysis import (ConfigEntry, LiveConfig, LiveConnect, ModelInfo, is_other_model, live_sessions,
                                  shared_model)
from livemigrate.fixes import add_entry, camel_keys, keyword_arg, runs_another_target, session_note, string_literal
from livemigrate.edits import Edit
from livemigrate.policy import stays_on_vertex_2x
from livemigrate.rule import Fix, FixAvailability, Invalid, Invented, Rule, RuleContext

_THINKING = ("thinking_config",)
_NESTED_THINKING = ("generation_config", "thinking_config")
_CHOSEN = ("thinking_level", "thinking_budget")  # a budget is LM002's: it maps it to a level


def _key_like(container: cst.CSTNode) -> cst.CSTNode | None:
    """A key of ``container`` to quote new keys like."""
    if isinstance(container, cst.Dict):
        return next((e.key for e in container.elements if isinstance(e, cst.DictElement)), None)
    if isinstance(container, cst.Call):
        return next((a.value for a in container.args if isinstance(a.value, cst.SimpleString)), None)
    return None


@dataclass(frozen=True)
class _Need:
    """One place a config lacks its level: the literal or thinking config (``where``), what a
    finding points at, what it says, and the edit that adds the level (None: no place for it)."""

    where: cst.CSTNode
    anchor: cst.CSTNode
    message: str
    edit: Edit | None


class ThinkingLevelMissing(Rule):
    id = "LM607"
    name = "thinking-level-missing"
    message = "Live setup without a thinking level on a target that requires one: add thinking_config"
    fix_availability = FixAvailability.SOMETIMES
    EXAMPLE_TARGET = "3.8-xt"

    VALID = [
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_level='medium'))\n",
        # a budget: LM002 maps it to a level
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024))\n",
        # generate_content is not Live
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "client.models.generate_content(model='gemini-3-flash-preview', contents='x',\n"
        "    config=types.GenerateContentConfig(temperature=0.2))\n",
        # only opened for 2.x models
        "from google import genai\nclient = genai.Client()\n"
        "async def run(model):\n"
        "    if model.startswith('gemini-2'):\n"
        "        async with client.aio.live.connect(model=model, config={'response_modalities': ['AUDIO']}) as s:\n"
        "            pass\n",
        # the session stays on 3.8 Live, which refuses any thinking config
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live', config={'response_modalities': ['AUDIO']}) as s:\n"
        "        pass\n",
        # the config is handed in: the module cannot tell what it sets
        "from google import genai\nclient = genai.Client()\n"
        "async def main(options):\n"
        "    config = {'response_modalities': ['AUDIO'], **options}\n"
        "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config=config) as s:\n"
        "        pass\n",
        # a level set in a later statement, raw frame spelling
        'import json\nasync def setup(ws):\n'
        '    msg = {"setup": {"model": "models/gemini-3.8-live-extended-thinking", "generationConfig": {}}}\n'
        '    msg["setup"]["generationConfig"]["thinkingConfig"] = {"thinkingLevel": "HIGH"}\n'
        '    await ws.send(json.dumps(msg))\n',
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "config = types.LiveConnectConfig(response_modalities=['AUDIO'])\n",
            fixed="from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "config = types.LiveConnectConfig(response_modalities=['AUDIO'], "
            "thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW))\n",
            unsafe=True, line=3,
        ),
        Invalid(  # camelCase dict, built over two statements, shared by two sessions: one finding
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'responseModalities': ['AUDIO']}\n"
            "CONFIG['outputAudioTranscription'] = {}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config=CONFIG) as s:\n"
            "        pass\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config=CONFIG) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'responseModalities': ['AUDIO'], 'thinkingConfig': {'thinkingLevel': 'low'}}\n"
            "CONFIG['outputAudioTranscription'] = {}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config=CONFIG) as s:\n"
            "        pass\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config=CONFIG) as s:\n"
            "        pass\n",
            unsafe=True,
        ),
        Invalid(  # raw frame with a generationConfig: the level goes inside it
            'import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live-extended-thinking",\n'
            '        "generationConfig": {"responseModalities": ["AUDIO"]}}}))\n',
            fixed='import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live-extended-thinking",\n'
            '        "generationConfig": {"responseModalities": ["AUDIO"], "thinkingConfig": {"thinkingLevel": "LOW"}}}}))\n',
            unsafe=True, line=3,
        ),
        Invalid(  # raw frame without one
            'import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live-extended-thinking"}}))\n',
            fixed='import json\nasync def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.8-live-extended-thinking", '
            '"generationConfig": {"thinkingConfig": {"thinkingLevel": "LOW"}}}}))\n',
            unsafe=True,
        ),
        Invalid(  # a thinking config that names no level
            "from google.genai import types as gt\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "config = gt.LiveConnectConfig(generation_config=gt.GenerationConfig(\n"
            "    thinking_config=gt.ThinkingConfig(include_thoughts=True)))\n",
            fixed="from google.genai import types as gt\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "config = gt.LiveConnectConfig(generation_config=gt.GenerationConfig(\n"
            "    thinking_config=gt.ThinkingConfig(include_thoughts=True, thinking_level=gt.ThinkingLevel.LOW)))\n",
            unsafe=True, message="sets no thinking_level",
        ),
        Invalid(  # a session opened without a config
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking') as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', "
            "config={'thinking_config': {'thinking_level': 'low'}}) as s:\n"
            "        pass\n",
            unsafe=True, message="opened without a config",
        ),
        Invalid(  # chosen at run time: every branch without a level gets one, the other is kept
            "from google import genai\nclient = genai.Client()\n"
            "async def main(deep):\n"
            "    config = {'thinking_config': {'thinking_level': 'high'}} if deep else {'response_modalities': ['AUDIO']}\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config=config) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main(deep):\n"
            "    config = {'thinking_config': {'thinking_level': 'high'}} if deep else {'response_modalities': ['AUDIO'], "
            "'thinking_config': {'thinking_level': 'low'}}\n"
            "    async with client.aio.live.connect(model='gemini-3.8-live-extended-thinking', config=config) as s:\n"
            "        pass\n",
            unsafe=True, message="1 of the 2 Live configs",
        ),
        Invalid(  # a splat the module can read: reported, no place to add the field to
            "from google.genai import types\nMODEL = 'gemini-3.8-live-extended-thinking'\n"
            "BASE = {'response_modalities': ['AUDIO']}\n"
            "config = types.LiveConnectConfig(**BASE)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        target = ctx.target
        if not target.requires_thinking_level:
            return
        live = ctx.live
        sessions = live_sessions(live)
        # Sessions that share one config literal each have a LiveConfig: one finding for all.
        # A config chosen at run time is the same config for every session opened with it.
        groups: dict[object, list[LiveConfig]] = {}
        branches_of: dict[int, list | None] = {}  # asked once per config: it follows names and helpers
        for config in live.configs:
            branches = branches_of[id(config)] = live.branches_of(config)
            key = tuple(id(c) for c, _ in branches) if branches else id(config)
            groups.setdefault(key, []).append(config)
        for group in groups.values():
            moving = [c for c in group
                      if not self._not_moving(c.model, ctx) and not self._legacy_only(ctx, c, sessions)]
            if moving:
                # Shared with a session on another target (which refuses a thinking config):
                # reported for the sessions that need it, no fix that would break the other.
                shared = any(runs_another_target(c.model, ctx.target) for c in group)
                self._check_config(ctx, moving[0], branches_of[id(moving[0])], shared_model(group),
                                   fixable=not shared)
        for session in sessions:
            connect = session.connect
            if connect is None or session.config is not None or connect.config_expr is not None \
                    or session.legacy_only or self._not_moving(connect.model, ctx) \
                    or any(a.star for a in connect.call.args):
                continue
            self._report_no_config(ctx, connect)

    @staticmethod
    def _legacy_only(ctx: RuleContext, config: LiveConfig, sessions) -> bool:
        """Every session opened with ``config`` only runs for 2.x models (or, with none, the
        config is built in such code)."""
        users = [s for s in sessions if s.config is config]
        return all(s.legacy_only for s in users) if users else ctx.live.is_legacy_only(config.root)

    @staticmethod
    def _not_moving(model, ctx: RuleContext) -> bool:
        """A session this target says nothing about: a Live model outside the move, one that
        stays on a Vertex AI 2.x model, or one on another target's model."""
        return is_other_model(model) or stays_on_vertex_2x(model, ctx.target) or runs_another_target(model, ctx.target)

    # --- one config ------------------------------------------------------------------------------
    def _check_config(self, ctx: RuleContext, config: LiveConfig, branches: list | None, model: ModelInfo,
                      fixable: bool = True) -> None:
        """``branches``: :meth:`LiveModel.branches_of` the config."""
        live = ctx.live
        if branches is None:
            # Not every literal it may be is visible here: only a thinking config that names no
            # level is sure to lack one.
            entries = self._moving(ctx, live.entries_of(config))
            if not self._chooses(entries):
                for holder in self._holders(entries):
                    need = self._levelless(ctx, config, holder, model)
                    if need is not None:
                        self._report(ctx, [need], model, fixable)
            return
        # A literal only built for 2.x models (`if "gemini-2" in model: cfg = {...}`) is not sent here.
        branches = [(c, e) for c, e in branches if not live.is_legacy_only(c)]
        if len(branches) == 1:
            for need in self._needs(ctx, config, *branches[0], model):
                self._report(ctx, [need], model, fixable)
            return
        # Chosen at run time (`{...} if fast else {...}`, an if / else): every branch that sets
        # no level fails the session on its path; one finding, one fix adding it to each of
        # them, a branch that sets one untouched.
        needs: dict[int, _Need] = {}
        for container, entries in branches:
            for need in self._needs(ctx, config, container, entries, model):
                needs.setdefault(id(need.where), need)
        if needs:
            self._report(ctx, list(needs.values()), model, fixable, of=len(branches))

    def _needs(self, ctx: RuleContext, config: LiveConfig, container: cst.Call | cst.Dict,
               entries: list[ConfigEntry], model: ModelInfo) -> list["_Need"]:
        """What one literal of ``config`` lacks: nothing when it chooses a level (or the module
        cannot see all of it), else where a level goes and the edit that adds it."""
        entries = self._moving(ctx, entries)
        if self._chooses(entries):
            return []  # a level (LM601 checks it) or a budget (LM002 maps it)
        holders = self._holders(entries)
        if holders:
            return [n for n in (self._levelless(ctx, config, h, model) for h in holders) if n is not None]
        if self._hidden(ctx, container):
            return []  # a splat that may set it
        live = ctx.live
        generation = next((e for e in entries if e.path == ("generation_config",)), None)
        if generation is not None and not self._visible(ctx, live.resolve_value(generation.value)):
            return []  # a generation config handed in from elsewhere may hold one
        level = ctx.target.thinking_levels[0]
        return [_Need(container, self._anchor(ctx, config, container),
                      f"this Live config sets no thinking level: {ctx.target.claim('missing_thinking_level')}; "
                      f"add thinking_config with thinking_level {level!r} (its lowest; review latency).",
                      self._add_thinking_config(ctx, config, container, generation, level))]

    @staticmethod
    def _moving(ctx: RuleContext, entries: list[ConfigEntry]) -> list[ConfigEntry]:
        """The fields set outside code that only runs for 2.x models."""
        return [e for e in entries if not ctx.live.is_legacy_only(e.node)]

    @staticmethod
    def _chooses(entries: list[ConfigEntry]) -> bool:
        return any(e.name in _CHOSEN and "thinking_config" in e.path[:-1] for e in entries)

    @staticmethod
    def _holders(entries: list[ConfigEntry]) -> list[ConfigEntry]:
        return [e for e in entries if e.path in (_THINKING, _NESTED_THINKING)]

    def _levelless(self, ctx: RuleContext, config: LiveConfig, holder: ConfigEntry,
                   model: ModelInfo) -> "_Need | None":
        """A thinking config that sets neither a level nor a budget: add the level to it."""
        value = ctx.live.resolve_value(holder.value)
        if not self._visible(ctx, value) or self._hidden(ctx, value):
            return None
        level = ctx.target.thinking_levels[0]
        raw = config.kind == "raw"
        edit = add_entry(value, "thinking_level", self._level(ctx, value, level, raw),
                         camel=camel_keys(value, raw or holder.spelling == "camel"))
        return _Need(holder.node, holder.key_node,
                     f"`{holder.key}` sets no thinking_level: {ctx.target.claim('missing_thinking_level')}; "
                     f"add thinking_level {level!r} (its lowest; review latency).", edit)

    def _report(self, ctx: RuleContext, needs: list["_Need"], model: ModelInfo, fixable: bool, of: int = 1) -> None:
        """One finding for ``needs`` (one, or one per branch of a config chosen at run time),
        fixed all at once or not at all: a partial fix would leave a path without a level."""
        level = ctx.target.thinking_levels[0]
        message = needs[0].message
        if of > 1:
            message = (f"{len(needs)} of the {of} Live configs chosen here at run time "
                       f"{'sets' if len(needs) == 1 else 'set'} no thinking level: "
                       f"{ctx.target.claim('missing_thinking_level')}; add thinking_level {level!r} to each "
                       f"(its lowest; review latency); a branch that sets one is kept.")
        edits = [n.edit for n in needs]
        fix = self._fix(level, model, *edits) if fixable and all(e is not None for e in edits) else None
        ctx.report(needs[0].anchor, f"{message}{session_note(model, ctx.target)}", fix)

    def _report_no_config(self, ctx: RuleContext, connect: LiveConnect) -> None:
        level = ctx.target.thinking_levels[0]
        like = _key_like(connect.call)
        value = cst.Dict([cst.DictElement(string_literal("thinking_config", like), cst.Dict([
            cst.DictElement(string_literal("thinking_level", like), string_literal(level, like))]))])
        ctx.report(connect.call,
                   f"this Live session is opened without a config: {ctx.target.claim('missing_thinking_level')}; "
                   f"pass a config with thinking_level {level!r} (its lowest; review latency)."
                   f"{session_note(connect.model, ctx.target)}",
                   self._fix(level, connect.model, add_entry(connect.call, "config", value)))

    # --- what the module shows -----------------------------------------------------------------
    def _visible(self, ctx: RuleContext, node: cst.CSTNode) -> bool:
        """A dict literal, ``dict(...)`` or a google-genai type call: fields a fix can add to."""
        if isinstance(node, cst.Dict):
            return True
        return isinstance(node, cst.Call) and (
            (isinstance(node.func, cst.Name) and node.func.value == "dict")
            or ctx.live.imports.types_name(node.func) is not None)

    def _hidden(self, ctx: RuleContext, container: cst.CSTNode) -> bool:
        """A ``**x`` splat in ``container`` whose value the module cannot read as a literal."""
        splats = [a.value for a in container.args if a.star == "**"] if isinstance(container, cst.Call) else \
            [e.value for e in container.elements if isinstance(e, cst.StarredDictElement)] \
            if isinstance(container, cst.Dict) else []
        return any(not self._visible(ctx, ctx.live.resolve_value(s)) for s in splats)

    @staticmethod
    def _anchor(ctx: RuleContext, config: LiveConfig, container: cst.Call | cst.Dict) -> cst.CSTNode:
        """Where a finding on the whole config points: the ``"setup"`` key of a raw frame, the
        type of a ``types.LiveConnectConfig(...)`` call, else the dict literal."""
        if config.kind == "raw":
            element = ctx.live.parent(container)
            if isinstance(element, cst.DictElement):
                return element.key
        return container.func if isinstance(container, cst.Call) else container

    # --- the fix -----------------------------------------------------------------------------------
    @staticmethod
    def _fix(level: str, model, *edits: Edit | None) -> Fix | None:
        if not edits or any(e is None for e in edits):
            return None
        # The level is the fix's choice: the policy makes an invented value unsafe.
        return Fix.safe(f"thinking_level {level}", *edits, model=model,
                        invents=(Invented("thinking level", f'"{level}"'),))

    def _level(self, ctx: RuleContext, holder: cst.CSTNode, level: str, raw: bool) -> cst.BaseExpression:
        """``level`` as ``holder`` spells values: the enum on the module alias of a typed call
        (``gt.ThinkingLevel.LOW``), upper case in a raw frame, else a string."""
        if isinstance(holder, cst.Call) and isinstance(holder.func, cst.Attribute) \
                and ctx.live.imports.types_name(holder.func) is not None:
            return cst.Attribute(cst.Attribute(holder.func.value, cst.Name("ThinkingLevel")), cst.Name(level.upper()))
        return string_literal(level.upper() if raw else level, _key_like(holder))

    def _add_thinking_config(self, ctx: RuleContext, config: LiveConfig, container: cst.Call | cst.Dict,
                             generation: ConfigEntry | None, level: str) -> Edit | None:
        """The edit that adds a thinking config with ``level`` to one config literal."""
        raw = config.kind == "raw"
        camel = camel_keys(container, raw)
        if raw:
            # On the wire the thinking config lives in generationConfig.
            if generation is not None:
                holder = ctx.live.resolve_value(generation.value)
                if not isinstance(holder, cst.Dict):
                    return None
                edit = add_entry(holder, "thinking_config", self._thinking_dict(holder, level, True,
                                 camel_keys(holder, True)), camel=camel_keys(holder, True))
            else:
                inner = self._thinking_dict(container, level, True, camel)
                key = "thinkingConfig" if camel else "thinking_config"
                value = cst.Dict([cst.DictElement(string_literal(key, _key_like(container)), inner)])
                edit = add_entry(container, "generation_config", value, camel=camel)
            return edit
        if isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute) \
                and ctx.live.imports.types_name(container.func) is not None:
            alias = container.func.value
            value = cst.Call(cst.Attribute(alias, cst.Name("ThinkingConfig")),
                             args=[keyword_arg("thinking_level", self._level(ctx, container, level, False))])
        else:
            value = self._thinking_dict(container, level, False, camel)
        return add_entry(container, "thinking_config", value, camel=camel)

    @staticmethod
    def _thinking_dict(like: cst.CSTNode, level: str, raw: bool, camel: bool | None) -> cst.Dict:
        """``{"thinking_level": "low"}`` spelled and quoted like ``like``'s keys."""
        quote = _key_like(like)
        return cst.Dict([cst.DictElement(string_literal("thinkingLevel" if camel else "thinking_level", quote),
                                         string_literal(level.upper() if raw else level, quote))])
