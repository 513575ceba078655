"""Code reads a transcription that the session's config never turns on.

## What it does
Flags each line that reads a server message's output transcription
(`message.server_content.output_transcription`, through `sc = message.server_content`,
`getattr(sc, "output_transcription", None)`, raw `["serverContent"]["outputTranscription"]` /
`.get("outputTranscription")` / `"outputTranscription" in content`, also in a handler every
call of which is given the server content: `show(response["serverContent"])`) or input transcription
(`input_transcription`, `inputTranscription`) of a Live session whose config enables neither
that transcription (`output_audio_transcription` / `input_audio_transcription`, in any spelling:
`types.LiveConnectConfig` keywords, snake_case and camelCase dicts, a later `cfg["k"] = ...`, a
raw setup frame's `outputAudioTranscription`) nor, for a session opened without any config,
anything at all. One finding per line that reads it (as linters report each use), each with
the same fix: applying one enables the setting, and the other findings go with it.

Also flagged, whatever the config says: a transcription read on the message itself
(`getattr(message, "input_transcription", None)`: the server content carries it; reported once
per line and field, `hasattr(m, "output_transcription") and m.output_transcription` being one read; in a raw client,
`msg.get("inputTranscription")` on a name the same function reads `msg["serverContent"]` or
`msg["toolCall"]` of), and a server
message read with the config's name of a
transcription (`sc.output_audio_transcription`, `getattr(sc, "input_audio_transcription",
None)`): messages carry `output_transcription` / `input_transcription`, so that read is always
None. No fix (which of the two the code meant, and whether the config enables it, is the
program's call).

Not flagged: a read the module cannot tie to one session's config (a config handed in as a
parameter or imported, a `**options` spread of fields the module cannot see, a config built on
data the module cannot see such as a browser's setup with one field added here, several sessions
and no way to tell which one a message came from), code that only runs for 2.x models, and an output transcription read on a
session that answers in TEXT only (LM005's business: it moves the session to AUDIO and enables
the transcription in the same fix). `.text` of a message used as what the model said is LM304's:
its fix reads the transcription and enables it.

## Why is this bad?
The Live API transcribes audio only when asked: `output_audio_transcription` in the setup for
what the model says, `input_audio_transcription` for what the user says (top level of the setup,
not inside `generation_config`). Without it the fields are never set, so the transcript the code
waits for never arrives: captions stay empty, a transcript log is blank, and nothing errors.
Code moved to a native-audio model often reads the transcription in place of the text parts that
model no longer sends, without turning it on. On the 3.8 Live target one report saw the output
transcript arrive without the setting (THIRD-PARTY, undocumented; nothing is known for the
extended-thinking model): enabling it is what works in every reading, so the rule reports on
every target.

## Example
```python
config = types.LiveConnectConfig(response_modalities=["AUDIO"])
async with client.aio.live.connect(model=MODEL, config=config) as session:
    async for message in session.receive():
        said = message.server_content and message.server_content.output_transcription
        if said:
            print(said.text)
```

## Use instead
```python
config = types.LiveConnectConfig(
    response_modalities=["AUDIO"],
    output_audio_transcription=types.AudioTranscriptionConfig(),
)
```

## Fix safety
Safe: the setting the code reads is added to the session's config as an empty transcription
config, the value Google's docs show (`types.AudioTranscriptionConfig()` in a typed config on a
module alias, `{}` in a dict or a config built from imported names), spelled like the keys
around it (camelCase in camelCase dicts and in raw setup frames unless their keys are
snake_case). The fix invents no value and makes the server send what the code already handles;
the session's messages then also carry transcript fragments. A spread the module sees through
(`LiveConnectConfig(**kwargs)` where `kwargs = dict(...)`, updated with the `**extra` a helper's
callers here pass) is read like the fields it spreads; one it cannot see may set the setting. A session opened without a config
gets `config={"output_audio_transcription": {}}`. The fix-safety policy makes it unsafe when
a comment would be lost or the same config object also goes to a non-Live call. No fix when
the config is not one literal this module builds (a helper returns one of several, it has a
`**` splat). Early 2025 SDKs refused `input_audio_transcription` on the Gemini API; the SDK
releases that know the target models accept it.

## References
- Audio transcriptions, Live API guide: https://ai.google.dev/gemini-api/docs/live-guide
- `LiveConnectConfig.output_audio_transcription` / `input_audio_transcription`,
  `AudioTranscriptionConfig` and `LiveServerContent.output_transcription` in
  https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Settings nested in `generation_config` do not take effect (no transcript):
  https://github.com/googleapis/python-genai/issues/1279
- Input transcription refused by early SDKs: https://github.com/googleapis/python-genai/issues/735
- 3.8: output transcription seen without the setting: https://discuss.ai.google.dev/t/188765,
  https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import LiveSession, field_reads, is_other_model, key_read, live_sessions, string_value
from livemigrate.edits import Edit
from livemigrate.fixes import add_entry, camel_keys, empty_transcription_config, string_literal
from livemigrate.migration import to_camel, to_snake
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

# What a message carries → the config setting that turns it on.
_SETTINGS = {"output_transcription": "output_audio_transcription",
             "input_transcription": "input_audio_transcription"}
_SPELLINGS = frozenset({*_SETTINGS, "outputTranscription", "inputTranscription"})
_SERVER_CONTENT = frozenset({"server_content", "serverContent"})
# The three readers below are asked of every read in the module: they test exact types
# (none of these libcst types has a subclass), as an isinstance through ABCMeta is slow.


def _attribute(node: cst.CSTNode) -> tuple[cst.BaseExpression, str] | None:
    """(owner, name) of ``owner.name`` / ``getattr(owner, "name", ...)`` / ``hasattr(owner, "name")``."""
    kind = type(node)
    if kind is cst.Attribute:
        return node.value, node.attr.value
    if (kind is cst.Call and isinstance(node.func, cst.Name) and node.func.value in ("getattr", "hasattr")
            and len(node.args) >= 2 and all(a.keyword is None and not a.star for a in node.args[:2])):
        name = string_value(node.args[1].value)
        return (node.args[0].value, name) if name is not None else None
    return None


def _membership(node: cst.CSTNode) -> tuple[cst.BaseExpression, str] | None:
    """(container, key) of ``"k" in container``."""
    if (type(node) is cst.Comparison and len(node.comparisons) == 1
            and isinstance(node.comparisons[0].operator, cst.In)):
        key = string_value(node.left)
        return (node.comparisons[0].comparator, key) if key is not None else None
    return None


def _spelled(node: cst.CSTNode) -> tuple[cst.BaseExpression, str, bool] | None:
    """(owner, field in snake_case, raw key spelling) when ``node`` reads a transcription."""
    for read, raw in ((_attribute(node), False), (key_read(node), True), (_membership(node), True)):
        if read is not None and read[1] in _SPELLINGS:
            return read[0], to_snake(read[1]), raw
    return None


# The kinds of a raw server message (the protocol's oneof): a name read with one holds a whole message.
_MESSAGE_KINDS = frozenset({"serverContent", "toolCall", "toolCallCancellation", "setupComplete", "goAway"})


def _message_names(live) -> set[tuple[int, str]]:
    """(scope, name) of the names the module reads a raw message kind of (``msg["serverContent"]``,
    ``msg.get("toolCall")``, ``"setupComplete" in msg``): a whole server message there. Per
    scope: another function's ``data`` may hold something else."""
    found: set[tuple[int, str]] = set()
    for node in live.nodes(cst.Subscript, cst.Call, cst.Comparison):
        read = key_read(node) or _membership(node)
        if read is not None and read[1] in _MESSAGE_KINDS and type(read[0]) is cst.Name:
            found.add(live.binding_of(read[0]))
    return found


