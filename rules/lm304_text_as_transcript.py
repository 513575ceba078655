"""`.text` of a Live message (or of its parts) read as what the model said, on an AUDIO session.

## What it does
Flags `message.text` on Live server messages (from `session.receive()` or
`session.start_stream(...)`, also through names, `self` attributes and handler parameters)
when the session answers in AUDIO: its config sets `response_modalities` to AUDIO (also through
a settings class's field default, `self.config.response_modalities`) or leaves it unset. A value
the module does not show (a framework's parameter: its users may pick TEXT; a modality the
module writes from the browser's message) is not read as AUDIO. A relay opening its session with
the whole setup the browser sent (`config = json.loads(msg).get("setup", {})`, a field added here)
sets none the module can see: it is read as unset, since the target answers in audio whatever the
browser asks (decided after measurement 2; measurement 51's labellers read the rule the other way). A session another module of the run opened on a native-audio id and handed here (to a
function, or to a method its base class hands it to: `await self._receive_loop(session)`
overridden in a subclass), or one a function of another module opens and hands back to be
entered here (`async with await open_live() as live:`, also kept on an object the module's
functions are passed, `state.live = live`; measurement 40) answers in audio too, as does one
such a function opens with a config whose one response modality is AUDIO (a literal of its
module or of the settings module it imports it from, also under `generation_config`; a
half-cascade model answering in audio there), and a session handed here (also by a method the
opening module hands it to) whose config the opening module shows answering in AUDIO alone (a
literal, or a property of its settings class: `gemini.live_config`; measurement 42): its reads
are reported with no fix (its config is not here; decided after measurements 38 and 40). A session a method opens that no file of the run
calls (in a run over a project's root, a folder with `.git` or `pyproject.toml`, and no method
named at run time, `getattr(live, f"connect_{mode}_session")`: `connect_text_session` beside the
`connect_audio_session` the app uses) never runs: reads of the session the module keeps
(`self.session`, set by its users) are of the other one's config. A session handed to a helper
is known to answer in audio only when every session the run hands this module is on a
native-audio id; a subclass that opens its own session in the base's opening method gets none of
the base's. Also `part.text` of the parts of such a message (`for part in sc.model_turn.parts: ...
part.text`, the parts also guarded as `parts or []`, `parts if sc.model_turn else []`, read
through a name bound to the model turn (`mt = sc.model_turn`, `if mt := sc.model_turn:`), in
`for i, part in enumerate(...)`, or a comprehension `" ".join(p.text for p in
msg.server_content.model_turn.parts)` in a helper taking a `LiveServerMessage`: no fix there),
unless the read runs only for thoughts (under `if part.thought:`, `if getattr(part, "thought",
False):`, a raw part's `if part.get("thought"):` or the first arm of `part.text if part.thought
else ""`; so does a test `if part.text is not None:`
whose body takes the text only of thoughts: measurement 48): a loop that tells thoughts apart and
takes the other text parts as what the model said is reported there, since an audio answer has
no such parts. The `getattr(message, "text", None)` and `getattr(part, "text", None)` spellings
are reported too, and a raw client's part read as `part["text"]`, `part.get("text")` or tested
with `"text" in part` on an AUDIO setup (no fix for these: the rewrite works on attribute
reads); a membership test reads no text, so it is reported only when the branch it opens reads
none itself: `if "text" in part: on_text(part["text"])` is one finding, on the read (decided
after measurements 44 and 48). Sessions configured for TEXT, also beside AUDIO (`["AUDIO", "TEXT"]`) or on some runs only
(`modalities.append("TEXT")` under a flag, a config bound to a TEXT list in a gated branch), are
LM005's business (it reports the TEXT, and its fix makes the session AUDIO, after which this rule
reports the reads), and so is a module that asks which modality its session answers in
(`if "TEXT" in self.config.response_modalities:`) and reads the output transcription: it serves
both, takes the words from the transcript on AUDIO runs, and its text reads are what it uses on
TEXT runs (VideoSDK's Gemini plugin collects text parts on every run and uses them only under
that test); sessions whose only model ids the code shows are a Live model
outside this move (`gemini-3.5-live-translate-preview`, also as a parameter's default) are not
reported; `generate_content` responses' `.text` is never flagged, nor is a log line that only
says whether a part has text (`log.debug("text=%s", part.text is not None)`).

## Why is this bad?
Native-audio models answer in audio. `.text` only joins the text parts of the model turn,
which an audio answer does not have (only thoughts, which `.text` skips), so it is `None`.
A text part of an audio answer is a thought, not what was said. What the model said is in
`server_content.output_transcription.text`, sent when the config enables
`output_audio_transcription`.

## Example
```python
async for message in session.receive():
    if message.text:
        transcript.append(message.text)
```

## Use instead
```python
async for message in session.receive():
    content = message.server_content
    if content and content.output_transcription and content.output_transcription.text:
        transcript.append(content.output_transcription.text)
```

## Fix safety
Unsafe: the code reads the transcript instead, and the session's config gets
`output_audio_transcription` (in its spelling: `types.AudioTranscriptionConfig()` in a typed
config, `{}` in a dict, `outputAudioTranscription` when the keys are camelCase) when it does not
enable it yet: at its top level (nested in `generation_config` it does not take effect) and
not only in code for 2.x models, as LM009 (transcription-not-enabled) reads it. Where the code
builds the session's config in several places (a default, and a method that rebuilds it with
other fields), each gets it; no fix when one of them cannot (it spreads `**kwargs`). The setting goes
where LM009 puts it, so a run of both writes it once. The transcript arrives in fragments on
several messages (stitching them is the program's choice), and not always on the messages that
carry the audio.
Where the read sits decides the shape, always safe against a message without server content
or transcription:
- in an `if` test (`if m.text:`, `if text := m.text:`): the test first checks that the
  transcription is there (`if m.server_content and m.server_content.output_transcription and
  m.server_content.output_transcription.text:`), and the reads in its body follow; a walrus
  keeps its name (`(text := <transcription>.text)`): the body it guards is left as written;
- in a statement of its own (`print(m.text)`, `log.info(..., m.text)`, `yield m.text`): the
  statement runs only when the message carries a transcription;
- elsewhere (`text = m.text`, `return m.text`): `(<transcription>.text if <it is there> else
  None)`, the value `.text` had when there was no text.
A check the code already made is not repeated (inside `if sc:` or after `if sc is None:
continue`), and a name the code bound to the server content (`sc = m.server_content`) is used.
Where the code has no such name and the test or value the fix writes would spell the server
content three times (it, its transcription, the text), the fix binds it first, right before the
statement, under the name the code already gives a server content: the one the same block
binds `m.server_content` to further down (that line moves up, when nothing between reads the
name), else the one the module's other functions use most (`sc = msg.server_content`), else
`content` (`server_content` when `content` is taken); never a name the function uses for
anything else. In an `elif` (no line to bind it on), or when no name is free, it is read in
place; a statement of its own reads it in place too (its guard names it twice).
Where the read sits in a loop over the parts, the statements that read `part.text` (and those
using what they bind) leave the loop and read the transcript once, after it; the loop keeps the
rest, and goes when nothing is left but `if <test>: continue` lines (they only skipped parts
for the text that left). A `hasattr(part, "text") and part.text` test loses its check with the
part (an SDK part always has the field); a check standing alone gets no fix. An `enumerate` loop's index stays in the loop: no fix when a statement
that reads `part.text` also reads the index. When the loop sits in an `if` that tests the model turn (`if sc and
sc.model_turn:`, `if mt:` on a name bound to it), the transcript is read after that `if`: it
also comes on messages without a model turn, which the `if` would skip; an `if` left with
nothing to do goes (no fix when its test binds a name, `if mt := sc.model_turn:`, that code
after it reads). A text branch ending an `if part.inline_data: ... elif part.text: ...` chain
leaves the loop the same way (the chain keeps its other branches). An `if` before the loop, in
its block, that leaves on a message without a model turn (`if not sc or not sc.model_turn:
return`) keeps its other tests (or goes) and the loop goes under `if sc.model_turn:`: the
transcript comes on messages without one; no fix when such an exit does more than leave the
message (`break` and `raise` end the reading), tests the model turn otherwise, sits in a block
around the loop's, or guards code after the loop too. What left the
loop runs under `if <it is there>:`; when that is one `if <test>:` (no `else`, no comment
above it), the two are one test: `if sc and sc.output_transcription and
sc.output_transcription.text:`.
No fix where the function around the read (the module, outside one) already reads an output
transcription (`.output_transcription`, `["outputTranscription"]`): there the program takes the
transcript already, `.text` was a second consumer (of thoughts, on 2.x), and a rewrite would
take every transcript twice; the finding says to remove the read by hand. (A read under the
guard this fix writes, `... and X.output_transcription and X.output_transcription.text`, is
taken for the fix's own output: a second `.text` read of a block is rewritten in the next pass;
not when its body does what the `.text` statements do, `add(sc.output_transcription.text)` beside
`add(part.text)`: a pass never writes a copy of what is left, the program wrote it.)
No fix for a `getattr(..., "text", None)` read or a raw client's part (the rewrite works on
attribute reads; a raw client reads `serverContent.outputTranscription.text`).
No fix when the config is not one literal this module builds (the transcription could not be
turned on), or when the read sits in a loop header, a `with` or an `else` of its own test.

## References
- `LiveServerMessage.text` (joins text parts, skips thoughts) and `LiveServerContent.output_transcription`
  in https://github.com/googleapis/python-genai/blob/main/google/genai/types.py
- Audio transcriptions, Live API guide: https://ai.google.dev/gemini-api/docs/live-guide
- The cookbook's 3.1 migration reads the transcript from `output_transcription`:
  https://github.com/google-gemini/cookbook/pull/1224
- The transcript arrives in fragments; stitch them: https://github.com/google-gemini/cookbook/issues/951
"""

