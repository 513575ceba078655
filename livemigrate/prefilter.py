"""A byte-level test of whether a file can touch the Live API at all.

Most files of a code base never mention google-genai or a Live model id; they are skipped
without being decoded or parsed, which is where a libcst tool spends its time (see
ARCHITECTURE.md "What speed costs here").
"""

from __future__ import annotations

import re
from functools import lru_cache


__all__ = ["DEFINES_LIVE_VALUE", "LIVE_VALUE_WORDS", "USES_A_MODEL", "may_define_live_value", "may_touch_live_api",
           "may_use_a_model", "screen_bytes"]


def _markers() -> list[bytes]:
    """Every marker: the Live API's words and the Live model ids."""
    return [*_WORDS, *_model_ids()]


# The Live API's words: a file holding one of them (or a Live model id) may touch the Live API.
def _words() -> tuple[bytes, ...]:
    # Live API words, not "genai": a module that only calls generate_content has nothing a
    # rule looks for, and real code bases hold huge such modules (a 25k-line test file took
    # 29 s to analyse for nothing).
    markers = [
        b"aio.live",  # <client>.aio.live.connect / a live handle passed on
        b"LiveConnect",  # LiveConnectConfig(Dict)
        b"LiveClient",  # LiveClientContent, LiveClientRealtimeInput, LiveClientToolResponse, ...
        # LiveServerMessage annotations in receive helpers; not bare "LiveServer", which is
        # also Django's LiveServerTestCase (every Django test module would be parsed)
        b"LiveServerMessage",
        b"LiveServerContent",
        b"LiveServerToolCall",  # and LiveServerToolCallCancellation
        b"LiveServerGoAway",
        b"LiveServerSetupComplete",
        b"LiveServerSessionResumption",
        b"AsyncSession",  # helpers typed with the SDK's session
        b"start_stream",
        b"end_of_turn",  # session.send(input=..., end_of_turn=...)
        b"NON_BLOCKING",  # tool declarations built apart from the session
        b"FunctionResponseScheduling",
        b"auth_tokens",  # ephemeral tokens (LM502)
        b"BidiGenerateContent",  # raw WebSocket clients
        # ADK opens the Live session: run_live streams, LiveRequestQueue carries the input
        b"run_live",
        b"LiveRequestQueue",
        # its method, in a module the queue is handed to that imports nothing of ADK
        # (`live_request_queue.send_realtime(Blob(...))`: measurement 45)
        b".send_realtime(",
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
        b"realtimeInput",
        b"realtime_input",
        b"clientContent",
        b"client_content",
        b"toolCall",
        # not bare "tool_call": OpenAI-style agent code says tool_calls / tool_call_id on every
        # other line (an agent benchmark's modules were all parsed for nothing)
        b"tool_call.function_calls",
        b"tool_call_cancellation",
    ]
    return tuple(markers)


_WORDS = _words()
# Every Live model id holds this: the ids (from livemigrate.migration, whose import a run over
# a code base that names no Gemini model never pays for) are looked for only where it occurs.
_MODEL_ANCHOR = b"gemini-"


@lru_cache(maxsize=1)
def _model_ids() -> tuple[bytes, ...]:
    """The 2.x Live ids, and the targets' (a server that hands its key to Live clients may name
    only those: LM501), each holding :data:`_MODEL_ANCHOR`."""
    from livemigrate.migration import LEGACY_LIVE_MODELS, TARGETS

    ids = [*LEGACY_LIVE_MODELS, *(target.model_id for target in TARGETS.values())]
    encoded = tuple(model_id.encode() for model_id in ids)
    return tuple(m for m in encoded if not any(o != m and o in m for o in encoded))


# Markers sharing one of these are looked for only where it occurs: most files hold none of
# them, and a file is then scanned once per anchor, not once per marker. A scan costs about
# one pass over the file whatever it finds, and a short needle costs more per pass (CPython's
# search skips ahead by the needle's length: "Live" took three times "LiveServer" on Django),
# so an anchor is a long piece several markers share, or one that ordinary code seldom says
# ("ontent" and "tool" are in a tenth of Django's modules; their few extra scans are cheaper
# than four and five full ones everywhere).
_CONTENT_ANCHOR = b"ontent"
_ANCHORS = (b"LiveServer", _CONTENT_ANCHOR, b"tool")


