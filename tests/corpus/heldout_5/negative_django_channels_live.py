"""Not Live: a Django Channels consumer for a live auction stream with its own session and turn protocol."""

import json

from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer


class LiveAuctionConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.lot_id = self.scope["url_route"]["kwargs"]["lot_id"]
        self.session = self.scope["session"]
        self.group = f"live_lot_{self.lot_id}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"setup": {"lot": self.lot_id, "turn_complete": False}})

    async def receive_json(self, content, **kwargs) -> None:
        if "bid" in content:
            await self.place_bid(content["bid"])
        elif "turn_complete" in content:
            await self.close_round()
        elif "tool_call" in content:
            await self.send_json({"error": "not supported"})

    async def place_bid(self, bid: dict) -> None:
        amount = int(bid["amount"])
        await sync_to_async(self.session.__setitem__)("last_bid", amount)
        await self.channel_layer.group_send(self.group, {"type": "stream.update", "amount": amount})

    async def close_round(self) -> None:
        await self.channel_layer.group_send(self.group, {"type": "stream.update", "closed": True})

    async def stream_update(self, event: dict) -> None:
        while self.session.get("watching", True):
            await self.send(text_data=json.dumps({"serverContent": {"modelTurn": {"parts": [event]}}}))
            break

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)
