"""The raw-frame rules on the shapes the fourth held-out corpus (tests/corpus/heldout_4) showed
them missing or reporting wrongly: a `mediaChunks` frame built by subscript assignment (LM104,
LM106); declared and undeclared seeds on a raw socket whose setup frame is a module constant
(LM102, LM107, LM108); realtime input before and after a seeding helper of several sessions
(LM107, LM108); a `v1alpha` constant formatted into a URL template held in a constant (LM503);
and a module with its own socket protocol and no Gemini code at all, which no raw-frame rule
may report. Each case comes with the near miss that must not be reported (or must be)."""

from __future__ import annotations

from harness import dedent, fixed_text, linter

RAW_RULES = ("LM101", "LM102", "LM104", "LM106", "LM107", "LM108", "LM301", "LM302", "LM303", "LM304",
             "LM305", "LM306", "LM307", "LM401", "LM402", "LM403", "LM503")


def found(code: str, select: tuple[str, ...] = ("LM",)) -> list[tuple[int, str]]:
    report = linter(select).check_bytes(dedent(code).encode(), "example.py")
    assert report.error is None, report.error
    return sorted((f.line, f.rule_id) for f in report.findings)


# --- LM104 / LM106: a realtimeInput frame filled by subscript assignment ----------------------------
ASSIGNED_CHUNKS = '''
    import base64
    import json

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def pump(ws, mic):
        while True:
            chunk = await mic.read()
            frame = {"realtimeInput": {}}
            frame["realtimeInput"]["mediaChunks"] = [
                {"mimeType": "audio/pcm", "data": base64.b64encode(chunk).decode()}
            ]
            await ws.send(json.dumps(frame))
'''


def test_lm104_reports_media_chunks_assigned_into_a_realtime_frame() -> None:
    assert found(ASSIGNED_CHUNKS, ("LM104",)) == [(11, "LM104")]


def test_lm106_reports_a_bare_audio_pcm_in_chunks_assigned_into_a_realtime_frame() -> None:
    assert found(ASSIGNED_CHUNKS, ("LM106",)) == [(12, "LM106")]


def test_lm104_fix_renames_the_assigned_key_and_unwraps_the_one_chunk() -> None:
    code = dedent(ASSIGNED_CHUNKS).replace('"audio/pcm"', '"audio/pcm;rate=16000"')
    fixed = fixed_text(code, ("LM104",))
    assert ('frame["realtimeInput"]["audio"] = {"mimeType": "audio/pcm;rate=16000", '
            '"data": base64.b64encode(chunk).decode()}\n') in fixed
    assert "mediaChunks" not in fixed


def test_lm104_reports_media_chunks_assigned_into_a_body_the_frame_holds() -> None:
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def send_image(ws, jpeg):
            body = {}
            body["mediaChunks"] = [{"mimeType": "image/jpeg", "data": jpeg}]
            await ws.send(json.dumps({"realtimeInput": body}))
    '''
    assert found(code, ("LM104",)) == [(8, "LM104")]


def test_chunks_assigned_into_a_dict_that_is_no_realtime_frame_are_not_reported() -> None:
    """The near miss: the same assignment into a dict sent to a browser is not Live input."""
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def to_browser(browser, pcm):
            event = {"playback": {}}
            event["playback"]["mediaChunks"] = [{"mimeType": "audio/pcm", "data": pcm}]
            await browser.send(json.dumps(event))
    '''
    assert found(code, ("LM104", "LM106")) == []


# --- LM102 / LM107 / LM108: a raw socket whose setup frame is a module constant ---------------------
KIOSK = '''
    import json

    from websockets.sync.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    SETUP_DECLARED = {
        "setup": {
            "model": "models/gemini-3.1-flash-live-preview",
            "historyConfig": {"initial_history_in_client_content": True},
        }
    }
    SETUP_PLAIN = {"setup": {"model": "models/gemini-3.1-flash-live-preview"}}
    HISTORY = [
        {"role": "user", "parts": [{"text": "I printed my boarding pass here."}]},
        {"role": "model", "parts": [{"text": "Gate B12."}]},
    ]


    def read_turn(ws):
        words = []
        for raw in ws:
            msg = json.loads(raw)
            if msg.get("serverContent", {}).get("turnComplete"):
                break
        return words


    def greet():
        with connect(URI) as ws:
            ws.send(json.dumps(SETUP_DECLARED))
            ws.recv()
            ws.send(json.dumps({"clientContent": {"turns": HISTORY, "turnComplete": True}}))
            return read_turn(ws)


    def typed_first(question):
        with connect(URI) as ws:
            ws.send(json.dumps(SETUP_DECLARED))
            ws.recv()
            ws.send(json.dumps({"realtimeInput": {"text": question}}))
            ws.send(json.dumps({"clientContent": {"turns": HISTORY, "turnComplete": True}}))
            return read_turn(ws)


    def spoken(pcm):
        with connect(URI) as ws:
            ws.send(json.dumps(SETUP_PLAIN))
            ws.recv()
            ws.send(json.dumps({"clientContent": {"turns": HISTORY, "turnComplete": True}}))
            ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000", "data": pcm}}}))
            return read_turn(ws)
'''


