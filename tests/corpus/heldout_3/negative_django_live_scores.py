"""Django Channels live-scores app: consumers, sessions and streams named like Live code, but no Gemini Live."""

import json

from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from .models import LiveMatch

MAX_EVENTS = 8192


class LiveScoreConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.match_id = self.scope["url_route"]["kwargs"]["match_id"]
        self.session_key = self.scope["session"].session_key
        await self.channel_layer.group_add(f"match_{self.match_id}", self.channel_name)
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None) -> None:
        message = json.loads(text_data)
        if message.get("server_content"):
            await self.send(text_data=json.dumps({"ack": True}))
        elif message.get("tool_call"):
            return
        elif message.get("turn_complete"):
            await self.close()

    async def score_update(self, event) -> None:
        parts = event["parts"]
        await self.send(text_data=json.dumps({"home": parts[0], "away": parts[-1], "text": event["text"]}))


@require_GET
def live_match(request, match_id: int):
    match = LiveMatch.objects.get(pk=match_id)
    request.session["last_match"] = match_id
    return JsonResponse({"id": match.id, "score": match.score, "max_events": MAX_EVENTS,
                         "generation_config": {"max_output_tokens": 8192}})


@require_GET
def commentary_stream(request, match_id: int):
    async def chunks():
        match = await sync_to_async(LiveMatch.objects.get)(pk=match_id)
        async for clip in match.commentary_clips():
            if clip.mime_type == "audio/pcm":
                yield clip.data

    return StreamingHttpResponse(chunks(), content_type="audio/pcm")
