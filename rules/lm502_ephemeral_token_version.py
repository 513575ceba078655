"""A client holding an ephemeral token on the `v1` API version (explicitly, or by the SDK default).

## What it does
Flags a `genai.Client(...)` built with an ephemeral token (a literal `"auth_tokens/..."`, the
`.name` of what `auth_tokens.create` returns, or a value named for a token: `token.name`,
`ephemeral_token`, `data["token"]`, `fetch_token()`; never a value read from the environment)
whose `http_options` set `api_version="v1"`, or set no `api_version` at all (any spelling:
`{"api_version": ...}`, `{"apiVersion": ...}`, `types.HttpOptions(api_version=...)`, a name
bound to one). Raw clients too: a
`...generativelanguage.v1.GenerativeService.BidiGenerateContentConstrained` URL (a literal, or
an f-string or concatenation whose pieces make one). `v1alpha` and `v1beta` are both accepted
and not reported.

The finding is on the `genai.Client(` call, also when an explicit `"v1"` is written on another
line (the message names that line; the fix still edits the version where it is written). What
is wrong is the pair: a token and a version it does not work on, and the two only meet in the
client. The same `HttpOptions(api_version="v1")` may serve a client holding the server's key,
where `v1` is right; and one place per client, whether the version is missing or explicit,
keeps a `# noqa: LM502` on the client working when the options change. Raw URLs are reported on
the string that names the version.

## Why is this bad?
Ephemeral tokens are documented on `v1alpha` only, and Google's own token example has since
moved to `v1beta`; neither the documentation nor any project reports them working on `v1`.
google-genai 3.0 changed the Gemini API's default version from `v1beta` to `v1`, so a token
client that sets no version, which worked on google-genai 2.x, opens
`...v1.GenerativeService.BidiGenerateContentConstrained` after an SDK upgrade (the SDK only
warns: "ephemeral token support is in v1alpha only"). A client without a version is reported
on every SDK: on 2.x it reaches `v1beta` by accident of the default, on 3.x it fails.
When the module sets `GOOGLE_GENAI_API_VERSION` itself, or a Live config of the module sets
`http_options.api_version` for its sessions, the missing version is not reported.

## Example
```python
client = genai.Client(api_key=token.name)
```

## Use instead
```python
client = genai.Client(api_key=token.name, http_options={"api_version": "v1alpha"})
```

## Fix safety
Safe: `v1alpha` is the version ephemeral tokens are documented on, and a token only opens
Live sessions, so nothing else the client does changes. The fix sets `"v1alpha"` in the
spelling of the client's options (adds `http_options={"api_version": "v1alpha"}`, adds the key
to an existing options dict or `HttpOptions(...)` call, or replaces `"v1"`), or rewrites the
version in a raw URL. No fix when the options are not one literal written in the module.
Unsafe when the key is chosen at run time between a token and a long-lived key (`api_key=token
if direct else API_KEY`, `token or API_KEY`, a name bound to both, `None` as one choice: the
SDK's key from the environment): the version is the client's, so the long-lived key's calls
move to `v1alpha` too.

## References
- Ephemeral tokens (v1alpha): https://ai.google.dev/gemini-api/docs/ephemeral-tokens
- The SDK's warning for a token client not on v1alpha, and the constrained endpoint:
  https://github.com/googleapis/python-genai/blob/main/google/genai/live.py
- google-genai 3.0 made `v1` the default API version:
  https://github.com/googleapis/python-genai/blob/main/google/genai/_api_client.py
- Google's token example on v1beta:
  https://github.com/google-gemini/gemini-live-api-examples/blob/main/gemini-live-ephemeral-tokens-websocket/server.py
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import genai_clients, live_endpoints, string_value
from livemigrate.edits import Replace
from livemigrate.fixes import add_entry, live_entries, string_literal
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_VERSION = "v1alpha"
_WORKING = frozenset({"v1alpha", "v1beta"})


def _options_value() -> cst.Dict:
    return cst.Dict([cst.DictElement(cst.SimpleString('"api_version"'), cst.SimpleString(f'"{_VERSION}"'))])


def _set_version(client) -> Fix | None:
    """``api_version="v1alpha"`` in the client's spelling of its options."""
    if client.version_value is not None:
        element = client.version_element
        written_here = element is not None and getattr(element, "value", None) is client.version_value
        if string_value(client.version_value) is None or not written_here:
            return None  # not a literal, or a constant other code may read too
        edit = Replace(client.version_value, string_literal(_VERSION, client.version_value))
    elif client.options_arg is None:
        edit = add_entry(client.call, "http_options", _options_value())
    elif client.options is not None:
        like = next((e.key for e in client.options.elements if isinstance(e, cst.DictElement)), None) \
            if isinstance(client.options, cst.Dict) else None
        edit = add_entry(client.options, "api_version", string_literal(_VERSION, like))
    else:
        return None
    if edit is None:
        return None
    # A key chosen at run time between a token and a long-lived key: the policy makes it unsafe.
    return Fix.safe(f'api_version="{_VERSION}"', edit)


