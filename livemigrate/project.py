"""Facts that cross modules: the model id, URL or setting one module defines and another uses.

Real projects keep the model id and the endpoint in ``config.py`` (a constant, an
``os.getenv`` default, a settings class) and open the Live session in ``client.py``. The
rules see one module at a time; this index gives each module the little it needs of the
others, before any module is linted:

- **exports**: per module, the names bound once at module level to a string that can matter
  to Live (a model id, a Live URL: a literal, an f-string, an ``os.getenv`` default, an ``or``
  default, a ``Field(default=...)``), and the same for attributes of its classes (class-body
  fields and ``self.X = ...`` in methods; ``settings = Settings()`` makes ``settings.X`` read
  ``Settings.X``), and the entries of its settings dicts by entry path (``API_CONFIG["model"]``
  of a module-level dict, ``get_config()["api"]["model"]`` of the dict a function returns);
- **imports**: per module, which local spelling (``MODEL``, ``config.MODEL``,
  ``settings.MODEL``) reads which export (``from X import N as M``, ``from .X import N``,
  ``import X as Y; Y.N``, ``from pkg import config; config.N``);
- **uses**: per module, which imported exports it gives a Live session as its model
  (``<client>.aio.live.connect(model=...)``, a raw ``{"setup": {"model": ...}}`` frame), or a
  non-Live call (``generate_content``, ``chats.create``, ...), followed through local names,
  ``self`` attributes and f-strings;
- **model parameters**: per module that opens a Live session, its functions and classes whose
  parameter becomes the session's model (``LiveSession(model=...)`` → ``self.model`` →
  ``connect(model=self.model)``);
- **handed sessions**: per module that opens a Live session or a raw socket to a Live
  endpoint, the calls that pass it to a class or function of another module
  (``AudioCapture(self.ws)``);
- **caller phases**: per module that sends client content, how other modules call its
  functions and methods: right after opening a session (``async with svc.connect(c) as s:
  await prime(s, images)``, nothing sent or read before: ``"seed"``) or once per message
  (in a ``while`` / ``async for`` loop: ``"during"``, also for a method of one of its classes
  called on an instance, ``self.live.send_text(...)``); a plain ``for`` says neither;
- **image blobs**: per module that opens a Live session, whether a module of the run it
  imports builds an image blob for realtime input (a camera helper returning
  ``{"mime_type": "image/jpeg", ...}``): its sends of unknown kind may carry video;
- **session providers**: per module that opens a Live session, its functions and methods
  that open one with the model and config their caller passes and hand it back (an
  ``@asynccontextmanager`` ``acquire(self, ..., model, config)`` that yields the session): a
  call of one opens a session with the caller's config;
- **Live sessions elsewhere**: per module that builds what only Live tool calls take
  (``NON_BLOCKING`` declarations, ``scheduling`` on responses) and opens no session, whether
  another file of the run opens one (a framework's tools beside its Live handler);
- **tool responses**: whether any file of the run can answer a tool call
  (``send_tool_response``, ``LiveClientToolResponse``, a raw ``toolResponse`` frame), told
  to the modules that read tool calls when the run walked their folder (a file named alone,
  as pre-commit names them, says nothing of the rest of the project).

Each file then gets a :class:`ModuleFacts` slice: the *values* of what it imports and the
model parameters of what it calls (forward flow: which model a session runs, whether a raw
socket is Live, that the id it passes to ``LiveSession(model=...)`` reaches Live), the names
of its own exports that other modules send to Live (backward flow: ``config.py``'s LM001
reports its literal as if it opened the session itself), and the parameters other modules pass
it a session in (backward: ``capture.py``'s ``ws`` is a Live socket; its LiveModel seeds the
parameter as it seeds one annotated ``AsyncSession``). A slice holds strings only, never
another module's tree: findings and fixes stay in the module that owns the node.

Modules are named from their path relative to the roots of the run: the topmost folder of
each package (folders with ``__init__.py``) has its parent as a root, a file outside any
package has its own folder, and every path given on the command line is one too (a file may
have several names; ``from audio.capture import X`` and a sibling ``import capture`` both
work). Like a type checker, the index also takes the import roots the project declares at a
run root (:func:`import_roots`): ``src/`` (as pyright does) and setuptools' ``package-dir``
(``{"ai_proxy_core" = "src"}``: ``src/gemini_live.py`` is ``ai_proxy_core.gemini_live``). A
name a package's ``__init__.py`` imports from one of its modules is followed there. A name
two files of the run claim is resolved to the one in the importer's folder, else to none.

Scope (as ruff and pyright do for a run): the index covers the files of the run, nothing
else. ``livemigrate check client.py`` alone learns nothing of ``config.py``; a run over the
project, or over both files, does. The library's ``check_bytes`` gets no slice.

Cost: the files of the run are read once more and tested for a model id or a Live URL with a
byte search; only those (usually a handful) are parsed, with :mod:`ast` (a tenth of libcst's
time), and the files that mention one of their exported names after that, or that open a Live
session and import a module of the run, or import a module that sends client content (for
its caller phases; a caller the run's screen leaves out, one naming nothing of Live, is not
seen). The files the screen left out are read again only to search them for a tool
response, when a file reads tool calls and no screened file answers one. A run whose files
define no such value parses nothing here, and reads no project file (the import roots are read once per run, after that
test).
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Collection, Container, Iterable, Iterator, Mapping

from livemigrate.dict_paths import entry_path, head_word
from livemigrate.migration import (CLIENT_SOCKET_NAMES, FRAMEWORK_LIVE_CLASSES, LIVE_ID_IN_TEXT, NON_LIVE_CREATORS,
                                   NON_LIVE_METHODS, SOCKET_ITERATORS, to_camel)
from livemigrate.prefilter import LIVE_VALUE_WORDS, may_define_live_value

__all__ = ["ModuleFacts", "ProjectIndex", "build_project_index", "import_roots"]

# What a value must hold to be exported: a Gemini model id, or a piece of a Live URL.
_RELEVANT = LIVE_VALUE_WORDS
# Stands for a part of an f-string the defining module cannot tell (a key, a parameter).
UNKNOWN = "\x00"
_ENV_GETTERS = {"getenv", "get"}
_FIELD_CALLS = {"Field", "field", "attrib", "ib"}
_MAX_HOPS = 4


@dataclass(frozen=True)
class ModuleFacts:
    """What one module needs of the others (strings only; picklable, hashable).

    ``imported``: (local spelling, value) for every imported export it can read
    (``"MODEL"``, ``"config.MODEL"``, ``'API_CONFIG["model"]'``). ``to_live`` / ``to_non_live``: its own exports
    (``"MODEL"``, ``"Settings.MODEL"``) that other modules give a Live session / a non-Live
    call as its model. ``model_parameters``: (local spelling, parameter, position) of the
    imported classes and functions whose parameter another module opens a Live session with
    as its model (``LiveSession(model="...")``; position counts after ``self``, -1 for a
    keyword-only one). ``handed_sessions``: (its class or function, position, keyword, kind,
    model, modality) for each argument other modules pass it a Live session in (kind ``"sdk"``)
    or a raw socket to a Live endpoint (``"raw"``); position -1 when passed by ``keyword``; the
    model id the caller opened it with, or ``""``; the one response modality its config names
    (``"AUDIO"`` / ``"TEXT"``, see :func:`_response_modality`), or ``""``. ``caller_phases``: (its function or
    ``"Class.method"``, phase, ``"file.py:line"``) for each call another module makes of it
    right after opening a session (``"seed"``) or once per message of a loop (``"during"``).
    ``no_tool_response``: the module reads tool calls, the run walked its folder, and no file
    of the run can answer one (no ``send_tool_response``, no raw tool-response frame).
    ``imports_image_blobs``: the module opens a Live session and imports a module of the run
    that builds an image blob to send as realtime input (``{"mime_type": "image/jpeg", ...}``
    returned by a camera helper): a frame it sends with ``media=`` may be one.
    ``live_sessions_elsewhere``: the module opens no Live session but builds what only Live
    tool calls take (``NON_BLOCKING``, ``scheduling``, ``will_continue``), and another file of
    the run opens one (a framework's tool modules beside its Live handler).
    ``session_attributes``: (class spelling, attribute) for each imported class that keeps the
    Live session it opens in an attribute (``self.session = session`` inside ``async with
    client.aio.live.connect(...) as session``): ``loop = ada.AudioLoop(...)`` ...
    ``loop.session.send(...)`` sends on a Live session. ``session_providers``: (spelling,
    model position, model keyword, config position, config keyword) for each imported function
    (``"live_session"``, ``"alias.live_session"``) or method (``".acquire"``, matched on any
    receiver: the object is often reached through a dict lookup) that opens a Live session with
    the model and config its caller passes and returns or yields it; positions count after
    ``self``, -1 when the argument is keyword-only (or, for the model, when none is taken).
    ``config_builders``: (spelling, fields) for each imported module-level function of a module
    that builds Live configs (``build_live_config``): the config fields (snake case) that module
    names anywhere, so a config it returns sets none of the others. ``kept_open``: (function or
    ``"Class.method"``, ``"file.py:line"``) for each function of this module that opens a Live
    session and hands it (or its context manager) back, which another module calls where a
    loop that runs until stopped (``while True``, ``while self.running``) keeps it open.
    ``mime_senders``: (spelling, position, keyword) for each imported function or method
    (``".send_audio_chunk"``, on any receiver) that sends realtime input with the MIME type its
    parameter holds; position counts after ``self``, -1 when keyword-only.
    ``connect_parameters``: (local spelling, role, parameter, position) of the imported classes
    and functions whose parameter another module opens a Live session with as (part of) its
    config (role ``"config"``: ``SessionManager(config={...})`` whose ``connect`` spreads
    ``**self.config``), on the client it holds (role ``"client"``: ``self.client.aio.live.connect``),
    or on a client it builds with those HTTP options (role ``"http_options"``),
    as ``model_parameters`` for the model.
    ``mixin_video``: (base class as this module spells it, method) for the methods
    (``"_send_realtime_loop"``) of imported classes this module's classes derive from that send
    video on a Live session (``send_realtime_input(video=...)``):
    ``self._send_realtime_loop(session)`` here streams video on that session.
    ``mixin_long``: likewise, the methods of imported base classes that send on or receive from
    an attribute of ``self`` (the session the subclass keeps there) in a loop until stopped
    (``while True:`` or ``while self.running:``): the subclass's session block that runs one
    (``gather(self.listen_audio(), ...)``) is long.
    ``long_sessions``: (local spelling, ``"file.py:line"``) of the imported classes and functions
    that open a Live session with the config their caller passes and keep it open in a loop that
    runs until stopped (``while True: async for m in session.receive()``) at that line: a call
    here (``live_model.LiveProcessor(realtime_config=...)``) starts such a session.
    ``live_client_factories``: its module-level functions returning a client that another module
    opens Live sessions on (``client = get_client()`` ... ``client.aio.live.connect(...)``), and
    its module-level clients another module does so on (``ALPHA.aio.live.connect(...)``): the
    options it builds the client with (``api_version``) are a Live client's.
    ``passed_models``: (class or function, parameter, model id) for each id other modules' calls
    can pass this module's class or function as the model its Live session opens with
    (``GeminiLive(model=MODEL)`` where ``MODEL = os.getenv("MODEL", "gemini-3.1-flash-live-preview")``).
    ``name_tests``: (export, text, importer's file name) for each export of this module whose
    value another module tests for a piece of text (``"native-audio" in agent.model`` choosing
    AUDIO or TEXT): moving the id changes what that test decides.
    ``filled_configs``: (class or function, parameter, fields) for each of this module's
    parameters a Live session takes as its config which another module's call fills
    (``LiveLoop(config=create_gemini_config(...))``): the config fields (snake case) what it
    passes may set, ``("*",)`` when that is not known. The parameter's default is then one
    config among others."""

    imported: tuple[tuple[str, str], ...] = ()
    to_live: tuple[str, ...] = ()
    to_non_live: tuple[str, ...] = ()
    model_parameters: tuple[tuple[str, str, int], ...] = ()
    # those of model_parameters whose module builds a Vertex AI client (`vertexai=True`): the
    # id passed there runs on Vertex AI (an id the target does not serve there is held)
    vertex_parameters: tuple[tuple[str, str, int], ...] = ()
    handed_sessions: tuple[tuple[str, int, str, str, str, str], ...] = ()
    # (function or "Class.method", "seed" | "during", where): how other modules call it.
    caller_phases: tuple[tuple[str, str, str], ...] = ()
    # No file of the run can answer a tool call (and the run walked the module's folder).
    no_tool_response: bool = False
    # Methods of the module's classes that no file of the run names but where they are defined,
    # in a walked folder: a `register_tools(self, tools)` nothing calls, in a module reading tool
    # calls (what their parameters would set is never set); a method opening a Live session
    # beside another that opens one (`connect_text_session` nothing calls: its session never runs).
    unused_methods: tuple[str, ...] = ()
    # A module of the run this one imports builds an image blob to send as realtime input.
    imports_image_blobs: bool = False
    # Spellings of calls of imported functions and methods (`events.VideoInputMessage.
    # from_image_frame`) whose body builds an image frame: what they return is video.
    image_builders: tuple[str, ...] = ()
    # Classes here mirror the wire (a `mediaChunks` field) and a raw Live client of the run
    # imports them: the events it builds are sent on a Live socket.
    wire_events: bool = False
    # A raw Live client of the run imports this module, which builds raw client frames (a
    # helper returning `{"realtime_input": {"media_chunks": [...]}}`): they go to a Live socket.
    frames_for_live: bool = False
    # (model, modality) of each raw setup frame of the raw Live client modules of the run this
    # one imports and whose server messages it reads (`async for response in
    # self.provider.receive(): response.get("serverContent")`); "" where a literal does not say.
    reads_raw_live: tuple[tuple[str, str], ...] = ()
    # Classes and functions of this module other modules call with a TEXT modality literal
    # (`GeminiLiveSession(response_modalities=["TEXT"])`): their parameters are not only AUDIO.
    text_modality_callers: tuple[str, ...] = ()
    # Another file of the run opens a Live session; this one builds async tool settings.
    live_sessions_elsewhere: bool = False
    # (class spelling, attribute): an imported class keeps the Live session it opens there.
    session_attributes: tuple[tuple[str, str], ...] = ()
    # (spelling, model position, model keyword, config position, config keyword)
    session_providers: tuple[tuple[str, int, str, int, str], ...] = ()
    # (spelling, config fields its module names): an imported function that builds a Live config
    config_builders: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (function or "Class.method", "file.py:line"): another module keeps the session it opens
    # open in a loop that runs until stopped
    kept_open: tuple[tuple[str, str], ...] = ()
    # (spelling, parameter, position, "file.py:line", sends): an imported function that uses the
    # session passed in that parameter in a loop that runs until stopped (`send_mic_loop(session,
    # queue)` with its `while True: ... await session.send_realtime_input(...)` at that line): a
    # session handed to it stays open as long. ``sends``: "video" when the loop sends `video=` or
    # an image, "media" when it sends what it takes from elsewhere (`media=msg` off a queue), else ""
    session_pumps: tuple[tuple[str, str, int, str, str], ...] = ()
    # (function, "file.py:line"): another module sends video (`video=`, an "image/..." blob) on
    # the session this module's function opens and hands back (see _videos_on_entered)
    video_elsewhere: tuple[tuple[str, str], ...] = ()
    # (function, parameter): another module passes that parameter of its function a queue whose
    # items a Live sender of the run forwards as realtime input (`capture_audio(self.out_queue)`
    # beside `send_realtime(session, self.out_queue)`): what the function puts there is Live input
    live_queue_fills: tuple[tuple[str, str], ...] = ()
    # its own exports that other modules' clients opening Live sessions take as their
    # api_version (`API_VERSION = "v1alpha"` in config.py: LM007 on the constant)
    live_api_versions: tuple[str, ...] = ()
    # (local spelling, model id or "", "AUDIO" / "TEXT" / ""): imported module-level functions that
    # open a Live session and hand it back (`return client.aio.live.connect(model=MODEL,
    # config=CONFIG)`): what `async with await open_live() as live:` enters here is a Live
    # session, answering in the response modality its config names, when known
    session_openers: tuple[tuple[str, str, str], ...] = ()
    # its own module-level names another module's `live.connect(config=NAME)` opens a session with
    # (`CONFIG = {"generation_config": {...}}` in config.py): a Live config, read as one here
    live_configs: tuple[str, ...] = ()
    # (name, entry, method, "file:line") for each module-level config (or config builder) of this
    # module another module gives a non-Live call (`models.generate_content(config=LIVE_CONFIG)`),
    # or one entry of which it gives (`system_instruction=LIVE_CONFIG["system_instruction"]`;
    # "" for the whole config)
    non_live_configs: tuple[tuple[str, str, str, str], ...] = ()
    # its own exports that another module's Live sessions take as their model, where that
    # module builds a Vertex AI client (`genai.Client(vertexai=True, ...)`): those sessions
    # may run on Vertex AI, where the target has no confirmed id (LM001 leaves the id alone)
    vertex_live: tuple[str, ...] = ()
    # (spelling, position, keyword): an imported function or method that sends realtime input
    # with the MIME type its parameter holds (`send_audio_chunk(self, audio, mime_type)`)
    mime_senders: tuple[tuple[str, int, str], ...] = ()
    # (spelling, "config" | "client", parameter, position): an imported class or function that
    # opens a Live session with the config, or on the client, its parameter holds
    connect_parameters: tuple[tuple[str, str, str, int], ...] = ()
    # (base class spelling, method) of imported base classes' methods that send video on a Live session
    mixin_video: tuple[tuple[str, str], ...] = ()
    # (base class spelling, method) of imported base classes' methods that keep a Live session busy until stopped
    mixin_long: tuple[tuple[str, str], ...] = ()
    filled_configs: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # its module-level functions returning a client that another module opens Live sessions on
    # (`client = get_client()` ... `client.aio.live.connect(...)`)
    live_client_factories: tuple[str, ...] = ()
    long_sessions: tuple[tuple[str, str], ...] = ()
    passed_models: tuple[tuple[str, str, str], ...] = ()
    name_tests: tuple[tuple[str, str, str], ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def takes_part_in_live(self) -> bool:
        """Other modules make this one Live code, whatever its own bytes mention: they give
        Live its values, hand it a session, call its functions on one, or open one with
        its settings. The run lints it even when the prefilter would skip it (a settings
        module whose only id, ``gemini-2.0-flash-exp``, also names a text model)."""
        return bool(self.to_live or self.model_parameters or self.handed_sessions or self.caller_phases
                    or self.session_attributes or self.session_providers or self.live_sessions_elsewhere
                    or self.kept_open or self.session_pumps or self.video_elsewhere or self.live_queue_fills or self.session_openers or self.live_configs or self.live_api_versions or self.mime_senders or self.connect_parameters
                    or self.long_sessions or self.live_client_factories or self.wire_events or self.frames_for_live
                    or self.reads_raw_live)

    def value_of(self, spelling: str) -> str | None:
        """The value an imported spelling reads, if it reads one."""
        for name, value in self.imported:
            if name == spelling:
                return value
        return None

    def digest(self) -> str:
        """A stable digest of the slice (part of a file's cache key)."""
        import hashlib  # only a run with a cache asks

        text = repr(tuple(getattr(self, f.name) for f in fields(self)))
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# --- the project's import roots ---------------------------------------------------------

def import_roots(roots: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The import roots a project declares at each run root (a folder), found the way type
    checkers find them: ``<root>/src`` (pyright searches it without configuration) and
    setuptools' ``package-dir`` (``[tool.setuptools] package-dir`` in pyproject.toml, ``[options]
    package_dir`` in setup.cfg, a literal ``package_dir={...}`` keyword in setup.py, read with
    :mod:`ast`, never run). Returns (extra root folders, (dotted package name, its folder)
    pairs): an ``""`` key makes its folder a root. A file that cannot be read or parsed gives
    nothing (the run does not depend on it)."""
    extra: list[str] = []
    mapped: list[tuple[str, str]] = []
    for root in roots:
        src = os.path.join(root, "src")
        if os.path.isdir(src):
            extra.append(src)
        for package, folder in _package_dir(root).items():
            absolute = os.path.normpath(os.path.join(root, folder))
            if package:
                mapped.append((package, absolute))
            elif absolute not in extra:
                extra.append(absolute)
    return extra, mapped


def _package_dir(root: str) -> dict[str, str]:
    """setuptools' ``package-dir`` of the project at ``root`` (pyproject.toml first)."""
    found: dict[str, str] = {}
    data = _read(os.path.join(root, "pyproject.toml"), None)
    if data and b"package-dir" in data:  # most pyproject.toml files: no TOML parse
        tool = _toml(data).get("tool")
        setuptools = tool.get("setuptools") if isinstance(tool, dict) else None
        table = setuptools.get("package-dir") if isinstance(setuptools, dict) else None
        if isinstance(table, dict):
            found.update((k, v) for k, v in table.items() if isinstance(k, str) and isinstance(v, str))
    data = _read(os.path.join(root, "setup.cfg"), None)
    if data and b"package_dir" in data:
        import configparser

        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(data.decode("utf-8"))
            value = parser.get("options", "package_dir", fallback="")
        except (configparser.Error, UnicodeDecodeError):
            value = ""
        for line in value.splitlines():  # setuptools' dict syntax: "key = folder" per line
            key, equals, folder = line.partition("=")
            if equals and folder.strip():
                found.setdefault(key.strip(), folder.strip())
    data = _read(os.path.join(root, "setup.py"), None)
    tree = _parse(data, "setup.py") if data and b"package_dir" in data else None
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.keyword) and node.arg == "package_dir" and isinstance(node.value, ast.Dict):
            for key, value in zip(node.value.keys, node.value.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str) \
                        and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.setdefault(key.value, value.value)
    return found


def _toml(data: bytes) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only (a dependency there)
        import tomli as tomllib
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


# --- one module, read with ast ------------------------------------------------------------

def _string(node: ast.AST | None, known: dict[str, str]) -> str | None:
    """The string an expression holds at import time, as far as this module tells: a literal,
    an f-string (unknown parts as :data:`UNKNOWN`), an ``os.getenv`` / ``.get`` default, an
    ``x or "default"``, a field declaration's default; ``known`` gives module names' values."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        text = ""
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text += part.value
            elif isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name) \
                    and part.conversion == -1 and part.format_spec is None and part.value.id in known:
                text += known[part.value.id]
            else:
                text += UNKNOWN
        return text
    if isinstance(node, ast.Name):
        return known.get(node.id)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in _ENV_GETTERS and len(node.args) >= 2:
            return _string(node.args[1], known)
        if name in _FIELD_CALLS:
            for keyword in node.keywords:
                if keyword.arg == "default":
                    return _string(keyword.value, known)
            return _string(node.args[0], known) if node.args else None
        return None
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and len(node.values) == 2:
        return _string(node.values[1], known)
    return None


def _relevant(value: str | None) -> bool:
    # (an API version constant: "v1alpha" given to a Live client is LM007's)
    return value is not None and (any(word in value for word in _RELEVANT) or value == "v1alpha")


@dataclass(eq=False)
class _Module:
    """One file of the run as the index sees it."""

    path: str  # absolute
    names: tuple[str, ...]  # dotted names, one per root it is under
    package: str | None  # its name from its package root (relative imports), if in a package
    tree: ast.Module | None = None
    # its names as a namespace package's module (see _module_names) → the folder they hold in:
    # only a module under that folder imports it by that name
    scoped: dict[str, str] | None = None
    exports: dict[str, str] | None = None  # "N" / "Class.N" → value
    # "agent.model" → the imported name an object built here takes as its model
    # (`root_agent = Agent(model=LIVE_MODEL)`, LIVE_MODEL from another module): resolved once
    # every module's exports are read
    model_refs: dict[str, str] | None = None
    instances: dict[str, str] | None = None  # module-level "obj = Class()" → "Class"
    # "Class" / "function" → ((parameter, position), ...) whose value a Live session here takes
    # as its model (see ModuleFacts.model_parameters)
    parameters: dict[str, tuple[tuple[str, int], ...]] | None = None
    registered: bool = False  # its names are in the table's by_name
    image_blobs: bool | None = None  # builds an image blob for realtime input (None: not asked)
    image_builders: set[str] | None = None  # its functions and methods building one (None: not asked)
    wire: bool | None = None  # declares classes mirroring the Live wire (None: not asked)
    frames: bool | None = None  # writes raw client frames (None: not asked)
    # a raw Live client's decoding generators and its setups' (model, modality) (None: not asked)
    raw_client: tuple[set[str], set[tuple[str, str]]] | None = None
    # class → attributes that keep the Live session one of its methods opens
    session_attributes: dict[str, set[str]] | None = None
    # function / "Class.method" → (model position, model keyword, config position, config
    # keyword) of what opens a session with its caller's config (see ModuleFacts.session_providers)
    providers: dict[str, tuple[int, str, int, str]] | None = None
    # function → the config fields its module names, for a module that builds Live configs
    builders: dict[str, tuple[str, ...]] | None = None
    # functions and "Class.method"s that open a Live session and hand it (or its manager) back
    openers: set[str] | None = None
    # function / "Class.method" → (position, keyword) of the parameter it sends realtime input
    # with as the MIME type (see ModuleFacts.mime_senders)
    mime_senders: dict[str, tuple[int, str]] | None = None
    # "Class" / "function" → ((role, parameter, position), ...) whose value a Live session here
    # takes as its config or client (see ModuleFacts.connect_parameters)
    connect_parameters: dict[str, tuple[tuple[str, str, int], ...]] | None = None
    # class → its methods that send video on a Live session (see ModuleFacts.mixin_video)
    video_methods: dict[str, set[str]] | None = None
    # class → its methods that keep a Live session busy until stopped (see ModuleFacts.mixin_long)
    looping_methods: dict[str, set[str]] | None = None
    # module-level function → ((parameter, position), ...) it uses a session in, in a loop that
    # runs until stopped, that loop's line, and what it sends (see _session_pumps)
    pumps: dict[str, tuple[tuple[tuple[str, int], ...], int, str]] | None = None
    # module-level functions returning a google-genai client (see ModuleFacts.live_client_factories)
    client_factories: set[str] | None = None
    # class → its methods that send on the session (or ADK queue) an opener method keeps (_feeders)
    feeders: dict[str, set[str]] | None = None
    # class → its methods feeding another module's session object it builds → (session module,
    # opener key) of each such session (see _relays)
    relays: dict[str, dict[str, list[tuple["_Module", str]]]] | None = None
    # "Class.method" → (position, keyword, kind, model, the method opening it) of a session the
    # class opens and hands to that method of its own (`await self._receive_loop(session)`): a
    # subclass overriding it (and not the opener) gets it
    self_handed: dict[str, tuple[int, str, str, str, str]] | None = None
    # module-level function opening a Live session it hands back → the model id it opens it with
    # ("" when not known here): see ModuleFacts.session_openers
    opener_models: dict[str, str] | None = None
    # ... → the response modality its config names ("AUDIO", "TEXT", "=NAME" for a config it
    # imports, "" when not known)
    opener_modalities: dict[str, str] | None = None
    # "Class" / "function" taking its session's config from its caller → the line of the loop
    # that keeps that session open until stopped (see ModuleFacts.long_sessions)
    long_running: dict[str, int] | None = None


def _targets(statement: ast.stmt) -> list[tuple[ast.expr, ast.expr]]:
    if isinstance(statement, ast.Assign):
        return [(t, statement.value) for t in statement.targets]
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return [(statement.target, statement.value)]
    return []


def _top_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, also inside ``if`` / ``try`` / ``with`` blocks."""
    for statement in body:
        yield statement
        if isinstance(statement, (ast.If, ast.Try, ast.With)):
            for block in ("body", "orelse", "finalbody"):
                yield from _top_statements(getattr(statement, block, []))
            for handler in getattr(statement, "handlers", []):
                yield from _top_statements(handler.body)


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(body: list) -> Iterator[ast.stmt]:
    """Every statement in ``body``, nested ones too (functions, classes, blocks): imports and
    assignments are statements, and visiting only these is several times cheaper than
    ``ast.walk`` over every expression."""
    for statement in body:
        yield statement
        for block in _BLOCKS:
            inner = getattr(statement, block, None)
            if inner:
                yield from _statements(inner)


def _read_exports(module: _Module) -> None:
    """Fill ``module.exports`` and ``module.instances`` from its tree."""
    bound: dict[str, list[str | None]] = defaultdict(list)
    classes: dict[str, ast.ClassDef] = {}
    instances: dict[str, str] = {}
    known: dict[str, str] = {}
    refs: dict[str, str] = {}
    assert module.tree is not None
    for statement in _top_statements(module.tree.body):
        if isinstance(statement, ast.ClassDef):
            classes[statement.name] = statement
        for target, value in _targets(statement):
            if isinstance(target, ast.Name):
                text = _string(value, known)
                bound[target.id].append(text)
                if text is not None and len(bound[target.id]) == 1:
                    known[target.id] = text
                else:
                    known.pop(target.id, None)
                if isinstance(value, ast.Call):
                    # an object built with a model (`root_agent = Agent(model=MODEL, ...)`): its
                    # `.model` is that id (ADK runs the agent's Live session on it)
                    model = next((k.value for k in value.keywords if k.arg == "model"), None)
                    text = _string(model, known) if model is not None else None
                    if text is not None and _relevant(text):
                        bound[f"{target.id}.model"].append(text)
                    elif isinstance(model, ast.Name) and model.id not in bound:
                        # (a name this module imports: resolved in another module's exports)
                        refs[f"{target.id}.model"] = model.id
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                    instances.setdefault(target.id, value.func.id)
                    if instances[target.id] != value.func.id:
                        instances[target.id] = ""  # two classes: which one is not told
                elif not (isinstance(value, ast.Constant) and value.value is None):
                    instances[target.id] = ""  # `config = None` when building fails is no other object
    exports = {name: values[0] for name, values in bound.items()
               if len(values) == 1 and _relevant(values[0])}  # type: ignore[misc]
    for name, klass in classes.items():
        fields: dict[str, list[str | None]] = defaultdict(list)
        for statement in klass.body:
            for target, value in _targets(statement):
                if isinstance(target, ast.Name):
                    fields[target.id].append(_string(value, known))
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in _statements(statement.body):
                    for target, value in _targets(node) if isinstance(node, (ast.Assign, ast.AnnAssign)) else ():
                        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                                and target.value.id == "self":
                            fields[target.attr].append(_string(value, known))
        for field, values in fields.items():
            if len(set(values)) == 1 and _relevant(values[0]):
                exports[f"{name}.{field}"] = values[0]  # type: ignore[assignment]
    exports.update(_dict_exports(module.tree, bound, known))
    module.exports = exports
    # a settings factory (`def get_settings(): return Settings()`, often under lru_cache): its
    # result is an instance too, read as `get_settings().field`
    for statement in module.tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name not in instances:
            returned = {_dotted(r.value.func) if isinstance(r.value, ast.Call) else None
                        for r in _own_returns(statement)}
            if len(returned) == 1 and (klass := returned.pop()) is not None:
                instances[f"{statement.name}()"] = klass
    module.instances = {obj: klass for obj, klass in instances.items() if klass in classes}
    module.model_refs = {key: name for key, name in refs.items() if key not in exports}


def _own_returns(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Return]:
    """The ``return`` statements of ``function`` itself (not of functions or classes inside it)."""
    found: list[ast.Return] = []
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))
    return found


