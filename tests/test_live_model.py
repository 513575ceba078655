"""Shapes real Live code takes (shared/rules.md "What real code taught us"), each checked
for the findings a user would expect and none they would not."""

from __future__ import annotations

import libcst as cst
import pytest

from harness import check, dedent, fixed_text


def ids_by_line(code: str, select=("LM",)) -> list[tuple[int, str]]:
    return [(f.line, f.rule_id) for f in check(dedent(code), select)]


def test_config_on_self_used_from_another_method() -> None:
    code = '''
        from google import genai

        class Agent:
            def __init__(self, client: genai.Client) -> None:
                self.client = client
                self.config = {"response_modalities": ["AUDIO"],
                               "thinking_config": {"thinking_budget": 0}}
                self.model = "gemini-3.1-flash-live-preview"

            async def run(self) -> None:
                async with self.client.aio.live.connect(model=self.model, config=self.config) as session:
                    self.session = session
    '''
    assert ids_by_line(code) == [(7, "LM002")]
    assert '"thinking_level": "minimal"' in fixed_text(dedent(code))


def test_typed_config_built_then_mutated_in_a_builder() -> None:
    code = '''
        from google.genai import types

        def build_config() -> types.LiveConnectConfig:
            config = types.LiveConnectConfig(response_modalities=["AUDIO"])
            config.enable_affective_dialog = True
            config.thinking_config = types.ThinkingConfig(thinking_budget=2048)
            return config
    '''
    assert ids_by_line(code) == [(5, "LM004"), (6, "LM002")]


def test_model_is_a_parameter_fix_is_unsafe() -> None:
    code = '''
        from google import genai

        async def open_session(client: genai.Client, model: str):
            config = {"proactivity": {"proactive_audio": True}}
            return await client.aio.live.connect(model=model, config=config).__aenter__()
    '''
    (finding,) = check(dedent(code))
    assert finding.rule_id == "LM003"
    assert "not known here" in finding.message
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"


def test_model_from_env_default_and_dataclass_field() -> None:
    code = '''
        import os
        from dataclasses import dataclass
        from google import genai

        @dataclass
        class Settings:
            model: str = os.getenv("MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")

        class Bot:
            def __init__(self, settings: Settings):
                self.model = settings.model

        async def main(client: genai.Client, model: str = "gemini-2.5-flash-native-audio-preview-09-2025"):
            cfg = {"enable_affective_dialog": True}
            async with client.aio.live.connect(model=model, config=cfg) as s:
                pass
    '''
    assert ids_by_line(code) == [(7, "LM001"), (13, "LM001"), (14, "LM004")]


SETTINGS_OBJECT = '''
    import os
    from dataclasses import dataclass, field

    from google import genai


    def default_config() -> dict:
        return {"response_modalities": ["AUDIO"], "thinking_config": {"thinking_budget": 0}}


    @dataclass(frozen=True)
    class Settings:
        model: str = os.getenv("LIVE_MODEL", "gemini-2.5-flash-native-audio-preview-12-2025")
        config: dict = field(default_factory=default_config)


    class Agent:
        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        async def run(self) -> None:
            client = genai.Client()
            async with client.aio.live.connect(model=self.settings.model, config=self.settings.config) as session:
                await session.send_realtime_input(text="hi")
'''


def test_a_config_held_by_a_settings_object_from_a_field_factory() -> None:
    """`self.settings.config`, a dataclass field whose default_factory builds the dict: the
    one class of the module with a `config` field holds it."""
    code = SETTINGS_OBJECT + "\n\n    AGENT = Agent(Settings())\n"
    assert (8, "LM002") in ids_by_line(code)
    [finding] = [f for f in check(dedent(code), ("LM002",))]
    assert "not known here" not in finding.message  # Settings() keeps the default model
    assert '"thinking_level": "minimal"' in fixed_text(dedent(code), unsafe=True)


def test_a_field_default_model_is_not_known_when_callers_may_pass_another() -> None:
    """Built nowhere in the module (or with another model passed), the field's default is
    one model among others: fixes that need the model are unsafe."""
    for tail in ("", '\n\n    def build(model: str) -> Agent:\n        return Agent(Settings(model=model))\n'):
        [finding] = [f for f in check(dedent(SETTINGS_OBJECT + tail), ("LM002",))]
        assert "not known here" in finding.message, tail


def test_an_attribute_two_classes_define_is_not_guessed() -> None:
    code = SETTINGS_OBJECT + '''

    class Other:
        config = {"response_modalities": ["TEXT"]}
    '''
    assert (8, "LM002") not in ids_by_line(code)


