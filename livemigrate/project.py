"""Facts that cross modules: the model id, URL or setting one module defines and another uses.

Real projects keep the model id and the endpoint in ``config.py`` (a constant, an
``os.getenv`` default, a settings class) and open the Live session in ``client.py``. The
rules see one module at a time; this index gives each module the little it needs of the
others, before any module is linted:

- **exports**: per module, the names bound once at module level to a string that can matter
  to Live (a model id, a Live URL: a literal, an f-string, an ``os.getenv`` default, an ``or``
  default, a ``Field(default=...)``), and the same for attributes of its classes (class-body
  fields and ``self.X = ...`` in methods; ``settings = Settings()`` makes ``settings.X`` read
  ``Settings.X``);
- **imports**: per module, which local spelling (``MODEL``, ``config.MODEL``,
  ``settings.MODEL``) reads which export (``from X import N as M``, ``from .X import N``,
  ``import X as Y; Y.N``, ``from pkg import config; config.N``);
- **uses**: per module, which imported exports it gives a Live session as its model
  (``<client>.aio.live.connect(model=...)``, a raw ``{"setup": {"model": ...}}`` frame), or a
  non-Live call (``generate_content``, ``chats.create``, ...), followed through local names,
  ``self`` attributes and f-strings.

Each file then gets a :class:`ModuleFacts` slice: the *values* of what it imports (forward
flow: which model a session runs, whether a raw socket is Live) and the names of its own
exports that other modules send to Live (backward flow: ``config.py``'s LM001 reports its
literal as if it opened the session itself). A slice holds strings only, never another
module's tree: findings and fixes stay in the module that owns the node.

Modules are named from their path relative to the roots of the run: the topmost folder of
each package (folders with ``__init__.py``) has its parent as a root, a file outside any
package has its own folder, and every path given on the command line is one too (a file may
have several names; ``from audio.capture import X`` and a sibling ``import capture`` both
work). A name two files of the run claim is resolved to the one in the importer's folder, else
to none.

Scope (as ruff and pyright do for a run): the index covers the files of the run, nothing
else. ``livemigrate check client.py`` alone learns nothing of ``config.py``; a run over the
project, or over both files, does. The library's ``check_bytes`` gets no slice.

Cost: the files of the run are read once more and tested for a model id or a Live URL with a
byte search; only those (usually a handful) are parsed, with :mod:`ast` (a tenth of libcst's
time), and the files that mention one of their exported names after that. A run whose files
define no such value parses nothing here.
"""

from __future__ import annotations

import ast
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Container, Iterable, Iterator, Mapping

from livemigrate.prefilter import LIVE_VALUE_WORDS, may_define_live_value

__all__ = ["ModuleFacts", "ProjectIndex", "build_project_index"]

# What a value must hold to be exported: a Gemini model id, or a piece of a Live URL.
_RELEVANT = LIVE_VALUE_WORDS
# Stands for a part of an f-string the defining module cannot tell (a key, a parameter).
UNKNOWN = "\x00"
_ENV_GETTERS = {"getenv", "get"}
_FIELD_CALLS = {"Field", "field", "attrib", "ib"}
# google-genai calls that take a model and are not Live (as in live_model).
_NON_LIVE_METHODS = {"generate_content", "generate_content_stream", "count_tokens", "compute_tokens",
                     "embed_content", "generate_images", "edit_image", "generate_videos"}
_NON_LIVE_CREATORS = {"chats", "caches", "batches", "tunings"}
_MAX_HOPS = 4


@dataclass(frozen=True)
class ModuleFacts:
    """What one module needs of the others (strings only; picklable, hashable).

    ``imported``: (local spelling, value) for every imported export it can read
    (``"MODEL"``, ``"config.MODEL"``). ``to_live`` / ``to_non_live``: its own exports
    (``"MODEL"``, ``"Settings.MODEL"``) that other modules give a Live session / a non-Live
    call as its model."""

    imported: tuple[tuple[str, str], ...] = ()
    to_live: tuple[str, ...] = ()
    to_non_live: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.imported or self.to_live or self.to_non_live)

    def value_of(self, spelling: str) -> str | None:
        """The value an imported spelling reads, if it reads one."""
        for name, value in self.imported:
            if name == spelling:
                return value
        return None

    def digest(self) -> str:
        """A stable digest of the slice (part of a file's cache key)."""
        import hashlib  # only a run with a cache asks

        text = repr((self.imported, self.to_live, self.to_non_live))
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


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
    return value is not None and any(word in value for word in _RELEVANT)


@dataclass(eq=False)
class _Module:
    """One file of the run as the index sees it."""

    path: str  # absolute
    names: tuple[str, ...]  # dotted names, one per root it is under
    package: str | None  # its name from its package root (relative imports), if in a package
    tree: ast.Module | None = None
    exports: dict[str, str] | None = None  # "N" / "Class.N" → value
    instances: dict[str, str] | None = None  # module-level "obj = Class()" → "Class"


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
    module.exports = exports
    module.instances = {obj: klass for obj, klass in instances.items() if klass in classes}


