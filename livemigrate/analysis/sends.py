"""What a module sends on its Live sessions, SDK calls and raw WebSocket frames alike.

A rule about client content should not care whether the code calls
``session.send_client_content(turns=...)`` or writes ``{"clientContent": {"turns": ...}}`` on a
raw socket: both are one :class:`ClientContentSend` with the same phase, reason, content and
config. Realtime input likewise (:class:`RealtimeInput`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from livemigrate.analysis.flow import Phase, RawFrame, SessionCall
from livemigrate.analysis.turns import ClientContent, read_call, read_frame

if TYPE_CHECKING:
    from livemigrate.analysis.live_model import LiveConfig, LiveConnect, LiveModel

__all__ = ["ClientContentSend", "RealtimeInput", "client_content_sends", "realtime_inputs",
           "REALTIME_METHODS"]

# Session methods that send realtime input (the last two are deprecated spellings).
REALTIME_METHODS = ("send_realtime_input", "send", "start_stream")


@dataclass(eq=False)
class ClientContentSend:
    """One client-content send: ``send_client_content(...)`` or a raw ``clientContent`` frame."""

    node: cst.CSTNode  # where it runs: the call, or the frame's dict
    anchor: cst.CSTNode  # what a finding points at: the call, or the frame's key
    phase: Phase  # seed (before the first realtime input) | during | unknown
    why: str  # the reason for the phase, in words for a message
    content: ClientContent  # the turns and turn_complete, as far as the source says
    config: "LiveConfig | None"  # the config of the session it is sent on
    connect: "LiveConnect | None"  # the connect call of that session, when known
    legacy_only: bool  # only runs for 2.x models (a gate around it)
    call: SessionCall | None = None  # the SDK call (None for a raw frame)
    frame: RawFrame | None = None  # the raw frame (None for an SDK call)
    # A history seed (declared, or carrying history) written where a seed goes, that
    # realtime input can reach the server before: why (LM107's, not a mid-session send).
    late_seed: str | None = None

    @property
    def raw(self) -> bool:
        """Sent as a raw WebSocket frame, not through the SDK."""
        return self.frame is not None


@dataclass(eq=False)
class RealtimeInput:
    """One realtime-input send: an SDK call (``send_realtime_input``, or the deprecated
    ``send`` / ``start_stream``) or a raw ``realtimeInput`` frame."""

    node: cst.CSTNode  # the call, or the frame's ``realtimeInput`` element
    sent: tuple[cst.CSTNode, ...]  # what is sent: the call's arguments, or the element
    method: str  # send_realtime_input | send | start_stream | realtime_input (raw)
    connect: "LiveConnect | None"
    call: SessionCall | None = None
    frame: RawFrame | None = None


def client_content_sends(live: "LiveModel") -> list[ClientContentSend]:
    """Every client-content send of the module: SDK calls first, then raw frames, each in
    source order."""
    flow = live.flow
    sends: list[ClientContentSend] = []
    for call in flow.calls_named("send_client_content"):
        sends.append(ClientContentSend(
            call.call, call.call, call.phase, call.why, read_call(call.call, live.imports, live.resolve_value),
            live.config_of(call.connect), call.connect, live.is_legacy_only(call.call), call=call))
    for frame in flow.frames:
        if frame.kind != "client_content":
            continue
        sends.append(ClientContentSend(
            frame.send, frame.element.key, frame.phase, frame.why,
            read_frame(frame.element.value, live.imports, live.resolve_value),
            live.config_of(None), None, live.is_legacy_only(frame.send), frame=frame))
    for send in sends:
        if send.phase == "during" and (send.content.is_history or (
                send.config is not None and live.declares_history(send.config))):
            send.late_seed = flow.overtaken_by(send.node)
    return sends


def realtime_inputs(live: "LiveModel") -> list[RealtimeInput]:
    """Every realtime-input send of the module: SDK calls first, then raw frames."""
    flow = live.flow
    inputs = [RealtimeInput(call.call, tuple(call.call.args), call.method, call.connect, call=call)
              for call in flow.calls_named(*REALTIME_METHODS)]
    inputs += [RealtimeInput(frame.element, (frame.element,), "realtime_input", None, frame=frame)
               for frame in flow.frames if frame.kind == "realtime_input"]
    return inputs
