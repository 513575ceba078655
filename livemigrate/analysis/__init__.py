"""The front door of the analysis: what rules (and users' rule folders) may import.

Rules import from ``livemigrate.analysis`` only, never from its submodules, and ask the
:class:`LiveModel` (``ctx.live``) instead of reaching into its binding index, session flow or
gates: those are how the answers are computed and they change. ``tests/test_analysis_front_door.py``
holds the rule pack to this.

Build one with :func:`build_live_model` (the engine does, once per module). Its queries:

Configs and model ids
    ``connects`` / ``configs`` (every ``connect`` call and Live config), ``config_entries()``,
    ``entries_of(config)``, ``entries_in(container)``, ``config_of(connect)``,
    ``container_of(config)``, ``branches_of(config)`` (each literal a config may be at run time,
    with its fields), ``declares_history(config)``, ``model_info(expr, at)``,
    ``model_literals()`` (every 2.x Live model id in a string), ``uses_live_api``,
    ``imports`` (google-genai names under any alias: ``imports.types_name(func)``).

Client content
    ``client_content_sends()``: every ``send_client_content(...)`` call and raw
    ``clientContent`` frame as one :class:`ClientContentSend`: where it runs, what a finding
    points at, its phase (``seed`` before the first realtime input, ``during`` the exchange,
    ``unknown``) with the reason in words, what it carries (:class:`ClientContent`: turns,
    ``user_text``, ``is_history``, ``turn_complete``), its session's config and connect, and
    whether it is gated to 2.x (``legacy_only``). A send written where a seed goes also says
    what can race it (``races``: realtime input, tasks or gathers that start a sender), what
    runs first after it (``follow_ups``), where its last turn is written (``last_turn``) and
    whether it carries a conversation (``history``); ``late_seed`` says why realtime input
    can overtake a history seed.

Realtime input
    ``realtime_inputs()``: every ``send_realtime_input`` / deprecated ``send`` /
    ``start_stream`` call and raw ``realtimeInput`` frame (:class:`RealtimeInput`, with what it
    sends). ``flow.calls_named(method)`` lists session calls of any method.

Sessions and server messages
    ``is_session(expr)`` / ``session_origin(expr)``; ``typed_sessions()`` (parameters annotated
    ``AsyncSession``); ``is_message(expr)`` / ``message_origin(expr)``; ``message_loops()`` and
    ``sends_live_frames()`` (raw Live client frames are built here);
    ``is_message_loop(loop)`` (``async for m in session.receive()``, or over
    ``session.start_stream(...)``, which yields the server's messages too); ``handles_message(fn)``
    and ``message_handlers()`` (functions with a parameter holding a message).

Fields of a message
    ``field_reads(expr)``: the server-message fields an expression reads (:class:`FieldRead`),
    attribute or raw-key spelling, also through an alias (``sc = msg.server_content``;
    ``server_content_aliases()``); ``if_chains()``: ``if``/``elif`` chains over message fields
    (:class:`IfChain`, with the fields each branch reads); :func:`ladders` (given
    ``live.nodes()``, ``live.parent`` and the aliases): early-``continue`` ladders of sibling
    ``if``s that work as such a chain.

Gates
    ``is_legacy_only(node)``: only runs for 2.x models: under a model-id test, a flag set only
    in gated code (``if not self._is_gemini_3: self._needs_turn_complete = True``), a capability
    property or method (one return or several, each gated), an ``isinstance`` of an item taken
    from a queue whose producers are gated, a call forwarding such an item, or in a function
    only called from such code. ``generation_of(node)`` (``"legacy"`` / ``"new"`` / None),
    ``runs_only_on_target(node)``, ``test_generation(test)`` (:class:`Sides`: what each branch
    runs for), ``model_gates()`` (every ``if`` whose test says a generation),
    ``value_on_target(expr)`` (the 3.x side of a conditional gated on the model id).

Backend
    ``on_vertex(node)``: whether the code there can talk to Vertex AI (the session's client,
    the ``if use_vertex`` branch, the clients built around it); ``is_vertex``: any code can.

Where a node is
    ``parent(node)``, ``ancestors(node)``, ``order_of(node)``, ``end_of(node)``,
    ``enclosing_function(node)``, ``enclosing_class(node)``, ``nodes()`` (source order),
    ``walk(node)``, ``calls()``, ``calls_to(name)``, ``dicts()``, ``parent_map()``.

Clients, keys, endpoints, how sessions are used (cost, session and security rules)
    :func:`genai_clients` (each ``genai.Client(...)``: its api_version, whether its key is an
    ephemeral token, what the module uses it for: :class:`GenaiClient`),
    :func:`is_ephemeral_token`, :func:`uses_ephemeral_tokens`, :func:`env_name`,
    :func:`alpha_fields` (config fields only ``v1alpha`` served);
    :func:`key_literals` / :func:`handed_out_keys` (API keys written in code, or put in a web
    response), :func:`is_api_key_value`; :func:`live_endpoints` (raw ``BidiGenerateContent``
    URLs and their version: :class:`LiveEndpoint`); :func:`live_sessions` (each session with
    its video sends and the loops keeping it open: :class:`LiveSession`),
    :func:`reads_session_end` (GoAway / resumption handled), ``async_tool_settings(...)``
    (``NON_BLOCKING`` / ``scheduling`` built in a tool module for another module's sessions),
    :func:`is_live_module`,
    :func:`is_other_model` (a session on a Live model outside the move, e.g. translation).

Three helpers every rule needs
    ``live.callee(call)`` resolves a call to a local function (and ``live.callers(fn)``);
    ``live.resolve_value(expr)`` follows a name to its value (``live.values_of(name)`` gives
    every value, ``live.attribute_values(attr)`` those of ``self.x`` / ``opts.x`` of a class of
    this module, dataclass defaults included); :func:`exits` says whether a block exits
    (:func:`exit_statement` gives the ``return`` / ``raise`` / ``continue`` / ``break`` that
    does).

Plain functions exported here read one node: :func:`string_value`, :func:`dotted_name`,
:func:`descendants`, :func:`contains`, :func:`read_call`, :func:`read_frame`,
:func:`is_text_expression`, :func:`holds_text`, :func:`named_text`, :func:`callers_pass_text`, :func:`blob_kind`, :func:`guarded_kind`, :func:`mime_of`, :func:`is_model_turn_parts`, :func:`key_read`, :func:`got_attribute`,
:func:`field_reads` (given ``live.server_content_aliases()``; ``live.field_reads(expr)`` passes them).

Moving code (receive-side rewrites): :func:`statement_of` and :func:`block_of` (given
``live.parent``) find the statement holding a node and its place in its block;
:func:`names_read` / :func:`names_bound` say what a statement depends on and defines;
:func:`leaves` finds the ``return`` / ``break`` / ``continue`` a new loop would capture;
:func:`is_pure` says whether an expression can be evaluated again.

The receive side, given the model (``f(live, ...)``): :func:`is_received_part` (one part of a
message's model turn, by index, name or loop), :func:`iterated_parts` (``parts or []`` →
``parts``), :func:`parts_loop_name` (the part a loop binds, ``enumerate`` too),
:func:`parts_content` / :func:`content_message` (the server content and message a loop over
parts reads, through names bound to them), :func:`is_model_turn`, :func:`says_no_server_content` (what an ``if`` test says about a message's server
content), :func:`tool_call_reads`, :func:`misread_tool_calls` (``function_calls`` read on a Live
message, which has none), :func:`answers_tool_calls`, :func:`hands_off` (a tool call
passed to code this module cannot see) and :func:`declares_function_tools` (a config's
function tools, built-in ones aside); :func:`field_chains` (``if_chains()`` and the ladders,
also through names bound to one field), :func:`absent_field_rungs` (``if not model_turn: <turn end>;
continue``), :func:`field_dispatch_loops` (a loop over a table of
fields that stops at the first one present) and :func:`server_content_bindings` (every name
bound to a message's server content, with its scope).
"""

