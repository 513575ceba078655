"""A session that streams video with no `turn_coverage`: the target bills every frame.

## What it does
Flags a Live session that sends video (`send_realtime_input(video=...)`, an image blob sent
through `media=` / `session.send(input=...)` / `mediaChunks`, a PIL image,
`start_stream(mime_type="image/...")`, raw `{"realtimeInput": {"video": ...}}`) whose config
sets no `realtime_input_config.turn_coverage`, in any spelling
(`types.RealtimeInputConfig(turn_coverage=...)`, snake_case or camelCase dicts, a raw setup
frame's `realtimeInputConfig.turnCoverage`). The finding is on the call that opens the session
(`live.connect(...)`), or on the `"setup"` key of a raw client's first frame. An ADK app's session
(`runner.run_live(...)`) streams video when its `LiveRequestQueue.send_realtime(...)` gets an
image blob; its `RunConfig` is the config (reported with no fix). In a run over the project, a
method of an imported base class (a mixin of another module) that sends video counts when the
class opening the session calls it (`self._send_realtime_loop(session)`): `video=`, or an image
blob through the deprecated `media=` (`blob = types.Blob(data=raw, mime_type="image/jpeg")`).
So does video another module sends on the session a function here opens and hands back
(`async with await create_session() as live:`, kept as `state.live = live`, then
`state.live.send(input={"mime_type": "image/jpeg", ...})` there): the message names that file and
line (measurement 40); and so does a function of another module the session is handed to that
sends `video=` in a loop running until stopped, or sends whatever a queue holds when this module
or one it imports (two imports deep: a camera loop calling another module's frame encoder, whose
MIME type is a settings module's constant) builds image blobs (measurement 42), or a module
that imports this one builds them and calls its session class (a GUI handing its camera object
to the raw client, `Connection(camera=Camera())`, whose loop sends what `get_frame()` gives:
measurement 49).

Programs often put camera frames and microphone audio on one queue and send whatever comes
out of it; when the module builds an image blob (`{"mime_type": "image/jpeg", "data": ...}`),
or a module it imports does (a camera helper of the project, in a run over the project), such a
send of unknown kind counts as video. An image inside a `Part` (`inline_data`) is
content, not realtime video, and does not count; nor does a frame sent while the code handles a
tool call (under `for fc in msg.tool_call.function_calls:`): the model asked for it, and a coverage
of the user's activity only would leave it out. A session opened only for 2.x models (a
version-gated branch) is not reported, nor is one whose config this module cannot see whole (a
parameter, an import, the setup a browser sent with a field added here:
`config = json.loads(msg).get("setup", {}); config["system_instruction"] = ...`) unless what
hides it is a config builder of another module of the run that never names `turn_coverage` or
`realtime_input_config` (`config = build_live_config(...)` from `config.py`), one on
a Live model outside this move (a translation model), or one on a Vertex AI 2.x model when
the target has no Vertex AI id to move it to. A module that only reads the Vertex AI switch
(`os.environ.get("GOOGLE_GENAI_USE_VERTEXAI")`), sets it nowhere and builds no client for Vertex AI
by its arguments runs its session on the Gemini API when the id is one only the Gemini API serves
(`gemini-2.5-flash-native-audio-latest`): that session is reported; so is one whose id it cannot
see (an ADK agent of another module), which may run on either, with its fix held back (decided
after measurement 36).

LiveKit's Gemini `RealtimeModel(...)` in a module whose agent session takes the room's video
(`RoomInputOptions(video_enabled=True)`, `RoomOptions(video_input=True)`: LiveKit streams the
camera into the session) is reported on the model's call, with no fix.

## Why is this bad?
2.5 counted only the frames sent during the user's activity into a turn
(`TURN_INCLUDES_ONLY_ACTIVITY`). Gemini 3.1 Flash Live (and 3.8) default to
`TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO`: every frame streamed since the last turn is
part of the next one and is billed. A camera app that streams one frame a second pays for all
of them after the move, silently: nothing errors. (The SDK docstring of `TurnCoverage` still
describes the 2.5 default.)

## Example
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])
async with client.aio.live.connect(model=MODEL, config=config) as session:
    await session.send_realtime_input(video=frame)
```

## Use instead
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    realtime_input_config=types.RealtimeInputConfig(
        turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY,
    ),
)
```

## Fix safety
Unsafe: it adds `turn_coverage=TURN_INCLUDES_ONLY_ACTIVITY` (the 2.5 behaviour) in the
config's spelling: to an existing `realtime_input_config` written in the config, or as a new
one (typed when the config is a `types.LiveConnectConfig(...)` call on a module alias, a dict
otherwise, camelCase in camelCase dicts and in raw frames unless the frame's keys are
snake_case). It changes what the model sees: frames sent while the user is silent no longer reach it, which an app that asks about what the camera shows between turns
relies on. There is no fix when the config is not one literal in this module, when its
`realtime_input_config` is set twice or by a later statement inside a branch, loop or `try`
(other paths would stay uncovered; one set in the straight line of the builder, `cfg =
types.LiveConnectConfig()` then `cfg.realtime_input_config = types.RealtimeInputConfig(...)`,
gets the coverage there), or when the session is opened without a config. A config copied from
a base (`BASE.model_copy(update={...})`) gets it in the base when nothing else reads the base. A `realtime_input_config`
handed in from elsewhere (a parameter, an option of a framework) may set the coverage: that
session is not reported.

## References
- Gemini 3.1 Flash Live model page, "Turn coverage":
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 3.8 Live model page (default unchanged): https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- `RealtimeInputConfig.turn_coverage` and `TurnCoverage` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- A 3.1 session with audio and video and an explicit turn coverage:
  https://github.com/googleapis/python-genai/issues/2290
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import AdkLiveSession, LiveSession, adk_sessions, is_other_model, live_sessions, livekit_video_sessions
from livemigrate.fixes import add_entry, camel_keys, keyword_arg, string_literal
from livemigrate.migration import LEGACY_TURN_COVERAGE
from livemigrate.policy import may_run_on_the_gemini_api, session_stays_on_vertex_2x
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_COVERAGE = ("realtime_input_config", "turn_coverage")
# what a config builder of another module would name to set it
_COVERAGE_FIELDS = frozenset(_COVERAGE)
# (an ADK RunConfig's realtime_input_config without turn_coverage, VAD settings alone, sets no
# coverage: measurement 58)
_ADK_COVERAGE = frozenset({"turn_coverage"})


def _coverage_value(container: cst.Call | cst.Dict) -> cst.BaseExpression:
    """``TURN_INCLUDES_ONLY_ACTIVITY`` as the container spells values: the enum member on the
    same module alias as a typed call (``gt.TurnCoverage.X``), else the string."""
    if isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute):
        return cst.Attribute(cst.Attribute(container.func.value, cst.Name("TurnCoverage")),
                             cst.Name(LEGACY_TURN_COVERAGE))
    like = next((e.key for e in container.elements if isinstance(e, cst.DictElement)), None) \
        if isinstance(container, cst.Dict) else None
    return string_literal(LEGACY_TURN_COVERAGE, like)


def _new_input_config(ctx: RuleContext, container: cst.Call | cst.Dict, camel: bool) -> cst.BaseExpression:
    """``realtime_input_config`` holding only the turn coverage, in the config's spelling:
    ``gt.RealtimeInputConfig(...)`` beside ``gt.LiveConnectConfig(...)``, else a dict."""
    if isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute) \
            and ctx.live.imports.types_name(container.func) is not None:
        return cst.Call(cst.Attribute(container.func.value, cst.Name("RealtimeInputConfig")),
                        args=[keyword_arg("turn_coverage", _coverage_value(container))])
    like = next((e.key for e in container.elements if isinstance(e, cst.DictElement)), None) \
        if isinstance(container, cst.Dict) else None
    return cst.Dict([cst.DictElement(string_literal("turnCoverage" if camel else "turn_coverage", like),
                                     string_literal(LEGACY_TURN_COVERAGE, like))])


def _is_input_config(ctx: RuleContext, node: cst.BaseExpression) -> bool:
    """A dict literal, ``dict(...)`` or ``types.RealtimeInputConfig(...)``: a fix can add to it."""
    if isinstance(node, cst.Dict):
        return True
    return isinstance(node, cst.Call) and (
        (isinstance(node.func, cst.Name) and node.func.value == "dict")
        or ctx.live.imports.types_name(node.func) in ("RealtimeInputConfig", "RealtimeInputConfigDict"))


def _set_with_the_build(ctx: RuleContext, statement: cst.CSTNode, session: LiveSession) -> bool:
    """``statement`` (``cfg.realtime_input_config = ...``) runs each time the config is built,
    before the session opens: in the straight line of the function (or module) that builds it
    (``cfg = types.LiveConnectConfig()``), after the build, and before the connect when that is
    there too."""
    live = ctx.live
    build = live.container_of(session.config) if session.config is not None else None
    where = live.enclosing_function(statement)
    if build is None or live.enclosing_function(build) is not where or not live.runs_with_its_block(statement) \
            or live.order_of(statement) < live.order_of(build):
        return False
    return live.enclosing_function(session.anchor) is not where or live.order_of(statement) < live.order_of(session.anchor)


def _add_coverage(ctx: RuleContext, session: LiveSession) -> Fix | None:
    """Set the turn coverage in the session's config: inside its ``realtime_input_config``,
    or in a new one."""
    config = session.config
    if config is None:
        return None
    live = ctx.live
    raw = config.kind == "raw"
    written = [e for e in live.entries_of(config) if e.path == _COVERAGE[:1]]
    existing = written[0] if written else None
    if existing is not None:
        holder = live.resolve_value(existing.value)
        if len(written) > 1 or not _is_input_config(ctx, holder) or (
                existing.container is None and not _set_with_the_build(ctx, existing.node, session)):
            # set twice, or by a later statement in a branch (`if vad: cfg.realtime_input_config
            # = ...`), another function, or after the session opened: adding the coverage there
            # may leave the other paths without it
            return None
        camel = camel_keys(holder, raw or existing.spelling == "camel")
        edit = add_entry(holder, "turn_coverage", _coverage_value(holder), camel=camel)
    else:
        container = live.container_of(config)
        if container is None:
            return None
        camel = camel_keys(container, raw)
        edit = add_entry(container, "realtime_input_config", _new_input_config(ctx, container, camel), camel=camel)
    if edit is None:
        return None
    return Fix.unsafe(f"turn_coverage={LEGACY_TURN_COVERAGE}", edit, model=config.model)


class VideoTurnCoverage(Rule):
    id = "LM401"
    name = "video-turn-coverage"
    message = "a session that streams video sets no turn_coverage: the target bills every frame by default"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        # audio only: turn coverage changes nothing that is billed
        "from google import genai\nclient = genai.Client()\n"
        "async def main(chunks):\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        for c in chunks:\n"
        "            await s.send_realtime_input(audio={'data': c, 'mime_type': 'audio/pcm;rate=16000'})\n",
        # turn coverage chosen explicitly
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "CONFIG = types.LiveConnectConfig(realtime_input_config=types.RealtimeInputConfig(\n"
        "    turn_coverage=types.TurnCoverage.TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO))\n"
        "async def main(frame):\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
        "        await s.send_realtime_input(video=frame)\n",
        # an image in generate_content is not realtime video
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "def describe(data):\n"
        "    return client.models.generate_content(model='gemini-2.5-flash', contents=[\n"
        "        types.Part(inline_data=types.Blob(data=data, mime_type='image/jpeg'))])\n",
        # only opened for 2.x models
        "from google import genai\nclient = genai.Client()\n"
        "async def main(model, frame):\n"
        "    if model.startswith('gemini-2'):\n"
        "        async with client.aio.live.connect(model=model, config={}) as s:\n"
        "            await s.send_realtime_input(video=frame)\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'])\n"
            "async def main(frame):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_realtime_input(video=frame)\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'], realtime_input_config=types."
            "RealtimeInputConfig(turn_coverage=types.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY))\n"
            "async def main(frame):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_realtime_input(video=frame)\n",
            unsafe=True, line=6,
        ),
        Invalid(  # frames and audio on one queue, sent with the deprecated send(input=...)
            "import asyncio\nfrom google import genai\nclient = genai.Client()\n"
            "CONFIG = {'response_modalities': ['AUDIO'], 'realtime_input_config': {'automatic_activity_detection': {}}}\n"
            "def frame(jpeg):\n    return {'mime_type': 'image/jpeg', 'data': jpeg}\n"
            "async def main(queue):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        while True:\n"
            "            await s.send(input=await queue.get())\n",
            fixed="import asyncio\nfrom google import genai\nclient = genai.Client()\n"
            "CONFIG = {'response_modalities': ['AUDIO'], 'realtime_input_config': {'automatic_activity_detection': {}, "
            "'turn_coverage': 'TURN_INCLUDES_ONLY_ACTIVITY'}}\n"
            "def frame(jpeg):\n    return {'mime_type': 'image/jpeg', 'data': jpeg}\n"
            "async def main(queue):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        while True:\n"
            "            await s.send(input=await queue.get())\n",
            unsafe=True,
        ),
        Invalid(  # raw client: camelCase in the setup frame
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def run(ws, jpeg_b64):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))\n'
            '    await ws.send(json.dumps({"realtimeInput": {"video": {"mimeType": "image/jpeg", "data": jpeg_b64}}}))\n',
            fixed='import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def run(ws, jpeg_b64):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview", '
            '"realtimeInputConfig": {"turnCoverage": "TURN_INCLUDES_ONLY_ACTIVITY"}}}))\n'
            '    await ws.send(json.dumps({"realtimeInput": {"video": {"mimeType": "image/jpeg", "data": jpeg_b64}}}))\n',
            unsafe=True, line=4,
        ),
        Invalid(  # no config at all: reported, nothing to add the field to
            "from google import genai\nclient = genai.Client()\n"
            "async def main(frame):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview') as s:\n"
            "        await s.send_realtime_input(video=frame)\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        for session in [*live_sessions(live), *adk_sessions(live), *livekit_video_sessions(live)]:
            if not (session.video or session.video_elsewhere) or session.legacy_only or is_other_model(session.model) \
                    or (session_stays_on_vertex_2x(session.model, [session.anchor], ctx)
                        and not may_run_on_the_gemini_api(session.model, ctx)) \
                    or not session.known_unset(live, _ADK_COVERAGE if isinstance(session, AdkLiveSession)
                                               else _COVERAGE_FIELDS):
                continue
            entries = live.entries_of(session.config) if session.config is not None else []
            if any(e.path == _COVERAGE for e in entries):
                continue
            if any(e.path == _COVERAGE[:1] and not _is_input_config(ctx, live.resolve_value(e.value)) for e in entries):
                continue  # a realtime_input_config handed in from elsewhere may set it
            first = f"line {ctx.line_of(session.video[0])}" if session.video else session.video_elsewhere
            ctx.report(session.anchor,
                       f"this session streams video ({first}) and its config sets no "
                       f"realtime_input_config.turn_coverage: {ctx.target.claim('turn_coverage')}; set "
                       f"turn_coverage={LEGACY_TURN_COVERAGE} to send the model only the frames of the user's turn",
                       _add_coverage(ctx, session))
