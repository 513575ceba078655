"""LM303 on shapes from real code: an exit whose removal would play the same audio twice,
an exit that skips nothing the message can carry, and a move that stopped before the code
using what the message said. Each with the near misses that keep today's behaviour."""

from __future__ import annotations

from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter


def findings(code: str) -> list:
    return check(dedent(code), ("LM303",))


def fixed(code: str) -> str:
    """``code`` after ``fix --unsafe-fixes --select LM303``, through the one harness."""
    source = dedent(code)
    verify_fix(linter(("LM303",)), source.encode(), unsafe=True)
    return fixed_text(source, ("LM303",), unsafe=True)


# --- the exit skips only the same audio again, or code that does nothing --------------------------
# `msg.data` is the SDK's concatenation of the inline audio of the message's parts: the walk over
# the parts below plays the same bytes. Removing the `continue` would queue every chunk twice.
def test_audio_then_the_same_audio_from_the_parts_and_a_pass_is_no_finding() -> None:
    code = '''
        class LiveAudioSession:
            async def receive_loop(self):
                while True:
                    async for msg in self.session.receive():
                        if getattr(msg, "data", None):
                            await self.audio_out_queue.put(msg.data)
                            continue

                        server_content = getattr(msg, "server_content", None)
                        if server_content:
                            model_turn = getattr(server_content, "model_turn", None)
                            if model_turn:
                                for part in model_turn.parts:
                                    inline = getattr(part, "inline_data", None)
                                    if inline and inline.data:
                                        await self.audio_out_queue.put(inline.data)

                            if getattr(server_content, "turn_complete", False):
                                # nothing to do at the end of a turn
                                pass
    '''
    assert findings(code) == []


def test_audio_then_only_a_pass_on_turn_complete_is_no_finding() -> None:
    code = '''
        async def loop(session, out):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                    continue
                if response.server_content and response.server_content.turn_complete:
                    pass
    '''
    assert findings(code) == []


def test_near_miss_a_turn_complete_that_does_something_is_still_reported_and_fixed() -> None:
    code = '''
        async def loop(session, out):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                    continue
                if response.server_content and response.server_content.turn_complete:
                    out.flush()
    '''
    assert fixed(code) == dedent('''
        async def loop(session, out):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                if response.server_content and response.server_content.turn_complete:
                    out.flush()
    ''')


def test_near_miss_a_pass_with_an_else_still_reads_the_field() -> None:
    code = '''
        async def loop(session, out):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                    continue
                if response.server_content.turn_complete:
                    pass
                else:
                    out.note()
    '''
    assert [f.rule_id for f in findings(code)] == ["LM303"]


def test_audio_then_the_parts_audio_and_a_transcript_is_reported_without_a_fix() -> None:
    # the transcript is skipped (a finding), but letting the body go on would play the parts'
    # audio after `msg.data`: the same bytes twice
    code = '''
        async def loop(session, out, captions):
            async for msg in session.receive():
                if msg.data:
                    out.put(msg.data)
                    continue
                sc = msg.server_content
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts:
                        if part.inline_data:
                            out.put(part.inline_data.data)
                if sc and sc.output_transcription:
                    captions.append(sc.output_transcription.text)
    '''
    assert [(f.rule_id, f.fix) for f in findings(code)] == [("LM303", None)]


def test_audio_then_the_parts_audio_joined_and_a_transcript_is_reported_without_a_fix() -> None:
    code = '''
        async def loop(session, out, captions):
            async for response in session.receive():
                if audio := response.data:
                    out.put(audio)
                    continue
                sc = response.server_content
                pcm = b"".join(p.inline_data.data for p in sc.model_turn.parts if p.inline_data)
                out.put(pcm)
                if sc.output_transcription:
                    captions.append(sc.output_transcription.text)
    '''
    assert [(f.rule_id, f.fix) for f in findings(code)] == [("LM303", None)]


def test_the_parts_audio_taken_in_a_walrus_test_is_audio_used_again() -> None:
    code = '''
        async def loop(session, out, captions):
            async for msg in session.receive():
                if msg.data:
                    out.put(msg.data)
                    continue
                for part in msg.server_content.model_turn.parts:
                    if chunk := part.inline_data.data:
                        out.put(chunk)
                if t := msg.server_content.output_transcription:
                    captions.append(t.text)
    '''
    assert [(f.rule_id, f.fix) for f in findings(code)] == [("LM303", None)]


def test_near_miss_the_parts_only_tested_for_audio_keep_the_fix() -> None:
    # reading whether a part has audio (to log it) plays nothing twice
    code = '''
        async def loop(session, out, log):
            async for msg in session.receive():
                if msg.data:
                    out.put(msg.data)
                    continue
                sc = msg.server_content
                for part in sc.model_turn.parts if sc and sc.model_turn else []:
                    if hasattr(part, "inline_data"):
                        log.info("a part with audio")
                if sc and sc.output_transcription:
                    log.info(sc.output_transcription.text)
    '''
    assert fixed(code) == dedent('''
        async def loop(session, out, log):
            async for msg in session.receive():
                if msg.data:
                    out.put(msg.data)
                sc = msg.server_content
                for part in sc.model_turn.parts if sc and sc.model_turn else []:
                    if hasattr(part, "inline_data"):
                        log.info("a part with audio")
                if sc and sc.output_transcription:
                    log.info(sc.output_transcription.text)
    ''')


