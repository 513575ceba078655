"""Receive-side rewrites the third expert set still missed (issue 11, part 2): LM302 over
names bound to a message's fields and over a handler dict dispatched with ``break``, the
order a split chain keeps; LM304's name for the server content, and the walrus it keeps. Each
shape is written from the pattern, with the near misses that must stay as they are."""

from __future__ import annotations

from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter

HEAD = '''
    from google import genai

    client = genai.Client()
    MODEL = "gemini-3.1-flash-live-preview"
    CONFIG = {"response_modalities": ["AUDIO"], "output_audio_transcription": {}}

'''


def live(*pieces: str) -> str:
    """A Live module: the client and an AUDIO config, then ``pieces``."""
    return dedent(HEAD) + "".join(dedent(piece) for piece in pieces)


MAIN = '''

    async def main():
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            await dispatch(session)
'''


def findings(code: str, rule: str) -> list:
    return [f for f in check(code, (rule,)) if f.rule_id == rule]


def fixed(code: str, rule: str) -> str:
    """``code`` after ``fix --unsafe-fixes --select rule``, through the one harness (fixed
    point, parses, idempotent)."""
    verify_fix(linter((rule,)), code.encode(), unsafe=True)
    return fixed_text(code, (rule,), unsafe=True)


# --- LM302: names bound to a field of the message -------------------------------------------
GETATTR_LADDER = '''
    async def host(session, board):
        async for msg in session.receive():
            sc = getattr(msg, "server_content", None)
            if sc is None:
                continue
            heard = getattr(sc, "input_transcription", None)
            said = getattr(sc, "output_transcription", None)
            if heard and heard.text:
                board.consider(heard.text)
            elif said and said.text:
                board.show(said.text)
            elif getattr(sc, "turn_complete", False):
                board.next_round()
'''


def test_a_chain_over_names_bound_to_fields_is_split_in_its_order() -> None:
    code = live(GETATTR_LADDER)
    assert len(findings(code, "LM302")) == 1
    assert fixed(code, "LM302") == code.replace("elif said", "if said").replace(
        "elif getattr(sc", "if getattr(sc")


def test_names_bound_by_attribute_reads_are_the_fields_too() -> None:
    code = live('''
        async def host(session, board):
            async for msg in session.receive():
                said = msg.server_content.output_transcription
                if msg.server_content.turn_complete:
                    board.next_round()
                elif said:
                    board.show(said.text)
    ''')
    assert fixed(code, "LM302") == live('''
        async def host(session, board):
            async for msg in session.receive():
                said = msg.server_content.output_transcription
                if said:
                    board.show(said.text)
                if msg.server_content.turn_complete:
                    board.next_round()
    ''')


def test_a_name_bound_to_a_field_in_another_function_is_not_that_field() -> None:
    # `said` here is a parameter: what another function bound it to says nothing about it
    code = live('''
        async def host(session, board):
            async for msg in session.receive():
                said = msg.server_content.output_transcription
                board.show(said)

        def route(msg, said, board):
            if said:
                board.show(said)
            elif msg.server_content.turn_complete:
                board.next_round()
    ''')
    assert findings(code, "LM302") == []


def test_a_name_bound_to_two_different_fields_is_neither() -> None:
    code = live('''
        async def host(session, board, mine):
            async for msg in session.receive():
                words = msg.server_content.input_transcription if mine else None
                words = msg.server_content.output_transcription
                if words:
                    board.show(words.text)
                elif msg.server_content.turn_complete:
                    board.next_round()
    ''')
    assert findings(code, "LM302") == []


def test_a_name_a_loop_also_writes_is_not_a_field() -> None:
    code = live('''
        async def host(session, board, extra):
            async for msg in session.receive():
                said = msg.server_content.output_transcription
                for said in extra:
                    board.note(said)
                if said:
                    board.show(said.text)
                elif msg.server_content.turn_complete:
                    board.next_round()
    ''')
    assert findings(code, "LM302") == []


def test_a_name_a_branch_rebinds_is_not_a_field() -> None:
    code = live('''
        async def host(session, board):
            async for msg in session.receive():
                sc = msg.server_content
                said = sc.output_transcription
                if sc.model_turn:
                    board.play(msg)
                    said = None
                elif said:
                    board.show(said.text)
    ''')
    assert findings(code, "LM302") == []


