"""A byte-level test of whether a file can touch the Live API at all.

Most files of a code base never mention google-genai or a Live model id; they are skipped
without being decoded or parsed, which is where a libcst tool spends its time (see
ARCHITECTURE.md "What speed costs here").
"""

from __future__ import annotations

import re
from functools import lru_cache

from livemigrate.migration import LEGACY_LIVE_MODELS

__all__ = ["may_touch_live_api"]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[bytes]:
    markers = [
        b"genai",  # any google-genai import or client
        b"BidiGenerateContent",  # raw WebSocket clients
        b"generativelanguage",
        b"aiplatform",
        # helper modules handed a client or session by their caller import nothing of ours
        b"live.connect",
        b"send_client_content",
        b"send_realtime_input",
        b"send_tool_response",
        b"LiveConnectConfig",
        # receive-side helpers see only server messages
        b"server_content",
        b"serverContent",
    ]
    markers += [model_id.encode() for model_id in LEGACY_LIVE_MODELS]
    return re.compile(b"|".join(re.escape(m) for m in markers))


def may_touch_live_api(data: bytes) -> bool:
    """True when ``data`` mentions google-genai, a Live endpoint or a 2.x Live model id."""
    return _pattern().search(data) is not None
