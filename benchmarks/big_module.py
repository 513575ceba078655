"""How the analysis scales with the size of one Live module (issue 9 §5).

Generates an N-MB Live module by repeating realistic Live code (typed and dict configs,
connect, a class with a session on ``self``, send/receive tasks, a queue-fed sender, version
gates, tool responses, a raw WebSocket client), then times each stage on it in a fresh
process per size and prints the time per MB and the peak memory. Flat seconds per MB means
linear; a column that grows with the size is where the super-linear part is.

    python benchmarks/big_module.py --sizes 0.5 1 2            # the table
    python benchmarks/big_module.py --write big.py --mb 1       # just the module
    python benchmarks/big_module.py --sizes 1 --profile 25      # top 25 functions (cProfile)
    python benchmarks/big_module.py --sizes 1 --tracemalloc 15  # top 15 allocation sites

Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

HEADER = '''\
"""A big generated Live module (benchmarks/big_module.py)."""

import asyncio
import json
import logging
import os

import websockets
from google import genai
from google.genai import types

logger = logging.getLogger(__name__)
URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
'''

# One unit of realistic Live code. `{i}` makes module-level names unique, as in a real
# module; method names (`run`, `_send_task`, ...) repeat across classes, as they do in real
# code, so per-name indexes see many candidates.
CHUNK = '''

# --- agent {i} ---
MODEL_{i} = os.getenv("LIVE_MODEL_{i}", "gemini-2.5-flash-native-audio-preview-12-2025")
VOICE_{i} = "Puck"

CONFIG_{i} = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    thinking_config=types.ThinkingConfig(thinking_budget=1024),
    enable_affective_dialog=True,
    proactivity=types.ProactivityConfig(proactive_audio=True),
    input_audio_transcription=types.AudioTranscriptionConfig(),
    output_audio_transcription=types.AudioTranscriptionConfig(),
    speech_config=types.SpeechConfig(
        voice_config=types.VoiceConfig(prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=VOICE_{i}))
    ),
)


def build_config_{i}(voice: str, tools: list) -> dict:
    config = {{"response_modalities": ["AUDIO"], "system_instruction": "You are agent {i}."}}
    config["speech_config"] = {{"voice_config": {{"prebuilt_voice_config": {{"voice_name": voice}}}}}}
    config["tools"] = [{{"function_declarations": [{{"name": "lookup_{i}", "behavior": "NON_BLOCKING"}}]}}]
    config.update({{"realtime_input_config": {{"automatic_activity_detection": {{"disabled": False}}}}}})
    if tools:
        config["tools"].extend(tools)
    return config


class VoiceAgent{i}:
    """Agent {i}: mic in, audio out, typed text through a queue."""

    def __init__(self, client: genai.Client, model: str = MODEL_{i}, trigger: str | None = None) -> None:
        self.client = client
        self._model = model
        self._queue: asyncio.Queue = asyncio.Queue()
        self._needs_turn_complete = False
        if not trigger and not self._is_gemini_3:
            self._needs_turn_complete = True
        self.session = None

    @property
    def _is_gemini_3(self) -> bool:
        return "gemini-3" in self._model

    @property
    def mutable_chat_context(self) -> bool:
        return "3.1" not in self._model

    def push_text(self, text: str) -> None:
        if not self.mutable_chat_context:
            self._queue.put_nowait(types.LiveClientRealtimeInput(text=text))
            return
        content = types.Content(role="user", parts=[types.Part(text=text)])
        self._queue.put_nowait(types.LiveClientContent(turns=[content], turn_complete=True))

    async def _send_task(self, session) -> None:
        while True:
            item = await self._queue.get()
            if isinstance(item, types.LiveClientContent):
                await session.send_client_content(turns=item.turns, turn_complete=item.turn_complete)
            elif isinstance(item, types.LiveClientRealtimeInput):
                await session.send_realtime_input(text=item.text)

    async def _mic_task(self, session, mic) -> None:
        async for chunk in mic:
            await session.send_realtime_input(audio=types.Blob(data=chunk, mime_type="audio/pcm"))

    async def _receive_task(self, session) -> None:
        async for message in session.receive():
            if message.server_content and message.server_content.model_turn:
                part = message.server_content.model_turn.parts[0]
                if part.inline_data:
                    self.play(part.inline_data.data)
                    continue
            elif message.server_content and message.server_content.output_transcription:
                logger.info("agent {i}: %s", message.server_content.output_transcription.text)
            elif message.tool_call:
                await self._answer(session, message.tool_call)
            if self._needs_turn_complete and message.server_content and message.server_content.turn_complete:
                await session.send_client_content(turns=[], turn_complete=True)
            if message.text:
                print(message.text, end="")

    async def _answer(self, session, tool_call) -> None:
        responses = [
            types.FunctionResponse(id=fc.id, name=fc.name, response={{"ok": True}}, scheduling="WHEN_IDLE")
            for fc in tool_call.function_calls
        ]
        await session.send_tool_response(function_responses=responses)

    def play(self, data: bytes) -> None:
        logger.debug("agent {i} plays %d bytes", len(data))

    async def run(self, mic, history: list) -> None:
        async with self.client.aio.live.connect(model=self._model, config=CONFIG_{i}) as session:
            self.session = session
            if history:
                await session.send_client_content(turns=history, turn_complete=True)
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._send_task(session))
                tg.create_task(self._mic_task(session, mic))
                tg.create_task(self._receive_task(session))


async def chat_{i}(client: genai.Client, lines) -> None:
    config = build_config_{i}(VOICE_{i}, [])
    async with client.aio.live.connect(model=MODEL_{i}, config=config) as session:
        async for line in lines:
            await session.send_client_content(
                turns=types.Content(role="user", parts=[types.Part(text=line)]), turn_complete=True)
            async for message in session.receive():
                if message.server_content and message.server_content.turn_complete:
                    break


async def raw_client_{i}(text: str) -> None:
    async with websockets.connect(URI) as ws:
        setup = {{"setup": {{"model": "models/gemini-2.0-flash-live-001",
                           "generationConfig": {{"responseModalities": ["AUDIO"], "thinkingConfig": {{"thinkingBudget": 512}}}}}}}}
        await ws.send(json.dumps(setup))
        await ws.recv()
        await ws.send(json.dumps({{"clientContent": {{"turns": [{{"role": "user", "parts": [{{"text": text}}]}}], "turnComplete": True}}}}))
        async for raw in ws:
            msg = json.loads(raw)
            if "serverContent" in msg:
                content = msg["serverContent"]
                if "modelTurn" in content:
                    print(content["modelTurn"]["parts"][0])
            elif "toolCall" in msg:
                await ws.send(json.dumps({{"toolResponse": {{"functionResponses": []}}}}))


async def main_{i}(mic) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    agent = VoiceAgent{i}(client)
    await agent.run(mic, [])
    await chat_{i}(client, mic)
'''


def generate(megabytes: float) -> str:
    """A module of about ``megabytes`` MB built from repeated chunks."""
    target = int(megabytes * 1024 * 1024)
    parts = [HEADER]
    size = len(HEADER)
    i = 0
    while size < target:
        chunk = CHUNK.format(i=i)
        parts.append(chunk)
        size += len(chunk)
        i += 1
    return "".join(parts)


def measure(megabytes: float, profile: int, tracemalloc_top: int) -> dict:
    """Time each stage on one generated module (run in a fresh process)."""
    import libcst as cst

    from livemigrate.analysis import build_live_model
    from livemigrate.engine import Linter
    from livemigrate.settings import Settings

    source = generate(megabytes)
    data = source.encode()
    if tracemalloc_top:
        import tracemalloc

        tracemalloc.start(8)
    stages: dict[str, float] = {}
    start = time.perf_counter()
    module = cst.parse_module(data)
    stages["parse"] = time.perf_counter() - start

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    live = build_live_model(module, source)
    stages["live model"] = time.perf_counter() - start
    start = time.perf_counter()
    live.config_entries()
    stages["config entries"] = time.perf_counter() - start
    start = time.perf_counter()
    flow = live.flow
    stages["session flow"] = time.perf_counter() - start
    start = time.perf_counter()
    for call in flow.calls:
        live.is_legacy_only(call.call)
    stages["gates (every session call)"] = time.perf_counter() - start

    linter = Linter(Settings(select=("LM",)))
    rule_times: dict[str, float] = {}
    from livemigrate.positions import Positions
    from livemigrate.rule import RuleContext

    start = time.perf_counter()
    positions = Positions(module)
    positions(module.body[-1])  # the one codegen pass, as the engine's first finding runs it
    stages["positions (engine)"] = time.perf_counter() - start
    ctx = RuleContext("big.py", module, live, linter.target, positions)
    for rule in linter.rules:
        ctx.rule = rule
        start = time.perf_counter()
        rule.check(ctx)
        rule_times[rule.id] = time.perf_counter() - start
    stages["rules"] = sum(rule_times.values())
    if profiler is not None:
        profiler.disable()
        import pstats

        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(profile)
    if tracemalloc_top:
        import tracemalloc

        snapshot = tracemalloc.take_snapshot()
        for stat in snapshot.statistics("lineno")[:tracemalloc_top]:
            print(stat, file=sys.stderr)
        print("tracemalloc peak MB:", tracemalloc.get_traced_memory()[1] / 2**20, file=sys.stderr)

    import resource

    return {
        "mb": len(data) / 2**20,
        "lines": source.count("\n"),
        "stages": stages,
        "rules": rule_times,
        "findings": len(ctx.findings),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[0.5, 1, 2], help="module sizes in MB")
    parser.add_argument("--write", type=Path, help="write one module of --mb MB to this path and exit")
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions (cProfile)")
    parser.add_argument("--tracemalloc", type=int, default=0, help="print the top N allocation sites")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()

    if args.write:
        args.write.write_text(generate(args.mb))
        return
    if args.one is not None:
        print(json.dumps(measure(args.one, args.profile, args.tracemalloc)))
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--profile", str(args.profile),
                              "--tracemalloc", str(args.tracemalloc)],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    names = list(rows[0]["stages"])
    print(f"{'stage':<28}" + "".join(f"{r['mb']:>8.2f} MB s/MB" for r in rows))
    for name in names:
        print(f"{name:<28}" + "".join(f"{r['stages'][name] / r['mb']:>16.2f}" for r in rows))
    slowest = sorted(rows[-1]["rules"], key=rows[-1]["rules"].get, reverse=True)[:5]
    for rule in slowest:
        print(f"  rule {rule:<23}" + "".join(f"{r['rules'][rule] / r['mb']:>16.2f}" for r in rows))
    print(f"{'findings':<28}" + "".join(f"{r['findings']:>16}" for r in rows))
    print(f"{'peak RSS MB':<28}" + "".join(f"{r['peak_rss_mb']:>16.0f}" for r in rows))
    print(f"{'peak RSS MB per MB':<28}" + "".join(f"{r['peak_rss_mb'] / r['mb']:>16.0f}" for r in rows))


if __name__ == "__main__":
    main()