class EphemeralTokenVersion(Rule):
    id = "LM502"
    name = "ephemeral-token-version"
    message = "a client holding an ephemeral token on the v1 API version: tokens work on v1alpha (and v1beta)"
    fix_availability = FixAvailability.SOMETIMES
    advisory = True  # the same on the old model and the target: it does not hold the model back

    VALID = [
        "from google import genai\n"
        "async def open_session(token):\n"
        "    client = genai.Client(api_key=token.name, http_options={'api_version': 'v1alpha'})\n"
        "    return client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={})\n",
        "from google import genai\n"
        "client = genai.Client(api_key='auth_tokens/abc', http_options={'api_version': 'v1beta'})\n",
        # a key from the environment is not a token
        "import os\nfrom google import genai\n"
        "client = genai.Client(api_key=os.environ['GEMINI_TOKEN'])\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\n"
            "async def open_session(server):\n"
            "    token = await server.aio.auth_tokens.create(config={'uses': 1})\n"
            "    client = genai.Client(api_key=token.name)\n"
            "    return client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={})\n",
            fixed="from google import genai\n"
            "async def open_session(server):\n"
            "    token = await server.aio.auth_tokens.create(config={'uses': 1})\n"
            "    client = genai.Client(api_key=token.name, http_options={\"api_version\": \"v1alpha\"})\n"
            "    return client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={})\n",
            line=4,
        ),
        Invalid(
            "from google import genai\nfrom google.genai import types\n"
            "def client_for(ephemeral_token):\n"
            "    return genai.Client(api_key=ephemeral_token, http_options=types.HttpOptions(api_version='v1'))\n",
            fixed="from google import genai\nfrom google.genai import types\n"
            "def client_for(ephemeral_token):\n"
            "    return genai.Client(api_key=ephemeral_token, http_options=types.HttpOptions(api_version='v1alpha'))\n",
        ),
        Invalid(  # options without a version: the key is added there
            "from google import genai\n"
            "def client_for(data):\n"
            "    return genai.Client(api_key=data['token'], http_options={'timeout': 30})\n",
            fixed="from google import genai\n"
            "def client_for(data):\n"
            "    return genai.Client(api_key=data['token'], http_options={'timeout': 30, 'api_version': 'v1alpha'})\n",
        ),
        Invalid(  # raw client: the constrained endpoint on v1
            'URI = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1'
            '.GenerativeService.BidiGenerateContentConstrained?access_token={token}")\n',
            fixed='URI = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha'
            '.GenerativeService.BidiGenerateContentConstrained?access_token={token}")\n',
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        per_session = {string_value(located.entry.value) for located in live_entries(ctx)
                       if located.entry.path == ("http_options", "api_version")}
        claim = ctx.target.claim("ephemeral_token_version")
        for client in genai_clients(live):
            if not client.token or live.is_legacy_only(client.call) or client.version is None:
                continue
            if client.version in _WORKING:
                continue
            if client.version == "":
                if per_session & _WORKING:
                    continue
                ctx.report(client.call,
                           f"this client holds an ephemeral token and sets no api_version: google-genai 3.0 and "
                           f"later default to v1 (earlier releases to v1beta); {claim}; set "
                           f'http_options={{"api_version": "{_VERSION}"}}', _set_version(client))
            else:
                # On the client, not on the version: the token and the version meet there (the
                # same options may serve a key client, where v1 is fine), and one place per
                # client keeps a noqa working whichever way the version is written.
                ctx.report(client.call,
                           f"this client holds an ephemeral token on api_version {client.version!r}"
                           f"{self._written_at(ctx, client)}: {claim}; use \"{_VERSION}\"", _set_version(client))
        for endpoint in live_endpoints(live):
            if endpoint.constrained and endpoint.version not in _WORKING and not live.is_legacy_only(endpoint.node) \
                    and not all(live.is_legacy_only(site) for site in endpoint.sites):
                rewritten = endpoint.with_version(_VERSION)
                ctx.report(endpoint.node,
                           f"the ephemeral-token endpoint BidiGenerateContentConstrained on {endpoint.version}: "
                           f"{claim}; use {_VERSION}",
                           Fix.safe(f"{_VERSION} endpoint", Replace(endpoint.node, rewritten)) if rewritten else None)

    @staticmethod
    def _written_at(ctx: RuleContext, client) -> str:
        """`` (line N)`` when the version is written on another line than the client call."""
        if client.version_value is None:
            return ""
        line = ctx.position(client.version_value).start.line
        return "" if line == ctx.position(client.call).start.line else f" (line {ctx.line_of(client.version_value)})"
