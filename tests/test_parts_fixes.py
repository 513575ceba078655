"""LM301 and LM304 fixes in the shapes expert migrations write: a loop over every part named as
the code names the part, a raw part read guarded by ``try/except KeyError``, a local for the
server content, and the messages ``start_stream`` yields read as Live messages."""

from __future__ import annotations

import pytest

from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter


def fixed(code: str, rule: str) -> str:
    """``code`` after ``fix --unsafe-fixes --select rule``, through the one harness."""
    source = dedent(code)
    verify_fix(linter((rule,)), source.encode(), unsafe=True)
    return fixed_text(source, (rule,), unsafe=True)


def fixes(code: str, rule: str) -> list:
    return [f.fix for f in check(dedent(code), (rule,))]


# --- LM301: next(iter(parts)) ---------------------------------------------------------------------
def test_lm301_next_iter_of_the_parts_becomes_a_loop_named_as_the_part() -> None:
    code = '''
        async def speak(session, audio):
            async for message in session.receive():
                sc = message.server_content
                if sc and sc.model_turn and sc.model_turn.parts:
                    part = next(iter(sc.model_turn.parts))
                    if part.inline_data:
                        audio.extend(part.inline_data.data)
    '''
    assert fixed(code, "LM301") == dedent('''
        async def speak(session, audio):
            async for message in session.receive():
                sc = message.server_content
                if sc and sc.model_turn and sc.model_turn.parts:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            audio.extend(part.inline_data.data)
    ''')


def test_lm301_next_iter_with_a_second_part_read_still_gets_no_fix() -> None:
    # another single part read in the statements: a loop would pair every two parts
    code = '''
        async def ends(session):
            async for m in session.receive():
                parts = m.server_content.model_turn.parts
                first = next(iter(parts))
                print(first, parts[-1])
    '''
    assert fixes(code, "LM301") == [None, None]


# --- LM301: the loop's name and the parts' temporary ------------------------------------------------
LADDER = '''
    async def pump(session, on_audio, log):
        async for msg in session.receive():
            sc = msg.server_content
            if sc.model_turn and sc.model_turn.parts:
                parts = sc.model_turn.parts
                {name} = parts[0]
                if {name}.inline_data and {name}.inline_data.mime_type.startswith("audio/"):
                    await on_audio({name}.inline_data.data){after}
'''


def test_lm301_a_name_for_the_first_part_becomes_part_and_a_temporary_for_the_loop_goes() -> None:
    out = fixed(LADDER.format(name="first", after=""), "LM301")
    assert out == dedent('''
        async def pump(session, on_audio, log):
            async for msg in session.receive():
                sc = msg.server_content
                if sc.model_turn and sc.model_turn.parts:
                    for part in sc.model_turn.parts:
                        if part.inline_data and part.inline_data.mime_type.startswith("audio/"):
                            await on_audio(part.inline_data.data)
    ''')


@pytest.mark.parametrize("name", ["audio_part", "p", "part"])
def test_lm301_a_name_that_does_not_say_first_is_kept(name: str) -> None:
    out = fixed(LADDER.format(name=name, after=""), "LM301")
    assert f"for {name} in sc.model_turn.parts:\n" in out
    assert f"await on_audio({name}.inline_data.data)" in out


def test_lm301_a_first_part_name_bound_again_is_kept() -> None:
    code = '''
        async def play(session, out):
            async for m in session.receive():
                first = m.server_content.model_turn.parts[0]
                first = first.inline_data
                out.write(first.data)
    '''
    assert "for first in m.server_content.model_turn.parts:\n" in fixed(code, "LM301")


def test_lm301_a_temporary_read_elsewhere_stays() -> None:
    out = fixed(LADDER.format(name="first", after="\n                log.info('%d parts', len(parts))"), "LM301")
    assert "parts = sc.model_turn.parts\n" in out
    assert "for part in parts:\n" in out


def test_lm301_the_first_parts_name_stays_when_part_is_taken() -> None:
    code = LADDER.format(name="first", after="").replace("log)", "log, part)")
    out = fixed(code, "LM301")
    assert "for server_part in sc.model_turn.parts:\n" in out
    assert "await on_audio(server_part.inline_data.data)" in out


def test_lm301_a_temporary_not_right_before_the_read_stays() -> None:
    code = LADDER.format(name="first", after="").replace(
        "                parts = sc.model_turn.parts\n",
        "                parts = sc.model_turn.parts\n                log.info('audio')\n")
    out = fixed(code, "LM301")
    assert "parts = sc.model_turn.parts\n" in out
    assert "for part in parts:\n" in out


