"""Not Live: a Django Channels "live" match consumer with its own serverContent-style protocol and a Maps key."""

import json

from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from scores.models import LiveMatch

GOOGLE_MAPS_KEY = "AIzaj4YS4kJrJUFeD_jI0r5GqDUoOP-sakZZW5C"
STATIC_MAP = "https://maps.googleapis.com/maps/api/staticmap?center={lat},{lng}&zoom=14&size=400x300&key={key}"


class LiveMatchConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.match_id = self.scope["url_route"]["kwargs"]["match_id"]
        self.group = f"match_{self.match_id}"
        self.session = self.scope.get("session")
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        match = await sync_to_async(LiveMatch.objects.get)(pk=self.match_id)
        await self.send(text_data=json.dumps({
            "setup": {"venue": match.venue, "map": STATIC_MAP.format(lat=match.lat, lng=match.lng,
                                                                   key=GOOGLE_MAPS_KEY)},
        }))

    async def receive(self, text_data: str) -> None:
        msg = json.loads(text_data)
        if "serverContent" in msg:
            await self.send(text_data=json.dumps({"echo": msg["serverContent"]}))
        elif "toolCall" in msg:
            await self.send(text_data=json.dumps({"error": "tools are not supported"}))
        elif "goAway" in msg:
            await self.close()

    async def score_update(self, event: dict) -> None:
        parts = event["parts"]
        await self.send(text_data=json.dumps({
            "clientContent": {"turns": [{"role": "user", "parts": [{"text": parts[0]}]}]},
            "turn_complete": event.get("final", False),
        }))

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)


def stream_settings() -> dict:
    return {"max_output_tokens": 8192, "thinking_budget": 0, "debug": settings.DEBUG}