def _groups() -> tuple[tuple[bytes, tuple[bytes, ...]], ...]:
    """(anchor, the words that contain it) pairs; a word without an anchor is its own, with no
    members. A word that contains another one is dropped: the shorter one finds it. The model
    ids are not here: see :func:`_names_a_live_model`.

    ``bytes in bytes`` (a C substring search) per group, not one regex alternation: Python's
    ``re`` tries every alternative at every position, which cost more than reading the files
    on a large code base."""
    kept = [m for m in _WORDS if not any(o != m and o in m for o in _WORDS)]
    grouped: dict[bytes, list[bytes]] = {}
    for marker in kept:
        anchor = next((a for a in _ANCHORS if a in marker), marker)
        grouped.setdefault(anchor, []).append(marker)
    return tuple((anchor, () if members == [anchor] else tuple(members)) for anchor, members in grouped.items())


_GROUPS = _groups()


def _names_a_live_model(data: bytes) -> bool:
    """Whether ``data``, which holds :data:`_MODEL_ANCHOR`, names a Live model id: a listed one,
    or one LM001 takes for an unlisted 2.x Live id (``gemini-2.0-flash-live``), which a module
    may hold alone (a placeholder class, a settings module)."""
    if any(model_id in data for model_id in _model_ids()):
        return True
    return (b"live" in data or b"native-audio" in data) and _unlisted_live_id().search(data) is not None


@lru_cache(maxsize=1)
def _unlisted_live_id() -> re.Pattern[bytes]:
    from livemigrate.migration import UNLISTED_2X_LIVE

    return re.compile(UNLISTED_2X_LIVE.pattern.encode())


@lru_cache(maxsize=1)
def _client_pattern() -> re.Pattern[bytes]:
    # google-genai with a token (an ephemeral-token client, LM502) or a livemigrate noqa (LM900)
    return re.compile(rb"token|noqa|livemigrate:")


def may_touch_live_api(data: bytes, user_rules: bool = False) -> bool:
    """True when ``data`` mentions the Live API (its session, types, frames or endpoints), a
    2.x or target Live model id, or google-genai next to a token or a livemigrate directive.
    With ``user_rules`` (a ``--rule-path`` pack, which may look for anything of
    google-genai) any mention of google-genai counts."""
    for anchor, members in _GROUPS:
        if anchor in data and (not members or any(m in data for m in members)):
            return True
    if _MODEL_ANCHOR in data and _names_a_live_model(data):
        return True
    if b"genai" in data and (user_rules or _client_pattern().search(data) is not None or _live_only_settings(data)):
        return True
    return _livekit_gemini(data)


def _livekit_gemini(data: bytes) -> bool:
    """LiveKit's Google plugin (`from livekit.plugins.google.realtime import RealtimeModel`): a
    Live session in a module that may name neither google-genai nor a model id (measurement 49)."""
    return b"RealtimeModel" in data and b"livekit" in data \
        and (b"google.realtime" in data or b"google.beta.realtime" in data)


def _live_only_settings(data: bytes) -> bool:
    """Settings only Live sessions take, in a google-genai module that names nothing else of
    Live (an ADK RunConfig: ADK opens the session with them; LM003, LM004), or a voice-agent
    framework's Gemini Live class there (LiveKit's `RealtimeModel` configured with google-genai
    types, pipecat's `GeminiLiveLLMService` / `GeminiMultimodalLiveLLMService`: their model often
    comes from a settings module). Looked for only where "genai" is: no extra scan of the files
    that name no google-genai at all (each marker is one more pass over every file)."""
    return b"proactive_audio" in data or b"affective_dialog" in data or b"RealtimeModel" in data \
        or b"LiveLLMService" in data


