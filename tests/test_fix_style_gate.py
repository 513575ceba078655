"""`fix --fix-style gate`: the 2.x value stays for the old model, the target gets the fix's."""

from __future__ import annotations

import ast
import asyncio
import sys
import types as pytypes

import pytest
from click.testing import CliRunner

from livemigrate.cli import cli
from livemigrate.engine import Linter
from livemigrate.settings import Settings, SettingsError

OLD = "gemini-2.5-flash-native-audio-preview-12-2025"
TARGET = "gemini-3.1-flash-live-preview"

HEAD = "from google import genai\nfrom google.genai import types\n\nclient = genai.Client()\n\n\n"

TYPED = HEAD + (
    "async def run(model):\n"
    "    config = types.LiveConnectConfig(\n"
    "        response_modalities=['AUDIO'],\n"
    "        # keep thinking short for latency\n"
    "        thinking_config=types.ThinkingConfig(thinking_budget=1024),\n"
    "        proactivity=types.ProactivityConfig(proactive_audio=True),\n"
    "    )\n"
    "    async with client.aio.live.connect(model=model, config=config) as session:\n"
    "        return session\n"
)
DICT = HEAD + (
    "async def run(model):\n"
    "    config = {\n"
    "        'response_modalities': ['AUDIO'],\n"
    "        'thinking_config': {'thinking_budget': 0},\n"
    "        'proactivity': {'proactive_audio': True},\n"
    "    }\n"
    "    async with client.aio.live.connect(model=model, config=config) as session:\n"
    "        return session\n"
)

# A library on a half-cascade 2.x model (text answers) that also serves the target.
TEXT_TYPED = HEAD + (
    "async def run(model):\n"
    "    config = types.LiveConnectConfig(\n"
    "        response_modalities=['TEXT'],\n"
    "        temperature=0.2,\n"
    "    )\n"
    "    async with client.aio.live.connect(model=model, config=config) as session:\n"
    "        return session\n"
)
TEXT_DICT = HEAD + (
    "async def run(model):\n"
    "    config = {\n"
    "        'response_modalities': ['TEXT'],\n"
    "        'temperature': 0.2,\n"
    "    }\n"
    "    async with client.aio.live.connect(model=model, config=config) as session:\n"
    "        return session\n"
)


def _fix(code: str, style: str = "gate", unsafe: bool = False, target: str = "3.1"):
    return Linter(Settings(fix_style=style, target=target)).fix_bytes(code.encode(), "lib.py", unsafe=unsafe)


def _fixed(code: str, **kwargs) -> str:
    report = _fix(code, **kwargs)
    assert report.error is None, report.error
    assert report.fixed is not None
    return report.fixed.decode()


# --- shapes ---------------------------------------------------------------------------------
def test_typed_budget_and_proactivity_are_gated_with_conditional_values():
    fixed = _fixed(TYPED)
    assert ("thinking_config=types.ThinkingConfig(thinking_budget=(None if \"gemini-3\" in model else 1024), "
            "thinking_level=(types.ThinkingLevel.LOW if \"gemini-3\" in model else None))") in fixed
    assert 'proactivity=(None if "gemini-3" in model else types.ProactivityConfig(proactive_audio=True))' in fixed


def test_dict_budget_and_proactivity_are_gated_with_spreads():
    fixed = _fixed(DICT)
    assert ("'thinking_config': {**({'thinking_level': 'minimal'} if \"gemini-3\" in model "
            "else {'thinking_budget': 0})},") in fixed
    assert "**({} if \"gemini-3\" in model else {'proactivity': {'proactive_audio': True}})," in fixed


def test_dict_call_gets_a_spread_of_dicts():
    code = DICT.replace("    config = {\n        'response_modalities': ['AUDIO'],\n        'thinking_config': {'thinking_budget': 0},\n"
                        "        'proactivity': {'proactive_audio': True},\n    }\n",
                        "    config = dict(response_modalities=['AUDIO'], proactivity={'proactive_audio': True})\n")
    assert "dict(response_modalities=['AUDIO'], **({} if \"gemini-3\" in model else {'proactivity': " in _fixed(code)