def _spellings(module: _Module, export_name: str) -> Iterator[tuple[str, str]]:
    """(suffix after the imported name, export key) for what importing ``export_name`` of
    ``module`` gives: the export itself, or a class's / an instance's attributes."""
    assert module.exports is not None and module.instances is not None
    if export_name in module.exports:
        yield "", export_name
    klass = module.instances.get(export_name, export_name)
    prefix = f"{klass}."
    for key in module.exports:
        if key.startswith(prefix):
            yield f".{key[len(prefix):]}", key


class _Uses(ast.NodeVisitor):
    """The imported exports a module gives Live (or non-Live) calls as their model."""

    def __init__(self, imported: dict[str, tuple[_Module, str]]) -> None:
        self.imported = imported
        self.scopes: list[ast.AST] = []
        self.classes: list[ast.ClassDef] = []
        self.assigned: dict[tuple[int, str], list[ast.expr]] = defaultdict(list)
        self.self_assigned: dict[tuple[int, str], list[ast.expr]] = defaultdict(list)
        self.sites: list[tuple[ast.expr, list[ast.AST], ast.ClassDef | None, bool]] = []

    def run(self, tree: ast.Module) -> tuple[set[tuple[_Module, str]], set[tuple[_Module, str]]]:
        self.scopes = [tree]
        self.visit(tree)
        live: set[tuple[_Module, str]] = set()
        other: set[tuple[_Module, str]] = set()
        for expr, scopes, klass, to_live in self.sites:
            (live if to_live else other).update(self._refs(expr, scopes, klass, 0))
        return live, other

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

    def _bind(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.assigned[(id(self.scopes[-1]), target.id)].append(value)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                and target.value.id == "self" and self.classes:
            self.self_assigned[(id(self.classes[-1]), target.attr)].append(value)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        model = next((k.value for k in node.keywords if k.arg in ("model", "model_name")), None)
        if isinstance(func, ast.Attribute) and model is not None:
            owner = func.value.attr if isinstance(func.value, ast.Attribute) else None
            if func.attr == "connect" and owner == "live":
                self._site(model, True)
            elif func.attr in _NON_LIVE_METHODS or (func.attr == "create" and owner in _NON_LIVE_CREATORS):
                self._site(model, False)
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "GenerativeModel":  # google-generativeai's text model
            self._site(model if model is not None else node.args[0] if node.args else None, False)
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
              depth: int) -> Iterator[tuple[_Module, str]]:
        if depth > _MAX_HOPS:
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
                    return
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self" \
                and klass is not None:
            for value in self.self_assigned.get((id(klass), expr.attr), ()):
                yield from self._refs(value, scopes, klass, depth + 1)
            return
        if spelled is not None and spelled in self.imported:
            yield self.imported[spelled]
        elif isinstance(expr, ast.JoinedStr):
            for part in expr.values:
                if isinstance(part, ast.FormattedValue):
                    yield from self._refs(part.value, scopes, klass, depth + 1)
        elif isinstance(expr, ast.BoolOp):
            for value in expr.values:
                yield from self._refs(value, scopes, klass, depth + 1)
        elif isinstance(expr, ast.IfExp):
            yield from self._refs(expr.body, scopes, klass, depth + 1)
            yield from self._refs(expr.orelse, scopes, klass, depth + 1)
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
                and expr.func.attr in _ENV_GETTERS and len(expr.args) >= 2:
            yield from self._refs(expr.args[1], scopes, klass, depth + 1)


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


def _module_names(path: str, roots: list[str], init_cache: dict[str, bool]) -> tuple[tuple[str, ...], str | None]:
    """The dotted names of the module at ``path`` (see the module docstring), and its name
    from its package root when it is in a package."""
    def has_init(folder: str) -> bool:
        if folder not in init_cache:
            init_cache[folder] = os.path.isfile(os.path.join(folder, "__init__.py"))
        return init_cache[folder]

    folder, stem = os.path.split(path)
    stem = os.path.splitext(stem)[0]
    top = folder
    while has_init(top) and os.path.dirname(top) != top:
        top = os.path.dirname(top)
    names: list[str] = []
    package = None
    for root in [top, *roots]:
        relative = os.path.relpath(os.path.join(folder, stem), root)
        if relative.startswith(os.pardir) or os.path.isabs(relative):
            continue
        parts = relative.split(os.sep)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and all(p.isidentifier() for p in parts):
            name = ".".join(parts)
            if name not in names:
                names.append(name)
            if root == top and top != folder:
                package = name
    return tuple(names), package


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


def _stem(path: str) -> str:
    """The last part of the dotted name of the module at ``path`` (its package's, for an
    ``__init__.py``)."""
    folder, base = os.path.split(path)
    stem = os.path.splitext(base)[0]
    return os.path.basename(folder) if stem == "__init__" else stem


