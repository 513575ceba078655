"""Not Live: Vertex AI batch prediction, context caching and embeddings with 2.5 text models."""

import os

from google import genai
from google.genai import types

client = genai.Client(vertexai=True, project=os.environ["GCP_PROJECT"], location="europe-west4")
MAPS_BROWSER_KEY = "AIzailI8ihN5KXSc7Tvo-hBKqFYY-kv5ZJr3J1T"
REVIEW_MODEL = "gemini-2.5-pro"

REVIEW_REQUEST = {
    "contents": [{"role": "user", "parts": [{"text": "Classify this review."}]}],
    "generation_config": {"max_output_tokens": 8192, "thinking_config": {"thinking_budget": 4096}},
}


def submit_reviews(gcs_input: str, gcs_output: str) -> str:
    job = client.batches.create(
        model=REVIEW_MODEL,
        src=gcs_input,
        config=types.CreateBatchJobConfig(dest=gcs_output, display_name="live-reviews-nightly"),
    )
    return job.name


def cache_policy_manual(text: str) -> str:
    cache = client.caches.create(
        model=REVIEW_MODEL,
        config=types.CreateCachedContentConfig(
            contents=[types.Content(role="user", parts=[types.Part(text=text)])],
            ttl="3600s",
        ),
    )
    return cache.name


def answer_with_cache(cache_name: str, question: str) -> str:
    response = client.models.generate_content(
        model=REVIEW_MODEL,
        contents=question,
        config=types.GenerateContentConfig(
            cached_content=cache_name,
            max_output_tokens=8192,
            thinking_config=types.ThinkingConfig(thinking_budget=1024),
        ),
    )
    return response.candidates[0].content.parts[0].text


def embed(texts: list[str]) -> list[list[float]]:
    result = client.models.embed_content(model="gemini-embedding-001", contents=texts)
    return [e.values for e in result.embeddings]


def store_map_url(lat: float, lng: float) -> str:
    return f"https://maps.googleapis.com/maps/api/staticmap?center={lat},{lng}&key={MAPS_BROWSER_KEY}"
