"""A raw Live WebSocket URL on `v1alpha`, kept for 2.5-era features the target lacks.

## What it does
Flags the raw Live endpoint
`wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent`
written in a string, or assembled: an f-string, literals split over two lines, `"wss://" + HOST
+ "/ws/..."`, pieces held in constants (`f"{WS_BASE}.v1alpha.GenerativeService..."`,
`f"...generativelanguage.{API_VERSION}.{SERVICE}"`), a `str.format` template, also one held
in a constant and filled where it is used (`ENDPOINT.format(version=VERSION)`), a version
parameter of the function building the URL (`probe("v1alpha", model)` in a probe script: the
finding is on the string the call passes), an attribute holding it (`self.api_version`, from
the constructor's parameter, its default and what calls pass), an environment variable's
default (`os.getenv("LIVE_API_VERSION", "v1alpha")`), also a URL handed to a browser. The
finding is on the string that holds `v1alpha`: the piece of the URL, or the `API_VERSION =
"v1alpha"` constant formatted into it (once, however many URLs use it). Not flagged: the
ephemeral-token endpoint `BidiGenerateContentConstrained` (tokens are documented on
`v1alpha`; LM502 reports it on `v1`), `v1beta` and `v1` URLs, and a `v1alpha` URL in a module
whose proactive audio / affective dialog settings only 2.x sessions use (version-gated code
keeps 2.5 working and needs the alpha endpoint for them).

## Why is this bad?
Raw 2.5 clients used `v1alpha` for affective dialog and proactive audio (on `v1beta` the
server closes the session with 1007 "Unknown name"). The target supports neither, so the alpha
endpoint buys nothing and keeps the client on a surface that changes without notice; the
Gemini API's Live samples for the target use `v1beta`.

## Example
```python
URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent"
```

## Use instead
```python
URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
```

## Fix safety
Safe: `v1alpha` becomes `v1beta` in the URL, once no ungated `proactivity` /
`enableAffectiveDialog` is left in the module's setup frames (LM003 and LM004 remove them
first; on a 2.x model they need `v1alpha`). Every Live model, old or new, is served on
`v1beta`. No fix when the version comes from a constant (it may serve other URLs, or other
calls): the finding on the constant says to change it there. A version chosen by a model
gate (`"v1alpha" if model.startswith("gemini-2") else "v1beta"`) is not reported.

## References
- Live API WebSocket reference (`v1beta` endpoint):
  https://ai.google.dev/api/live
- The raw-WebSocket cookbook on 3.1: https://github.com/google-gemini/cookbook/pull/1223
- These fields on v1beta: 1007 "Unknown name": https://github.com/google-gemini/cookbook/issues/775
- Gemini 3.1 Flash Live model page:
  https://ai.google.dev/gemini-api/docs/models/gemini-3.1-flash-live-preview
"""

from __future__ import annotations

from livemigrate.analysis import alpha_fields, live_endpoints
from livemigrate.edits import Replace
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_ALPHA = "v1alpha"
_STABLE = "v1beta"


class RawEndpointVersion(Rule):
    id = "LM503"
    name = "raw-endpoint-version"
    message = "raw Live endpoint on v1alpha: the target needs no alpha feature, use v1beta"
    fix_availability = FixAvailability.SOMETIMES
    advisory = True  # the same on the old model and the target: it does not hold the model back

    VALID = [
        'URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
        '.GenerativeService.BidiGenerateContent"\n',
        # the ephemeral-token endpoint
        'URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha'
        '.GenerativeService.BidiGenerateContentConstrained?access_token={token}"\n',
        # a REST URL is not a Live endpoint
        'URL = "https://generativelanguage.googleapis.com/v1alpha/models/gemini-2.5-flash:generateContent"\n',
        # the version chosen by a model gate keeps 2.5 working
        'def uri(model):\n'
        '    version = "v1alpha" if model.startswith("gemini-2") else "v1beta"\n'
        '    return f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{version}'
        '.GenerativeService.BidiGenerateContent"\n',
    ]
    INVALID = [
        Invalid(
            'HOST = "generativelanguage.googleapis.com"\n'
            'def uri(key):\n'
            '    return f"wss://{HOST}/ws/google.ai.generativelanguage.v1alpha.GenerativeService'
            '.BidiGenerateContent?key={key}"\n',
            fixed='HOST = "generativelanguage.googleapis.com"\n'
            'def uri(key):\n'
            '    return f"wss://{HOST}/ws/google.ai.generativelanguage.v1beta.GenerativeService'
            '.BidiGenerateContent?key={key}"\n',
            line=3,
        ),
        Invalid(  # split over two literals: the piece holding the version is rewritten
            'URI = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService."\n'
            '       "BidiGenerateContent")\n',
            fixed='URI = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService."\n'
            '       "BidiGenerateContent")\n',
            line=1,
        ),
        Invalid(  # the version in a constant: reported on the constant, changed by hand
            'API_VERSION = "v1alpha"\n'
            'SERVICE = "GenerativeService.BidiGenerateContent"\n'
            'URI = f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{API_VERSION}.{SERVICE}"\n',
            line=1, message="API_VERSION",
        ),
        Invalid(  # enableAffectiveDialog still in the setup frame: LM004 removes it, then this
            'import json\n'
            'URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha'
            '.GenerativeService.BidiGenerateContent"\n'
            'async def setup(ws):\n'
            '    await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview",\n'
            '        "generationConfig": {"enableAffectiveDialog": True}}}))\n',
            message="enableAffectiveDialog",
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        fields = alpha_fields(live)
        if fields and all(live.is_legacy_only(f.entry.node) for f in fields):
            return  # the alpha endpoint serves the 2.x branch of version-gated code
        pending = sorted({f.entry.key for f in fields if not live.is_legacy_only(f.entry.node)})
        claim = ctx.target.claim("alpha_api_version")
        for endpoint in live_endpoints(live):
            if endpoint.constrained or endpoint.version != _ALPHA or live.is_legacy_only(endpoint.node) \
                    or all(live.is_legacy_only(site) for site in endpoint.sites):
                continue
            if pending:
                keys = " and ".join(f"`{k}`" for k in pending)
                verb = "is" if len(pending) == 1 else "are"
                ctx.report(endpoint.node, f"raw Live endpoint on {_ALPHA}: {claim}; move to {_STABLE} once {keys} "
                                          f"{verb} gone from the setup frame (LM003, LM004): older models need it "
                                          f"for them")
                continue
            rewritten = endpoint.with_version(_STABLE)
            where = "" if endpoint.literal else (f" (`{endpoint.via}` is formatted into a Live URL: change it "
                                                 f"here if nothing else uses it)")
            ctx.report(endpoint.node, f"raw Live endpoint on {_ALPHA}: {claim}; use {_STABLE}{where}",
                       Fix.safe(f"{_STABLE} endpoint", Replace(endpoint.node, rewritten)) if rewritten else None)