# --- LM301: a raw part read under try/except KeyError ------------------------------------------------
# (raw reads count in Gemini code only: the class name says it here)
RAW = '''
    import base64
    import json


    class GeminiAudio:
        async def receive(self):
            async for raw in self.ws:
                response = json.loads(raw)
                try:
                    b64data = response["serverContent"]["modelTurn"]["parts"][0]["inlineData"]["data"]
                except KeyError:
                    {handler}
                else:
                    self.audio_in.put_nowait(base64.b64decode(b64data)){after}
'''


def test_lm301_a_raw_part_read_under_except_keyerror_becomes_a_loop_over_the_parts_there_are() -> None:
    out = fixed(RAW.format(handler="pass", after=""), "LM301")
    assert out == dedent('''
        import base64
        import json


        class GeminiAudio:
            async def receive(self):
                async for raw in self.ws:
                    response = json.loads(raw)
                    parts = response.get("serverContent", {}).get("modelTurn", {}).get("parts", [])
                    for part in parts:
                        if "inlineData" in part:
                            self.audio_in.put_nowait(base64.b64decode(part["inlineData"]["data"]))
    ''')


def test_lm301_a_raw_part_read_used_twice_is_bound_in_the_loop() -> None:
    code = RAW.format(handler="pass", after="").replace(
        "self.audio_in.put_nowait(base64.b64decode(b64data))",
        "self.audio_in.put_nowait(base64.b64decode(b64data))\n                    print(len(b64data))")
    out = fixed(code, "LM301")
    assert ('            for part in parts:\n'
            '                if "inlineData" in part:\n'
            '                    b64data = part["inlineData"]["data"]\n'
            '                    self.audio_in.put_nowait(base64.b64decode(b64data))\n'
            '                    print(len(b64data))\n') in out


@pytest.mark.parametrize("handler,after", [
    ("log.debug('no audio')", ""),  # the handler does something: it would run per part, or never
    ("pass", "\n            print(b64data)"),  # the value is read after the try
    ("pass", "\n                    audio = b64data\n            print(audio)"),  # so is what the else binds
], ids=["handler-does-something", "read-after", "else-binding-read-after"])
def test_lm301_a_raw_part_read_under_except_keyerror_that_a_loop_would_change_gets_no_fix(handler: str, after: str) -> None:
    assert fixes(RAW.format(handler=handler, after=after), "LM301") == [None]


def test_lm301_a_raw_part_read_without_try_keeps_its_loop() -> None:
    code = '''
        import json

        URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"


        async def play(ws, out):
            async for raw in ws:
                response = json.loads(raw)
                b64 = response["serverContent"]["modelTurn"]["parts"][0]["inlineData"]["data"]
                out.write(b64)
    '''
    assert "for part in response[\"serverContent\"][\"modelTurn\"][\"parts\"]:\n" in fixed(code, "LM301")


# --- LM304: a local for the server content ------------------------------------------------------
SESSION = '''
    from google import genai

    client = genai.Client()


    async def main(reply{params}):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview",
                                           config={{"output_audio_transcription": {{}}}}) as session:
            async for message in session.receive():
{body}
'''


def _session(body: str, params: str = "") -> str:
    return SESSION.format(params=params, body="\n".join("                " + line for line in dedent(body).splitlines()))


def test_lm304_a_test_of_the_text_takes_a_local_for_the_server_content() -> None:
    out = fixed(_session('''
        if message.text:
            reply.append(message.text)
    '''), "LM304")
    assert ("            content = message.server_content\n"
            "            if content and content.output_transcription and content.output_transcription.text:\n"
            "                reply.append(content.output_transcription.text)\n") in out


def test_lm304_a_walrus_test_takes_a_local_too() -> None:
    out = fixed(_session('''
        if text := message.text:
            reply.append(text)
    '''), "LM304")
    assert ("            content = message.server_content\n"
            "            if content and content.output_transcription and (text := content.output_transcription.text):\n"
            ) in out


def test_lm304_a_value_takes_a_local() -> None:
    out = fixed(_session('''
        said = message.text
        reply.append(said or "")
    '''), "LM304")
    assert ("            content = message.server_content\n"
            "            said = content.output_transcription.text if content and content.output_transcription else None\n"
            ) in out


def test_lm304_the_local_takes_a_free_name() -> None:
    out = fixed(_session('''
        if message.text:
            reply.append(message.text, content)
    ''', params=", content"), "LM304")
    assert "            server_content = message.server_content\n" in out
    assert "server_content.output_transcription.text" in out


def test_lm304_no_free_name_reads_the_server_content_inline() -> None:
    out = fixed(_session('''
        if message.text:
            reply.append(message.text, content, server_content)
    ''', params=", content, server_content"), "LM304")
    assert ("if message.server_content and message.server_content.output_transcription and "
            "message.server_content.output_transcription.text:") in out