def test_a_branch_that_sets_a_name_another_test_reads_gets_no_fix() -> None:
    code = live('''
        async def host(session, board):
            spoke = False
            async for msg in session.receive():
                sc = msg.server_content
                if sc.model_turn:
                    board.play(msg)
                    spoke = True
                elif sc.turn_complete and spoke:
                    board.next_round()
    ''')
    [finding] = findings(code, "LM302")
    assert finding.fix is None


# --- LM302: the order a split keeps -----------------------------------------------------------
def test_a_chain_that_starts_with_interrupted_is_split_whole_in_its_order() -> None:
    # interrupted is neither content nor the turn's end: the flush stays where it was written,
    # and with content between them interrupted and turn_complete each get their own `if`
    code = live('''
        async def narrate(session, speaker, log):
            async for message in session.receive():
                content = message.server_content
                if content is None:
                    continue
                if content.interrupted:
                    log.info("visitor interrupted")
                elif content.model_turn:
                    for part in content.model_turn.parts:
                        speaker.write(part.inline_data.data)
                elif content.turn_complete:
                    log.info("guide finished a turn")
    ''')
    assert fixed(code, "LM302") == code.replace("elif content", "if content")


def test_the_turns_end_still_moves_after_the_content_and_interrupted_keeps_its_place() -> None:
    code = live('''
        async def loop(session, player):
            async for m in session.receive():
                sc = m.server_content
                if sc.turn_complete:
                    player.end_turn()
                elif sc.model_turn:
                    player.play(m)
                elif sc.interrupted:
                    player.clear()
    ''')
    assert fixed(code, "LM302") == live('''
        async def loop(session, player):
            async for m in session.receive():
                sc = m.server_content
                if sc.model_turn:
                    player.play(m)
                if sc.interrupted:
                    player.clear()
                if sc.turn_complete:
                    player.end_turn()
    ''')


def test_a_chain_of_the_turns_end_states_alone_is_left_alone() -> None:
    code = live('''
        async def loop(session, player):
            async for m in session.receive():
                if getattr(m.server_content, "interrupted", False):
                    player.end_turn(interrupted=True)
                elif getattr(m.server_content, "turn_complete", False):
                    player.end_turn()
    ''')
    assert findings(code, "LM302") == []


# --- LM302: a handler dict dispatched with break ---------------------------------------------
DISPATCH = '''
    async def on_tool_call(session, message):
        await session.send_tool_response(function_responses=[])


    async def on_server_content(session, message):
        print(message.server_content)


    async def on_go_away(session, message):
        print(message.go_away.time_left)


    HANDLERS = {
        "tool_call": on_tool_call,
        "server_content": on_server_content,
        "go_away": on_go_away,
        "usage_metadata": print,  # rides with any kind of message (the others are a oneof)
    }


    async def dispatch(session):
        while True:
            async for message in session.receive():
                for field, handler in HANDLERS.items():
                    if getattr(message, field) is not None:
                        await handler(session, message)
                        break
''' + MAIN


def test_a_handler_dict_that_stops_at_the_first_field_present_loses_the_break() -> None:
    code = live(DISPATCH)
    [finding] = findings(code, "LM302")
    assert finding.line == code.splitlines().index("            for field, handler in HANDLERS.items():") + 1
    assert fixed(code, "LM302") == code.replace("                    break\n", "")


def test_a_dispatch_over_the_keys_with_a_lookup_is_the_same_chain() -> None:
    code = live('''
        HANDLERS = {"tool_call": print, "server_content": print, "usage_metadata": print}

        async def dispatch(session):
            async for message in session.receive():
                for field in HANDLERS:
                    if getattr(message, field, None):
                        HANDLERS[field](message)
                        break
    ''', MAIN)
    assert "break" in code
    assert fixed(code, "LM302") == code.replace("                break\n", "")


