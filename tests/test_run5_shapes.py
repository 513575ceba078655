"""Shapes the fifth real-code measurement missed (tests/corpus/README.md, "Real-code
measurements"): the text of a part or a message read with ``getattr(x, "text", None)`` and used
as what the model said (LM304), and camera frames sent with ``media=`` whose image MIME type
is written in another module of the project (LM401)."""

from __future__ import annotations

from pathlib import Path

from harness import check, dedent, findings_by_file, write_tree


def found(code: str, rules: tuple[str, ...]) -> list[tuple[int, str, bool]]:
    return sorted((f.line, f.rule_id, f.fix is not None) for f in check(dedent(code), rules))


# --- LM304: getattr(part, "text", None) -------------------------------------------------------
GETATTR_TEXT = '''
    from google import genai

    client = genai.Client()
    CONFIG = {"response_modalities": ["AUDIO"]}


    async def listen(transcript):
        async with client.aio.live.connect(model="gemini-2.5-flash-native-audio-preview-12-2025",
                                           config=CONFIG) as session:
            async for response in session.receive():
                sc = response.server_content
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts:
                        said = getattr(part, "text", None)
                        if said:
                            transcript.append(said)
                whole = getattr(response, "text", None)
                audio = getattr(response, "data", None)
'''


def test_lm304_reports_getattr_text_of_a_part_and_of_a_message_without_a_fix() -> None:
    # the rewrite works on attribute reads; a getattr spelling is reported for a human
    assert found(GETATTR_TEXT, ("LM304",)) == [(14, "LM304", False), (17, "LM304", False)]


def test_lm304_getattr_text_on_a_text_session_or_of_other_things_is_not_reported() -> None:
    text_session = GETATTR_TEXT.replace('["AUDIO"]', '["TEXT"]')
    assert found(text_session, ("LM304",)) == []
    other = GETATTR_TEXT.replace('getattr(part, "text", None)', 'getattr(part, "inline_data", None)') \
        .replace('getattr(response, "text", None)', 'getattr(config, "text", None)')
    assert found(other, ("LM304",)) == []


def test_lm304_getattr_text_of_the_parts_that_are_not_thoughts_is_still_reported() -> None:
    """Run 7 changed this: a loop that leaves thoughts out and keeps the other text parts as
    what the model said gets nothing on an audio answer (its text parts are all thoughts)."""
    thoughts = GETATTR_TEXT.replace("                        if said:",
                                    "                        if said and not part.thought:")
    assert thoughts != GETATTR_TEXT
    assert [line for line, *_ in found(thoughts, ("LM304",))] == [14, 17]


def test_lm304_text_read_only_for_thoughts_is_not_reported() -> None:
    before = ('                        said = getattr(part, "text", None)\n'
              '                        if said:\n'
              '                            transcript.append(said)\n')
    after = ('                        if getattr(part, "thought", False):\n'
             '                            print("thinking:", part.text)\n')
    thoughts = GETATTR_TEXT.replace(before, after)
    assert thoughts != GETATTR_TEXT
    assert [line for line, *_ in found(thoughts, ("LM304",))] == [16]


# --- LM401: image frames built in another module ----------------------------------------------
CAMERA = dedent('''
    import base64

    import cv2


    def grab_frame(capture):
        ok, frame = capture.read()
        ok, jpeg = cv2.imencode(".jpg", frame)
        return {"mime_type": "image/jpeg", "data": base64.b64encode(jpeg.tobytes()).decode()}
''')
APP = dedent('''
    import asyncio

    import cv2
    from google import genai

    from {import_line}

    client = genai.Client()
    CONFIG = {{"response_modalities": ["AUDIO"]}}


    async def stream(session, capture):
        while True:
            frame = {call}(capture)
            await session.send_realtime_input(media=frame)
            await asyncio.sleep(1)


    async def main():
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            await stream(session, cv2.VideoCapture(0))
''')


