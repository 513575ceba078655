"""A 2.x Live model id that the target no longer serves.

## What it does
Flags string literals holding a 2.x Live model id
(`gemini-2.5-flash-native-audio-preview-12-2025`, `-09-2025`, `gemini-live-2.5-flash-preview`,
`gemini-2.0-flash-live-001`, the native-audio dialog ids, the Vertex `gemini-live-2.5-flash*`
ids, with or without `models/`; also an f-string with no placeholder and strings concatenated
implicitly, `"models/" "gemini-2.0-flash-exp"`, where the part holding the id is rewritten:
measurement 43 and its review). These ids exist only for the Live API, so they are flagged in
any Python string: a `config.py` constant, an `os.getenv("MODEL", "...")` default (or an
argparse option's, `args.model`: measurement 53), a dataclass
field default, a list of ids, an id compared in a check. `gemini-2.0-flash-exp`, also a plain
text model, is flagged only when it flows to a Live session (as is another experimental 2.x id,
`gemini-2.5-flash-exp`, named as that one was: measurement 45), here or in another module of the
run (a `config.py` constant that `client.py` imports and opens a session with, also a settings
class's field read through a factory, `self.settings = get_settings()` then
`self.settings.gemini_model`; an id passed to
a session class or function of this module or another, `LiveSession(model="...")`,
`open_session("...")`, `functools.partial(open_session, model="...")`, a dataclass field,
whose parameter reaches `live.connect`, an ADK agent's `model=` that another module's
`Runner(agent=root_agent)` streams with `run_live` (measurement 49), or an f-string in a raw setup frame,
`{"setup": {"model": f"models/{self.model}"}}`). An id passed to a parameter that reaches only
`generate_content` is not flagged, and in a module that opens no Live session neither is any id
(Live-only ones too) that only a text model takes: `generate_content(model=...)`,
`google.generativeai`'s `GenerativeModel("...")`. Comments, docstrings and ids in
code that only runs for 2.x models (a version-gated branch) are not flagged. A Live-only id
named inside a longer text of a module using the Live API (a log line, an error message:
`"Initializing RealtimeModel with gemini-2.5-flash-native-audio-latest..."`) is flagged with no
fix: the text is the program's to reword. An id another module of the run tests for a piece
of its name that the target's id lacks (`"native-audio" in agent.model`, choosing AUDIO or TEXT:
ADK's streaming sample) gets no fix either: moving it alone flips that test.

## Why is this bad?
2.x Live models are being shut down (`gemini-2.0-flash-live-001` and
`gemini-live-2.5-flash-preview` already were, on 2025-12-09); the successor on the Gemini API
is `gemini-3.1-flash-live-preview`.

## Example
```python
MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"
```

## Use instead
```python
MODEL = "gemini-3.1-flash-live-preview"
```

On a target that replaces an earlier target (3.8 replaces the 3.1 preview), that earlier
id is a legacy id too and is moved the same way.

## Fix safety
Safe on the Gemini API: the id is replaced, keeping a `models/` (or longer resource path)
prefix and the quotes, when every other finding of the module has a safe fix too. If any
finding stays for a human (a removal a comment keeps unsafe, a model that is a caller's, a
compared id, a construct with no fix), moving the model first would run that construct on a
model that refuses it, so the rewrite is unsafe and its reason names the first such finding.
No fix for an id that a check in the same function compares (a test that passes the id in
and asserts it back): rewriting the input alone would fail the check; both move by hand.
Advice that holds the same on the old model and the target (a session limit, an output cap, a
key to protect, a v1alpha to drop: LM007, LM009, LM402, LM403, LM501-LM503) holds nothing back.
An id passed to a session's model parameter is one of the values that session may get (other
callers may pass others): its config's fixes stay unsafe, and the id is moved where it is passed.
The same holds for an id that reaches no Live session in its own module (a `config.py`
constant, an argument to a library): the modules that use it are not weighed from here, so
the rewrite is unsafe; fix them first, then move the id with `--unsafe-fixes`.
Unsafe for one entry among several (a list, set, dict key, enum value): a framework may keep
both generations side by side; no fix when the new id is already listed beside it (that would
duplicate the entry). In a `Literal[...]` type of the names callers may pass, the new id is added
beside the old one instead (replacing it would narrow the type: code passing the old id, often
the library's own default, would fail its type checks, as LiveKit's plugin kept both when it
moved); a type that already names both is not reported. No fix for an id that is compared
(`model == "..."`, `model in (...)`, `startswith`, `case "..."`, a set used only for `in`
tests): rewriting it changes what the check tests; nor for one in a test that expects an error
(`with pytest.raises(...)`, `assertRaises`, or a warning, `pytest.warns`: the test may want the
retired id refused, measurement 54). No fix for a `gemini-2.0-flash-exp`
constant (or constructor argument) also used by `generate_content` (the 3.1 id is Live-only). No fix for Vertex AI ids,
or for an id in code that talks to Vertex AI (a client built with `vertexai=True` /
`enterprise=True`, or the Vertex branch of `if use_vertex: ... else: ...`, a raw socket to Vertex
AI's `LlmBidiService` whose setup names the model by its resource path, `f"projects/{PROJECT}/
.../publishers/google/models/gemini-2.0-flash-exp"`, reported on that text; in a run over the
project, a settings default that another module's Live session takes where that module builds
a Vertex AI client or reads `GOOGLE_GENAI_USE_VERTEXAI`, also an id passed to another module's
class or function that opens its session on such a client, `Voice(model=MODEL)`): there is no
confirmed 3.1 id on Vertex AI (UNCONFIRMED: no Vertex AI model page; one vendor documents it
there). A Gemini API id in the other branch is rewritten. Unsafe for the 2.0 ids that also
name a Vertex AI model (`gemini-2.0-flash-live-001`, `gemini-2.0-flash-live-preview-04-09`:
sources conflict on which backend serves them): code may run on Vertex AI without showing it
(an environment variable). Unsafe too when the session asks for TEXT answers, which the target
refuses: move it to AUDIO first (LM005 reports that config, and its fix does so).

## References
- Gemini 3.1 Flash Live model page: https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 2.5 Flash native audio model page:
  https://ai.google.dev/gemini-api/docs/models/gemini-2.5-flash-native-audio-preview-12-2025
- Shutdown of `gemini-2.0-flash-live-001` and `gemini-live-2.5-flash-preview`:
  https://ai.google.dev/gemini-api/docs/deprecations and https://ai.google.dev/gemini-api/docs/changelog
- Vertex AI Live models (`gemini-live-2.5-flash*` ids):
  https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/2-5-flash-live-api
- 3.1 on Vertex AI, documented only by a vendor:
  https://docs.agora.io/en/conversational-ai/models/mllm/google-vertex-ai
- Gemini 3.8 Live (Gemini API and Vertex AI): https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live,
  https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-8-live
- The 3.1 id is Live-only (404 from `generate_content`): https://github.com/googleapis/python-genai/issues/2219
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from livemigrate.edits import Replace
from livemigrate.migration import LegacyModel, legacy_model, strip_model_prefix
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext


class LiveModelId(Rule):
    id = "LM001"
    name = "live-model-id"
    message = "legacy Live model id: move to the target Live model"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        'MODEL = "gemini-3.1-flash-live-preview"\n',
        '# the old model was gemini-2.5-flash-native-audio-preview-12-2025\nMODEL = "x"\n',
        'def f():\n    """Was gemini-2.5-flash-native-audio-preview-12-2025."""\n',
        # gemini-2.0-flash-exp is also a text model: fine with generate_content
        'from google import genai\nclient = genai.Client()\n'
        'client.models.generate_content(model="gemini-2.0-flash-exp", contents="hi")\n',
        # the parameter reaches only generate_content
        'from google import genai\n'
        'def answer(model, prompt):\n'
        '    return genai.Client().models.generate_content(model=model, contents=prompt)\n'
        'answer("gemini-2.0-flash-exp", "hi")\n',
        # the old SDK's text model, no Live session here: not Live code (even a Live-only id)
        'import google.generativeai as genai\n'
        'model = genai.GenerativeModel("models/gemini-2.0-flash-live-001")\n'
        'print(model.generate_content("hi").text)\n',
        # only runs for 2.x models
        'def pick(model):\n    if "gemini-3" not in model:\n'
        '        fallback = "gemini-2.5-flash-native-audio-preview-09-2025"\n        return fallback\n',
    ]
    INVALID = [
        # an id that reaches no session here (a config module): unsafe, its users are elsewhere
        Invalid('MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n',
                fixed='MODEL = "gemini-3.1-flash-live-preview"\n', unsafe=True),
        Invalid("MODEL = 'models/gemini-2.0-flash-live-001'\n",
                fixed="MODEL = 'models/gemini-3.1-flash-live-preview'\n", unsafe=True),
        Invalid('import os\nMODEL = os.getenv("LIVE_MODEL", "gemini-live-2.5-flash-preview")\n',
                fixed='import os\nMODEL = os.getenv("LIVE_MODEL", "gemini-3.1-flash-live-preview")\n', unsafe=True),
        Invalid('from google import genai\nclient = genai.Client()\n'
                'async def main():\n'
                '    async with client.aio.live.connect(model="gemini-2.0-flash-exp", config={}) as s:\n'
                '        pass\n',
                fixed='from google import genai\nclient = genai.Client()\n'
                'async def main():\n'
                '    async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:\n'
                '        pass\n'),
        # passed here for a parameter that is the session's model
        Invalid('from google import genai\nclient = genai.Client()\n'
                'def open_session(model):\n'
                '    return client.aio.live.connect(model=model, config={})\n'
                'session = open_session("gemini-2.0-flash-exp")\n',
                fixed='from google import genai\nclient = genai.Client()\n'
                'def open_session(model):\n'
                '    return client.aio.live.connect(model=model, config={})\n'
                'session = open_session("gemini-3.1-flash-live-preview")\n'),
        Invalid('MODEL = "gemini-live-2.5-flash-native-audio"\n'),  # Vertex: no fix
        # a check on the id: reported, never rewritten (that would change what it tests)
        Invalid('def cfg(model):\n    if model == "gemini-2.5-flash-native-audio-preview-12-2025":\n        return 1\n'),
        Invalid('from google import genai\nclient = genai.Client(vertexai=True, project="p", location="l")\n'
                'MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n'),
    ]

    def check(self, ctx: RuleContext) -> None:
        rewritten: set[int] = set()  # collections that got a fix in this pass
        # ids a check compares, per function: a test that passes one in and asserts it back
        # (`payload = build(model="gemini-2.5-…")`, then `assert payload["model"] == "models/gemini-2.5-…"`)
        literals = list(ctx.live.model_literals(also=ctx.target.replaces))  # (worked out per call: once)
        compared: dict[tuple[int, str], cst.CSTNode] = {}
        for literal in literals:
            if literal.context == "compared":
                scope = ctx.live.enclosing_function(literal.node)
                compared.setdefault((id(scope), strip_model_prefix(literal.value)[1]), literal.node)
        for literal in literals:
            node, value = literal.node, literal.value
            # a 2.x id, or an earlier target's id the target replaces (3.1 when moving to 3.8)
            model = legacy_model(value) or LegacyModel(strip_model_prefix(value)[1], "gemini")
            if not model.live_only and not (literal.flows_to_live or literal.flows_elsewhere):
                continue
            if ctx.live.is_legacy_only(node):
                continue
            _, bare = strip_model_prefix(value)
            on_vertex = model.backend == "vertex" or literal.flows_to_vertex or ctx.live.on_vertex(node)
            new_id = ctx.target.vertex_model_id if on_vertex else ctx.target.model_id
            head = f"`{bare}` is a legacy Live model id"
            if literal.context == "compared":
                ctx.report(node, f"{head}, compared here: review this check by hand (rewriting the id "
                           f"would change what it tests)")
            elif new_id is None:
                ctx.report(node, f"{head}; {ctx.target.claim('vertex_model')}, so it is not rewritten")
            elif ctx.live.in_a_test_expecting_an_error(node):
                ctx.report(node, f"{head}, in a test that expects an error: review it by hand (the test may want "
                           f"this id refused; rewriting it would change what it tests)")
            elif (check := compared.get((id(ctx.live.enclosing_function(node)), bare))) is not None:
                ctx.report(node, f"{head}; a check here compares the same id (line {ctx.line_of(check)}): move "
                           f"both to `{new_id}` by hand (rewriting this one alone would fail that check)")
            elif (test := next(((text, where) for text, where in literal.tested_elsewhere
                                if text.lower() in bare.lower() and text.lower() not in new_id.lower()), None)):
                ctx.report(node, f"{head}; {test[1]} tests this id for `{test[0]}` (to choose what the session "
                           f"does), which `{new_id}` does not contain: move the id to `{new_id}` and change that "
                           f"test by hand together")
            elif literal.shared_with_non_live:
                ctx.report(node, f"{head} for Live, but this constant is also the model of a non-Live call "
                           f"(generate_content, chats) where `{new_id}` does not exist: give Live its own "
                           f"constant set to `{new_id}`")
            elif bare not in self._text(node):
                ctx.report(node, f"{head}; move to `{new_id}`")
            elif literal.context == "collection":
                container, siblings = self._collection_strings(ctx, node)
                if new_id in siblings and self._is_literal_type(ctx, container):
                    continue  # a type naming both generations: callers may pass either
                if id(container) in rewritten and self._is_literal_type(ctx, container):
                    # the type gets the new id beside its first old one; once it names both, neither is reported
                    ctx.report(node, f"{head}; `{new_id}` is added beside the first legacy id of this `Literal[...]` "
                               f"type (a type naming both generations needs nothing more)")
                    continue
                if new_id in siblings or id(container) in rewritten:
                    # one rewrite per collection and pass: a second would duplicate the new id
                    where = "is already listed beside it" if new_id in siblings else \
                        "replaces another entry of this collection"
                    ctx.report(node, f"{head}; `{new_id}` {where}: remove this entry by hand (rewriting "
                               f"it would duplicate the entry)")
                elif self._is_literal_type(ctx, container):
                    # a type of the names a caller may pass: replacing the entry would narrow it
                    # (code passing the old id, often the library's own default, fails its checks)
                    rewritten.add(id(container))
                    added = self._added_beside(ctx, container, node, bare, new_id)
                    ctx.report(node, f"{head}; add `{new_id}` beside it (an entry of a `Literal[...]` type: "
                               f"callers may still pass the old id)",
                               Fix.unsafe(f"add {new_id}", added, sessions_here=literal.flows_to_live) if added else None)
                else:
                    rewritten.add(id(container))
                    ctx.report(node, f"{head}; use `{new_id}` (one entry of a list, set, mapping or enum: "
                               f"check that nothing relied on the old entry)",
                               Fix.unsafe(f"use {new_id}", self._rewrite(node, bare, new_id),
                                          switches_model=True, sessions_here=literal.flows_to_live))
            else:
                fix = Fix.safe(f"use {new_id}", self._rewrite(node, bare, new_id),
                               switches_model=True, sessions_here=literal.flows_to_live)
                if model.also_vertex:
                    fix = replace(fix, unsafe_reasons=(
                        f"`{bare}` is also a Vertex AI model id, and {ctx.target.claim('vertex_model')}: "
                        f"if this code runs on Vertex AI (a project and location, or "
                        f"GOOGLE_GENAI_USE_VERTEXAI set outside the code), the new id does not exist there",))
                ctx.report(node, f"{head}; use `{new_id}`", self._weighed(ctx, value, fix))
        # an id named in a text (a log line, a message): what it says goes stale with the move
        for node, bare in ctx.live.model_mentions():
            if ctx.live.is_legacy_only(node) or ctx.target.model_id in self._text(node):
                continue  # (a text naming the target too says the move: "X was retired; this app uses Y")
            on_vertex = legacy_model(bare).backend == "vertex" or ctx.live.on_vertex(node)
            new_id = ctx.target.vertex_model_id if on_vertex else ctx.target.model_id
            where = f"; say `{new_id}` there once the model moves" if new_id else ""
            ctx.report(node, f"`{bare}`, a legacy Live model id, is named in this text{where} (update it by hand)")

    @staticmethod
    def _weighed(ctx: RuleContext, value: str, fix: Fix) -> Fix:
        """What moving the id breaks: a session on a 2.x model that answers in TEXT moves to a
        target that refuses TEXT (LM005 reports the config; until it is fixed, this move is
        unsafe)."""
        if ctx.target.supports_text_modality:
            return fix
        _, bare = strip_model_prefix(value)
        if "text_models" not in ctx.cache:  # once per module: asked per literal, it was quadratic
            ctx.cache["text_models"] = {strip_model_prefix(i)[1] for config in ctx.live.configs
                                        if "TEXT" in (ctx.live.response_modalities(config) or set())
                                        for i in config.model.ids}
        if bare in ctx.cache["text_models"]:  # type: ignore[operator]
            return replace(fix, unsafe_reasons=(
                f"its session asks for TEXT answers, which {ctx.target.model_id} "
                f"{ctx.target.reason('text_modality')}: move it to AUDIO first (LM005)",))
        return fix

    @staticmethod
    def _text(node) -> str:
        return node.value

    @staticmethod
    def _rewrite(node, bare: str, new_id: str) -> Replace:
        return Replace(node, node.with_changes(value=node.value.replace(bare, new_id)))

    @staticmethod
    def _is_literal_type(ctx: RuleContext, container) -> bool:
        """``Literal[...]``, ``typing.Literal[...]``, ``t.Literal[...]``, ``typing_extensions.Literal[...]``,
        or ``Literal`` imported under another name (``from typing_extensions import Literal as L``)."""
        from livemigrate.analysis import dotted_name

        if not isinstance(container, cst.Subscript):
            return False
        name = (dotted_name(container.value) or "").rpartition(".")[2]
        if name == "Literal":
            return True
        if "literal_aliases" not in ctx.cache:  # once per module
            ctx.cache["literal_aliases"] = {
                alias.asname.name.value for node in ctx.live.nodes(cst.ImportFrom)
                if not isinstance(node.names, cst.ImportStar) for alias in node.names
                if alias.asname is not None and isinstance(alias.name, cst.Name) and alias.name.value == "Literal"
                and isinstance(alias.asname.name, cst.Name)}
        return name in ctx.cache["literal_aliases"]  # type: ignore[operator]

    @staticmethod
    def _added_beside(ctx: RuleContext, container, node, bare: str, new_id: str) -> Replace | None:
        """The ``Literal[...]`` type ``container`` with the new id added right after ``node``'s
        entry, in its quotes: on a line of its own when the entries are one per line (the old
        entry keeps its trailing comment, the comments above the next entry stay there); None
        when the layout cannot be kept (a last entry with no trailing comma on a line of its own,
        or the only entry of a type written over several lines)."""
        elements = list(container.slice)
        index = next((i for i, e in enumerate(elements) if isinstance(e.slice, cst.Index) and e.slice.value is node),
                     None)
        if index is None:
            return None
        entry = elements[index]
        added = node.with_changes(value=node.value.replace(bare, new_id))
        comma = entry.comma
        if isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace):
            after = comma.whitespace_after
            if index + 1 < len(elements):  # the next line's indentation is an entry's
                line_end = after.with_changes(empty_lines=())
            else:  # the last entry: its comma's newline leads to the closing bracket; take the entries' indentation
                previous = elements[index - 1].comma if index else None
                if not (isinstance(previous, cst.Comma) and isinstance(previous.whitespace_after, cst.ParenthesizedWhitespace)):
                    return None
                line_end = after.with_changes(empty_lines=(), indent=previous.whitespace_after.indent,
                                              last_line=previous.whitespace_after.last_line)
            elements[index] = entry.with_changes(comma=comma.with_changes(whitespace_after=line_end))
            new_comma = comma.with_changes(whitespace_after=after.with_changes(first_line=cst.TrailingWhitespace()))
            elements.insert(index + 1, cst.SubscriptElement(cst.Index(added), comma=new_comma))
        elif isinstance(comma, cst.Comma):  # entries on one line: `"old", "new", ...`
            elements.insert(index + 1, cst.SubscriptElement(cst.Index(added), comma=comma))
        elif isinstance(container.rbracket.whitespace_before, cst.ParenthesizedWhitespace):
            return None  # the last entry on a line of its own with no comma: its comment would follow the new id
        else:  # the last entry, no trailing comma, one line: `, "new"` after it
            elements[index] = entry.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            elements.insert(index + 1, cst.SubscriptElement(cst.Index(added)))
        return Replace(container, container.with_changes(slice=elements))

    @staticmethod
    def _collection_strings(ctx: RuleContext, node) -> tuple[cst.CSTNode, set[str]]:
        """The other strings of the list / set / dict / subscript / class holding ``node``."""
        from livemigrate.analysis import descendants, string_value

        container = node
        ancestors = iter(ctx.live.ancestors(node))
        for ancestor in ancestors:
            if isinstance(ancestor, (cst.List, cst.Set, cst.Tuple, cst.Dict, cst.Subscript, cst.ClassDef)):
                container = ancestor
                break
        # An entry of a collection of entries (`[{"id": "gemini-2.5-...", "label": ...}, {"id":
        # "gemini-3.1-..."}]`, a model picker): its siblings are the outer collection's.
        for ancestor in ancestors if not isinstance(container, cst.ClassDef) else ():
            if isinstance(ancestor, (cst.Element, cst.DictElement)):
                continue
            if not isinstance(ancestor, (cst.List, cst.Set, cst.Tuple, cst.Dict)):
                break
            container = ancestor
        found = set()
        for child in descendants(container, skip=()):
            text = string_value(child) if isinstance(child, cst.SimpleString) else None
            if text is not None and child is not node:
                found.add(strip_model_prefix(text)[1])
        return container, found