def test_lm304_an_elif_reads_the_server_content_inline() -> None:
    # no statement to put a local before: the test belongs to the if above
    out = fixed(_session('''
        if message.tool_call:
            reply.append(None)
        elif message.text:
            reply.append(message.text)
    '''), "LM304")
    assert ("elif message.server_content and message.server_content.output_transcription and "
            "message.server_content.output_transcription.text:") in out


def test_lm304_an_alias_the_code_has_is_used_not_a_new_local() -> None:
    out = fixed(_session('''
        sc = message.server_content
        if message.text:
            reply.append(message.text)
    '''), "LM304")
    assert "content =" not in out.replace("sc = message.server_content", "")
    assert "if sc and sc.output_transcription and sc.output_transcription.text:" in out


def test_lm304_a_statement_rebinding_the_message_reads_it_in_place() -> None:
    out = fixed(_session('''
        if message.text:
            reply.append(message.text)
            message = None
    '''), "LM304")
    assert "content =" not in out
    assert ("if message.server_content and message.server_content.output_transcription and "
            "message.server_content.output_transcription.text:") in out


def test_lm304_two_reads_in_one_block_share_one_local() -> None:
    out = fixed(_session('''
        if message.text:
            reply.append(message.text)
        if message.text:
            reply.append(message.text.upper())
    '''), "LM304")
    assert out.count("= message.server_content") == 1
    assert out.count("if content and content.output_transcription and content.output_transcription.text:") == 2


def test_lm304_known_server_content_needs_no_local() -> None:
    # `if message.server_content:` around: the test names it twice, not three times
    out = fixed(_session('''
        if message.server_content:
            if message.text:
                reply.append(message.text)
    '''), "LM304")
    assert "content =" not in out
    assert ("if message.server_content.output_transcription and "
            "message.server_content.output_transcription.text:") in out


# --- start_stream yields Live messages ----------------------------------------------------------
STREAM = '''
    from google import genai
    from google.genai import types

    client = genai.Client()
    CONFIG = types.LiveConnectConfig(response_modalities=[types.Modality.AUDIO])


    async def main(mic, captions, speaker):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config=CONFIG) as session:
            async for response in session.start_stream(stream=mic(), mime_type="audio/pcm;rate=16000"):
                if response.data:
                    speaker.write(response.data)
                if response.text:
                    captions.show(response.text)
'''


def test_lm304_messages_from_start_stream_are_live_messages() -> None:
    assert [f.line for f in check(dedent(STREAM), ("LM304",))] == [13, 14]
    out = fixed(STREAM, "LM304")
    assert ("types.LiveConnectConfig(response_modalities=[types.Modality.AUDIO], "
            "output_audio_transcription=types.AudioTranscriptionConfig())") in out
    assert ("            content = response.server_content\n"
            "            if content and content.output_transcription and content.output_transcription.text:\n"
            "                captions.show(content.output_transcription.text)\n") in out


# --- LM304: a parts loop inside a test of the model turn -------------------------------------------
def _in_loop(block: str) -> str:
    """``block`` as the body of SESSION's message loop."""
    return "".join("            " + line + "\n" for line in dedent(block).strip("\n").splitlines())


def test_lm304_the_transcript_is_read_after_the_model_turn_test_around_the_loop() -> None:
    """The transcript comes on messages without a model turn too: read inside `if ...model_turn:`
    it would be lost on them (a real repository's loop)."""
    out = fixed(_session('''
        if message.server_content and message.server_content.model_turn:
            for part in message.server_content.model_turn.parts:
                if part.inline_data:
                    reply.play(part.inline_data.data)
                if part.text:
                    reply.append(part.text)
    '''), "LM304")
    assert out.endswith(_in_loop('''
                if message.server_content and message.server_content.model_turn:
                    for part in message.server_content.model_turn.parts:
                        if part.inline_data:
                            reply.play(part.inline_data.data)
                if message.server_content and message.server_content.output_transcription and message.server_content.output_transcription.text:
                    reply.append(message.server_content.output_transcription.text)
    '''))


def test_lm304_a_model_turn_test_left_with_nothing_to_do_goes() -> None:
    out = fixed(_session('''
        sc = message.server_content
        if sc and sc.model_turn:
            for part in sc.model_turn.parts:
                if part.text:
                    reply.append(part.text)
    '''), "LM304")
    assert "model_turn" not in out
    assert out.endswith(_in_loop('''
                sc = message.server_content
                if sc and sc.output_transcription and sc.output_transcription.text:
                    reply.append(sc.output_transcription.text)
    '''))