def _project(tmp_path: Path, camera: str = CAMERA, import_line: str = "camera import grab_frame",
             call: str = "grab_frame") -> Path:
    return write_tree(tmp_path / "p", {"camera.py": camera,
                                       "app.py": APP.format(import_line=import_line, call=call)})


def test_lm401_frames_whose_image_mime_type_another_module_writes_are_video(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert findings_by_file(project, ("LM401",)) == {"app.py": [(20, "LM401")]}


def test_lm401_frames_from_an_imported_module_alias_are_video(tmp_path: Path) -> None:
    app = APP.format(import_line="camera import grab_frame", call="cam.grab_frame") \
        .replace("from camera import grab_frame", "import camera as cam")
    project = write_tree(tmp_path / "p", {"camera.py": CAMERA, "app.py": app})
    assert findings_by_file(project, ("LM401",)) == {"app.py": [(20, "LM401")]}


def test_lm401_audio_blobs_or_inline_images_of_another_module_are_not_video(tmp_path: Path) -> None:
    audio = CAMERA.replace('"image/jpeg"', '"audio/pcm;rate=16000"')
    assert findings_by_file(_project(tmp_path / "a", camera=audio), ("LM401",)) == {}
    inline = CAMERA.replace('return {"mime_type"', 'return {"inline_data": {"mime_type"').replace(
        '.decode()}', '.decode()}}')
    assert findings_by_file(_project(tmp_path / "b", camera=inline), ("LM401",)) == {}


def test_lm401_a_file_checked_alone_learns_nothing_of_its_imports(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert findings_by_file(project / "app.py", ("LM401",)) == {}


# --- run 6: a raw one-shot prompt whose role is written 'USER' (Google's JSPB samples) ---------
RAW_PROMPT = dedent('''
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    def text_input(text: str) -> dict:
        return {"clientContent": {"turns": [{"role": "USER", "parts": [{"text": text}]}], "turnComplete": True}}


    async def main(greeting):
        async with connect(URI) as ws:
            await ws.send(json.dumps({"setup": {"model": "models/gemini-3.1-flash-live-preview"}}))
            await ws.send(json.dumps(text_input(greeting)))
            async for raw in ws:
                print(raw)
''')


def test_a_one_shot_prompt_with_an_upper_case_role_is_a_prompt_not_a_history_seed() -> None:
    # LM102 declared it as a history seed (a safe fix): 3.1 never answers a seed
    assert [(line, rule) for line, rule, _ in found(RAW_PROMPT, ("LM101", "LM102"))] == [(9, "LM101")]


# --- run 6: a notebook that binds `config` again in a later cell --------------------------------
def _notebook(cells: list[str]) -> bytes:
    import json

    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {},
                                  "outputs": [], "source": text.splitlines(True)} for i, text in enumerate(cells)],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1).encode()


TEXT_CELL = dedent('''
    config = {"generation_config": {"response_modalities": ["TEXT"]}}

    async with client.aio.live.connect(model=MODEL, config=config) as session:
        await session.send(input="Hello?", end_of_turn=True)
        async for chunk in session.receive():
            if chunk.text is not None:
                print(chunk.text)
''')


