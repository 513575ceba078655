"""`api_version="v1alpha"` on a Live client that the target no longer needs it for.

## What it does
Flags `http_options={"api_version": "v1alpha"}` (also `{"apiVersion": ...}`,
`types.HttpOptions(api_version="v1alpha")`, a name bound to one) on a `genai.Client(...)` the
module opens Live sessions with (a client whose use the module does not show counts only when the
module opens its sessions on no client it builds: a `v1alpha` factory beside the module's Live
client, which only tests call, is not one; decided after measurement 40), and `http_options.api_version="v1alpha"` in a Live config
(per-session options). Not flagged: a client holding an ephemeral token (also when its key is
chosen at run time between a token and a key, `token if direct else API_KEY`: the token path
needs the version), sessions opened only on such clients, a client that mints tokens
(`auth_tokens.create`: tokens are documented on `v1alpha`), a client used for Lyria's
`live.music` (experimental, `v1alpha` only), a Vertex AI client (but a client whose Vertex flag
is a run-time value, `vertexai=self._opts.vertexai`, gets a `v1alpha` chosen only when that flag
is off, `if ... and not self._opts.vertexai: api_version = "v1alpha"`, reported: that path is the
Gemini API's; LiveKit's plugin), and `v1alpha` kept beside
proactive audio or affective dialog that only 2.x sessions use (a version-gated branch keeps
2.5 working and needs it), also when another module's builder of the sessions' config sets them
(`self._build_config()` of a mixin naming `enable_affective_dialog`: LM003 / LM004 report them
there unless they are gated).

A token client gets no finding rather than a fix to `v1beta`. Tokens work on `v1alpha` and
`v1beta` only (never on `v1`, the SDK default since google-genai 3.0; LM502), so removing the
version would break the token path. `v1beta` does work (Google's own token example moved to
it), but `v1alpha` is the version the token documentation names, and the SDK raises an
`ExperimentalWarning` ("ephemeral token support is in v1alpha only") on every session opened
with a token on any other version: trading the documented version for a warning buys nothing.

In a run over the project, HTTP options handed to another module's class or function that
builds its client with them and opens Live sessions on it (`LiveProcessor(...,
http_options=types.HttpOptions(api_version="v1alpha"))`) are reported on the version, with no fix
(the client is built elsewhere). A constant that other modules' clients opening Live sessions take
as their `api_version` (`API_VERSION = "v1alpha"` in `config.py`, read by
`genai.Client(http_options={"api_version": API_VERSION})` in each handler) is reported once,
on the literal, with no fix (the clients that read it are in other modules; a module that
uses ephemeral tokens does not count). A client factory (`def get_client(): return
genai.Client(..., http_options=HttpOptions(api_version="v1alpha"))` in a `genai_client.py`)
whose client another module opens Live sessions on (`client = get_client()` ...
`client.aio.live.connect(...)`) is a Live client too (decided after measurement 28), and so is
a module-level client another module imports and connects on (`from clients import GEMINI`);
not when any module mints tokens or plays Lyria (`GEMINI.aio.live.music.connect(...)`, also on
a factory's client) on it, or opens its sessions in a module whose code sets affective dialog or
proactive audio (a keyword, a key or an assignment, kept for 2.x behind a model gate or not yet
removed: LM003 / LM004 report those there; once they are gone, the client is reported; the
words in a prompt or a comment do not count).

2.x Live code set `v1alpha` for affective dialog and proactive audio (and, in the first Live
preview, for Live itself). The rule flags every `v1alpha` on such a client, whatever comment
explains it: on the target no Live feature of a client holding a long-lived key needs it.
Options chosen at run time (a probe trying each version, `for version in ["v1beta", "v1alpha"]:
genai.Client(http_options={"api_version": version})`, measurement 44; a probe function's
`api_version` parameter filled by the module's calls, `try_pair(model, "v1alpha")` or a loop over
(model, version) pairs, when its client serves only Live, and an argparse option's default or
choices, `args.api_version`: measurement 53; `http_options = None`, then `HttpOptions(api_version="v1alpha")` when an affective-dialog or
proactive-audio flag is on, `"api_version": "v1alpha" if opts.proactive else "v1beta"`, or a
framework's fallback for its caller's options, `http_options or HttpOptions(api_version="v1alpha")`,
or a version set on the options after they are built, `http_options.api_version = api_version`
with `api_version = "v1alpha"` under such a flag, or set on the local keyword dict the
client is built from, `client_kwargs["http_options"] = {"api_version": "v1alpha"}` when the
user turns the features on (measurement 49), or filled into the keyword dict a method
returns for `genai.Client(**self._client_config)`) are
reported on the `"v1alpha"` that can reach the client, without a fix: a feature flag is not a model gate, and on the target the feature it turns on is gone.

## Why is this bad?
The target does not support affective dialog or proactive audio (3.8: proactive audio is always
on, affective dialog is gone), so `v1alpha` buys nothing and keeps the client on the
alpha surface, which changes without notice. Google's own 3.1 migration of its Live sample
dropped the `api_version`.

## Example
```python
client = genai.Client(http_options={"api_version": "v1alpha"})
```

## Use instead
```python
client = genai.Client()
```

## Fix safety
Unsafe: the `api_version` (or the whole `http_options` when it held nothing else) is removed,
so the client uses the SDK's default version (`v1` from google-genai 3.0, `v1beta` before).
That changes the endpoint of everything the client does. The fix waits until no ungated
`proactivity` / `enable_affective_dialog` is left (LM003 and LM004 remove them first: on a 2.x
model they need `v1alpha`). No fix when the file uses ephemeral tokens (a token client needs
`v1alpha` or `v1beta`: check which client carries them), when the client also serves other
calls (`models.generate_content`, ...), when the options are not written in the module, or
when a session's config is built where the module cannot see it (a function of another module:
it may set affective dialog or proactive audio, which older models need `v1alpha` for).

## References
- Gemini 3.1 Flash Live model page (affective dialog and proactive audio not supported):
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
- Gemini 3.8 Live model page: https://ai.google.dev/gemini-api/docs/models/gemini-3.8-live
- These fields on v1beta: 1007 "Unknown name": https://github.com/google-gemini/cookbook/issues/775
- Google's 3.1 migration of its Live sample (the `api_version` removed):
  https://github.com/google-gemini/cookbook/pull/1224
- Ephemeral tokens (v1alpha): https://ai.google.dev/gemini-api/docs/ephemeral-tokens
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import alpha_fields, genai_clients, live_sessions, string_value, uses_ephemeral_tokens
from livemigrate.edits import KeyChange, Splice
from livemigrate.fixes import fix_for, live_entries, remove_entry, siblings
from livemigrate.rule import Applicability, Fix, FixAvailability, Invalid, Rule, RuleContext

_ALPHA = "v1alpha"


def _version_written(options: cst.BaseExpression) -> cst.BaseExpression | None:
    """Where HTTP options written here set ``api_version``: ``types.HttpOptions(api_version=...)``
    or ``{"api_version": ...}`` (either spelling)."""
    if isinstance(options, cst.Call):
        return next((a.value for a in options.args if a.keyword is not None and a.keyword.value == "api_version"), None)
    if isinstance(options, cst.Dict):
        return next((e.value for e in options.elements if isinstance(e, cst.DictElement)
                     and string_value(e.key) in ("api_version", "apiVersion")), None)
    return None


def _chosen(value: cst.BaseExpression | None) -> tuple[tuple[str, cst.BaseExpression], ...]:
    """The literals an api_version chosen by a conditional expression can be
    (``"v1alpha" if opts.proactive else "v1beta"``), each with where it is written."""
    pending, found = [value], []
    while pending:
        node = pending.pop(0)
        if isinstance(node, cst.IfExp):
            pending += [node.body, node.orelse]
        elif node is not None and string_value(node) is not None:
            found.append((string_value(node), node))
    return tuple(found)


def _remove_version(client) -> Fix | None:
    """Remove the api_version, or the whole http_options argument when that was all it held."""
    element = client.version_element
    if element is None or client.options is None:
        return None
    others = [e for e in (client.options.args if isinstance(client.options, cst.Call) else client.options.elements)
              if e is not element]
    if not others and client.options_inline:
        edit = Splice(client.options_arg, (), key=KeyChange("http_options"))
    else:
        edit = Splice(element, (), key=KeyChange("api_version"))
    return Fix(Applicability.UNSAFE, (edit,), "remove api_version v1alpha")


def _built_elsewhere(live, config: cst.BaseExpression | None) -> bool:
    """A session's config this module does not build: a call of a function it does not define
    (``build_config()`` imported), or a name bound to nothing here (an imported ``CONFIG``)."""
    if config is None:
        return False
    value = live.resolve_value(config)
    if isinstance(value, cst.Call):
        if live.imports.types_name(value.func) is not None or live.callee(value) is not None:
            return False
        # `self.settings.live_config()`: a method of some class of this module, by its name
        name = value.func.attr.value if isinstance(value.func, cst.Attribute) else \
            value.func.value if isinstance(value.func, cst.Name) else None
        return name is None or not live.defines_function(name)
    if isinstance(value, cst.Name) and value.value != "None":
        return not live.values_of(value) and live.parameter_values(value) is None
    return False


class AlphaApiVersion(Rule):
    id = "LM007"
    name = "alpha-api-version"
    message = "api_version v1alpha on a Live client: the target needs no alpha feature"
    fix_availability = FixAvailability.SOMETIMES
    advisory = True  # the same on the old model and the target: it does not hold the model back

    VALID = [
        # a token client: tokens are documented on v1alpha
        "from google import genai\n"
        "def session_client(token):\n"
        "    client = genai.Client(api_key=token.name, http_options={'api_version': 'v1alpha'})\n"
        "    return client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={})\n",
        # the key is a token on one path: the token path needs v1alpha (or v1beta)
        "import os\nfrom google import genai\n"
        "def session_client(token=None):\n"
        "    client = genai.Client(api_key=token if token else os.environ['GEMINI_API_KEY'],\n"
        "                          http_options={'api_version': 'v1alpha'})\n"
        "    return client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={})\n",
        # the server minting tokens
        "from google import genai\n"
        "client = genai.Client(http_options={'api_version': 'v1alpha'})\n"
        "def mint():\n    return client.auth_tokens.create(config={'uses': 1}).name\n",
        # Lyria RealTime is only on v1alpha
        "from google import genai\n"
        "client = genai.Client(http_options={'api_version': 'v1alpha'})\n"
        "async def play():\n"
        "    async with client.aio.live.music.connect(model='models/lyria-realtime-exp') as session:\n"
        "        pass\n",
        # v1alpha kept for the 2.5 branch of version-gated code
        "from google import genai\n"
        "client = genai.Client(http_options={'api_version': 'v1alpha'})\n"
        "async def run(model):\n"
        "    config = {'response_modalities': ['AUDIO']}\n"
        "    if model.startswith('gemini-2'):\n"
        "        config['enable_affective_dialog'] = True\n"
        "    async with client.aio.live.connect(model=model, config=config) as s:\n"
        "        pass\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\n"
            "# Affective dialog needed v1alpha.\n"
            "client = genai.Client(http_options={'api_version': 'v1alpha'})\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text='hi')\n",
            fixed="from google import genai\n"
            "# Affective dialog needed v1alpha.\n"
            "client = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text='hi')\n",
            unsafe=True, line=3,
        ),
        Invalid(  # other options stay
            "import os\nfrom google import genai\nfrom google.genai import types\n"
            "client = genai.Client(api_key=os.environ['GEMINI_API_KEY'],\n"
            "                      http_options=types.HttpOptions(api_version='v1alpha', timeout=30_000))\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        pass\n",
            fixed="import os\nfrom google import genai\nfrom google.genai import types\n"
            "client = genai.Client(api_key=os.environ['GEMINI_API_KEY'],\n"
            "                      http_options=types.HttpOptions(timeout=30_000))\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        pass\n",
            unsafe=True,
        ),
        Invalid(  # switched on by a feature flag: reported where it is written, no fix
            "from google import genai\nfrom google.genai import types\n"
            "def make_client(affective: bool):\n"
            "    options = None\n"
            "    if affective:\n"
            "        options = types.HttpOptions(api_version='v1alpha')\n"
            "    client = genai.Client(http_options=options)\n"
            "    return client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={})\n",
            line=6,
        ),
        Invalid(  # proactivity still set: remove it first (LM003), no fix yet
            "from google import genai\n"
            "client = genai.Client(http_options={'api_version': 'v1alpha'})\n"
            "CONFIG = {'proactivity': {'proactive_audio': True}}\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        pass\n",
            message="proactivity",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        fields = alpha_fields(live)
        if fields and all(live.is_legacy_only(f.entry.node) for f in fields):
            return  # v1alpha serves the 2.x branch of version-gated code
        if any(live.built_elsewhere_with(config, field) for config in live.configs
               for field in ("proactivity", "enable_affective_dialog")):
            # the sessions' config comes from another module's builder that sets proactive audio
            # or affective dialog (for 2.x models, or LM003 / LM004 report it there): they need
            # v1alpha as long as it does
            return
        pending = sorted({f.entry.key for f in fields if not live.is_legacy_only(f.entry.node)})
        clients = genai_clients(live)
        tokens = uses_ephemeral_tokens(live)
        claim = ctx.target.claim("alpha_api_version")
        unseen = any(s.connect is not None and _built_elsewhere(live, s.connect.config_expr)
                     for s in live_sessions(live) if not s.legacy_only)
        said: set[int] = set()  # options literals reported (one per literal, whatever number of clients take it)
        for client in clients:
            if client.token or client.uses & {"tokens", "music"}:  # a key chosen between a token and a key too
                continue
            if client.version is None and not live.is_legacy_only(client.call) and self._opens_live(live, client):
                # options chosen at run time (`HttpOptions(api_version="v1alpha")` behind a
                # feature flag): each v1alpha that can reach the client, no fix
                for version, written in client.alternatives or _chosen(client.version_value):
                    if id(written) in said:
                        continue  # the same options given to two clients (`Client(api_key=k, http_options=o)` or `Client(http_options=o)`)
                    said.add(id(written))
                    if version == _ALPHA and not live.is_legacy_only(written) and (
                            client.backend != "vertex" or not live.on_vertex(written)):
                        ctx.report(written, f"api_version {_ALPHA} on a Live client: {claim}; remove it"
                                   + "".join(self._notes(pending, tokens, client.uses - {"live"})))
                continue
            if client.version != _ALPHA:
                continue
            if client.backend == "vertex" or live.is_legacy_only(client.call):
                continue
            if not self._opens_live(live, client):
                continue
            assert client.version_value is not None
            notes, fix = self._notes(pending, tokens, client.uses - {"live"}), None
            if unseen:
                # a config built where this module cannot see it may turn on what v1alpha serves
                notes.append("; a session's config is built where this module cannot see it (it may set "
                             "`enable_affective_dialog` or `proactivity`, which older models need v1alpha for): "
                             "check it first")
            if not notes:
                fix = _remove_version(client)
            ctx.report(client.version_value, f"api_version {_ALPHA} on a Live client: {claim}; remove it"
                       + "".join(notes), fix)
        # Sessions opened only on clients that may hold a token: their v1alpha is what keeps
        # the token off the SDK's default v1.
        live_clients = [c for c in clients if self._opens_live(live, c)]
        token_sessions = bool(live_clients) and all(c.token for c in live_clients)
        for located in live_entries(ctx):
            entry = located.entry
            if entry.path != ("http_options", "api_version") or string_value(entry.value) != _ALPHA:
                continue
            if token_sessions:
                continue
            notes = self._notes(pending, tokens, frozenset())
            fix = None
            if not notes:
                holder = next((e for e in live.entries_of(located.config) if e.path == ("http_options",)), None)
                alone = not siblings(ctx, entry) and holder is not None and entry.container is not None \
                    and live.resolve_value(holder.value) is entry.container
                fix = fix_for(located, "remove api_version v1alpha", remove_entry(holder if alone else entry),
                              applicability=Applicability.UNSAFE)
            ctx.report(entry.key_node, f"api_version {_ALPHA} for this Live session: {claim}; remove it"
                       + "".join(notes), fix)
        # HTTP options handed to another module's class that builds its client with them and
        # opens Live sessions on it (`LiveProcessor(..., http_options=HttpOptions(api_version="v1alpha"))`)
        if not tokens:
            for argument in live.live_http_options_arguments():
                written = _version_written(live.resolve_value(argument))
                if written is not None and string_value(written) == _ALPHA and not live.is_legacy_only(written):
                    ctx.report(written, f"api_version {_ALPHA} for the Live client another module builds with these "
                                        f"options: {claim}; remove it" + "".join(self._notes(pending, tokens, frozenset())))
        # A constant other modules' Live clients take as their api_version (a run over the
        # project): reported once, where the literal is written; the clients are fixed by hand.
        for literal in live.exported_api_versions():
            if not live.is_legacy_only(literal):
                ctx.report(literal, f"api_version {_ALPHA} given to Live clients in other modules: {claim}; "
                           f"remove the api_version option from those clients (and this constant)")

    @staticmethod
    def _opens_live(live, client) -> bool:
        """A client this module opens Live sessions with (or, when the module opens sessions on
        no client it builds, one whose use it does not show: it may be the one it gets back)."""
        return "live" in client.uses or (not client.uses and bool(live.connects)
                                          and not any("live" in c.uses for c in genai_clients(live)))

    @staticmethod
    def _notes(pending: list[str], tokens: bool, other_uses: frozenset[str]) -> list[str]:
        notes = []
        if pending:
            verb = "is" if len(pending) == 1 else "are"
            rules = ", ".join(sorted({"LM004" if "affective" in k else "LM003" for k in pending}))
            notes.append(f" once {' and '.join(f'`{k}`' for k in pending)} {verb} gone from the config ({rules}): "
                         f"older models need it for {'it' if len(pending) == 1 else 'them'}")
        if tokens:
            notes.append("; this file uses ephemeral tokens, which need v1alpha or v1beta: keep it on the client "
                         "that carries them")
        if other_uses:
            notes.append("; the client also serves other calls, check that none needs v1alpha")
        return notes