from __future__ import annotations

import libcst as cst

from livemigrate.analysis import (
    KEY_GETTERS,
    ModelInfo,
    absence,
    block_of,
    content_message,
    descendants,
    dotted_name,
    exit_statement,
    got_attribute,
    is_model_turn,
    is_other_model,
    is_pure,
    is_received_part,
    key_read,
    leaves,
    names_bound,
    names_read,
    parts_content,
    parts_loop_name,
    server_content_bindings,
    statement_of,
    string_value,
)
from livemigrate.edits import RemoveStatement, Replace
from livemigrate.fixes import add_entry, replace_nodes, transcription_in_builds
from livemigrate.rule import Fix, FixAvailability, Invalid, Rule, RuleContext

_TRANSCRIPTION = "output_transcription"
# Names a fix binds the server content to when the code has none (the first one free).
_LOCALS = ("content", "server_content")
# Expressions that need parentheses to be one operand of `and` (or of an operator).
_LOOSE = (cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr, cst.UnaryOperation, cst.Comparison)
# Kinds looked for in every node of a function, by exact type (none has a subclass): an
# isinstance against several ABCs per node costs more than the walk.
_TESTED = frozenset({cst.If, cst.IfExp})  # what has a test
_REBINDING = frozenset({cst.Assign, cst.AugAssign, cst.For})  # what may bind a name again


def _absent_model_turn(live, test: cst.BaseExpression) -> str | None:
    """``X`` of ``not X.model_turn`` / ``X.model_turn is None``."""
    absent = absence(test)
    return _code(absent.value) if type(absent) is cst.Attribute and absent.attr.value == "model_turn" else None


def _disjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.Or and not test.lpar:
        return [*_disjuncts(test.left), *_disjuncts(test.right)]
    return [test]


def _dropping_model_turn(live, exit_if: cst.If):
    """See ``_model_turn_exit``: ``exit_if`` without its test of the model turn's absence."""
    body = exit_if.body
    lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
    if exit_if.orelse is not None or len(lines) != 1 or len(getattr(lines[0], "body", ())) != 1:
        return False  # it does more than leave: what it does would change for those messages
    if exit_statement(body, (cst.Continue, cst.Return)) is None:
        return False  # `break` / `raise` ends the reading, not this message's handling
    sides = _disjuncts(exit_if.test)
    absent = [side for side in sides if _absent_model_turn(live, side) is not None]
    rest = [side for side in sides if side not in absent]
    if len(absent) != 1 or any(_tests_model_turn(live, side) for side in rest):
        return False
    wrap = f"{_absent_model_turn(live, absent[0])}.model_turn"
    if not rest:
        return RemoveStatement(exit_if), wrap, ""
    kept = " or ".join(_code(side) for side in rest)
    return Replace(exit_if.test, _expr(kept)), wrap, kept


def _without_last_elif(chain: cst.If) -> tuple[cst.If, cst.If] | None:
    """``chain`` without its last ``elif`` (which has no ``else``), and that ``elif`` as an
    ``if`` of its own; None when the chain ends in an ``else`` or has no ``elif``, or when a
    comment sits on that ``elif`` line."""
    orelse = chain.orelse
    if type(orelse) is not cst.If:
        return None
    if orelse.orelse is None:
        if any(line.comment is not None for line in orelse.leading_lines):
            return None
        return chain.with_changes(orelse=None), cst.If(test=orelse.test, body=orelse.body)
    inner = _without_last_elif(orelse)
    return None if inner is None else (chain.with_changes(orelse=inner[0]), inner[1])


def _model(config) -> ModelInfo:
    """The model of the sessions a fix's reads come from: `.text` is right on a 2.x model that
    answers in text, so the fix is a change for the target alone (gate style leaves it)."""
    return config.model if config is not None else ModelInfo.unknown()


def modalities(ctx: RuleContext, config) -> set[str] | None:
    """The response modalities a config sets (upper case), or None when it sets none."""
    return ctx.live.response_modalities(config)


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _expr(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)


def _operand(node: cst.BaseExpression) -> str:
    """``node`` as code that can be one operand of ``and``."""
    code = _code(node)
    return f"({code})" if isinstance(node, _LOOSE) and not node.lpar else code


def _conjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And) and not test.lpar:
        return _conjuncts(test.left) + _conjuncts(test.right)
    return [test]


def _skips_only(line: cst.CSTNode) -> bool:
    """``line`` is ``if <test that only reads>: continue``: in a loop over the parts it only
    skips what comes after it. Once the text reads leave the loop, such lines do nothing."""
    return (isinstance(line, cst.If) and line.orelse is None and is_pure(line.test)
            and isinstance(line.body, (cst.IndentedBlock, cst.SimpleStatementSuite))
            and len(line.body.body) == 1 and exit_statement(line.body, (cst.Continue,)) is not None
            and (isinstance(line.body, cst.SimpleStatementSuite) or len(line.body.body[0].body) == 1))


def _rewritten_guard(test: cst.BaseExpression) -> bool:
    """``test`` is the guard this rule's rewrite writes: its last conjuncts are
    ``X.output_transcription and X.output_transcription.text``."""
    conjuncts = _conjuncts(test)
    if len(conjuncts) < 2:
        return False
    said, there = _code(conjuncts[-1]), _code(conjuncts[-2])
    return there.endswith(f".{_TRANSCRIPTION}") and said == f"{there}.text"


# What stands for the text a statement uses, when two statements are compared (see _uses_of).
_SAID = cst.Name("__said__")


# Calls that write a line to a log or the console: a value passed there is shown, not used.
_LOGGING = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print"})