from __future__ import annotations

from livemigrate.analysis.backend import Backend
from livemigrate.analysis.bindings import string_value
from livemigrate.analysis.clients import (
    ALPHA_FIELDS,
    GenaiClient,
    alpha_fields,
    env_name,
    genai_clients,
    is_ephemeral_token,
    uses_ephemeral_tokens,
)
from livemigrate.analysis.credentials import API_KEY_PATTERN, handed_out_keys, is_api_key_value, key_literals
from livemigrate.analysis.endpoints import LiveEndpoint, live_endpoints
from livemigrate.analysis.session_use import (
    AdkLiveSession,
    LiveSession,
    adk_sessions,
    held_sessions,
    livekit_video_sessions,
    is_live_module,
    is_other_model,
    live_sessions,
    reads_session_end,
    turns_on,
)
from livemigrate.analysis.blocks import block_of, is_pure, leaves, names_bound, names_read, statement_of
from livemigrate.analysis.config_tree import ConfigEntry
from livemigrate.analysis.flow import LIVE_SESSION_METHODS, Phase, RawFrame, SessionCall, send_phase
from livemigrate.analysis.gates import Generation, Sides
from livemigrate.analysis.imports import GenaiImports, dotted_name
from livemigrate.analysis.live_model import (
    LiveConfig,
    LiveConnect,
    LiveModel,
    Located,
    ModelInfo,
    ModelLiteral,
    build_live_model,
    shared_model,
)
from livemigrate.analysis.media import MIME_KEYS, blob_kind, guarded_kind, mime_of, narrowed_literal
from livemigrate.analysis.receive import (
    LOG_METHODS,
    LOOKS_ONLY,
    answers_through_its_api,
    answers_tool_calls,
    content_message,
    is_function_response,
    legacy_send_input,
    declares_function_tools,
    field_chains,
    field_dispatch_loops,
    field_match_chains,
    absent_field_rungs,
    hands_off,
    is_model_turn,
    is_received_part,
    iterated_parts,
    misread_tool_calls,
    parts_content,
    parts_loop_name,
    says_no_server_content,
    server_content_bindings,
    tool_call_reads,
)
from livemigrate.analysis.sends import ClientContentSend, RealtimeInput
from livemigrate.analysis.pattern_tests import element_test, single_key
from livemigrate.analysis.server_fields import (AUDIO_ACCESSORS, KEY_GETTERS, FieldRead, IfChain, field_reads,
                                                absence, is_model_turn_parts, got_attribute, initialises, key_read,
                                                ladders)
