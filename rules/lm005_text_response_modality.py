"""TEXT in `response_modalities` of a Live config: native-audio models answer in audio only.

## What it does
Flags `response_modalities` containing TEXT (`"TEXT"`, `types.Modality.TEXT`, any case) in a
Live config of a native-audio model (a 2.5 native-audio id, the target, or a model not known
in the module), in every spelling, including `generation_config` nesting and raw setup frames
(`generationConfig.responseModalities`), and an element the code chooses at run time
(`[modality]` where `modality = "TEXT" if text_only else "AUDIO"`, or a whole list chosen by a
conditional, `["TEXT"] if mode == "text" else ["AUDIO"]`, or a name bound to `["TEXT"]` in one
branch and `["AUDIO"]` in another) on a model the module names
or in an ADK app's `RunConfig` (ADK's streaming sample: `"AUDIO" if is_audio else "TEXT"`;
`run_live` runs the agent's Live model; not a RunConfig only `run_async` takes, a text fallback
beside the stream: measurement 54), and TEXT appended to the modalities list on some runs
(`modalities = []`, then `if text_output: modalities.append("TEXT")`), and TEXT this module
passes for a modality parameter (`[modality]` in `def run(prompt, modality="TEXT")`, called with
`modality="TEXT"`: the cookbook's tools notebook; also through a constant, `modality=
DEFAULT_MODALITY`, or the attribute of `self` the parameter is kept in, `[self.response_modality]`
with `def __init__(self, response_modality=DEFAULT_RESPONSE_MODALITY)`, reported with no fix:
measurement 43; also an `argparse` option whose `choices` hold TEXT passed for it,
`response_modality=args.responses` with `choices=["TEXT", "AUDIO"]`: measurement 53; not a TEXT
default that every call of the module overrides with AUDIO), and LiveKit's Gemini
`RealtimeModel(modalities=[Modality.TEXT])` (reported with no fix: the agent's pipeline speaks
that text with its own TTS, and what replaces it is a design choice), and pipecat's Gemini Live
service built with `params=InputParams(modalities=GeminiMultimodalModalities.TEXT)` (no fix,
likewise). Not a conditional on a
model the module does not know outside ADK: a framework whose model is its users' offers TEXT
as their choice. A config on a 2.x
half-cascade model (`gemini-live-2.5-flash-preview`, `gemini-2.0-flash-live-001`,
`gemini-2.0-flash-exp`), which answers in text, is reported when LM001 (live-model-id) moves
that model: the move puts the session on the target, which refuses TEXT, so `check` lists what
`fix` applies after the move. Not when LM001 leaves the model where it is (its session only
opens for 2.x models, behind a model-id test, or it stays on Vertex AI): TEXT is right there.
Nor when the session's model is written here and is a text model's id (`gemini-2.0-flash-001`
given to `live.connect`): TEXT is what such a model answers in, and no rule moves it.

## Why is this bad?
2.5 native-audio models close a TEXT session with 1007 ("Cannot extract voices from a non-audio
request", THIRD-PARTY). Whether 3.1 Flash Live accepts TEXT is UNCONFIRMED: its model card
lists text output, but the migration guidance is audio plus output transcription, and the 3.8
target is audio only on the Gemini API. A 2.5 text app that relied on a half-cascade model
(`gemini-live-2.5-flash-preview`) loses its text answers once its model moves.

## Example
```python
config = types.LiveConnectConfig(response_modalities=["TEXT"])
```

## Use instead
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)
```

## Fix safety
Unsafe: the modality becomes AUDIO and output transcription is enabled, in the config's
spelling, in each place the code builds the session's config (a default that a method
rebuilds with other fields gets it in both; no fix when one of them spreads `**kwargs`). The
model then speaks, and what it said arrives as
`server_content.output_transcription.text` in fragments. Code reading `.text` needs a change by
hand (LM304 reports it), and audio that nobody plays is bandwidth spent. TEXT this module passes for a modality parameter becomes AUDIO where it is written (the
parameter's default and each call's argument, as the cookbook's maintainers moved its tools
notebook), with the transcription enabled in the config that takes the parameter; a caller in
another module still passes what it passes. No fix when a TEXT comes from a call this module
cannot tie to the function (`exporter.run(..., modality="TEXT")` may be another `run`), or when
another config of the function takes the parameter too (it would stay without transcription). No fix for a modality
chosen by a conditional, or for a list the code adds modalities to afterwards
(`modalities = ["TEXT"]` ... `if media: modalities.append("AUDIO")`): which runs keep their text
output is the program's call. No fix either when the code tests a message's text with an
`else` (`if text := response.text: ... else: <turn ended>`): on AUDIO every audio chunk is a
message without text, so that `else` would run per chunk. In a raw setup frame the transcription key is camelCase unless the
frame's own keys are snake_case (`generation_config`).

## References
- 1007 "Cannot extract voices from a non-audio request" on native-audio models:
  https://github.com/kizuna-ai-lab/sokuji/issues/93, https://github.com/googleapis/js-genai/issues/1212,
  https://github.com/google/adk-python/pull/5734
- TEXT refused on every Live model, 3.8 included (live-verified):
  https://github.com/pydantic/pydantic-ai/pull/8393
- Gemini 3.1 Flash Live model page (lists text output):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 3.8 Live model page: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- Audio transcriptions, Live API guide: https://ai.google.dev/gemini-api/docs/live-guide
- `response_modalities`, `output_audio_transcription` on `LiveConnectConfig` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
"""