def test_rewrite_stays_the_default():
    report = _fix(TYPED, style="rewrite", unsafe=True)
    assert "gemini-3\" in model" not in report.fixed.decode()
    assert "thinking_budget" not in report.fixed.decode()


def test_the_modules_own_model_test_is_reused():
    code = TYPED.replace("async def run(model):\n",
                         "def is_new(model):\n    return model.startswith('gemini-3')\n\n\nasync def run(model):\n")
    fixed = _fixed(code)
    assert "proactivity=(None if model.startswith('gemini-3') else types.ProactivityConfig(" in fixed


def test_a_model_test_that_also_holds_for_the_old_model_is_not_reused():
    code = TYPED.replace("async def run(model):\n",
                         "def is_live(model):\n    return 'gemini-2' in model\n\n\nasync def run(model):\n")
    # `'gemini-2' in model` is the old model's test: negated, it means the target
    assert "proactivity=(None if 'gemini-2' not in model else " in _fixed(code)


def test_on_the_38_target_an_older_3x_model_and_the_extended_thinking_model_keep_their_path():
    fixed = _fixed(TYPED, target="3.8")
    assert ('thinking_config=(None if "gemini-3.8" in model and "-extended-thinking" not in model '
            'else types.ThinkingConfig(thinking_budget=1024))') in fixed


def test_self_attribute_model():
    code = HEAD + (
        "class Agent:\n"
        "    def __init__(self, model):\n"
        "        self._model = model\n\n"
        "    async def run(self):\n"
        "        config = {'response_modalities': ['AUDIO'], 'proactivity': {'proactive_audio': True}}\n"
        "        async with client.aio.live.connect(model=self._model, config=config) as session:\n"
        "            return session\n"
    )
    assert "**({} if \"gemini-3\" in self._model else {'proactivity': {'proactive_audio': True}})}" in _fixed(code)


# --- scope ----------------------------------------------------------------------------------
def test_model_not_visible_where_the_config_is_built_is_reported_not_gated():
    code = HEAD + (
        "CONFIG = {'response_modalities': ['AUDIO'], 'proactivity': {'proactive_audio': True}}\n\n\n"
        "async def run(model):\n"
        "    async with client.aio.live.connect(model=model, config=CONFIG) as session:\n"
        "        return session\n"
    )
    report = _fix(code, unsafe=True)
    assert report.fixed is None and report.error is None
    [finding] = [f for f in report.findings if f.rule_id == "LM003"]
    assert finding.fix is None
    assert "fix-style gate: not fixed" in finding.message and "needs a human" in finding.message


def test_a_statement_entry_is_reported_not_gated():
    code = HEAD + (
        "async def run(model):\n"
        "    config = {'response_modalities': ['AUDIO']}\n"
        "    config['proactivity'] = {'proactive_audio': True}\n"
        "    async with client.aio.live.connect(model=model, config=config) as session:\n"
        "        return session\n"
    )
    report = _fix(code, unsafe=True)
    assert report.fixed is None
    [finding] = [f for f in report.findings if f.rule_id == "LM003"]
    assert finding.fix is None and "fix-style gate: not fixed" in finding.message


def test_a_model_id_move_is_left_to_a_human():
    code = HEAD + (
        f"MODEL = '{OLD}'\n\n\n"
        "async def run():\n"
        "    config = {'response_modalities': ['AUDIO'], 'proactivity': {'proactive_audio': True}}\n"
        "    async with client.aio.live.connect(model=MODEL, config=config) as session:\n"
        "        return session\n"
    )
    report = _fix(code)
    fixed = report.fixed.decode()
    assert f"MODEL = '{OLD}'" in fixed  # the library keeps serving the old model
    assert "**({} if \"gemini-3\" in MODEL else {'proactivity': {'proactive_audio': True}})}" in fixed
    [finding] = [f for f in report.findings if f.rule_id == "LM001"]
    assert finding.fix is None and "needs a human" in finding.message