# Methods that change the dict they are called on (`API_CONFIG.update(...)`).
_DICT_MUTATORS = frozenset({"update", "setdefault", "pop", "clear"})


def _written_dict(node: ast.AST) -> ast.expr | None:
    """The dict whose entries ``node`` changes: the root of an entry assigned
    (``API_CONFIG["api"]["model"] = ...``), of ``API_CONFIG |= {...}``, of ``API_CONFIG.update(...)``;
    None for anything else (a name itself rebound changes no dict)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _DICT_MUTATORS:
        target: ast.expr = node.func.value
    elif isinstance(node, ast.AugAssign):
        target = node.target
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
        target = node
    else:
        return None
    while isinstance(target, ast.Subscript):
        target = target.value
    return target


def _dict_exports(tree: ast.Module, bound: Mapping[str, list[str | None]], known: dict[str, str]) -> dict[str, str]:
    """The strings settings dicts hold, by entry path: ``API_CONFIG["model"]`` of a module-level
    dict literal, ``get_config()["api"]["model"]`` of the dict a module-level function returns
    (its entries may name the module's dicts). A dict the module changes anywhere (an entry
    assigned, ``update``, ``|=``) holds no value that is known."""
    dicts = {target.id: value for statement in _top_statements(tree.body) for target, value in _targets(statement)
             if isinstance(target, ast.Name) and isinstance(value, ast.Dict) and len(bound[target.id]) == 1}
    if not dicts:
        return {}
    # (the name itself rebound is counted in `bound`)
    changed = {written.id for node in ast.walk(tree) if isinstance(written := _written_dict(node), ast.Name)}
    found: dict[str, str] = {}

    def flatten(path: str, node: ast.expr, depth: int) -> None:
        if isinstance(node, ast.Name) and node.id in dicts:
            if node.id in changed:
                return
            node = dicts[node.id]
        if not isinstance(node, ast.Dict):
            text = _string(node, known)
            if _relevant(text):
                found[path] = text  # type: ignore[assignment]
            return
        if depth > 4:
            return
        for key, value in zip(node.keys, node.values):
            inner = entry_path(path, key.value) if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
            if inner is not None:
                flatten(inner, value, depth + 1)

    for name, value in dicts.items():
        if name not in changed:
            flatten(name, value, 0)
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and not statement.args.args \
                and not statement.args.posonlyargs and not statement.args.kwonlyargs:
            returned = [n.value for n in _statements(statement.body) if isinstance(n, ast.Return)]
            if len(returned) == 1 and (isinstance(returned[0], ast.Dict)
                                       or isinstance(returned[0], ast.Name) and returned[0].id in dicts):
                flatten(f"{statement.name}()", returned[0], 0)
    return found


def _spellings(module: _Module, export_name: str) -> Iterator[tuple[str, str]]:
    """(suffix after the imported name, export key) for what importing ``export_name`` of
    ``module`` gives: the export itself, or a class's / an instance's attributes."""
    assert module.exports is not None and module.instances is not None
    if export_name in module.exports:
        yield "", export_name
    for key in module.exports:  # a settings dict's entries (API_CONFIG["model"], get_config()["api"]["model"])
        if key.startswith((f"{export_name}[", f"{export_name}()[")):
            yield key[len(export_name):], key
    klass = module.instances.get(export_name, export_name)
    prefix = f"{klass}."
    for key in module.exports:
        if key.startswith(prefix):
            yield f".{key[len(prefix):]}", key
    built = module.instances.get(f"{export_name}()")  # a settings factory's result
    for key in module.exports if built else ():
        if key.startswith(f"{built}."):
            yield f"().{key[len(built) + 1:]}", key


class _Uses(ast.NodeVisitor):
    """The imported exports a module gives Live (or non-Live) calls as their model."""

    def __init__(self, imported: dict[str, tuple[_Module, str]],
                 sinks: Mapping[str, Iterable[tuple[str, int]]] | None = None, opens_live: bool = False,
                 frameworks: bool = False, adk_live: bool = False) -> None:
        self.imported = imported
        # the module streams with ADK's run_live: its runners' agents run Live sessions
        self.adk_live = adk_live
        # (runner, scopes, class) of each `<runner>.run_live(...)`
        self.live_runners: list[tuple[ast.expr, list[ast.AST], ast.ClassDef | None]] = []
        # the module uses a voice-agent framework's Gemini Live class (LiveKit's google plugin, pipecat)
        self.frameworks = frameworks
        # the module opens Live sessions (with no ephemeral token): its clients' api_version
        # values are Live's
        self.opens_live = opens_live
        self.versions: list[tuple[ast.expr, list[ast.AST], ast.ClassDef | None]] = []
        # spelling → (parameter, position) of imported classes and functions whose parameter
        # another module opens a Live session with as its model (_live_parameters)
        self.sinks = sinks or {}
        self.scopes: list[ast.AST] = []
        self.classes: list[ast.ClassDef] = []
        self.assigned: dict[tuple[int, str], list[ast.expr]] = defaultdict(list)
        # `self.X = value` per class, with the scopes the value is read in
        self.self_assigned: dict[tuple[int, str], list[tuple[ast.expr, list[ast.AST]]]] = defaultdict(list)
        self.sites: list[tuple[ast.expr, list[ast.AST], ast.ClassDef | None, bool]] = []
        # the config= and the client of this module's live.connect calls: (role, expression, ...)
        self.connect_sites: list[tuple[str, ast.expr, list[ast.AST], ast.ClassDef | None]] = []
        # (spelling, parameter, argument, scopes, class) of each model a call here passes a sink
        self.sink_arguments: list[tuple[str, str, ast.expr, list[ast.AST], ast.ClassDef | None]] = []
        # (text, expression, scopes, class) of each `"text" in expression` test
        self.name_tests: list[tuple[str, ast.expr, list[ast.AST], ast.ClassDef | None]] = []
        # dicts whose entries this module writes (`API_CONFIG["model"] = ...`, `.update(...)`)
        self.written: set[str] = set()

    def run(self, tree: ast.Module) -> tuple[set[tuple[_Module, str]], set[tuple[_Module, str]],
                                             set[tuple[ast.AST, str]]]:
        """(imported exports given Live calls, those given non-Live calls, (function,
        parameter) pairs whose value a Live call here takes as its model)."""
        self.scopes = [tree]
        self.visit(tree)
        live: set[tuple[_Module, str]] = set()
        other: set[tuple[_Module, str]] = set()
        parameters: set[tuple[ast.AST, str]] = set()
        for runner, scopes, klass in self.live_runners:
            built = [(runner, scopes)] if isinstance(runner, ast.Call) else self._assigned_values(runner, scopes, klass)
            for value, where in built:
                called = _dotted(value.func) if isinstance(value, ast.Call) else None
                agent = _keyword(value, "agent") if called and called.split(".")[-1] in ("Runner", "InMemoryRunner") \
                    else None  # type: ignore[arg-type]
                if agent is not None:
                    model = ast.copy_location(ast.Attribute(value=agent, attr="model", ctx=ast.Load()), agent)
                    self.sites.append((model, where, klass, True))
        for expr, scopes, klass, to_live in self.sites:
            for origin, key in self._refs(expr, scopes, klass, 0):
                if not isinstance(origin, _Module):
                    if to_live:
                        parameters.add((origin, key))
                else:
                    (live if to_live else other).add((origin, key))
        return live, other, parameters

    def connect_parameters(self) -> set[tuple[ast.AST, str, str]]:
        """(function, parameter, role) for each parameter whose value a Live connect here takes
        as its config, or spreads into it (``{..., **self.config}``), role ``"config"``, or
        opens the session on (``self.client.aio.live.connect``), role ``"client"``, or gives
        the client that does as its ``http_options`` (``self._client = Client(api_key=key,
        http_options=http_options)``), role ``"http_options"`` (after run)."""
        sites = list(self.connect_sites)
        for role, expr, scopes, klass in self.connect_sites:
            if role != "client":
                continue
            for value, where in self._assigned_values(expr, scopes, klass):
                options = _keyword(value, "http_options") if isinstance(value, ast.Call) \
                    and (_dotted(value.func) or "").split(".")[-1] == "Client" else None
                if options is not None:
                    sites.append(("http_options", options, where, klass))
        return {(origin, key, role) for role, expr, scopes, klass in sites
                for origin, key in self._refs(expr, scopes, klass, 0) if not isinstance(origin, _Module)}

    def _assigned_values(self, expr: ast.expr, scopes: list[ast.AST],
                         klass: ast.ClassDef | None) -> list[tuple[ast.expr, list[ast.AST]]]:
        """What a name or ``self`` attribute is assigned, with the scopes each value is read in."""
        if isinstance(expr, ast.Name):
            for scope in reversed(scopes):
                values = self.assigned.get((id(scope), expr.id))
                if values:
                    return [(value, scopes) for value in values]
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self" \
                and klass is not None:
            return list(self.self_assigned.get((id(klass), expr.attr), ()))
        return []

    def tested_names(self) -> set[tuple[_Module, str, str]]:
        """(defining module, export, text) for each imported export whose value a test here
        looks for a piece of text in (``"native-audio" in agent.model``: after run)."""
        return {(origin, key, text) for text, expr, scopes, klass in self.name_tests
                for origin, key in self._refs(expr, scopes, klass, 0) if isinstance(origin, _Module)}

    def passed_models(self) -> Iterator[tuple[str, str, str]]:
        """(sink spelling, parameter, model id) for each id a call here can pass another module's
        class or function as the model its Live session opens with: a literal, a name or
        ``self`` attribute assigned one, an ``os.getenv`` default, an imported export (after run)."""
        for spelling, parameter, given, scopes, klass in self.sink_arguments:
            for value in self._strings(given, scopes, klass, 0):
                yield spelling, parameter, value

    def _strings(self, expr: ast.expr, scopes: list[ast.AST], klass: ast.ClassDef | None,
                 depth: int) -> Iterator[str]:
        if depth > _MAX_HOPS:
            return
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            yield expr.value
            return
        spelled = _dotted(expr)
        for path in self._paths(expr, scopes, klass, depth) if isinstance(expr, ast.Subscript) else ():
            if self._reads_import(path):
                origin, key = self.imported[path]
                value = (origin.exports or {}).get(key)
                if value is not None:
                    yield value
        if spelled is not None and spelled in self.imported:
            origin, key = self.imported[spelled]
            value = (origin.exports or {}).get(key)
            if value is not None:
                yield value
            return
        if isinstance(expr, (ast.Name, ast.Attribute)):
            for value, where in self._assigned_values(expr, scopes, klass):
                yield from self._strings(value, where, klass, depth + 1)
        elif isinstance(expr, ast.IfExp):
            yield from self._strings(expr.body, scopes, klass, depth + 1)
            yield from self._strings(expr.orelse, scopes, klass, depth + 1)
        elif isinstance(expr, ast.BoolOp):
            for value in expr.values:
                yield from self._strings(value, scopes, klass, depth + 1)
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
                and expr.func.attr in _ENV_GETTERS and len(expr.args) >= 2:
            yield from self._strings(expr.args[1], scopes, klass, depth + 1)

    def api_versions(self) -> set[tuple[_Module, str]]:
        """The imported exports this module's clients take as their api_version (after run)."""
        found: set[tuple[_Module, str]] = set()
        for expr, scopes, klass in self.versions:
            found.update((origin, key) for origin, key in self._refs(expr, scopes, klass, 0)
                         if isinstance(origin, _Module))
        return found

    # --- collecting ---------------------------------------------------------------------
    def _scoped(self, node: ast.AST) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        self.generic_visit(node)  # its body binds in the enclosing scope for our purposes
        self.classes.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind(target, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._note_written(node)  # `API_CONFIG |= {...}`
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self._note_written(node)  # `API_CONFIG["model"] = ...`
        self.generic_visit(node)

    def _note_written(self, node: ast.AST) -> None:
        """A dict whose entries ``node`` changes (:func:`_written_dict`): an imported dict's
        entries are then this module's values, not the other module's."""
        spelled = _dotted(written) if (written := _written_dict(node)) is not None else None
        if spelled is not None:
            self.written.add(spelled)

    def _bind(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.assigned[(id(self.scopes[-1]), target.id)].append(value)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                and target.value.id == "self" and self.classes:
            self.self_assigned[(id(self.classes[-1]), target.attr)].append((value, list(self.scopes)))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        self._note_written(node)  # `API_CONFIG.update(...)`
        model = next((k.value for k in node.keywords if k.arg in ("model", "model_name")), None)
        if isinstance(func, ast.Attribute) and model is not None:
            owner = func.value.attr if isinstance(func.value, ast.Attribute) else None
            if func.attr == "connect" and owner == "live":
                self._site(model, True)
                where = (list(self.scopes), self.classes[-1] if self.classes else None)
                config = next((k.value for k in node.keywords if k.arg == "config"), None)
                if config is not None:
                    self.connect_sites.append(("config", config, *where))
                aio = func.value.value if isinstance(func.value, ast.Attribute) else None  # <client>.aio.live
                if isinstance(aio, ast.Attribute) and aio.attr == "aio":
                    self.connect_sites.append(("client", aio.value, *where))
            elif func.attr in NON_LIVE_METHODS or (func.attr == "create" and owner in NON_LIVE_CREATORS):
                self._site(model, False)
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if self.opens_live and name in ("Client", "HttpOptions"):
            # genai.Client(http_options={"api_version": X}) / HttpOptions(api_version=X)
            for keyword in node.keywords:
                if keyword.arg == "api_version":
                    self.versions.append((keyword.value, list(self.scopes), self.classes[-1] if self.classes else None))
                elif keyword.arg == "http_options" and isinstance(keyword.value, ast.Dict):
                    for key, value in zip(keyword.value.keys, keyword.value.values):
                        if isinstance(key, ast.Constant) and key.value in ("api_version", "apiVersion"):
                            self.versions.append((value, list(self.scopes), self.classes[-1] if self.classes else None))
        google = "google" in (_dotted(func) or "").lower() or name.startswith(("Gemini", "Google"))
        if name in FRAMEWORK_LIVE_CLASSES and model is not None and self.frameworks and google:
            # LiveKit's Gemini google.realtime.RealtimeModel(model=settings.gemini_model), pipecat's
            # GeminiLiveLLMService (not OpenAI's RealtimeModel)
            self._site(model, True)
        elif name in ("LLM", "GoogleLLMService") and model is not None and self.frameworks and google:
            # ... and their text models (LiveKit's google.LLM, pipecat's GoogleLLMService)
            self._site(model, False)
        if name == "run_live" and isinstance(func, ast.Attribute) and self.adk_live:
            # ADK's runner streaming with run_live opens the Live session on its agent's model
            # (`runner = Runner(agent=root_agent)`, the agent imported: `root_agent.model`)
            self.live_runners.append((func.value, list(self.scopes), self.classes[-1] if self.classes else None))
        if name == "GenerativeModel":  # google-generativeai's text model
            self._site(model if model is not None else node.args[0] if node.args else None, False)
        for parameter, position in self.sinks.get(_dotted(func) or "", ()):
            # LiveVoiceBridge(model=settings.gemini_model): the class opens its session with it
            given = next((k.value for k in node.keywords if k.arg == parameter), None)
            if given is None and 0 <= position < len(node.args) \
                    and not any(isinstance(a, ast.Starred) for a in node.args[:position + 1]):
                given = node.args[position]
            self._site(given, True)
            if given is not None:
                self.sink_arguments.append((_dotted(func) or "", parameter, given, list(self.scopes),
                                            self.classes[-1] if self.classes else None))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        # `"native-audio" in model_name` (also `.lower()`): a test of an imported model id's name
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str):
            tested = node.comparators[0]
            if isinstance(tested, ast.Call) and isinstance(tested.func, ast.Attribute) \
                    and tested.func.attr in ("lower", "upper", "casefold", "strip"):
                tested = tested.func.value
            self.name_tests.append((node.left.value, tested, list(self.scopes), self.classes[-1] if self.classes else None))
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value == "setup" and isinstance(value, ast.Dict):
                for inner_key, inner in zip(value.keys, value.values):
                    if isinstance(inner_key, ast.Constant) and inner_key.value == "model":
                        self._site(inner, True)
        self.generic_visit(node)

    def _site(self, expr: ast.expr | None, to_live: bool) -> None:
        if expr is not None:
            self.sites.append((expr, list(self.scopes), self.classes[-1] if self.classes else None, to_live))

    # --- following ----------------------------------------------------------------------
    def _refs(self, expr: ast.expr, scopes: list[ast.AST], klass: ast.ClassDef | None,
              depth: int) -> Iterator[tuple[_Module | ast.AST, str]]:
        """The imported exports (defining module, key) ``expr`` reads, and the parameters
        (function, name) it reads, followed through names, ``self`` attributes and f-strings."""
        if depth > _MAX_HOPS:
            return
        if isinstance(expr, ast.Subscript):  # a settings dict's entry (`self.api_config["model"]`)
            yield from (self.imported[p] for p in self._paths(expr, scopes, klass, depth) if self._reads_import(p))
            return
        spelled = _dotted(expr)
        if isinstance(expr, ast.Name):
            for scope in reversed(scopes):
                values = self.assigned.get((id(scope), expr.id))
                if values:
                    for value in values:
                        yield from self._refs(value, scopes, klass, depth + 1)
                    return
                if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and _has_param(scope, expr.id):
                    yield scope, expr.id
                    return
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self" \
                and klass is not None:
            for value, where in self.self_assigned.get((id(klass), expr.attr), ()):
                yield from self._refs(value, where, klass, depth + 1)
            return
        if spelled is not None and spelled in self.imported:
            yield self.imported[spelled]
        elif isinstance(expr, ast.Attribute) and not isinstance(expr.value, ast.Name):
            # a field of what a call returns (`get_settings().model`), also through the name or
            # attribute holding it (`self.settings = get_settings()`, then `self.settings.model`)
            for owner in self._paths(expr.value, scopes, klass, depth + 1):
                if self._reads_import(f"{owner}.{expr.attr}"):
                    yield self.imported[f"{owner}.{expr.attr}"]
        elif isinstance(expr, ast.JoinedStr):
            for part in expr.values:
                if isinstance(part, ast.FormattedValue):
                    yield from self._refs(part.value, scopes, klass, depth + 1)
        elif isinstance(expr, ast.BoolOp):
            for value in expr.values:
                yield from self._refs(value, scopes, klass, depth + 1)
        elif isinstance(expr, ast.Dict):  # {..., **self.config}: what a config spreads in
            for key, value in zip(expr.keys, expr.values):
                if key is None:
                    yield from self._refs(value, scopes, klass, depth + 1)
        elif isinstance(expr, ast.IfExp):
            yield from self._refs(expr.body, scopes, klass, depth + 1)
            yield from self._refs(expr.orelse, scopes, klass, depth + 1)
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
                and expr.func.attr in _ENV_GETTERS and len(expr.args) >= 2:
            yield from self._refs(expr.args[1], scopes, klass, depth + 1)

    def _reads_import(self, path: str) -> bool:
        """The entry path reads what another module exports: no write here to that dict."""
        return path in self.imported and path.split("[")[0].removesuffix("()") not in self.written

    def _paths(self, expr: ast.expr, scopes: list[ast.AST], klass: ast.ClassDef | None, depth: int) -> Iterator[str]:
        """The entry paths (``get_config()["api"]["model"]``) ``expr`` may read, through names and
        ``self`` attributes bound to a dict's entry or a settings function's result."""
        if depth > _MAX_HOPS:
            return
        if isinstance(expr, ast.Subscript):
            key = expr.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                for owner in self._paths(expr.value, scopes, klass, depth + 1):
                    path = entry_path(owner, key.value)
                    if path is not None:
                        yield path
        elif isinstance(expr, ast.Call):
            spelled = _dotted(expr.func) if not expr.args and not expr.keywords else None
            if spelled is not None:
                yield f"{spelled}()"
        elif isinstance(expr, (ast.Name, ast.Attribute)):
            values = self._assigned_values(expr, scopes, klass)
            for value, where in values:
                yield from self._paths(value, where, klass, depth + 1)
            spelled = _dotted(expr) if not values and not self._is_parameter(expr, scopes) else None
            if spelled is not None:
                yield spelled

    @staticmethod
    def _is_parameter(expr: ast.expr, scopes: list[ast.AST]) -> bool:
        """``expr``'s first name is a parameter of a function around it (it hides an import)."""
        while isinstance(expr, ast.Attribute):
            expr = expr.value
        return isinstance(expr, ast.Name) and any(
            isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and _has_param(scope, expr.id) for scope in scopes)


def _has_param(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return any(a is not None and a.arg == name for a in every)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


# --- the index ----------------------------------------------------------------------------

class ProjectIndex:
    """The cross-module facts of one run; build it with :func:`build_project_index`."""

    def __init__(self) -> None:
        self._facts: dict[str, ModuleFacts] = {}

    def facts_for(self, path: str | os.PathLike[str]) -> ModuleFacts | None:
        """The slice of the file at ``path`` (None when it needs nothing of other modules)."""
        return self._facts.get(os.path.abspath(path)) if self._facts else None

    def __len__(self) -> int:
        return len(self._facts)


def _module_names(path: str, roots: list[str], init_cache: dict[str, bool],
                  mapped: Iterable[tuple[str, str]] = ()) -> tuple[tuple[str, ...], str | None, dict[str, str]]:
    """The dotted names of the module at ``path`` (see the module docstring; ``mapped``:
    (package name, folder) pairs of :func:`import_roots`), its name from its package root
    when it is in a package (``pkg.__init__`` for a package's ``__init__.py``, whose relative
    imports start from the package itself), and those of its names that hold only under a
    folder (a namespace package's, below) → that folder."""
    def has_init(folder: str) -> bool:
        if folder not in init_cache:
            init_cache[folder] = os.path.isfile(os.path.join(folder, "__init__.py"))
        return init_cache[folder]

    folder, stem = os.path.split(path)
    stem = os.path.splitext(stem)[0]
    top = folder
    # (a folder whose name is no identifier, `live-api/`, is no package, __init__.py or not:
    # the code under it imports with it on sys.path; a folder without __init__.py inside a
    # package is a namespace subpackage of it: `llm/gemini.py` of an integration's package
    # imports `from ..config.const import X`)
    while (has_init(top) or has_init(os.path.dirname(top))) and os.path.basename(top).isidentifier() \
            and os.path.dirname(top) != top:
        top = os.path.dirname(top)
    names: list[str] = []
    package = None
    for root, prefix in [(top, ""), *((r, "") for r in roots), *((f, p) for p, f in mapped)]:
        relative = os.path.relpath(os.path.join(folder, stem), root)
        if relative.startswith(os.pardir) or os.path.isabs(relative):
            continue
        parts = [*(prefix.split(".") if prefix else ()), *relative.split(os.sep)]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and all(p.isidentifier() for p in parts):
            name = ".".join(parts)
            if name not in names:
                names.append(name)
            if root == top and not prefix and top != folder:
                package = f"{name}.__init__" if stem == "__init__" else name
    # A folder without __init__.py under the folder a script runs from is a namespace package
    # there (`server/core/gemini_client.py`, imported as `core.gemini_client` by `server/server.py`
    # and by its neighbours): the names from each folder above it, up to the run's roots.
    # Only there: `batch/config/settings.py` is `config.settings` to `batch/run.py`, not to the
    # `main.py` above it, whose `from config import settings` is its own `config.py`'s.
    scoped: dict[str, str] = {}
    if stem != "__init__" and not has_init(folder):
        parts, above = [stem], folder
        while os.path.basename(above).isidentifier() and any(
                os.path.commonpath([above, root]) == root and above != root for root in roots):
            parts.insert(0, os.path.basename(above))
            above = os.path.dirname(above)
            name = ".".join(parts)
            if name not in names:
                names.append(name)
                scoped[name] = above
    return tuple(names), package, scoped


class _Table:
    """The modules of the run by dotted name. A file is named (a path computation per root)
    only when an import asks for a name ending in its last name: naming every file of the
    run cost more than the rest of the index."""

    def __init__(self, paths: list[str], roots: list[str], mapped: list[tuple[str, str]],
                 texts: dict[str, bytes], max_bytes: int | None) -> None:
        self.paths, self.roots, self.mapped, self.texts, self.max_bytes = paths, roots, mapped, texts, max_bytes
        self.path_set = set(paths)
        self._by_last: dict[str, list[str]] | None = None
        self.modules: dict[str, _Module] = {}
        self.by_name: dict[str, list[_Module]] = defaultdict(list)
        self.named: set[str] = set()
        self.init_cache: dict[str, bool] = {}
        self._imports: dict[str, tuple] = {}

    def imports(self, module: "_Module") -> tuple[dict[str, tuple["_Module", str]], dict[str, tuple["_Module", str]],
                                                  dict[str, "_Module"]]:
        """:func:`_imports` of ``module``, worked out once (several passes of the index ask)."""
        found = self._imports.get(module.path)
        if found is None:
            found = self._imports[module.path] = _imports(module, self)
        return found

    @property
    def by_last(self) -> dict[str, list[str]]:
        """The files of the run by the last part of their dotted name (built on first use)."""
        if self._by_last is None:
            self._by_last = defaultdict(list)
            for path in self.paths:
                self._by_last[_stem(path)].append(path)
            run = set(self.paths)
            for package, folder in self.mapped:  # `package-dir = {"pkg" = "src"}`: src/__init__.py is `pkg`
                init = os.path.join(folder, "__init__.py")
                if init in run:
                    self._by_last[package.rsplit(".", 1)[-1]].append(init)
        return self._by_last

    def imports_a_module(self, data: bytes) -> bool:
        """Some import statement of ``data`` names a module of the run (a relative one does)."""
        for match in _FROM_IMPORT.finditer(data):
            name = match.group(1).decode()
            if name.startswith(".") or self.find(name):
                return True
        for match in _IMPORT.finditer(data):
            for part in match.group(1).decode().split(","):
                name = part.split(" as ")[0].strip()
                if name and self.find(name):
                    return True
        return False

    def module_at(self, path: str) -> _Module:
        module = self.modules.get(path)
        if module is None:
            names, package, scoped = _module_names(path, self.roots, self.init_cache, self.mapped)
            module = self.modules[path] = _Module(path, names, package, scoped=scoped or None)
        return module

    def find(self, name: str) -> list[_Module]:
        """The modules of the run named ``name``."""
        last = name.rsplit(".", 1)[-1]
        if last not in self.named:
            self.named.add(last)
            for path in self.by_last.get(last, ()):
                module = self.module_at(path)
                if not module.registered:
                    module.registered = True
                    for dotted in module.names:
                        self.by_name[dotted].append(module)
        return self.by_name.get(name, [])

    def package_words(self, path: str) -> set[bytes]:
        """The words an import of the module at ``path`` may be written with: its last name,
        and the names of the packages above it (``from pkg import X`` where ``pkg/__init__.py``
        re-exports it), mapped ones too."""
        words = {_stem(path).encode()}
        folder = os.path.dirname(path)
        while True:
            words.update(p.rsplit(".", 1)[-1].encode() for p, f in self.mapped if f == folder)
            if folder not in self.init_cache:
                self.init_cache[folder] = os.path.isfile(os.path.join(folder, "__init__.py"))
            parent = os.path.dirname(folder)
            if not self.init_cache[folder] or parent == folder:
                return words
            words.add(os.path.basename(folder).encode())
            folder = parent

    def tree(self, module: _Module) -> ast.Module | None:
        """The parsed module (read here when the run's screen did not: a package's
        ``__init__.py`` that only re-exports names)."""
        if module.tree is None:
            data = self.texts.get(module.path)
            if data is None:
                data = _read(module.path, self.max_bytes)
            module.tree = _parse(data, module.path) if data is not None else None
        return module.tree


_FROM_IMPORT = re.compile(rb"^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)", re.MULTILINE)
_IMPORT = re.compile(rb"^[ \t]*import[ \t]+([^\n#;]+)", re.MULTILINE)
_WORD = re.compile(rb"\w+")


def _imported_names(data: bytes) -> set[bytes]:
    """Every word of every import statement in ``data`` (module names, their parts, the names
    imported from them): a superset of the modules the file can import, found without parsing."""
    found: set[bytes] = set()
    for match in _FROM_IMPORT.finditer(data):
        found.update(_WORD.findall(match.group(1)))
        found.update(_WORD.findall(match.group(2)))
    for match in _IMPORT.finditer(data):
        found.update(_WORD.findall(match.group(1)))
    return found


def _package_names(path: str) -> set[bytes]:
    """The last name of the module at ``path`` and the names of the folders above it (some may
    be its packages): the words an import of it may be written with, over-approximated."""
    parts = os.path.normpath(path).split(os.sep)
    # (every folder: a package's __init__ may re-export it from several folders down)
    return {_stem(path).encode(), *(part.encode() for part in parts[:-1] if part.isidentifier())}


def _stem(path: str) -> str:
    """The last part of the dotted name of the module at ``path`` (its package's, for an
    ``__init__.py``)."""
    folder, _, base = path.rpartition(os.sep)  # string methods: asked for every file of a run
    stem = base[:-3] if base.endswith(".py") else os.path.splitext(base)[0]
    return folder.rpartition(os.sep)[2] if stem == "__init__" else stem


def _parse(data: bytes, path: str) -> ast.Module | None:
    import warnings

    try:
        with warnings.catch_warnings():  # `"\d"` is the user's business (a SyntaxWarning on 3.12+)
            warnings.simplefilter("ignore")
            return ast.parse(data, path)
    except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):
        return None


def build_project_index(files: Iterable[Path | str], roots: Iterable[Path | str], max_bytes: int | None = None,
                        exporting: Mapping[str, bytes] | None = None,
                        readers: Container[str] | None = None) -> ProjectIndex:
    """The index over ``files`` (the Python files of a run; anything else is ignored), with
    ``roots`` the paths given on the command line. ``exporting``: the bytes of the files that
    :func:`~livemigrate.prefilter.may_define_live_value` lets through, keyed by absolute path,
    when the caller has already scanned them (else they are read here). ``readers``: the
    absolute paths of the only files that may import an export (the others are not read), when
    the caller has screened them. Unreadable or unparsable files are left out: the lint pass
    reports them."""
    index = ProjectIndex()
    root_dirs = []
    walked = []  # the folders given: the run covers the project below them
    for root in roots:
        absolute = os.path.abspath(root)
        root_dirs.append(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
        if os.path.isdir(absolute):
            walked.append(absolute + os.sep)
    paths = [os.path.abspath(f) for f in files if str(f).endswith(".py")]
    # the run's notebooks: read only where code anywhere in the run counts (a notebook cell may
    # answer a tool call or call a method), never indexed as modules
    notebooks = [os.path.abspath(f) for f in files if str(f).endswith(".ipynb")]
    if exporting is None:
        exporting = {}
        for path in paths:
            data = _read(path, max_bytes)
            if data is not None and may_define_live_value(data):
                exporting[path] = data
    if not exporting:
        return index
    # An export matters only where some file imports its module: read the files that may
    # import (once; kept for the pass below) and parse only the exporting modules some import
    # statement names. In a tree of Live programs nearly every module holds a model id, and
    # parsing them all for nothing cost more than the run's walk.
    texts: dict[str, bytes] = dict(exporting)
    unread = False
    for path in paths:
        if path not in texts and (readers is None or path in readers):
            data = _read(path, max_bytes)
            if data is not None:
                texts[path] = data
            else:
                unread = True  # too big or unreadable: it may answer a tool call
    import_words = {path: _imported_names(data) for path, data in texts.items()}
    # A module the screen ruled out (naming nothing of Live: `async with open_live() as conn:
    # await conn.send(...)`) may enter or keep open a session a function or class of a module
    # that opens sessions hands it: `fix`, which reads every file, sees it, so `check` must too.
    # Read the others (bytes only) when a module of the run has such a function (parsed here,
    # once); keep those naming one and importing from its module (by its name or its package's).
    parsed: dict[str, ast.Module | None] = {}
    opening: set[bytes] = set()
    handing: set[bytes] = set()
    # (only when the screen ruled some module out: in a tree of Live programs it rules out none,
    # and parsing every opener here cost a Live-heavy check 5%)
    ruled_out = readers is not None and any(path not in texts for path in paths)
    for path, data in texts.items() if ruled_out else ():
        raw = _connects_a_raw_socket(data)  # (a raw socket's client class too)
        if b"live.connect" in data or raw:
            parsed[path] = _parse(data, path)
            keys = _session_openers(parsed[path], raw) if parsed[path] is not None else set()  # type: ignore[arg-type]
            if keys:
                handing.update(key.split(".")[0].encode() for key in keys)
                opening.update(_package_names(path))
    for path in paths if handing else ():
        data = _read(path, max_bytes) if path not in texts else None
        if data is None or not any(word in data for word in handing):  # (a byte search: most files name none)
            continue
        found = _imported_names(data)
        if not found.isdisjoint(opening) and not found.isdisjoint(handing):
            texts[path], import_words[path] = data, found
    unanswered = set() if unread else _unanswered_tool_calls(texts, walked, [*paths, *notebooks], max_bytes)
    unused = {} if unread else _unused_methods(texts, walked, [*paths, *notebooks], max_bytes)
    named: set[bytes] = set().union(*import_words.values())
    # Modules that open a Live session: one may take its model from a parameter (another
    # module passes the id), or hand the session to another module's class or function.
    openers = {path for path, data in texts.items()
               if b"live.connect" in data or b'"setup"' in data or b"'setup'" in data or b"run_live(" in data}
    # Tool modules of a run that opens Live sessions elsewhere (async tool settings are Live's)
    # (an ADK app streams with run_live: ADK opens the session)
    sessions = {path for path, data in texts.items()
                if b"live.connect" in data or b"BidiGenerateContent" in data or b"run_live(" in data}
    tool_modules = {path for path, data in texts.items()
                    if path not in sessions and any(word in data for word in _ASYNC_TOOL_WORDS)} if sessions else set()
    # The import roots the project declares (read once, only when the run has Live values)
    extra, mapped = import_roots(d for d in dict.fromkeys(root_dirs))
    table = _Table(paths, [*root_dirs, *(e for e in extra if e not in root_dirs)], mapped, texts, max_bytes)
    # (a module that builds Live configs for another to open a session with: config builders)
    building = {path for path, data in texts.items() if b"LiveConnectConfig" in data or b"response_modalities" in data
                or b"responseModalities" in data}
    # (a module whose functions send realtime input for their callers: a session class)
    # (the deprecated send(input=LiveClientRealtimeInput(...)), or send(input={"mime_type": "image/jpeg", ...}))
    sending = {path for path, data in texts.items() if b"send_realtime" in data
               or b"LiveClientRealtimeInput" in data or b".send(" in data and b"image/" in data}
    # (a module whose functions or classes read a session their caller hands them in a loop:
    # `GeminiReaderTask(state, session)` reading `self.session.receive()` until stopped)
    pumping = sending | {path for path, data in texts.items() if b".receive()" in data and b"while " in data}
    # (a module whose functions build the google-genai client others use: a client factory)
    factoring = {path for path, data in texts.items() if b"Client(" in data and b"genai" in data}
    candidates = {path for path in (*exporting, *openers, *building, *pumping, *factoring)
                  if not named.isdisjoint(table.package_words(path))}
    words: set[bytes] = set()
    stems: set[bytes] = set()  # an importer's import statement names the module it imports from
    for path in candidates:
        module = table.module_at(path)
        module.tree = parsed[path] if path in parsed else _parse(texts[path], path)
        if module.tree is None:
            continue
        _read_exports(module)
        module.parameters, module.connect_parameters = _live_parameters(module.tree) if path in openers else ({}, {})
        module.long_running = _long_running(module.tree, module.connect_parameters) if module.connect_parameters else {}
        module.session_attributes = _session_attributes(module.tree) if path in openers else {}
        module.providers = _session_providers(module.tree) if path in openers else {}
        module.builders = _config_builders(module.tree, texts[path])
        module.openers = _session_openers(module.tree, b"BidiGenerateContent" in texts[path]) \
            if path in openers else set()
        module.mime_senders = _mime_senders(module.tree) if path in sending else {}
        module.video_methods = _video_methods(module.tree) if path in sending else {}
        module.looping_methods = _looping_methods(module.tree) if path in sending else {}
        module.pumps = _session_pumps(module.tree) if path in pumping or b".receive(" in texts[path] else {}
        module.client_factories = _client_factories(module.tree) if path in factoring else set()
        module.feeders = _feeders(module.tree, module.openers) if module.openers else {}
        module.self_handed = _self_handed(module.tree, module.exports or {}) if path in openers else {}
        module.opener_models = _opener_models(module.tree, module.openers, module.exports or {})
        module.opener_modalities = _opener_modalities(module.tree, module.opener_models) if module.opener_models else {}
        keys = [*module.client_factories, *(head_word(key) for key in module.exports or ()), *(head_word(key) for key in module.instances or ()), *module.parameters, *module.connect_parameters,
                *module.session_attributes, *(key.split(".")[-1] for key in module.providers), *(key.split(".")[0] for key in module.builders),
                *(part for key in module.openers for part in (key.split(".")[0], key.split(".")[-1])),
                *(key.split(".")[-1] for key in module.mime_senders),
                *module.video_methods, *module.looping_methods, *module.pumps, *(key.split(".")[0] for key in module.self_handed)]
        if keys:
            words.update(key.encode() for key in keys)
            stems.update(table.package_words(path))
    # An agent's model a module imports (`root_agent = Agent(model=LIVE_MODEL)`, LIVE_MODEL from
    # a constants module): its `.model` is that module's export, now that every export is read
    for path in candidates:
        module = table.module_at(path)
        if not module.model_refs or module.exports is None:
            continue
        _, names, _ = table.imports(module)
        for key, name in module.model_refs.items():
            origin = names.get(name)
            value = (origin[0].exports or {}).get(origin[1]) if origin is not None else None
            if value is not None:
                module.exports[key] = value
                words.add(head_word(key).encode())
                stems.update(table.package_words(path))
    # Modules whose classes build another module's session class and feed it (a coordinator
    # asking the session it keeps): a loop calling their methods feeds that session.
    feeding = [table.module_at(path) for path in candidates if table.module_at(path).feeders]
    classes = {klass.encode() for module in feeding for klass in module.feeders or ()}
    for path, data in texts.items() if classes else ():
        if not any(klass in data for klass in classes) \
                or all(words_of.isdisjoint(import_words[path]) for words_of in
                       (table.package_words(module.path) for module in feeding)):
            continue
        module = table.module_at(path)
        if table.tree(module) is None:
            continue
        _, names, _ = table.imports(module)
        module.relays = _relays(module.tree, names)  # type: ignore[arg-type]
        if module.relays:
            words.update(klass.encode() for klass in module.relays)
            stems.update(table.package_words(path))
    if not words and not openers:
        for path in unanswered | tool_modules | set(unused):
            index._facts[path] = ModuleFacts(no_tool_response=path in unanswered,
                                             unused_methods=unused.get(path, ()),
                                             live_sessions_elsewhere=path in tool_modules)
        return index
    imported: dict[str, list[tuple[str, str]]] = defaultdict(list)
    to_live: dict[str, set[str]] = defaultdict(set)
    to_non_live: dict[str, set[str]] = defaultdict(set)
    parameters: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    handed: dict[str, set[tuple[str, int, str, str, str, str]]] = defaultdict(set)
    images: set[str] = set()  # openers importing a module that builds image blobs
    framed: dict[str, set[str]] = defaultdict(set)  # openers calling another module's image-frame builders
    wired: set[str] = set()  # modules of wire-mirroring event classes a raw client imports
    framing: set[str] = set()  # modules building raw client frames a raw client imports
    raw_readers: dict[str, set[tuple[str, str]]] = defaultdict(set)  # modules reading an imported raw client's messages
    texted: dict[str, set[str]] = defaultdict(set)  # classes and functions other modules call with TEXT
    kept: dict[str, set[tuple[str, str]]] = defaultdict(set)  # importers of classes keeping a session
    provided: dict[str, set[tuple[str, int, str, int, str]]] = defaultdict(set)  # callers of session providers
    built: dict[str, set[tuple[str, tuple[str, ...]]]] = defaultdict(set)  # importers of config builders
    held: dict[str, set[tuple[str, str]]] = defaultdict(set)  # openers whose callers keep the session open
    pumps: dict[str, set[tuple[str, str, int, str, str]]] = defaultdict(set)  # callers of functions looping on a session
    vertex_parameters: dict[str, set[tuple[str, str, int]]] = defaultdict(set)  # model parameters of Vertex AI sessions
    filmed: dict[str, set[tuple[str, str]]] = defaultdict(set)  # openers whose session gets video elsewhere
    fills: dict[str, set[tuple[str, str]]] = defaultdict(set)  # functions filling queues Live senders forward
    entered: dict[str, set[tuple]] = defaultdict(set)  # importers of functions handing back a session
    connected: dict[str, set[str]] = defaultdict(set)  # module-level configs other modules connect with
    shared: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # ... and those they give non-Live calls
    versions: dict[str, set[str]] = defaultdict(set)  # exports Live clients elsewhere take as api_version
    vertex: dict[str, set[str]] = defaultdict(set)  # exports Live sessions of a Vertex AI module take
    mimed: dict[str, set[tuple[str, int, str]]] = defaultdict(set)  # callers of MIME-sending methods
    configured: dict[str, set[tuple[str, str, str, int]]] = defaultdict(set)  # callers passing a config / client
    # subclasses of classes whose methods send video, and of classes whose methods loop until stopped
    mixed_video: dict[str, set[tuple[str, str]]] = defaultdict(set)
    mixed_long: dict[str, set[tuple[str, str]]] = defaultdict(set)
    filled: dict[str, set[tuple[str, str, tuple[str, ...]]]] = defaultdict(set)  # configs callers pass
    long: dict[str, set[tuple[str, str]]] = defaultdict(set)  # importers of classes keeping sessions open
    passed_models: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # ids callers pass as models
    tested: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # exports other modules test by name
    factories: dict[str, set[str]] = defaultdict(set)  # functions returning clients Live sessions open on
    # ... and those another use keeps on v1alpha: ephemeral tokens minted on them, Lyria's
    # `live.music` sessions, sessions of a module setting affective dialog or proactive audio
    keeping: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        data = texts.get(path)
        if data is None:
            continue
        # an importer of an export (its import statements name the module or the export), or
        # a module that opens a session and imports something of the run
        importer = not (stems.isdisjoint(import_words[path]) and words.isdisjoint(import_words[path])) \
            and any(word in data for word in words)
        opener = _opens_live_module(path, openers, texts)
        if not importer and not (opener and table.imports_a_module(data)):
            continue
        module = table.module_at(path)
        if table.tree(module) is None:
            continue
        spellings, names, aliases = table.imports(module)
        config_fields: _ConfigFields | None = None
        for spelling, (origin, key) in spellings.items():
            imported[path].append((spelling, origin.exports[key]))  # type: ignore[index]
        for spelling, (origin, name) in names.items():
            for parameter, position in (origin.parameters or {}).get(name, ()):
                parameters[path].add((spelling, parameter, position))
                if _on_vertex(texts.get(origin.path, b"")):
                    vertex_parameters[path].add((spelling, parameter, position))
            for role, parameter, position in (origin.connect_parameters or {}).get(name, ()):
                configured[path].add((spelling, role, parameter, position))
                if role == "config":
                    if config_fields is None:  # (built once per module: it walks the whole tree)
                        config_fields = _ConfigFields(module.tree, names)  # type: ignore[arg-type]
                    filled[origin.path].update((name, parameter, found) for found in
                                               config_fields.passed(spelling, parameter, position))
            for attribute in (origin.session_attributes or {}).get(name, ()):
                kept[path].add((spelling, attribute))
        long[path].update((spelling, f"{os.path.basename(origin.path)}:{(origin.long_running or {})[name]}")
                          for spelling, (origin, name) in names.items() if name in (origin.long_running or {}))
        long[path].update((f"{alias}.{name}", f"{os.path.basename(origin.path)}:{line}")
                          for alias, origin in aliases.items() for name, line in (origin.long_running or {}).items())
        for alias, origin in aliases.items():
            for klass, attributes in (origin.session_attributes or {}).items():
                kept[path].update((f"{alias}.{klass}", attribute) for attribute in attributes)
            # `live_model.LiveProcessor(model_name=..., realtime_config=...)` on a module alias
            for name, found in (origin.parameters or {}).items():
                parameters[path].update((f"{alias}.{name}", parameter, position) for parameter, position in found)
            for name, found in (origin.connect_parameters or {}).items():
                configured[path].update((f"{alias}.{name}", role, parameter, position)
                                        for role, parameter, position in found)
                for role, parameter, position in found:
                    if role == "config":
                        if config_fields is None:
                            config_fields = _ConfigFields(module.tree, names)  # type: ignore[arg-type]
                        filled[origin.path].update((name, parameter, fields) for fields in
                                                   config_fields.passed(f"{alias}.{name}", parameter, position))
        provided[path].update(_provider_spellings(names, aliases))
        functions, methods = _imported_keys(names, aliases, lambda origin: origin.opener_models or {})
        entered[path].update((spelling, (origin.opener_models or {})[key], (origin.opener_modalities or {}).get(key, ""),
                              origin.path)
                             for spelling, (origin, key) in functions.items())
        # ... and an imported class's opener method called on an instance built here
        # (`client = GeminiClient()`, then `async with client.connect() as session:`)
        for holder, (origin, klass) in _instances(module.tree, names) if methods else ():  # type: ignore[arg-type]
            entered[path].update((f"{holder}.{method}", (origin.opener_models or {})[key],
                                  (origin.opener_modalities or {}).get(key, ""), origin.path)
                                 for method, (owner, key) in methods.items()
                                 if owner is origin and key.split(".", 1)[0] == klass)
        mimed[path].update(_mime_sender_spellings(names, aliases))
        built[path].update((spelling, origin.builders[name]) for spelling, (origin, name) in names.items()
                           if name in (origin.builders or {}))
        # (and an imported class's builder methods and properties, `GeminiConfig.live_config`:
        # read on an object the importer declares of that class)
        built[path].update((f"{spelling}.{key.split('.', 1)[1]}", fields) for spelling, (origin, name) in names.items()
                           for key, fields in (origin.builders or {}).items() if key.startswith(f"{name}."))
        # an imported base class's builder methods, called as `self._build_config()` in a subclass
        bases = {_dotted(base) for node in ast.walk(module.tree) if isinstance(node, ast.ClassDef)  # type: ignore[arg-type]
                 for base in node.bases}
        mixed_video[path].update((spelling, method) for spelling, (origin, name) in names.items() if spelling in bases
                                 for method in (origin.video_methods or {}).get(name, ()))
        mixed_long[path].update((spelling, method) for spelling, (origin, name) in names.items() if spelling in bases
                                for method in (origin.looping_methods or {}).get(name, ()))
        # a subclass overriding the method its imported base hands the session it opens
        for klass in (n for n in module.tree.body if isinstance(n, ast.ClassDef)):  # type: ignore[union-attr]
            defined = {item.name for item in klass.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
            for base in klass.bases:
                origin_name = names.get(_dotted(base) or "")
                for key, (*handed_to, opener) in ((origin_name[0].self_handed or {}).items() if origin_name else ()):
                    owner, method = key.split(".", 1)
                    # (a subclass opening its own session in its own opener gets none of the base's)
                    if owner == origin_name[1] and method in defined and opener not in defined:
                        handed[path].add((f"{klass.name}.{method}", *handed_to, ""))
        built[path].update((f"self.{key.split('.', 1)[1]}", fields) for spelling, (origin, name) in names.items()
                           if spelling in bases
                           for key, fields in (origin.builders or {}).items() if key.startswith(f"{name}."))
        built[path].update((f"{alias}.{name}", fields) for alias, origin in aliases.items()
                           for name, fields in (origin.builders or {}).items())
        for origin, key, entry, call in _configs_given(module.tree, names, aliases):  # type: ignore[arg-type]
            if _opens_live(call):
                connected[origin.path].add(key)
            else:
                shared[origin.path].add((key, entry, _method_name(call), f"{os.path.basename(path)}:{call.lineno}"))
        for origin, key, line in _kept_open_calls(module.tree, names, aliases):  # type: ignore[arg-type]
            held[origin.path].add((key, f"{os.path.basename(path)}:{line}"))
        for origin, key, line in _opened_for_pumps(module.tree, names, aliases):  # type: ignore[arg-type]
            held[origin.path].add((key, f"{os.path.basename(path)}:{line}"))
        for origin, key, line in _videos_on_entered(module.tree, functions):  # type: ignore[arg-type]
            filmed[origin.path].add((key, f"{os.path.basename(path)}:{line}"))
        for origin, function, parameter in _live_queue_fills(module.tree, names, table):  # type: ignore[arg-type]
            fills[origin.path].add((function, parameter))
        pumped, _ = _imported_keys(names, aliases, lambda origin: origin.pumps or {})
        for spelling, (origin, name) in pumped.items():
            parameters_used, line, sends = (origin.pumps or {})[name]
            pumps[path].update((spelling, parameter, position, f"{os.path.basename(origin.path)}:{line}", sends)
                               for parameter, position in parameters_used)
        alpha_features = (b"ffective" in data or b"roactivity" in data) and _sets_alpha_features(module.tree)  # type: ignore[arg-type]
        for origin, name, use in _client_factory_calls(module.tree, names, aliases):  # type: ignore[arg-type]
            if name in (origin.client_factories or ()):
                if use == "live" and not alpha_features:
                    factories[origin.path].add(name)
                else:  # (and the module's client a factory hands back, `return GEMINI`)
                    keeping[origin.path].update({name, *_returned_names(origin.tree, name)})  # type: ignore[arg-type]
        if spellings or parameters.get(path):
            sinks: dict[str, list[tuple[str, int]]] = defaultdict(list)
            for spelling, parameter, position in parameters.get(path, ()):
                sinks[spelling].append((parameter, position))
            uses = _Uses(spellings, sinks, opens_live=(b"live.connect" in data or b"aio.live" in data)
                         and b"auth_tokens" not in data,
                         frameworks=b"livekit" in data and b"google" in data or b"pipecat" in data,
                         adk_live=b"run_live(" in data)
            live, other, _ = uses.run(module.tree)  # type: ignore[arg-type]
            owners = {spelling: (origin, name) for spelling, (origin, name) in names.items()}
            owners.update((f"{alias}.{name}", (origin, name)) for alias, origin in aliases.items()
                          for name in (origin.parameters or {}))
            for spelling, parameter, value in uses.passed_models():
                if spelling in owners:
                    origin, name = owners[spelling]
                    passed_models[origin.path].add((name, parameter, value))
            on_vertex = _on_vertex(data)
            for origin, key in live:
                to_live[origin.path].add(key)
                if on_vertex:
                    vertex[origin.path].add(key)
            for origin, key in other:
                to_non_live[origin.path].add(key)
            for origin, key, text in uses.tested_names():
                tested[origin.path].add((key, text, os.path.basename(path)))
            for origin, key in uses.api_versions():
                if origin.exports is not None and origin.exports.get(key) == "v1alpha":
                    versions[origin.path].add(key)
        if opener and any(_builds_image_blob(origin, table)
                          for origin in {*(o for o, _ in names.values()), *aliases.values()}):
            images.add(path)
        # ... and openers a module building image blobs calls (a GUI's camera object handed
        # to the Live client it imports: `Connection(camera=Camera())`, whose loop sends what
        # `self.camera.get_frame()` gives)
        sources: set[str] | None = None  # (its image-building classes, found once, when asked)
        for spelling, (origin, _) in names.items():
            if origin is module or origin.path in images or not _opens_live_module(origin.path, openers, texts):
                continue
            if sources is None:
                sources = _image_sources(module.tree)  # type: ignore[arg-type]
            if sources and _hands_an_image_source(module.tree, spelling, sources):  # type: ignore[arg-type]
                images.add(origin.path)
        if b"TEXT" in data:
            for origin, name in _text_modality_calls(module.tree, names):  # type: ignore[arg-type]
                texted[origin.path].add(name)
        # (a raw Live client: its own socket to the endpoint, no SDK session)
        if opener and _raw_live_client(data):
            framed[path].update(_image_builder_calls(module.tree, names, aliases, table))  # type: ignore[arg-type]
            origins = {*(o for o, _ in names.values()), *aliases.values()} - {module}
            wired.update(origin.path for origin in origins if _mirrors_the_wire(origin, table))
            framing.update(origin.path for origin in origins if _builds_client_frames(origin, table))
        else:
            for origin in {*(o for o, _ in names.values()), *aliases.values()} - {module}:
                if not _raw_live_client(texts.get(origin.path, b"")):
                    continue
                # (the raw messages an imported raw Live client yields, read here: `async for
                # response in self.provider.receive(): response.get("serverContent")`)
                if (b"serverContent" in data or b"toolCall" in data) and (client := _raw_client_of(origin, table)) \
                        and _iterates_any(module.tree, client[0]):  # type: ignore[arg-type]
                    raw_readers[path].update(client[1] or {("", "")})
                # (client frames built here for it to send: `self.client._send_event({"clientContent":
                # ...})`, measurement 56)
                if _builds_client_frames(module, table):
                    framing.add(path)
        values = {spelling: origin.exports[key] for spelling, (origin, key) in spellings.items()}  # type: ignore[index]
        if (names or aliases) and (opener or any("BidiGenerateContent" in v for v in values.values())):
            raw = b"BidiGenerateContent" in data or any("BidiGenerateContent" in v for v in values.values())
            for origin, name, position, keyword, kind, model, modality in _Handed(module, names, aliases, values,
                                                                                   raw, table).run():
                handed[origin.path].add((name, position, keyword, kind, model, modality))
    for path, openers_here in entered.items():  # an opener's model (and config) a name it imports holds
        entered[path] = {(spelling, dict(imported.get(origin, ())).get(model[1:], "") if model.startswith("=") else model,
                          _imported_modality(table.module_at(origin), modality[1:], table) if modality.startswith("=")
                          else modality)
                         for spelling, model, modality, origin in openers_here}
    for path, names_kept in keeping.items():  # a factory whose client also needs v1alpha keeps it
        factories[path] -= names_kept
    phases = _caller_phases(texts, import_words, table)
    # each fact of ModuleFacts (but the three flags) → what this pass gathered for it, per module
    gathered = {"imported": imported, "to_live": to_live, "to_non_live": to_non_live, "model_parameters": parameters,
                "vertex_parameters": vertex_parameters,
                "handed_sessions": handed, "caller_phases": phases, "session_attributes": kept,
                "session_providers": provided, "config_builders": built, "kept_open": held, "session_pumps": pumps, "video_elsewhere": filmed,
                "live_queue_fills": fills,
                "session_openers": entered,
                "live_configs": connected, "non_live_configs": shared,
                "live_api_versions": versions, "vertex_live": vertex, "mime_senders": mimed,
                "connect_parameters": configured, "mixin_video": mixed_video, "mixin_long": mixed_long,
                "filled_configs": filled,
                "long_sessions": long, "passed_models": passed_models, "name_tests": tested,
                "live_client_factories": factories, "image_builders": framed, "text_modality_callers": texted}
    for path in set(imported) | set(to_live) | set(to_non_live) | set(parameters) | set(handed) | set(phases) \
            | unanswered | images | tool_modules | set(kept) | {p for p, found in provided.items() if found} \
            | {p for p, found in built.items() if found} | set(held) | {p for p, found in pumps.items() if found} | set(filmed) | set(fills) | set(versions) | set(vertex) \
            | {p for p, found in entered.items() if found} | set(connected) | set(shared) \
            | {p for p, found in mimed.items() if found} | set(configured) \
            | {p for p, found in mixed_video.items() if found} | {p for p, found in mixed_long.items() if found} \
            | set(filled) \
            | {p for p, found in long.items() if found} | set(passed_models) | set(tested) \
            | {p for p, found in factories.items() if found} | set(unused) | {p for p, found in framed.items() if found} \
            | wired | framing | set(raw_readers) | {p for p, found in texted.items() if found}:
        index._facts[path] = ModuleFacts(
            **{name: tuple(sorted(set(found.get(path, ())))) for name, found in gathered.items()},
            no_tool_response=path in unanswered, unused_methods=unused.get(path, ()), imports_image_blobs=path in images,
            live_sessions_elsewhere=path in tool_modules, wire_events=path in wired, frames_for_live=path in framing,
            reads_raw_live=tuple(sorted(raw_readers.get(path, ()))))
    return index


# Bytes any code that answers a tool call holds: the SDK call, its message type, a raw frame
# (either spelling), a FunctionResponse sent on the deprecated `send` path.
_TOOL_ANSWERS = (b"send_tool_response", b"ToolResponse", b"toolResponse", b"tool_response", b"FunctionResponse")


def _unanswered_tool_calls(texts: Mapping[str, bytes], walked: list[str], paths: list[str],
                           max_bytes: int | None) -> set[str]:
    """The files that read tool calls when no file of the run can answer one, among those the
    run reached by walking a folder given on the command line. Files named one by one (as
    pre-commit names the changed ones) say nothing of the rest of the project. The files the
    run's screen left out are searched too (a helper sending a raw ``toolResponse`` frame
    names nothing else of Live), only when some file reads tool calls."""
    if not walked or any(word in data for data in texts.values() for word in _TOOL_ANSWERS):
        return set()
    readers = {path for path, data in texts.items()
               if (b"tool_call" in data or b"toolCall" in data) and any(path.startswith(f) for f in walked)}
    for path in paths if readers else ():
        if path not in texts:
            data = _read(path, max_bytes)
            if data is None or any(word in data for word in _TOOL_ANSWERS):
                return set()
    return readers


def _unused_methods(texts: Mapping[str, bytes], walked: list[str], paths: list[str],
                    max_bytes: int | None) -> dict[str, tuple[str, ...]]:
    """Per file in a walked folder, the methods of its classes that no file of the run writes
    but in their own ``def``, among those storing a parameter as the object's tools (in a file
    reading tool calls) and those opening a Live session (in a file with two or more such
    methods, in a run over a project's root: a script outside a subfolder may call them, and none
    when a file names a method at run time); every file read, only when there is such a method: a
    call may be anywhere, even in a file the screen left out. Empty when a file cannot be read."""
    if not walked:
        return {}
    candidates: dict[str, set[str]] = {}
    openers: set[tuple[str, str]] = set()  # (path, method): the session openers among the candidates
    # (a run over a project's root only: one over `src/` may leave out the scripts calling them)
    roots = [f for f in walked if any(os.path.exists(os.path.join(f, marker)) for marker in _PROJECT_MARKERS)]
    for path, data in texts.items():
        if not any(path.startswith(f) for f in walked):
            continue
        setters = (b"tool_call" in data or b"toolCall" in data) and _TOOLS_SETTER.search(data) is not None
        # (sessions opened in two methods: one a method nothing calls may be dead code; the
        # methods found by bytes, each connect under the indented `def` above it: no parse)
        opening = _opening_methods(data) if data.count(b"live.connect(") >= 2 \
            and any(path.startswith(f) for f in roots) else set()
        names = opening if len(opening) >= 2 else set()
        openers.update((path, name) for name in names)
        if setters:
            try:
                tree = ast.parse(data)
            except (SyntaxError, ValueError):
                tree = None
            names |= {node.name for klass in ast.walk(tree) if isinstance(klass, ast.ClassDef) for node in klass.body
                      if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("__")
                      and _sets_tools(node)} if tree is not None else set()
        if names:
            candidates[path] = names
    if not candidates:
        return {}  # (the common case: no other file is read)
    uses: dict[bytes, int] = defaultdict(int)  # how often each candidate's name is written
    wanted = {name.encode() for names in candidates.values() for name in names}
    dynamic = False  # a method named at run time (`getattr(live, f"connect_{mode}_session")`)
    for path in paths:
        data = texts.get(path)
        if data is None:
            data = _read(path, max_bytes)
            if data is None:
                return {}
        for word in wanted:
            uses[word] += data.count(word)  # a longer name holding it counts too: it may be a call
        dynamic = dynamic or (bool(openers) and _NAMED_AT_RUN_TIME.search(data) is not None)
    if dynamic:
        candidates = {path: {n for n in names if (path, n) not in openers} for path, names in candidates.items()}
    found: dict[str, tuple[str, ...]] = {}
    for path, names in candidates.items():
        data = texts[path]
        unused = tuple(sorted(name for name in names
                              if uses[name.encode()] <= len(re.findall(rb"\bdef\s+" + name.encode() + rb"\b", data))))
        if unused:
            found[path] = unused
    return found


# What makes a folder a project's root (a run over it covers the project's callers).
_PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt")
# `getattr(obj, f"...")` / `getattr(obj, "connect_" + mode)`: a method named at run time.
_NAMED_AT_RUN_TIME = re.compile(rb"getattr\([^,()]+,\s*(?:f[\"']|[\"'][^\"']*[\"']\s*\+|\w+\s*\+)")

# An indented `def` (a method), and a session opened on a client's `aio.live`.
_METHOD_OR_CONNECT = re.compile(rb"^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)|\.aio\.live\.connect\(", re.MULTILINE)


def _opening_methods(data: bytes) -> set[str]:
    """The names of the methods (indented ``def``s) under which ``<client>.aio.live.connect(``
    is written, by bytes (a ``__dunder__`` is never unused)."""
    found: set[str] = set()
    method = None
    for match in _METHOD_OR_CONNECT.finditer(data):
        if match.group(2) is not None:
            # (a module-level function's connects are no method's)
            method = match.group(2).decode() if match.group(1) else None
        elif method is not None and not method.startswith("__"):
            found.add(method)
    return found


# `self.tools = tools` as bytes: what a file must hold for _sets_tools to find a setter in it.
_TOOLS_SETTER = re.compile(rb"self\.\w*(?i:tool)\w*\s*=\s*[A-Za-z_]\w*\s*(?:#.*)?$", re.MULTILINE)


def _sets_tools(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``method`` stores one of its parameters in a tools attribute of the object (``def
    register_tools(self, tools): self.tools = tools``): the only setters LM305 asks about."""
    params = {a.arg for a in (*method.args.posonlyargs, *method.args.args, *method.args.kwonlyargs)}
    return any(isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in params
               and any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
                       and "tool" in t.attr.lower() for t in node.targets)
               for node in ast.walk(method))


def _caller_phases(texts: Mapping[str, bytes], import_words: Mapping[str, set[bytes]],
                   table: "_Table") -> dict[str, set[tuple[str, str, str]]]:
    """Per module that sends client content, how the other modules of the run call its
    functions and methods (:class:`_Callers`)."""
    senders = {path for path, data in texts.items() if b"send_client_content" in data}
    if not senders:
        return {}
    words: set[bytes] = set()
    for path in senders:
        words |= table.package_words(path)
    found: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for path, data in texts.items():
        if words.isdisjoint(import_words[path]):
            continue
        module = table.module_at(path)
        if table.tree(module) is None:
            continue
        _, names, aliases = table.imports(module)
        names = {k: v for k, v in names.items() if v[0].path in senders}
        aliases = {k: v for k, v in aliases.items() if v.path in senders}
        if not names and not aliases:
            continue
        for origin, qualname, phase, line in _Callers(module, names, aliases).run():
            found[origin.path].add((qualname, phase, f"{os.path.basename(path)}:{line}"))
    return found


# Words of what only Live tool calls take: a NON_BLOCKING declaration, a response's scheduling.
_ASYNC_TOOL_WORDS = (b"NON_BLOCKING", b"scheduling", b"will_continue")
_MIME_KEYS = ("mime_type", "mimeType")  # analysis.media.MIME_KEYS: not imported, it would load libcst
_PART_KEYS = ("inline_data", "inlineData")  # an image inside a Part is content, not realtime video


def _image_builder_calls(tree: ast.Module, names: Mapping[str, tuple[_Module, str]], aliases: Mapping[str, _Module],
                         table: _Table) -> Iterator[str]:
    """The spellings of the calls in ``tree`` of another module's functions and classmethods
    that build an image frame (``events.VideoInputMessage.from_image_frame(frame)``, whose body
    returns ``MediaChunk(mimeType="image/jpeg", ...)``): a raw client sending what they return
    streams video (a vendored voice-agent service's wire events, measurements 45 and 50)."""
    spelled = {_dotted(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)} - {None}
    for spelling in spelled:
        head, _, rest = spelling.partition(".")  # type: ignore[union-attr]
        if head in aliases:
            origin, key = aliases[head], rest
        elif spelling in names:
            origin, key = names[spelling]
        elif head in names and rest:
            origin, name = names[head]
            key = f"{name}.{rest}"
        else:
            continue
        if origin.tree is None and table.tree(origin) is None:
            continue
        builders = origin.image_builders
        if builders is None:
            strings = _imported_strings(table.imports(origin)[1], table)
            origin.image_builders = builders = {
                key for key, function, _ in _functions_and_methods(origin.tree)  # type: ignore[arg-type]
                if _image_blob_in(function, strings)}  # type: ignore[arg-type]
        if key in builders:
            yield spelling  # type: ignore[misc]


def _text_modality_calls(tree: ast.Module, names: Mapping[str, tuple[_Module, str]]) -> Iterator[tuple[_Module, str]]:
    """(module, name) of each imported class or function ``tree`` calls with a list holding
    TEXT (``["TEXT"]``, ``[Modality.TEXT]``): what its modality parameter may hold."""
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call) or _dotted(call.func) not in names:
            continue
        values = [*call.args, *(k.value for k in call.keywords)]
        if any(isinstance(value, (ast.List, ast.Tuple)) and any(
                isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.upper() == "TEXT"
                or isinstance(e, ast.Attribute) and e.attr == "TEXT" for e in value.elts) for value in values):
            yield names[_dotted(call.func)]  # type: ignore[index]


def _instances(tree: ast.Module, names: Mapping[str, tuple[_Module, str]]) -> set[tuple[str, tuple[_Module, str]]]:
    """(holder spelling, (module, class)) for each name or ``self`` attribute ``tree`` binds to
    an object of an imported class (``client = GeminiClient()``, ``self.gemini = GeminiClient()``)."""
    return {(holder, names[built]) for node in ast.walk(tree) if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call) and (built := _dotted(node.value.func)) in names
            for target in node.targets if (holder := _dotted(target)) is not None}


def _mirrors_the_wire(module: _Module, table: _Table) -> bool:
    """``module`` declares a class with a ``mediaChunks`` / ``media_chunks`` field (pydantic
    events mirroring the Live wire: ``class RealtimeInput(BaseModel): mediaChunks: List[...]``)."""
    if module.wire is None:
        tree = module.tree
        if tree is None:  # (a byte test first: most imported modules name no such field)
            data = table.texts.get(module.path) or _read(module.path, table.max_bytes) or b""
            if b"mediaChunks" in data or b"media_chunks" in data:
                tree = module.tree = _parse(data, module.path)  # (these bytes: table.tree would read them again)
        module.wire = tree is not None and any(
            isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id in ("mediaChunks", "media_chunks")
            for klass in tree.body if isinstance(klass, ast.ClassDef) for item in klass.body)
    return module.wire


def _opens_live_module(path: str, openers: Collection[str], texts: Mapping[str, bytes]) -> bool:
    """The module at ``path`` opens a Live session (SDK) or a raw Live socket."""
    return path in openers or _connects_a_raw_socket(texts.get(path, b""))


def _connects_a_raw_socket(data: bytes) -> bool:
    """The bytes connect a socket and name the Live endpoint, or write a setup frame and name a
    2.x Live-only model id (a raw Live client whose socket goes to a relay of the project)."""
    if b"connect(" not in data:
        return False
    if b"BidiGenerateContent" in data or b"LlmBidiService" in data:
        return True
    # (a setup frame written as a dict key, `{"setup": {...}}`, on a WebSocket: not `add_parser("setup")`)
    return b"ebsocket" in data and _SETUP_KEY.search(data) is not None \
        and LIVE_ID_IN_TEXT.search(data.decode("utf-8", "replace")) is not None


_SETUP_KEY = re.compile(rb"""["']setup["']\s*:\s*\{""")


def _raw_live_client(data: bytes) -> bool:
    """The bytes are a raw Live client's: a raw socket to Live, and no SDK session."""
    return _connects_a_raw_socket(data) and b"live.connect" not in data


def _raw_client_of(module: _Module, table: _Table) -> tuple[set[str], set[tuple[str, str]]] | None:
    """(its decoding generators, its setups) of a raw Live client module, read once whatever
    number of modules import it; None when it cannot be parsed."""
    if module.raw_client is None:
        tree = table.tree(module)
        if tree is None:
            return None
        module.raw_client = (_decoding_generators(tree), _raw_setups(tree))
    return module.raw_client


# Keys of the raw client frames sent once a session is set up, in either spelling
# (analysis.flow.CLIENT_FRAME_KEYS: not imported, the index loads no libcst).
_CLIENT_FRAME_KEYS = frozenset({"realtimeInput", "realtime_input", "clientContent", "client_content",
                                "toolResponse", "tool_response"})


def _builds_client_frames(module: _Module, table: _Table) -> bool:
    """``module`` writes a raw client frame, a dict keyed ``realtime_input`` / ``client_content``
    / ``tool_response`` (either spelling): a helper building what a raw client sends."""
    if module.frames is None:
        tree = module.tree
        if tree is None:  # (a byte test first: most imported modules write no such key)
            data = table.texts.get(module.path) or _read(module.path, table.max_bytes) or b""
            if any(key.encode() in data for key in _CLIENT_FRAME_KEYS):
                tree = module.tree = _parse(data, module.path)
        module.frames = tree is not None and any(
            isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in _CLIENT_FRAME_KEYS
                                               for k in node.keys)
            for node in ast.walk(tree))
    return module.frames


def _image_sources(tree: ast.Module) -> set[str]:
    """The classes of ``tree`` whose methods build image blobs (a GUI's ``Camera``), and the
    names and ``self`` attributes it binds to an object of one (``self.camera = Camera()``)."""
    classes = {klass.name for klass in ast.walk(tree) if isinstance(klass, ast.ClassDef) and _image_blob_in(klass)}  # type: ignore[arg-type]
    held = {holder for node in ast.walk(tree) if classes and isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call) and _dotted(node.value.func) in classes
            for target in node.targets if (holder := _dotted(target)) is not None}
    return classes | held


def _hands_an_image_source(tree: ast.Module, spelling: str, sources: set[str]) -> bool:
    """``tree`` calls ``spelling`` (another module's Live client class or function) with one of
    its ``sources`` (:func:`_image_sources`): ``Connection(camera=Camera())``, or a name or
    ``self`` attribute holding such an object."""
    return any(isinstance(call, ast.Call) and _dotted(call.func) == spelling
               and any(_dotted(arg.func if isinstance(arg, ast.Call) else arg) in sources
                       for arg in (*call.args, *(k.value for k in call.keywords)))
               for call in ast.walk(tree))


def _builds_image_blob(module: _Module, table: _Table, depth: int = 0) -> bool:
    """``module`` builds an image blob to send as realtime input: a ``{"mime_type":
    "image/...", ...}`` dict or a ``Blob(mime_type="image/...")`` (the MIME type a literal, or a
    name bound to one there or in a module it imports from: `PROCESSING_MIME_TYPE` of a video
    settings module), not inside a ``Part``'s ``inline_data``; or a module it imports does (a
    camera loop calling a frame encoder of another module), two imports deep."""
    if module.image_blobs is None:
        module.image_blobs = False
        data = table.texts.get(module.path)
        if data is None:
            data = _read(module.path, table.max_bytes)
        lowered = data.lower() if data is not None else b""
        if b"image/" in lowered or b"mime" in lowered or depth < 2 and b"import" in lowered:
            if module.tree is None:
                module.tree = _parse(data, module.path)  # type: ignore[arg-type]  # (these bytes: table.tree would read them again)
        if module.tree is not None and (b"image/" in lowered or b"mime" in lowered):
            _, names, _ = table.imports(module)
            module.image_blobs = _image_blob_in(module.tree, _imported_strings(names, table))
        if not module.image_blobs and module.tree is not None and depth < 2:
            _, names, aliases = table.imports(module)
            module.image_blobs = any(_builds_image_blob(origin, table, depth + 1)
                                     for origin in {*(o for o, _ in names.values()), *aliases.values()}
                                     if origin is not module)
    return module.image_blobs


def _imported_strings(names: Mapping[str, tuple[_Module, str]], table: _Table) -> dict[str, str]:
    """Local name → the string a module-level name of another module binds, for the names a
    module imports (``from video.config import PROCESSING_MIME_TYPE``)."""
    found: dict[str, str] = {}
    for spelling, (origin, name) in names.items():
        tree = table.tree(origin) if "." not in spelling else None
        for statement in tree.body if tree is not None else ():
            for target, value in _targets(statement):
                if isinstance(target, ast.Name) and target.id == name and isinstance(value, ast.Constant) \
                        and isinstance(value.value, str):
                    found[spelling] = value.value
    return found


def _image_blob_in(tree: ast.Module, imported: Mapping[str, str] | None = None) -> bool:
    known = dict(imported or {})
    known.update((target.id, value.value) for statement in tree.body if isinstance(statement, (ast.Assign, ast.AnnAssign))
                 for target, value in _targets(statement)
                 if isinstance(target, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str))
    nodes = list(ast.walk(tree))
    # a local name every assignment of the module binds to one image MIME type
    # (`mime_type = "image/jpeg"` in a camera method, then `{"mime_type": mime_type, ...}`)
    local: dict[str, set[object]] = defaultdict(set)
    for node in nodes:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target, value in _targets(node):
                if isinstance(target, ast.Name):
                    local[target.id].add(value.value if isinstance(value, ast.Constant) else None)
        elif isinstance(node, ast.arguments):  # (a parameter of that name holds what callers pass)
            for argument in (*node.posonlyargs, *node.args, *node.kwonlyargs):
                local[argument.arg].add(None)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension, ast.withitem, ast.NamedExpr, ast.AugAssign)):
            # (a loop's, a with's, a walrus's names hold what the code produces: not a literal)
            bound = node.optional_vars if isinstance(node, ast.withitem) else node.target
            for name in ast.walk(bound) if bound is not None else ():
                if isinstance(name, ast.Name):
                    local[name.id].add(None)
    for name, values in local.items():
        if name not in known and len(values) == 1 and isinstance(text := next(iter(values)), str) \
                and text.strip().lower().startswith("image/"):
            known[name] = text
    in_part = set()
    for node in nodes:
        if isinstance(node, ast.Dict):
            in_part.update(id(v) for k, v in zip(node.keys, node.values)
                           if isinstance(k, ast.Constant) and k.value in _PART_KEYS)
        elif isinstance(node, ast.Call):
            in_part.update(id(k.value) for k in node.keywords if k.arg in _PART_KEYS)

    def image(value: ast.expr) -> bool:
        if isinstance(value, ast.JoinedStr) and value.values and isinstance(value.values[0], ast.Constant):
            value = value.values[0]  # `f"image/jpeg"`, `f"image/{kind}"`: its text starts the MIME type
        text = known.get(value.id) if isinstance(value, ast.Name) else \
            value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
        return text is not None and text.strip().lower().startswith("image/")

    for node in nodes:
        if id(node) in in_part:
            continue
        if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in _MIME_KEYS and image(v)
                                              for k, v in zip(node.keys, node.values)):
            return True
        called = (_dotted(node.func) or "").split(".")[-1] if isinstance(node, ast.Call) else ""
        # (a wire-mirroring event's `MediaChunk(mimeType="image/jpeg", ...)` too)
        if called in ("Blob", "BlobDict", "MediaChunk") \
                and any(k.arg in _MIME_KEYS and image(k.value) for k in node.keywords):  # type: ignore[attr-defined]
            return True
    return False