from __future__ import annotations

import re

import libcst as cst

from livemigrate.analysis import is_other_model, string_value
from livemigrate.edits import Replace, Splice
from livemigrate.fixes import (add_entry, empty_transcription_config, keyword_arg, live_entries, model_note,
                               siblings, string_literal, transcription_in_builds)
from livemigrate.migration import legacy_model
from livemigrate.policy import stays_on_vertex_2x
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

# A concrete Gemini model id (no placeholder left): `gemini-2.0-flash-001`, `gemini-2.5-pro`.
_TEXT_MODEL_ID = re.compile(r"gemini-[0-9][0-9a-z.\-]*")


def _is_text(node: cst.BaseExpression) -> bool:
    text = string_value(node)
    if text is not None:
        return text.upper() == "TEXT"
    return isinstance(node, cst.Attribute) and node.attr.value.upper() == "TEXT"


def _chooses_text(ctx: RuleContext, node: cst.BaseExpression, depth: int = 0) -> bool:
    """``node`` (a name followed to its one value) is a conditional one of whose sides is TEXT."""
    value = ctx.live.resolve_value(node) if isinstance(node, cst.Name) else node
    if isinstance(value, cst.IfExp) and depth < 4:
        return any(_is_text(side) or _chooses_text(ctx, side, depth + 1) for side in (value.body, value.orelse))
    return False


def _passed_values(ctx: RuleContext, name: cst.Name) -> list[cst.BaseExpression]:
    """What the module passes for the parameter ``name``: its default and each call's
    argument; not the default when every call here passes AUDIO (a TEXT default no call uses
    is no TEXT session)."""
    values = ctx.live.parameter_values(name) or []
    # (each call's value known to be AUDIO: `args.responses` may hold what argparse defaults to)
    if values and ctx.live.default_unused(name) and all(_is_audio(_resolved(ctx, v)) for v in values[1:]):
        return values[1:]
    return values


def _resolved(ctx: RuleContext, value: cst.BaseExpression) -> cst.BaseExpression:
    return ctx.live.resolve_value(value) if isinstance(value, cst.Name) else value


