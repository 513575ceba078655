"""What a rule is: id, name, docs, examples, and one way to report a finding with its fix.

A rule module in ``rules/`` defines one :class:`Rule` subclass. Its docstring is its
documentation (ruff's sections), its ``VALID``/``INVALID`` examples are its tests, and its
``check`` asks the :class:`~livemigrate.analysis.live_model.LiveModel` what is Live API and
reports through :meth:`RuleContext.report` with a :class:`Fix` or none.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING, Callable, ClassVar, Mapping, Sequence

if TYPE_CHECKING:  # annotations only: reports and output formats import this without libcst
    import libcst as cst
    from libcst.metadata import CodeRange

    from livemigrate.edits import Edit

    from livemigrate.analysis.live_model import LiveModel, ModelInfo
    from livemigrate.migration import TargetProfile

__all__ = [
    "Applicability",
    "FixAvailability",
    "Fix",
    "Finding",
    "Invalid",
    "Invented",
    "Rule",
    "RuleContext",
    "DOC_SECTIONS",
]

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")


class Applicability(str, Enum):
    """How sure a fix is: safe fixes apply by default, unsafe ones with --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class FixAvailability(str, Enum):
    """What a rule declares it can fix (checked against what it emits by the harness)."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


@dataclass(frozen=True)
class Invented:
    """A value a fix writes that the user did not (a sample rate, a level). ``shown_by`` is
    the code that shows it is right (a constant, an argument), None when nothing does."""

    what: str
    value: str
    shown_by: cst.CSTNode | None = None


@dataclass(frozen=True)
class Fix:
    """What a rule proposes. The rule states the edits and its own verdict on behaviour
    (``applicability``: UNSAFE when the edit changes what the program does); the facts the
    fix-safety policy needs ride along (``model``, ``invents``, and the key changes the
    edits carry). :func:`livemigrate.policy.decide` settles the final applicability, the
    same way for every rule, and records why in ``unsafe_reasons``."""

    applicability: Applicability
    edits: tuple[Edit, ...]
    description: str
    # The model of the session the edited code runs with; None when the edit is right on
    # every model (a wire spelling both accept).
    model: "ModelInfo | None" = field(default=None, compare=False)
    invents: tuple[Invented, ...] = ()
    unsafe_reasons: tuple[str, ...] = ()
    # The fix moves sessions onto the target model: safe only when nothing else in the
    # module still needs a human (see policy.hold_model_switches).
    switches_model: bool = False
    # False when the id it moves reaches no Live session in this module (a constant that
    # other modules import, a library's argument): what waits there cannot be weighed here.
    sessions_here: bool = True

    @classmethod
    def safe(cls, description: str, *edits: Edit, model: "ModelInfo | None" = None,
             invents: tuple[Invented, ...] = (), switches_model: bool = False, sessions_here: bool = True) -> "Fix":
        return cls(Applicability.SAFE, tuple(edits), description, model, invents, switches_model=switches_model,
                   sessions_here=sessions_here)

    @classmethod
    def unsafe(cls, description: str, *edits: Edit, model: "ModelInfo | None" = None,
               invents: tuple[Invented, ...] = (), switches_model: bool = False, sessions_here: bool = True) -> "Fix":
        return cls(Applicability.UNSAFE, tuple(edits), description, model, invents, switches_model=switches_model,
                   sessions_here=sessions_here)

    def detached(self) -> "Fix":
        """This fix without its edits (they hold CST nodes): what a report keeps."""
        return Fix(self.applicability, (), self.description, None, (), self.unsafe_reasons)


@dataclass
class Finding:
    """One reported construct. Every output format renders this."""

    rule_id: str
    rule_name: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Fix | None = None
    node: cst.CSTNode | None = field(default=None, repr=False, compare=False)
    # What it flags works the same on the old model and the target (a cost, a limit, a key
    # to protect): it does not hold back moving the model (see policy.hold_model_switches).
    advisory: bool = False
    # The lines the message names, as (start, end, line): ``message[start:end]`` writes
    # ``line`` (see RuleContext.line_of). Kept so that they move with the finding.
    line_refs: tuple[tuple[int, int, int], ...] = ()

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def with_message_lines(self, to_line: "Callable[[int], int]",
                           write: "Callable[[int], str]" = str) -> "Finding":
        """This finding with ``to_line`` applied to the lines its message names, each written
        by ``write``. Whoever moves a finding's own lines (the remaining findings of ``fix
        --diff`` placed in the file as read, a notebook's at their cells) moves these too."""
        if not self.line_refs:
            return self
        message, refs, done = "", [], 0
        for start, end, line in self.line_refs:
            moved = to_line(line)
            written = write(moved)
            message += self.message[done:start]
            refs.append((len(message), len(message) + len(written), moved))
            message += written
            done = end
        return replace(self, message=message + self.message[done:], line_refs=tuple(refs))

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule_id)

    def detached(self) -> "Finding":
        """This finding without CST nodes, so it can be pickled and outlive its tree."""
        return replace(self, node=None, fix=self.fix.detached() if self.fix else None)