def _session_attributes(tree: ast.Module) -> dict[str, set[str]]:
    """Class → the attributes its methods keep a Live session in: ``self.X = s`` in a method
    that opens ``s`` with ``async with <client>.aio.live.connect(...) as s``, and ``self.X =
    await <connect>.__aenter__()`` entering it by hand (also under ``asyncio.wait_for(...)``,
    and through ``self.ctx = <client>.aio.live.connect(...)`` in the method)."""
    found: dict[str, set[str]] = {}
    for klass in tree.body:
        if not isinstance(klass, ast.ClassDef):
            continue
        for method in klass.body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            sessions = set()
            contexts = set()  # `self.ctx = client.aio.live.connect(...)`: what is entered by hand
            for node in ast.walk(method):
                if isinstance(node, (ast.With, ast.AsyncWith)):
                    sessions.update(item.optional_vars.id for item in node.items
                                    if isinstance(item.optional_vars, ast.Name) and _opens_live(item.context_expr))
                elif isinstance(node, ast.Assign) and _opens_live(node.value):
                    contexts.update(_self_attribute(t) for t in node.targets if _self_attribute(t))
            for node in ast.walk(method):
                if not isinstance(node, ast.Assign):
                    continue
                kept = isinstance(node.value, ast.Name) and node.value.id in sessions
                entered = _entered_by_hand(node.value)
                if entered is not None and (_opens_live(entered) or _self_attribute(entered) in contexts):
                    kept = True
                if kept:
                    for target in node.targets:
                        if _self_attribute(target):
                            found.setdefault(klass.name, set()).add(target.attr)
    return found