# What a string another module may import must hold to matter to Live: a Gemini model id or a
# piece of a Live URL (livemigrate.project). A config module holding a 2.x or target
# Live id or a Live URL passes may_touch_live_api too (so its own rules run); one holding only
# another Gemini id ("gemini-2.5-flash") is indexed, not linted.
LIVE_VALUE_WORDS = ("gemini-", "BidiGenerateContent", "generativelanguage")
_LIVE_VALUE_BYTES = tuple(word.encode() for word in LIVE_VALUE_WORDS)


def may_define_live_value(data: bytes) -> bool:
    """True when ``data`` may bind a name to a Gemini model id or a Live URL (a byte test: the
    project index parses only these files, and the files that mention their names)."""
    return any(word in data for word in _LIVE_VALUE_BYTES) or _adk_agent_takes_a_model(data)


def _adk_agent_takes_a_model(data: bytes) -> bool:
    # an ADK agent module whose agent takes its model from another module's constant
    # (`root_agent = Agent(model=LIVE_MODEL)`): its `.model` is that constant (measurement 57)
    return b"google.adk" in data and b"Agent(" in data and b"model=" in data


# What else a screen tells of a file's bytes, for the project index (livemigrate.project): it
# may bind a name to a Gemini id or a Live URL; it may hand a model to a raw setup frame or to a
# google-genai call that is not Live.
DEFINES_LIVE_VALUE, USES_A_MODEL, NAMES_GEMINI = 2, 4, 8


def may_use_a_model(data: bytes) -> bool:
    """True when ``data`` may hand a model id to a raw Live setup frame, to a google-genai call
    that is not Live (``generate_content``, ``chats.create``), or to another module's class that
    opens a session (``Bridge(model=settings.gemini_model)``)."""
    return b"genai" in data or b"generate_content" in data or _names_setup(data) or _passes_a_gemini_model(data)


def _passes_a_gemini_model(data: bytes) -> bool:
    # a router handing a settings value to a Live class: `model=` and a Gemini name, no genai
    return b"gemini" in data and b"model=" in data


def _names_setup(data: bytes) -> bool:
    return b"setup" in data and (b'"setup"' in data or b"'setup'" in data)


def screen_bytes(data: bytes, user_rules: bool = False) -> tuple[bool, int]:
    """(:func:`may_touch_live_api`, the flags the project index needs) in one pass over the
    anchors: a file that touches the Live API is read by the index anyway and gets every flag;
    for one that does not, the anchors already searched answer most of the flags (a Live URL's
    words are Live markers, so only a ``gemini-`` id can be defined there)."""
    content = False  # "generate_content" holds the anchor "ontent": no file without it needs that scan
    for anchor, members in _GROUPS:
        if anchor in data:
            if not members or any(m in data for m in members):
                return True, DEFINES_LIVE_VALUE | USES_A_MODEL
            content = content or anchor == _CONTENT_ANCHOR
    named = b"gemini" in data  # (one scan answers both: most files name no Gemini at all)
    gemini = named and _MODEL_ANCHOR in data
    if gemini and _names_a_live_model(data):
        return True, DEFINES_LIVE_VALUE | USES_A_MODEL
    genai = b"genai" in data
    if genai and (user_rules or _client_pattern().search(data) is not None or _live_only_settings(data)) \
            or _livekit_gemini(data):
        return True, DEFINES_LIVE_VALUE | USES_A_MODEL
    uses = genai or (content and b"generate_content" in data) or _names_setup(data) or (named and b"model=" in data)
    # A module naming Gemini may import a Live class of the run (`from gemini_live import
    # GeminiLiveSession`) and keep its session open in its own loops: the index reads it. Also
    # when it writes the name capitalised only (a web handler's "Streams the mic to Gemini"),
    # and a module serving a WebSocket (a handler feeding another module's Live service the
    # browser's audio until the socket closes, naming no Gemini at all).
    names = named or b"Gemini" in data or b"GEMINI" in data or b"ebSocket" in data or b"ebsocket" in data
    defines = gemini or _adk_agent_takes_a_model(data)
    return False, (DEFINES_LIVE_VALUE if defines else 0) | (USES_A_MODEL if uses else 0) | (NAMES_GEMINI if names else 0)
