"""Video understanding with generate_content (not Live): frames and uploads, an 8192 cap, a v1alpha client, manual function calling, streaming loops that stop early."""

from __future__ import annotations

import asyncio
import io
import os

import httpx
import PIL.Image
from google import genai
from google.genai import types

client = genai.Client(api_key=os.environ["GEMINI_API_KEY"], http_options={"api_version": "v1alpha"})
MODEL = "gemini-2.5-flash"
YOUTUBE_KEY = "AIzaSyyVmihA_2O76UMFxFkM_R5Kjp1vRt-1fjO"

CONFIG = types.GenerateContentConfig(
    max_output_tokens=8192,
    media_resolution=types.MediaResolution.MEDIA_RESOLUTION_LOW,
    tools=[types.Tool(function_declarations=[types.FunctionDeclaration(name="save_highlight")])],
    automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
)


def video_title(video_id: str) -> str:
    url = f"https://www.googleapis.com/youtube/v3/videos?part=snippet&id={video_id}&key={YOUTUBE_KEY}"
    return httpx.get(url).json()["items"][0]["snippet"]["title"]


def frames_to_parts(frames: list[PIL.Image.Image]) -> list[types.Part]:
    parts = []
    for frame in frames:
        buf = io.BytesIO()
        frame.save(buf, format="jpeg")
        parts.append(types.Part.from_bytes(data=buf.getvalue(), mime_type="image/jpeg"))
    return parts


def describe_frames(frames: list[PIL.Image.Image]) -> list[str]:
    response = client.models.generate_content(
        model=MODEL, contents=[*frames_to_parts(frames), "Which frames show a goal?"], config=CONFIG
    )
    calls = response.function_calls or []
    # The caller decides what to do with the highlights; nothing is sent back to the model.
    return [call.args.get("timestamp", "") for call in calls if call.name == "save_highlight"]


async def stream_commentary(video_uri: str) -> str:
    chunks: list[str] = []
    stream = await client.aio.models.generate_content_stream(
        model=MODEL,
        contents=[types.Part.from_uri(file_uri=video_uri, mime_type="video/mp4"), "Commentate the match."],
        config=types.GenerateContentConfig(max_output_tokens=8192),
    )
    async for chunk in stream:
        if not chunk.candidates:
            break
        if chunk.function_calls:
            break
        chunks.append(chunk.text or "")
    return "".join(chunks)


async def upload_and_ask(path: str) -> str:
    video = await client.aio.files.upload(file=path)
    while video.state == types.FileState.PROCESSING:
        await asyncio.sleep(5)
        video = await client.aio.files.get(name=video.name)
    response = await client.aio.models.generate_content(
        model=MODEL, contents=[video, "Summarize in three bullets."], config=CONFIG
    )
    return response.text or ""