def _self_attribute(node: ast.expr) -> str | None:
    """``X`` of ``self.X``."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return None


def _entered_by_hand(value: ast.expr) -> ast.expr | None:
    """``x`` of ``await x.__aenter__()``, also ``await asyncio.wait_for(x.__aenter__(), ...)``."""
    if not isinstance(value, ast.Await):
        return None
    value = value.value
    if isinstance(value, ast.Call) and (_dotted(value.func) or "").rpartition(".")[2] == "wait_for" and value.args:
        value = value.args[0]
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "__aenter__":
        return value.func.value
    return None


def _functions_and_methods(tree: ast.Module) -> list[tuple[str, ast.AST, int]]:
    """(``"function"`` or ``"Class.method"``, its node, 1 for a method (its ``self``) else 0)
    for the module-level functions and the methods of module-level classes."""
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef)
    found: list[tuple[str, ast.AST, int]] = []
    for statement in tree.body:
        if isinstance(statement, kinds):
            found.append((statement.name, statement, 0))
        elif isinstance(statement, ast.ClassDef):
            found.extend((f"{statement.name}.{item.name}", item, 1) for item in statement.body if isinstance(item, kinds))
    return found


def _session_providers(tree: ast.Module) -> dict[str, tuple[int, str, int, str]]:
    """The module-level functions and the methods (``"Class.method"``) of a module that open a
    Live session with the config a parameter holds (``live.connect(model=model,
    config=config)``, both parameters) and hand something back (a ``yield`` or ``return`` of
    a value: the session, or what wraps it). Key → (model position, model keyword, config
    position, config keyword), positions after ``self``, -1 when keyword-only or no model
    parameter."""
    found: dict[str, tuple[int, str, int, str]] = {}
    for key, function, skip in _functions_and_methods(tree):
        args = function.args  # type: ignore[attr-defined]
        positional = [a.arg for a in (*args.posonlyargs, *args.args)][skip:]
        parameters = {*positional, *(a.arg for a in args.kwonlyargs)}
        nodes = list(ast.walk(function))
        if not any(isinstance(n, (ast.Yield, ast.Return)) and n.value is not None for n in nodes):
            continue
        for node in nodes:
            if not _opens_live(node):
                continue
            keywords = {k.arg: k.value for k in node.keywords}  # type: ignore[attr-defined]
            config, model = keywords.get("config"), keywords.get("model")
            if not (isinstance(config, ast.Name) and config.id in parameters):
                continue
            model_name = model.id if isinstance(model, ast.Name) and model.id in parameters else ""
            found[key] = (positional.index(model_name) if model_name in positional else -1, model_name,
                          positional.index(config.id) if config.id in positional else -1, config.id)
            break
    return found


# The Live config fields a builder's module may set (LiveConnectConfig's, and turn_coverage
# inside realtime_input_config): what ModuleFacts.config_builders records of a builder.
_CONFIG_FIELDS = ("response_modalities", "speech_config", "system_instruction", "tools", "generation_config",
                  "thinking_config", "input_audio_transcription", "output_audio_transcription",
                  "realtime_input_config", "turn_coverage", "session_resumption", "context_window_compression",
                  "proactivity", "enable_affective_dialog", "explicit_vad_signal", "media_resolution",
                  "history_config")


def _config_builders(tree: ast.Module, data: bytes) -> dict[str, tuple[str, ...]]:
    """Module-level function or built constant (``GEMINI_CONFIG = {...}``, ``= LiveConnectConfig(...)``)
    → the config fields the module names (snake or camel case, anywhere in its text), for a
    module that builds Live configs; {} for any other."""
    if b"LiveConnectConfig" not in data and b"response_modalities" not in data and b"responseModalities" not in data:
        return {}
    named = tuple(f for f in _CONFIG_FIELDS if f.encode() in data or to_camel(f).encode() in data)
    # (methods too, "Class.method", when they build one: a mixin's `_build_config` builds its
    # subclasses' configs)
    builders = {key: named for key, function, is_method in _functions_and_methods(tree)
                if not is_method or _builds_a_config(function)}
    for statement in _top_statements(tree.body):  # (also under a module-level `if`/`try`)
        for target, value in _targets(statement):
            if isinstance(target, ast.Name) and isinstance(value, (ast.Dict, ast.Call)):
                builders[target.id] = named
    return builders


def _builds_a_config(function: ast.AST) -> bool:
    """``function`` writes a Live config: ``LiveConnectConfig(...)`` or a dict with its
    ``response_modalities`` (either spelling)."""
    for node in ast.walk(function):
        if isinstance(node, (ast.Name, ast.Attribute)) and \
                (node.id if isinstance(node, ast.Name) else node.attr) == "LiveConnectConfig":
            return True
        if isinstance(node, ast.Constant) and node.value in ("response_modalities", "responseModalities"):
            return True
    return False


def _session_openers(tree: ast.Module, raw: bool = False) -> set[str]:
    """The module-level functions and methods (``"Class.method"``) that open a Live session and
    hand something back (``return client.aio.live.connect(...)``, the entered session), or keep
    the entered session on their object (``self.session = await self._context.__aenter__()``:
    the object's other methods use it for as long as the caller keeps the object). In a raw
    client's module (``raw``: it names the Live endpoint), a method keeping the socket it
    connects on its object (``self.ws = await connect(self.uri)``) opens one too."""
    found: set[str] = set()
    for key, function, _ in _functions_and_methods(tree):
        nodes = list(ast.walk(function))
        if any(_opens_live(n) or _runs_adk_live(n) for n in nodes if isinstance(n, ast.Call)) and any(
                isinstance(n, (ast.Yield, ast.Return)) and n.value is not None or "." in key and _keeps_on_self(n)
                for n in nodes):
            found.add(key)
        elif raw and "." in key and any(_keeps_socket_on_self(n) for n in nodes):
            found.add(key)
    return found


def _keeps_socket_on_self(node: ast.AST) -> bool:
    """``self.ws = await connect(...)`` / ``await websockets.connect(...)``: a socket kept on its
    object (in a module that names the Live endpoint: see :func:`_session_openers`)."""
    value = _awaited_onto_self(node)
    return isinstance(value, ast.Call) and (_dotted(value.func) or "").split(".")[-1] == "connect" \
        and not _opens_live(value)


def _keeps_on_self(node: ast.AST) -> bool:
    """``self.x = await <context>.__aenter__()`` (or ``await <client>.aio.live.connect(...)``):
    a method keeping the entered session on its object. (Keeping the context manager alone,
    ``self._ctx = ...connect(...)``, keeps nothing open until something enters it.)"""
    value = _awaited_onto_self(node)
    return value is not None and (_opens_live(value) or isinstance(value, ast.Call)
                                  and isinstance(value.func, ast.Attribute) and value.func.attr == "__aenter__")


def _awaited_onto_self(node: ast.AST) -> ast.expr | None:
    """What ``self.<attr> = await <value>`` awaits; None for any other statement."""
    if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Await):
        return None
    if not any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
               for t in node.targets):
        return None
    return node.value.value


def _runs_until_stopped(loop: ast.While) -> bool:
    """``while True`` / ``while running`` / ``while self.running`` / ``while not stop.is_set()``:
    a loop that runs until something stops it (not ``while attempts < 3``, a retry); also several
    such flags at once (``while not shutdown.is_set() and active and session:``)."""
    return _stop_flag(loop.test)


# What a method reading a run flag is named (`running()`, `is_active()`, `keep_going()`).
_FLAG_GETTER = re.compile(r"(?:is_)?(?:running|active|alive|open|connected|streaming)|keep_going|should_run")


def _stop_flag(test: ast.expr) -> bool:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return all(_stop_flag(value) for value in test.values)
    test = test.operand if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) else test
    return isinstance(test, (ast.Name, ast.Attribute)) or (isinstance(test, ast.Constant) and test.value is True) \
        or isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and (
            test.func.attr == "is_set"
            # a flag's getter: `while self.running():`, `while self.is_active():`
            or not test.args and _dotted(test.func.value) == "self" and _FLAG_GETTER.fullmatch(test.func.attr) is not None)


def _breaks(loop: ast.While) -> bool:
    """The loop leaves itself: a ``return`` anywhere in its body (not in a nested function), or
    a ``break`` of its own (not one of a nested loop). Not an exit taken when the peer says it
    stopped (``elif event == "stop": break`` in a Twilio media loop), nor one in an ``except``
    (the socket failed): that is the loop being stopped, as a flag stops it, not a bound of its
    own."""
    pending: list[tuple[ast.AST, bool, bool]] = [(node, False, False) for node in loop.body]  # (node, nested, peer)
    while pending:
        node, nested, peer = pending.pop()
        if (isinstance(node, ast.Return) or isinstance(node, ast.Break) and not nested) and not peer:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        inner = nested or isinstance(node, (ast.While, ast.For, ast.AsyncFor))
        if isinstance(node, ast.ExceptHandler):  # (leaving when the socket fails: stopped, as by the peer)
            pending.extend((child, inner, True) for child in node.body)
            continue
        if isinstance(node, ast.If):
            pending.extend((child, inner, peer or _peer_stops(node.test)) for child in node.body)
            pending.extend((child, inner, peer) for child in (node.test, *node.orelse))
            continue
        pending.extend((child, inner, peer) for child in ast.iter_child_nodes(node))
    return False


# What a peer's message says when it ends the stream (Twilio's "stop", a browser's "close").
_PEER_STOPS = frozenset({"stop", "close", "closed", "end", "hangup", "disconnect", "bye", "end_call", "stop_stream"})


def _peer_stops(test: ast.expr) -> bool:
    """``event == "stop"`` (either side, also ``in ("stop", "close")``): a message of the peer's
    saying it stopped."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.In))):
        return False
    sides = [test.left, *test.comparators]
    words = [s.value for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)]
    words += [e.value for s in sides if isinstance(s, (ast.Tuple, ast.List, ast.Set))
              for e in s.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return bool(words) and all(w.lower() in _PEER_STOPS for w in words)


def _opened_for_pumps(tree: ast.Module, names: Mapping[str, tuple[_Module, str]],
                      aliases: Mapping[str, _Module]) -> Iterator[tuple[_Module, str, int]]:
    """(defining module, opener key, line) for each session this module gets from another
    module's opener and hands to another module's pump (:func:`_session_pumps`: a function
    using it in a loop that runs until stopped): ``live_events, queue = await
    start_agent_session(...)`` (also through a function of this module returning that call),
    then ``create_task(client_to_agent_messaging(ws, queue))`` (also in a function of this
    module the names are handed to). The session stays open as long as that loop runs: ADK's
    streaming sample split into modules (measurement 45)."""
    openers, _ = _imported_keys(names, aliases, lambda origin: origin.openers or ())
    pumps, _ = _imported_keys(names, aliases, lambda origin: origin.pumps or {})
    if not openers or not pumps:
        return
    functions = {f.name: f for f in tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    wrapped: dict[str, tuple[_Module, str] | None] = {}  # function of this module → the opener it returns

    def opened(value: ast.expr | None) -> tuple[_Module, str] | None:
        value = value.value if isinstance(value, ast.Await) else value
        if not isinstance(value, ast.Call):
            return None
        spelled = _dotted(value.func) or ""
        if spelled in openers:
            return openers[spelled]
        if spelled in functions and spelled not in wrapped:  # (`return await start_agent_session(...)`)
            wrapped[spelled] = None  # (while it is read: a function returning its own call opens nothing)
            returned = [n.value for n in ast.walk(functions[spelled]) if isinstance(n, ast.Return)]
            found = {opened(r) for r in returned} - {None} if returned and len(returned) < 4 else set()
            wrapped[spelled] = found.pop() if len(found) == 1 else None  # type: ignore[assignment]
        return wrapped.get(spelled)

    def pump_line(call: ast.Call, held: set[str], depth: int) -> int | None:
        """The line of the pump call ``call`` hands one of ``held`` to (itself, or within a
        function of this module it hands one to)."""
        spelled = _dotted(call.func) or ""
        if spelled in pumps:
            origin, name = pumps[spelled]
            parameters, _, _ = (origin.pumps or {})[name]
            for parameter, position in parameters:
                argument = call.args[position] if 0 <= position < len(call.args) else \
                    next((k.value for k in call.keywords if k.arg == parameter), None)
                if isinstance(argument, ast.Name) and argument.id in held:
                    return call.lineno
        local = functions.get(spelled)
        if local is None or depth > 2:
            return None
        params = [a.arg for a in (*local.args.posonlyargs, *local.args.args)]
        passed = {params[i] for i, a in enumerate(call.args[:len(params)]) if isinstance(a, ast.Name) and a.id in held}
        passed |= {k.arg for k in call.keywords if k.arg in params and isinstance(k.value, ast.Name) and k.value.id in held}
        for inner in (n for n in ast.walk(local) if isinstance(n, ast.Call)) if passed else ():
            line = pump_line(inner, passed, depth + 1)  # type: ignore[arg-type]
            if line is not None:
                return line
        return None

    for function in functions.values():
        held: dict[str, tuple[_Module, str]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and (found := opened(node.value)) is not None:
                for target in node.targets:
                    for name in (target.elts if isinstance(target, ast.Tuple) else [target]):
                        if isinstance(name, ast.Name):
                            held[name.id] = found
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)) if held else ():
            line = pump_line(call, set(held), 0)
            if line is not None:
                yield (*next(iter(held.values())), line)
                break


def _kept_open_calls(tree: ast.Module, names: Mapping[str, tuple[_Module, str]],
                     aliases: Mapping[str, _Module]) -> Iterator[tuple[_Module, str, int]]:
    """(defining module, opener key, line) of each call this module makes of another module's
    session opener (see :func:`_session_openers`) inside a function (or one around it) that
    runs a loop until stopped: the session it opens stays open while that loop runs."""
    by_spelling, methods = _imported_keys(names, aliases, lambda origin: origin.openers or ())
    # a method feeding what an opener method of its class keeps (`service.send_audio(...)`): the
    # session that opener keeps stays open as long as the loop feeding it runs; so does a method
    # of another class feeding such an object it builds (a relay, see _relays)
    fed: dict[str, list[tuple[_Module, str, _Module, str]]] = defaultdict(list)  # method → (module, class, held in, opener)
    for origin in {*(o for o, _ in names.values()), *aliases.values()}:
        for klass, feeding_methods in (origin.feeders or {}).items():
            for opener in sorted(key for key in origin.openers or () if key.startswith(f"{klass}.")):
                for method in feeding_methods:
                    fed[method].append((origin, klass, origin, opener))
        for klass, relayed in (origin.relays or {}).items():
            for method, held_in in relayed.items():
                fed[method].extend((origin, klass, session_module, opener) for session_module, opener in held_in)
    if not by_spelling and not methods and not fed:
        return
    # A method is matched by name only on a receiver this module gets from the opener's module
    # (`client = get_gemini_client()` ... `await client.connect(cfg)`): `.connect(` alone is
    # also every socket library's.
    built: dict[str, set[tuple[int, str]]] = defaultdict(set)  # receiver → (module, name) it is built from
    for node in ast.walk(tree) if methods or fed else ():
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value.value if isinstance(node.value, ast.Await) else node.value
            found = names.get(_dotted(value.func) or "") if isinstance(value, ast.Call) else None
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets if found is not None else ():
                spelled = _dotted(target)
                if spelled is not None:
                    built[spelled].add((id(found[0]), found[1]))  # type: ignore[index]

    def fed_call(call: ast.Call) -> Iterator[tuple[_Module, str]]:
        """The openers whose session ``call`` feeds: a feeder method of their class, called on a
        receiver this module builds from that class (`service = VoiceService(...)`)."""
        if not isinstance(call.func, ast.Attribute):
            return
        receiver = _dotted(call.func.value)
        for origin, klass, held_in, opener in fed.get(call.func.attr, ()):
            if receiver is not None and (id(origin), klass) in built.get(receiver, ()):
                yield held_in, opener

    def method_call(call: ast.Call) -> tuple[_Module, str] | None:
        if not isinstance(call.func, ast.Attribute):
            return None
        found = methods.get(call.func.attr)
        receiver = _dotted(call.func.value)
        return found if found is not None and receiver is not None \
            and any(module == id(found[0]) for module, _ in built.get(receiver, ())) else None

    # a feeding call runs in a loop that goes on until stopped and never leaves by itself (a
    # capture loop leaving at its maximum duration feeds one turn)
    # (also through a function or method of this module the loop calls that feeds it: `await
    # state.handle_audio(chunk)` whose body calls `self.gemini_session.send_audio_chunk(...)`)
    feeding: dict[str, list[tuple[_Module, str]]] = defaultdict(list)
    for function in ast.walk(tree) if fed else ():
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                feeding[function.name] += fed_call(node) if isinstance(node, ast.Call) else ()
    for loop in ast.walk(tree) if fed else ():
        if isinstance(loop, ast.While) and _runs_until_stopped(loop) and not _breaks(loop):
            for node in ast.walk(loop):
                if not isinstance(node, ast.Call):
                    continue
                through = node.func.attr if isinstance(node.func, ast.Attribute) else \
                    node.func.id if isinstance(node.func, ast.Name) else None
                for origin, opener in [*fed_call(node), *feeding.get(through or "", ())]:
                    yield origin, opener, node.lineno

    # A module-level function whose own body loops until stopped (`receive_from_client(ws, gemini)`):
    # a function that calls it keeps what it opened open as long as that loop runs.
    # So does a method whose body does, called on `self` (`await asyncio.gather(self._screen_loop(), ...)`
    # right after `await self.gemini.connect()`), when nothing in the loop leaves it (a capture
    # loop that breaks at its maximum duration streams one turn).
    def loops_until_stopped(function: ast.AST, unbroken: bool = False) -> bool:
        return any(isinstance(n, ast.While) and _runs_until_stopped(n) and not (unbroken and _breaks(n))
                   for n in ast.walk(function))

    functions = [statement for statement in tree.body if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))]
    # (not one that leaves by itself: a collector returning at the turn's end reads one turn)
    endless = {function.name for function in functions if loops_until_stopped(function, True)}
    # ... and so does one waiting on such a function, also as a task it waits for (`handle_messages`
    # running `handle_gemini_responses(...)` in a TaskGroup); not one starting it as a task nothing
    # waits for (`asyncio.create_task(tick())`): that task runs beside its caller, which goes on
    # and returns
    forgotten = {id(call) for function in functions for call in _forgotten_task_calls(function)}
    grown = bool(endless)
    while grown:
        grown = False
        for function in functions:
            if function.name not in endless and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                                                    and n.func.id in endless and id(n) not in forgotten
                                                    for n in ast.walk(function)):
                endless.add(function.name)
                grown = True
    # (per class: `self._loop()` runs the calling class's own `_loop`)
    endless_methods = {(statement.name, item.name) for statement in tree.body if isinstance(statement, ast.ClassDef)
                       for item in statement.body
                       if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and loops_until_stopped(item, True)}
    forgotten |= {id(call) for klass in tree.body if isinstance(klass, ast.ClassDef) for item in klass.body
                  if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) for call in _forgotten_task_calls(item)}

    def keeps_going(n: ast.AST, klass: str | None, left: Collection[int] | None = None,
                    closures: Collection[str] = ()) -> bool:
        """``n`` runs until stopped: a loop that does, or a call waiting on a function that does
        (of the module, or one of ``closures``; not one of the tasks nothing waits for,
        ``forgotten``, or of ``left`` when given)."""
        if isinstance(n, ast.While):
            return _runs_until_stopped(n)
        if not isinstance(n, ast.Call) or id(n) in (forgotten if left is None else left):
            return False
        func = n.func
        return isinstance(func, ast.Name) and (func.id in endless or func.id in closures) \
            or isinstance(func, ast.Attribute) and (klass, func.attr) in endless_methods \
            and isinstance(func.value, ast.Name) and func.value.id == "self"

    nested: dict[int, frozenset[str]] = {}  # function → its nested functions that loop until stopped

    def closures_of(chain: tuple[ast.AST, ...]) -> frozenset[str]:
        """The functions defined in those of ``chain`` (a function and those around it) that loop
        until stopped: an endpoint's `upstream(live)` / `downstream(live)` closures."""
        found: set[str] = set()
        for function in chain:
            if id(function) not in nested:
                nested[id(function)] = frozenset(
                    n.name for n in ast.walk(function) if n is not function
                    and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and loops_until_stopped(n, True))
            found |= nested[id(function)]
        return frozenset(found)

    scopes: dict[int, tuple[list[ast.AST], ast.With | ast.AsyncWith | None]] = {}
    blocks: dict[int, tuple[dict[int, ast.With | ast.AsyncWith], list[ast.AST]]] = {}  # per function

    def scope_of(function: ast.AST, call: ast.Call) -> tuple[list[ast.AST], ast.With | ast.AsyncWith | None]:
        """The nodes that run while the session ``call`` opens is open, and the ``with`` that
        closes it there: the body of the ``with`` whose item it is, else all of ``function``
        from the call's line on (and None). One walk per function (not one per call: a handler
        of a thousand blocks), one answer per call (asked twice in a looping function)."""
        if id(call) not in scopes:
            if id(function) not in blocks:
                nodes = [n for n in ast.walk(function) if n is not function]
                entering = {id(n): block for block in nodes if isinstance(block, (ast.With, ast.AsyncWith))
                            for item in block.items for n in ast.walk(item.context_expr)}
                blocks[id(function)] = entering, nodes
            entering, nodes = blocks[id(function)]
            block = entering.get(id(call))
            scopes[id(call)] = ([n for statement in block.body for n in ast.walk(statement)], block) \
                if block is not None else ([n for n in nodes if getattr(n, "lineno", 0) >= call.lineno], None)
        return scopes[id(call)]

    def kept_open(function: ast.AST, call: ast.Call, klass: str | None, closures: Collection[str] = ()) -> bool:
        """Something of ``function`` running until stopped runs while the session ``call`` opens is
        open: inside the ``async with`` the call opens (not a dashboard awaited after the block
        has closed the session, nor a task the block starts and leaves: the block may close the
        session right after; but one it starts in a loop of its own that goes on until stopped,
        reading a phone call's socket, runs while the session is open), or after the call when
        no ``with`` closes it (there a task left running goes on using the session kept open)."""
        scope, block = scope_of(function, call)
        if block is None:
            return any(keeps_going(n, klass, (), closures) for n in scope)
        started_in_loop = {id(n) for loop in scope if _goes_on(loop) for n in ast.walk(loop)} - _left_after(block)
        return any(keeps_going(n, klass, forgotten - started_in_loop, closures) for n in scope)

    going: dict[int, bool] = {}  # function → something in it runs until stopped (asked per nested def)

    def runs_on(function: ast.AST, klass: str | None) -> bool:
        if id(function) not in going:
            going[id(function)] = any(keeps_going(n, klass) for n in ast.walk(function))
        return going[id(function)]

    # (node, a function around it runs until stopped, the class around it, the functions around
    # it, innermost last)
    pending: list[tuple[ast.AST, bool, str | None, tuple[ast.AST, ...]]] = [(tree, False, None, ())]
    while pending:
        node, looping, klass, chain = pending.pop()
        if isinstance(node, ast.ClassDef):
            klass = node.name
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if chain:  # a function defined in one running until stopped
                looping = looping or runs_on(chain[-1], klass)
            chain = (*chain, node)
        if chain and isinstance(node, ast.Call):
            function = chain[-1]
            spelled = _dotted(node.func) or ""
            found = by_spelling.get(spelled) or method_call(node)
            # (a session a nested function opens in its own `with` closes when it returns,
            # however long the function around it loops calling it: one per question; unless
            # the block lends the session to the code around, `holder["live"] = live`, and waits)
            if found is not None and (looping and (scope_of(function, node)[1] is None
                                                   or _lends_session(function, scope_of(function, node)[1], node))
                                      or kept_open(function, node, klass, closures_of(chain))):
                yield found[0], found[1], node.lineno
        pending.extend((child, looping, klass, chain) for child in reversed(list(ast.iter_child_nodes(node))))