def test_a_dispatch_with_code_after_it_in_the_loop_or_an_else_gets_no_fix() -> None:
    after = live('''
        HANDLERS = {"server_content": print, "tool_call": print, "usage_metadata": print}

        async def dispatch(session, log):
            async for message in session.receive():
                for field, handler in HANDLERS.items():
                    if getattr(message, field) is not None:
                        handler(message)
                        break
                    log.debug("no %s", field)
    ''', MAIN)
    orelse = live('''
        HANDLERS = {"server_content": print, "tool_call": print, "usage_metadata": print}

        async def dispatch(session, log):
            async for message in session.receive():
                for field, handler in HANDLERS.items():
                    if getattr(message, field) is not None:
                        handler(message)
                        break
                else:
                    log.debug("nothing known")
    ''', MAIN)
    assert [f.fix for f in findings(after, "LM302")] == [None]
    assert [f.fix for f in findings(orelse, "LM302")] == [None]


def test_a_dispatch_whose_order_ends_the_turn_before_the_content_gets_no_fix() -> None:
    # a dict's order is its entries': reordering them is for a person
    code = live('''
        STEPS = {"turn_complete": print, "model_turn": print}

        async def dispatch(session):
            async for message in session.receive():
                sc = message.server_content
                for field, step in STEPS.items():
                    if getattr(sc, field, None):
                        step(sc)
                        break
    ''', MAIN)
    [finding] = findings(code, "LM302")
    assert finding.fix is None


def test_a_dispatch_over_something_else_than_a_live_message_is_not_reported() -> None:
    code = live('''
        HANDLERS = {"server_content": print, "tool_call": print, "usage_metadata": print}

        def route(event):
            for field, handler in HANDLERS.items():
                if getattr(event, field) is not None:
                    handler(event)
                    break

        ACTIONS = {"start": print, "stop": print}

        async def dispatch(session):
            async for message in session.receive():
                for name, action in ACTIONS.items():
                    if getattr(message, name, None):
                        action(message)
                        break
    ''', MAIN)
    assert findings(code, "LM302") == []


def test_a_dispatch_over_the_turns_end_states_alone_is_left_alone() -> None:
    code = live('''
        ENDS = {"interrupted": print, "turn_complete": print}

        async def dispatch(session):
            async for message in session.receive():
                for field, handler in ENDS.items():
                    if getattr(message.server_content, field, False):
                        handler(message)
                        break
    ''', MAIN)
    assert findings(code, "LM302") == []


def test_a_search_loop_that_breaks_without_handling_anything_is_not_a_dispatch() -> None:
    code = live('''
        FIELDS = {"server_content": 1, "tool_call": 2}

        async def first_field(session):
            async for message in session.receive():
                for field in FIELDS:
                    if getattr(message, field) is not None:
                        break
                print(field)
    ''', MAIN.replace("dispatch", "first_field"))
    assert findings(code, "LM302") == []


# --- LM304: the name a fix binds the server content to -----------------------------------------
TEXT_READ = '''
    async def relay(out):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            async for message in session.receive():
                if message.text:
                    out.send(message.text)
'''
WATCH = '''

    async def watch(out):
        async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
            async for msg in session.receive():
                sc = msg.server_content
                if sc and sc.turn_complete:
                    out.done()
'''


def test_the_fix_names_the_server_content_as_the_module_does_elsewhere() -> None:
    code = live(TEXT_READ + WATCH)
    assert "            sc = message.server_content\n" \
           "            if sc and sc.output_transcription and sc.output_transcription.text:\n" \
           "                out.send(sc.output_transcription.text)\n" in fixed(code, "LM304")


def test_the_name_the_block_binds_later_wins_and_its_line_moves_up() -> None:
    code = live(TEXT_READ + '''
                payload = message.server_content
                if payload and payload.turn_complete:
                    out.done()
    ''' + WATCH)
    assert fixed(code, "LM304") == code.replace(
        "            if message.text:\n"
        "                out.send(message.text)\n"
        "\n"
        "            payload = message.server_content\n",
        "            payload = message.server_content\n"
        "            if payload and payload.output_transcription and payload.output_transcription.text:\n"
        "                out.send(payload.output_transcription.text)\n"
        "\n")


def test_a_later_binding_read_before_it_is_left_where_it_is() -> None:
    # `payload` printed before it is bound holds the last message's server content: moving
    # the binding up would change what it prints
    code = live(TEXT_READ + '''
                out.log(payload)
                payload = message.server_content
    ''' + WATCH)
    assert "            sc = message.server_content\n" in fixed(code, "LM304")
    assert "            payload = message.server_content\n" in fixed(code, "LM304")