@dataclass(frozen=True)
class Invalid:
    """An example a rule must flag; ``fixed`` is the code after ``livemigrate fix``
    (with ``--unsafe-fixes`` when ``unsafe``), None when the rule offers no fix for it."""

    code: str
    fixed: str | None = None
    unsafe: bool = False
    count: int = 1
    line: int | None = None  # where the (first) finding must be, when the example pins it
    message: str | None = None  # text the (first) finding's message must contain


class RuleContext:
    """What a rule sees of one module, and the one call it reports through."""

    def __init__(self, path: str, module: cst.Module, live: "LiveModel", target: "TargetProfile",
                 positions: "callable[[cst.CSTNode], CodeRange]",
                 comment_lines: "Mapping[int, str] | None" = None) -> None:
        self.path = path
        # line → comment text, for the fix policy (may be read on demand: never test its truth)
        self.comment_lines = comment_lines if comment_lines is not None else {}
        self.module = module
        self.live = live
        self.target = target
        self._positions = positions
        self.findings: list[Finding] = []
        self.rule: Rule | None = None
        self.cache: dict[str, object] = {}  # per-module indexes the policy builds once

    def report(self, node: cst.CSTNode, message: str | None = None, fix: Fix | None = None) -> None:
        """Report ``node`` for the running rule; ``message`` defaults to the rule's. A line the
        message names is written with :meth:`line_of`."""
        from livemigrate.policy import decide, vertex_note

        rule = self.rule
        assert rule is not None, "report() called outside a rule's check()"
        where = self._positions(node)
        # A fix the policy withholds because the session stays on a Vertex AI 2.x model: the
        # message says so, whichever rule it is (the reader would otherwise see no fix, no why).
        note = vertex_note(fix, self) if fix is not None else ""
        fix = decide(fix, self) if fix is not None else None
        message = message or rule.message
        if note and note not in message:
            message += note
        message, line_refs = _take_line_refs(message)
        self.findings.append(
            Finding(
                rule_id=rule.id,
                rule_name=rule.name,
                path=self.path,
                line=where.start.line,
                column=where.start.column + 1,
                end_line=where.end.line,
                end_column=where.end.column + 1,
                message=message,
                fix=fix,
                node=node,
                advisory=rule.advisory,
                line_refs=line_refs,
            )
        )

    def line_of(self, node: cst.CSTNode) -> str:
        """The line ``node`` starts on, to write into a message (``f"... (line
        {ctx.line_of(node)})"``): the finding keeps it apart from the text, so it stays right
        when the finding is placed elsewhere (``fix --diff`` reports the remaining findings at
        their lines in the file as read; a notebook's at their cells' lines)."""
        return f"{_LINE_OPEN}{self._positions(node).start.line}{_LINE_CLOSE}"

    def position(self, node: cst.CSTNode) -> "CodeRange":
        """Where ``node`` is in the module (1-based lines, 0-based columns)."""
        return self._positions(node)

    def code(self, node: cst.CSTNode) -> str:
        """The source text of ``node`` (for messages)."""
        return self.module.code_for_node(node)


# Around a line written into a message by RuleContext.line_of (private-use characters: they
# are taken out before the message is kept, so no output ever shows them).
_LINE_OPEN, _LINE_CLOSE = "\ue000", "\ue001"


def _take_line_refs(message: str) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """``message`` without the marks of :meth:`RuleContext.line_of`, and where its lines are."""
    if _LINE_OPEN not in message:
        return message, ()
    text, refs = "", []
    for index, piece in enumerate(message.split(_LINE_OPEN)):
        if index == 0:
            text = piece
            continue
        number, _, rest = piece.partition(_LINE_CLOSE)
        refs.append((len(text), len(text) + len(number), int(number)))
        text += number + rest
    return text, tuple(refs)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    id: ClassVar[str]
    name: ClassVar[str]
    message: ClassVar[str]
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NEVER
    # True when what the rule flags behaves the same on the old model and on the target:
    # its findings, fixed or not, never keep a session from moving to the target model.
    advisory: ClassVar[bool] = False
    # The target the examples and fixture are written for: a rule that only speaks for some
    # targets (the LM6xx moves to 3.8) is silent on the default one.
    EXAMPLE_TARGET: ClassVar[str] = "3.1"
    VALID: ClassVar[Sequence[str]] = ()
    INVALID: ClassVar[Sequence[Invalid]] = ()

    def check(self, ctx: RuleContext) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def docs(cls) -> str:
        """The rule's documentation: the class docstring, else its module's, dedented."""
        doc = cls.__dict__.get("__doc__") or getattr(sys.modules.get(cls.__module__), "__doc__", None)
        return inspect.cleandoc(doc or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of the docs (a title), else the message."""
        docs = cls.docs()
        return docs.splitlines()[0] if docs else cls.message