def test_the_transcript_read_again_below_a_transcript_branch_gets_no_fix() -> None:
    # the other way round: removing the exit would print the transcript twice
    code = '''
        async def loop(session, out):
            async for response in session.receive():
                sc = response.server_content
                if sc.output_transcription:
                    print(sc.output_transcription.text)
                    continue
                if sc.model_turn:
                    for part in sc.model_turn.parts:
                        out.write(part.inline_data.data)
                if sc.output_transcription:
                    print(sc.output_transcription.text)
    '''
    assert [(f.rule_id, f.fix) for f in findings(code)] == [("LM303", None)]


# --- the exit goes after the code that uses what the message said ---------------------------------
def test_a_local_computed_from_a_field_and_the_message_handed_on_are_read_after_the_audio() -> None:
    # (Jetrix-TJ/gemini-generic-voice-form) the transcript is put in a local, sent below, then the
    # message is handed to a helper that reads its tool call: the exit goes, it does not stop
    # between the transcript and its use
    code = '''
        class Consumer:
            async def receive_audio_from_gemini(self):
                while True:
                    turn = self.gemini_session.receive()
                    async for response in turn:
                        if data := response.data:
                            self.audio_in_queue.put_nowait(data)
                            continue
                        text_content = None
                        if text := response.text:
                            text_content = text
                        if response.server_content:
                            sc = response.server_content
                            if not text_content and sc.output_transcription:
                                text_content = sc.output_transcription.text
                        if text_content:
                            await self.send(text_content)
                        try:
                            for call in self._extract_tool_calls(response):
                                await self.handle(call)
                        except Exception as e:
                            print(e)
    '''
    assert fixed(code) == dedent('''
        class Consumer:
            async def receive_audio_from_gemini(self):
                while True:
                    turn = self.gemini_session.receive()
                    async for response in turn:
                        if data := response.data:
                            self.audio_in_queue.put_nowait(data)
                        text_content = None
                        if text := response.text:
                            text_content = text
                        if response.server_content:
                            sc = response.server_content
                            if not text_content and sc.output_transcription:
                                text_content = sc.output_transcription.text
                        if text_content:
                            await self.send(text_content)
                        try:
                            for call in self._extract_tool_calls(response):
                                await self.handle(call)
                        except Exception as e:
                            print(e)
    ''')


def test_the_exit_moves_after_the_use_of_a_local_computed_from_a_field() -> None:
    code = '''
        async def loop(session, out, stats):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                    continue
                said = None
                if t := response.server_content.output_transcription:
                    said = t.text
                if said:
                    print(said)
                stats.count += 1
    '''
    assert fixed(code) == dedent('''
        async def loop(session, out, stats):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                said = None
                if t := response.server_content.output_transcription:
                    said = t.text
                if said:
                    print(said)
                if data:
                    continue
                stats.count += 1
    ''')


def test_the_exit_moves_after_the_message_handed_to_a_helper() -> None:
    code = '''
        async def loop(session, out, stats):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                    continue
                if t := response.server_content.output_transcription:
                    print(t.text)
                await handle_tool_calls(response)
                stats.count += 1
    '''
    assert fixed(code) == dedent('''
        async def loop(session, out, stats):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                if t := response.server_content.output_transcription:
                    print(t.text)
                await handle_tool_calls(response)
                if data:
                    continue
                stats.count += 1
    ''')


def test_near_miss_a_local_not_computed_from_the_message_does_not_move_the_exit() -> None:
    # `label` was set before the branch from nothing the message holds: using it is not a read
    code = '''
        async def loop(session, out, stats, label):
            async for response in session.receive():
                tag = label.upper()
                if data := response.data:
                    out.write(data)
                    continue
                if t := response.server_content.output_transcription:
                    print(t.text)
                stats.log(tag)
    '''
    assert fixed(code) == dedent('''
        async def loop(session, out, stats, label):
            async for response in session.receive():
                tag = label.upper()
                if data := response.data:
                    out.write(data)
                if t := response.server_content.output_transcription:
                    print(t.text)
                if data:
                    continue
                stats.log(tag)
    ''')


