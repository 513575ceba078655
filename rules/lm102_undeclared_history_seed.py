"""A history seed sent with `send_client_content` that 3.1 will refuse: undeclared, or left open.

## What it does
Flags `send_client_content` calls that seed the conversation history before the first realtime
input (several turns, or model turns) when the session's config does not declare the seed with
`history_config.initial_history_in_client_content=True` (reported on the first seed), and a
last seed sent with `turn_complete=False` (reported on that call). Raw clients' `clientContent`
seeds and setup frames are checked the same way, each socket against the setup frame it sends
(one module can hold a declared and a plain setup frame as constants). A one-shot user prompt
right after connect is LM101, not this rule. Each function that opens a session (also through a
helper, `await self.connect()`) is its own session: a seed completed in one method does not
close the seed another leaves open. A history written where a seed goes (the first
client content of the session, in the function that opens it or a helper it calls) but sent
after the microphone task starts is a seed too: it is declared here, and LM107 then moves it
before the microphone (rather than LM101 calling it a mid-session send).
A helper its own module never calls is a seed when every other module of the run that calls
it does so right after opening the session, before any realtime input, reply read or task
(`async with svc.connect(c) as s: await prime(s, images)`): the catalogue's seed is client
content before the first realtime input, and `turn_complete=False` context (images, text
before the microphone starts) sent there is one. One caller sending it per message makes it
LM101's instead.

## Why is this bad?
On 3.1 the server consumes `client_content` as initial history only when setup declares it,
and only until a message with `turn_complete=true`; after that the client must switch to
`realtime_input`. An undeclared seed, or one left open, gets the session closed with 1007
(THIRD-PARTY: Pipecat's tests and LiveKit reports). A 3.x seed never triggers a reply: send
realtime input after it when the model should speak first. On Vertex AI, google-genai up to
2.1.0 refused `history_config` ("not supported in Vertex AI"); 2.2.0 and later send it.

## Example
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])
...
await session.send_client_content(turns=history, turn_complete=False)
```

## Use instead
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    history_config=types.HistoryConfig(initial_history_in_client_content=True),
)
...
await session.send_client_content(turns=history, turn_complete=True)
```

## Fix safety
Declaring the seed is safe: `history_config` is added in the config's spelling (typed,
snake_case or camelCase dict, raw setup frame) when the config is one literal in this module.
A declaration explicitly set to `False` is switched on only as an unsafe fix.
It is unsafe when the model is not known here, and for a session that can talk to Vertex AI
(its client, or the branch it runs in): google-genai up to 2.1.0 rejected `history_config`
there, 2.2.0 and later accept it, so check the SDK version you pin. It is unsafe too when the
seed is sent under an `if` (`if history: await session.send_client_content(...)`): setup then
declares a seed that some sessions never get, and whether 3.1 holds their realtime input back
waiting for it is UNCONFIRMED; the message says to send the seed on every path (an empty,
completed one when there is no history). Removing the `if` is left to a human. Closing an
open seed (`turn_complete=False` → `True`) is unsafe: the server then stops taking history, so
check that nothing else is appended afterwards. It is offered only where the call runs for 3.x
models alone: inside a branch gated to them, or in a module that neither branches on the model
id nor names a 2.x Live model id beside a session whose model it cannot see. Code that keeps
2.5 working beside 3.x often leaves the seed open on purpose (a closed seed makes 2.5 answer
the history at once), so a shared call gets guidance (close it on the 3.x path only) and no
fix. A `turn_complete` computed from the model is left alone. For example this call gets no fix:
```python
if not model.startswith("gemini-3"):
    history = history + [BLANK_USER_TURN]
await session.send_client_content(turns=history, turn_complete=False)
```
and the guidance is to write
`send_client_content(turns=history, turn_complete=model.startswith("gemini-3"))`.

## References
- `HistoryConfig.initial_history_in_client_content` docstring, `google/genai/types.py` in
  https://github.com/googleapis/python-genai
- Pipecat's Gemini Live service (declare the seed, end it with turn_complete=True on 3.x; a
  blank user turn for 2.5): https://github.com/pipecat-ai/pipecat/blob/main/src/pipecat/services/google/gemini_live/llm.py
- 1007 on client content without history_config on 3.1: https://github.com/livekit/agents/pull/5262
- Gemini 3.8 Live model page (client content for the whole session; without turn_complete the
  server waits): https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- `history_config` on Vertex AI since google-genai 2.2.0 (the "not supported in Vertex AI" check
  removed): https://github.com/googleapis/python-genai/releases/tag/v2.2.0 and ADK's
  https://github.com/google/adk-python/pull/6218
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import send_phase, string_value
from livemigrate.edits import Replace, Splice
from livemigrate.fixes import keyword_arg, string_literal
from livemigrate.rule import Applicability, Fix, FixAvailability, Invalid, Rule, RuleContext


_VERTEX_SDK_NOTE = "on Vertex AI this needs google-genai 2.2.0 or later"
# A class keeping its session on self: `resume` sends a completed seed, `preload` one left open.
_AGENT = (
    "from google import genai\nclient = genai.Client()\n"
    "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n"
    "class Agent:\n"
    "    async def connect(self):\n"
    "        self.session = await self.stack.enter_async_context(\n"
    "            client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG))\n"
    "    def turns(self):\n"
    "        return [{'role': t.role, 'parts': [{'text': t.text}]} for t in self.log]\n"
    "    async def resume(self):\n"
    "        await self.connect()\n"
    "        await self.session.send_client_content(turns=self.turns(), turn_complete=True)\n"
    "        await self.session.send_realtime_input(text='.')\n"
    "    async def preload(self):\n"
    "        await self.connect()\n"
)


def _also_runs_on_older_models(ctx: RuleContext, node: cst.CSTNode, model) -> bool:
    """The seed call is not confined to 3.x code, and this module still serves older models:
    it branches on the model id (version-aware code keeps 2.x working beside 3.x), or the
    session's model is not known here while the module names a 2.x Live model id. Closing
    the seed there would change what the older models do (a closed seed makes them answer
    the history at once), so the rewrite is not ours to make."""
    if ctx.live.runs_only_on_target(node):
        return False
    if ctx.live.model_gates():
        return True
    return (model is None or model.status == "unknown") and next(iter(ctx.live.model_literals()), None) is not None


def _history_element(ctx: RuleContext, container: cst.Call | cst.Dict, raw: bool) -> cst.CSTNode:
    if isinstance(container, cst.Call):
        value: cst.BaseExpression
        if isinstance(container.func, cst.Attribute):
            value = cst.Call(cst.Attribute(container.func.value, cst.Name("HistoryConfig")),
                             args=[keyword_arg("initial_history_in_client_content", cst.Name("True"))])
        else:
            value = cst.Dict([cst.DictElement(cst.SimpleString('"initial_history_in_client_content"'), cst.Name("True"))])
        return keyword_arg("history_config", value)
    keys = [string_value(e.key) or "" for e in container.elements if isinstance(e, cst.DictElement)]
    like = next((e.key for e in container.elements if isinstance(e, cst.DictElement)), None)
    camel = raw or any(k != k.lower() for k in keys)
    outer, inner = (("historyConfig", "initialHistoryInClientContent") if camel
                    else ("history_config", "initial_history_in_client_content"))
    return cst.DictElement(string_literal(outer, like),
                           cst.Dict([cst.DictElement(string_literal(inner, like), cst.Name("True"))]))


def _guard(ctx: RuleContext, send: cst.CSTNode) -> cst.If | None:
    """The ``if`` (not a model gate) the seed is sent under in its function (``if history:``):
    on the other path the session gets no seed. None inside a loop: a seed sent item by item
    (one message of the history per pass, skipping empty ones) is not a seed sent on some paths."""
    node: cst.CSTNode | None = ctx.live.parent(send)
    found = None
    while node is not None and not isinstance(node, (cst.FunctionDef, cst.Lambda, cst.Module)):
        if isinstance(node, (cst.For, cst.While)):
            return None
        if found is None and isinstance(node, cst.If) and not ctx.live.test_generation(node.test):
            found = node
        node = ctx.live.parent(node)
    return found


def _guard_note(ctx: RuleContext, guard: cst.If) -> str:
    test = ctx.live.module.code_for_node(guard.test)
    return (f"the seed is sent only when `{test}` holds: once declared, send it on every path (an empty "
            f"list of turns with turn_complete=True when there is no history); whether the target holds "
            f"realtime input back for a declared seed that never comes is UNCONFIRMED")


def _declare(ctx: RuleContext, config, on_vertex: bool, guard: cst.If | None = None) -> Fix | None:
    """Add the history declaration to the session's config, in its spelling (or switch on
    one that is set to False). Unsafe on Vertex AI, and when the seed is sent on some paths
    only (``guard``): a declared seed may be waited for on the others."""
    if config is None:
        return None
    # google-genai up to 2.1.0 refused history_config on Vertex AI; 2.2.0 and later send it.
    vertex: tuple[str, ...] = (_VERTEX_SDK_NOTE,) if on_vertex else ()
    if guard is not None:
        vertex += ("the seed is not sent on every path: send it on every path once it is declared",)
    entries = ctx.live.entries_of(config)
    flag = next((e for e in entries if e.path == ("history_config", "initial_history_in_client_content")), None)
    if flag is not None:
        if isinstance(flag.value, cst.Name) and flag.value.value == "False":
            # Switched off on purpose, maybe for 2.5: turning it on is for a human to confirm.
            return Fix(Applicability.UNSAFE, (Replace(flag.value, cst.Name("True")),),
                       "initial_history_in_client_content=True", unsafe_reasons=vertex)
        return None
    if any(e.path == ("history_config",) for e in entries):
        return None  # a history_config we cannot read: leave it to a human
    container = ctx.live.container_of(config)
    if container is None:
        return None
    element = _history_element(ctx, container, config.kind == "raw")
    elements = container.args if isinstance(container, cst.Call) else container.elements
    if any(isinstance(e, (cst.StarredDictElement,)) or getattr(e, "star", "") for e in elements):
        return None
    if elements:
        edit = Splice(elements[-1], (elements[-1], element))
    elif isinstance(container, cst.Call):
        edit = Replace(container, container.with_changes(args=[element]))
    else:
        edit = Replace(container, container.with_changes(elements=[element]))
    return Fix(Applicability.UNSAFE if vertex else Applicability.SAFE, (edit,),
               "declare the history seed in history_config", config.model, unsafe_reasons=vertex)


class UndeclaredHistorySeed(Rule):
    id = "LM102"
    name = "undeclared-history-seed"
    message = "history seed the target refuses: declare it in history_config and end it with turn_complete=True"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "CONFIG = types.LiveConnectConfig(history_config=types.HistoryConfig(initial_history_in_client_content=True))\n"
        "async def main(history):\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
        "        await s.send_client_content(turns=history, turn_complete=True)\n"
        "        await s.send_realtime_input(text='.')\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'])\n"
            "HISTORY = [types.Content(role='user', parts=[types.Part(text='I am Ada')]),\n"
            "           types.Content(role='model', parts=[types.Part(text='Hi Ada')])]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_client_content(turns=HISTORY, turn_complete=True)\n"
            "        await s.send_realtime_input(text='.')\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'], history_config=types.HistoryConfig(initial_history_in_client_content=True))\n"
            "HISTORY = [types.Content(role='user', parts=[types.Part(text='I am Ada')]),\n"
            "           types.Content(role='model', parts=[types.Part(text='Hi Ada')])]\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_client_content(turns=HISTORY, turn_complete=True)\n"
            "        await s.send_realtime_input(text='.')\n",
        ),
        Invalid(  # on Vertex AI: declared as an unsafe fix (google-genai 2.2.0 or later needed)
            "from google import genai\nclient = genai.Client(vertexai=True, project='p', location='l')\n"
            "CONFIG = {'response_modalities': ['AUDIO']}\n"
            "async def main(history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_client_content(turns=history, turn_complete=True)\n"
            "        await s.send_realtime_input(text='.')\n",
            fixed="from google import genai\nclient = genai.Client(vertexai=True, project='p', location='l')\n"
            "CONFIG = {'response_modalities': ['AUDIO'], 'history_config': {'initial_history_in_client_content': True}}\n"
            "async def main(history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_client_content(turns=history, turn_complete=True)\n"
            "        await s.send_realtime_input(text='.')\n",
            unsafe=True,
        ),
        Invalid(  # sent only when there is history: declaring it is unsafe (some sessions get no seed)
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'response_modalities': ['AUDIO']}\n"
            "async def main(history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        if history:\n"
            "            await s.send_client_content(turns=history, turn_complete=True)\n"
            "        await s.send_realtime_input(text='.')\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'response_modalities': ['AUDIO'], 'history_config': {'initial_history_in_client_content': True}}\n"
            "async def main(history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        if history:\n"
            "            await s.send_client_content(turns=history, turn_complete=True)\n"
            "        await s.send_realtime_input(text='.')\n",
            unsafe=True,
        ),
        Invalid(  # declared, but left open: unsafe fix closes it
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n"
            "async def main(history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_client_content(turns=history, turn_complete=False)\n"
            "        await s.send_realtime_input(text='.')\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n"
            "async def main(history):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        await s.send_client_content(turns=history, turn_complete=True)\n"
            "        await s.send_realtime_input(text='.')\n",
            unsafe=True,
        ),
        Invalid(  # each method opening a session through a connect helper is its own session
            _AGENT + "        await self.session.send_client_content(turns=self.turns(), turn_complete=False)\n",
            fixed=_AGENT + "        await self.session.send_client_content(turns=self.turns(), turn_complete=True)\n",
            unsafe=True, line=16,
        ),
        Invalid(  # left open, but the call also runs for 2.x models (the code branches on the model): no fix
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'history_config': {'initial_history_in_client_content': True}}\n"
            "async def main(model, history):\n"
            "    if not model.startswith('gemini-3'):\n"
            "        history = history + [{'role': 'user', 'parts': [{'text': ' '}]}]\n"
            "    async with client.aio.live.connect(model=model, config=CONFIG) as s:\n"
            "        await s.send_client_content(turns=history, turn_complete=False)\n"
            "        await s.send_realtime_input(text='.')\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        if not ctx.target.requires_declared_history_seed:
            return
        live = ctx.live
        seeds: dict[object, list] = {}
        for send in live.client_content_sends():
            if send.legacy_only or not (self._is_seed(send, send_phase(live, send)[0]) or send.late_seed):
                continue  # a late seed (realtime input overtakes it) is still a seed: declared, LM107 orders it
            # the backend of a session is its client's, when the connect call is known
            place = getattr(send.connect, "call", None) or send.node
            # one session per group: a connect call's in the function opening it (each method
            # calling a `connect()` helper opens its own), or a raw socket's (the function that
            # sends its setup frame; -1 when the module cannot tell)
            opener = id(send.opened_in) if send.opened_in is not None else None
            session = (id(send.connect), opener) if not send.raw else opener if opener is not None else -1
            seeds.setdefault(session, []).append((send.node, send.content, send.config, send.anchor, place))
        for group in seeds.values():
            group.sort(key=lambda item: live.order_of(item[0]))
            while group and group[0][1].is_turn_end:
                group.pop(0)  # a turn end with no seed above it ends a user turn (LM101)
            if not group:
                continue
            first, last = group[0], group[-1]
            config = first[2]
            left_open = last[1].turn_complete is False
            if config is not None and live.built_elsewhere_with(config, "history_config"):
                continue  # another module's builder of this config may declare it
            if config is None or not live.declares_history(config):
                on_vertex = live.on_vertex(first[4])
                where = "declare it with history_config.initial_history_in_client_content=True"
                if on_vertex:
                    where += f" ({_VERTEX_SDK_NOTE})"
                also = " and end it with turn_complete=True" if left_open and first is last else ""
                guard = _guard(ctx, first[0])
                if guard is not None:
                    also += f"; {_guard_note(ctx, guard)}"
                ctx.report(first[3], f"history seed sent with client content, but the session's config does not "
                           f"declare it: {ctx.target.claim('undeclared_seed')}; {where}{also}",
                           _declare(ctx, config, on_vertex, guard))
                if first is last:
                    continue  # one finding per call: the open seed is reported once declared
            content, anchor = last[1], last[3]
            if left_open:
                arg = content.turn_complete_arg
                fix = None
                model = last[2].model if last[2] is not None else None
                shared = _also_runs_on_older_models(ctx, last[0], model)
                if arg is not None and not shared:
                    fix = Fix.unsafe("end the seed with turn_complete=True",
                                     Replace(arg.value, cst.Name("True") if isinstance(arg.value, cst.Name)
                                             else arg.value.with_changes(value="True")))
                advice = (f"this call also runs for older models (the module branches on the model id or serves "
                          f"older ids), where a closed seed is answered at once: end it with turn_complete=True "
                          f"only on the {ctx.target.model_id} path" if shared
                          else "end the seed with turn_complete=True")
                ctx.report(anchor, f"the last history seed has turn_complete=False: "
                           f"{ctx.target.claim('open_seed')}; {advice}", fix)

    @staticmethod
    def _is_seed(send, phase: str) -> bool:
        """A history seed: sent before the first realtime input (``phase``: the send's, other
        modules' calls of its helper counted) and not a one-shot prompt."""
        content = send.content
        if content.is_turn_end:
            return phase == "seed"  # closes a seed sent above it; alone it seeds nothing
        one_shot = content.asks_for_reply and content.turn_complete and not content.is_history
        if phase == "seed":
            return not one_shot
        if phase == "unknown":
            # a history written in the call, or built by a helper of this module (`turns=self._turns()`)
            return content.is_history or send.history
        return False
