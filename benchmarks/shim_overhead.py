"""Per-message overhead of ``livemigrate.shim`` against the raw SDK, on the local emulator.

    python benchmarks/shim_overhead.py [--messages 200] [--repeats 15]

One emulator (strict 3.1, on its own thread) serves three sessions opened side by side: the
raw SDK, the shim with default options (the pass-through path a migrated program takes),
and the shim with ``split_parts=True``. Each repeat times, for every session in turn
(interleaved, so drift hits all alike):

* receive: one scripted turn of ``--messages`` multi-part messages (3 audio parts +
  transcript each), from ``send_realtime_input(text=...)`` to the turn's end, per server
  message (``split_parts`` yields 4 messages for each);
* send: ``--messages`` calls of ``send_realtime_input(audio=...)``.

It prints the median time per message for each, and the shim/raw ratio. The server's
messages are prebuilt (``send`` steps), so its own cost stays small and equal for all.
Not a test: numbers depend on the machine; the point is the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import statistics
import time
import warnings
from typing import Any


def _script(messages: int) -> dict[str, Any]:
    chunk = base64.b64encode(b"\x00\x01" * 480).decode("ascii")  # 20 ms at 24 kHz
    message = {
        "serverContent": {
            "modelTurn": {"role": "model", "parts": [
                {"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": chunk}} for _ in range(3)
            ]},
            "outputTranscription": {"text": "word "},
        }
    }
    return {"*": [{"send": message} for _ in range(messages)]}


async def _receive_turn(session: Any) -> int:
    await session.send_realtime_input(text="go")
    count = 0
    async for _ in session.receive():
        count += 1
    return count


async def _send_audio(session: Any, blob: Any, n: int) -> int:
    for _ in range(n):
        await session.send_realtime_input(audio=blob)
    return n


async def _bench(emulator: Any, messages: int, repeats: int) -> dict[str, dict[str, list[float]]]:
    from google import genai
    from google.genai import types

    from livemigrate import shim

    model = "gemini-3.1-flash-live-preview"
    config = {"output_audio_transcription": {}}
    clients = {
        "raw SDK": genai.Client(api_key="bench", http_options=emulator.http_options),
        "shim": shim.wrap(genai.Client(api_key="bench", http_options=emulator.http_options)),
        "shim split_parts": shim.wrap(
            genai.Client(api_key="bench", http_options=emulator.http_options), split_parts=True
        ),
    }
    blob = types.Blob(data=b"\x00\x00" * 320, mime_type="audio/pcm;rate=16000")
    results: dict[str, dict[str, list[float]]] = {name: {"receive": [], "send": []} for name in clients}
    managers = {name: c.aio.live.connect(model=model, config=config) for name, c in clients.items()}
    sessions = {name: await cm.__aenter__() for name, cm in managers.items()}
    try:
        # Warm-up (connections, imports, caches), and the number of messages the server sends
        # per turn: every variant's turn time is divided by it, so split_parts is charged
        # per server message, not per smaller message it yields.
        per_turn = {name: await _receive_turn(session) for name, session in sessions.items()}
        server_messages = per_turn["raw SDK"]
        names = list(sessions)
        for repeat in range(repeats):
            # Rotate who goes first, so no variant always runs right after another.
            for name in names[repeat % len(names):] + names[: repeat % len(names)]:
                session = sessions[name]
                start = time.perf_counter()
                await _receive_turn(session)
                results[name]["receive"].append((time.perf_counter() - start) / server_messages)
                start = time.perf_counter()
                sent = await _send_audio(session, blob, messages)
                results[name]["send"].append((time.perf_counter() - start) / sent)
    finally:
        for cm in managers.values():
            await cm.__aexit__(None, None, None)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=200, help="messages per timed turn / sends per repeat")
    parser.add_argument("--repeats", type=int, default=21, help="interleaved repeats; the median is reported")
    args = parser.parse_args(argv)

    from livemigrate.emulator import LiveEmulator
    from livemigrate.shim import LiveMigrateWarning

    warnings.simplefilter("ignore", LiveMigrateWarning)  # the declared-seed note is not the point here
    with LiveEmulator(mode="strict", script=_script(args.messages)) as emulator:
        results = asyncio.run(_bench(emulator, args.messages, args.repeats))

    print(f"{args.messages} messages x {args.repeats} interleaved repeats; median time per message")
    for what in ("receive", "send"):
        raw = statistics.median(results["raw SDK"][what])
        print(f"\n{what}:")
        for name, timings in results.items():
            median = statistics.median(timings[what])
            print(f"  {name:<18} {median * 1e6:9.1f} us   x{median / raw:5.2f} vs raw SDK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