def _lends_session(function: ast.AST, block: ast.With | ast.AsyncWith, call: ast.Call) -> bool:
    """The ``with`` block of ``function`` entering ``call``'s session stores it where other code
    reads it (``holder["live"] = live``, ``self.session = live``, ``session = live`` where the
    function declares ``nonlocal session``, usually at its top, outside the block)."""
    names = {item.optional_vars.id for item in block.items if isinstance(item.optional_vars, ast.Name)
             and any(n is call for n in ast.walk(item.context_expr))}
    shared = {name for n in ast.walk(function) if isinstance(n, (ast.Global, ast.Nonlocal)) for name in n.names}
    # (a store others read: an entry, an attribute, a nonlocal name; not a local alias)
    return any(isinstance(n, ast.Assign) and isinstance(n.value, ast.Name) and n.value.id in names
               and any(isinstance(t, (ast.Subscript, ast.Attribute)) or isinstance(t, ast.Name) and t.id in shared
                       for t in n.targets)
               for statement in block.body for n in ast.walk(statement))


def _left_after(block: ast.AST) -> set[int]:
    """The calls of the tasks ``block`` starts right before leaving the loop around them: a
    statement starting a task followed in its own statement list by ``break`` or ``return``
    (``create_task(gemini_to_phone(ws, live)); break`` once the call started: the socket loop
    does not go on). A loop's exit on an error or a close elsewhere does not count."""
    left: set[int] = set()
    for node in ast.walk(block):
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(node, field, None)
            if not isinstance(statements, list):
                continue
            for index, statement in enumerate(statements):
                if any(isinstance(later, (ast.Break, ast.Return)) for later in statements[index + 1:]):
                    left.update(id(n) for n in ast.walk(statement) if isinstance(n, ast.Call))
    return left