def test_a_seed_is_judged_by_the_constant_setup_frame_its_socket_sends() -> None:
    """Declared through the constant: no LM102 there; the greeting waits for a reply (LM108), the
    typed question races the seed (LM107, and no LM108 on the same seed); the plain setup frame's
    seed is undeclared (LM102)."""
    assert found(KIOSK, ("LM101", "LM102", "LM107", "LM108")) == [
        (32, "LM108"), (40, "LM107"), (49, "LM102")]


def test_two_sockets_on_one_declared_constant_are_two_sessions() -> None:
    """The near miss: every socket sends the declared frame, and each seed is followed by realtime
    input: nothing to report."""
    code = dedent(KIOSK).replace("SETUP_PLAIN))", "SETUP_DECLARED))")
    lines = code.splitlines()
    # typed_first: the seed before the question
    lines[39], lines[40] = lines[40], lines[39]
    lines[31] += '\n        ws.send(json.dumps({"realtimeInput": {"text": "hello"}}))'
    assert found("\n".join(lines) + "\n", ("LM101", "LM102", "LM107", "LM108")) == []


# --- LM107 / LM108: a seeding helper called from several sessions ----------------------------------
SEEDING_HELPER = '''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(
        response_modalities=["AUDIO"],
        history_config=types.HistoryConfig(initial_history_in_client_content=True),
    )
    HISTORY = [
        types.Content(role="user", parts=[types.Part(text="I am Ada.")]),
        types.Content(role="model", parts=[types.Part(text="Welcome back.")]),
    ]


    async def seed(session):
        await session.send_client_content(turns=HISTORY, turn_complete=True)


    async def show(session):
        async for msg in session.receive():
            print(msg)


    async def greet():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await seed(session)
            await show(session)


    async def nudged():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await seed(session)
            await session.send_realtime_input(text="Greet Ada by name.")
            await show(session)


    async def typed_before_seed():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await session.send_realtime_input(text="Say hello.")
            await seed(session)
            await show(session)
'''


def test_each_caller_of_a_seeding_helper_is_judged_on_its_own_session() -> None:
    """greet waits after the seed (LM108); nudged sends a realtime turn after it (nothing);
    typed_before_seed sends realtime text before it (LM107, and no LM108 stacked on it)."""
    assert found(SEEDING_HELPER, ("LM107", "LM108")) == [(26, "LM108"), (39, "LM107")]


# --- LM503: a version constant formatted into a URL template held in a constant --------------------
def test_lm503_reports_a_version_formatted_into_a_template_constant_split_over_two_strings() -> None:
    code = '''
        VERSION = "v1alpha"
        ENDPOINT = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{version}"
                    ".GenerativeService.BidiGenerateContent?key={key}")


        def url(key):
            return ENDPOINT.format(version=VERSION, key=key)
    '''
    assert found(code, ("LM503",)) == [(1, "LM503")]


def test_lm503_reports_a_version_formatted_into_a_one_string_template_constant() -> None:
    code = '''
        VERSION = "v1alpha"
        ENDPOINT = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{}.GenerativeService.BidiGenerateContent"


        def url():
            return ENDPOINT.format(VERSION)
    '''
    assert found(code, ("LM503",)) == [(1, "LM503")]


def test_lm503_leaves_a_template_constant_formatted_with_v1beta() -> None:
    code = '''
        VERSION = "v1beta"
        ENDPOINT = ("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{version}"
                    ".GenerativeService.BidiGenerateContent")


        def url():
            return ENDPOINT.format(version=VERSION)
    '''
    assert found(code, ("LM503",)) == []


