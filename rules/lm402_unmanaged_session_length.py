"""A long-running Live session with nothing to outlive the session and connection limits.

## What it does
Flags a Live session that runs long (its receive loop sits in a `while` loop, or reads one message
at a time in a `while` loop that does not leave at the turn's end, `while self._running: message =
await gen.__anext__()` with a new `gen = session.receive()` after each turn; it streams
microphone or camera input in a `while` / `async for` loop or with `start_stream`, or a raw
client reads server messages in a loop that never ends, itself or through a method it hands
them to, stopped at most by a flag of the program's such as `if not self._running: break`, one
that no code sets under a test of the turn's end: cleared only when the socket fails, in an
`except`, it still runs until the program stops; measurement 37) when its config sets neither
`session_resumption` nor `context_window_compression` (any spelling, raw `sessionResumption` /
`contextWindowCompression` too; one written as `None`, as ADK's bidi sample writes
`session_resumption=None`, sets nothing: measurement 56) and the module never reads a GoAway
(`message.go_away`, raw `"goAway"`) or a `session_resumption_update`. The finding is on the
call that opens the session (`live.connect(...)`), or on the `"setup"` key of a raw client's
first frame; it says whether the session also sends video (the shorter limit).

What keeps a session open may be elsewhere: a sender task the session block waits for (awaited,
gathered, or started in an `asyncio.TaskGroup`; also one of a list of tasks, `tasks =
[asyncio.create_task(...), ...]` then `gather(*tasks)`, not `await tasks[1]` nor a list each of
whose tasks is cancelled first; also one cancelled only once the block's wait for another task
that runs until stopped ends, a browser socket's reader until it disconnects) that streams in a `while True` loop
or in an `async for` over what a client's socket sends (`async for raw in websocket.iter_text():`,
`async for message in websocket:`: it goes on until the client disconnects, whatever turn the
block's receive loop reads; decided after measurement 40); in a run over the project, a function
of another module the session is handed to (by the block, or by a method it hands it to) that
uses it in a `while` loop running until stopped (`send_realtime(session, queue)` with its `while
True: msg = await queue.get(); await session.send_realtime_input(...)`: measurements 41, 42; also a
class built with it that keeps it on `self` and reads it in such a loop, `while self.running():`,
and an ADK queue another module gets from the function running `run_live` and hands to a third
module's loop feeding it through a helper, or to a class that keeps it on `self` and feeds it
in such a loop: measurement 45); a block that
keeps the session on an object for other code (`self.live_session = session`, the class's send
methods called by a web handler) and then only waits in a `while` loop (`while self.is_active:
await asyncio.sleep(0.1)`: open until stopped, however many turns its receive task reads; not
when a loop over the server's messages sets the flag it waits on, `self.done = True` at the
turn's end: a one-shot's wait), or waits for a task of its own looping until stopped (`gather(
self.receive(), self.play())`, the player `while self.is_session_active`) while other code of
the object sends on the session it keeps (a browser handler's `self.live_session.send(...)`); a raw
client's console loop sending user turns until the user quits; or, in a run over the project,
another module that calls the function returning `client.aio.live.connect(...)` (or the entered
session) from a function running a loop until stopped (`while True`, `while self.running`, such
flags joined by `and`, `while not stop.is_set() and active`; not `while attempts < 3`), or a method of its own that does, or a function of its module
that calls one that does, also as tasks it waits for (a TaskGroup running the receive loop), or as a task it
starts and forgets from a loop of the block that itself runs until stopped (a phone bridge starting
its receiver task when its socket loop reads the call's `start` event: the block reads the socket
until the call ends, even when it leaves on the socket's error or close; a task started before
a one-turn receive, or right before the socket loop's `break`, does not count), or a closure
of the function around it (or a function of its module) that loops until stopped and never
leaves by itself, but when its socket fails, in an `except` (an endpoint's
`upstream(live)` / `downstream(live)` gathered in the block; not a one-turn collector), named
in the message by its file and line; a session a nested function opens in its own `with` is one
per call, however long the function around it loops calling it (one per question), unless the
block lends the session to the code around it (`holder["live"] = live`, an attribute or a
`nonlocal` name; not a local alias); a fallback session the same function opens
into the same name when the first connect fails (`live_session = await manager.__aenter__()` in
the `except` too, its config filtered out of the first by key), or in the other branch of an `if`
/ `else`, runs as long as the first (two sessions opened one after the other are two);
or a method of an imported base class that sends on or receives from an attribute of `self`
(its session, as the subclass stores it there) in such a loop, one that neither breaks out nor
clears its own flag, run by the subclass's session block and not overridden there (a web
subclass gathering a console analyzer's `self.receive_audio()` and `self.send_realtime()`).
In a run over the project, a loop of another module that runs until stopped and feeds such a
session (`send_audio_chunk` on an object it builds from the session's class) keeps it open, also
through a function or method of its own module that the loop calls (a Twilio media loop calling
`state.handle_audio(...)`, whose body feeds `self.gemini.send_audio_chunk(...)`), or through a class of a third module that
builds the session's class and calls its feeding method (a coordinator whose `answer(question)` calls
`voice.ask(question)` on the `VoiceSession` it keeps; read when that module names Gemini or genai;
decided after measurement 35), and also when
the loop leaves on the peer's message that it stopped (`elif event == "stop": break`: the call
ended, as a flag stops a loop), not on a bound of its own (decided after measurement 35).
A session an object keeps (`self._session = await client.aio.live.connect(...)`, no `async with`)
that another of its methods sends on (`send_audio`), called in a loop that runs until stopped
(`while True: await session.send_audio(await ws.receive_bytes())`, on an object built from the
class directly or returned by a factory of the module, `await Service.create()`), is open as long
as that loop goes on, whatever its receive task reads (decided after measurement 33; a loop that
also opens the object's session on each pass, `await session.connect()` in it, holds none open). A second
session a method stores where the first one was (`self._live = fresh` in `reconnect()`) runs as
long as the first and carries its video. A `while` whose test stops it by its own clock within
the limit that applies (`while turns < 16 and time.time() - t0 < 240`: 10 minutes, the
connection's life; 2 minutes when the session carries video) keeps no session open, nor does one
leaving at such a bound from its body (`elapsed = time.monotonic() - start`, then `if elapsed >=
TTL_S: return`); a start the loop itself resets (an idle timer, `last = time.time()` on each
chunk) bounds nothing. Senders the block waits for with `asyncio.wait([...],
return_when=FIRST_COMPLETED)` beside a receiver reading one turn end with it (not with
`FIRST_EXCEPTION`, which waits on when the receiver ends well, nor when the receiver is not among
the tasks waited for).
A session another module's class opens with the config its caller passes and keeps open itself
(`while True: async for m in session.receive()` in the class, `live_model.LiveProcessor(...,
realtime_config=...)` here) is reported on the call that passes the config, not on the class's own
`connect`.

A one-shot script (send a prompt, read one turn of replies, exit) is not reported: its
`receive()` loop ends with the turn; so does a loop over `start_stream(...)` that leaves at the
first `turn_complete` (and runs in no loop itself), whatever the input stream. A probe written
with loops is one too: a `while not self.done:` around `receive()` whose body sets the flag
after the turn (unconditionally, or once a count says audio came: `if chunks > 0`; not under a
test of what was said), and a sender `while not (self.recorded and queue.empty()):` whose flag
the class sets only after bounded loops (`while count < target` recording a few seconds).

A stream runs long only when nothing in the code says where it ends. `start_stream(stream=...)`
and input sent in an `async for` loop are long-running over a live source: a microphone or
camera, a queue, a generator with a `while True` (or `while not stop.is_set()`) loop, a
parameter or a call the module cannot see into. They are finite, and not reported, over a
source that ends by itself: a list or tuple (or a name bound to one), `range(...)`,
`iter(...)` of such a source, or a call of a generator of this module whose every loop ends
with a file it opens (`open(path, "rb")`, `wave.open`, `aiofiles.open`, `path.open("rb")`,
`io.BytesIO`, `SoundFile`): `while chunk := wf.readframes(n)`, `chunk = f.read(n)` then `if
not chunk: break`, `while data: ...; data = wf.readframes(n)` when every write of `data` in the
loop reads the file (measurement 56), or a `for` over a finite source or the file. A device opened with
`.open(...)` and no read mode (`pyaudio.PyAudio().open(input=True, ...)`) is not a file. A `while` loop around `connect` itself reconnects: it
does not keep one session open; nor does one around a call of the function that opens the
session (`while attempts < 3: return await ask(client, question)` retries a one-question
session). A session opened only for 2.x models, one whose config this
module cannot see whole (a parameter, an import, a browser's setup frame with a field added here:
`config = json.loads(msg).get("setup", {}); config["system_instruction"] = ...`; but a config
built by another module's config builder that never names `session_resumption` or
`context_window_compression` is known not to set them), and one on a Live model outside this
move (a translation model) are not reported.
An ADK app's session is reported too, on its `runner.run_live(...)` call: ADK opens the Live
session with the fields of the `RunConfig` passed as `run_config=` (none: ADK's default, which
sets neither), and a `while` / `async for` loop in the function running it (or a task defined
there) that sends to a `LiveRequestQueue` keeps it open, as does, for the module's one
`run_live`, an `async for` over the session's events that reads `turn_complete` or
`interrupted` and never leaves (ADK's SSE sample, whose browser posts each chunk to another
endpoint: measurement 51); in a run over the project, so does
another module's loop that runs until stopped (and never leaves by itself) calling, on an object
it builds from the class that runs it, a method feeding the queue the object keeps (`while True: service.send_audio(await ws.receive_bytes())`
beside `async for event in service.receive_events(...)`; decided after measurement 30; that
module is read when it names Gemini or the Live API, or serves a WebSocket). Measurement 11's labellers disagreed on
this shape (the catalogue names the connect call and the setup frame only, and ADK user code has
neither); the rule reports it because the limits are the server's whatever opens the session,
and ADK's `RunConfig` takes both fields.
A session on a Vertex AI 2.x model that the target cannot replace there is reported: the limits
are the Live API's, not the target's (2.x had them too), and the rule offers no fix; the message
says the session stays on its Vertex AI model and quotes the limits without the target's name.

## Why is this bad?
Without context window compression an audio session ends after 15 minutes, and one with video
after 2; each WebSocket connection is closed after about 10 minutes, after a GoAway message.
Code that neither compresses the context nor resumes the session (with the handle from
`session_resumption_update`) just loses the conversation mid-call. 2.5 had the same limits; a
move is the time to check, because the 3.x session also bills every video frame by default
(LM401) and a reconnect starts a new, empty session.

## Example
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])
async with client.aio.live.connect(model=MODEL, config=config) as session:
    while True:
        async for message in session.receive():
            play(message.data)
```

## Use instead
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    session_resumption=types.SessionResumptionConfig(handle=previous_handle),
    context_window_compression=types.ContextWindowCompressionConfig(
        sliding_window=types.SlidingWindow(),
    ),
)
async with client.aio.live.connect(model=MODEL, config=config) as session:
    while True:
        async for message in session.receive():
            if message.session_resumption_update and message.session_resumption_update.resumable:
                previous_handle = message.session_resumption_update.new_handle
            if message.go_away is not None:
                ...  # reconnect with previous_handle before time_left runs out
            play(message.data)
```

## Fix safety
No fix: resuming a session needs a reconnect loop and somewhere to keep the handle, and
compression changes what the model remembers; both are the program's decisions.

## References
- Session management (limits, GoAway, resumption, compression):
  https://ai.google.dev/gemini-api/docs/live-api/session-management
- Firebase's notes on the same limits (GoAway about 60 s before the end):
  https://firebase.google.com/docs/ai-logic/live-api/sessions
- Gemini 3.8 Live model page (no change documented): https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- `SessionResumptionConfig`, `ContextWindowCompressionConfig`, `LiveServerGoAway` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- ADK's `RunConfig` (`session_resumption`, `context_window_compression`):
  https://google.github.io/adk-docs/runtime/runconfig/
"""