# --- a raw client: the exit after the server content skips only other kinds of message -----------
# (run 9: a raw client's loop handles the server content, then `continue`s past its tool-call,
# cancellation and usage branches; the kinds of server message are a oneof, so none of those is
# ever on the message whose audio was played)
RAW_LOOP = '''
    import base64, json

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"

    async def pump(ws, play, log, transcript):
        async for raw in ws:
            msg = json.loads(raw)
            if "serverContent" in msg:
                sc = msg["serverContent"]
                ot = sc.get("outputTranscription")
                if ot and "text" in ot:
                    transcript.append(ot["text"])
                mt = sc.get("modelTurn")
                if mt:
                    for part in mt.get("parts", []):
                        inline = part.get("inlineData")
                        if inline:
                            play(base64.b64decode(inline["data"]))
                if sc.get("turnComplete"):
                    transcript.clear()
                continue
            if "toolCall" in msg:
                for fc in msg["toolCall"].get("functionCalls", []):
                    await ws.send(json.dumps({"tool_response": {"function_responses": [{"id": fc["id"], "response": {}}]}}))
                continue
            if "toolCallCancellation" in msg:
                log(msg["toolCallCancellation"].get("ids", []))
                continue
            if "usageMetadata" in msg:
                continue
            log(list(msg.keys()))
'''


def test_an_exit_after_the_server_content_that_skips_other_kinds_of_message_is_no_finding() -> None:
    assert findings(RAW_LOOP) == []


def test_an_exit_after_the_audio_that_skips_a_field_of_the_same_message_is_still_reported() -> None:
    # near miss: a usage read that does something is on the same message as the audio
    code = RAW_LOOP.replace('''            if "usageMetadata" in msg:
                continue''', '''            if "usageMetadata" in msg:
                log(msg["usageMetadata"])''')
    assert [f.rule_id for f in findings(code)] == ["LM303"]


def test_an_sdk_exit_after_the_audio_before_a_tool_call_branch_is_no_finding() -> None:
    code = '''
        async def loop(session, out, answer):
            async for response in session.receive():
                if data := response.data:
                    out.write(data)
                    continue
                if response.tool_call:
                    await answer(response.tool_call)
    '''
    assert findings(code) == []
    # near miss: the transcript read below is on the audio's own message
    assert [f.rule_id for f in findings(code.replace("if response.tool_call:", "if response.server_content.output_transcription:"))] == ["LM303"]


def test_an_exit_before_the_server_content_is_handed_to_a_helper_is_reported() -> None:
    # (a cookbook notebook: the helper reads the turn's end and the transcript of the message)
    code = '''
        async def loop(session, wf, handle_server_content, handle_tool_call):
            async for response in session.receive():
                if data := response.data:
                    wf.writeframes(data)
                    continue
                server_content = response.server_content
                if server_content is not None:
                    handle_server_content(wf, server_content)
                    continue
                tool_call = response.tool_call
                if tool_call is not None:
                    await handle_tool_call(session, tool_call)
    '''
    (finding,) = findings(code)
    assert "`server_content` read below is skipped" in finding.message
    # near miss: only the tool call (another kind of message) follows
    assert findings(code.replace("handle_server_content(wf, server_content)", "pass")) == []


# --- the turn's end handled first, then an exit: the content of the same message is skipped -------
# (run 10: a raw bridge's message handler returns at turnComplete before reading the parts)
RAW_HANDLER = '''
    import base64, json

    URI = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"

    class Bridge:
        async def handle(self, msg: dict):
            if msg.get("toolCall"):
                await self.answer(msg["toolCall"])
                return
            if msg.get("serverContent", {}).get("interrupted"):
                self.flush()
                return
            {turn_end}
            for part in msg.get("serverContent", {}).get("modelTurn", {}).get("parts", []):
                inline = part.get("inlineData", {})
                if inline.get("data"):
                    self.play(base64.b64decode(inline["data"]))
'''
TURN_END_FIRST = '''if msg.get("serverContent", {}).get("turnComplete"):
                self.end_turn()
                return'''


def test_an_exit_at_the_turns_end_before_the_content_is_reported() -> None:
    (finding,) = findings(RAW_HANDLER.replace("{turn_end}", TURN_END_FIRST))
    assert "at its turn's end" in finding.message and finding.fix is None
    sdk = '''
        async def loop(session, out):
            async for response in session.receive():
                sc = response.server_content
                if sc and sc.turn_complete:
                    out.end_turn()
                    continue
                if sc and sc.model_turn:
                    for part in sc.model_turn.parts:
                        out.play(part.inline_data.data)
    '''
    assert [f.line for f in findings(sdk)] == [6]


def test_the_turns_end_after_the_content_or_with_nothing_after_is_no_finding() -> None:
    # near misses: no exit at the turn's end; the interruption (no content comes with it) exits
    assert findings(RAW_HANDLER.replace("{turn_end}", "pass")) == []
    no_exit = TURN_END_FIRST.replace("\n                return", "")
    assert findings(RAW_HANDLER.replace("{turn_end}", no_exit)) == []


def test_a_break_at_the_turns_end_is_a_one_shot_readers_end() -> None:
    code = '''
        async def ask(session):
            heard = []
            async for msg in session.receive():
                if msg.server_content and msg.server_content.turn_complete:
                    break
                heard.append(len(msg.data or b""))
            return heard
    '''
    assert findings(code) == []
    assert [f.line for f in findings(code.replace("break", "continue"))] == [5]