def _passed_through(ctx: RuleContext, element: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The TEXT literals a modality element may hold by way of a parameter's values (its default
    and what this module's calls pass) followed to the constants they name, directly or through
    the attribute of ``self`` the parameter is kept in."""
    live = ctx.live
    names = [element] if isinstance(element, cst.Name) else \
        [v for v in live.attribute_values(element) if isinstance(v, cst.Name)] if isinstance(element, cst.Attribute) else []
    found = []
    for name in names:
        for value in _passed_values(ctx, name):
            # (`args.responses` of an argparse option whose choices hold TEXT: chosen at run time)
            for choice in [value, *live.command_line_choices(value)]:
                resolved = _resolved(ctx, choice)
                if _is_text(resolved):
                    found.append(resolved)
    return found


def _as_audio(node: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(node, cst.SimpleString):
        text = string_value(node) or ""
        return node.with_changes(value=node.value.replace(text, "AUDIO" if text.isupper() else "audio"))
    if isinstance(node, cst.Attribute):
        return node.with_changes(attr=cst.Name("AUDIO"))
    text = string_value(node)
    if text is not None:  # "TE" "XT": one literal in the case the user wrote
        return cst.SimpleString('"AUDIO"' if text.isupper() else '"audio"')
    return node


def _is_audio(node: cst.BaseExpression) -> bool:
    text = string_value(node) or (node.attr.value if isinstance(node, cst.Attribute) else "")
    return text.upper() == "AUDIO"


class TextResponseModality(Rule):
    id = "LM005"
    name = "text-response-modality"
    message = "TEXT response modality on a native-audio Live model: answer in AUDIO with output transcription"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google.genai import types\n"
        "config = types.LiveConnectConfig(response_modalities=['AUDIO'], output_audio_transcription={})\n",
        "from google.genai import types\nc = types.GenerateContentConfig(response_modalities=['TEXT'])\n",
        # a half-cascade model that only runs for 2.x callers: LM001 leaves it, TEXT is right there
        "from google import genai\nclient = genai.Client()\nCONFIG = {'response_modalities': ['TEXT']}\n"
        "async def legacy():\n"
        "    async with client.aio.live.connect(model='gemini-2.0-flash-live-001', config=CONFIG) as s:\n"
        "        pass\n"
        "async def main(model):\n"
        "    if model.startswith('gemini-2'):\n"
        "        await legacy()\n",
    ]
    INVALID = [
        Invalid(
            "from google.genai import types\n"
            "MODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(response_modalities=[types.Modality.TEXT])\n",
            fixed="from google.genai import types\n"
            "MODEL = 'gemini-3.1-flash-live-preview'\n"
            "config = types.LiveConnectConfig(response_modalities=[types.Modality.AUDIO], "
            "output_audio_transcription=types.AudioTranscriptionConfig())\n",
            unsafe=True,
        ),
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'responseModalities': ['TEXT', 'AUDIO'], 'outputAudioTranscription': {}}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'responseModalities': ['AUDIO'], 'outputAudioTranscription': {}}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        pass\n",
            unsafe=True,
        ),
        Invalid(
            'import json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'SETUP = {"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '                   "generationConfig": {"responseModalities": ["TEXT"]}}}\n',
            fixed='import json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'SETUP = {"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '                   "generationConfig": {"responseModalities": ["AUDIO"]},\n'
            '                   "outputAudioTranscription": {}}}\n',
            unsafe=True,
        ),
        Invalid(  # a half-cascade model answers in text, but LM001 moves it to the target
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-live-2.5-flash-preview',\n"
            "                                       config={'response_modalities': ['TEXT']}) as s:\n"
            "        pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-live-2.5-flash-preview',\n"
            "                                       config={'response_modalities': ['AUDIO'], "
            "'output_audio_transcription': {}}) as s:\n"
            "        pass\n",
            unsafe=True,
            message="LM001 moves this session",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.supports_text_modality:
            return
        self._framework_text(ctx)
        for located in live_entries(ctx):
            entry = located.entry
            # LiveKit's Gemini model takes the modalities as `modalities=` (its keywords are the config)
            livekit = entry.path == ("modalities",) and entry.container_type == "RealtimeModel"
            if not livekit and (entry.name != "response_modalities" or entry.parent not in (None, "generation_config")):
                continue
            if livekit:
                value = ctx.live.resolve_value(entry.value)
                if isinstance(value, (cst.List, cst.Tuple)) and any(_is_text(e.value) for e in value.elements) \
                        and not self._kept_half_cascade(ctx, located) and not self._text_model(located):
                    # the agent's pipeline speaks the text with its own TTS: what replaces it is a
                    # design choice (AUDIO out, or a text model beside a TTS), so no fix
                    ctx.report(entry.key_node, self._message(ctx, located) + " LiveKit speaks this text with the "
                               "session's TTS: move to AUDIO output (and drop the TTS) or to a text model by hand.")
                continue
            if self._kept_half_cascade(ctx, located):
                continue  # TEXT is right there, and LM001 leaves the model there
            if self._text_model(located):
                continue  # a text model's id: TEXT is what it answers in, and no rule moves it
            value = ctx.live.resolve_value(entry.value)
            # (a model the module names, or an ADK app's RunConfig: run_live runs a Live model)
            named = located.model.status != "unknown" or self._adk_run_config(ctx, located)
            if type(value) is cst.IfExp and named and any(
                    isinstance(side := ctx.live.resolve_value(v), (cst.List, cst.Tuple))
                    and any(_is_text(e.value) for e in side.elements) for v in (value.body, value.orelse)):
                # `["TEXT"] if mode == "text" else ["AUDIO"]` on a model the module names
                ctx.report(entry.key_node, self._message(ctx, located) + " The code chooses TEXT on some runs "
                           "(a conditional): make that side AUDIO by hand.")
                continue
            if not isinstance(value, (cst.List, cst.Tuple)):
                if _is_text(value):  # response_modalities=TEXT_ONLY constant of another shape
                    ctx.report(entry.key_node, self._message(ctx, located))
                elif isinstance(value, cst.Name) and named and any(
                        isinstance(v, (cst.List, cst.Tuple)) and any(_is_text(e.value) for e in v.elements)
                        for v in ctx.live.values_of(value)):
                    # `response_modalities = ["TEXT"]` in one branch, `["AUDIO"]` in another
                    ctx.report(entry.key_node, self._message(ctx, located) + " The code chooses TEXT on some runs "
                               "(a list bound in a branch): make that list AUDIO by hand.")
                continue
            if not any(_is_text(e.value) for e in value.elements):
                # `[modality]` where `modality = "TEXT" if flag else "AUDIO"`: TEXT on some runs.
                # Only on a model the module names, or in an ADK app's RunConfig (run_live runs a
                # Live model): a framework serving models it does not know offers TEXT as its
                # users' choice.
                chosen = any(_chooses_text(ctx, e.value) for e in value.elements)
                # `[modality]` of `def run(prompt, modality="TEXT")`, which this module's calls fill
                passed = [v for e in value.elements if isinstance(e.value, cst.Name)
                          for v in _passed_values(ctx, e.value) if _is_text(v)]
                # ... or through a constant, or an attribute set from such a parameter
                # (`[self.response_modality]`, `def __init__(self, response_modality=DEFAULT_MODALITY)`)
                indirect = [v for e in value.elements for v in _passed_through(ctx, e.value)
                            if not any(v is p for p in passed)]
                if indirect and located.model.status != "unknown":
                    lines = ", ".join(dict.fromkeys(str(ctx.line_of(v)) for v in [*passed, *indirect]))
                    ctx.report(entry.key_node, self._message(ctx, located) + " TEXT is what this module passes "
                               f"for it (line {lines}): make that AUDIO by hand.")
                elif passed and located.model.status != "unknown":
                    lines = ", ".join(dict.fromkeys(str(ctx.line_of(v)) for v in passed))  # default, then calls
                    parameter = next(e.value for e in value.elements if isinstance(e.value, cst.Name))
                    fix = self._passed_fix(ctx, located, passed, parameter)
                    ctx.report(entry.key_node, self._message(ctx, located) + " TEXT is what this module passes "
                               f"for it (line {lines}): " + ("those become AUDIO." if fix else "make those AUDIO by hand."),
                               fix)
                elif chosen and (located.model.status != "unknown" or self._adk_run_config(ctx, located)):
                    ctx.report(entry.key_node, self._message(ctx, located) + " The code chooses TEXT on some runs "
                               "(a conditional): make that side AUDIO by hand.")
                elif isinstance(entry.value, cst.Name) and any(_is_text(v) or _chooses_text(ctx, v)
                                                               for v in ctx.live.appended_to(entry.value)):
                    # `modalities = []`, then `modalities.append("TEXT")` under a flag
                    ctx.report(entry.key_node, self._message(ctx, located) + " The code adds TEXT to this list "
                               "on some runs: make it AUDIO by hand.")
                continue
            grown = isinstance(entry.value, cst.Name) and ctx.live.is_mutated(entry.value)
            if grown:  # `modalities = ["TEXT"]` then `modalities.append("AUDIO")` in some modes
                ctx.report(entry.key_node, self._message(ctx, located) + " The code adds modalities to this list "
                           "on some runs: make it AUDIO by hand.")
                continue
            kept = ctx.live.text_tests_with_else(located.config)
            if kept:
                # `if text := response.text: ... else: <turn ended>`: on AUDIO every audio chunk is
                # a message without text, so the `else` would run per chunk; what it should test
                # instead (`turn_complete`?) is the program's call.
                lines = ", ".join(str(ctx.line_of(t)) for t in kept)
                ctx.report(entry.key_node, self._message(ctx, located) + " The code takes a message without text "
                           f"for something (the `else` of its text test, line {lines}); on AUDIO every audio "
                           "chunk is such a message: change that test, then the modality, by hand.")
                continue
            ctx.report(entry.key_node, self._message(ctx, located), self._fix(ctx, located, value))

    @staticmethod
    def _framework_text(ctx: RuleContext) -> None:
        """pipecat's Gemini Live service told to answer in text (its ``InputParams``)."""
        for arg, model in ctx.live.framework_text_modalities():
            if is_other_model(model) or stays_on_vertex_2x(model, ctx.target) or ctx.live.is_legacy_only(arg):
                continue
            ctx.report(arg.keyword, f"TEXT response modality for this Live service: {ctx.target.model_id} "
                                    f"{ctx.target.reason('text_modality')}; use AUDIO and read the words from the "
                                    f"output transcription (the pipeline's TTS then has nothing to speak: decide by hand)")

    @staticmethod
    def _adk_run_config(ctx: RuleContext, located) -> bool:
        """The config is an ADK ``RunConfig(...)`` (ADK runs the agent's Live model with it)."""
        root = ctx.live.resolve_value(located.config.root)
        return isinstance(root, cst.Call) and ctx.live.imports.types_name(root.func) == "RunConfig"

    @staticmethod
    def _text_model(located) -> bool:
        """The session's model is written here, and it is a Gemini id that is neither a 2.x
        Live model nor the target (``gemini-2.0-flash-001``): a text model, which answers in
        text and which LM001 does not move."""
        model = located.model
        return (model.status == "unknown" and bool(model.ids) and not model.imported
                and all(_TEXT_MODEL_ID.fullmatch(i.removeprefix("models/")) and legacy_model(i) is None
                        and "live" not in i and "native-audio" not in i for i in model.ids))

    @staticmethod
    def _half_cascade(located) -> str | None:
        """The id of the config's model when it is a 2.x half-cascade model (text output was
        supported there), else None."""
        model = located.model
        models = [legacy_model(i) for i in model.ids]
        if model.status == "legacy" and models and all(m is not None and not m.native_audio for m in models):
            return model.ids[0]
        return None

    @classmethod
    def _kept_half_cascade(cls, ctx: RuleContext, located) -> bool:
        """The config's model is a 2.x half-cascade model that LM001 leaves where it is, so
        TEXT stays right: every id of it this module writes only runs for 2.x models (a
        model-id gate), or it has no target id on its backend (Vertex AI). Any other such
        model LM001 moves to the target, which refuses TEXT: reported now, as ``fix`` applies
        it after the move. An id imported from another module moves there."""
        model = located.model
        if cls._half_cascade(located) is None:
            return False
        if stays_on_vertex_2x(model, ctx.target):
            return True
        live = ctx.live
        literals = [n for n in model.literals if n is not None]
        if model.imported or not literals:
            return False
        return all(live.is_legacy_only(n) or (ctx.target.vertex_model_id is None and live.on_vertex(n))
                   for n in literals)

    @classmethod
    def _message(cls, ctx: RuleContext, located) -> str:
        old = cls._half_cascade(located)
        if old is not None:  # the session answers in text today: it is the move that breaks it
            bare = old.rsplit("/", 1)[-1]
            return (f"TEXT response modality: `{bare}` answers in text, but LM001 moves this session to "
                    f"{ctx.target.model_id}, which {ctx.target.reason('text_modality')}; use AUDIO and read "
                    f"the words from output_audio_transcription.")
        return (f"TEXT response modality: native-audio Live models answer in audio, and "
                f"{ctx.target.claim('text_modality')}; use AUDIO and read the words from "
                f"output_audio_transcription.{model_note(located, ctx.target)}")

    def _fix(self, ctx: RuleContext, located, value: cst.List | cst.Tuple) -> Fix | None:
        audio_like = next(e.value for e in value.elements if _is_text(e.value))
        elements = [e for e in value.elements if not _is_text(e.value)]
        if not any(_is_audio(e.value) for e in elements):
            elements = [cst.Element(_as_audio(audio_like))]
        if elements:
            elements[-1] = elements[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        edits = [Replace(value, value.with_changes(elements=elements))]
        if not self._has_transcription(ctx, located):
            insert = self._transcription(ctx, located)
            if insert is None:
                return None
            edits.append(insert)
        # The code may build the session's config in other places too (`config = self.config`,
        # then under an `if` a new LiveConnectConfig copying the modalities): each gets it,
        # but for a place with TEXT of its own, whose own finding's fix adds it there.
        others = transcription_in_builds(ctx.live, located.config, covered=self._text_entries(ctx, located.config))
        if others is None:
            return None
        edits += others
        # model: TEXT is right on a 2.x half-cascade model, so this is a change for the target
        # alone (gate style keeps TEXT on the old model).
        return Fix.unsafe("AUDIO with output transcription", *edits, model=located.model)

    def _passed_fix(self, ctx: RuleContext, located, passed: list[cst.BaseExpression],
                    parameter: cst.Name) -> Fix | None:
        """AUDIO written where this module passes TEXT for the modality parameter (its default,
        its calls' arguments: what the cookbook's maintainers did by hand), with the output
        transcription enabled in the config. None where the code takes a message without text
        for something (as for a literal list), the transcription cannot be placed, a TEXT comes
        from a call this module cannot tie to the function (`obj.run(..., modality="TEXT")` on
        an object of unknown type: perhaps another `run`), or another config takes the
        parameter too (it would stay without transcription)."""
        live = ctx.live
        function = live.enclosing_function(parameter)
        if function is None or live.text_tests_with_else(located.config):
            return None
        for value in passed:
            holder = live.parent(value)
            if isinstance(holder, cst.Param):
                continue
            call = live.parent(holder) if isinstance(holder, cst.Arg) else None
            if not (isinstance(call, cst.Call) and live.callee(call) is function):
                return None
        takers = [e for e in live_entries(ctx) if e.entry.name == "response_modalities"
                  and live.enclosing_function(e.entry.node) is function
                  and any(isinstance(n, cst.Name) and n.value == parameter.value
                          for n in live.walk(e.entry.value))]
        if len(takers) > 1:
            return None
        edits = [Replace(value, _as_audio(value)) for value in dict.fromkeys(passed)]
        if not self._has_transcription(ctx, located):
            insert = self._transcription(ctx, located)
            if insert is None:
                return None
            edits.append(insert)
        return Fix.unsafe("AUDIO passed, with output transcription", *edits, model=located.model)

    @staticmethod
    def _text_entries(ctx: RuleContext, config) -> list[cst.CSTNode]:
        """The ``response_modalities`` entries of ``config`` that list TEXT (each is a finding
        of this rule, whose fix enables the transcription where it sits)."""
        found = []
        for entry in ctx.live.entries_of(config):
            if entry.name == "response_modalities" and entry.parent in (None, "generation_config"):
                value = ctx.live.resolve_value(entry.value)
                if isinstance(value, (cst.List, cst.Tuple)) and any(_is_text(e.value) for e in value.elements):
                    found.append(entry.node)
        return found

    @staticmethod
    def _has_transcription(ctx: RuleContext, located) -> bool:
        """Output transcription is already set beside this modality (or beside the
        generation_config holding it)."""
        entry = located.entry
        if entry.parent == "generation_config" or located.config.kind == "raw":
            holder = next((e for e in ctx.live.entries_of(located.config)
                           if e.path == ("generation_config",) and e.value is entry.container), None)
            if holder is None:
                return False
            entry = holder
        return any(s.name == "output_audio_transcription" for s in siblings(ctx, entry))

    @staticmethod
    def _transcription(ctx: RuleContext, located):
        entry = located.entry
        node = entry.node
        if located.config.kind == "raw" or entry.parent == "generation_config":
            # the field lives at the top of the setup / config, beside generation_config
            holder = next((e for e in ctx.live.entries_of(located.config)
                           if e.path == ("generation_config",) and e.value is entry.container), None)
            if holder is None or not isinstance(holder.node, (cst.Arg, cst.DictElement)):
                return None
            node = holder.node
            # a raw setup frame is camelCase on the wire, unless its own keys say snake_case
            camel = holder.spelling == "camel" or (located.config.kind == "raw" and holder.spelling != "snake")
        else:
            camel = entry.spelling == "camel"
        holder = located.entry.container if node is located.entry.node else ctx.live.parent(node)
        if isinstance(holder, (cst.Call, cst.Dict)) and len(holder.args if isinstance(holder, cst.Call)
                                                              else holder.elements) == 1:
            # the only entry (maybe on its own line): added after it, in the container's layout
            value = empty_transcription_config(ctx.live, holder)
            return add_entry(holder, "output_audio_transcription", value, camel=camel if isinstance(holder, cst.Dict)
                             else None)
        if isinstance(node, cst.Arg):
            container = entry.container if entry.parent is None else None
            new = keyword_arg("output_audio_transcription", empty_transcription_config(ctx.live, container))
        elif isinstance(node, cst.DictElement):
            key = "outputAudioTranscription" if camel else "output_audio_transcription"
            new = cst.DictElement(string_literal(key, node.key), cst.Dict([]))
        else:
            return None
        return Splice(node, (node, new))