# A transcription setting's name (the config's) → the server content field it fills.
_CONFIG_NAMES = {"output_audio_transcription": "output_transcription",
                 "input_audio_transcription": "input_transcription"}


def _server_content_owner(node: cst.CSTNode) -> cst.BaseExpression | None:
    """``m`` of ``m.server_content`` / ``getattr(m, "server_content")`` / ``m["serverContent"]``."""
    read = _attribute(node) or key_read(node)
    return read[0] if read is not None and read[1] in _SERVER_CONTENT else None


class TranscriptionNotEnabled(Rule):
    id = "LM009"
    name = "transcription-not-enabled"
    message = "the code reads a transcription that the session's config does not enable"
    fix_availability = FixAvailability.SOMETIMES
    # Older models transcribe only on request too: a missing setting never holds the model back.
    advisory = True

    VALID = [
        # enabled in the config
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
        "                                       config={'output_audio_transcription': {}}) as s:\n"
        "        async for m in s.receive():\n"
        "            if m.server_content and m.server_content.output_transcription:\n"
        "                print(m.server_content.output_transcription.text)\n",
        # the config is a parameter: the module cannot tell what it enables
        "from google import genai\nclient = genai.Client()\n"
        "async def main(config):\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
        "        async for m in s.receive():\n"
        "            print(m.server_content.input_transcription)\n",
        # only read for 2.x models
        "from google import genai\nclient = genai.Client()\n"
        "async def main(model):\n"
        "    async with client.aio.live.connect(model=model, config={'response_modalities': ['AUDIO']}) as s:\n"
        "        async for m in s.receive():\n"
        "            if model.startswith('gemini-2'):\n"
        "                print(m.server_content.output_transcription.text)\n",
        # a TEXT session: the output transcription is LM005's (it turns the modality and the setting)
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
        "                                       config={'response_modalities': ['TEXT']}) as s:\n"
        "        async for m in s.receive():\n"
        "            print(m.server_content.output_transcription)\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'])\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        async for m in s.receive():\n"
            "            said = m.server_content and m.server_content.output_transcription\n"
            "            if said:\n"
            "                print(said.text)\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'], "
            "output_audio_transcription=types.AudioTranscriptionConfig())\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        async for m in s.receive():\n"
            "            said = m.server_content and m.server_content.output_transcription\n"
            "            if said:\n"
            "                print(said.text)\n",
            line=8, message="output_audio_transcription",
        ),
        Invalid(  # both directions, through an alias, camelCase dict: one finding per read line
            "from google import genai\nclient = genai.Client()\n"
            "async def main(ui):\n"
            "    config = {'responseModalities': ['AUDIO']}\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        async for m in s.receive():\n"
            "            sc = m.server_content\n"
            "            if sc and sc.input_transcription:\n"
            "                ui.user(sc.input_transcription.text)\n"
            "            if sc and sc.output_transcription:\n"
            "                ui.model(sc.output_transcription.text)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main(ui):\n"
            "    config = {'responseModalities': ['AUDIO'], 'inputAudioTranscription': {}, "
            "'outputAudioTranscription': {}}\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        async for m in s.receive():\n"
            "            sc = m.server_content\n"
            "            if sc and sc.input_transcription:\n"
            "                ui.user(sc.input_transcription.text)\n"
            "            if sc and sc.output_transcription:\n"
            "                ui.model(sc.output_transcription.text)\n",
            count=4,
        ),
        Invalid(  # a session opened without a config
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview') as s:\n"
            "        async for m in s.receive():\n"
            "            t = getattr(m.server_content, 'output_transcription', None)\n"
            "            print(t and t.text)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', "
            "config={'output_audio_transcription': {}}) as s:\n"
            "        async for m in s.receive():\n"
            "            t = getattr(m.server_content, 'output_transcription', None)\n"
            "            print(t and t.text)\n",
            message="opened without a config",
        ),
        Invalid(  # raw client: camelCase in the setup frame
            'import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def run(ws):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))\n'
            "    async for raw in ws:\n"
            "        content = json.loads(raw).get('serverContent', {})\n"
            "        if 'inputTranscription' in content:\n"
            "            print(content['inputTranscription']['text'])\n",
            fixed='import json\nURI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent"\n'
            "async def run(ws):\n"
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview", '
            '"inputAudioTranscription": {}}}))\n'
            "    async for raw in ws:\n"
            "        content = json.loads(raw).get('serverContent', {})\n"
            "        if 'inputTranscription' in content:\n"
            "            print(content['inputTranscription']['text'])\n",
            line=7, count=2,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        sessions = [s for s in live_sessions(live) if not s.legacy_only and not is_other_model(s.model)]
        if not sessions:
            return
        aliases = live.server_content_aliases()
        self._config_names_read(ctx, aliases)
        # One finding per line that reads it (as linters report each use), all with the same fix:
        # once one is applied the config enables the setting and the others go.
        reported: set[tuple[int, str, int]] = set()  # config, setting, line
        enabled: dict[tuple[int, str], bool] = {}
        for node in live.nodes(cst.Attribute, cst.Subscript, cst.Call, cst.Comparison):
            spelled = _spelled(node)
            if spelled is None:
                continue
            owner, field, raw = spelled
            # The read must be of a server message's content, as the analysis reads fields.
            if not any(r.field == f"server_content.{field}" for r in field_reads(node, aliases)):
                continue
            if live.is_legacy_only(node):
                continue
            session = self._session_of(ctx, owner, raw, sessions)
            if session is None or not session.config_known(live):
                continue
            setting = _SETTINGS[field]
            config = id(session.config) if session.config is not None else id(session)
            where = (config, setting, ctx.position(node).start.line)
            if where in reported:
                continue
            if (config, field) not in enabled:
                enabled[(config, field)] = self._enabled(ctx, session, setting, field)
            if enabled[(config, field)]:
                continue
            reported.add(where)
            ctx.report(node, self._message(ctx, session, field, setting), self._fix(ctx, session, setting))

    @staticmethod
    def _config_names_read(ctx: RuleContext, aliases: dict[str, str]) -> None:
        """A server message read with the config's name of a transcription
        (``sc.output_audio_transcription``, ``getattr(sc, "input_audio_transcription", None)``):
        messages carry ``output_transcription`` / ``input_transcription``, so the read is
        always None, whatever the config enables."""
        live = ctx.live
        for node in live.nodes(cst.Attribute, cst.Call):
            read = _attribute(node)
            if read is None or read[1] not in _CONFIG_NAMES or live.is_legacy_only(node):
                continue
            owner = read[0]
            if not (_server_content_owner(owner) is not None
                    or isinstance(owner, cst.Name) and owner.value in aliases):
                continue
            field = _CONFIG_NAMES[read[1]]
            # (a getattr's string names the field: reported there, as the other reads are)
            at = node.args[1].value if isinstance(node, cst.Call) and len(node.args) > 1 else node
            ctx.report(at, f"a server message has no `{read[1]}` (that is the config's setting): the "
                             f"transcript arrives as `server_content.{field}`, so this read is always None; "
                             f"read `{field}` (and turn on `{read[1]}` in the config)")
        # the message's own field: `message.input_transcription` (the server content has it);
        # once per line: `if hasattr(m, "input_transcription") and m.input_transcription:` is one
        # mistake, spelled twice
        lines: set[tuple[int, str]] = set()
        for node in live.nodes(cst.Attribute, cst.Call):
            read = _attribute(node)
            if read is None or read[1] not in _SETTINGS or live.is_legacy_only(node) or not live.is_message(read[0]):
                continue
            at = node.args[1].value if isinstance(node, cst.Call) and len(node.args) > 1 else node
            line = (ctx.position(at).start.line, read[1])  # per field: two fields are two mistakes
            if line in lines:
                continue
            lines.add(line)
            ctx.report(at, f"a server message has no `{read[1]}`: the transcript arrives as "
                             f"`message.server_content.{read[1]}`, so this read is always None; read it there "
                             f"(and turn on `{_SETTINGS[read[1]]}` in the config)")
        # ... in a raw client: `server_message.get("inputTranscription")` on a name the module
        # reads `["serverContent"]` / `["toolCall"]` of (a whole server message)
        if live.raw_client:
            whole = _message_names(live)
            for node in live.nodes(cst.Subscript, cst.Call, cst.Comparison) if whole else ():
                read = key_read(node) or _membership(node)
                if read is None or read[1] not in ("inputTranscription", "outputTranscription") \
                        or type(read[0]) is not cst.Name or read[0].value in aliases \
                        or live.binding_of(read[0]) not in whole or live.is_legacy_only(node):
                    continue  # (a name also bound to a server content is not a whole message)
                ctx.report(node, f"a server message has no `{read[1]}` at its top level: the transcript arrives "
                                 f"under `serverContent`, so this read is always None; read "
                                 f"`[\"serverContent\"][\"{read[1]}\"]` (and turn on `{to_camel(_SETTINGS[to_snake(read[1])])}` "
                                 f"in the setup)")

    # --- which session, which config ---------------------------------------------------------
    @staticmethod
    def _session_of(ctx: RuleContext, owner: cst.BaseExpression, raw: bool,
                    sessions: list[LiveSession]) -> LiveSession | None:
        """The session the message read here came from: the one its receive loop names, else
        the module's only session of that kind (SDK or raw)."""
        live = ctx.live
        message = _server_content_owner(owner)
        if message is None and isinstance(owner, cst.Name):
            # `sc = m.server_content` (or `.get("serverContent", {})`) earlier
            message = next((m for v in live.values_of(owner) if (m := _server_content_owner(v)) is not None), None)
        origin = live.message_origin(message) if message is not None and not raw else None
        if origin is not None:
            return next((s for s in sessions if s.connect is origin), None)
        kind = [s for s in sessions if s.raw == raw]
        return kind[0] if len(kind) == 1 else None

    @staticmethod
    def _enabled(ctx: RuleContext, session: LiveSession, setting: str, field: str) -> bool:
        """The config turns the setting on outside 2.x-only code, or this is not ours to say:
        an output transcription on a TEXT-only session (LM005), a ``**`` splat in the config."""
        live = ctx.live
        config = session.config
        if config is None:
            # `connect(model=..., **options)` may pass one
            return session.connect is not None and any(a.star for a in session.connect.call.args)
        entries = live.entries_of(config)
        # Top level only: nested in `generation_config` it does not take effect.
        if any(e.path == (setting,) and not live.is_legacy_only(e.node) for e in entries):
            return True
        if not live.config_is_complete(config):
            return True  # a spread of fields the module cannot see may set it
        if field == "output_transcription":
            modes = _modalities(ctx, entries)
            if modes is not None and "AUDIO" not in modes:
                return True
        return False

    # --- what it says ----------------------------------------------------------------------------
    @staticmethod
    def _message(ctx: RuleContext, session: LiveSession, field: str, setting: str) -> str:
        verdict = ctx.target.claim("output_transcription") if field == "output_transcription" \
            else ctx.target.claim("input_transcription")
        if session.config is None:
            where = "the session is opened without a config"
        else:
            where = f"the session's config (line {_config_line(ctx, session)}) does not enable {setting}"
            if any(e.name == setting and e.path != (setting,) for e in ctx.live.entries_of(session.config)):
                where += " at its top level (nested in generation_config it does not take effect)"
        return f"`{field}` is read, but {where}: {verdict}"

    # --- the fix -----------------------------------------------------------------------------------
    @staticmethod
    def _fix(ctx: RuleContext, session: LiveSession, setting: str) -> Fix | None:
        live = ctx.live
        edit: Edit | None
        if session.config is None:
            if session.connect is None:
                return None
            config = cst.Dict([cst.DictElement(string_literal(setting, _first_string(session.connect.call)), cst.Dict([]))])
            edit = add_entry(session.connect.call, "config", config)
        else:
            container = live.container_of(session.config)
            if container is None:
                return None
            edit = add_entry(container, setting, empty_transcription_config(ctx.live, container),
                             camel=camel_keys(container, session.config.kind == "raw"))
        if edit is None:
            return None
        # Right on every model (older ones transcribe on request too): no model rides along.
        return Fix.safe(f"enable {setting}", edit)


def _modalities(ctx: RuleContext, entries) -> set[str] | None:
    """The response modalities a config sets (upper case, enum prefix dropped), None when unset
    or not a literal list."""
    for entry in entries:
        if entry.name == "response_modalities" and entry.parent in (None, "generation_config"):
            value = ctx.live.resolve_value(entry.value)
            if not isinstance(value, (cst.List, cst.Tuple)):
                return None
            found = set()
            for element in value.elements:
                item = element.value
                text = string_value(item) or (item.attr.value if isinstance(item, cst.Attribute) else None)
                if text is None:
                    return None
                found.add(text.upper())
            return found
    return None


def _config_line(ctx: RuleContext, session: LiveSession) -> str:
    container = ctx.live.container_of(session.config) if session.config is not None else None
    return ctx.line_of(container if container is not None else session.anchor)


def _first_string(call: cst.Call) -> cst.CSTNode | None:
    """A string literal among the call's arguments, to quote a new key like it."""
    return next((a.value for a in call.args if isinstance(a.value, cst.SimpleString)), None)