def test_a_fix_right_on_every_model_applies_as_usual():
    code = HEAD + (
        "async def run(model, pcm):\n"
        "    async with client.aio.live.connect(model=model, config={}) as session:\n"
        "        await session.send_realtime_input(media=types.Blob(data=pcm, mime_type='audio/pcm;rate=16000'))\n"
    )
    assert "send_realtime_input(audio=types.Blob(" in _fixed(code)


# --- invariants -------------------------------------------------------------------------------
@pytest.mark.parametrize("code", [TYPED, DICT, TEXT_TYPED, TEXT_DICT], ids=["typed", "dict", "text-typed", "text-dict"])
@pytest.mark.parametrize("target", ["3.1", "3.8", "3.8-xt"])
def test_gated_output_parses_and_is_a_fixed_point(code, target):
    fixed = _fixed(code, target=target, unsafe=True)
    ast.parse(fixed)
    again = _fix(fixed, target=target, unsafe=True)
    assert again.error is None and again.fixed is None
    assert not [f for f in again.findings if f.fix is not None]


def test_comments_are_kept():
    fixed = _fixed(TYPED)
    assert "        # keep thinking short for latency\n        thinking_config=" in fixed
    code = DICT.replace("'proactivity': {'proactive_audio': True},", "'proactivity': {'proactive_audio': True},  # barge-in")
    assert "else {'proactivity': {'proactive_audio': True}}),  # barge-in" in _fixed(code, unsafe=True)


def test_cli_option_and_setting(tmp_path):
    path = tmp_path / "lib.py"
    path.write_text(TYPED)
    result = CliRunner().invoke(cli, ["fix", "--fix-style", "gate", str(path)])
    assert result.exit_code == 0, result.output
    assert '"gemini-3" in model' in path.read_text()
    (tmp_path / "pyproject.toml").write_text('[tool.livemigrate]\nfix-style = "gate"\n')
    path.write_text(DICT)
    CliRunner().invoke(cli, ["fix", "--unsafe-fixes", str(path)])
    assert '"gemini-3" in model' in path.read_text()
    with pytest.raises(SettingsError, match="fix-style"):
        Settings(fix_style="wrap")
    assert CliRunner().invoke(cli, ["fix", "--fix-style", "wrap", str(path)]).exit_code == 2


