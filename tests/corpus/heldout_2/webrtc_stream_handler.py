"""WebRTC stream handler on a sync raw socket (audio + webcam): LM503, LM401, LM402, LM009."""

import base64
import json
import os
import threading

import websockets.sync.client

API_HOST = "generativelanguage.googleapis.com"


class LiveSettings:
    def __init__(self) -> None:
        self.api_key = os.getenv("GOOGLE_API_KEY", "")
        self.model = "models/gemini-2.5-flash-native-audio-preview-12-2025"
        self.ws_url = (f"wss://{API_HOST}/ws/google.ai.generativelanguage.v1alpha"  # expect: LM503
                       f".GenerativeService.BidiGenerateContent?key={self.api_key}")


class CameraVoiceHandler:
    """Called by the WebRTC framework for every audio and video frame."""

    def __init__(self) -> None:
        self.settings = LiveSettings()
        self.ws = None
        self.outbox: list[bytes] = []
        self.captions: list[str] = []

    def _connect(self) -> None:
        self.ws = websockets.sync.client.connect(self.settings.ws_url)
        self.ws.send(json.dumps({
            "setup": {  # expect: LM401, LM402
                "model": self.settings.model,
                "generationConfig": {"responseModalities": ["AUDIO"]},
                "outputAudioTranscription": {},
            }
        }))
        self.ws.recv()
        threading.Thread(target=self._read_forever, daemon=True).start()

    def receive_audio(self, pcm: bytes) -> None:
        if self.ws is None:
            self._connect()
        self.ws.send(json.dumps({"realtimeInput": {"audio": {
            "mimeType": "audio/pcm;rate=16000", "data": base64.b64encode(pcm).decode()}}}))

    def receive_video(self, jpeg: bytes) -> None:
        if self.ws is None:
            self._connect()
        self.ws.send(json.dumps({"realtimeInput": {"video": {
            "mimeType": "image/jpeg", "data": base64.b64encode(jpeg).decode()}}}))

    def _read_forever(self) -> None:
        while True:
            msg = json.loads(self.ws.recv())
            if "serverContent" in msg:  # one kind of message per branch (the oneof): no LM302
                content = msg["serverContent"]
                for part in content.get("modelTurn", {}).get("parts", []):
                    if "inlineData" in part:
                        self.outbox.append(base64.b64decode(part["inlineData"]["data"]))
                user = content.get("inputTranscription")  # expect: LM009
                if user:
                    self.captions.append("you: " + user.get("text", ""))
                agent = content.get("outputTranscription")
                if agent:
                    self.captions.append("gemini: " + agent.get("text", ""))
            elif "toolCall" in msg:
                calls = msg["toolCall"]["functionCalls"]
                self.ws.send(json.dumps({"toolResponse": {"functionResponses": [
                    {"id": c["id"], "name": c["name"], "response": {}} for c in calls]}}))

    def emit(self) -> bytes | None:
        return self.outbox.pop(0) if self.outbox else None