@pytest.mark.parametrize("gate", [
    'if "gemini-3" not in model:',
    'if model.startswith("gemini-2"):',
    'if "3.1" not in model and audio:',
    'if not is_gemini_3(model):',
    'if not self_is_v3:',
])
def test_version_gated_legacy_branch_is_left_alone(gate: str) -> None:
    code = f'''
        from google import genai

        def is_gemini_3(model):
            return "gemini-3" in model

        async def connect(client: genai.Client, model: str, audio: bool = True):
            self_is_v3 = is_gemini_3(model)
            cfg = {{"response_modalities": ["AUDIO"]}}
            {gate}
                cfg["thinking_config"] = {{"thinking_budget": 1024}}
                cfg["proactivity"] = {{"proactive_audio": True}}
            async with client.aio.live.connect(model=model, config=cfg) as s:
                return s
    '''
    assert ids_by_line(code) == []


def test_new_branch_of_a_gate_is_still_checked() -> None:
    code = '''
        from google import genai

        async def connect(client: genai.Client, model: str):
            if "gemini-3" in model:
                cfg = {"thinking_config": {"thinking_budget": 0}}
            else:
                cfg = {"thinking_config": {"thinking_budget": 1024}}
            async with client.aio.live.connect(model=model, config=cfg) as s:
                return s
    '''
    assert ids_by_line(code) == [(5, "LM002")]


def test_early_return_gate() -> None:
    code = '''
        from google import genai

        def make_config(model: str) -> dict:
            if "gemini-3" in model:
                return {"response_modalities": ["AUDIO"]}
            return {"response_modalities": ["AUDIO"], "enable_affective_dialog": True}

        async def run(client: genai.Client, model: str):
            async with client.aio.live.connect(model=model, config=make_config(model)) as s:
                pass
    '''
    assert ids_by_line(code) == []


def test_helper_module_without_genai_import() -> None:
    code = '''
        async def start(client, model):
            config = {"generation_config": {"temperature": 0.3}}
            async with client.aio.live.connect(model=model, config=config) as session:
                await session.send_realtime_input(text="hi")
    '''
    assert ids_by_line(code) == [(2, "LM006")]


def test_config_passed_through_a_function_parameter() -> None:
    code = '''
        from google import genai
        from google.genai import types

        MODEL = "gemini-3.1-flash-live-preview"

        async def run(client: genai.Client, config):
            async with client.aio.live.connect(model=MODEL, config=config) as session:
                await session.send_realtime_input(text="hi")

        async def main(client):
            await run(client, {"enable_affective_dialog": True})
            await run(client, config=types.LiveConnectConfig(proactivity={"proactive_audio": True}))
    '''
    assert ids_by_line(code) == [(11, "LM004"), (12, "LM003")]


def test_generate_content_is_never_flagged() -> None:
    code = '''
        from google import genai
        from google.genai import types

        client = genai.Client()
        cfg = types.GenerateContentConfig(
            thinking_config=types.ThinkingConfig(thinking_budget=1024),
            tools=[types.Tool(function_declarations=[types.FunctionDeclaration(
                name="f", behavior=types.Behavior.NON_BLOCKING)])],
        )
        reply = client.models.generate_content(model="gemini-2.5-flash", contents="x", config=cfg)
        part = reply.candidates[0].content.parts[0]
        fr = types.FunctionResponse(name="f", response={}, scheduling="INTERRUPT")
        chat = client.chats.create(model="gemini-2.0-flash-exp", config={"thinking_config": {"thinking_budget": 0}})
    '''
    assert ids_by_line(code) == []


def test_other_library_with_same_field_names() -> None:
    code = '''
        import livekit.agents as agents

        cfg = {"thinking_config": {"thinking_budget": 1024}, "proactivity": True}
        model = agents.RealtimeModel(config=cfg, enable_affective_dialog=True)
        conn = agents.connect(config=cfg)
    '''
    assert ids_by_line(code) == []


def test_target_38_profile_changes_verdicts() -> None:
    from harness import linter

    code = dedent('''
        from google.genai import types
        config = types.LiveConnectConfig(
            thinking_config=types.ThinkingConfig(thinking_budget=1024),
            tools=[{"function_declarations": [{"name": "f", "behavior": "NON_BLOCKING"}]}],
        )
    ''').encode()
    on_31 = [f.rule_id for f in linter(target="3.1").check_bytes(code, "a.py").findings]
    on_38 = linter(target="3.8").check_bytes(code, "a.py").findings
    assert on_31 == ["LM002", "LM201"]
    assert [f.rule_id for f in on_38] == ["LM002"]
    from livemigrate.migration import TARGETS

    assert TARGETS["3.8"].claim("thinking_budget") in on_38[0].message


