"""Synchronous raw client (websocket-client) asking one question in TEXT mode with a keyed URL."""

import json
import os
import sys

import websocket

KEY = os.environ.get("GOOGLE_API_KEY", "AIzaSyyVmihA_2O76UMFxFkM_R5Kjp1vRt-1fjO")  # expect: LM501
ENDPOINT = (
    "wss://generativelanguage.googleapis.com/ws/"
    "google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=" + KEY
)


def setup_frame(model: str) -> dict:
    return {
        "setup": {
            "model": f"models/{model}",
            "generation_config": {
                "response_modalities": ["TEXT"],  # expect: LM005
                "temperature": 0.2,
            },
        }
    }


def ask(question: str, model: str = "gemini-3.1-flash-live-preview") -> str:
    ws = websocket.create_connection(ENDPOINT, timeout=30)
    try:
        ws.send(json.dumps(setup_frame(model)))
        json.loads(ws.recv())
        ws.send(json.dumps({
            "client_content": {  # expect: LM101
                "turns": [{"role": "user", "parts": [{"text": question}]}],
                "turn_complete": True,
            }
        }))
        answer = []
        while True:
            msg = json.loads(ws.recv())
            if "serverContent" in msg:  # one kind of message per branch (the oneof): no LM302
                content = msg["serverContent"]
                if "modelTurn" in content:
                    answer.append(content["modelTurn"]["parts"][0].get("text", ""))  # expect: LM301
                if content.get("turnComplete"):
                    break
            elif "toolCall" in msg:
                print("unexpected tool call", msg["toolCall"], file=sys.stderr)
        return "".join(answer)
    finally:
        ws.close()


if __name__ == "__main__":
    print(ask(" ".join(sys.argv[1:]) or "What is the capital of Peru?"))
