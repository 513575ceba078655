"""A long-lived Gemini API key written in Live code, or handed to a client by a server.

## What it does
In a module that does Live API work (opens a Live session, names a raw Live endpoint or a
Live model id, mints ephemeral tokens), flags:

- a Gemini API key written in a string literal (`AIza` and 35 more characters): a
  `genai.Client(api_key="AIza...")` argument, a `GOOGLE_API_KEY = "AIza..."` constant, an
  `os.getenv("GEMINI_API_KEY", "AIza...")` default, `?key=AIza...` in a raw WebSocket URL;
- the server's key put in what it sends to a client: returned by a web handler
  (`@app.get(...)`, `@app.route(...)`, a handler registered with `add_get` /
  `add_url_rule`), passed to `jsonify`, `JSONResponse`, `JsonResponse`, `web.json_response`,
  `render_template` / `TemplateResponse` contexts, `websocket.send_json`, `emit`, a header or
  cookie of a response (`response.headers["X-Goog-Api-Key"] = ...`, `headers.update(...)`,
  `set_cookie(...)` on a response built by the framework or a handler's `response: Response`
  parameter; an HTTP client's own headers are the key used, not handed out); the key being
  `os.environ["GEMINI_API_KEY"]` / `os.getenv("GOOGLE_API_KEY")` (any spelling), a name bound
  to one, or a setting named for it (`settings.gemini_api_key`); also the key a function returns
  as a client's token (`return {"token": GOOGLE_API_KEY, ...}`, or anything a function named for an
  ephemeral token returns), whose web handler may be in another module.

The finding is on the literal, or on the key expression in the response. A server that uses
its key itself (`genai.Client(api_key=os.environ["GEMINI_API_KEY"])`) and returns only
`token.name` is what this rule asks for and is not reported; neither is a key read from the
environment and used locally, nor a key whose name says it is another Google API's public
browser key (Maps, Firebase web config). A module that only calls `generate_content` (or
`google.generativeai`'s `GenerativeModel(...)`, even on a Live-only id) is not Live code and is
not reported.

## Why is this bad?
A key in source code ships with every copy of it; a key in a web response reaches every
visitor of the page. Either way anyone can run Live sessions (billed audio and video) on the
project until the key is rotated. Browser and mobile clients of the Live API are meant to
connect with short-lived ephemeral tokens that a server mints with `client.auth_tokens.create`,
locked to a model and config, expiring in minutes.

## Example
```python
@app.get("/api/gemini-key")
def gemini_key():
    return {"apiKey": os.environ["GEMINI_API_KEY"]}
```

## Use instead
```python
@app.get("/api/gemini-token")
def gemini_token():
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options={"api_version": "v1alpha"})
    token = client.auth_tokens.create(config={"uses": 1})
    return {"token": token.name}
```

## Fix safety
No fix: moving a client to ephemeral tokens needs a token endpoint on the server and a client
change; a key written in code must also be rotated, since it is in the history already.

## References
- Ephemeral tokens: https://ai.google.dev/gemini-api/docs/ephemeral-tokens
- Live API ephemeral tokens: https://ai.google.dev/gemini-api/docs/live-api/ephemeral-tokens
- `auth_tokens.create` in https://github.com/googleapis/python-genai/blob/main/google/genai/tokens.py
- Google's token server example:
  https://github.com/google-gemini/gemini-live-api-examples/blob/main/gemini-live-ephemeral-tokens-websocket/server.py
"""

from __future__ import annotations

from livemigrate.analysis import handed_out_keys, is_live_module, key_literals
from livemigrate.rule import FixAvailability, Invalid, Rule, RuleContext


