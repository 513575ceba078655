"""Sync raw-socket kiosk client on an ephemeral token: declared and undeclared history seeds as frames."""

import base64
import json
import os

from websockets.sync.client import connect

CONSTRAINED = (
    "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage."
    "v1.GenerativeService.BidiGenerateContentConstrained"  # expect: LM502
)
MODEL = "models/gemini-3.1-flash-live-preview"

SETUP_DECLARED = {
    "setup": {
        "model": MODEL,
        "generationConfig": {"responseModalities": ["AUDIO"]},
        "outputAudioTranscription": {},
        "historyConfig": {"initial_history_in_client_content": True},
    }
}
SETUP_PLAIN = {
    "setup": {
        "model": MODEL,
        "generationConfig": {"responseModalities": ["AUDIO"]},
        "outputAudioTranscription": {},
    }
}
HISTORY = [
    {"role": "user", "parts": [{"text": "I printed my boarding pass here an hour ago."}]},
    {"role": "model", "parts": [{"text": "I see it. Gate B12, boarding at 14:05."}]},
]


def open_socket():
    return connect(f"{CONSTRAINED}?access_token={os.environ['KIOSK_TOKEN']}")


def read_turn(ws) -> str:
    words = []
    for raw in ws:
        msg = json.loads(raw)
        sc = msg.get("serverContent")
        if sc is None:
            continue
        if "outputTranscription" in sc:
            words.append(sc["outputTranscription"].get("text", ""))
        if sc.get("turnComplete"):
            break
    return "".join(words)


def greet_traveller() -> str:
    with open_socket() as ws:
        ws.send(json.dumps(SETUP_DECLARED))
        ws.recv()
        ws.send(json.dumps({
            "clientContent": {"turns": HISTORY, "turnComplete": True}  # expect: LM108
        }))
        return read_turn(ws)


def typed_question_first(question: str) -> str:
    with open_socket() as ws:
        ws.send(json.dumps(SETUP_DECLARED))
        ws.recv()
        ws.send(json.dumps({"realtimeInput": {"text": question}}))  # expect: LM107
        ws.send(json.dumps({"clientContent": {"turns": HISTORY, "turnComplete": True}}))
        return read_turn(ws)


def spoken_question(pcm: bytes) -> str:
    with open_socket() as ws:
        ws.send(json.dumps(SETUP_PLAIN))
        ws.recv()
        ws.send(json.dumps({
            "clientContent": {"turns": HISTORY, "turnComplete": False}  # expect: LM102
        }))
        blob = {"mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}
        ws.send(json.dumps({"realtimeInput": {"audio": blob}}))
        ws.send(json.dumps({"realtimeInput": {"audioStreamEnd": True}}))
        return read_turn(ws)
