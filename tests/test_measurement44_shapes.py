"""Shapes measurement 44's first run got wrong (fresh repositories), each a test written from
the shape, not the repositories' code."""

from __future__ import annotations

from harness import check, dedent

VERTEX_RAW = dedent("""
    import json

    import websockets

    PROJECT_ID = "my-project"
    MODEL_ID = f"projects/{PROJECT_ID}/locations/us-central1/publishers/google/models/gemini-2.0-flash-exp"
    HOST = "us-central1-aiplatform.googleapis.com"
    SERVICE_URL = f"wss://{HOST}/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"


    async def transcribe(token):
        async with websockets.connect(SERVICE_URL, additional_headers={"Authorization": f"Bearer {token}"}) as ws:
            await ws.send(json.dumps({"setup": {"model": MODEL_ID, "generation_config": {"response_modalities": ["TEXT"]}}}))
            async for raw in ws:
                print(json.loads(raw))
""")


def test_a_vertex_resource_path_f_string_names_its_model_in_its_text() -> None:
    """The model id is in the f-string's text after the project placeholder: LM001 reports it
    there, on Vertex AI (the raw socket is Vertex AI's LlmBidiService), with no rewrite."""
    found = check(VERTEX_RAW, ("LM001",))
    assert [(f.line, f.rule_id) for f in found] == [(6, "LM001")]
    assert "Vertex AI" in found[0].message and found[0].fix is None


def test_text_on_a_raw_vertex_session_lm001_leaves_in_place_is_not_reported() -> None:
    assert check(VERTEX_RAW, ("LM005",)) == []


def test_the_same_socket_to_google_ai_moves_and_its_text_is_reported() -> None:
    google_ai = VERTEX_RAW.replace("projects/{PROJECT_ID}/locations/us-central1/publishers/google/models/", "models/") \
        .replace('HOST = "us-central1-aiplatform.googleapis.com"', 'HOST = "generativelanguage.googleapis.com"') \
        .replace("google.cloud.aiplatform.v1beta1.LlmBidiService", "google.ai.generativelanguage.v1beta.GenerativeService")
    assert "LlmBidiService" not in google_ai
    assert [f.rule_id for f in check(google_ai, ("LM001", "LM005"))] == ["LM001", "LM005"]


def test_a_version_a_probe_loops_over_reaches_the_live_client() -> None:
    code = dedent("""
        from google import genai


        async def probe(key):
            for version in ["v1beta", "v1alpha"]:
                client = genai.Client(api_key=key, http_options={"api_version": version})
                async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as s:
                    return version
    """)
    assert [(f.line, f.rule_id) for f in check(code, ("LM007",))] == [(5, "LM007")]


TOOLS = dedent("""
    import asyncio

    from google import genai
    from google.genai import types

    TOOLS = [types.Tool(function_declarations=[types.FunctionDeclaration(name="set_timer")])]


    class Kitchen:
        async def start_session(self, replies: asyncio.Queue):
            config = types.LiveConnectConfig(response_modalities=["AUDIO"], tools=TOOLS)
            async with genai.Client().aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as session:
                events: asyncio.Queue = asyncio.Queue()

                async def answer():
                    while True:
                        reply = await replies.get()
                        await session.send_tool_response(function_responses=[
                            types.FunctionResponse(id=reply["id"], name=reply["name"], response=reply["response"])])

                async def receive():
                    async for response in session.receive():
                        if response.tool_call:
                            browser_calls = []
                            for fc in response.tool_call.function_calls:
                                browser_calls.append({"name": fc.name, "args": fc.args or {}, "id": fc.id})
                            await events.put({"toolCall": {"functionCalls": browser_calls}})

                tasks = [asyncio.create_task(answer()), asyncio.create_task(receive())]
                while True:
                    yield await events.get()
""")


def test_tool_calls_forwarded_to_the_browser_in_a_list_of_events_are_handed_on() -> None:
    assert check(TOOLS, ("LM305",)) == []


def test_tool_calls_only_counted_in_a_list_are_still_unanswered() -> None:
    code = TOOLS.replace('await events.put({"toolCall": {"functionCalls": browser_calls}})', "print(len(browser_calls))")
    code = code.replace("await session.send_tool_response(function_responses=[", "print([")
    assert "events.put({\"toolCall\"" not in code and "send_tool_response" not in code
    assert [f.rule_id for f in check(code, ("LM305",))] == ["LM305"]