def _text_presence_check(node: cst.CSTNode | None, name: str) -> bool:
    """``hasattr(<name>, "text")``: a check that a part has the field, which an SDK part always has."""
    return type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "hasattr" \
        and len(node.args) == 2 and type(node.args[0].value) is cst.Name and node.args[0].value.value == name \
        and string_value(node.args[1].value) == "text"


class _DropPresenceChecks(cst.CSTTransformer):
    def __init__(self, name: str) -> None:
        self.name = name

    def leave_BooleanOperation(self, original_node: cst.BooleanOperation,
                               updated_node: cst.BooleanOperation) -> cst.BaseExpression:
        if type(updated_node.operator) is cst.And:
            if _text_presence_check(updated_node.left, self.name):
                return updated_node.right
            if _text_presence_check(updated_node.right, self.name):
                return updated_node.left
        return updated_node


def _without_text_presence_checks(line: cst.CSTNode, name: str) -> cst.CSTNode | None:
    """``line`` with each ``hasattr(<name>, "text") and ...`` reduced to its other side; None when
    a check is left (not one side of an ``and``)."""
    line = line.visit(_DropPresenceChecks(name))
    left = any(_text_presence_check(n, name) for n in descendants(line, ()))
    return None if left else line


def _guarded_by_a_getattr(ctx: RuleContext, read: cst.CSTNode, owner: cst.BaseExpression) -> bool:
    """``read`` runs under an ``if`` / ``elif`` whose test reads the same message's text with
    ``getattr(r, "text", None)`` / ``hasattr(r, "text")``: that read has no rewrite (LM304
    reports it with none), so rewriting the body alone leaves a guard that never holds."""
    code = ctx.live.module.code_for_node
    spelled = code(owner)
    for ancestor in ctx.live.ancestors(read):
        if type(ancestor) in (cst.FunctionDef, cst.ClassDef):
            return False
        if type(ancestor) is cst.If:
            for node in ctx.live.walk(ancestor.test):
                if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value in ("getattr", "hasattr") \
                        and len(node.args) >= 2 and string_value(node.args[1].value) == "text" \
                        and code(node.args[0].value) == spelled:
                    return True
    return False


def _text_added(ctx: RuleContext, config) -> bool:
    """The config's modalities list gets TEXT appended on some runs (``modalities = ["AUDIO"]``,
    then ``if transcription: modalities.append("TEXT")``): such a session's text reads are
    LM005's (it reports the TEXT), as a TEXT session's are."""
    live = ctx.live
    for entry in live.entries_of(config):
        if entry.name == "response_modalities" and isinstance(entry.value, cst.Name):
            for value in live.appended_to(entry.value):
                text = string_value(value) or (value.attr.value if isinstance(value, cst.Attribute) else "")
                if text.upper() == "TEXT":
                    return True
    return False


def _names_the_transcript(node: cst.CSTNode) -> bool:
    """``node`` reads the output transcription: ``.output_transcription``, or the name as a
    string (``getattr(sc, "output_transcription")``, a raw ``["outputTranscription"]``)."""
    if type(node) is cst.Attribute:
        return node.attr.value == _TRANSCRIPTION
    return type(node) is cst.SimpleString and string_value(node) in (_TRANSCRIPTION, "outputTranscription")


def _logged_presence(read: cst.CSTNode, parent) -> bool:
    """``read`` is only compared with None in an argument of a logging call
    (``log.debug("text=%s", getattr(part, "text", None) is not None)``) or in an f-string
    (``queue.put(f"has text: {response.text is not None}")``, measurement 55): the line says
    whether a part has text; it never uses the words."""
    comparison = parent(read)
    if type(comparison) is not cst.Comparison or comparison.left is not read or len(comparison.comparisons) != 1:
        return False
    target = comparison.comparisons[0]
    if not (type(target.operator) in (cst.Is, cst.IsNot) and type(target.comparator) is cst.Name
            and target.comparator.value == "None"):
        return False
    argument = parent(comparison)
    if type(argument) is cst.FormattedStringExpression:
        return True  # `f"has text: {response.text is not None}"`: the line says True or False
    call = parent(argument) if type(argument) is cst.Arg else None
    if type(call) is not cst.Call:
        return False
    func = call.func
    name = func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else None
    return name in _LOGGING


def _reads_under_test(live, read: cst.CSTNode, owner: cst.BaseExpression) -> list[cst.CSTNode]:
    """When ``read`` sits in the test of an ``if``, the reads of the same part's text in its
    body (``if "text" in part: on_text(part["text"])``); else none."""
    child: cst.CSTNode = read
    for ancestor in live.ancestors(read):
        if isinstance(ancestor, cst.If):
            if child is not ancestor.test:
                return []
            said = _code(owner)
            return [n for n in descendants(ancestor.body)
                    if isinstance(n, cst.Attribute) and n.attr.value == "text" and _code(n.value) == said
                    or (spelled := key_read(n)) is not None and spelled[1] == "text" and _code(spelled[0]) == said]
        if not isinstance(ancestor, cst.BaseExpression):
            return []
        child = ancestor
    return []


def _bound_beside(live, loop: cst.For, host: cst.If) -> set[str]:
    """The names the statements of ``host`` around ``loop`` bind (each block from the loop up
    to ``host``, the loop's own statements left out): what code moved after ``host`` would
    read unbound on a message without a model turn."""
    bound: set[str] = set()
    child: cst.CSTNode = loop
    for ancestor in live.ancestors(loop):
        if isinstance(ancestor, cst.IndentedBlock):
            bound |= names_bound(*(line for line in ancestor.body if line is not child))
        if ancestor is host:
            return bound
        child = ancestor
    return bound


