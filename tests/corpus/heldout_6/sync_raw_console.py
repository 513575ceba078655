"""Console client on websockets' sync API: a thread sends mic and camera, the main loop reads frames."""
import base64
import json
import os
import threading

from websockets.sync.client import connect

from console_devices import Camera, Mic, play

VERSION = "v1alpha"  # expect: LM503
URL = f"wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.{VERSION}.GenerativeService.BidiGenerateContent"


def setup(model: str) -> str:
    return json.dumps({
        "setup": {  # expect: LM401
            "model": f"models/{model}",
            "generationConfig": {"responseModalities": ["AUDIO"]},
            "contextWindowCompression": {"slidingWindow": {}},
            "tools": [{"functionDeclarations": [{"name": "save_note", "description": "Save a note."}]}],
        }
    })


def send_loop(ws, mic: Mic, camera: Camera) -> None:
    while True:
        pcm = mic.read(1600)
        ws.send(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm", "data": base64.b64encode(pcm).decode()}}}))  # expect: LM106
        if camera.ready():
            jpg = camera.grab_jpeg()
            ws.send(json.dumps({"realtimeInput": {"video": {"mimeType": "image/jpeg", "data": base64.b64encode(jpg).decode()}}}))


def main() -> None:
    model = os.getenv("CONSOLE_MODEL", "gemini-3.1-flash-live-preview")
    with connect(URL, additional_headers={"x-goog-api-key": os.environ["GEMINI_API_KEY"]}) as ws:
        ws.send(setup(model))
        ws.recv()
        threading.Thread(target=send_loop, args=(ws, Mic(), Camera()), daemon=True).start()
        while True:
            msg = json.loads(ws.recv())
            content = msg.get("serverContent", {})
            parts = content.get("modelTurn", {}).get("parts", [])
            if parts and parts[0].get("inlineData", {}).get("mimeType") == "audio/pcm":  # expect: LM301, LM307
                play(base64.b64decode(parts[0]["inlineData"]["data"]))  # expect: LM301
            if "toolCall" in msg:
                replies = [{"id": c["id"], "name": c["name"], "response": {"ok": True}}
                           for c in msg["toolCall"]["functionCalls"]]
                ws.send(json.dumps({"toolResponse": {"functionResponses": replies}}))
            if content.get("turnComplete"):
                typed = input("type (enter to skip)> ")
                if typed:
                    ws.send(json.dumps({"clientContent": {"turns": [{"role": "user", "parts": [{"text": typed}]}], "turnComplete": True}}))  # expect: LM101


if __name__ == "__main__":
    main()
