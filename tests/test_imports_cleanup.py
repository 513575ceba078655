"""The import clean-up after a fix pass: only google-genai from-imports the pass left unused."""

from __future__ import annotations

import libcst as cst

from livemigrate.imports_cleanup import drop_unused_genai_imports

BEFORE = '''\
from google.genai.types import ProactivityConfig, LiveConnectConfig
from json import dumps
import google.genai.types as t

config = LiveConnectConfig(proactivity=ProactivityConfig(proactive_audio=True), thinking_budget=dumps)
'''


def _after(code: str) -> str:
    return drop_unused_genai_imports(cst.parse_module(BEFORE), cst.parse_module(code)).code


def test_an_import_the_fix_left_unused_is_dropped() -> None:
    after = BEFORE.replace("proactivity=ProactivityConfig(proactive_audio=True), ", "")
    assert _after(after) == after.replace("ProactivityConfig, ", "")


def test_names_that_were_no_genai_import_change_nothing() -> None:
    after = BEFORE.replace("thinking_budget=dumps", "thinking_level='low'")  # dumps and a keyword go
    assert _after(after) == after


def test_a_name_still_used_in_a_string_keeps_its_import() -> None:
    after = BEFORE.replace("proactivity=ProactivityConfig(proactive_audio=True), ", "") + \
        '__all__ = ["ProactivityConfig"]\n'
    assert _after(after) == after


def test_a_commented_import_line_is_kept() -> None:
    before = BEFORE.replace("LiveConnectConfig\n", "LiveConnectConfig  # re-exported\n")
    after = before.replace("proactivity=ProactivityConfig(proactive_audio=True), ", "")
    assert drop_unused_genai_imports(cst.parse_module(before), cst.parse_module(after)).code == after