# --- no finding on non-Live code: key names alone are not a Live client -----------------------------
# Every raw-frame shape, in a module that names no Gemini model, no Live endpoint, no genai import:
# an app's own socket protocol that happens to use Live-like keys. (A read down a Live message's
# whole path, `msg["serverContent"]["modelTurn"]["parts"][0]`, is not a key name alone: receive
# helpers handed messages by their caller name nothing else, and LM301 / LM307 report them.)
OWN_PROTOCOL = '''
    import base64
    import json


    async def relay(ws, pcm, history, question):
        await ws.send(json.dumps({"setup": {"model": "models/chat-small",
                                            "generationConfig": {"responseModalities": ["AUDIO"],
                                                                 "maxOutputTokens": 8192}}}))
        await ws.send(json.dumps({"clientContent": {"turns": history, "turnComplete": False}}))
        await ws.send(json.dumps({"realtimeInput": {"mediaChunks": [
            {"mimeType": "audio/pcm", "data": base64.b64encode(pcm).decode()}]}}))
        frame = {"realtimeInput": {}}
        frame["realtimeInput"]["mediaChunks"] = [{"mimeType": "audio/pcm", "data": pcm}]
        await ws.send(json.dumps(frame))
        await ws.send(json.dumps({"realtimeInput": {"text": question}}))
        async for raw in ws:
            msg = json.loads(raw)
            if "toolCall" in msg:
                continue
            elif "serverContent" in msg:
                sc = msg["serverContent"]
                print(sc.get("text"))
                if sc.get("turnComplete"):
                    break
            elif "goAway" in msg:
                return
            elif "usageMetadata" in msg:
                print(msg["usageMetadata"])
        await ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": question}]}],
                                                    "turnComplete": True}}))
'''


def test_an_own_socket_protocol_with_live_like_keys_gets_no_raw_frame_finding() -> None:
    assert found(OWN_PROTOCOL, RAW_RULES) == []


def test_the_same_module_naming_a_gemini_model_is_a_live_client() -> None:
    """The near miss: with a Gemini model id in its setup frame, the module is a raw Live client
    (its endpoint may live in another module) and the raw-frame rules report it."""
    live = OWN_PROTOCOL.replace("models/chat-small", "models/gemini-3.1-flash-live-preview")
    rules = {rule for _, rule in found(live, RAW_RULES)}
    assert {"LM102", "LM104", "LM106", "LM302", "LM403"} <= rules


def test_the_same_module_reading_a_gemini_key_is_a_live_client() -> None:
    live = OWN_PROTOCOL.replace("    import json\n", "    import json\n    import os\n\n    KEY = os.environ['GEMINI_API_KEY']\n")
    rules = {rule for _, rule in found(live, RAW_RULES)}
    assert {"LM102", "LM104", "LM302"} <= rules


def test_a_channels_consumer_with_its_own_server_content_keys_gets_no_lm302() -> None:
    code = '''
        import json

        from channels.generic.websocket import AsyncWebsocketConsumer


        class MatchConsumer(AsyncWebsocketConsumer):
            async def receive(self, text_data):
                msg = json.loads(text_data)
                if "serverContent" in msg:
                    await self.send(text_data=json.dumps({"echo": msg["serverContent"]}))
                elif "toolCall" in msg:
                    await self.send(text_data=json.dumps({"error": "no tools"}))
                elif "goAway" in msg:
                    await self.close()
                elif "usageMetadata" in msg:
                    await self.send(text_data=json.dumps({"usage": msg["usageMetadata"]}))

            async def score_update(self, event):
                await self.send(text_data=json.dumps({
                    "clientContent": {"turns": [{"role": "user", "parts": [{"text": event["text"]}]}]},
                }))
    '''
    assert found(code, RAW_RULES) == []


def test_a_module_reading_live_messages_in_the_sdk_shape_keeps_its_raw_keys_live() -> None:
    """The near miss: no Gemini name, but `message.server_content.model_turn` is read here (only
    Live messages have it), so the raw loop beside it reads Live messages too."""
    code = '''
        import json


        async def loop(session, ws, screen):
            async for message in session.receive():
                if message.server_content.model_turn:
                    screen.show(message)
            async for raw in ws:
                response = json.loads(raw)
                if "toolCall" in response:
                    await ws.send(json.dumps({"toolResponse": {"functionResponses": []}}))
                elif "serverContent" in response:
                    screen.show(response["serverContent"])
                elif "usageMetadata" in response:
                    screen.show(response["usageMetadata"])
    '''
    assert found(code, ("LM302",)) == [(10, "LM302")]