# --- the backend: Gemini API or Vertex AI (live-api-facts.md §11) ----------------------------
VERTEX_SPELLINGS = {
    "enterprise flag": 'client = genai.Client(enterprise=True, project="p", location="us-central1")\n',
    "legacy vertexai flag": 'client = genai.Client(vertexai=True, project="p", location="us-central1")\n',
    "enterprise env": 'os.environ["GOOGLE_GENAI_USE_ENTERPRISE"] = "true"\nclient = genai.Client()\n',
    "legacy vertexai env": 'os.environ.setdefault("GOOGLE_GENAI_USE_VERTEXAI", "1")\nclient = genai.Client()\n',
    "project and location, no api key": 'client = genai.Client(project="p", location="europe-west4")\n',
}


@pytest.mark.parametrize("client", VERTEX_SPELLINGS.values(), ids=VERTEX_SPELLINGS.keys())
def test_every_vertex_spelling_keeps_a_gemini_id_unrewritten(client: str) -> None:
    code = ("import os\nfrom google import genai\n" + client
            + 'MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n')
    (finding,) = check(code, ("LM001",))
    assert finding.fix is None
    assert "Vertex AI" in finding.message


GEMINI_API_SPELLINGS = {
    "api key": 'client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])\n',
    "api key beside a project": 'client = genai.Client(api_key=KEY, project="p")\n',
    "enterprise off": 'client = genai.Client(enterprise=False, api_key=KEY)\n',
    "env switched off": 'os.environ["GOOGLE_GENAI_USE_VERTEXAI"] = "false"\nclient = genai.Client()\n',
    "the flag in a comment": '# pass vertexai=True for Vertex AI\nclient = genai.Client()\n',
}


@pytest.mark.parametrize("client", GEMINI_API_SPELLINGS.values(), ids=GEMINI_API_SPELLINGS.keys())
def test_gemini_api_clients_get_the_rewrite(client: str) -> None:
    code = ("import os\nfrom google import genai\nKEY = 'k'\n" + client
            + 'MODEL = "gemini-2.5-flash-native-audio-preview-12-2025"\n')
    (finding,) = check(code, ("LM001",))
    assert finding.fix is not None


BACKEND_BRANCHES = '''
    import os
    from google import genai

    USE_VERTEX = os.getenv("GOOGLE_GENAI_USE_VERTEXAI", "false").lower() == "true"


    class LiveAgent:
        def __init__(self) -> None:
            if USE_VERTEX:
                self.client = genai.Client(vertexai=True, project="p", location="us-central1")
                self.model = "gemini-live-2.5-flash-native-audio"
            else:
                self.client = genai.Client(api_key=os.environ["GEMINI_API_KEY"])
                self.model = "gemini-2.5-flash-native-audio-preview-12-2025"

        async def run(self) -> None:
            async with self.client.aio.live.connect(model=self.model, config={}) as session:
                pass


    def pick_model(use_vertex: bool) -> str:
        if not use_vertex:
            return "gemini-2.5-flash-native-audio-preview-09-2025"
        return "gemini-live-2.5-flash-preview-native-audio-09-2025"
'''


def _literals(code: str):
    from livemigrate.analysis import build_live_model

    source = dedent(code)
    live = build_live_model(cst.parse_module(source), source)
    return live, {lit.value: lit.node for lit in live.model_literals()}


def test_backend_is_decided_per_branch() -> None:
    live, literals = _literals(BACKEND_BRANCHES)
    assert live.is_vertex  # the module can run on Vertex AI
    assert live.on_vertex(literals["gemini-live-2.5-flash-native-audio"])
    assert not live.on_vertex(literals["gemini-2.5-flash-native-audio-preview-12-2025"])
    assert not live.on_vertex(literals["gemini-2.5-flash-native-audio-preview-09-2025"])
    assert live.on_vertex(literals["gemini-live-2.5-flash-preview-native-audio-09-2025"])


def test_backend_of_a_session_is_its_client() -> None:
    code = '''
        from google import genai

        vertex = genai.Client(enterprise=True, project="p", location="l")
        studio = genai.Client(api_key="k")

        async def main(config):
            async with studio.aio.live.connect(model="gemini-3.1-flash-live-preview", config=config) as a:
                pass
            async with vertex.aio.live.connect(model="gemini-live-2.5-flash-native-audio", config=config) as b:
                pass
    '''
    source = dedent(code)
    from livemigrate.analysis import build_live_model

    live = build_live_model(cst.parse_module(source), source)
    studio_connect, vertex_connect = live.connects
    assert not live.on_vertex(studio_connect.call)
    assert live.on_vertex(vertex_connect.call)


def test_gemini_id_in_the_non_vertex_branch_is_rewritten() -> None:
    findings = {f.line: f for f in check(dedent(BACKEND_BRANCHES), ("LM001",))}
    assert findings[14].fix is not None  # the Gemini API branch
    assert "Vertex" not in findings[14].message
    assert findings[11].fix is None  # the Vertex AI id
    assert "Vertex" in findings[11].message