def test_a_session_reads_the_config_bound_above_it_not_one_a_later_cell_binds() -> None:
    from harness import linter

    cells = ["from google import genai\nclient = genai.Client()\nMODEL = 'gemini-2.0-flash-exp'\n", TEXT_CELL,
             TEXT_CELL.replace('"TEXT"', '"AUDIO"').replace("chunk.text", "chunk.data")]
    findings = linter(("LM304", "LM005")).check_bytes(_notebook(cells), "nb.ipynb").findings
    # the first session is a TEXT one (LM005's), not an AUDIO one reading `.text` (LM304)
    assert sorted({f.rule_id for f in findings}) == ["LM005"]
    # a later cell's binding in a branch does not reach the session above it either
    gated = cells[:2] + ["if AUDIO:\n    " + cells[2].replace("\n", "\n    ")]
    findings = linter(("LM304",)).check_bytes(_notebook(gated), "nb.ipynb").findings
    assert findings == []
    # but below it, that binding may or may not have run: both values count. An AUDIO session
    # that answers in TEXT on some runs has its text reads left to LM005 (as run 16 decided);
    # without the gated binding it is an AUDIO session reading `.text`
    audio = ['config = {"response_modalities": ["AUDIO"]}\n']
    read = [TEXT_CELL.split("\n", 2)[2]]
    text_maybe = cells[:1] + audio + ['if TEXT_MODE:\n    config = {"response_modalities": ["TEXT"]}\n'] + read
    assert linter(("LM304",)).check_bytes(_notebook(text_maybe), "nb.ipynb").findings == []
    findings = linter(("LM304",)).check_bytes(_notebook(cells[:1] + audio + read), "nb.ipynb").findings
    assert [f.rule_id for f in findings] == ["LM304", "LM304"]


# --- run 6: a raw client's part read as text on an AUDIO setup ------------------------------------
RAW_PARTS = dedent('''
    import json

    from websockets.asyncio.client import connect

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


    async def main(browser):
        async with connect(URI) as ws:
            await ws.send(json.dumps({"setup": {"model": "models/gemini-2.5-flash-native-audio-preview-12-2025",
                                                "generationConfig": {"responseModalities": ["AUDIO"]}}}))
            async for raw in ws:
                response = json.loads(raw)
                for p in response["serverContent"]["modelTurn"]["parts"]:
                    if "inlineData" in p:
                        await browser.send(p["inlineData"]["data"])
                    elif "text" in p:
                        await browser.send(p["text"])
                        print(p.get("text"))
''')


def test_lm304_reports_a_raw_parts_text_on_an_audio_setup_without_a_fix() -> None:
    # (the `elif "text" in p:` test reads no text: the reads below it are the findings, as the
    # corpus convention puts them since measurement 44)
    assert found(RAW_PARTS, ("LM304",)) == [(18, "LM304", False), (19, "LM304", False)]
    # (a membership test with no read below it is the only sign the code uses the words)
    alone = RAW_PARTS.replace('await browser.send(p["text"])\n                    print(p.get("text"))',
                              'await browser.send("[text]")')
    assert alone != RAW_PARTS and found(alone, ("LM304",)) == [(17, "LM304", False)]
    assert found(RAW_PARTS.replace('["AUDIO"]', '["TEXT"]'), ("LM304",)) == []
    # not a part of a Live message: a dict of the app's own
    other = RAW_PARTS.replace('response["serverContent"]["modelTurn"]["parts"]', 'response["items"]')
    assert found(other, ("LM304",)) == []


# --- run 6: a loop over a parameter annotated as an iterator of server messages ------------------
STREAM_HANDLER = dedent('''
    from typing import AsyncIterator

    from google import genai
    from google.genai import types

    client = genai.Client()


    class Handler:
        async def run(self, publish):
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await self._process(session.receive(), publish)

        async def _process(self, responses: AsyncIterator[types.LiveServerMessage], publish) -> None:
            async for response in responses:
                if setup := response.setup_complete:
                    publish(setup)
                elif content := response.server_content:
                    publish(content)
                elif usage := response.usage_metadata:
                    publish(usage)
''')


def test_a_loop_over_an_annotated_message_iterator_reads_server_messages() -> None:
    # usage_metadata comes beside server content on 3.1: the chain drops one of them
    assert [(line, rule) for line, rule, _ in found(STREAM_HANDLER, ("LM302",))] == [(16, "LM302")]
    plain = STREAM_HANDLER.replace("AsyncIterator[types.LiveServerMessage]", "AsyncIterator[dict]")
    assert found(plain, ("LM302",)) == []