def _goes_on(loop: ast.AST) -> bool:
    """A loop that runs until something stops it: ``while True`` and its kin (see
    :func:`_runs_until_stopped`), or ``async for`` over what a client's socket sends (``async for
    text in ws.iter_text():``, ``async for message in websocket:``), until the client goes away."""
    if isinstance(loop, ast.While):
        return _runs_until_stopped(loop)
    if not isinstance(loop, ast.AsyncFor):
        return False
    iterated = loop.iter
    if isinstance(iterated, ast.Call) and isinstance(iterated.func, ast.Attribute) and not iterated.args:
        return iterated.func.attr in SOCKET_ITERATORS
    return isinstance(iterated, ast.Name) and iterated.id in CLIENT_SOCKET_NAMES


def _forgotten_task_calls(function: ast.AST) -> Iterator[ast.Call]:
    """The calls ``function`` starts as a task nothing waits for: ``asyncio.create_task(f())`` (or
    ``ensure_future``, ``loop.create_task``) as a statement of its own, or bound to a name the
    function never reads again. Not a TaskGroup's ``tg.create_task``: the group waits for it."""
    nodes = list(ast.walk(function))
    read = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    for node in nodes:
        if isinstance(node, ast.Expr):
            value, target = node.value, None
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value, target = node.value, node.targets[0].id
        else:
            continue
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                and value.func.attr in ("create_task", "ensure_future")
                and ((_dotted(value.func.value) or "") == "asyncio" or (_dotted(value.func.value) or "").endswith("loop"))):
            continue
        if target is not None and target in read:
            continue
        yield from (arg for arg in value.args if isinstance(arg, ast.Call))


def _client_factories(tree: ast.Module) -> set[str]:
    """The module-level functions that return a google-genai client (``return
    genai.Client(...)``, also from one of several branches, or a name the function or the module
    binds to one: ``client = genai.Client(...); return client``, a cached ``_client`` global),
    and the module-level names bound to a client (another module may use ``ALPHA`` itself)."""
    def client_call(value: ast.expr | None) -> bool:
        return isinstance(value, ast.Call) and (_dotted(value.func) or "").split(".")[-1] == "Client"

    module_clients = {target.id for statement in tree.body for target, value in _targets(statement)
                      if isinstance(target, ast.Name) and client_call(value)}
    # (and the module-level clients themselves: another module may open sessions on `ALPHA`)
    found = set(module_clients)
    for statement in tree.body:
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        nodes = list(ast.walk(statement))
        local = {target.id for node in nodes for target, value in _targets(node) if isinstance(node, (ast.Assign, ast.AnnAssign))
                 and isinstance(target, ast.Name) and client_call(value)}
        if any(isinstance(node, ast.Return) and (client_call(node.value) or isinstance(node.value, ast.Name)
                                                 and node.value.id in local | module_clients) for node in nodes):
            found.add(statement.name)
    return found


# Config fields only v1alpha serves on 2.x Live models (affective dialog, proactive audio).
_ALPHA_FIELDS = frozenset({"enable_affective_dialog", "enableAffectiveDialog", "proactivity"})


def _sets_alpha_features(tree: ast.Module) -> bool:
    """The module sets affective dialog or proactive audio in code: a keyword
    (``enable_affective_dialog=True``), a dict key, an entry or attribute assigned
    (``config["proactivity"] = ...``); not the words in a prompt or a comment."""
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in _ALPHA_FIELDS:
            return True
        if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in _ALPHA_FIELDS for k in node.keys):
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) \
                and isinstance(node.slice, ast.Constant) and node.slice.value in _ALPHA_FIELDS:
            return True
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and node.attr in _ALPHA_FIELDS:
            return True
    return False


def _returned_names(tree: ast.Module, function: str) -> set[str]:
    """The names the module-level function ``function`` returns (``return GEMINI``)."""
    return {n.value.id for statement in tree.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == function
            for n in ast.walk(statement) if isinstance(n, ast.Return) and isinstance(n.value, ast.Name)
            and n.value.id not in _local_names(statement)}  # (a client the factory builds is its own)


def _client_factory_calls(tree: ast.Module, names: Mapping[str, tuple[_Module, str]],
                          aliases: Mapping[str, _Module]) -> Iterator[tuple[_Module, str, str]]:
    """(defining module, function, use) for each function of another module whose result this
    module uses: ``"live"`` for a Live session opened on it (``get_client().aio.live.connect(
    ...)``, or through a name the same function binds to it, ``client = get_client()`` /
    ``await make_client()``, or an attribute of ``self`` its class sets so), ``"tokens"`` for
    ephemeral tokens minted on it (``.auth_tokens.create(...)``: that client needs ``v1alpha``),
    ``"music"`` for a Lyria session (``.aio.live.music.connect(...)``: ``v1alpha`` only)."""

    def factory(value: ast.expr) -> tuple[_Module, str] | None:
        value = value.value if isinstance(value, ast.Await) else value
        spelled = _dotted(value.func) if isinstance(value, ast.Call) else None
        if spelled is None:
            return None
        if spelled in names:
            return names[spelled]
        alias, _, name = spelled.rpartition(".")
        return (aliases[alias], name) if alias in aliases else None

    # `self.client = get_client()` anywhere in a class: what its methods' `self.client` holds
    held: dict[tuple[int, str], list[ast.expr]] = defaultdict(list)
    klass_of: dict[int, ast.ClassDef] = {}
    for klass in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for method in klass.body:
            if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                klass_of[id(method)] = klass
                for node in ast.walk(method):
                    for target, value in _targets(node) if isinstance(node, (ast.Assign, ast.AnnAssign)) else ():
                        attribute = _self_attribute(target)
                        if attribute is not None:
                            held[(id(klass), attribute)].append(value)
    scopes: list[ast.AST] = [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]
    module_bound: dict[str, list[ast.expr]] = {}
    for scope in scopes:
        nodes = list(_own_nodes(scope))
        bound: dict[str, list[ast.expr]] = defaultdict(list)
        for node in nodes:
            for target, value in _targets(node) if isinstance(node, (ast.Assign, ast.AnnAssign)) else ():
                if isinstance(target, ast.Name):
                    bound[target.id].append(value)
        klass = klass_of.get(id(scope))
        if scope is tree:  # (first: the functions after it fall back on the module's names)
            module_bound = bound
        for node in nodes:
            func = node.func if isinstance(node, ast.Call) else None
            if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Attribute):
                continue
            if func.attr == "connect" and func.value.attr == "live" and isinstance(func.value.value, ast.Attribute) \
                    and func.value.value.attr == "aio":
                use, client = "live", func.value.value.value
            elif func.attr == "connect" and func.value.attr == "music" and isinstance(func.value.value, ast.Attribute) \
                    and func.value.value.attr == "live" and isinstance(func.value.value.value, ast.Attribute) \
                    and func.value.value.value.attr == "aio":
                use, client = "music", func.value.value.value.value  # `<client>.aio.live.music.connect(...)`
            elif func.attr == "create" and func.value.attr == "auth_tokens":
                use, client = "tokens", func.value.value
            else:
                continue
            attribute = _self_attribute(client)
            if isinstance(client, ast.Name) and not bound.get(client.id) and not module_bound.get(client.id) \
                    and client.id in names:
                # another module's client itself (`from clients import ALPHA`: `ALPHA.aio.live.connect`)
                yield (*names[client.id], use)
                continue
            if isinstance(client, ast.Attribute) and isinstance(client.value, ast.Name) and client.value.id in aliases:
                yield aliases[client.value.id], client.attr, use  # (`clients.ALPHA.aio.live.connect`)
                continue
            if isinstance(client, ast.Name):
                # (a module-level `client = get_client()` a function connects on)
                values = bound.get(client.id) or module_bound.get(client.id, [])
            elif attribute is not None and klass is not None:
                values = held.get((id(klass), attribute), [])
            else:
                values = [client]
            for value in values:
                found = factory(value)
                if found is not None:
                    yield (*found, use)


def _imported_keys(names: Mapping[str, tuple[_Module, str]], aliases: Mapping[str, _Module],
                   keys: Callable[[_Module], Collection[str]]) -> tuple[dict[str, tuple[_Module, str]],
                                                                   dict[str, tuple[_Module, str]]]:
    """How an importer spells the functions and methods ``keys`` names in the modules it imports
    from: (spelling → (module, key)) for a function, by its local name or ``alias.function``;
    (method name → (module, key)) for a method (``"Class.method"``), which the caller matches
    on a receiver as it sees fit."""
    functions: dict[str, tuple[_Module, str]] = {}
    for spelling, (origin, name) in names.items():
        if name in keys(origin):
            functions[spelling] = (origin, name)
    for alias, origin in aliases.items():
        functions.update((f"{alias}.{key}", (origin, key)) for key in keys(origin) if "." not in key)
    methods = {key.split(".", 1)[1]: (origin, key) for origin in {*(o for o, _ in names.values()), *aliases.values()}
               for key in keys(origin) if "." in key}
    return functions, methods


def _spelled_in_importer(names: Mapping[str, tuple[_Module, str]], aliases: Mapping[str, _Module],
                         table: Callable[[_Module], Mapping[str, tuple]]) -> Iterator[tuple]:
    """(spelling, *what ``table`` says of it) for the functions and methods ``table`` lists in
    the modules an importer imports from: a function by its local name or ``alias.function``; a
    method as ``.method``, on any receiver, once the importer imports anything from the module
    defining it."""
    functions, methods = _imported_keys(names, aliases, table)
    for spelling, (origin, key) in functions.items():
        yield (spelling, *table(origin)[key])
    for method, (origin, key) in methods.items():
        yield (f".{method}", *table(origin)[key])


def _provider_spellings(names: Mapping[str, tuple[_Module, str]],
                        aliases: Mapping[str, _Module]) -> Iterator[tuple[str, int, str, int, str]]:
    """How an importer spells the session providers of the modules it imports from."""
    return _spelled_in_importer(names, aliases, lambda origin: origin.providers or {})


def _mime_sender_spellings(names: Mapping[str, tuple[_Module, str]],
                           aliases: Mapping[str, _Module]) -> Iterator[tuple[str, int, str]]:
    """How an importer spells the MIME-sending functions and methods of the modules it imports from."""
    return _spelled_in_importer(names, aliases, lambda origin: origin.mime_senders or {})


# Calls that send realtime input on a Live session (the SDK's, the legacy `send`, ADK's queue)
_REALTIME_SENDS = ("send_realtime_input", "send", "send_realtime")


def _video_methods(tree: ast.Module) -> dict[str, set[str]]:
    """Per module-level class, its methods that send video on a Live session:
    ``send_realtime_input(video=...)`` (not ``video=None``), or an image through the deprecated
    ``media=`` (``send_realtime_input`` or ``send(input=...)``): a blob or dict naming an
    ``image/...`` MIME type, written in the call or bound in the method first
    (``blob = types.Blob(data=raw, mime_type="image/jpeg")``)."""
    found: dict[str, set[str]] = defaultdict(set)
    for key, function, is_method in _functions_and_methods(tree):
        if not is_method:
            continue
        nodes = list(ast.walk(function))
        bound = {target.id: node.value for node in nodes if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name)}
        for node in nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("send_realtime_input", "send") \
                    and any(_sends_video(k, bound) for k in node.keywords):
                klass, _, method = key.partition(".")
                found[klass].add(method)
                break
    return dict(found)


# What a method does on its session in a loop that keeps the session busy.
_SESSION_USES = frozenset({"send_realtime_input", "send", "send_client_content", "receive"})


def _looping_methods(tree: ast.Module) -> dict[str, set[str]]:
    """Per module-level class, its methods that use ``self``'s session (``self.session.
    send_realtime_input(...)``, ``self.session.receive()``) inside a ``while`` loop that runs
    until stopped (:func:`_runs_until_stopped`), does not leave itself (:func:`_breaks`) and
    does not clear its own flag (``while self.waiting: ... self.waiting = False``: one turn)."""
    found: dict[str, set[str]] = defaultdict(set)
    for key, function, is_method in _functions_and_methods(tree):
        if not is_method:
            continue
        for loop in ast.walk(function):
            if not isinstance(loop, ast.While) or not _runs_until_stopped(loop) or _breaks(loop) \
                    or _clears_its_flag(loop):
                continue
            if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _SESSION_USES
                   and (_dotted(n.func.value) or "").startswith("self.") for n in ast.walk(loop)):
                klass, _, method = key.partition(".")
                found[klass].add(method)
                break
    return dict(found)


def _videos_on_entered(tree: ast.Module, openers: Mapping[str, tuple[_Module, str]]) -> Iterator[tuple[_Module, str, int]]:
    """(defining module, function, line) of the first video send this module makes on a session
    another module's function hands back (``openers``: spelling → (module, function), see
    :func:`_opener_models`): ``async with await create_session() as live:`` (kept as
    ``state.genai_session = live`` too), then ``send_realtime_input(video=...)`` or a send of
    an ``"image/..."`` blob on it (:func:`_sends_video`). A frame sent while handling a tool call is one the model asked
    for, not a stream (as LM401 counts them)."""
    # The name a `with` binds is the session only in the function around it (and functions
    # nested there, reading it from their closure): another function's `session` is another's.
    # An attribute it is kept in (`state.genai_session = live`) holds it wherever it is read.
    def opened(item: ast.withitem) -> tuple[_Module, str] | None:
        call = item.context_expr.value if isinstance(item.context_expr, ast.Await) else item.context_expr
        found = openers.get(_dotted(call.func) or "") if isinstance(call, ast.Call) else None
        return found if isinstance(item.optional_vars, ast.Name) else None

    if not any(isinstance(node, (ast.With, ast.AsyncWith)) and any(opened(item) for item in node.items)
               for node in ast.walk(tree)):
        return
    entered: dict[tuple[int, str], tuple[_Module, str]] = {}  # (function, name) → opener
    kept: dict[str, tuple[_Module, str]] = {}  # attribute holding the session → opener
    scoped: list[tuple[ast.AST, tuple[int, ...]]] = []  # (node, ids of the functions around it, innermost last)
    pending: list[tuple[ast.AST, tuple[int, ...]]] = [(tree, (0,))]
    while pending:
        node, around = pending.pop()
        scoped.append((node, around))
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                found = opened(item)
                if found is not None:
                    entered[(around[-1], item.optional_vars.id)] = found  # type: ignore[union-attr]
        inner = (*around, id(node)) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else around
        pending.extend((child, inner) for child in ast.iter_child_nodes(node))

    def session_of(name: str, around: tuple[int, ...]) -> tuple[_Module, str] | None:
        return next((entered[(f, name)] for f in reversed(around) if (f, name) in entered), None)

    # ... and a function of this module it is passed to holds it in its parameter
    # (`await send_frames(session, camera)`; two hops at most: a helper's helper)
    defined = {statement.name: statement for statement in tree.body
               if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for _ in range(2):
        for node, around in scoped:
            callee = defined.get(node.func.id) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else None
            if callee is None:
                continue
            parameters = [a.arg for a in (*callee.args.posonlyargs, *callee.args.args)]
            passed = [*zip(parameters, node.args), *((k.arg, k.value) for k in node.keywords if k.arg in parameters)]
            for parameter, value in passed:
                found = session_of(value.id, around) if isinstance(value, ast.Name) else None
                if found is not None:
                    entered.setdefault((id(callee), parameter), found)

    for node, around in scoped:  # `state.genai_session = live`: the attribute holds it too
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) \
                and (found := session_of(node.value.id, around)) is not None:
            for target in node.targets:
                if isinstance(target, ast.Attribute):
                    kept.setdefault(target.attr, found)
    first: dict[tuple[int, str], tuple[_Module, str, int]] = {}
    tools: set[int] = set()  # nodes under a test of a tool call
    for node, around in scoped:
        if isinstance(node, ast.If) and "tool_call" in ast.unparse(node.test) or id(node) in tools:
            tools.update(id(child) for child in ast.iter_child_nodes(node))
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("send_realtime_input", "send"):
            receiver = node.func.value
            found = kept.get(receiver.attr) if isinstance(receiver, ast.Attribute) else \
                session_of(receiver.id, around) if isinstance(receiver, ast.Name) else None
            key = (id(found[0]), found[1]) if found is not None else None
            if found is not None and (key not in first or node.lineno < first[key][2]) \
                    and any(_sends_video(keyword, {}) for keyword in node.keywords):
                first[key] = (found[0], found[1], node.lineno)  # type: ignore[index]
    yield from first.values()


def _live_queue_fills(tree: ast.Module, names: Mapping[str, tuple[_Module, str]],
                      table: _Table) -> Iterator[tuple[_Module, str, str]]:
    """(module, function, parameter) for each imported function this module passes a queue
    that it also passes to an imported Live sender forwarding what the queue holds (a session
    pump sending ``media=msg``, see :func:`_session_pumps`), when that function puts items on
    its parameter (``capture_audio(self.out_queue)`` whose ``await queue.put({"data": ...,
    "mime_type": "audio/pcm"})`` is realtime input)."""
    forwarded: set[str] = set()  # how this module spells the queues its pumps forward
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    for call in calls:
        found = names.get(_dotted(call.func) or "")
        pump = (found[0].pumps or {}).get(found[1]) if found is not None else None
        if pump is not None and pump[2] == "media":
            sessions = {position for _, position in pump[0]}
            forwarded.update(spelled for i, arg in enumerate(call.args) if i not in sessions
                             and (spelled := _dotted(arg)) is not None)
    for call in calls if forwarded else ():
        found = names.get(_dotted(call.func) or "")
        if found is None or (found[0].pumps or {}).get(found[1]) is not None:
            continue
        positions = [i for i, arg in enumerate(call.args) if _dotted(arg) in forwarded]
        tree_there = table.tree(found[0]) if positions else None
        function = next((n for n in tree_there.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                         and n.name == found[1]), None) if tree_there is not None else None
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)] if function is not None else []
        for position in positions:
            name = params[position] if position < len(params) else None
            if name is not None and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                                        and n.func.attr in ("put", "put_nowait") and isinstance(n.func.value, ast.Name)
                                        and n.func.value.id == name for n in ast.walk(function)):  # type: ignore[arg-type]
                yield found[0], found[1], name


def _on_vertex(data: bytes) -> bool:
    """The module builds a Vertex AI client or reads the switch that makes the SDK's one."""
    return b"vertexai=True" in data or b"vertexai = True" in data or b"GOOGLE_GENAI_USE_VERTEXAI" in data


def _session_pumps(tree: ast.Module) -> dict[str, tuple[tuple[tuple[str, int], ...], int, str]]:
    """Module-level functions that use a session their caller passes in a parameter (``session.
    send_realtime_input(...)``, ``session.receive()``) inside a ``while`` loop that runs until
    stopped and does not leave or stop itself (as :func:`_looping_methods`): function →
    ((parameter, position), ...), the loop's line, and what the loop sends on it ("video": a
    `video=` or an image; "media": a `media=` / `input=` of a name, whatever its producer put on
    the queue it takes it from; else "")."""
    found: dict[str, tuple[tuple[tuple[str, int], ...], int, str]] = {}
    # (a loop may use its parameter through a function of the module it hands it to:
    # `handle_audio_message(data, live_request_queue)`, whose body calls `send_realtime`)
    helpers = _session_users(tree)
    for function in tree.body:
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        arguments = [*function.args.posonlyargs, *function.args.args]
        positions = {a.arg: i for i, a in enumerate(arguments)}
        positions.update((a.arg, -1) for a in function.args.kwonlyargs)
        rebound = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        for loop in ast.walk(function):
            if not isinstance(loop, ast.While) or not _runs_until_stopped(loop) or _breaks(loop) \
                    or _clears_its_flag(loop):
                continue
            used = {n.func.value.id for n in ast.walk(loop) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    and n.func.attr in _PUMPED_USES and isinstance(n.func.value, ast.Name)
                    and n.func.value.id in positions and n.func.value.id not in rebound}
            used |= {arg.id for n in ast.walk(loop) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                     for index, arg in enumerate(n.args) if index in helpers.get(n.func.id, ())
                     and isinstance(arg, ast.Name) and arg.id in positions and arg.id not in rebound}
            if used:
                sends = [n for n in ast.walk(loop) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                         and n.func.attr in ("send_realtime_input", "send") and isinstance(n.func.value, ast.Name)
                         and n.func.value.id in used]
                kind = "video" if any(_sends_video(k, {}) for call in sends for k in call.keywords) else \
                    "media" if any(k.arg in ("media", "input") and isinstance(k.value, ast.Name)
                                   for call in sends for k in call.keywords) else ""
                found[function.name] = (tuple(sorted((name, positions[name]) for name in used)), loop.lineno, kind)
                break
    found.update(_class_session_pumps(tree))
    return found


# What a loop does with a session (or ADK's LiveRequestQueue) its caller hands it.
_PUMPED_USES = _SESSION_USES | {"send_realtime", "send_content"}


def _session_users(tree: ast.Module) -> dict[str, set[int]]:
    """Module-level function → the positions of its parameters it sends on or receives from
    (``def handle_audio_message(data, live_request_queue): live_request_queue.send_realtime(...)``)."""
    found: dict[str, set[int]] = {}
    for function in tree.body:
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
            used = {n.func.value.id for n in ast.walk(function) if isinstance(n, ast.Call)
                    and isinstance(n.func, ast.Attribute) and n.func.attr in _PUMPED_USES
                    and isinstance(n.func.value, ast.Name)}
            positions = {i for i, name in enumerate(names) if name in used}
            if positions:
                found[function.name] = positions
    return found


