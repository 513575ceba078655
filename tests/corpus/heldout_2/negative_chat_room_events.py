"""Own chat-room websocket protocol with parts, tool calls and transcripts in its frames: unrelated dicts."""

import json

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()
ROOMS: dict[str, list[WebSocket]] = {}


def first_text(message: dict) -> str:
    return message["parts"][0].get("text", "")


async def broadcast(room: str, payload: dict) -> None:
    for peer in ROOMS.get(room, []):
        await peer.send_text(json.dumps(payload))


@app.websocket("/rooms/{room}")
async def room_socket(ws: WebSocket, room: str) -> None:
    await ws.accept()
    ROOMS.setdefault(room, []).append(ws)
    try:
        while True:
            msg = json.loads(await ws.receive_text())
            if "toolCall" in msg:
                await broadcast(room, {"system": f"{msg['toolCall']['name']} requested"})
            elif "serverContent" in msg:
                await broadcast(room, {"echo": first_text(msg["serverContent"])})
            elif "outputTranscription" in msg:
                await broadcast(room, {"caption": msg["outputTranscription"]})
            if msg.get("type") == "leave":
                break
            if "usage" in msg:
                return
    except WebSocketDisconnect:
        pass
    finally:
        ROOMS[room].remove(ws)
