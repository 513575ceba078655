"""Every way google-genai reaches the endpoint, and what the handshake refuses."""

from __future__ import annotations

import asyncio
import warnings

import pytest

from livemigrate.emulator.server import match_endpoint

BIDI = "/ws/google.ai.generativelanguage.{}.GenerativeService.BidiGenerateContent"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (BIDI.format("v1"), ("v1", "BidiGenerateContent")),
        ("/" + BIDI.format("v1beta") + "?key=k", ("v1beta", "BidiGenerateContent")),
        ("/prefix//" + BIDI.format("v1alpha") + "Constrained", ("v1alpha", "BidiGenerateContentConstrained")),
        (BIDI.format("v2"), None),
        ("/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent", None),
        (BIDI.format("v1") + "/extra", None),
    ],
)
def test_match_endpoint(path, expected):
    assert match_endpoint(path) == expected


def _say_hi(sdk, emulator, **http_options):
    async def main():
        async with sdk.connect(emulator, **http_options) as session:
            await session.send_realtime_input(text="hi")
            return await sdk.turn(session)

    [reply] = sdk.run(main())
    assert reply.server_content.turn_complete
    emulator.wait_idle()
    return emulator.connections[-1]


@pytest.mark.parametrize("version", ["v1", "v1beta", "v1alpha"])
def test_api_versions(live_emulator, sdk, version):
    record = _say_hi(sdk, live_emulator, api_version=version)
    assert (record.api_version, record.method) == (version, "BidiGenerateContent")


@pytest.mark.parametrize("suffix", ["/", "/prefix", "/prefix/"])
def test_base_url_with_trailing_slash_or_prefix(live_emulator, sdk, suffix):
    record = _say_hi(sdk, live_emulator, base_url=live_emulator.url + suffix)
    assert record.path.startswith("//ws/" if suffix == "/" else suffix + "/")
    assert match_endpoint(record.path) == (record.api_version, "BidiGenerateContent")


def test_ephemeral_token_uses_the_constrained_method(live_emulator, sdk):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ExperimentalWarning for ephemeral tokens
        record = _say_hi(sdk, live_emulator, api_key="auth_tokens/abc123", api_version="v1alpha")
    assert (record.api_version, record.method) == ("v1alpha", "BidiGenerateContentConstrained")
    assert record.headers["authorization"] == "Token auth_tokens/abc123"


def test_ssl_cert_file_instead_of_async_client_args(live_emulator, sdk, monkeypatch):
    from google import genai

    monkeypatch.setenv("SSL_CERT_FILE", str(live_emulator.ca_cert_path))
    client = genai.Client(api_key="test", http_options={"base_url": live_emulator.url})

    async def main():
        async with client.aio.live.connect(model=sdk.model, config={}) as session:
            return session.session_id

    assert sdk.run(main()) == "emulator-session-0"


def test_proxy_environment_is_ignored(live_emulator, sdk, monkeypatch):
    # Nothing listens on port 9: without proxy=None websockets >= 15 would try it.
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    _say_hi(sdk, live_emulator)
    assert live_emulator.http_options["async_client_args"]["proxy"] is None


def _raw_handshake(emulator, url, headers):
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    async def main():
        async with connect(url, ssl=emulator.ssl_context(), proxy=None, additional_headers=headers):
            pass

    with pytest.raises(InvalidStatus) as caught:
        asyncio.run(asyncio.wait_for(main(), 5))
    return caught.value.response


@pytest.mark.parametrize(
    ("path", "headers", "status", "says"),
    [
        ("/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent", {"x-goog-api-key": "k"}, 404,
         "unknown path"),
        (BIDI.format("v1beta"), {}, 401, "missing API key"),
        (BIDI.format("v1alpha") + "Constrained", {"x-goog-api-key": "k"}, 401, "ephemeral token"),
    ],
)
def test_handshake_refusals(live_emulator, path, headers, status, says):
    url = f"wss://127.0.0.1:{live_emulator.port}{path}"
    response = _raw_handshake(live_emulator, url, headers)
    assert response.status_code == status
    assert says in response.body.decode()
    live_emulator.wait_idle()
    [record] = live_emulator.connections
    assert record.rejected.startswith(str(status)) and record.frames == []


def test_sdk_sees_a_refused_handshake_as_invalid_status(live_emulator, sdk):
    from google import genai
    from websockets.exceptions import InvalidStatus

    # Vertex AI's endpoint is not emulated: the SDK gets the 404 of the handshake.
    client = genai.Client(vertexai=True, api_key="k", http_options=live_emulator.http_options)

    async def main():
        async with client.aio.live.connect(model=sdk.model, config={}):
            pass

    with pytest.raises(InvalidStatus, match="HTTP 404"):
        sdk.run(main())
    live_emulator.wait_idle()
    assert "LlmBidiService" in live_emulator.connections[0].rejected


def test_raw_client_with_key_in_query(live_emulator):
    from websockets.asyncio.client import connect

    async def main():
        async with connect(live_emulator.ws_url() + "?key=k", ssl=live_emulator.ssl_context(), proxy=None) as ws:
            await ws.send('{"setup": {"model": "models/gemini-3.1-flash-live-preview"}}')
            return await ws.recv()

    assert asyncio.run(asyncio.wait_for(main(), 5)) == '{"setupComplete":{"sessionId":"emulator-session-0"}}'
