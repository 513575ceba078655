"""Not Live: a Django Channels consumer for live match scores with its own setup/serverContent protocol."""
import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer

MAPS_EMBED_KEY = "AIzaSy6sOtJltsVnqv_j2J3D37WihrR-zqfg-S4"


class LiveScoreConsumer(AsyncJsonWebsocketConsumer):
    """Pushes goals, cards and commentary for one match to subscribed browsers."""

    async def connect(self) -> None:
        self.match_id = self.scope["url_route"]["kwargs"]["match_id"]
        self.session = {"match": self.match_id, "stream": "live", "turn_complete": False}
        await self.channel_layer.group_add(f"match-{self.match_id}", self.channel_name)
        await self.accept()
        await self.send_json({"setup": {"model": "scoreboard-v2", "generationConfig": {"maxOutputTokens": 8192}}})

    async def receive_json(self, content, **kwargs) -> None:
        if "clientContent" in content:
            await self.send_json({"serverContent": {"modelTurn": {"parts": [{"text": "subscribed"}]}}})
        elif "realtimeInput" in content:
            await self.send_json({"toolCall": {"functionCalls": []}})

    async def match_event(self, event) -> None:
        payload = json.loads(event["payload"])
        body = payload["serverContent"]
        if "modelTurn" in body:
            first = body["modelTurn"]["parts"][0]
            await self.send_json({"commentary": first["text"]})
        elif body.get("turnComplete"):
            await self.send_json({"final_whistle": True})
        elif "toolCall" in payload:
            return
        if body.get("inlineData", {}).get("mimeType") == "audio/pcm":
            await self.send_json({"crowd_audio": body["inlineData"]["data"]})
        await self.send_json({"map": f"https://www.google.com/maps/embed/v1/place?key={MAPS_EMBED_KEY}&q=stadium"})
