"""Receive-side reshaping: split_parts and TEXT emulation, on SDK message objects."""

from __future__ import annotations

from google.genai import types

from livemigrate.migration import SERVER_CONTENT_PAYLOAD_FIELDS
from livemigrate.shim import TextEmulatedMessage, split_message
from livemigrate.shim.messages import PAYLOAD_ORDER, emulate_text


def audio(data: bytes) -> types.Part:
    return types.Part(inline_data=types.Blob(data=data, mime_type="audio/pcm;rate=24000"))


def three_one_message() -> types.LiveServerMessage:
    """The 3.1 shape: chunks, transcript, end of turn and usage on one message."""
    return types.LiveServerMessage(
        server_content=types.LiveServerContent(
            model_turn=types.Content(role="model", parts=[audio(b"A"), audio(b"B"), audio(b"C")]),
            output_transcription=types.Transcription(text="Hello there"),
            generation_complete=True,
            turn_complete=True,
        ),
        usage_metadata=types.UsageMetadata(total_token_count=15),
    )


def test_payload_order_covers_the_facts_module_payload_fields():
    assert set(PAYLOAD_ORDER) == set(SERVER_CONTENT_PAYLOAD_FIELDS)


def test_split_gives_one_part_or_field_per_message_with_the_turn_end_last():
    pieces = split_message(three_one_message())

    assert [p.server_content.model_turn.parts[0].inline_data.data for p in pieces[:3]] == [b"A", b"B", b"C"]
    assert all(len(p.server_content.model_turn.parts) == 1 for p in pieces[:3])
    assert all(p.server_content.model_turn.role == "model" for p in pieces[:3])
    assert pieces[3].server_content.output_transcription.text == "Hello there"
    assert pieces[3].server_content.model_turn is None
    last = pieces[4]
    assert last.server_content.turn_complete and last.server_content.generation_complete
    assert last.usage_metadata.total_token_count == 15
    assert len(pieces) == 5
    assert not any(p.server_content.turn_complete for p in pieces[:-1])
    assert all(type(p) is types.LiveServerMessage for p in pieces)


def test_an_elif_chain_over_split_messages_sees_every_field():
    seen = []
    for message in split_message(three_one_message()):
        content = message.server_content
        if content.model_turn:
            seen.append(content.model_turn.parts[0].inline_data.data)
        elif content.output_transcription:
            seen.append(content.output_transcription.text)
        elif content.turn_complete:
            seen.append("done")
    assert seen == [b"A", b"B", b"C", "Hello there", "done"]


def test_split_orders_interruption_and_user_words_before_the_reply_and_keeps_top_level_fields():
    message = types.LiveServerMessage(
        server_content=types.LiveServerContent(
            interrupted=True,
            input_transcription=types.Transcription(text="stop"),
            model_turn=types.Content(role="model", parts=[audio(b"A")]),
        ),
        tool_call=types.LiveServerToolCall(function_calls=[types.FunctionCall(id="c1", name="f")]),
        go_away=types.LiveServerGoAway(time_left="10s"),
    )
    pieces = split_message(message)
    assert pieces[0].server_content.interrupted
    assert pieces[1].server_content.input_transcription.text == "stop"
    assert pieces[2].server_content.model_turn.parts[0].inline_data.data == b"A"
    assert pieces[3].tool_call.function_calls[0].id == "c1" and pieces[3].server_content is None
    assert pieces[4].go_away.time_left == "10s"
    assert len(pieces) == 5


def test_a_single_field_message_is_returned_as_is():
    message = types.LiveServerMessage(go_away=types.LiveServerGoAway(time_left="1s"))
    assert split_message(message)[0] is message
    one_part = types.LiveServerMessage(
        server_content=types.LiveServerContent(model_turn=types.Content(parts=[audio(b"A")])),
        usage_metadata=types.UsageMetadata(total_token_count=1),
    )
    assert split_message(one_part) == [one_part]


def test_text_emulation_reads_the_transcript_and_stays_a_live_server_message():
    message = emulate_text(three_one_message())
    assert isinstance(message, types.LiveServerMessage) and isinstance(message, TextEmulatedMessage)
    assert message.text == "Hello there"
    assert message.data == b"ABC"  # the SDK accessors still work
    assert message.server_content.turn_complete
    assert three_one_message().text is None  # what 2.5 text code would get without the shim


def test_text_emulation_without_transcript_returns_text_parts_only():
    message = emulate_text(types.LiveServerMessage(
        server_content=types.LiveServerContent(model_turn=types.Content(parts=[
            types.Part(text="thinking", thought=True), types.Part(text="Hi"), audio(b"A"),
        ]))
    ))
    assert message.text == "Hi"
    assert emulate_text(types.LiveServerMessage(go_away=types.LiveServerGoAway(time_left="1s"))).text is None


def test_split_then_emulate_gives_the_transcript_once():
    from livemigrate.shim.messages import adapt_message

    texts = [m.text for m in adapt_message(three_one_message(), split_parts=True, text_emulation=True)]
    assert texts == [None, None, None, "Hello there", None]
