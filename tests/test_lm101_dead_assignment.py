"""LM101's rewrite of `send_client_content(turns=content, ...)` into realtime text leaves no dead
`content = types.Content(...)` behind: the assignment goes in the same fix when the call was
its only reader, and stays when anything else reads the name."""

from __future__ import annotations

from livemigrate.rule import Applicability
from livemigrate.testing import verify_fix

from harness import check, dedent, fixed_text, linter

HEAD = dedent('''
    from google import genai
    from google.genai import types

    client = genai.Client()


    async def chat(lines, history):
        async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
            async for line in lines:
''')


def _loop(body: str) -> str:
    """``body`` (lines indented for the ``async for`` loop) inside the chat loop, replies read after it."""
    return HEAD + body + "                async for message in session.receive():\n                    pass\n"


ONLY_READER = _loop(
    '                content = types.Content(role="user", parts=[types.Part(text=line)])\n'
    "                await session.send_client_content(turns=content, turn_complete=True)\n")


def test_the_assignment_only_the_call_read_goes_with_it() -> None:
    out = fixed_text(ONLY_READER, ("LM101",))
    assert "content =" not in out
    assert "await session.send_realtime_input(text=line)" in out
    # the types import only the assignment used goes too
    assert "from google.genai import types" not in out
    verify_fix(linter(("LM101",)), ONLY_READER.encode(), "example.py")
    finding, = check(ONLY_READER, ("LM101",))
    assert finding.fix.applicability is Applicability.SAFE


def test_a_name_read_elsewhere_keeps_its_assignment() -> None:
    code = _loop(
        '                content = types.Content(role="user", parts=[types.Part(text=line)])\n'
        "                history.append(content)\n"
        "                await session.send_client_content(turns=content, turn_complete=True)\n")
    out = fixed_text(code, ("LM101",))
    assert 'content = types.Content(role="user", parts=[types.Part(text=line)])' in out
    assert "history.append(content)" in out
    assert "await session.send_realtime_input(text=line)" in out


def test_a_read_after_the_call_keeps_the_assignment_too() -> None:
    code = _loop(
        '                content = types.Content(role="user", parts=[types.Part(text=line)])\n'
        "                await session.send_client_content(turns=content, turn_complete=True)\n"
        "                history.append(content)\n")
    assert "content = types.Content(" in fixed_text(code, ("LM101",))


def test_a_comment_on_the_assignment_makes_the_removal_unsafe() -> None:
    code = _loop(
        "                # the user's turn, as 2.5 wanted it\n"
        '                content = types.Content(role="user", parts=[types.Part(text=line)])\n'
        "                await session.send_client_content(turns=content, turn_complete=True)\n")
    finding, = check(code, ("LM101",))
    assert finding.fix.applicability is Applicability.UNSAFE
    assert any("comment" in reason for reason in finding.fix.unsafe_reasons)
    assert fixed_text(code, ("LM101",)) == code  # not by default
    out = fixed_text(code, ("LM101",), unsafe=True)
    assert "content =" not in out and "send_realtime_input(text=line)" in out


def test_a_comment_above_the_call_may_describe_the_removed_content() -> None:
    code = _loop(
        '                content = types.Content(role="user", parts=[types.Part(text=line)])\n'
        "                # send the content above as a complete turn\n"
        "                await session.send_client_content(turns=content, turn_complete=True)\n")
    finding, = check(code, ("LM101",))
    assert finding.fix.applicability is Applicability.UNSAFE
    assert any("above the call" in reason for reason in finding.fix.unsafe_reasons)


def test_a_value_with_other_effects_stays() -> None:
    # building the content also logs it: removing the assignment would drop the log
    code = _loop(
        '                content = types.Content(role="user", parts=[types.Part(text=line)], metadata=log(line))\n'
        "                await session.send_client_content(turns=content, turn_complete=True)\n")
    assert "content = types.Content(" in fixed_text(code, ("LM101",))


def test_a_module_constant_stays() -> None:
    # another module may import it
    code = dedent('''
        from google import genai
        from google.genai import types

        client = genai.Client()
        GREETING = types.Content(role="user", parts=[types.Part(text="Say hello")])


        async def main():
            async with client.aio.live.connect(model="gemini-3.1-flash-live-preview", config={}) as session:
                await session.send_client_content(turns=GREETING, turn_complete=True)
                async for message in session.receive():
                    pass
    ''')
    out = fixed_text(code, ("LM101",))
    assert "GREETING = types.Content(" in out
    assert "send_realtime_input(text=" in out
