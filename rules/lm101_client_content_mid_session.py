"""`send_client_content` during the live exchange: 3.1 takes live text as realtime input.

## What it does
Flags `session.send_client_content(...)` on a Live session when it runs after the exchange
has started: inside the receive loop or an input loop, after realtime input was sent (or a
reply read), in a per-turn helper, in a task running alongside `receive()`. Also the
**one-shot prompt**: a single user turn (a text, or a file or image part: no fix then) with
`turn_complete=True` sent right after connect with no declared history seed, which 2.5 answered and a 3.x seed never does. A single text turn
written with the role `"system"` (instructions sent as the first turn, "greet the caller") is
a prompt too, not a history seed: Live turns have no system role, and 2.5 answered it; it
gets no fix (the words belong in `system_instruction`, not in realtime text). Raw clients' mid-session
`clientContent` / `client_content` frames are flagged the same way. When the module cannot tell
when the call runs (a UI callback, a public method), a user text with `turn_complete=True` is
treated as mid-session and the message says so; so is one turn that is no history (a single
`system` or user turn sent as context, `turn_complete=False`: an `update_instruction(text)`
method), since only several turns or a model turn make a seed, and a single context turn sent
first would be an undeclared seed the target refuses as well. Client content with neither turns
nor a turn end (`{"client_content": {"turn_complete": false}}`, a raw `interrupt()` helper's
frame) asks nothing and seeds nothing: reported unless it is sent as the session opens, with no
fix (what it was meant to do is a human's call). Decided after measurement 28's raw client.

In a run over the project, other modules' calls of a helper count as its own module's do
(`livemigrate.project`): a helper called per message from another module's `while` / `async
for` loop (also a method called on an instance of its class, `self.live.send_text(...)`) is
mid-session, also when its own module calls it right after connect; one that every caller,
here and in other modules, calls right after opening the session (nothing sent or read
before) is a seed, left to LM102. Where call sites disagree, any per-message call decides:
the send must hold mid-session, where 3.1 refuses it. A caller the run does not hold (a file
checked alone, a module that names nothing of Live) says nothing. A voice-agent framework's
per-frame hook (pipecat's `process_frame`, which the pipeline calls for every frame) is
mid-session: a vendored service sending an `LLMMessagesFrame`'s messages as client content from
it (measurement 45); not a send under a flag its branch sets (`elif ... and not self._seeded:
self._seeded = True`), which runs once, for the first context frame (its review).

Code in branches that only run for 2.x models is not flagged, also when the gate is indirect: a
flag set only in 2.x-only code
(`if not self._is_gemini_3: self._needs_turn_complete = True`), a capability property or
method, or a sender task forwarding queued `LiveClientContent` that only 2.x code queues.

ADK's `LiveRequestQueue.send_content(...)` mid-session is not reported (labellers of
measurements 43 and 49 doubted it): ADK, not the app, chooses the wire message, and which one
depends on the installed ADK. Older releases send it as client content, which a 3.1 session
refuses (adk-python#5018); by ADK 1.28 one text part goes as realtime text on a 3.1 Gemini API
session, while content of several parts (an image with a question) still goes as client content
(adk-python#5098). The move there is an ADK upgrade, and images sent with `send_realtime(Blob(...))`.

## Why is this bad?
The launch-era 3.1 server only accepts `client_content` to seed the initial history (declared
with `history_config.initial_history_in_client_content`); text during the conversation must be
sent with `send_realtime_input(text=...)`, else the session is closed with 1007 (reported by
ADK, LiveKit, Pipecat). The newest stored 3.1 docs say the opposite (CONFLICTING), so this
rule follows the launch-era behaviour the public reports reproduce.

## Example
```python
await session.send_client_content(
    turns=types.Content(role="user", parts=[types.Part(text=line)]), turn_complete=True)
```

## Use instead
```python
await session.send_realtime_input(text=line)
```

## Fix safety
Safe when the content is one user turn of one text part (a string, `Part(text=)`,
`Content(parts=[...])`, `{"parts": [{"text": ...}]}`) and `turn_complete` is true: the call
becomes `send_realtime_input(text=...)` (raw frames: `{"realtimeInput": {"text": ...}}`).
A parts (or turns) list the code adds to after building it (`parts.append(image_part)`) may
hold more than text: no fix there. Otherwise no fix: move instructions or context into the declared seed or
`send_context_update`, or drop them, but decide it by hand, never silently. Unsafe when
the session's model is not known in the module, or when the call holds comments (the new
call is rebuilt and would drop them). No fix on a session that stays on a Vertex AI 2.x model (a
Vertex AI client, no 3.x id there yet): 2.x takes the client content, and the message says so.

When the turn was built in a variable for this call alone (`content = types.Content(...)`
earlier in the same function, read by nothing else there), the assignment is removed in the
same fix: the new call takes the text out of it, so it would be dead code. It stays when the
name is read anywhere else in the function, is assigned more than once, is a module-level
name (another module may import it), or when building it does more than wrap the text
(a call other than a google-genai type). Removing it is unsafe when comments on it would go,
or when a comment right above the call may describe what it built.

Client content with no turns (`send_client_content(turn_complete=True)`, a raw
`{"clientContent": {"turnComplete": true}}`), or with one user turn of an empty text
(`parts=[types.Part(text="")]`, sent to end the turn or cut a reply short; measurement 33),
only ends the user's turn: it becomes the
realtime signal the session's activity detection expects, in the send's spelling,
`audio_stream_end=True` (`{"realtimeInput": {"audioStreamEnd": true}}`) when detection is on
(the default) or `activity_end` when the config turns it off. Unsafe: with detection on, the
server's voice activity detection ends the turn after the stream end, where the client
content forced it at once. No fix when the session's config is not written in this module.
A positional argument is content, never "no turns": the SDK's arguments are keyword-only, and
`send_client_content("Hello")` (a TypeError there) is read as the user text its author meant.

## References
- ADK's own routing of `send_content` on 3.1: https://github.com/google/adk-python/issues/5098
  (and https://github.com/google/adk-python/pull/5076)
- 1007 on client content during a 3.1 session: https://github.com/google/adk-python/issues/5018,
  https://github.com/livekit/agents/pull/5251, https://github.com/livekit/agents/pull/5262
- The cookbook's 3.1 migration (`send_client_content` → `send_realtime_input(text=...)`):
  https://github.com/google-gemini/cookbook/pull/1224 and, for raw WebSocket clients,
  https://github.com/google-gemini/cookbook/pull/1223
- Gemini 3.1 Flash Live model page (its newest text allows client content throughout):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- `send_client_content` in https://github.com/googleapis/python-genai/blob/main/google/genai/live.py
  and `HistoryConfig.initial_history_in_client_content` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Pipecat's seed handling (seed, then realtime input):
  https://github.com/pipecat-ai/pipecat/blob/main/src/pipecat/services/google/gemini_live/llm.py
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import ModelInfo, contains, descendants, names_read, send_phase, string_value
from livemigrate.edits import Edit, RemoveStatement, Replace
from livemigrate.fixes import call_method_with, session_model, string_literal, turn_end_signal, turn_end_value
from livemigrate.migration import TargetProfile
from livemigrate.rule import Applicability, Fix, FixAvailability, Invalid, Rule, RuleContext

# What building a turn may do besides the text it carries: nothing, so its assignment can go.
_EFFECTS = (cst.Await, cst.Yield, cst.NamedExpr, cst.Lambda)


class ClientContentMidSession(Rule):
    id = "LM101"
    name = "client-content-mid-session"
    message = "send_client_content during the live exchange: the target takes live text as realtime input"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        # a declared history seed ending with turn_complete=True
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
        "        await s.send_client_content(turns=[{'role': 'user', 'parts': [{'text': 'I am Ada'}]},\n"
        "                                          {'role': 'model', 'parts': [{'text': 'Hi Ada'}]}])\n"
        "        await s.send_realtime_input(text='go')\n",
        # only runs for 2.x models
        "from google import genai\nclient = genai.Client()\n"
        "async def say(session, model, text):\n"
        "    if 'gemini-3' in model:\n        await session.send_realtime_input(text=text)\n"
        "    else:\n        await session.send_client_content(turns=text, turn_complete=True)\n",
        # a flag set only for 2.x models gates the send
        "from google import genai\nclient = genai.Client()\n"
        "async def chat(model, lines):\n"
        "    turns = False\n"
        "    if not model.startswith('gemini-3'):\n        turns = True\n"
        "    async with client.aio.live.connect(model=model, config={}) as s:\n"
        "        async for line in lines:\n"
        "            if turns:\n                await s.send_client_content(turns=line, turn_complete=True)\n"
        "            async for m in s.receive():\n                break\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def chat(lines):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for line in lines:\n"
            "            await session.send_client_content(\n"
            "                turns=types.Content(role='user', parts=[types.Part(text=line)]), turn_complete=True)\n"
            "            async for message in session.receive():\n"
            "                pass\n",
            # the import only the old call used goes too
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def chat(lines):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for line in lines:\n"
            "            await session.send_realtime_input(text=line)\n"
            "            async for message in session.receive():\n"
            "                pass\n",
        ),
        Invalid(  # one-shot prompt right after connect
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_client_content(turns={'role': 'user', 'parts': [{'text': 'Tell me a joke'}]})\n"
            "        async for m in s.receive():\n            print(m.server_content)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text='Tell me a joke')\n"
            "        async for m in s.receive():\n            print(m.server_content)\n",
        ),
        Invalid(  # the turn built for the call alone goes with it (and the import only it used)
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def chat(lines):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for line in lines:\n"
            "            content = types.Content(role='user', parts=[types.Part(text=line)])\n"
            "            await session.send_client_content(turns=content, turn_complete=True)\n"
            "            async for message in session.receive():\n"
            "                pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def chat(lines):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for line in lines:\n"
            "            await session.send_realtime_input(text=line)\n"
            "            async for message in session.receive():\n"
            "                pass\n",
            line=8,
        ),
        Invalid(  # the turn is read elsewhere too: its assignment stays
            "from google import genai\nclient = genai.Client()\n"
            "async def chat(lines, history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for line in lines:\n"
            "            turn = {'role': 'user', 'parts': [{'text': line}]}\n"
            "            history.append(turn)\n"
            "            await session.send_client_content(turns=turn, turn_complete=True)\n"
            "            async for message in session.receive():\n"
            "                pass\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def chat(lines, history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as session:\n"
            "        async for line in lines:\n"
            "            turn = {'role': 'user', 'parts': [{'text': line}]}\n"
            "            history.append(turn)\n"
            "            await session.send_realtime_input(text=line)\n"
            "            async for message in session.receive():\n"
            "                pass\n",
        ),
        Invalid(  # context without a reply, mid-session: no mechanical fix
            "from google import genai\nclient = genai.Client()\n"
            "async def main(audio):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(audio=audio)\n"
            "        await s.send_client_content(turns='The user is on the pricing page', turn_complete=False)\n",
        ),
        Invalid(  # raw client, typed text sent mid-session
            'import json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def talk(ws, text):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))\n'
            '    while True:\n'
            '        await ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": text}]}], "turnComplete": True}}))\n',
            fixed='import json\nURI = "wss://x/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"\n'
            'async def talk(ws, text):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))\n'
            '    while True:\n'
            '        await ws.send(json.dumps({"realtimeInput": {"text": text}}))\n',
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if ctx.target.client_content_mid_session:
            return
        live = ctx.live
        # SDK calls and raw frames alike: the model says when each runs and what it carries.
        for send in live.client_content_sends():
            if send.legacy_only or send.late_seed:
                continue  # a history seed that realtime input overtakes is LM107's
            content, config = send.content, send.config
            if content.is_turn_end:
                if not self._closes_seed(send, live):
                    fix = self._turn_end_fix(ctx, send)
                    ctx.report(send.anchor, self._turn_end_message(ctx, send.raw), fix)
                continue
            # (or another module's builder of its config may declare it: `self._build_config()`)
            declared = config is not None and (live.declares_history(config)
                                               or live.built_elsewhere_with(config, "history_config"))
            phase, why = send_phase(live, send)  # other modules' calls of its helper count
            if content.is_empty:
                # asks nothing and seeds nothing: only the target's refusal is left (no fix: what
                # the author meant it to do, an interruption, is a human's call)
                if phase != "seed":
                    ctx.report(send.anchor, f"client content with neither turns nor a turn end does nothing the "
                               f"model acts on: {ctx.target.claim('client_content_mid_session')}; remove it")
                continue
            reason = self._reason(phase, why, content, declared, ctx.target)
            if reason is None:
                continue
            fix = None
            text = content.user_text
            # (not a method called through a name; nor a call passing positional values, which the
            # SDK's keyword-only method never takes: what its author meant is a human's call)
            if text is not None and content.turn_complete and send.call is not None \
                    and isinstance(send.node.func, cst.Attribute) and all(a.keyword is not None for a in send.node.args):
                new = call_method_with(send.node, "send_realtime_input", "text", text)
                fix = self._realtime_text(ctx, send, new, text)
            elif text is not None and content.turn_complete and send.frame is not None:
                element = send.frame.element
                camel = string_value(element.key) == "clientContent"
                key = string_literal("realtimeInput" if camel else "realtime_input", element.key)
                body = cst.Dict([cst.DictElement(string_literal("text", element.key), text)])
                new = element.with_changes(key=key, value=body)
                fix = Fix.safe("realtimeInput text frame", Replace(element, new),
                               model=config.model if config is not None else ModelInfo.unknown())
            ctx.report(send.anchor, self._message(ctx, reason, content, fix is not None), fix)

    def _realtime_text(self, ctx: RuleContext, send, new: cst.Call, text: cst.BaseExpression) -> Fix:
        """The call rewritten as realtime text, and the assignments that built its turns for it
        alone (``content = types.Content(...)`` read by this call only) removed with it."""
        model = session_model(ctx, send.connect)
        dead = self._dead_assignments(ctx, send.node, text)
        if not dead:
            return Fix.safe("send_realtime_input(text=...)", Replace(send.node, new), model=model)
        names = ", ".join(f"`{name}`" for name, _ in dead)
        reasons: tuple[str, ...] = ()
        statement = next((a for a in ctx.live.ancestors(send.node) if isinstance(a, cst.SimpleStatementLine)), None)
        if statement is not None and any(line.comment is not None for line in statement.leading_lines):
            # It may say what the removed assignment built ("send the content above ...").
            reasons = (f"the comment above the call may describe {names}, which the fix removes",)
        edits: list[Edit] = [Replace(send.node, new), *(edit for _, edit in dead)]
        return Fix(Applicability.SAFE, tuple(edits), f"send_realtime_input(text=...); remove {names}, which only "
                   "the old call read", model=model, unsafe_reasons=reasons)

    @staticmethod
    def _dead_assignments(ctx: RuleContext, call: cst.Call, text: cst.BaseExpression) -> list[tuple[str, Edit]]:
        """``name = <turn>`` statements in the call's function whose only reader is the call's
        turns (the rewrite reads the text out of them): once the call is rewritten they are
        dead code. An assignment stays when the name is read anywhere else in the function, is
        assigned more than once, lives at module level (another module may import it), or
        does more than build the turn around the text."""
        live = ctx.live
        function = live.enclosing_function(call)
        if function is None:
            return []
        found: list[tuple[str, Edit]] = []
        for name in names_read(*call.args):
            if contains(text, lambda n: n is name) or any(n == name.value for n, _ in found):
                continue
            values = live.values_of(name)
            if len(values) != 1:
                continue
            assign = live.parent(values[0])
            if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1
                    and isinstance(assign.targets[0].target, cst.Name) and assign.targets[0].target.value == name.value
                    and live.enclosing_function(assign) is function and live.order_of(assign) < live.order_of(call)
                    and contains(assign.value, lambda n: n is text)):
                continue
            readers = [n for n in names_read(function) if n.value == name.value]
            if len(readers) != 1 or readers[0] is not name \
                    or not ClientContentMidSession._only_builds(ctx, assign.value, text):
                continue
            found.append((name.value, RemoveStatement(assign)))
        return found

    @staticmethod
    def _only_builds(ctx: RuleContext, value: cst.BaseExpression, text: cst.BaseExpression) -> bool:
        """Evaluating ``value`` does nothing but build a turn around ``text`` (which the new call
        evaluates instead): literals and google-genai type constructors."""
        inside_text = {id(n) for n in descendants(text, skip=())}
        for node in descendants(value, skip=()):
            if id(node) in inside_text:
                continue
            if isinstance(node, _EFFECTS):
                return False
            if isinstance(node, cst.Call) and ctx.live.imports.types_name(node.func) is None:
                return False
        return True

    @staticmethod
    def _closes_seed(send, live) -> bool:
        """A turn end right after a history seed on the same session closes that seed."""
        if send.phase != "seed":
            return False
        order = live.order_of(send.node)
        return any(other.phase == "seed" and not other.content.is_turn_end and live.order_of(other.node) < order
                   and (other.raw == send.raw) and (send.raw or other.connect is send.connect)
                   for other in live.client_content_sends())

    @staticmethod
    def _turn_end_fix(ctx: RuleContext, send) -> Fix | None:
        """The turn-end signal the session's activity detection expects, in the send's
        spelling: ``audio_stream_end`` (detection on, the default) or ``activity_end``
        (detection off in its config). None when the config is not visible here. Unsafe:
        with detection on, the server's voice activity detection ends the turn after the
        stream end, where client content forced the end at once."""
        config = send.config
        if config is None and send.raw:
            # a raw frame built apart from its socket (a helper returning the JSON): the
            # module's one raw setup is the session's
            only = ctx.live.config_of(None)
            config = only if only is not None and only.kind == "raw" else None
        signal = turn_end_signal(ctx, config)
        if signal is None:
            return None  # the config is a parameter or imported: its detection is not known
        off = signal == "activity_end"
        model = config.model
        if send.call is not None and isinstance(send.node.func, cst.Attribute):
            new = call_method_with(send.node, "send_realtime_input", signal, turn_end_value(signal))
            return Fix.unsafe("end the turn with a realtime signal", Replace(send.node, new), model=model)
        if send.frame is None:
            return None
        element = send.frame.element
        camel = string_value(element.key) == "clientContent"
        signal = ("activityEnd" if camel else "activity_end") if off else \
            ("audioStreamEnd" if camel else "audio_stream_end")
        body = cst.Dict([cst.DictElement(string_literal(signal, element.key), cst.Dict([]) if off else cst.Name("True"))])
        new = element.with_changes(key=string_literal("realtimeInput" if camel else "realtime_input", element.key),
                                   value=body)
        return Fix.unsafe("end the turn with a realtime signal", Replace(element, new), model=model)

    @staticmethod
    def _turn_end_message(ctx: RuleContext, raw: bool) -> str:
        # Which signal ends the turn depends on the session's activity detection: a human's call.
        signals = ('`{"realtimeInput": {"audioStreamEnd": true}}` (or `activityEnd` when automatic '
                   'activity detection is off)' if raw else
                   "`send_realtime_input(audio_stream_end=True)` (or `activity_end=` when automatic "
                   "activity detection is off)")
        return (f"client content with no turns (or only an empty text) only ends the user's turn: "
                f"{ctx.target.claim('client_content_mid_session')}; end the audio turn with {signals}")

    @staticmethod
    def _reason(phase: str, why: str, content, declared: bool, target: TargetProfile) -> str | None:
        if phase == "during":
            return f"mid-session: {why}"
        one_shot = content.asks_for_reply and content.turn_complete and not content.is_history
        if phase == "seed":
            if one_shot and not declared:
                return f"a one-shot prompt right after connect: {target.claim('seed_reply')}"
            return None
        if one_shot and content.prompt_text is not None:
            return f"probably mid-session ({why}; as user text with turn_complete=True it is treated as live text)"
        if content.turns is not None and not content.is_history:
            return f"probably mid-session ({why}, and it is not a history seed)"
        return None

    @staticmethod
    def _message(ctx: RuleContext, reason: str, content, fixable: bool) -> str:
        target = ctx.target.model_id
        if fixable:
            # the one-shot reason already states the target's verdict: do not name the model twice
            takes = "send it as live text:" if target in reason else f"{target} takes live text as"
            return f"send_client_content {reason}; {takes} send_realtime_input(text=...)"
        if content.turn_complete is False:
            hint = ("it sends context without asking for a reply: put it in the declared history seed or "
                    "send_context_update, or send it as realtime text when a reply is wanted")
        else:
            hint = ("it is not plain user text: move instructions/context into the declared history seed "
                    "or send_context_update, or drop it, by hand")
        return f"send_client_content {reason}; {ctx.target.claim('client_content_mid_session')}: {hint}"