# --- behaviour: what reaches connect() on each model --------------------------------------------
class _Typed:
    """A stand-in for a google-genai config class: its fields, without the None ones (the SDK
    serialises with exclude_none)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, **fields):
        return (self.name, {k: v for k, v in fields.items() if v is not None})

    def __getattr__(self, member: str) -> str:
        return f"{self.name}.{member}"  # types.ThinkingLevel.LOW


def _sent(code: str, model: str, monkeypatch) -> object:
    """The config ``run(model)`` hands to ``connect``, with stub google.genai modules."""
    sent = []

    class Session:
        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc):
            return False

    class Live:
        def connect(self, model, config):
            sent.append(config)
            return Session()

    client = pytypes.SimpleNamespace(aio=pytypes.SimpleNamespace(live=Live()))
    genai = pytypes.ModuleType("google.genai")
    genai.Client = lambda: client
    stub_types = pytypes.ModuleType("google.genai.types")
    stub_types.__getattr__ = _Typed
    genai.types = stub_types
    google = pytypes.ModuleType("google")
    google.genai = genai
    for name, module in (("google", google), ("google.genai", genai), ("google.genai.types", stub_types)):
        monkeypatch.setitem(sys.modules, name, module)
    namespace: dict = {}
    exec(compile(code, "lib.py", "exec"), namespace)
    asyncio.run(namespace["run"](model))
    return sent[0]


@pytest.mark.parametrize("code", [TYPED, DICT, TEXT_TYPED, TEXT_DICT],
                         ids=["typed", "dict", "text-typed", "text-dict"])
def test_old_model_gets_the_old_config_and_the_target_the_rewrite(code, monkeypatch):
    gated = _fixed(code, unsafe=True)
    rewritten = _fixed(code, style="rewrite", unsafe=True)
    assert _sent(gated, OLD, monkeypatch) == _sent(code, OLD, monkeypatch)
    assert _sent(gated, TARGET, monkeypatch) == _sent(rewritten, TARGET, monkeypatch)
    assert _sent(gated, TARGET, monkeypatch) != _sent(code, TARGET, monkeypatch)  # the check can fail


def test_a_same_field_value_change_and_an_added_setting_are_gated():
    fixed = _fixed(TEXT_TYPED, unsafe=True)
    assert "response_modalities=(['AUDIO'] if \"gemini-3\" in model else ['TEXT'])," in fixed
    assert "output_audio_transcription=(types.AudioTranscriptionConfig() if \"gemini-3\" in model else None)," in fixed
    fixed = _fixed(TEXT_DICT, unsafe=True)
    assert "'response_modalities': (['AUDIO'] if \"gemini-3\" in model else ['TEXT'])," in fixed
    assert "**({'output_audio_transcription': {}} if \"gemini-3\" in model else {})," in fixed


def test_reading_the_transcript_instead_of_text_is_left_to_a_human_in_gate_style():
    code = TEXT_TYPED.replace("        return session\n", "        async for message in session.receive():\n"
                                                          "            print(message.text)\n")
    report = _fix(code, unsafe=True)
    assert "print(message.text)" in (report.fixed or b"").decode()
    (lm304,) = [f for f in report.findings if f.rule_id == "LM304"]
    assert lm304.fix is None and "fix-style gate: not fixed" in lm304.message


def test_on_the_extended_thinking_target_38_live_keeps_its_path():
    """3.8 Live refuses a thinking level: a gate on "gemini-3.8" would send it one."""
    fixed = _fixed(TYPED, unsafe=True, target="3.8-xt")
    assert '"gemini-3.8-live-extended-thinking" in model' in fixed
    assert '"gemini-3.8" in model' not in fixed


def test_a_model_variable_of_any_name_is_gated_and_read_back_as_gated():
    """The gate idiom works on whatever name the library hands to connect(model=...)."""
    code = TYPED.replace("(model)", "(variant)").replace("model=model", "model=variant")
    fixed = _fixed(code, unsafe=True)
    assert '"gemini-3" in variant' in fixed
    again = _fix(fixed, unsafe=True)
    assert again.error is None and again.fixed is None
    assert not [f for f in again.findings if f.rule_id in ("LM002", "LM003")]


# --- 3.8 Live and extended thinking side by side: the gate selects exactly the target's id ---
V31 = "gemini-3.1-flash-live-preview"
V38 = "gemini-3.8-live"
XT = "gemini-3.8-live-extended-thinking"
IDS = (OLD, V31, V38, XT)


def _both_gated(code: str) -> str:
    """``code`` gated for 3.8 Live, then for extended thinking (a library serving both)."""
    return _fixed(_fixed(code, target="3.8", unsafe=True), target="3.8-xt", unsafe=True)


@pytest.mark.parametrize("code", [TYPED, DICT], ids=["typed", "dict"])
def test_each_model_id_gets_its_own_value_after_gating_for_38_and_extended_thinking(code, monkeypatch):
    gated = _both_gated(code)
    on_38 = _fixed(code, style="rewrite", unsafe=True, target="3.8")
    on_xt = _fixed(code, style="rewrite", unsafe=True, target="3.8-xt")
    sent = {model: _sent(gated, model, monkeypatch) for model in IDS}
    assert sent[OLD] == _sent(code, OLD, monkeypatch) and sent[V31] == _sent(code, V31, monkeypatch)
    assert sent[V38] == _sent(on_38, V38, monkeypatch)
    assert sent[XT] == _sent(on_xt, XT, monkeypatch)
    assert sent[V38] != sent[XT] != sent[OLD]  # the three values really differ
    again = _fix(gated, target="3.8", unsafe=True)  # the fixed point holds for either target
    assert again.fixed is None and not [f for f in again.findings if f.fix is not None]


def test_a_gate_for_38_live_alone_leaves_extended_thinking_callers_on_the_old_value(monkeypatch):
    gated = _fixed(TYPED, target="3.8", unsafe=True)
    assert _sent(gated, XT, monkeypatch) == _sent(TYPED, XT, monkeypatch)
    assert _sent(gated, V38, monkeypatch) != _sent(TYPED, V38, monkeypatch)


# The module's own test of the model, in the shapes real libraries write.
OWN_TESTS = {
    "compound-in": ('"3.8" in model and "extended" not in model', True),
    "set-of-exact-ids": ('model in {"gemini-3.8-live", "models/gemini-3.8-live"}', True),
    "equality": ('model == "gemini-3.8-live"', True),
    # true for the extended-thinking id too: not reused
    "prefix": ('model.startswith("gemini-3.8-live")', False),
    "set-of-both-3.8-ids": ('model in {"gemini-3.8-live", "gemini-3.8-live-extended-thinking"}', False),
}


@pytest.mark.parametrize("test,reused", OWN_TESTS.values(), ids=OWN_TESTS.keys())
def test_a_38_gate_reuses_the_modules_test_only_when_it_excludes_extended_thinking(test, reused, monkeypatch):
    code = TYPED.replace("async def run(model):\n", f"def is_38(model):\n    return {test}\n\n\nasync def run(model):\n")
    gated = _fixed(code, target="3.8", unsafe=True)
    assert (f"proactivity=(None if {test} else types.ProactivityConfig(" in gated) is reused
    # whatever the test, executed: the 3.8 value on 3.8 Live only
    rewritten = _fixed(code, style="rewrite", unsafe=True, target="3.8")
    assert _sent(gated, V38, monkeypatch) == _sent(rewritten, V38, monkeypatch)
    for model in (OLD, V31, XT):
        assert _sent(gated, model, monkeypatch) == _sent(code, model, monkeypatch), model
    again = _fix(gated, target="3.8", unsafe=True)
    assert again.error is None and again.fixed is None


def test_an_extended_thinking_gate_reuses_a_test_on_its_suffix(monkeypatch):
    code = TYPED.replace("async def run(model):\n",
                         "def thinks(model):\n    return \"extended-thinking\" in model\n\n\nasync def run(model):\n")
    gated = _fixed(code, target="3.8-xt", unsafe=True)
    assert 'proactivity=(None if "extended-thinking" in model else types.ProactivityConfig(' in gated
    for model in (OLD, V31, V38):
        assert _sent(gated, model, monkeypatch) == _sent(code, model, monkeypatch), model
    again = _fix(gated, target="3.8-xt", unsafe=True)
    assert again.error is None and again.fixed is None


def test_a_module_test_true_only_on_the_old_models_is_negated_as_a_whole(monkeypatch):
    code = TYPED.replace("async def run(model):\n", "def legacy(model):\n    return \"gemini-2\" in model or "
                         "\"native-audio\" in model\n\n\nasync def run(model):\n")
    gated = _fixed(code, unsafe=True)
    assert "proactivity=(None if not (\"gemini-2\" in model or \"native-audio\" in model) else " in gated
    assert _sent(gated, OLD, monkeypatch) == _sent(code, OLD, monkeypatch)
    assert _sent(gated, V31, monkeypatch) == _sent(_fixed(code, style="rewrite", unsafe=True), V31, monkeypatch)


def test_gated_tool_behavior_gives_38_live_blocking_and_extended_thinking_non_blocking(monkeypatch):
    code = HEAD + (
        "async def run(model):\n"
        "    book = types.FunctionDeclaration(name='book', description='Book a table')\n"
        "    config = types.LiveConnectConfig(response_modalities=['AUDIO'], tools=[types.Tool(function_declarations=[book])])\n"
        "    async with client.aio.live.connect(model=model, config=config) as session:\n"
        "        return session\n"
    )
    gated = _both_gated(code)
    ast.parse(gated)

    def behavior(model):
        (_, fields) = _sent(gated, model, monkeypatch)
        [(_, tool)] = fields["tools"]
        [(_, declaration)] = tool["function_declarations"]
        return declaration.get("behavior")

    assert [behavior(m) for m in IDS] == [None, None, "Behavior.BLOCKING", "Behavior.NON_BLOCKING"]
    for target in ("3.8", "3.8-xt"):
        again = _fix(gated, target=target, unsafe=True)
        assert again.error is None and again.fixed is None and not again.findings, target


DICT_TOOLS = HEAD + (
    "async def run(model):\n"
    "    tools = [{'function_declarations': [{'name': 'book', 'description': 'Book a table'}]}]\n"
    "    async with client.aio.live.connect(model=model, config={'tools': tools}) as session:\n"
    "        return session\n"
)


def test_a_dict_declaration_gated_for_38_live_is_read_as_gated():
    """The gate writes ``**({"behavior": "BLOCKING"} if <3.8 Live> else {})`` into a dict
    declaration; the next run reads it there (the finding the fix removes stays removed)."""
    gated = _fixed(DICT_TOOLS, target="3.8", unsafe=True)
    assert "**({'behavior': 'BLOCKING'} if" in gated
    again = _fix(gated, target="3.8", unsafe=True)
    assert again.error is None and again.fixed is None
    assert not [f for f in again.findings if f.rule_id == "LM602"]


def test_a_dict_declaration_gated_for_38_then_extended_thinking_gives_each_model_its_behavior(monkeypatch):
    """The second gate adds its own spread after the first one (which leaves ``behavior``
    unset on extended thinking), and each id gets its value."""
    gated = _both_gated(DICT_TOOLS)
    ast.parse(gated)

    def behavior(model):
        [tool] = _sent(gated, model, monkeypatch)["tools"]
        [declaration] = tool["function_declarations"]
        return declaration.get("behavior")

    assert [behavior(m) for m in IDS] == [None, None, "BLOCKING", "NON_BLOCKING"]
    for target in ("3.8", "3.8-xt"):
        again = _fix(gated, target=target, unsafe=True)
        assert again.error is None and again.fixed is None, target
        assert not [f for f in again.findings if f.rule_id in ("LM602", "LM603")], target


def test_an_entry_is_not_added_after_a_spread_that_may_set_it():
    code = DICT_TOOLS.replace("'description': 'Book a table'}", "'description': 'Book a table', **extra}").replace(
        "async def run(model):", "async def run(model, extra):")
    report = _fix(code, target="3.8", unsafe=True)
    assert report.fixed is None or b"'behavior'" not in report.fixed
    assert [f for f in report.findings if f.rule_id == "LM602" and f.fix is None]


# --- read-side fixes: the old model's read stays on the old path ------------------------------
RECEIVE = HEAD + (
    "async def run(model):\n"
    "    async with client.aio.live.connect(model=model, config={'thinking_config': {'thinking_level': 'low'}}) as session:\n"
    "        async for message in session.receive():\n"
    "            if getattr(message, 'interaction_status', None) == 'IDLE':\n"
    "                break\n"
    "            if message.server_content and message.server_content.turn_complete:\n"
    "                break\n"
)


def test_ending_the_loop_at_idle_is_left_to_a_human_in_gate_style():
    """2.x and 3.1 send no interaction status: a loop shared with them must keep its
    turn_complete read on their path, which a read rewrite cannot keep."""
    report = _fix(RECEIVE, target="3.8-xt", unsafe=True)
    assert "message.server_content.turn_complete:" in report.fixed.decode()
    [lm604] = [f for f in report.findings if f.rule_id == "LM604"]
    assert lm604.fix is None and "fix-style gate: not fixed" in lm604.message
    rewritten = _fix(RECEIVE, style="rewrite", target="3.8-xt", unsafe=True).fixed.decode()
    assert 'interaction_status in ("IDLE", "REQUIRES_ACTION")' in rewritten


def test_reading_the_status_on_server_content_is_the_same_on_every_model_and_stays_ungated():
    """LM605's read moves from the message (a field no model's message has: always None) to
    server_content, where every model that sends a status puts it: an equivalence, not gated."""
    from google.genai import types

    assert "interaction_status" not in types.LiveServerMessage.model_fields
    assert "interaction_status" in types.LiveServerContent.model_fields
    for target in ("3.8", "3.8-xt"):
        fixed = _fix(RECEIVE, target=target, unsafe=True).fixed.decode()
        assert "getattr(message.server_content, 'interaction_status', None) == 'IDLE'" in fixed
        line = next(x for x in fixed.splitlines() if "getattr(" in x)
        assert "model" not in line  # applied as it is, no gate
