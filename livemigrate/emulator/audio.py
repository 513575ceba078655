"""Deterministic PCM audio for the scripted model, and the length of what a client sent.

The model "speaks" a sine tone whose pitch is derived from the text, so a test can compute
the exact bytes it should receive (:func:`speech_chunks`) and a reader that drops or reorders
chunks is caught. Formats come from the target profile: 16-bit little-endian mono PCM,
``audio/pcm;rate=16000`` in and ``audio/pcm;rate=24000`` out (facts §2.9).
"""

from __future__ import annotations

import math
import re
import struct
import zlib

from livemigrate.migration import get_target

__all__ = ["OUTPUT_MIME", "OUTPUT_RATE", "INPUT_RATE", "pcm_rate", "pcm_seconds", "speech_chunks"]

_RATE = re.compile(r"rate=(\d+)")
_SAMPLE_BYTES = 2  # 16-bit mono
_AMPLITUDE = 6000


def pcm_rate(mime_type: str | None, default: int) -> int:
    """Sample rate named in a ``audio/pcm;rate=N`` MIME type, else ``default``."""
    match = _RATE.search(mime_type or "")
    return int(match.group(1)) if match else default


OUTPUT_MIME: str = get_target("3.1").output_audio_mime
OUTPUT_RATE: int = pcm_rate(OUTPUT_MIME, 24000)
INPUT_RATE: int = pcm_rate(get_target("3.1").input_audio_mime, 16000)


def pcm_seconds(n_bytes: int, mime_type: str | None) -> float:
    """Duration of ``n_bytes`` of 16-bit mono PCM; a MIME type without a rate means 16 kHz."""
    return n_bytes / (_SAMPLE_BYTES * pcm_rate(mime_type, INPUT_RATE))


def speech_chunks(text: str, chunks: int = 3, chunk_ms: int = 40) -> list[bytes]:
    """The audio the emulator sends for ``text``: ``chunks`` pieces of ``chunk_ms`` each.

    One continuous tone split into pieces (the phase runs on across chunks), so joining the
    chunks in order gives a clean signal and any gap or reordering is audible and testable.
    """
    if chunks < 1 or chunk_ms < 1:
        raise ValueError("chunks and chunk_ms must be at least 1")
    # 220..659 Hz: a pitch per text, stable across runs and platforms (crc32, not hash()).
    frequency = 220 + zlib.crc32(text.encode("utf-8")) % 440
    per_chunk = OUTPUT_RATE * chunk_ms // 1000
    step = 2 * math.pi * frequency / OUTPUT_RATE
    out = []
    for index in range(chunks):
        start = index * per_chunk
        samples = (round(_AMPLITUDE * math.sin(step * (start + n))) for n in range(per_chunk))
        out.append(struct.pack(f"<{per_chunk}h", *samples))
    return out