class LongLivedKeyToClient(Rule):
    id = "LM501"
    name = "long-lived-key-to-client"
    message = "a long-lived Gemini API key in Live code or in a response to a client: mint ephemeral tokens instead"
    fix_availability = FixAvailability.NEVER
    advisory = True  # the same on the old model and the target: it does not hold the model back

    VALID = [
        # the key stays on the server; the client gets a token
        "import os\nfrom google import genai\nfrom fastapi import FastAPI\napp = FastAPI()\n"
        "client = genai.Client(api_key=os.environ['GEMINI_API_KEY'])\n"
        "@app.post('/token')\n"
        "def token():\n"
        "    t = client.auth_tokens.create(config={'uses': 1})\n"
        "    return {'token': t.name, 'configured': bool(os.environ['GEMINI_API_KEY'])}\n",
        # the server's own HTTP client sends the key to Google: that is using it
        "import os\nimport aiohttp\n"
        "LIVE_MODEL = 'gemini-3.1-flash-live-preview'\n"
        "async def list_models():\n"
        "    async with aiohttp.ClientSession() as http:\n"
        "        http.headers['x-goog-api-key'] = os.environ['GEMINI_API_KEY']\n"
        "        return await (await http.get('https://generativelanguage.googleapis.com/v1beta/models')).json()\n",
        # not Live code: generate_content only
        "from google import genai\n"
        "client = genai.Client(api_key='AIzaSyA1234567890abcdefghijklmnopqrstuv')\n"
        "print(client.models.generate_content(model='gemini-2.5-flash', contents='hi').text)\n",
        # the old SDK's text model on a Live-only id: still not a Live session
        "import google.generativeai as genai\n"
        "genai.configure(api_key='AIzaSyA1234567890abcdefghijklmnopqrstuv')\n"
        "print(genai.GenerativeModel('gemini-2.0-flash-live-001').generate_content('hi').text)\n",
    ]
    INVALID = [
        Invalid(
            "from google import genai\n"
            "client = genai.Client(api_key='AIzaSyA1234567890abcdefghijklmnopqrstuv')\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config={}) as s:\n"
            "        await s.send_realtime_input(text='hi')\n",
            line=2,
        ),
        Invalid(  # a server handing its key to the browser, which opens the Live session
            "import os\nfrom flask import Flask, jsonify\napp = Flask(__name__)\n"
            "GEMINI_API_KEY = os.environ.get('GEMINI_API_KEY')\n"
            "LIVE_MODEL = 'gemini-2.5-flash-native-audio-preview-12-2025'\n"
            "@app.route('/config')\n"
            "def config():\n"
            "    return jsonify(apiKey=GEMINI_API_KEY, model=LIVE_MODEL)\n",
            line=8,
        ),
        Invalid(  # the key in a response header
            "import os\nfrom aiohttp import web\nroutes = web.RouteTableDef()\n"
            "LIVE_MODEL = 'gemini-3.1-flash-live-preview'\n"
            "@routes.get('/bootstrap')\n"
            "async def bootstrap(request):\n"
            "    response = web.json_response({'model': LIVE_MODEL})\n"
            "    response.headers['X-Goog-Api-Key'] = os.environ['GEMINI_API_KEY']\n"
            "    return response\n",
            line=8,
        ),
        Invalid(  # ?key= in a raw endpoint
            'URI = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta'
            '.GenerativeService.BidiGenerateContent?key=AIzaSyA1234567890abcdefghijklmnopqrstuv")\n',
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        literals = key_literals(live)
        handed = handed_out_keys(live)
        if not (literals or handed) or not is_live_module(live):
            return
        advice = (f"mint a short-lived token on the server with client.auth_tokens.create and give the "
                  f"client token.name: {ctx.target.claim('ephemeral_tokens')}")
        for node in literals:
            ctx.report(node, f"a Gemini API key is written in the code of a Live client: anyone with the code "
                             f"can use it until it is rotated; read it from the environment on a server and {advice}")
        for node in handed:
            ctx.report(node, f"the server's long-lived Gemini API key is sent to a client here: anyone who loads "
                             f"the page can use it; {advice}")
