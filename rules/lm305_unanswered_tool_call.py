"""A receive loop that gets tool calls and never answers them.

## What it does
Flags where a receive loop reads a Live message's tool call (`message.tool_call`,
`getattr(message, "tool_call", None)`, a raw client's `"toolCall"` key) when the session
declares function tools and neither the loop nor the code it hands the call to sends a tool
response (`session.send_tool_response(...)`, a `FunctionResponse` on the deprecated
`session.send` path, also a list of `{"name": ..., "response": ...}` dicts an old SDK's
`session.send(function_responses)` sends, a raw `toolResponse` frame). Reported once per function, on the first
read.

Also flagged: code that looks for the calls where the models API puts them,
`response.function_calls` (or `hasattr(response, "function_calls")`) on a Live server message,
in a function that reads no tool call itself (nor one such a function calls: a helper
describing the message beside the loop that reads `tool_call`), when the session declares
function tools.
`LiveServerMessage` has no such field (google-genai's `types.py`: its calls are in
`tool_call.function_calls`), so the read is always empty: no call is ever seen, and none is
answered, whatever the code does with what it finds there. Decided after measurement 27, where
a Telegram bot's Live class read its calls so (its labeller marked it as a doubt).

A session declares function tools when its config names function declarations, or holds tools
the module does not show (a parameter, a call). Not when they are an attribute of the object
(`self.tools = []`) that only a method no file of the run names sets (`def register_tools(self,
tools): self.tools = tools`, called nowhere): in a run over the project's folder those tools
stay empty (decided after measurement 33; a file checked alone keeps the finding, since another
file may call it).

Judged per loop, as the catalogue words it: what counts is a response sent from the function
holding the loop (also after the loop, for calls it collects), from the local functions and
methods it calls or hands the call to (also through a handlers dict of this module:
`self.handlers["tool"](call)` runs the method its `"tool"` entry names), from a task it starts with the message, or from a worker
of this module that drains the queue it puts the call on; for a message handler, also from the
function calling it. Another loop of the same module that answers does not clear one that only
logs (the catalogue's "a receive loop that ... never sends a tool response").

Not flagged: a session whose tools are only built-in ones (Google Search, code execution: the
server runs them and sends no tool call), a config this module does not see, and a tool
call (or its message) handed to code this module cannot see (a function imported from
elsewhere, a store or emitter when the module answers through a public method taking the call's
id, `send_function_result(call_id, result)`, or a method of the class that gets the call taking
the responses it sends on the session the object keeps, `send_tool_response(self, responses)`,
that its users call (the call also wrapped in an event put on a queue or emitted, `{"type":
"tool_call", "tool_call": tc}`, or a list of events carrying each call's id, `browser_calls.append({"id":
fc.id, ...})` then `events.put({"toolCall": {"functionCalls": browser_calls}})` for a browser that
answers (measurement 44), or an event built from its fields, `Event(type="tool_call",
call_id=fc.id or "")` for each of its function calls, not only printed or logged; measurement 37;
a helper of the module it is given is judged as what it does),
a callback set from outside
such as `self._on_tool_call` filled from a parameter,
a handlers-dict entry it cannot read, a queue nothing here drains (a getter, `return await
self.events.get()`, hands the items to its callers: those here drain it, or its users do), a `yield`, a `return` from a
function nothing in the module calls (a parsing helper's users get the calls), the call kept on
the object a wrapper's constructor builds (`self.tool_call = raw.tool_call`: judged where the
module builds the wrapper, or its users' when it builds none; measurement 54); also through a
name bound to the calls, `calls = msg.get("toolCall", {}).get("functionCalls", [])` (each call
yielded as `{"id": fc.get("id"), ...}` from `for fc in calls:`), and through
a method of the module it is passed to, `self._handle_tool_calls(response.tool_call)` putting each
call on a framework's channel, as LiveKit's plugin does): whoever gets it may answer it, unless
nothing in the project can. Giving a function only a call's arguments (`search(fc.args["query"])`)
runs the tool and hands no call on (whoever gets them has no id or name to answer with); nor does
building the answer (`FunctionResponse(...)`, `LiveClientToolResponse(...)`) or sending something
on the session itself: whether that answers is judged as an answer (an old SDK's
`google.generativeai.types.LiveClientToolResponse` does not exist, so it never does). A read in a predicate (every `return` is `True` or `False`:
`if resp.tool_call: return True` in `_is_new_generation(resp)`) only classifies the message when
another function reads the tool call too: that one handles the call and is judged there. In a run over a folder, when no file
of the run sends a tool response (no `send_tool_response`, `LiveClientToolResponse`,
`FunctionResponse` or raw `toolResponse` / `tool_response` frame anywhere), a call handed away
(put on a queue for a frontend sender, logged through a helper) is reported: nothing answers
it. A file checked alone (pre-commit names only the changed files) keeps the benefit of the
doubt: the module that answers may be outside the run. A session
handed in as a parameter counts as Live when the module uses the Live API and the loop reads
`async for m in <session>.receive()`.

## Why is this bad?
Gemini 3.1 Flash Live calls functions synchronously: after a tool call the model says nothing
more until the client sends the tool response. Code that only logged tool calls (2.5 went on
talking after a NON_BLOCKING call) now waits forever for a reply. On the 3.8 target calls run
in the background by default, so the model talks on, but it never gets the result it asked
for (CONFLICTING: one measurement saw 3.8 calls block as on 3.1).

## Example
```python
async for message in session.receive():
    if message.tool_call:
        log.info("tool call %s", message.tool_call)
```

## Use instead
```python
async for message in session.receive():
    if message.tool_call:
        responses = [
            types.FunctionResponse(id=call.id, name=call.name, response=run_tool(call))
            for call in message.tool_call.function_calls
        ]
        await session.send_tool_response(function_responses=responses)
```

## Fix safety
Unsafe, and only where the loop already runs the tool here: a `for call in
message.tool_call.function_calls:` loop whose body calls a function of this module with the
call's arguments (`take_note(**call.args)`, `**(call.args or {})`), in an `async` function
that reads the session's messages (`async for message in session.receive()` or
`start_stream(...)`), with google-genai's `types` imported. The fix keeps what the loop did
with the tool's result (the call becomes `result = take_note(...)` and the statement reads
`result`), collects one `types.FunctionResponse(id=call.id, name=call.name,
response=result)` per call and sends them after the loop with
`await session.send_tool_response(function_responses=replies)`. The tool's result goes back as
the response as is when the function is annotated to return a `dict` (the field's type), else
as `{"result": result}`: that shape is the fix's choice, hence unsafe. Elsewhere no fix: what
each tool returns is the program's to decide.

## References
- Gemini 3.1 Flash Live model page ("Function calling is synchronous only"):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Tool use with the Live API ("the model will not start responding until you've sent the tool
  response"): https://ai.google.dev/gemini-api/docs/live-api/tools
- `AsyncSession.send_tool_response` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/live.py
- Gemini 3.8 Live (NON_BLOCKING by default): https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
  and a measurement of blocking calls there: https://github.com/livekit/agents/pull/7329
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import (answers_through_its_api, answers_tool_calls, declares_function_tools, dotted_name, hands_off,
                                  misread_tool_calls, tool_call_reads)
from livemigrate.edits import Replace
from livemigrate.fixes import replace_nodes
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

# Names the fix binds, the first free one of each (never a name the function uses already).
_REPLIES = ("replies", "tool_replies", "function_responses")
_RESULTS = ("result", "tool_result", "output")

_SESSION = (
    "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
    "def lookup(city: str) -> dict:\n    return {'city': city}\n"
    "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'], tools=[lookup])\n"
    "async def main(log):\n"
    "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
    "        async for m in s.receive():\n"
)


class UnansweredToolCall(Rule):
    id = "LM305"
    name = "unanswered-tool-call"
    message = "a Live session gets tool calls that nothing answers: the model waits for the tool response"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        _SESSION + "            if m.tool_call:\n"
        "                await s.send_tool_response(function_responses=[\n"
        "                    types.FunctionResponse(id=c.id, name=c.name, response=lookup(**c.args))\n"
        "                    for c in m.tool_call.function_calls])\n",
        # only built-in tools: the server runs them and sends no tool call
        "from google import genai\nclient = genai.Client()\n"
        "async def main(log):\n"
        "    config = {'tools': [{'google_search': {}}]}\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
        "        async for m in s.receive():\n"
        "            if m.tool_call:\n                log.info('search')\n",
        # handed to code elsewhere, which may answer it
        "from tools import dispatch\n" + _SESSION + "            if m.tool_call:\n"
        "                await dispatch(s, m.tool_call)\n",
        # put on a queue that a task started with it drains and answers
        "import asyncio\n" + _SESSION.replace("    async with", "    calls = asyncio.Queue()\n    async with")
        .replace("as s:\n", "as s:\n        asyncio.create_task(answer(s, calls))\n")
        + "            if m.tool_call:\n                calls.put_nowait(m.tool_call)\n"
        "async def answer(s, calls):\n"
        "    while True:\n"
        "        call = await calls.get()\n"
        "        await s.send_tool_response(function_responses=[\n"
        "            types.FunctionResponse(id=c.id, name=c.name, response=lookup(**c.args)) for c in call.function_calls])\n",
        # put on a queue that a worker of this module drains and answers
        "import asyncio\n" + _SESSION + "            if m.tool_call:\n"
        "                PENDING.put_nowait(m.tool_call)\n"
        "PENDING = asyncio.Queue()\n"
        "async def worker(s):\n"
        "    while True:\n"
        "        call = await PENDING.get()\n"
        "        await s.send_tool_response(function_responses=[\n"
        "            types.FunctionResponse(id=c.id, name=c.name, response=lookup(**c.args)) for c in call.function_calls])\n",
    ]
    INVALID = [
        Invalid(_SESSION + "            if m.tool_call:\n                log.info('tool call %s', m.tool_call)\n",
                line=10),
        Invalid(  # queued for a task whose only reader records the calls: nothing answers them
            "import asyncio\n" + _SESSION.replace("    async with", "    audit = asyncio.Queue()\n"
                                                   "    asyncio.create_task(record(audit, log))\n    async with")
            + "            if m.tool_call:\n                await audit.put(m.tool_call)\n"
            "async def record(audit, log):\n"
            "    while True:\n"
            "        call = await audit.get()\n"
            "        log.info('tool call %s', call)\n",
            line=13,
        ),
        Invalid(  # judged per loop: another loop of the module that answers does not clear this one
            _SESSION + "            if m.tool_call:\n                log.info('tool call %s', m.tool_call)\n"
            "async def serve(s):\n"
            "    async for m in s.receive():\n"
            "        if m.tool_call:\n"
            "            await s.send_tool_response(function_responses=[\n"
            "                types.FunctionResponse(id=c.id, name=c.name, response=lookup(**c.args))\n"
            "                for c in m.tool_call.function_calls])\n",
            line=10,
        ),
        Invalid(  # the loop runs the tool here: its result is sent as the response (unsafe: the shape)
            _SESSION + "            if m.tool_call:\n"
            "                for call in m.tool_call.function_calls:\n"
            "                    log.info('%s', lookup(**(call.args or {})))\n",
            fixed=_SESSION + "            if m.tool_call:\n"
            "                replies = []\n"
            "                for call in m.tool_call.function_calls:\n"
            "                    result = lookup(**(call.args or {}))\n"
            "                    log.info('%s', result)\n"
            "                    replies.append(types.FunctionResponse(id=call.id, name=call.name, response=result))\n"
            "                await s.send_tool_response(function_responses=replies)\n",
            unsafe=True,
            line=10,
        ),
        Invalid(  # a tool with no dict annotation: its result is wrapped
            _SESSION.replace("def lookup(city: str) -> dict:", "def lookup(city: str):") + "            if m.tool_call:\n"
            "                for call in m.tool_call.function_calls:\n"
            "                    await lookup(**call.args)\n",
            fixed=_SESSION.replace("def lookup(city: str) -> dict:", "def lookup(city: str):")
            + "            if m.tool_call:\n"
            "                replies = []\n"
            "                for call in m.tool_call.function_calls:\n"
            "                    result = await lookup(**call.args)\n"
            "                    replies.append(types.FunctionResponse(id=call.id, name=call.name, "
            "response={\"result\": result}))\n"
            "                await s.send_tool_response(function_responses=replies)\n",
            unsafe=True,
            line=10,
        ),
        Invalid(  # the calls looked for where the models API puts them: never there
            _SESSION + "            for call in m.function_calls or []:\n"
            "                log.info('%s', lookup(**call.args))\n",
            line=10, message="no `function_calls`",
        ),
        Invalid(  # a raw client
            "import json\nURI = 'wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent'\n"
            "async def run(ws):\n"
            "    await ws.send(json.dumps({'setup': {'model': 'models/gemini-3.1-flash-live-preview',\n"
            "        'tools': [{'functionDeclarations': [{'name': 'lookup'}]}]}}))\n"
            "    async for raw in ws:\n"
            "        msg = json.loads(raw)\n"
            "        if 'toolCall' in msg:\n            print('the model wants', msg['toolCall'])\n",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        if not live.uses_live_api:
            return
        reported: set[int] = set()
        answered: set[int] = set()  # functions whose loop answers: every read there is answered
        reads = list(tool_call_reads(live))
        for read in reads:
            function = live.enclosing_function(read)
            if id(function) in reported or id(function) in answered or live.is_legacy_only(read):
                continue
            if function is not None and _is_predicate(live, function) and any(
                    live.enclosing_function(other) is not function for other in reads):
                continue  # it only says what the message is; another read handles the tool call
            message = read.value if isinstance(read, cst.Attribute) else None
            if not _declares_tools(live, message):
                continue
            # Judged per loop: another loop answering on another session does not clear this one.
            if answers_tool_calls(live, read):
                if function is not None:  # module-level loops are judged each on its own
                    answered.add(id(function))
                continue
            # Handed to code this module cannot see: that code may answer, unless nothing in
            # the project can (no file of a run over its folder sends a tool response).
            # (any read of the call in the function: `if "toolCall" in data:` tests it, the
            # `data["toolCall"]` below is what is handed on)
            same = [r for r in reads if live.enclosing_function(r) is function] if function is not None else [read]
            if any(hands_off(live, r) for r in same) and not (live.facts is not None and live.facts.no_tool_response):
                continue
            if answers_through_its_api(live, read):
                continue  # its users learn of the call and answer through the module's public method
            reported.add(id(function))
            ctx.report(read, f"this receive loop gets tool calls that neither it nor the code it hands them to "
                       f"answers: {ctx.target.claim('unanswered_tool_call')}; send a tool response for every call "
                       f"(`send_tool_response(function_responses=...)` with each call's id)",
                       _answer_fix(ctx, function, message))
        for read in misread_tool_calls(live):
            # the calls looked for where the models API puts them: none is ever seen, so none is
            # answered, whatever the code does with what it finds there
            if live.is_legacy_only(read) or id(live.enclosing_function(read)) in reported:
                continue
            message = read.value if isinstance(read, cst.Attribute) else read.args[0].value  # type: ignore[attr-defined]
            if not _declares_tools(live, message):
                continue
            ctx.report(read, f"a Live server message has no `function_calls` (the models API's answers do): its tool "
                       f"calls are in `tool_call.function_calls`, so this code never sees one and none is answered: "
                       f"{ctx.target.claim('unanswered_tool_call')}; read `tool_call.function_calls` and send a tool "
                       f"response for every call")


def _declares_tools(live, message) -> bool:
    """The session ``message`` comes from declares function tools (any session of the module,
    when which one is not known)."""
    origin = live.message_origin(message) if message is not None else None
    config = live.config_of(origin)
    return any(declares_function_tools(live, c) for c in ([config] if config is not None else live.configs))


def _is_predicate(live, function) -> bool:
    """Every ``return`` of ``function`` gives ``True`` or ``False`` (``_is_new_generation(msg)``):
    it classifies a message, and what it reads there is handled by whoever asked."""
    returns = [n for n in live.walk(function.body) if type(n) is cst.Return]
    return bool(returns) and all(type(r.value) is cst.Name and r.value.value in ("True", "False") for r in returns)


# --- the fix -----------------------------------------------------------------------------------
def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _answer_fix(ctx: RuleContext, function, message) -> Fix | None:
    """Send the results of the tools the loop runs here as the tool response (see the docs)."""
    live = ctx.live
    if not isinstance(function, cst.FunctionDef) or function.asynchronous is None or message is None:
        return None
    types_alias = live.imports.types_alias()
    calls_of = f"{_code(message)}.tool_call.function_calls"
    loops = [n for n in live.walk(function.body) if isinstance(n, cst.For) and _code(n.iter) == calls_of]
    session = _session_of(live, message)
    if types_alias is None or session is None or len(loops) != 1:
        return None
    loop = loops[0]
    if loop.asynchronous is not None or loop.orelse is not None or not isinstance(loop.target, cst.Name) \
            or not isinstance(loop.body, cst.IndentedBlock):
        return None
    call_name = loop.target.value
    runs = [n for n in live.walk(loop.body) if isinstance(n, cst.Call) and _runs_tool(live, n, call_name)]
    if len(runs) != 1:
        return None
    run = runs[0]
    line = next((stmt for stmt in loop.body.body if any(n is run for n in live.walk(stmt))), None)
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    used = {n.value for n in live.walk(function) if isinstance(n, cst.Name)}
    replies = next((name for name in _REPLIES if name not in used), None)
    result = next((name for name in _RESULTS if name not in used), None)
    if replies is None or result is None:
        return None
    tool = live.callee(run)
    returns = tool.returns.annotation if tool is not None and tool.returns is not None else None
    value = result if returns is not None and (dotted_name(returns) or dotted_name(getattr(returns, "value", None))
                                               or "").split(".")[-1] in ("dict", "Dict") else f'{{"result": {result}}}'
    above = live.parent(run)
    ran = above if isinstance(above, cst.Await) else run  # `await tool(**call.args)`
    assign = cst.Assign([cst.AssignTarget(cst.Name(result))], ran)
    if isinstance(line.body[0], cst.Expr) and line.body[0].value is ran:
        keep = [line.with_changes(body=[assign])]  # the result was dropped: now it is kept
    else:  # the statement reads the result where it ran the tool
        keep = [cst.SimpleStatementLine([assign], leading_lines=line.leading_lines),
                replace_nodes(line, [ran], cst.Name(result)).with_changes(leading_lines=[])]
    body = []
    for statement in loop.body.body:
        if statement is line:
            body.extend(keep)
        else:
            body.append(statement)
    append = cst.parse_statement(f"{replies}.append({types_alias}.FunctionResponse(id={call_name}.id, "
                                 f"name={call_name}.name, response={value}))")
    body.append(append)
    new_loop = loop.with_changes(body=loop.body.with_changes(body=body), leading_lines=[])
    start = cst.parse_statement(f"{replies} = []").with_changes(leading_lines=loop.leading_lines)
    send = cst.parse_statement(f"await {_code(session)}.send_tool_response(function_responses={replies})")
    return Fix.unsafe("send the tools' results as the tool response",
                      Replace(loop, cst.FlattenSentinel([start, new_loop, send])))


def _runs_tool(live, call: cst.Call, call_name: str) -> bool:
    """``call`` runs a function of this module with the tool call's arguments:
    ``f(**<call>.args)`` or ``f(**(<call>.args or {}))``."""
    if live.callee(call) is None:
        return False
    for arg in call.args:
        if arg.star == "**":
            value = arg.value
            if isinstance(value, cst.BooleanOperation):
                value = value.left
            if _code(value) == f"{call_name}.args":
                return True
    return False


def _session_of(live, message: cst.BaseExpression) -> cst.BaseExpression | None:
    """The session whose ``receive()`` / ``start_stream(...)`` loop binds ``message``."""
    if not isinstance(message, cst.Name):
        return None
    for ancestor in live.ancestors(message):
        if isinstance(ancestor, cst.For) and ancestor.asynchronous is not None \
                and isinstance(ancestor.target, cst.Name) and ancestor.target.value == message.value:
            it = ancestor.iter
            if isinstance(it, cst.Call) and isinstance(it.func, cst.Attribute) \
                    and it.func.attr.value in ("receive", "start_stream"):
                return it.func.value
            return None
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
            return None
    return None