from __future__ import annotations

from livemigrate.analysis import (AdkLiveSession, adk_sessions, held_sessions, is_other_model, live_sessions,
                                  reads_session_end, turns_on)
from livemigrate.policy import session_stays_on_vertex_2x
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext

# Config fields that let a session outlive its limits (canonical snake_case paths).
_MANAGED = frozenset({"session_resumption", "context_window_compression"})


class UnmanagedSessionLength(Rule):
    id = "LM402"
    name = "unmanaged-session-length"
    message = ("long-running Live session without session resumption, context window compression or GoAway "
               "handling: it ends at the session and connection limits")
    fix_availability = FixAvailability.NEVER
    advisory = True  # the same on the old model and the target: it does not hold the model back

    VALID = [
        # one-shot: one prompt, one turn of replies
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        await s.send_realtime_input(text='Hello')\n"
        "        async for m in s.receive():\n"
        "            print(m.text)\n",
        # compression on
        "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
        "CONFIG = types.LiveConnectConfig(context_window_compression=types.ContextWindowCompressionConfig(\n"
        "    sliding_window=types.SlidingWindow()))\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
        "        while True:\n"
        "            async for m in s.receive():\n"
        "                print(m.text)\n",
        # GoAway handled
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "        while True:\n"
        "            async for m in s.receive():\n"
        "                if m.go_away is not None:\n"
        "                    return\n",
        # a reconnect loop around connect: each session is one turn
        "from google import genai\nclient = genai.Client()\n"
        "async def main(prompts):\n"
        "    while True:\n"
        "        async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
        "            await s.send_realtime_input(text=await prompts.get())\n"
        "            async for m in s.receive():\n"
        "                print(m.text)\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nclient = genai.Client()\n"
            "CONFIG = {'response_modalities': ['AUDIO']}\n"
            "async def main(play):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        while True:\n"
            "            async for m in s.receive():\n"
            "                play(m.data)\n",
            line=5,
        ),
        Invalid(  # microphone streaming in a task, audio and video: the shorter limit
            "import asyncio\nfrom google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "async def mic(session, stream):\n"
            "    async for chunk in stream:\n"
            "        await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type='audio/pcm;rate=16000'))\n"
            "async def cam(session, frames):\n"
            "    async for frame in frames:\n"
            "        await session.send_realtime_input(video=frame)\n"
            "async def main(stream, frames):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await asyncio.gather(mic(s, stream), cam(s, frames))\n",
            line=12, message="2 minutes",
        ),
        Invalid(  # raw client: reported on the setup frame
            "import json\n"
            'URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def run(ws, play):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))\n'
            "    while True:\n"
            "        message = json.loads(await ws.recv())\n"
            '        play(message["serverContent"])\n',
            line=4,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        # (a session whose config other modules pass is reported where they pass it, when the
        # class keeps it open: held_sessions there)
        sessions = [s for s in [*[s for s in live_sessions(live) if not s.config_from_callers(live)],
                                *adk_sessions(live), *held_sessions(live)]
                    if s.loops and not s.legacy_only
                    and not is_other_model(s.model) and s.known_unset(live, _MANAGED)]
        if not sessions or reads_session_end(live):
            return
        for session in sessions:
            if session.config is not None and any(
                    e.path[0] in _MANAGED and turns_on(live, e)
                    for e in live.entries_of(session.config)):
                continue  # (`session_resumption=None`, written out, turns nothing on)
            node, why = session.loops[0]
            # (a loop in another module is named by its file and line already)
            where = "" if node is session.anchor else f", line {ctx.line_of(node)}"
            video = " and streams video, so the shorter limit applies" if session.video else ""
            if session_stays_on_vertex_2x(session.model, [session.anchor], ctx):
                # the session keeps its Vertex AI 2.x model: the limits are the Live API's, not the target's
                limits = (f"this session is on a Vertex AI model, and the target {ctx.target.reason('vertex_model')}, "
                          f"so it keeps its model; the Live API documents the same limits for every model (check "
                          f"Vertex AI's): the server {ctx.target.reason('session_limits')}")
            else:
                limits = ctx.target.claim('session_limits')
            if isinstance(session, AdkLiveSession):
                ctx.report(session.anchor,
                           f"this Live session, which ADK opens, runs long ({why}{where}), with no session_resumption "
                           f"or context_window_compression in its RunConfig: {limits}; set "
                           f"RunConfig(session_resumption=types.SessionResumptionConfig()) (ADK then resumes the "
                           f"session when the server ends the connection) or turn on context window compression")
                continue
            ctx.report(session.anchor,
                       f"this Live session runs long ({why}{where}){video}, with no session_resumption or "
                       f"context_window_compression in its config and no GoAway handling: "
                       f"{limits}; resume the session with the handle from "
                       f"session_resumption_update when a GoAway arrives, or turn on context window compression")