def test_a_name_the_function_uses_for_something_else_is_never_shadowed() -> None:
    code = live(TEXT_READ.replace("relay(out)", "relay(out, sc)") + WATCH)
    assert "            content = message.server_content\n" in fixed(code, "LM304")


def test_without_a_name_in_the_module_the_fix_binds_content() -> None:
    code = live(TEXT_READ)
    assert "            content = message.server_content\n" in fixed(code, "LM304")


# --- LM304: a walrus in the test ---------------------------------------------------------------
def captions(body: str) -> str:
    """A Live module whose ``captions(bar)`` receives on one session and runs ``body`` per
    ``response``."""
    return live('''
        async def captions(bar):
            text = ""
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                async for response in session.receive():
    ''') + "\n".join(" " * 16 + line if line else line for line in dedent(body).splitlines()) + "\n"


def test_a_walrus_its_body_reads_once_keeps_its_name() -> None:
    # the fix changes the test and leaves the body it guards as written (a smaller diff)
    code = captions('''
        if text := response.text:
            bar.append(text)
    ''')
    assert fixed(code, "LM304") == captions('''
        content = response.server_content
        if content and content.output_transcription and (text := content.output_transcription.text):
            bar.append(text)
    ''')


def test_a_walrus_its_body_reads_twice_is_kept() -> None:
    # the name spares spelling the transcript's text twice
    code = captions('''
        if text := response.text:
            bar.append(text)
            bar.log("caption", text)
    ''')
    assert "if content and content.output_transcription and (text := content.output_transcription.text):" \
           in fixed(code, "LM304")


def test_a_walrus_in_an_elif_where_the_server_content_has_no_name_is_kept() -> None:
    code = captions('''
        if response.data:
            bar.play(response.data)
        elif text := response.text:
            bar.append(text)
    ''')
    assert "elif response.server_content and response.server_content.output_transcription and " \
           "(text := response.server_content.output_transcription.text):\n" in fixed(code, "LM304")


def test_a_walrus_read_after_its_if_is_kept() -> None:
    code = captions('''
        if text := response.text:
            bar.append(text)
        bar.last = text
    ''')
    assert "if content and content.output_transcription and (text := content.output_transcription.text):" \
           in fixed(code, "LM304")


def test_a_walrus_its_body_rebinds_is_kept() -> None:
    code = captions('''
        if text := response.text:
            text = text.strip()
            bar.append(text)
    ''')
    assert "(text := content.output_transcription.text)" in fixed(code, "LM304")


def test_a_walrus_an_else_reads_is_kept() -> None:
    code = captions('''
        if text := response.text:
            bar.append(text)
        else:
            bar.note(repr(text))
    ''')
    assert "(text := content.output_transcription.text)" in fixed(code, "LM304")


# --- LM304: a part's text read under its own test -----------------------------------------------
def parts(body: str) -> str:
    """A Live module whose loop over a message's parts runs ``body`` per ``part``."""
    return live('''
        async def listen(out):
            async with client.aio.live.connect(model=MODEL, config=CONFIG) as session:
                async for message in session.receive():
                    sc = message.server_content
                    if sc and sc.model_turn:
                        for part in sc.model_turn.parts:
                            if part.inline_data:
                                out.play(part.inline_data.data)
    ''') + "\n".join(" " * 20 + line if line else line for line in dedent(body).splitlines()) + "\n"


def test_one_test_of_the_parts_text_joins_the_guard() -> None:
    code = parts('''
        if part.text:
            out.log("model: %s", part.text)
    ''')
    assert fixed(code, "LM304").endswith(
        "                    if part.inline_data:\n"
        "                        out.play(part.inline_data.data)\n"
        "            if sc and sc.output_transcription and sc.output_transcription.text:\n"
        "                out.log(\"model: %s\", sc.output_transcription.text)\n")


def test_a_test_with_a_comment_above_it_stays_under_the_guard() -> None:
    code = parts('''
        # what the model said
        if part.text:
            out.log("model: %s", part.text)
    ''')
    assert fixed(code, "LM304").endswith(
        "            if sc and sc.output_transcription:\n"
        "                # what the model said\n"
        "                if sc.output_transcription.text:\n"
        "                    out.log(\"model: %s\", sc.output_transcription.text)\n")