def _parse(data: bytes, path: str) -> ast.Module | None:
    try:
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
    for root in roots:
        absolute = os.path.abspath(root)
        root_dirs.append(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    paths = [os.path.abspath(f) for f in files if str(f).endswith(".py")]
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
    for path in paths:
        if path not in texts and (readers is None or path in readers):
            data = _read(path, max_bytes)
            if data is not None:
                texts[path] = data
    import_words = {path: _imported_names(data) for path, data in texts.items()}
    named: set[bytes] = set().union(*import_words.values())
    exporting = {path: data for path, data in exporting.items() if _stem(path).encode() in named}
    if not exporting:
        return index
    init_cache: dict[str, bool] = {}
    modules: dict[str, _Module] = {}

    def module_at(path: str) -> _Module:
        module = modules.get(path)
        if module is None:
            names, package = _module_names(path, root_dirs, init_cache)
            module = modules[path] = _Module(path, names, package)
        return module

    # Only a module that exports something is worth importing; only the files that share its
    # last name can be mistaken for it (``config``: ``app/config.py``, ``config/__init__.py``).
    # Naming every file of the run (a path computation per root) cost more than the rest.
    exporting_stems = {_stem(path) for path in exporting}
    by_name: dict[str, list[_Module]] = defaultdict(list)
    for path in paths:
        if _stem(path) in exporting_stems:
            module = module_at(path)
            for name in module.names:
                by_name[name].append(module)
    words: set[bytes] = set()
    stems: set[bytes] = set()  # an importer's import statement names the module it imports from
    for path, data in exporting.items():
        module = module_at(path)
        module.tree = _parse(data, path)
        if module.tree is None:
            continue
        _read_exports(module)
        if module.exports:
            words.update(key.split(".")[0].encode() for key in module.exports)
            words.update(obj.encode() for obj in module.instances or ())
            stems.add(_stem(path).encode())
    if not words:
        return index
    imported: dict[str, list[tuple[str, str]]] = defaultdict(list)
    to_live: dict[str, set[str]] = defaultdict(set)
    to_non_live: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        module = modules.get(path)
        if module is None or module.tree is None:
            data = texts.get(path)
            if data is None or stems.isdisjoint(import_words[path]) or not any(word in data for word in words):
                continue
            module = module_at(path)
            module.tree = _parse(data, path)
            if module.tree is None:
                continue
        spellings = _imports(module, by_name)
        if not spellings:
            continue
        for spelling, (origin, key) in spellings.items():
            imported[path].append((spelling, origin.exports[key]))  # type: ignore[index]
        live, other = _Uses(spellings).run(module.tree)
        for origin, key in live:
            to_live[origin.path].add(key)
        for origin, key in other:
            to_non_live[origin.path].add(key)
    for path in set(imported) | set(to_live) | set(to_non_live):
        index._facts[path] = ModuleFacts(tuple(sorted(set(imported.get(path, ())))),
                                         tuple(sorted(to_live.get(path, ()))),
                                         tuple(sorted(to_non_live.get(path, ()))))
    return index


def _read(path: str, max_bytes: int | None) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            if max_bytes and os.fstat(handle.fileno()).st_size > max_bytes:
                return None
            return handle.read()
    except OSError:
        return None


def _resolve(name: str, importer: _Module, by_name: dict[str, list[_Module]]) -> _Module | None:
    """The module of the run ``name`` is, seen from ``importer``: the only one, else the one in
    the importer's folder (a script's folder comes first on ``sys.path``)."""
    found = by_name.get(name, [])
    if len(found) == 1:
        return found[0]
    folder = os.path.dirname(importer.path)
    near = [m for m in found if os.path.dirname(m.path) == folder or
            os.path.dirname(os.path.dirname(m.path)) == folder and m.path.endswith("__init__.py")]
    return near[0] if len(near) == 1 else None


def _imports(module: _Module, by_name: dict[str, list[_Module]]) -> dict[str, tuple[_Module, str]]:
    """Local spelling → (defining module, export key) for every export ``module`` imports."""
    found: dict[str, tuple[_Module, str]] = {}

    def module_alias(local: str, target: _Module) -> None:
        if target is module or not target.exports:
            return
        for export in [*target.exports, *(target.instances or ())]:
            head = export.split(".")[0]
            for suffix, key in _spellings(target, head):
                found.setdefault(f"{local}.{head}{suffix}", (target, key))

    assert module.tree is not None
    for node in _statements(module.tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name, module, by_name)
                if target is not None:
                    module_alias(alias.asname or alias.name, target)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                if module.package is None:
                    continue
                parts = module.package.split(".")
                if len(parts) < node.level:
                    continue
                base = ".".join(parts[:len(parts) - node.level] + ([base] if base else []))
            for alias in node.names:
                local = alias.asname or alias.name
                submodule = _resolve(f"{base}.{alias.name}" if base else alias.name, module, by_name)
                if submodule is not None:
                    module_alias(local, submodule)
                    continue
                target = _resolve(base, module, by_name) if base else None
                if target is None or target is module or not target.exports:
                    continue
                for suffix, key in _spellings(target, alias.name):
                    found.setdefault(f"{local}{suffix}", (target, key))
    return found