def _class_session_pumps(tree: ast.Module) -> dict[str, tuple[tuple[tuple[str, int], ...], int, str]]:
    """Module-level classes built with a session they keep (``GeminiReaderTask(state, session)``,
    whose ``__init__`` stores ``self.session = session``) and use in a method's ``while`` loop
    that runs until stopped (``while self.running(): async for response in self.session.receive()``),
    as :func:`_session_pumps` for functions: class → ((parameter, position after ``self``), ...),
    the loop's line, and what it sends ("video" / "")."""
    found: dict[str, tuple[tuple[tuple[str, int], ...], int, str]] = {}
    for klass in tree.body:
        if not isinstance(klass, ast.ClassDef):
            continue
        methods = [m for m in klass.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
        init = next((m for m in methods if m.name == "__init__"), None)
        if init is None:
            continue
        arguments = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]
        positions = {name: i for i, name in enumerate(arguments)}
        positions.update((a.arg, -1) for a in init.args.kwonlyargs)
        kept = {target.attr: value.id for statement in init.body for target, value in _targets(statement)
                if isinstance(target, ast.Attribute) and _dotted(target.value) == "self"
                and isinstance(value, ast.Name) and value.id in positions}
        if not kept:
            continue
        for method in methods:
            loop = next((loop for loop in ast.walk(method) if isinstance(loop, ast.While) and _runs_until_stopped(loop)
                         and not _breaks(loop) and not _clears_its_flag(loop)
                         and any(_kept_session_use(n, kept) for n in ast.walk(loop))), None)
            if loop is None:
                continue
            used = {kept[n.func.value.attr] for n in ast.walk(loop) if _kept_session_use(n, kept)}  # type: ignore[attr-defined]
            video = any(_sends_video(k, {}) for n in ast.walk(loop) if _kept_session_use(n, kept)
                        and n.func.attr in ("send_realtime_input", "send") for k in n.keywords)  # type: ignore[attr-defined]
            found[klass.name] = (tuple(sorted((name, positions[name]) for name in used)), loop.lineno,
                                 "video" if video else "")
            break
    return found


def _kept_session_use(node: ast.AST, kept: Mapping[str, str]) -> bool:
    """``self.<attr>.receive()`` / ``.send_realtime_input(...)`` on an attribute ``kept`` maps
    (ADK's queue too: ``self.queue.send_realtime(...)``, as a function pump's)."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _PUMPED_USES \
        and isinstance(node.func.value, ast.Attribute) and _dotted(node.func.value.value) == "self" \
        and node.func.value.attr in kept


def _clears_its_flag(loop: ast.While) -> bool:
    """The loop's body assigns the name or attribute its test reads (``while self.waiting:``
    ... ``self.waiting = False``): it ends itself."""
    test = loop.test.operand if isinstance(loop.test, ast.UnaryOp) and isinstance(loop.test.op, ast.Not) else loop.test
    flag = _dotted(test)
    return flag is not None and any(isinstance(n, ast.Assign) and any(_dotted(t) == flag for t in n.targets)
                                    for n in ast.walk(loop))


def _sends_video(keyword: ast.keyword, bound: dict[str, ast.expr]) -> bool:
    """``video=<not None>``, or ``media=`` / ``input=`` holding an image MIME type."""
    value = keyword.value
    if keyword.arg == "video":
        return not (isinstance(value, ast.Constant) and value.value is None)
    if keyword.arg not in ("media", "input"):
        return False
    if isinstance(value, ast.Name) and value.id in bound:
        value = bound[value.id]
    nodes = list(ast.walk(value))
    if any(isinstance(n, ast.Call) and (_dotted(n.func) or "").endswith("Content") for n in nodes) \
            or any(isinstance(n, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in ("turns", "parts")
                                                     for k in n.keys) for n in nodes):
        return False  # a picture in a user turn (client content): a turn, not a stream
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("image/")
               for n in nodes)


def _mime_senders(tree: ast.Module) -> dict[str, tuple[int, str]]:
    """The module-level functions and the methods (``"Class.method"``) of a module that send
    realtime input whose MIME type is one of their parameters (``send_realtime_input(audio=
    types.Blob(data=audio, mime_type=mime_type))``, also through a blob or dict bound first):
    key → (position after ``self``, or -1 when keyword-only; the parameter's name)."""
    found: dict[str, tuple[int, str]] = {}
    for key, function, skip in _functions_and_methods(tree):
        args = function.args  # type: ignore[attr-defined]
        positional = [a.arg for a in (*args.posonlyargs, *args.args)][skip:]
        parameters = {*positional, *(a.arg for a in args.kwonlyargs)}
        nodes = list(ast.walk(function))
        if not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _REALTIME_SENDS
                   for n in nodes):
            continue
        for node in nodes:
            value = None
            if isinstance(node, ast.keyword) and node.arg in _MIME_KEYS:
                value = node.value
            elif isinstance(node, ast.Dict):
                value = next((v for k, v in zip(node.keys, node.values)
                              if isinstance(k, ast.Constant) and k.value in _MIME_KEYS), None)
            if isinstance(value, ast.Name) and value.id in parameters:
                found[key] = (positional.index(value.id) if value.id in positional else -1, value.id)
                break
    return found


def _runs_adk_live(expr: ast.expr) -> bool:
    """``<runner>.run_live(...)``: ADK opens a Live session for as long as its events are read."""
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "run_live"


# What a method sends on the session (or ADK queue) its object keeps with.
_FEEDS = frozenset({"send_realtime", "send_content", "send_realtime_input", "send_client_content"})


def _feeders(tree: ast.Module, openers: Collection[str]) -> dict[str, set[str]]:
    """Per class with an opener method (``"Class.method"`` of ``openers``): its other methods that
    send on what the object keeps (``self._queue.send_realtime(...)``, ``self.session.
    send_realtime_input(...)``): a caller that loops on one keeps the session open."""
    classes = {key.split(".")[0] for key in openers if "." in key}
    found: dict[str, set[str]] = defaultdict(set)
    for statement in tree.body:
        if not isinstance(statement, ast.ClassDef) or statement.name not in classes:
            continue
        for method in statement.body:
            if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _FEEDS
                    and _self_attribute(n.func.value) is not None for n in ast.walk(method)):
                found[statement.name].add(method.name)
    return found


def _relays(tree: ast.Module, names: Mapping[str, tuple[_Module, str]]) -> dict[str, dict[str, list[tuple[_Module, str]]]]:
    """Per class of this module that builds another module's session class (``voice =
    VoiceSession(key)``, a class with feeders): its methods calling one of that class's feeders
    on an object built from it (``voice.ask(question)``, also through the attribute keeping it
    or a method handing it back: ``voice = await self._voice_session()``), with the session
    module and opener of each. A caller looping on such a method feeds that session as if it
    called the feeder itself."""
    sessions = {spelling: (origin, name) for spelling, (origin, name) in names.items() if name in (origin.feeders or {})}
    found: dict[str, dict[str, list[tuple[_Module, str]]]] = {}
    for statement in tree.body if sessions else ():
        if not isinstance(statement, ast.ClassDef):
            continue
        built = {sessions[spelled] for n in ast.walk(statement) if isinstance(n, ast.Call)
                 and (spelled := _dotted(n.func)) in sessions}
        for origin, name in sorted(built, key=lambda pair: (pair[0].path, pair[1])):
            spellings = {spelling for spelling, pair in sessions.items() if pair == (origin, name)}
            held = _Holders(statement, spellings)
            openers = sorted(key for key in origin.openers or () if key.startswith(f"{name}."))
            feeding = (origin.feeders or {})[name]
            for method in statement.body:
                if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in feeding
                        and held.holds(n.func.value, method) for n in ast.walk(method)):
                    found.setdefault(statement.name, {}).setdefault(method.name, []).extend(
                        (origin, opener) for opener in openers)
    return found


class _Holders:
    """What holds an object a class builds from ``spellings`` (``VoiceSession(...)``): local
    names bound to such a call, the ``self`` attributes keeping one, the methods returning one,
    and names bound to what those methods return (found to a fixed point)."""

    def __init__(self, klass: ast.ClassDef, spellings: set[str]) -> None:
        self.spellings = spellings
        self.attributes: set[str] = set()
        self.providers: set[str] = set()
        self.names: dict[int, set[str]] = defaultdict(set)  # method → its local names holding one
        methods = [m for m in klass.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for _ in range(4):
            before = (len(self.attributes), len(self.providers), sum(map(len, self.names.values())))
            for method in methods:
                for node in ast.walk(method):
                    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None \
                            and self.holds(node.value, method):
                        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                        for target in targets:
                            if isinstance(target, ast.Name):
                                self.names[id(method)].add(target.id)
                            elif (attribute := _self_attribute(target)) is not None:
                                self.attributes.add(attribute)
                returns = [r.value for r in _own_returns(method) if r.value is not None]
                if returns and all(self.holds(value, method) for value in returns):
                    self.providers.add(method.name)
            if before == (len(self.attributes), len(self.providers), sum(map(len, self.names.values()))):
                break

    def holds(self, expr: ast.expr, method: ast.AST) -> bool:
        if isinstance(expr, ast.Await):
            expr = expr.value
        if isinstance(expr, ast.Call):
            return _dotted(expr.func) in self.spellings or (
                isinstance(expr.func, ast.Attribute) and _self_attribute(expr.func) is not None
                and expr.func.attr in self.providers)
        if isinstance(expr, ast.Name):
            return expr.id in self.names.get(id(method), ())
        return _self_attribute(expr) in self.attributes


def _self_handed(tree: ast.Module, exports: dict[str, str]) -> dict[str, tuple[int, str, str, str, str]]:
    """``"Class.method"`` → (position, keyword, "sdk", model, opener) for each method of its own
    that a module-level class hands the session it opens in ``async with <client>.aio.live.
    connect(...) as session:`` (``await self._receive_loop(session)``, in that block), with the
    method ``opener`` that block sits in."""
    found: dict[str, tuple[int, str, str, str, str]] = {}
    for klass in tree.body:
        if not isinstance(klass, ast.ClassDef):
            continue
        for method, block in ((m, b) for m in klass.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                              for b in ast.walk(m)):
            if not isinstance(block, ast.AsyncWith):
                continue
            for item in block.items:
                connect = item.context_expr
                if not (isinstance(connect, ast.Call) and _opens_live(connect) and isinstance(item.optional_vars, ast.Name)):
                    continue
                session = item.optional_vars.id
                text = _string(_keyword(connect, "model"), exports) or ""
                for call in (n for statement in block.body for n in ast.walk(statement) if isinstance(n, ast.Call)):
                    if _self_attribute(call.func) is None:
                        continue
                    for position, arg in enumerate(call.args):
                        if isinstance(arg, ast.Name) and arg.id == session:
                            found.setdefault(f"{klass.name}.{call.func.attr}",  # type: ignore[attr-defined]
                                             (position, "", _SDK, text, method.name))
                    for keyword in call.keywords:
                        if keyword.arg and isinstance(keyword.value, ast.Name) and keyword.value.id == session:
                            found.setdefault(f"{klass.name}.{call.func.attr}",  # type: ignore[attr-defined]
                                             (-1, keyword.arg, _SDK, text, method.name))
    return found


def _non_live_call(call: ast.Call) -> bool:
    """A google-genai call that is not Live and takes a config: ``client.models.generate_content(
    ...)``, a chat's ``send_message``, ``client.chats.create(...)``."""
    func = call.func
    owner = func.value.attr if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) else None
    return isinstance(func, ast.Attribute) and (
        func.attr in NON_LIVE_METHODS or func.attr == "create" and owner in NON_LIVE_CREATORS)


def _method_name(call: ast.Call) -> str:
    """The method a call names as users call it: ``client.models.generate_content`` and
    ``genai.Client().models.generate_content`` → ``models.generate_content``."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return f"{func.value.attr}.{func.attr}" if isinstance(func.value, ast.Attribute) else func.attr
    return _dotted(func) or "a non-Live call"


def _configs_given(tree: ast.Module, names: Mapping[str, tuple[_Module, str]],
                   aliases: Mapping[str, _Module]) -> Iterator[tuple[_Module, str, str, ast.Call]]:
    """(defining module, name, entry, call) of each imported module-level name this module gives a
    Live session as its config (``live.connect(model=MODEL, config=CONFIG)``, ``config=
    settings.CONFIG``), or a non-Live call (``models.generate_content(..., config=CONFIG)``:
    see :func:`_non_live_call`), or of the imported function whose result it gives (``config=
    build_live_connect_config(settings)``, also bound to a name first). The entry is what a
    non-Live call reads of the config (``LIVE_CONFIG["system_instruction"]``,
    ``LIVE_CONFIG.system_instruction``), "" when it takes the whole. Not a name a function
    around the call binds itself (a parameter ``def talk(CONFIG=None)`` shadowing the import)."""
    scopes: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]  # (node, the function around it)
    locals_of: dict[int, set[str]] = {}
    assigned_in: dict[int, dict[str, list[ast.expr]]] = {}
    while scopes:
        node, function = scopes.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            function = node
        scopes.extend((child, function) for child in ast.iter_child_nodes(node))
        if not (isinstance(node, ast.Call) and (_opens_live(node) or _non_live_call(node))):
            continue
        config = _keyword(node, "config")
        if config is None:
            continue
        if isinstance(config, ast.Name) and function is not None:
            # `config = build_live_config(settings)` (or `cfg = LIVE_CONFIG`) first: what it holds
            if id(function) not in assigned_in:  # (once per function, as its local names)
                assigned_in[id(function)] = defaultdict(list)
                for n in ast.walk(function):
                    for target, value in _targets(n) if isinstance(n, ast.Assign) else ():
                        if isinstance(target, ast.Name):
                            assigned_in[id(function)][target.id].append(value)
            bound = assigned_in[id(function)].get(config.id, [])
            if len(bound) == 1 and isinstance(bound[0], (ast.Call, ast.Name, ast.Attribute, ast.Dict)):
                config = bound[0]
        # A Live session takes the config (or the builder's result) itself; a non-Live call
        # shares whatever imported config its own reads (`{**LIVE_CONFIG, ...}`, `GenerateContentConfig(
        # thinking_config=LIVE_CONFIG["thinking_config"])`): the fix of that config changes it too.
        read = [(config, "")] if _opens_live(node) else _config_reads(config, names, aliases)
        if function is not None and id(function) not in locals_of:
            locals_of[id(function)] = _local_names(function)  # (once per function: a thousand calls in one)
        local = locals_of[id(function)] if function is not None else set()
        for value, entry in read:
            if isinstance(value, ast.Call):  # (a builder of another module called in place)
                spelled = _dotted(value.func) or ""
            else:
                spelled = _dotted(value) or ""
                if spelled.split(".")[0] in local:
                    continue
            imported = _imported_name(spelled, names, aliases)
            if imported is not None:
                yield (*imported, entry, node)


def _imported_name(spelled: str, names: Mapping[str, tuple[_Module, str]],
                   aliases: Mapping[str, _Module]) -> tuple[_Module, str] | None:
    """(defining module, name) of an imported module-level name spelled here (``LIVE_CONFIG``
    imported from settings, or ``settings.LIVE_CONFIG`` of an imported module), else None."""
    if spelled in names:
        return names[spelled]
    if "." in spelled and spelled.rsplit(".", 1)[0] in aliases:
        return aliases[spelled.rsplit(".", 1)[0]], spelled.rsplit(".", 1)[1]
    return None


def _config_reads(config: ast.expr, names: Mapping[str, tuple[_Module, str]],
                  aliases: Mapping[str, _Module]) -> list[tuple[ast.expr, str]]:
    """What a non-Live call's config reads that may be imported (its names, attributes and
    calls), each with the entry it reads of it: ``LIVE_CONFIG["system_instruction"]`` or
    ``LIVE_CONFIG.system_instruction`` of an imported ``LIVE_CONFIG`` shares that entry only
    (a fix of its ``thinking_config`` leaves the call alone); "" for the whole."""
    entries: dict[int, str] = {}
    methods = {id(n.func) for n in ast.walk(config) if isinstance(n, ast.Call)}
    for n in ast.walk(config):
        if isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str):
            entries[id(n.value)] = n.slice.value
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" and n.args \
                and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str):
            entries[id(n.func.value)] = n.args[0].value  # (`LIVE_CONFIG.get("system_instruction")`)
        elif isinstance(n, ast.Attribute) and id(n) not in methods \
                and _imported_name(_dotted(n) or "", names, aliases) is None \
                and _imported_name(_dotted(n.value) or "", names, aliases) is not None:
            entries[id(n.value)] = n.attr  # (a field; not a method such as `.model_copy()`: the whole)
    return [(n, entries.get(id(n), "")) for n in ast.walk(config) if isinstance(n, (ast.Name, ast.Attribute, ast.Call))]


def _local_names(function: ast.AST) -> set[str]:
    """The names ``function`` binds itself: its parameters and what it assigns (not ``global``)."""
    arguments = function.args  # type: ignore[attr-defined]
    found = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    found.update(a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None)
    found.update(n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return found - {name for n in ast.walk(function) if isinstance(n, (ast.Global, ast.Nonlocal)) for name in n.names}


def _opener_models(tree: ast.Module, openers: Collection[str], exports: dict[str, str]) -> dict[str, str]:
    """Module-level function among ``openers`` → the model id its ``live.connect(...)`` opens the
    session with, when this module shows it (a literal, one of its exports), ``"=NAME"`` for a
    name it may import, else ``""``."""
    found: dict[str, str] = {}
    for key, statement, _ in _functions_and_methods(tree):  # (a class's `connect()` method too)
        if key in openers and _hands_back_the_session(statement):
            said = set()
            # (every connect of the function, as for its modality)
            for connect in (n for n in ast.walk(statement) if isinstance(n, ast.Call) and _opens_live(n)):
                model = _keyword(connect, "model")
                # (a name this module imports is resolved once every module's imports are: "=NAME")
                said.add(_string(model, exports) or (f"={_dotted(model)}" if model is not None and _dotted(model) else ""))
            found[key] = said.pop() if len(said) == 1 else ""
    return found


def _opener_modalities(tree: ast.Module, openers: Collection[str]) -> dict[str, str]:
    """Module-level function among ``openers`` → the response modality of the config its
    ``live.connect(...)`` opens the session with: ``"AUDIO"`` / ``"TEXT"`` when a literal of this
    module says it (``config={...}``, or a module-level ``CONFIG`` it names), ``"=NAME"`` for a
    name it may import, else ``""``."""
    module_values = {target.id: value for statement in tree.body for target, value in _targets(statement)
                     if isinstance(target, ast.Name) and value is not None}
    found: dict[str, str] = {}
    for key, statement, _ in _functions_and_methods(tree):
        if key in openers:
            said = set()
            # (a config the function binds once itself: `config = types.LiveConnectConfig(...)`)
            local_values: dict[str, list[ast.expr]] = defaultdict(list)
            for node in ast.walk(statement):
                for target, value in _targets(node):  # type: ignore[arg-type]
                    if isinstance(target, ast.Name):
                        local_values[target.id].append(value)
            # (every connect of the function: `open_live("text")` may take another branch's)
            for connect in (n for n in ast.walk(statement) if isinstance(n, ast.Call) and _opens_live(n)):
                config = _keyword(connect, "config")
                if isinstance(config, ast.Name) and len(local_values.get(config.id, ())) == 1:
                    config = local_values[config.id][0]
                elif isinstance(config, ast.Name) and config.id in module_values:
                    config = module_values[config.id]
                said.add(f"={config.id}" if isinstance(config, ast.Name) else
                         _response_modality(config) if config is not None else "")
            found[key] = said.pop() if len(said) == 1 else ""
    return found


def _decoding_generators(tree: ast.Module) -> set[str]:
    """Names of the functions and methods that yield what they decode from a socket
    (``yield json.loads(message)``, or a name bound to ``json.loads(...)``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decoded = {target.id for sub in ast.walk(node) for target, value in _targets(sub)  # type: ignore[arg-type]
                   if isinstance(target, ast.Name) and _decodes(value)}
        if any(isinstance(sub, ast.Yield) and sub.value is not None and (
                _decodes(sub.value) or isinstance(sub.value, ast.Name) and sub.value.id in decoded)
               for sub in ast.walk(node)):
            found.add(node.name)
    return found


def _decodes(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Call) and (_dotted(value.func) or "").split(".")[-1] == "loads"


def _iterates_any(tree: ast.Module, methods: set[str]) -> bool:
    """``tree`` loops over a call of one of ``methods`` (``async for response in
    self.provider.receive():``)."""
    return bool(methods) and any(
        isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.iter, ast.Call)
        and (_dotted(node.iter.func) or "").split(".")[-1] in methods for node in ast.walk(tree))


def _raw_setups(tree: ast.Module) -> set[tuple[str, str]]:
    """(model, response modality) of each raw setup frame the module writes (``{"setup":
    {"model": "models/...", "generationConfig": {"responseModalities": ["AUDIO"]}}}``); ""
    where a literal does not say."""
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value == "setup" and isinstance(value, ast.Dict):
                model = next((v.value for k, v in zip(value.keys, value.values) if isinstance(k, ast.Constant)
                              and k.value == "model" and isinstance(v, ast.Constant) and isinstance(v.value, str)), "")
                found.add((model, _response_modality(value)))
    return found


def _imported_modality(module: _Module, name: str, table: _Table) -> str:
    """The response modality of the config ``module`` imports as ``name`` (a module-level
    literal of the module it comes from), or ``""``."""
    _, names, _ = table.imports(module)
    origin = names.get(name)
    tree = table.tree(origin[0]) if origin is not None else None
    value = next((value for statement in tree.body for target, value in _targets(statement)
                  if isinstance(target, ast.Name) and target.id == origin[1]), None) if tree is not None else None  # type: ignore[index]
    return _response_modality(value) if value is not None else ""


def _response_modality(config: ast.expr) -> str:
    """``"AUDIO"`` / ``"TEXT"`` when ``config`` (a dict or ``LiveConnectConfig(...)`` literal,
    its fields also under ``generation_config``) names that one response modality; else ``""``."""
    def field(value: ast.expr | None, key: str) -> ast.expr | None:
        if isinstance(value, ast.Dict):
            return next((v for k, v in zip(value.keys, value.values)
                         if isinstance(k, ast.Constant) and k.value in (key, to_camel(key))), None)
        if isinstance(value, ast.Call):
            return _keyword(value, key)
        return None

    listed = field(config, "response_modalities") or field(field(config, "generation_config"), "response_modalities")
    if not isinstance(listed, (ast.List, ast.Tuple)) or len(listed.elts) != 1:
        return ""
    element = listed.elts[0]
    word = element.value if isinstance(element, ast.Constant) else element.attr if isinstance(element, ast.Attribute) else None
    return word.upper() if isinstance(word, str) and word.upper() in ("AUDIO", "TEXT") else ""


def _hands_back_the_session(function: ast.AST) -> bool:
    """``function`` returns or yields only the session it opens itself: the ``connect(...)`` call
    (``return client.aio.live.connect(...)``), or a name bound to it or to the session it
    enters (``async with ...connect(...) as session: yield session``, ``session = await
    cm.__aenter__()``). Not an object of its own wrapping the session (``return Voice(session,
    cm)``, ``yield Outbox()``): what its caller enters is that object, whose methods are its own."""
    def opened(value: ast.expr | None) -> bool:
        value = value.value if isinstance(value, ast.Await) else value
        if _opens_live(value):  # type: ignore[arg-type]
            return True
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "__aenter__":
            inner = value.func.value
            return _opens_live(inner) or isinstance(inner, ast.Name) and inner.id in names
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in ("enter_async_context", "enter_context") and value.args:
            return opened(value.args[0])  # (an AsyncExitStack entering the connect)
        return isinstance(value, ast.Name) and value.id in names

    nodes = list(_own_nodes(function))  # (not a nested helper's `return {...}`)
    names: set[str] = set()
    grown = True
    while grown:
        before = len(names)
        for node in nodes:
            if isinstance(node, (ast.With, ast.AsyncWith)):
                names.update(item.optional_vars.id for item in node.items if isinstance(item.optional_vars, ast.Name)
                             and opened(item.context_expr))
            elif isinstance(node, ast.Assign) and opened(node.value):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        grown = len(names) > before
    # (every value it hands back: one that returns a Twilio socket on another branch hands back
    # what the caller cannot know to be a session; a `return None` hands back nothing)
    handed = [n.value for n in nodes if isinstance(n, (ast.Return, ast.Yield)) and n.value is not None
              and not (isinstance(n.value, ast.Constant) and n.value.value is None)]
    return bool(handed) and all(opened(value) for value in handed)


