"""Not Live: Vertex AI batch prediction, context caching and embeddings, with a Maps key for geocoding."""
import datetime

import requests
from google import genai
from google.genai import types

MAPS_KEY = "AIzaSy_nN-0dVAVu75jnAwpdYEAH60O-jGFxnvZ"
client = genai.Client(vertexai=True, project="acme-retail", location="us-central1",
                      http_options=types.HttpOptions(api_version="v1"))


def geocode(address: str) -> dict:
    url = "https://maps.googleapis.com/maps/api/geocode/json"
    return requests.get(url, params={"address": address, "key": MAPS_KEY}, timeout=10).json()


def nightly_batch(src_uri: str, dest_uri: str):
    return client.batches.create(
        model="gemini-2.5-flash",
        src=src_uri,
        config=types.CreateBatchJobConfig(dest=dest_uri, display_name="nightly-store-reviews"),
    )


def cached_catalogue(catalogue_uri: str):
    return client.caches.create(
        model="gemini-2.5-flash",
        config=types.CreateCachedContentConfig(
            contents=[types.Content(role="user", parts=[types.Part.from_uri(file_uri=catalogue_uri, mime_type="application/pdf")])],
            ttl=f"{int(datetime.timedelta(hours=2).total_seconds())}s",
        ),
    )


def answer_from_cache(cache_name: str, question: str) -> str:
    reply = client.models.generate_content(
        model="gemini-2.5-flash",
        contents=question,
        config=types.GenerateContentConfig(
            cached_content=cache_name,
            max_output_tokens=8192,
            thinking_config=types.ThinkingConfig(thinking_budget=-1),
        ),
    )
    return reply.candidates[0].content.parts[0].text


def embed(texts: list[str]) -> list[list[float]]:
    result = client.models.embed_content(model="text-embedding-005", contents=texts)
    return [e.values for e in result.embeddings]