from livemigrate.analysis.syntax import contains, descendants, exit_statement, exits
from livemigrate.analysis.text_values import callers_pass_text, holds_text, named_text
from livemigrate.analysis.turns import ClientContent, Turn, is_text_expression, read_call, read_frame

__all__ = [
    # the model
    "LiveModel",
    "build_live_model",
    "shared_model",
    # clients, keys, endpoints, session use
    "alpha_fields",
    "env_name",
    "genai_clients",
    "handed_out_keys",
    "is_api_key_value",
    "is_ephemeral_token",
    "is_live_module",
    "is_other_model",
    "key_literals",
    "live_endpoints",
    "live_sessions",
    "turns_on",
    "adk_sessions",
    "held_sessions",
    "livekit_video_sessions",
    "AdkLiveSession",
    "reads_session_end",
    "uses_ephemeral_tokens",
    # what it answers with
    "Backend",
    "ClientContent",
    "ClientContentSend",
    "ConfigEntry",
    "FieldRead",
    "GenaiClient",
    "GenaiImports",
    "Generation",
    "IfChain",
    "LiveConfig",
    "LiveConnect",
    "LiveEndpoint",
    "LiveSession",
    "Located",
    "ModelInfo",
    "ModelLiteral",
    "Phase",
    "RawFrame",
    "RealtimeInput",
    "SessionCall",
    "Sides",
    "Turn",
    # facts
    "ALPHA_FIELDS",
    "API_KEY_PATTERN",
    "AUDIO_ACCESSORS",
    "KEY_GETTERS",
    "LIVE_SESSION_METHODS",
    "MIME_KEYS",
    # the send side (given the model): when a client-content send runs, other modules heard
    "send_phase",
    # the receive side (given the model)
    "answers_through_its_api",
    "answers_tool_calls",
    "is_function_response",
    "legacy_send_input",
    "declares_function_tools",
    "field_chains",
    "LOG_METHODS",
    "LOOKS_ONLY",
    "field_dispatch_loops",
    "absent_field_rungs",
    "server_content_bindings",
    "hands_off",
    "is_received_part",
    "iterated_parts",
    "misread_tool_calls",
    "parts_loop_name",
    "parts_content",
    "content_message",
    "is_model_turn",
    "says_no_server_content",
    "tool_call_reads",
    # helpers over one node
    "blob_kind",
    "guarded_kind",
    "block_of",
    "is_pure",
    "leaves",
    "names_bound",
    "names_read",
    "statement_of",
    "contains",
    "descendants",
    "dotted_name",
    "exit_statement",
    "exits",
    "field_reads",
    "is_model_turn_parts",
    "holds_text",
    "named_text",
    "callers_pass_text",
    "is_text_expression",
    "ladders",
    "field_match_chains",
    "element_test",
    "single_key",
    "initialises",
    "absence",
    "mime_of",
    "narrowed_literal",
    "read_call",
    "read_frame",
    "string_value",
    "got_attribute",
    "key_read",
]