def _own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``function``, not those of the functions, lambdas and classes nested in it."""
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(node))


def _opens_live(expr: ast.expr) -> bool:
    """``<client>.aio.live.connect(...)``, also on a client built in place
    (``genai.Client().aio.live.connect(...)``, which has no dotted name)."""
    if not isinstance(expr, ast.Call):
        return False
    func = expr.func
    if (_dotted(func) or "").endswith("live.connect"):
        return True
    return isinstance(func, ast.Attribute) and func.attr == "connect" and isinstance(func.value, ast.Attribute) \
        and func.value.attr == "live" and isinstance(func.value.value, ast.Attribute) and func.value.value.attr == "aio"


def _live_parameters(tree: ast.Module) -> tuple[dict[str, tuple[tuple[str, int], ...]],
                                                 dict[str, tuple[tuple[str, str, int], ...]]]:
    """The module-level functions and classes (their ``__init__``) of a module whose parameter
    a Live session of the module takes as its model (``def __init__(self, model=...)`` with
    ``self.model = model`` and ``live.connect(model=self.model)``), and those whose parameter
    it takes as its config (``config={**self.config}``). Key → ((parameter, position after
    ``self``, -1 when keyword-only), ...) for the model; ((role, parameter, position), ...) for
    the config and the client (:meth:`_Uses.connect_parameters`)."""
    uses = _Uses({})
    _, _, reached = uses.run(tree)
    configured = uses.connect_parameters()
    if not reached and not configured:
        return {}, {}
    owners: dict[int, tuple[str, int]] = {}
    for statement in _top_statements(tree.body):
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            owners[id(statement)] = (statement.name, 0)
        elif isinstance(statement, ast.ClassDef):
            for item in statement.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    owners[id(item)] = (statement.name, 1)

    def owned(pairs: Iterable[tuple[ast.AST, str, str]]) -> dict[str, tuple[tuple[str, str, int], ...]]:
        found: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for function, name, role in pairs:
            owner = owners.get(id(function))
            if owner is None:
                continue
            args = function.args  # type: ignore[attr-defined]
            positional = [a.arg for a in (*args.posonlyargs, *args.args)][owner[1]:]
            found[owner[0]].append((role, name, positional.index(name) if name in positional else -1))
        return {key: tuple(sorted(set(params))) for key, params in found.items()}

    models = {key: tuple((name, position) for _, name, position in params)
              for key, params in owned((f, n, "model") for f, n in reached).items()}
    return models, owned(configured)


class _ConfigFields:
    """The config fields what an importer passes another module's session class as its config
    may set (``LiveLoop(config=create_gemini_config(...))``): a dict literal's keys, a
    ``LiveConnectConfig(...)``'s keywords, an imported config builder's fields (those its
    module names), followed through names, ``self`` attributes and this module's functions'
    returns; ``("*",)`` for anything else."""

    _ANY = ("*",)

    def __init__(self, tree: ast.Module, names: Mapping[str, tuple[_Module, str]]) -> None:
        self.tree = tree
        self.names = names
        self.assigned: dict[str, list[ast.expr]] = defaultdict(list)  # name / "self.attr" → values
        self.functions: dict[str, list[ast.AST]] = defaultdict(list)  # name → its definitions
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[node.name].append(node)
            for target, value in _targets(node) if isinstance(node, ast.stmt) else ():
                key = _dotted(target)
                if key is not None and (isinstance(target, ast.Name) or key.startswith("self.")):
                    self.assigned[key].append(value)

    def passed(self, spelling: str, parameter: str, position: int) -> Iterator[tuple[str, ...]]:
        """For each call of ``spelling`` passing ``parameter``: the fields it may set."""
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call) or _dotted(node.func) != spelling:
                continue
            given = _keyword(node, parameter)
            if given is None and 0 <= position < len(node.args) \
                    and not any(isinstance(a, ast.Starred) for a in node.args[:position + 1]):
                given = node.args[position]
            if given is None and any(k.arg is None for k in node.keywords):
                yield self._ANY  # `LiveLoop(**options)`
            elif given is not None:
                yield tuple(sorted(self.fields(given, 0)))

    def fields(self, expr: ast.expr, depth: int) -> set[str]:
        from livemigrate.migration import to_snake

        if depth > _MAX_HOPS:
            return set(self._ANY)
        if isinstance(expr, ast.Constant) and expr.value is None:
            return set()
        if isinstance(expr, ast.Dict):
            if any(key is None or not isinstance(key, ast.Constant) or not isinstance(key.value, str)
                   for key in expr.keys):
                return set(self._ANY)
            return {to_snake(key.value) for key in expr.keys}  # type: ignore[union-attr]
        if isinstance(expr, (ast.Name, ast.Attribute)):
            values = self.assigned.get(_dotted(expr) or "", [])
            found: set[str] = set() if values else set(self._ANY)
            for value in values:
                found |= self.fields(value, depth + 1)
            return found
        if isinstance(expr, ast.IfExp):
            return self.fields(expr.body, depth + 1) | self.fields(expr.orelse, depth + 1)
        if not isinstance(expr, ast.Call):
            return set(self._ANY)
        spelled = _dotted(expr.func) or ""
        imported = self.names.get(spelled)
        if imported is not None and imported[1] in (imported[0].builders or {}):
            return set(imported[0].builders[imported[1]])  # type: ignore[index]
        if spelled.split(".")[-1] in ("LiveConnectConfig", "dict"):
            if expr.args or any(k.arg is None for k in expr.keywords):
                return set(self._ANY)
            return {to_snake(k.arg) for k in expr.keywords if k.arg is not None}
        local = spelled[5:] if spelled.startswith("self.") else spelled
        definitions = self.functions.get(local, []) if imported is None else []
        returned = [n.value for d in definitions for n in ast.walk(d) if isinstance(n, ast.Return)]
        if not returned or any(value is None for value in returned):
            return set(self._ANY)
        found = set()
        for value in returned:
            found |= self.fields(value, depth + 1)  # type: ignore[arg-type]
        return found


def _long_running(tree: ast.Module, configured: Mapping[str, tuple[tuple[str, str, int], ...]]) -> dict[str, int]:
    """The classes and functions of ``configured`` (those whose session takes its config from
    the caller) whose code keeps the session open in a loop that runs until stopped: a ``while
    True`` (``while self.running``) around ``receive()`` or realtime sends. Key → the loop's line."""
    owners = {key for key, params in configured.items() if any(role == "config" for role, _, _ in params)}
    found: dict[str, int] = {}
    for statement in _top_statements(tree.body):
        if not isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) or statement.name not in owners:
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.While) and _runs_until_stopped(node) and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    and n.func.attr in ("receive", "send_realtime_input") for n in ast.walk(node)):
                found[statement.name] = node.lineno
                break
    return found


_SDK, _RAW = "sdk", "raw"
_RAW_CONNECTS = {"connect", "ws_connect", "create_connection"}  # websockets, aiohttp, websocket-client


class _Handed(ast.NodeVisitor):
    """The Live sessions a module opens (``async with <client>.aio.live.connect(...) as s``)
    and the raw sockets it connects to a Live endpoint (``ws = await connect(URL)``), and the
    calls that hand one to a class or function another module of the run defines
    (``AudioCapture(self.ws)``, ``forward(chunk, live=session)``)."""

    def __init__(self, module: _Module, names: dict[str, tuple[_Module, str]], aliases: dict[str, _Module],
                 values: dict[str, str], raw_live: bool, table: "_Table | None" = None) -> None:
        self.module, self.names, self.aliases, self.raw_live, self.table = module, names, aliases, raw_live, table
        self.known = {k: v for k, v in values.items() if "." not in k}  # imported names' values
        self.values = values
        self.scopes: list[ast.AST] = []
        self.classes: list[ast.ClassDef] = []
        self.assigned: dict[tuple[int, str], list[ast.expr]] = defaultdict(list)
        self.opened: dict[tuple[str, int, str], tuple[str, ast.Call, list[ast.AST]]] = {}
        self.calls: list[tuple[ast.Call, list[ast.AST], ast.ClassDef | None]] = []
        self.setup_models: list[tuple[ast.expr, list[ast.AST]]] = []

    def run(self) -> Iterator[tuple[_Module, str, int, str, str, str, str]]:
        """(receiving module, its class or function, position, keyword, kind, model id or "",
        response modality or "")."""
        tree = self.module.tree
        assert tree is not None
        for statement in _top_statements(tree.body):
            for target, value in _targets(statement):
                if isinstance(target, ast.Name):
                    text = _string(value, self.known)
                    if text is not None:
                        self.known.setdefault(target.id, text)
        self.scopes = [tree]
        self.visit(tree)
        if not self.opened:
            return
        raw_models = {self._value(e, s) for e, s in self.setup_models}
        raw_model = raw_models.pop() if len(raw_models) == 1 else None
        for call, scopes, klass in self.calls:
            spelled = _dotted(call.func)
            target = self.names.get(spelled or "")
            if target is None and spelled and "." in spelled:
                prefix, _, name = spelled.rpartition(".")
                target = (self.aliases[prefix], name) if prefix in self.aliases else None
            if target is None:
                continue
            arguments = [(i, "", a) for i, a in enumerate(a for a in call.args if not isinstance(a, ast.Starred))]
            arguments += [(-1, k.arg, k.value) for k in call.keywords if k.arg is not None]
            for position, keyword, value in arguments:
                session = self._session(value, scopes, klass)
                if session is None:
                    continue
                kind, connect, where = session
                model = self._value(_keyword(connect, "model"), where) if kind == _SDK else raw_model
                modality = self._modality(_keyword(connect, "config"), where) if kind == _SDK else ""
                yield target[0], target[1], position, keyword, kind, model or "", modality

    # --- collecting ---------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind(target, node.value)
        self.generic_visit(node)

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self._bind(item.optional_vars, item.context_expr)
        self.generic_visit(node)

    visit_AsyncWith = visit_With  # type: ignore[assignment]

    def visit_Call(self, node: ast.Call) -> None:
        self.calls.append((node, list(self.scopes), self.classes[-1] if self.classes else None))
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value == "setup" and isinstance(value, ast.Dict):
                self.setup_models += [(v, list(self.scopes)) for k, v in zip(value.keys, value.values)
                                      if isinstance(k, ast.Constant) and k.value == "model"]
        self.generic_visit(node)

    def _bind(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.assigned[(id(self.scopes[-1]), target.id)].append(value)
        call = _entered(value)
        kind = self._opens(call) if isinstance(call, ast.Call) else None
        if isinstance(value, ast.Name) and ("name", id(self.scopes[-1]), value.id) in self.opened:
            opened = self.opened[("name", id(self.scopes[-1]), value.id)]  # (`self.session = session`)
        elif kind is None or not isinstance(call, ast.Call):
            return
        else:
            opened = (kind, call, list(self.scopes))
        if isinstance(target, ast.Name):
            self.opened[("name", id(self.scopes[-1]), target.id)] = opened
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                and target.value.id == "self" and self.classes:
            self.opened[("attr", id(self.classes[-1]), target.attr)] = opened

    def _opens(self, call: ast.Call) -> str | None:
        """``"sdk"`` for ``<client>.aio.live.connect(...)``; ``"raw"`` for a WebSocket connect
        to a Live endpoint (its URL says so, or the module's only URLs are Live ones)."""
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "connect" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) \
                and func.value.attr == "live":
            return _SDK
        if name not in _RAW_CONNECTS:
            return None
        url = call.args[0] if call.args else _keyword(call, "uri") or _keyword(call, "url")
        value = self._value(url, self.scopes) if url is not None else None
        if value is not None:
            return _RAW if "BidiGenerateContent" in value else None
        return _RAW if self.raw_live else None

    # --- following ----------------------------------------------------------------------
    def _session(self, expr: ast.expr, scopes: list[ast.AST], klass: ast.ClassDef | None, depth: int = 0):
        if isinstance(expr, ast.Name):
            for scope in reversed(scopes):
                found = self.opened.get(("name", id(scope), expr.id))
                if found is not None:
                    return found
                if (id(scope), expr.id) in self.assigned:
                    return None  # bound here to something else
            # a parameter of the function around it, which this module calls with the session
            # (`self._start_tasks(tg, session)`, whose `tg.create_task(send_realtime(session, q))`
            # hands it on)
            function = scopes[-1] if len(scopes) > 1 else None
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and depth < 2:
                return self._passed_for(function, expr.id, klass, depth)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self" \
                and klass is not None:
            return self.opened.get(("attr", id(klass), expr.attr))
        return None

    def _passed_for(self, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str,
                    klass: ast.ClassDef | None, depth: int):
        """The session every call of ``function`` this module makes passes as its parameter
        ``name`` (a method called on ``self``, or a module-level function), when they agree."""
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        method = klass is not None and function in klass.body
        if name not in params or method and params[:1] != ["self"]:
            return None
        position = params.index(name) - (1 if method else 0)
        found = []
        for call, scopes, call_klass in self.calls:
            func = call.func
            if method and not (isinstance(func, ast.Attribute) and func.attr == function.name
                               and isinstance(func.value, ast.Name) and func.value.id == "self" and call_klass is klass):
                continue
            if not method and not (isinstance(func, ast.Name) and func.id == function.name):
                continue
            positional = [a for a in call.args if not isinstance(a, ast.Starred)]
            given = next((k.value for k in call.keywords if k.arg == name), None) or \
                (positional[position] if 0 <= position < len(positional) else None)
            found.append(self._session(given, scopes, call_klass, depth + 1) if given is not None else None)
        return found[0] if found and all(f is not None and f is found[0] for f in found) else None

    def _modality(self, config: ast.expr | None, scopes: list[ast.AST], depth: int = 0) -> str:
        """The one response modality of the config a connect opens its session with, as far as
        this module shows it: a literal, a name bound to one, or a property of an object of a
        settings class the module imports (``gemini.live_config``, ``gemini = self.gemini_config``
        and the class's ``gemini_config: GeminiConfig``); else ``""``."""
        if config is None or depth > _MAX_HOPS:
            return ""
        if isinstance(config, (ast.Dict, ast.Call)):
            return _response_modality(config)
        if isinstance(config, ast.Name):
            for scope in reversed(scopes):
                values = self.assigned.get((id(scope), config.id))
                if values:
                    found = {self._modality(v, scopes, depth + 1) for v in values}
                    return found.pop() if len(found) == 1 else ""
            return ""
        if isinstance(config, ast.Attribute) and self.table is not None:
            klass = self._declared(config.value, scopes, depth)
            origin = self.names.get(klass or "")
            tree = self.table.tree(origin[0]) if origin is not None else None
            for node in tree.body if tree is not None else ():
                if isinstance(node, ast.ClassDef) and node.name == origin[1]:  # type: ignore[index]
                    for item in node.body:
                        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == config.attr:
                            found = {_response_modality(n.value) for n in ast.walk(item)
                                     if isinstance(n, ast.Return) and n.value is not None}
                            return found.pop() if len(found) == 1 else ""
        return ""

    def _declared(self, expr: ast.expr, scopes: list[ast.AST], depth: int) -> str | None:
        """The class an expression holds an object of, as the module spells it: ``self.F`` of a
        class annotating ``F: C``, or a name bound to one."""
        if isinstance(expr, ast.Name):
            for scope in reversed(scopes):
                values = self.assigned.get((id(scope), expr.id))
                if values:
                    return self._declared(values[0], scopes, depth + 1) if len(values) == 1 and depth < _MAX_HOPS \
                        else None
            return None
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
            klass = next((s for s in reversed(scopes) if isinstance(s, ast.ClassDef)), None) or \
                next((c for c in self._classes_of(scopes)), None)
            for item in klass.body if klass is not None else ():
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id == expr.attr:
                    return _dotted(item.annotation)
        return None

    def _classes_of(self, scopes: list[ast.AST]) -> Iterator[ast.ClassDef]:
        """The class whose method is the innermost function of ``scopes``."""
        function = scopes[-1] if scopes else None
        for node in ast.walk(self.module.tree):  # type: ignore[arg-type]
            if isinstance(node, ast.ClassDef) and function in node.body:
                yield node

    def _value(self, expr: ast.expr | None, scopes: list[ast.AST], depth: int = 0) -> str | None:
        """The string ``expr`` holds, as far as this module and its imports tell."""
        if expr is None or depth > _MAX_HOPS:
            return None
        spelled = _dotted(expr)
        if spelled is not None and spelled in self.values:
            return self.values[spelled]
        if isinstance(expr, ast.Name):
            for scope in reversed(scopes[1:]):
                values = self.assigned.get((id(scope), expr.id))
                if values:
                    found = {self._value(v, scopes, depth + 1) for v in values}
                    return found.pop() if len(found) == 1 else None
        return _string(expr, self.known)


# What starts the live exchange on a session (or starts the tasks that do) before a call.
_EXCHANGE = frozenset({"send_realtime_input", "receive", "start_stream", "create_task", "ensure_future", "gather",
                       "start_soon", "TaskGroup"})


class _Callers(ast.NodeVisitor):
    """The calls one module makes of the functions and methods of modules that send client
    content, each with the phase it runs in:

    - ``"seed"``: a function called with a session the caller binds in an enclosing
      ``with`` (``async with svc.connect(c) as s: await prime(s, images)``), with no loop
      between them and nothing before it in that block that sends realtime input, reads a
      reply or starts a task;
    - ``"during"``: a call in a ``while`` or ``async for`` loop below that ``with`` (or in its
      function), once per message; also a method called on an instance of one of those
      classes (``self.live.send_text(...)`` where ``live: LiveSession`` or ``LiveSession()``).

    A plain ``for`` (a seed sent item by item) and anything else say nothing."""

    def __init__(self, module: _Module, names: dict[str, tuple[_Module, str]], aliases: dict[str, _Module]) -> None:
        self.module, self.names, self.aliases = module, names, aliases
        self.parents: dict[int, ast.AST] = {}
        self.instances: dict[tuple[str, int, str], tuple[_Module, str]] = {}
        self.found: list[tuple[_Module, str, str, int]] = []

    def run(self) -> list[tuple[_Module, str, str, int]]:
        """(defining module, function or ``"Class.method"``, phase, line) per call."""
        tree = self.module.tree
        assert tree is not None
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[id(child)] = parent
        for node in ast.walk(tree):  # instances first: a method may be called above its assignment
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
                    klass = self._annotated(arg.annotation)
                    if klass is not None:
                        self.instances[("name", id(node), arg.arg)] = klass
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                klass = self._class_of(node.value)
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    key = self._key(target)
                    if klass is not None and key is not None:
                        self.instances[key] = klass
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                self._call(node)
        return self.found

    # --- what a name holds ----------------------------------------------------------------
    def _target(self, func: ast.expr) -> tuple[_Module, str] | None:
        spelled = _dotted(func)
        if spelled is None:
            return None
        if spelled in self.names:
            return self.names[spelled]
        prefix, _, name = spelled.rpartition(".")
        return (self.aliases[prefix], name) if prefix in self.aliases else None

    def _annotated(self, annotation: ast.expr | None) -> tuple[_Module, str] | None:
        """The imported class an annotation names: ``C``, ``"C"``, ``C | None``, ``Optional[C]``."""
        if annotation is None:
            return None
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            return self.names.get(annotation.value.strip())
        if isinstance(annotation, ast.BinOp):
            return self._annotated(annotation.left) or self._annotated(annotation.right)
        if isinstance(annotation, ast.Subscript):
            return self._annotated(annotation.slice)
        return self._target(annotation)

    def _class_of(self, value: ast.expr) -> tuple[_Module, str] | None:
        """The imported class ``value`` holds an instance of: ``C(...)``, or a parameter
        annotated ``C``."""
        if isinstance(value, ast.Call):
            return self._target(value.func)
        if isinstance(value, ast.Name):
            function = self._function(value)
            return self.instances.get(("name", id(function), value.id)) if function is not None else None
        return None

    def _key(self, node: ast.expr) -> tuple[str, int, str] | None:
        if isinstance(node, ast.Name):
            function = self._function(node)
            return ("name", id(function) if function is not None else 0, node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            klass = self._enclosing(node, ast.ClassDef)
            return ("attr", id(klass), node.attr) if klass is not None else None
        return None

    def _enclosing(self, node: ast.AST, kind) -> ast.AST | None:
        parent = self.parents.get(id(node))
        while parent is not None and not isinstance(parent, kind):
            parent = self.parents.get(id(parent))
        return parent

    def _function(self, node: ast.AST) -> ast.AST | None:
        return self._enclosing(node, (ast.FunctionDef, ast.AsyncFunctionDef))

    # --- calls --------------------------------------------------------------------------
    def _call(self, call: ast.Call) -> None:
        func = call.func
        target = self._target(func)
        if target is not None:
            origin, name = target
            phase = self._phase(call, {a.id for a in call.args if isinstance(a, ast.Name)}
                                | {k.value.id for k in call.keywords if isinstance(k.value, ast.Name)})
            if phase is not None:
                self.found.append((origin, name, phase, call.lineno))
            return
        if isinstance(func, ast.Attribute):
            key = self._key(func.value)
            klass = self.instances.get(key) if key is not None else None
            if klass is not None and self._phase(call, set()) == "during" \
                    and not _opens_a_session(klass[0], f"{klass[1]}.{func.attr}"):
                # (a method opening its own session, `while True: await live.run()`, is a
                # reconnect loop: each call is a new session, not a message of one)
                self.found.append((klass[0], f"{klass[1]}.{func.attr}", "during", call.lineno))

    def _phase(self, call: ast.Call, passed: set[str]) -> str | None:
        """``"seed"`` / ``"during"`` / None for a call handing over the names ``passed``."""
        node: ast.AST = call
        statement: ast.AST = call
        parent = self.parents.get(id(node))
        while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if isinstance(parent, (ast.While, ast.AsyncFor)) and node not in parent.orelse:
                return "during"
            if isinstance(parent, ast.For) and node not in parent.orelse:
                return None
            if isinstance(parent, (ast.With, ast.AsyncWith)) and any(
                    isinstance(item.optional_vars, ast.Name) and item.optional_vars.id in passed
                    for item in parent.items):
                return None if self._exchange_before(parent, statement) else "seed"
            if isinstance(parent, ast.stmt) and not isinstance(node, ast.stmt):
                statement = parent
            if isinstance(node, ast.stmt):
                statement = node
            node, parent = parent, self.parents.get(id(parent))
        return None

    @staticmethod
    def _exchange_before(block: ast.With | ast.AsyncWith, statement: ast.AST) -> bool:
        """Something in ``block`` above ``statement`` sends realtime input, reads a reply or
        starts a task."""
        line = getattr(statement, "lineno", 0)
        for node in ast.walk(block):
            if isinstance(node, ast.Call) and getattr(node, "lineno", line) < line:
                name = node.func.attr if isinstance(node.func, ast.Attribute) else \
                    node.func.id if isinstance(node.func, ast.Name) else ""
                if name in _EXCHANGE:
                    return True
        return False


def _opens_a_session(module: _Module, qualname: str) -> bool:
    """The function or ``"Class.method"`` ``qualname`` of ``module`` opens a Live session
    itself (``<client>.aio.live.connect(...)``)."""
    for key, function, _ in _functions_and_methods(module.tree) if module.tree is not None else ():
        if key == qualname:
            return any(_opens_live(node) for node in ast.walk(function))
    return False


def _entered(value: ast.expr) -> ast.expr:
    """``x`` for ``await x``, ``await x.__aenter__()``."""
    if isinstance(value, ast.Await):
        value = value.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
            and value.func.attr in ("__aenter__", "__enter__") and not value.args:
        value = value.func.value
    return value


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _read(path: str, max_bytes: int | None) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            if max_bytes and os.fstat(handle.fileno()).st_size > max_bytes:
                return None
            return handle.read()
    except OSError:
        return None


def _resolve(name: str, importer: _Module, table: _Table) -> _Module | None:
    """The module of the run ``name`` is, seen from ``importer``: the only one, else the one in
    the importer's folder (a script's folder comes first on ``sys.path``)."""
    found = table.find(name)
    # (a script putting another folder on sys.path imports that folder's namespace modules too)
    if b"sys.path" not in table.texts.get(importer.path, b""):
        found = [m for m in found if not m.scoped or name not in m.scoped
                 or importer.path.startswith(m.scoped[name] + os.sep)]
    if len(found) == 1:
        return found[0]
    folder = os.path.dirname(importer.path)
    near = [m for m in found if os.path.dirname(m.path) == folder or
            os.path.dirname(os.path.dirname(m.path)) == folder and m.path.endswith("__init__.py")]
    if len(near) == 1:
        return near[0]
    if found:
        return None
    # A name no root of the run gives: a script's folder is on sys.path when it runs, and a
    # module that puts its folder or one above it there (`sys.path.insert(0,
    # str(Path(__file__).parent))`) imports from it (`from home_agent.agent import agent`).
    data = table.texts.get(importer.path, b"")
    bases = [folder, *((os.path.dirname(folder), os.path.dirname(os.path.dirname(folder))) if b"sys.path" in data else ())]
    relative = name.replace(".", os.sep)
    for base in bases:
        for candidate in (os.path.join(base, relative + ".py"), os.path.join(base, relative, "__init__.py")):
            if candidate in table.path_set:
                return table.module_at(candidate)
    return None


def _base(module: _Module, node: ast.ImportFrom) -> str | None:
    """The absolute module name of a ``from X import ...`` statement, relative ones resolved."""
    base = node.module or ""
    if not node.level:
        return base
    if module.package is None:
        # a folder without __init__.py is a namespace package: `from .x import Y` there names
        # the sibling module x (its folder is a root of the run)
        return base if node.level == 1 and base else None
    parts = module.package.split(".")
    if len(parts) < node.level:
        return None
    return ".".join(parts[:len(parts) - node.level] + ([base] if base else []))


def _defining(target: _Module, name: str, table: _Table, depth: int = 0) -> tuple[_Module, str]:
    """Where ``from <target> import name`` gets ``name`` from: through a package's
    ``__init__.py`` that imports it from one of its modules (``from .session import
    LiveSession``), up to three such steps; else ``target`` itself."""
    if depth >= 3 or not target.path.endswith("__init__.py") or table.tree(target) is None:
        return target, name
    for node in _top_statements(target.tree.body):  # type: ignore[union-attr]
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) != name:
                    continue
                base = _base(target, node)
                origin = _resolve(base, target, table) if base else None
                if origin is not None and origin is not target:
                    return _defining(origin, alias.name, table, depth + 1)
    return target, name


def _imports(module: _Module, table: _Table) -> tuple[dict[str, tuple[_Module, str]], dict[str, tuple[_Module, str]],
                                                      dict[str, _Module]]:
    """What ``module`` imports from the modules of the run: local spelling → (defining module,
    export key) for every export (a model id, a Live URL); local name → (defining module, name)
    for every name (a class or function it may hand a session or a model to); local module
    alias → module (``import audio.capture as cap``: ``cap.X``)."""
    found: dict[str, tuple[_Module, str]] = {}
    names: dict[str, tuple[_Module, str]] = {}
    aliases: dict[str, _Module] = {}

    def module_alias(local: str, target: _Module) -> None:
        if target is module:
            return
        aliases[local] = target
        if not target.exports:
            return
        for export in [*target.exports, *(target.instances or ())]:
            head = head_word(export)
            for suffix, key in _spellings(target, head):
                found.setdefault(f"{local}.{head}{suffix}", (target, key))

    assert module.tree is not None
    for node in _statements(module.tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name, module, table)
                if target is not None:
                    module_alias(alias.asname or alias.name, target)
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, node)
            if base is None:
                continue
            for alias in node.names:
                local = alias.asname or alias.name
                submodule = _resolve(f"{base}.{alias.name}" if base else alias.name, module, table)
                if submodule is not None:
                    module_alias(local, submodule)
                    continue
                target = _resolve(base, module, table) if base else None
                if target is None or target is module:
                    continue
                target, name = _defining(target, alias.name, table)
                if target is module:
                    continue
                names.setdefault(local, (target, name))
                if not target.exports:
                    continue
                for suffix, key in _spellings(target, name):
                    found.setdefault(f"{local}{suffix}", (target, key))
    return found, names, aliases
