"""LM101: client content with no turns ends the user's turn; the fix sends the turn-end signal
the session's activity detection expects (issue 11: audioStreamEnd / activityEnd, not text)."""

from __future__ import annotations

from livemigrate.rule import Applicability

from harness import check, dedent, fixed_text

RAW = dedent('''
    import json
    URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"
    async def bridge(ws, events):
        await ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025"%s}}))
        async for event in events:
            if event["event"] == "media":
                await ws.send(json.dumps({"realtimeInput": {"audio": {"data": event["payload"],
                                                                      "mimeType": "audio/pcm;rate=8000"}}}))
            elif event["event"] == "stop":
                await ws.send(json.dumps({"clientContent": {"turnComplete": True}}))
''')

SDK = dedent('''
    from google import genai
    client = genai.Client()
    async def talk(mic):
        config = {"response_modalities": ["AUDIO"]%s}
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025", config=config) as s:
            async for chunk in mic:
                await s.send_realtime_input(audio={"data": chunk, "mime_type": "audio/pcm;rate=16000"})
            await s.send_client_content(turn_complete=True)
''')


def _lm101(code: str):
    (finding,) = [f for f in check(code, ("LM101",)) if f.rule_id == "LM101"]
    return finding


def test_a_raw_turn_end_frame_becomes_audio_stream_end() -> None:
    code = RAW % ""
    assert _lm101(code).fix.applicability is Applicability.UNSAFE
    assert 'json.dumps({"realtimeInput": {"audioStreamEnd": True}})' in fixed_text(code, ("LM101",), unsafe=True)


def test_with_activity_detection_off_it_becomes_activity_end() -> None:
    code = RAW % ', "realtimeInputConfig": {"automaticActivityDetection": {"disabled": True}}'
    assert 'json.dumps({"realtimeInput": {"activityEnd": {}}})' in fixed_text(code, ("LM101",), unsafe=True)


def test_an_sdk_turn_end_becomes_send_realtime_input() -> None:
    assert "await s.send_realtime_input(audio_stream_end=True)" in fixed_text(SDK % "", ("LM101",), unsafe=True)
    off = SDK % ', "realtime_input_config": {"automatic_activity_detection": {"disabled": True}}'
    assert "await s.send_realtime_input(activity_end={})" in fixed_text(off, ("LM101",), unsafe=True)


def test_no_fix_when_the_config_is_not_visible() -> None:
    code = SDK.replace('config = {"response_modalities": ["AUDIO"]%s}\n    ', "").replace("config=config", "config=cfg") \
        .replace("async def talk(mic):", "async def talk(mic, cfg):")
    assert _lm101(code).fix is None


HELPER = dedent('''
    import json
    URI = "wss://generativelanguage.googleapis.com/ws/x.BidiGenerateContent"
    def setup_frame():
        setup = {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025"}
        setup["generationConfig"] = {"responseModalities": ["AUDIO"]}
        return json.dumps({"setup": setup})
    def turn_end():
        return json.dumps({"clientContent": {"turnComplete": True}})
    async def bridge(ws, events):
        await ws.send(setup_frame())
        async for event in events:
            if event == "stop":
                await ws.send(turn_end())
    %s
''')


def test_a_turn_end_frame_a_helper_builds_uses_the_modules_one_raw_setup() -> None:
    """The frame is built apart from the socket it goes on; the module's one raw setup (built
    in steps) is that socket's."""
    out = fixed_text(HELPER % "", ("LM101",), unsafe=True)
    assert 'return json.dumps({"realtimeInput": {"audioStreamEnd": True}})' in out


def test_no_fix_for_a_helper_frame_when_the_module_has_two_raw_setups() -> None:
    other = 'OTHER = {"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025"}}'
    [finding] = check(HELPER % other, ("LM101",))
    assert finding.fix is None