def _tests_thought(test: cst.BaseExpression, part: str | None) -> bool:
    """``test`` holds when ``part`` is a thought: ``part.thought``, ``getattr(part, "thought",
    ...)``, a raw part's ``part.get("thought")`` / ``part["thought"]``, either as one term of an
    ``and``."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _tests_thought(test.left, part) or _tests_thought(test.right, part)
    spelled = got_attribute(test) or key_read(test)
    return spelled is not None and spelled[1] == "thought" and _code(spelled[0]) == part


def _small_statements(node: cst.CSTNode) -> list[cst.BaseSmallStatement]:
    return [n for n in descendants(node) if isinstance(n, cst.BaseSmallStatement)]


def _uses(statements: list[cst.BaseSmallStatement], said: str) -> set[str]:
    """The code of each of ``statements`` that reads ``said`` (an expression's code), with
    that read written as one placeholder: what the statement does with the text."""
    found = set()
    for statement in statements:
        reads = [n for n in descendants(statement) if isinstance(n, cst.Attribute) and _code(n) == said]
        if reads:
            found.add(_code(replace_nodes(statement, reads, _SAID)))
    return found


def _uses_of(read: cst.Attribute, parent) -> set[str]:
    """What the statement holding ``read`` (``part.text``) does with the text: its simple
    statements that read it, the read as a placeholder (``add(__said__)``); for an ``if``
    that tests it, the statements of its body too."""
    statement = statement_of(read, parent)
    return _uses(_small_statements(statement), _code(read)) if statement is not None else set()


def _uses_in_guard(owner: cst.CSTNode) -> set[str]:
    """What the body of ``owner`` (an ``if`` or a conditional expression whose test is the
    rewrite's guard) does with the transcript it guards (see _uses_of)."""
    said = _code(_conjuncts(owner.test)[-1])
    return _uses(_small_statements(owner.body), said) if isinstance(owner, cst.If) else set()


def _part_name(loop: cst.For) -> str:
    """The name a loop over the parts gives one part (``part`` of ``for i, part in
    enumerate(...)``)."""
    bound = parts_loop_name(loop.target, loop.iter)
    return bound[0] if bound is not None else _code(loop.target)


def _tests_model_turn(live, test: cst.BaseExpression) -> bool:
    """``test`` reads a model turn: ``sc.model_turn``, or a name bound to one (``mt``)."""
    attributes = {id(n.attr) for n in descendants(test) if isinstance(n, cst.Attribute)}
    return any(isinstance(n, cst.Attribute) and n.attr.value == "model_turn"
               or isinstance(n, cst.Name) and id(n) not in attributes and is_model_turn(live, n)
               for n in descendants(test))


def _walrus_read_outside(ctx: RuleContext, host: cst.If) -> bool:
    """A name ``host``'s test binds (``if mt := sc.model_turn:``) is used outside ``host``, in
    the function around it (the module, outside one)."""
    bound = {n.target.value for n in descendants(host.test)
             if isinstance(n, cst.NamedExpr) and isinstance(n.target, cst.Name)}
    if not bound:
        return False
    live = ctx.live
    inside = {id(n) for n in descendants(host)}
    function = live.enclosing_function(host)
    scope = function.body if function is not None else live.module
    return any(isinstance(n, cst.Name) and n.value in bound and id(n) not in inside for n in live.walk(scope))



def _asks_for_text_modality(live) -> bool:
    """The module asks whether its session answers in TEXT, of the very modalities a session's
    config takes from elsewhere (``response_modalities=self.config.response_modalities`` and
    ``"TEXT" in self.config.response_modalities``, ``== ["TEXT"]``, ``Modality.TEXT in ...``), and
    reads the output transcription: it serves both modalities, takes the words from the
    transcript on AUDIO runs, and its text reads are what it uses when TEXT was chosen (a
    framework collecting text parts on every run, used only under that test). A module that
    never reads the transcript shows no words on AUDIO runs: its text reads stay findings."""
    if not any(n.attr.value == "output_transcription" for n in live.nodes(cst.Attribute)) \
            and not any(string_value(n) in ("outputTranscription", "output_transcription")
                        for n in live.nodes(cst.SimpleString)):
        return False
    # the modalities a session's config takes from elsewhere (`response_modalities=
    # self.config.response_modalities`): the test must ask about those, not any list
    chosen = {_code(entry.value) for config in live.configs for entry in live.entries_of(config)
              if entry.name == "response_modalities" and not isinstance(entry.value, (cst.List, cst.Tuple))}
    if not chosen:
        return False
    for node in live.nodes(cst.Comparison):
        if len(node.comparisons) != 1:
            continue
        operator, right = type(node.comparisons[0].operator), node.comparisons[0].comparator
        if operator is cst.In:
            asked, among = node.left, right
        elif operator in (cst.Equal, cst.NotEqual):
            asked, among = right, node.left
            if isinstance(asked, cst.List) and len(asked.elements) == 1:
                asked = asked.elements[0].value
        else:
            continue
        if (string_value(asked) or (dotted_name(asked) or "").rpartition(".")[2]).upper() == "TEXT" \
                and _code(among) in chosen:
            return True
    return False

class TextAsTranscript(Rule):
    id = "LM304"
    name = "text-as-transcript"
    message = "`.text` of a Live message on an AUDIO session: the words are in output_transcription"
    fix_availability = FixAvailability.SOMETIMES

    VALID = [
        "from google import genai\nclient = genai.Client()\n"
        "r = client.models.generate_content(model='gemini-2.5-flash', contents='x')\nprint(r.text)\n",
        "from google import genai\nclient = genai.Client()\n"
        "async def main():\n"
        "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
        "                                       config={'output_audio_transcription': {}}) as s:\n"
        "        async for m in s.receive():\n"
        "            if m.server_content and m.server_content.output_transcription:\n"
        "                print(m.server_content.output_transcription.text)\n",
    ]
    INVALID = [
        Invalid(  # the loop takes the transcript already: a rewrite would take it twice
            "from google import genai\nclient = genai.Client()\n"
            "async def main(log):\n"
            "    config = {'response_modalities': ['AUDIO'], 'output_audio_transcription': {}}\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        async for m in s.receive():\n"
            "            if m.text:\n"
            "                log.append(m.text)\n"
            "            sc = m.server_content\n"
            "            if sc and sc.output_transcription:\n"
            "                log.append(sc.output_transcription.text)\n",
            count=2,
            line=7,
            message="reads the output transcription already",
        ),
        Invalid(
            "from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'])\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        async for m in s.receive():\n"
            "            if m.text:\n"
            "                print(m.text, end='')\n",
            fixed="from google import genai\nfrom google.genai import types\nclient = genai.Client()\n"
            "CONFIG = types.LiveConnectConfig(response_modalities=['AUDIO'], "
            "output_audio_transcription=types.AudioTranscriptionConfig())\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=CONFIG) as s:\n"
            "        async for m in s.receive():\n"
            "            content = m.server_content\n"
            "            if content and content.output_transcription and content.output_transcription.text:\n"
            "                print(content.output_transcription.text, end='')\n",
            unsafe=True,
            count=2,
        ),
        Invalid(  # a statement of its own runs when there is a transcript; the alias is used
            "from google import genai\nclient = genai.Client()\n"
            "async def main(log):\n"
            "    config = {'responseModalities': ['AUDIO']}\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        async for m in s.receive():\n"
            "            sc = m.server_content\n"
            "            if sc is None:\n"
            "                continue\n"
            "            log.info('model: %s', m.text)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main(log):\n"
            "    config = {'responseModalities': ['AUDIO'], 'outputAudioTranscription': {}}\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview', config=config) as s:\n"
            "        async for m in s.receive():\n"
            "            sc = m.server_content\n"
            "            if sc is None:\n"
            "                continue\n"
            "            if sc.output_transcription:\n"
            "                log.info('model: %s', sc.output_transcription.text)\n",
            unsafe=True,
        ),
        Invalid(  # enabled only for 2.x models: the target's sessions get it in the config itself
            "from google import genai\nclient = genai.Client()\n"
            "async def main(model):\n"
            "    config = {'response_modalities': ['AUDIO']}\n"
            "    if model.startswith('gemini-2'):\n"
            "        config['output_audio_transcription'] = {}\n"
            "    async with client.aio.live.connect(model=model, config=config) as s:\n"
            "        async for m in s.receive():\n"
            "            print(m.text)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main(model):\n"
            "    config = {'response_modalities': ['AUDIO'], 'output_audio_transcription': {}}\n"
            "    if model.startswith('gemini-2'):\n"
            "        config['output_audio_transcription'] = {}\n"
            "    async with client.aio.live.connect(model=model, config=config) as s:\n"
            "        async for m in s.receive():\n"
            "            if m.server_content and m.server_content.output_transcription:\n"
            "                print(m.server_content.output_transcription.text)\n",
            unsafe=True,
        ),
        Invalid(  # a value: None when there is no transcript, as .text was
            "from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
            "                                       config={'output_audio_transcription': {}}) as s:\n"
            "        async for m in s.receive():\n"
            "            said = m.text\n"
            "            print(said or '')\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main():\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
            "                                       config={'output_audio_transcription': {}}) as s:\n"
            "        async for m in s.receive():\n"
            "            content = m.server_content\n"
            "            said = content.output_transcription.text if content and content.output_transcription else None\n"
            "            print(said or '')\n",
            unsafe=True,
        ),
        Invalid(  # `part.text` in a loop over the parts: the transcript is read once, after the loop
            "from google import genai\nclient = genai.Client()\n"
            "async def main(out):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
            "                                       config={'output_audio_transcription': {}}) as s:\n"
            "        async for m in s.receive():\n"
            "            sc = m.server_content\n"
            "            if sc and sc.model_turn:\n"
            "                for part in sc.model_turn.parts:\n"
            "                    if part.inline_data:\n"
            "                        out.play(part.inline_data.data)\n"
            "                    if part.text:\n"
            "                        out.show(part.text)\n",
            fixed="from google import genai\nclient = genai.Client()\n"
            "async def main(out):\n"
            "    async with client.aio.live.connect(model='gemini-3.1-flash-live-preview',\n"
            "                                       config={'output_audio_transcription': {}}) as s:\n"
            "        async for m in s.receive():\n"
            "            sc = m.server_content\n"
            "            if sc and sc.model_turn:\n"
            "                for part in sc.model_turn.parts:\n"
            "                    if part.inline_data:\n"
            "                        out.play(part.inline_data.data)\n"
            "            if sc and sc.output_transcription and sc.output_transcription.text:\n"
            "                out.show(sc.output_transcription.text)\n",
            unsafe=True,
            count=2,
        ),
    ]

    def check(self, ctx: RuleContext) -> None:
        live = ctx.live
        # (a module reading a session another module opened and handed it, or the raw messages
        # an imported raw client yields: its model tells)
        if not (live.uses_live_api or live.handed_sessions or live.entered_sessions
                or live.reads_raw_sessions_elsewhere) or _asks_for_text_modality(live):
            return
        for node in live.nodes(cst.Attribute):
            if node.attr.value == "text":
                self._check_read(ctx, node, node.value, fixable=True)
        # `getattr(part, "text", None)`: code that guards against a missing field reads it all
        # the same. The rewrite below works on attribute reads, so these are reported with no fix.
        for call in live.calls_to("getattr"):
            read = got_attribute(call)
            if read is not None and read[1] == "text":
                self._check_read(ctx, call, read[0], fixable=False)
        # A raw client's part: `part["text"]`, `part.get("text")` (no fix: a raw client's
        # transcript is `serverContent.outputTranscription.text`, in its own spelling).
        for node in [*live.nodes(cst.Subscript), *(c for getter in sorted(KEY_GETTERS) for c in live.calls_to(getter))]:
            read = key_read(node)
            if read is not None and read[1] == "text" and is_received_part(live, read[0]):
                spelled = '`["text"]`' if type(node) is cst.Subscript else '`.get("text")`'
                self._check_read(ctx, node, read[0], fixable=False, spelled=spelled)
        for node in live.nodes(cst.Comparison):  # `if "text" in part:`, as `if part.text:`
            if len(node.comparisons) == 1 and type(node.comparisons[0].operator) is cst.In \
                    and string_value(node.left) == "text" and is_received_part(live, node.comparisons[0].comparator):
                self._check_read(ctx, node, node.comparisons[0].comparator, fixable=False, spelled='`"text"`')

    def _check_read(self, ctx: RuleContext, read: cst.BaseExpression, owner: cst.BaseExpression,
                    fixable: bool, spelled: str = "`.text`") -> None:
        """Report ``read`` (the text of ``owner``) when ``owner`` is a Live message or one of
        its parts on a session that answers in audio."""
        live = ctx.live
        if _logged_presence(read, live.parent):
            return  # a log line saying whether there is text: the words are not used
        loop = None
        whole_message = live.is_message(owner)
        if whole_message:
            origin = live.message_origin(owner)
            said = f"{spelled} of a Live message is empty when {ctx.target.model_id} answers in audio"
        elif is_received_part(live, owner):
            loop = self._parts_loop(ctx, owner)
            if loop is not None and self._in_thought_branch(ctx, read, loop):
                return  # read where the code knows the part is a thought, and says so
            guarded = _reads_under_test(live, read, owner)
            if guarded and (spelled == '`"text"`' or loop is not None and all(
                    self._in_thought_branch(ctx, inner, loop) for inner in guarded)):
                # `if "text" in part: said(part["text"])`: the read inside is the finding (a
                # membership test reads no text: measurements 44, 48); and `if part.text is not
                # None:` whose body takes the text only of thoughts uses no words
                return
            message = self._message_of_parts(ctx, loop)
            origin = live.message_origin(message) if message is not None else None
            said = (f"{spelled} of a part of a Live message holds no words when {ctx.target.model_id} answers in "
                    "audio (a text part there is a thought)")
        else:
            return
        config = live.config_of(origin)
        if config is None and live.answers_in_audio_by_its_model(origin) and not live.is_legacy_only(read):
            # a session another module opened on a native-audio id and handed here: no config to
            # rewrite (no fix), but it answers only in audio
            ctx.report(read, f"{said}: read server_content.output_transcription.text (and enable "
                       "output_audio_transcription where the session is opened)")
            return
        if not self._answers_in_audio(ctx, config, read):
            return
        if self._reads_transcript(ctx, read):
            ctx.report(read, f"{said}, and this code reads the output transcription already: rewriting "
                       "this read would take the transcript twice; remove it by hand")
            return
        fix = None
        if fixable and whole_message and not _guarded_by_a_getattr(ctx, read, owner):
            fix = self._transcript(ctx, read, config)
        elif fixable and loop is not None:
            fix = self._part_transcript(ctx, read, loop, config)
        ctx.report(read, f"{said}: read server_content.output_transcription.text (and enable "
                   "output_audio_transcription)", fix)

    @staticmethod
    def _reads_transcript(ctx: RuleContext, read: cst.Attribute) -> bool:
        """The function around ``read`` (the module, outside one) reads an output
        transcription besides ``read``: ``.output_transcription`` or a raw
        ``["outputTranscription"]``. The program takes the transcript there already, so the
        words ``read`` would get after a rewrite would be taken twice.

        Reads under this rule's own guard (``... and X.output_transcription and
        X.output_transcription.text``) do not count: they are what an earlier pass wrote for
        another ``.text`` read (a second read of a block waits for the next pass). The shape
        alone does not tell the fix's output from code written that way, so such a guard
        counts when its body does what the statements around ``read`` do with the text
        (``add(part.text)`` beside ``add(sc.output_transcription.text)``): the program takes
        the transcript there already, and an earlier pass never writes a copy of what is left."""
        live = ctx.live
        function = live.enclosing_function(read)
        scope = function.body if function is not None else live.module
        uses = _uses_of(read, live.parent)
        guards = [n.test for n in live.walk(scope) if type(n) in _TESTED and _rewritten_guard(n.test)]
        if any(_uses_in_guard(live.parent(guard)) & uses for guard in guards):
            return True
        ours = {id(n) for guard in guards for n in descendants(guard)}
        for guard in guards:
            owner = live.parent(guard)
            ours |= {id(n) for n in descendants(owner.body)}
        for node in live.walk(scope):
            if id(node) in ours:
                continue
            if _names_the_transcript(node):
                return True
        # ... or a local function it calls with the server content reads it there
        # (`await self._handle_transcriptions(server_content, queue)`)
        for node in live.walk(scope):
            if type(node) is not cst.Call or id(node) in ours:
                continue
            callee = live.callee(node)
            if callee is not None and callee is not function and any(_names_the_transcript(n) for n in live.walk(callee)):
                return True
        return False

    @staticmethod
    def _answers_in_audio(ctx: RuleContext, config, node: cst.CSTNode) -> bool:
        if config is None or ctx.live.is_legacy_only(node) or is_other_model(config.model):
            return False  # (a Live model outside this move, a translate model: not the target's answer)
        modes = modalities(ctx, config)
        if _text_added(ctx, config):
            return False  # TEXT on some runs (`modalities.append("TEXT")` under a flag): LM005's
        kinds = {m.split(".")[-1] for m in modes or ()}
        # a session asking for TEXT too (`["AUDIO", "TEXT"]`) is configured for TEXT: LM005's
        return modes is None or "AUDIO" in kinds and "TEXT" not in kinds

    @staticmethod
    def _parts_loop(ctx: RuleContext, part: cst.BaseExpression) -> cst.For | None:
        """The loop over a message's parts whose target ``part`` is (``part`` of ``part.text``)."""
        if not isinstance(part, cst.Name):
            return None
        for ancestor in ctx.live.ancestors(part):
            if isinstance(ancestor, cst.For):
                bound = parts_loop_name(ancestor.target, ancestor.iter)
                if bound is not None and bound[0] == part.value:
                    return ancestor
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
                return None
        return None

    @staticmethod
    def _in_thought_branch(ctx: RuleContext, read: cst.CSTNode, loop: cst.For) -> bool:
        """``read`` runs only for a thought part: in the body of ``if part.thought:`` (or
        ``if getattr(part, "thought", False):``) inside ``loop``. A read elsewhere in a loop that
        tells thoughts apart takes the other text parts as what the model said, and an audio
        answer has none of those. Also a read after the thought test in the same ``and``
        (``if part.get("thought") and "text" in part:``), and the first arm of a conditional
        expression on it (``part.text if part.thought else ""``)."""
        name = _part_name(loop)
        child = read
        for ancestor in ctx.live.ancestors(read):
            if ancestor is loop or not isinstance(ancestor, cst.BaseExpression):
                break
            if isinstance(ancestor, cst.BooleanOperation) and isinstance(ancestor.operator, cst.And) \
                    and child is ancestor.right and _tests_thought(ancestor.left, name):
                return True
            if isinstance(ancestor, cst.IfExp) and child is ancestor.body and _tests_thought(ancestor.test, name):
                return True  # `part.text if part.thought else ""`
            child = ancestor
        return ctx.live.under_test(read, loop, lambda test: _tests_thought(test, name))

    @staticmethod
    def _message_of_parts(ctx: RuleContext, loop: cst.For | None):
        """The message node the parts of ``loop`` come from, when the code names it: ``m`` of
        ``m.server_content.model_turn.parts``, also through names bound to the server content
        or the model turn (``sc = m.server_content``, ``mt = sc.model_turn``)."""
        content = parts_content(ctx.live, loop.iter) if loop is not None else None
        return content_message(ctx.live, content) if content is not None else None

    # --- the fix ---------------------------------------------------------------------------
    def _part_transcript(self, ctx: RuleContext, read: cst.Attribute, loop: cst.For, config) -> Fix | None:
        """The statements of a loop over the parts that read ``part.text`` (and nothing
        else of the part) leave the loop and read the message's transcript once, after it;
        when that is all the loop did, the loop goes."""
        enable = self._enable(ctx, config)
        live = ctx.live
        content = parts_content(live, loop.iter)
        if enable is False or content is None or loop.orelse is not None or not isinstance(loop.body, cst.IndentedBlock):
            return None
        name = _part_name(loop)
        # `for i, part in enumerate(...)`: the index stays with the loop
        index = {n.value for n in descendants(loop.target) if isinstance(n, cst.Name)} - {name}

        def only_text(line: cst.CSTNode) -> bool | None:
            """True: reads the part only as ``part.text``; False: reads the part otherwise;
            None: does not read the part."""
            uses = [n for n in live.walk(line, skip=()) if isinstance(n, cst.Name) and n.value == name]
            if not uses:
                return None
            return all(isinstance(p := live.parent(n), cst.Attribute) and p.value is n and p.attr.value == "text"
                       or _text_presence_check(live.parent(live.parent(n)), name) for n in uses)

        lines = []
        for line in loop.body.body:
            # `if part.inline_data: ... elif part.text: <caption>`: the text branch is a line of
            # its own (`if part.text: ...`), the chain goes on without it
            split = _without_last_elif(line) if isinstance(line, cst.If) else None
            if split is not None and only_text(split[1]) is True and only_text(split[0]) is False:
                lines += split
            else:
                lines.append(line)
        kinds = [only_text(line) for line in lines]
        # The text half: the statements reading `part.text`, and those using what they bind.
        text = {i for i, kind in enumerate(kinds) if kind is True}
        bound = names_bound(*[lines[i] for i in text]) if text else set()
        for i, line in enumerate(lines):
            if i not in text and kinds[i] is None and {n.value for n in names_read(line)} & bound:
                text.add(i)
                bound |= names_bound(line)
        text_lines = [line for i, line in enumerate(lines) if i in text]
        other_lines = [line for i, line in enumerate(lines) if i not in text]
        if not text_lines or leaves(text_lines) or index & {n.value for n in names_read(*text_lines)}:
            return None
        if other_lines and (bound & {n.value for n in names_read(*other_lines)}
                            or names_bound(*other_lines) & {n.value for n in names_read(*text_lines)}):
            return None  # the two halves talk to each other: they cannot be pulled apart
        # `for part in m.server_content.model_turn.parts`: the name the code gave the server
        # content (`sc = m.server_content`) when it has one; `sc.model_turn.parts`: `sc`.
        if isinstance(content, cst.Attribute) and content.attr.value == "server_content":
            g = self._server_content(ctx, content.value, loop)
        else:
            g = _code(content)
        # The transcript comes on messages without a model turn too: the read goes after the
        # `if` that tests the model turn around the loop, not inside it.
        host = self._model_turn_test(ctx, loop, emptied=not (other_lines and not all(_skips_only(l) for l in other_lines)))
        if host is not None and _bound_beside(live, loop, host) & {n.value for n in names_read(*text_lines)}:
            return None  # it reads what the block binds (`text_parts = 0`): unbound after the block
        present = self._present(ctx, g, host if host is not None else loop)
        exit_edit, wrap = None, None
        if host is None:
            # `if not sc or not sc.model_turn: return` before the loop drops the messages that
            # bring the transcript alone: it keeps only its other tests, the loop goes under
            # `if sc.model_turn:`
            dropped = self._model_turn_exit(ctx, loop)
            if dropped is not None:
                if dropped is False:
                    return None
                exit_edit, wrap, kept_test = dropped
                present = present or kept_test in (f"not {g}", f"{g} is None")
        guards = ([] if present else [g]) + [f"{g}.{_TRANSCRIPTION}"]
        said = _expr(f"{g}.{_TRANSCRIPTION}.text")
        moved = []
        for line in text_lines:
            reads = [n for n in live.walk(line) if isinstance(n, cst.Attribute) and n.attr.value == "text"
                     and _code(n.value) == name]
            # `hasattr(part, "text") and part.text`: the presence check goes with the part
            line = _without_text_presence_checks(replace_nodes(line, reads, said), name)
            if line is None:
                return None  # a check that is not one side of an `and`: nothing to drop it from
            moved.append(line)
        moved[0] = moved[0].with_changes(leading_lines=[l for l in moved[0].leading_lines if l.comment is not None])
        only = moved[0] if len(moved) == 1 else None
        if isinstance(only, cst.If) and only.orelse is None and not only.leading_lines:
            # `if <guards>:` around one `if <test>:` is `if <guards> and <test>:`
            guarded = only.with_changes(test=_expr(" and ".join([*guards, _operand(only.test)])))
        else:
            guarded = cst.If(test=_expr(" and ".join(guards)), body=cst.IndentedBlock(moved))
        keeps_loop = bool(other_lines) and not all(_skips_only(line) for line in other_lines)
        kept = loop.with_changes(body=loop.body.with_changes(body=other_lines)) if keeps_loop else None
        if host is not None:
            edit = self._after_host(ctx, host, loop, kept, guarded)
            if edit is None:
                return None
        elif kept is not None and wrap is not None:
            wrapped = cst.If(test=_expr(wrap), body=cst.IndentedBlock([kept.with_changes(leading_lines=[])]),
                             leading_lines=kept.leading_lines)
            edit = Replace(loop, cst.FlattenSentinel([wrapped, guarded]))
        elif kept is not None:
            edit = Replace(loop, cst.FlattenSentinel([kept, guarded]))
        else:
            edit = Replace(loop, guarded.with_changes(leading_lines=loop.leading_lines))
        edits = [edit] if exit_edit is None else [exit_edit, edit]
        edits = edits if enable is True else [*edits, *enable]
        return Fix.unsafe("read the output transcription once per message", *edits, model=_model(config))

    @staticmethod
    def _model_turn_exit(ctx: RuleContext, loop: cst.For):
        """An ``if`` before the parts loop that leaves on a message without a model turn: None
        when there is none; else (its edit, the loop's new test, the code of the test it keeps)
        when it is the loop's sibling, only leaves, and tests the model turn's absence alone
        (``if not sc.model_turn: return``: it goes) or as one side of an ``or`` (``if not sc
        or not sc.model_turn:``: the other sides stay); False for any other such exit (the
        transcript read after the loop would never run on the messages that bring it)."""
        live = ctx.live
        child: cst.CSTNode = loop
        for ancestor in live.ancestors(loop):
            if isinstance(ancestor, cst.IndentedBlock):
                for line in ancestor.body:
                    if line is child:
                        break
                    if isinstance(line, cst.If) and _tests_model_turn(live, line.test) \
                            and exit_statement(line.body, (cst.Continue, cst.Return, cst.Break, cst.Raise)):
                        # (the exit guarded all that follows it: only the loop may, or more
                        # than the loop would run without a model turn)
                        if child is not loop or ancestor.body[-1] is not loop:
                            return False
                        return _dropping_model_turn(live, line)
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.For, cst.While)):
                return None
            child = ancestor
        return None

    @staticmethod
    def _model_turn_test(ctx: RuleContext, loop: cst.For, emptied: bool) -> cst.If | None:
        """The outermost ``if`` around the parts loop (the loop in its body, through nested
        ``if`` bodies only) whose test reads a ``model_turn``: the loop runs only for messages
        with a model turn, and a transcript read inside it would miss the others. Not an ``if``
        with an ``elif`` / ``else`` that the rewrite would leave with an empty body
        (``emptied``: the loop goes, and it was all the body held)."""
        live = ctx.live
        host, child = None, loop
        for ancestor in live.ancestors(loop):
            if isinstance(ancestor, cst.IndentedBlock):
                continue
            if not (isinstance(ancestor, cst.If) and live.parent(child) is ancestor.body):
                break
            if _tests_model_turn(live, ancestor.test):
                host = ancestor
            child = ancestor
        if host is not None and host.orelse is not None and emptied and isinstance(host.body, cst.IndentedBlock) \
                and len(host.body.body) == 1:
            return None
        return host

    @staticmethod
    def _after_host(ctx: RuleContext, host: cst.If, loop: cst.For, kept: cst.For | None,
                    guarded: cst.If) -> Replace | None:
        """``host`` with the loop kept (or gone) and the transcript read after it; an ``if``
        left with nothing to do goes too, unless its test binds a name (``if mt :=
        sc.model_turn:``) that code outside it reads: then None (no fix)."""
        if kept is not None:
            new_host = host.deep_replace(loop, kept)
        else:
            new_host = host.deep_remove(loop)
            # the loop's own comments stay, above the read that replaces it
            guarded = guarded.with_changes(leading_lines=[l for l in loop.leading_lines if l.comment is not None])
        if isinstance(new_host, cst.If) and new_host.orelse is None and (
                not isinstance(new_host.body, cst.IndentedBlock) or not new_host.body.body):
            new_host = None
        if new_host is None and _walrus_read_outside(ctx, host):
            return None
        if new_host is None:
            return Replace(host, guarded.with_changes(leading_lines=[*host.leading_lines, *guarded.leading_lines]))
        return Replace(host, cst.FlattenSentinel([new_host, guarded]))

    def _transcript(self, ctx: RuleContext, read: cst.Attribute, config) -> Fix | None:
        enable = self._enable(ctx, config)
        if enable is False:
            return None
        live = ctx.live
        message = _code(read.value)
        statement = statement_of(read, live.parent)
        if statement is None:
            return None
        content = self._server_content(ctx, read.value, statement)
        present = self._present(ctx, content, statement)

        def reads_in(node: cst.CSTNode) -> list[cst.CSTNode]:
            return [n for n in descendants(node) if isinstance(n, cst.Attribute) and n.attr.value == "text"
                    and live.is_message(n.value) and _code(n.value) == message]

        test_owner = next((a for a in live.ancestors(read) if isinstance(a, cst.If) and reads_in(a.test)), None)
        inside_function = any(isinstance(a, (cst.Lambda, cst.FunctionDef)) for a in self._between(ctx, read, statement))
        if test_owner is not None and not inside_function:
            shape, host = "test", test_owner
        elif (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
              and isinstance(statement.body[0], cst.Expr) and not inside_function
              and block_of(statement, live.parent) is not None):
            shape, host = "statement", statement
        elif not isinstance(statement, cst.BaseCompoundStatement):
            # (a read in a compound statement's header would change its control flow)
            shape, host = "value", statement
        else:
            return None
        # A test or a value would name the server content three times (it, its transcription,
        # the text): the code gets a name for it first, unless it has one or knows it is there.
        local, moved = None, None
        if shape != "statement" and not present and content == f"{message}.server_content" and not inside_function \
                and not (shape == "test" and any(_code(c) == content for c in _conjuncts(host.test))):
            named = self._new_local(ctx, read.value, host)
            if named is not None:
                local, moved = named
        if local is not None:
            content = local
        guards = ([] if present else [content]) + [f"{content}.{_TRANSCRIPTION}"]
        said = _expr(f"{content}.{_TRANSCRIPTION}.text")

        target: cst.CSTNode = host
        if shape == "test":
            new = self._merge(host, reads_in, guards, said)
            if new is None:
                return None
        elif shape == "statement":
            body = replace_nodes(statement, reads_in(statement), said).with_changes(leading_lines=[])
            new = cst.If(test=_expr(" and ".join(guards)), body=cst.IndentedBlock([body]),
                         leading_lines=statement.leading_lines)
        else:
            value = _expr(f"{_code(said)} if {' and '.join(guards)} else None")
            parent = live.parent(read)
            if not (isinstance(parent, (cst.Assign, cst.AnnAssign, cst.Return)) and parent.value is read):
                value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            target, new = read, value
            if local is not None:
                target, new = host, host.deep_replace(read, value)
        if local is not None:
            block, index = block_of(host, live.parent)
            bind = cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(local))],
                                                       _expr(f"{message}.server_content"))],
                                           leading_lines=host.leading_lines)
            # The whole block is the edit: a second read there waits for the next pass and uses the name.
            after = list(block.body[index + 1:])
            if moved is not None:  # the line it replaces goes; its blank lines stay where they were
                at = after.index(moved)
                after.pop(at)
                if at < len(after):
                    after[at] = after[at].with_changes(leading_lines=[*moved.leading_lines, *after[at].leading_lines])
            edit = Replace(block, block.with_changes(body=[*block.body[:index], bind, new.with_changes(leading_lines=[]),
                                                           *after]))
        else:
            edit = Replace(target, new)
        edits = [edit] if enable is True else [edit, *enable]
        return Fix.unsafe("read the output transcription", *edits, model=_model(config))

    @staticmethod
    def _new_local(ctx: RuleContext, message: cst.BaseExpression,
                   host: cst.CSTNode) -> tuple[str, cst.CSTNode | None] | None:
        """A name for ``message``'s server content, bound right before ``host``, and the line
        that binding replaces (or None); None when ``host`` is not a line of a block (an
        ``elif``) or the message is not a plain expression.

        The name is the one the code already gives a server content: the name this block binds
        ``message.server_content`` to after ``host`` (that line moves up), else the name the
        module's other functions bind a message's server content to most (``sc``), else the
        first of ``content``, ``server_content``. Never a name the function (the module,
        outside one) uses for anything else: the binding would change what it reads."""
        live = ctx.live
        if block_of(host, live.parent) is None or not is_pure(message):
            return None
        if {n.value for n in names_read(message)} & names_bound(host):
            return None  # the statement (re)binds the message: the name would hold another one
        later = TextAsTranscript._later_binding(ctx, message, host)
        if later is not None:
            return later
        scope = live.enclosing_function(host)
        if scope is not None:
            params = scope.params
            star = [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
            used = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params, *star)}
            used |= {n.value for n in names_read(scope)} | names_bound(scope.body)
            used |= {declared.name.value for n in live.walk(scope) if isinstance(n, (cst.Global, cst.Nonlocal))
                     for declared in n.names}
        else:
            module = list(live.ancestors(host))[-1]
            used = {n.value for n in names_read(module)} | names_bound(module)
        preferred = [*TextAsTranscript._module_names(ctx, scope), *_LOCALS]
        return next(((name, None) for name in preferred if name not in used), None)

    @staticmethod
    def _later_binding(ctx: RuleContext, message: cst.BaseExpression,
                       host: cst.CSTNode) -> tuple[str, cst.CSTNode] | None:
        """``(name, line)`` when a later line of ``host``'s block is ``name =
        message.server_content`` and nothing between reads or binds ``name`` or rebinds the
        message: bound before ``host`` instead, every read of ``name`` sees what it saw."""
        live = ctx.live
        block, index = block_of(host, live.parent)
        wanted = f"{_code(message)}.server_content"
        messages = {n.value for n in names_read(message)}
        between: list[cst.CSTNode] = [host]
        for line in block.body[index + 1:]:
            small = line.body if isinstance(line, cst.SimpleStatementLine) else []
            if (len(small) == 1 and isinstance(small[0], cst.Assign) and len(small[0].targets) == 1
                    and isinstance(target := small[0].targets[0].target, cst.Name) and _code(small[0].value) == wanted):
                name = target.value
                if name in names_bound(*between) or name in {n.value for n in names_read(*between)}:
                    return None
                if any(l.comment is not None for l in line.leading_lines) or line.trailing_whitespace.comment:
                    return None  # its comment stays where it was written
                return name, line
            if messages & names_bound(line):
                return None
            between.append(line)
        return None

    @staticmethod
    def _module_names(ctx: RuleContext, scope: cst.FunctionDef | None) -> list[str]:
        """The names the module's other functions (and its top level) bind a message's server
        content to, the most used first (by how many scopes bind it, then source order)."""
        scopes: dict[str, set[int]] = {}
        for where, name, _ in server_content_bindings(ctx.live):
            if where is not scope:
                scopes.setdefault(name, set()).add(id(where))
        order = list(scopes)
        return sorted(order, key=lambda name: (-len(scopes[name]), order.index(name)))

    @staticmethod
    def _between(ctx: RuleContext, node: cst.CSTNode, statement: cst.CSTNode) -> list[cst.CSTNode]:
        """The nodes from ``node`` up to ``statement`` (excluded)."""
        found = []
        for ancestor in ctx.live.ancestors(node):
            if ancestor is statement:
                break
            found.append(ancestor)
        return found

    @staticmethod
    def _merge(branch: cst.If, reads_in, guards: list[str], said: cst.BaseExpression) -> cst.If | None:
        """``if <test reading .text>:`` → ``if <guards> and <test reading the transcript>:``,
        the reads in its body following (they only run once the test passed). A walrus of the
        text (``if text := m.text:``) keeps its name: the body is left as written."""
        if branch.orelse is not None and reads_in(branch.orelse):
            return None
        conjuncts = _conjuncts(branch.test)
        first = next(i for i, c in enumerate(conjuncts) if reads_in(c))
        # The guards go right before the first conjunct that reads the text; a guard an
        # earlier conjunct already is (`if m.server_content and m.text:`) is not repeated.
        earlier = {_code(c) for c in conjuncts[:first]}
        written = [_operand(c) for c in conjuncts[:first]] + [g for g in guards if g not in earlier]
        written += [_operand(replace_nodes(c, reads_in(c), said)) for c in conjuncts[first:]]
        merged = _expr(" and ".join(written))
        if branch.test.lpar:
            merged = merged.with_changes(lpar=branch.test.lpar, rpar=branch.test.rpar)
        return branch.with_changes(test=merged, body=replace_nodes(branch.body, reads_in(branch.body), said))

    @staticmethod
    def _server_content(ctx: RuleContext, message: cst.BaseExpression, statement: cst.CSTNode) -> str:
        """How the code names the message's server content where the read is: a name bound
        to it earlier in a block around the statement (``sc = m.server_content``), else
        ``m.server_content``."""
        live = ctx.live
        wanted = _code(message)
        blocks = {id(a) for a in live.ancestors(statement) if isinstance(a, cst.IndentedBlock)}
        at = live.order_of(statement)
        function = live.enclosing_function(statement)
        for alias, base in live.server_content_aliases().items():
            if base != wanted:
                continue
            for node in live.walk(function.body) if function is not None else ():
                if not (isinstance(node, cst.Assign) and len(node.targets) == 1
                        and isinstance(node.targets[0].target, cst.Name) and node.targets[0].target.value == alias):
                    continue
                line = live.parent(node)
                if id(live.parent(line)) in blocks and live.order_of(node) < at and _code(node.value) == f"{wanted}.server_content":
                    later = [n for n in live.walk(function.body) if type(n) in _REBINDING
                             and alias in names_bound(n) and at > live.order_of(n) > live.order_of(node)]
                    if not later:
                        return alias
        return f"{wanted}.server_content"

    @staticmethod
    def _present(ctx: RuleContext, content: str, statement: cst.CSTNode) -> bool:
        """The server content is known to be there at ``statement``: it sits in the body of
        an ``if`` that tests it (or reads a field of it), or after ``if <it> is None:
        continue`` (``return``, ``break``) in a block around it."""
        live = ctx.live
        child: cst.CSTNode = statement
        for ancestor in live.ancestors(statement):
            if isinstance(ancestor, cst.If) and child is ancestor.body:
                for conjunct in _conjuncts(ancestor.test):
                    code = _code(conjunct)
                    if code in (content, f"{content} is not None") or code.startswith(f"{content}."):
                        return True
            if isinstance(ancestor, cst.IndentedBlock):
                for line in ancestor.body:
                    if line is child:
                        break
                    if (isinstance(line, cst.If) and line.orelse is None and _code(line.test) in (
                            f"{content} is None", f"not {content}")
                            and exit_statement(line.body, (cst.Continue, cst.Return, cst.Break, cst.Raise))):
                        return True
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda)):
                return False
            child = ancestor
        return False

    @staticmethod
    def _enable(ctx: RuleContext, config):
        """True when the config enables the output transcription already; else the edits that
        enable it in the config's spelling, or False when the config cannot be edited here.

        Enabled means what LM009 means by it (top level, not only in 2.x-only code), and the
        edit goes where LM009's does (after the container's last entry): in one fix pass the
        two edits overlap, so the engine applies one and the other rule sees it enabled. A
        config the code builds in several places (``config = self.config``, then under an
        ``if`` a new ``LiveConnectConfig(...)``) gets it in each: the session may run any."""
        live = ctx.live
        builds = transcription_in_builds(live, config)
        if builds is None:
            return False
        if builds:
            return builds
        if any(e.path == ("output_audio_transcription",) and not live.is_legacy_only(e.node)
               for e in live.entries_of(config)):
            return True
        container = ctx.live.container_of(config)
        if container is None:
            return False
        if isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute):
            value: cst.BaseExpression = cst.Call(cst.Attribute(container.func.value, cst.Name("AudioTranscriptionConfig")))
        else:
            value = cst.Dict([])
        edit = add_entry(container, "output_audio_transcription", value, camel=True if config.kind == "raw" else None)
        return [edit] if edit is not None else False
