"""Negatives: thinking/generation dicts that never reach a Live session (presets for generate_content, eval tables)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from google import genai
from google.genai import types

THINKING_PRESETS = {
    "fast": {"thinking_budget": 0},
    "balanced": {"thinking_budget": 2048},
    "deep": {"thinking_budget": 16384},
}

GENERATION_DEFAULTS = {
    "generation_config": {"temperature": 0.2, "top_p": 0.95},
    "thinkingConfig": {"thinkingBudget": 1024},
}

EVAL_GRID = [
    {"model": "gemini-2.5-flash", "thinking_budget": 0, "enable_affective_dialog": False},
    {"model": "gemini-2.5-flash", "thinking_budget": 1024, "proactivity": None},
    {"model": "gemini-2.5-pro", "thinking_budget": -1},
]


def run_grid(prompts: list[str], out: Path) -> None:
    client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
    with out.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["model", "budget", "prompt", "answer"])
        for row in EVAL_GRID:
            for prompt in prompts:
                response = client.models.generate_content(
                    model=row["model"],
                    contents=prompt,
                    config=types.GenerateContentConfig(
                        thinking_config=types.ThinkingConfig(thinking_budget=row["thinking_budget"]),
                    ),
                )
                writer.writerow([row["model"], row["thinking_budget"], prompt, response.text])


def preset_config(name: str) -> types.GenerateContentConfig:
    preset = THINKING_PRESETS[name]
    return types.GenerateContentConfig(
        thinking_config=types.ThinkingConfig(**preset),
        temperature=GENERATION_DEFAULTS["generation_config"]["temperature"],
    )


def describe(config: dict) -> str:
    budget = config.get("thinking_budget", config.get("thinkingBudget"))
    return f"thinking budget: {budget}"
