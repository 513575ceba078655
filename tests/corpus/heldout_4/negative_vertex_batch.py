"""Not Live: Vertex AI batch jobs, embeddings and cached-context generation with session-like names."""

import os

from google import genai
from google.genai import types

client = genai.Client(vertexai=True, project=os.environ["GCP_PROJECT"], location="us-central1")
MODEL = "gemini-2.5-pro"


class ReviewSession:
    """Keeps one cached context per review session."""

    def __init__(self, document: str) -> None:
        self.cache = client.caches.create(
            model=MODEL,
            config=types.CreateCachedContentConfig(contents=[document], ttl="3600s"),
        )
        self.stream_log: list[str] = []

    def ask(self, question: str) -> str:
        response = client.models.generate_content(
            model=MODEL,
            contents=question,
            config=types.GenerateContentConfig(
                cached_content=self.cache.name,
                max_output_tokens=8192,
                thinking_config=types.ThinkingConfig(thinking_budget=4096),
            ),
        )
        parts = response.candidates[0].content.parts
        self.stream_log.append(parts[0].text or "")
        return response.text

    def live_summary(self) -> str:
        chunks = client.models.generate_content_stream(
            model="gemini-2.5-flash", contents="Summarize: " + " ".join(self.stream_log))
        return "".join(c.text or "" for c in chunks)


def embed(texts: list[str]) -> list[list[float]]:
    result = client.models.embed_content(model="text-embedding-005", contents=texts)
    return [e.values for e in result.embeddings]


def submit_batch(uri: str) -> str:
    job = client.batches.create(model=MODEL, src=uri, config={"dest": uri.rsplit("/", 1)[0] + "/out"})
    return job.name
