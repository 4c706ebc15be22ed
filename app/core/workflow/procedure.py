"""How a service declares its procedure: states and named actions, as data.

A procedure reads top to bottom in one screen: for each action, where it may start, where it
ends, who may take it, what must hold (guards, each with the reason a person is shown), what
must be filled in (fields), and what follows (notifications, documents, the SLA clock).
The engine (app.core.workflow.engine) is the only code that applies them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

# SLA clock effects an action may have (app.core.workflow.sla reads them from the audit trail).
SLA_START, SLA_PAUSE, SLA_RESUME, SLA_STOP = "start", "pause", "resume", "stop"
# A clock of phases (a complaint: triage, then answer): the next phase starts afresh, with the
# limit `sla_days` gives for the state the record is in then.
SLA_RESTART = "restart"
# The actor of automatic steps (expiry, auto-completion) run from the CLI.
SYSTEM = "System"
# Who gets told: the record's applicant, or a role at the record's office.
APPLICANT = "applicant"


@dataclass(frozen=True)
class Guard:
    """A condition on the record; `reason` tells the person why the action is not possible."""

    check: Callable[[Any], bool]
    reason: Any
    # When set, `check(record, role)` also gets the role the user would act in (e.g. a step the
    # applicant takes online, and the officer on a walk-in visitor's behalf).
    uses_role: bool = False


@dataclass(frozen=True)
class Field:
    """Input an action takes. `clean` turns raw input into a value or raises InvalidValue."""

    name: str
    label: Any
    required: bool = True
    kind: str = "text"  # text, textarea, int, date, select, scores, file
    clean: Callable[[Any], Any] | None = None
    choices: Callable[[], list[tuple[str, str]]] | None = None
    help: Any = ""
    # What the screen's input starts with, from the record (e.g. a letter body to edit); API-only
    # input the screen does not show has kind "json".
    default: Callable[[Any], Any] | None = None
    # Whether the screen asks for it on this record (e.g. printed copies only when some were ordered).
    applies: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class Action:
    name: str
    label: Any
    sources: tuple[str, ...]
    # A state, or a function of (record, values) choosing one of `targets`.
    target: str | Callable[[Any, dict], str]
    roles: tuple[str, ...]
    fields: tuple[Field, ...] = ()
    guards: tuple[Guard, ...] = ()
    # Separation of duties: the actor must not have taken any of these actions on the record.
    not_by_actor_of: tuple[str, ...] = ()
    effect: Callable[[Any, "Context"], None] | None = None
    notify: tuple[str, ...] = ()
    sla: str | Callable[[Any], str | None] | None = None  # callable: decided per audit event
    style: str = "primary"  # primary, default, danger: how the button looks
    # False for a step that is possible but that nobody waits for (withdrawing a request): it does not
    # put the record in anyone's inbox.
    awaited: bool = True
    # Which records in the source states wait for it, as SQL on the model, when not all of them do: an
    # escalation waits only once the time limit has run out. (model) -> condition; the guard says the same.
    awaited_when: Callable[[Any], Any] | None = None
    confirm: Any = ""
    # The states a callable target may choose: what the contract test walks and the engine holds it to.
    targets: tuple[str, ...] = ()
    # What happened, as a mail's subject says it ("Invoice issued"); the label when not given.
    done: Any = ""

    @property
    def possible_targets(self) -> tuple[str, ...]:
        return self.targets if callable(self.target) else (self.target,)

    def target_for(self, record, values: dict) -> str:
        if not callable(self.target):
            return self.target
        target = self.target(record, values)
        if target not in self.targets:
            raise ValueError(f"{self.name}: target {target!r} is not among the declared targets {self.targets}")
        return target


@dataclass
class Context:
    """What an effect may use: the acting user and role, the cleaned fields, the note."""

    user: Any
    role: str
    values: dict
    note: str
    action: Action | None
    procedure: "Procedure"
    extra_audit: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Edit:
    """A change to a record's own fields outside a transition (a draft, a form being checked, lines).

    `clean(record, data)` turns raw input into `(values, errors)`; `apply(record, values, context)`
    writes them (default: each value onto the attribute of its name) and returns what it changed as
    {field: [before, after]} when it does more than set attributes. The engine (engine.edit) checks
    scope, role, state, `guard(record, role)` and staleness, bumps the version and audits an `edit`."""

    states: tuple[str, ...]
    roles: tuple[str, ...]
    clean: Callable[[Any, dict], tuple[dict, dict]]
    apply: Callable[[Any, dict, "Context"], dict | None] | None = None
    guard: Callable[[Any, str], bool] | None = None
    label: Any = ""


@dataclass(frozen=True)
class Upload:
    """Who may upload a kind of document, in which states, and which file types."""

    roles: tuple[str, ...]
    states: tuple[str, ...]
    types: tuple[str, ...] = ("pdf", "jpg", "png")


@dataclass
class Procedure:
    name: str                 # "sales"
    resource: str             # REST resource name, "sales_request"
    model: type
    states: dict[str, Any]    # code -> translated label
    # Declared as a sequence of actions, in the order a person meets them; kept by name.
    actions: dict[str, Action]
    initial: str = "draft"
    label: Any = ""
    record_label: Callable[[Any], str] = lambda record: f"#{record.id}"
    # Where a person opens the record: path prefixes, the record id is appended.
    staff_path: str = ""
    applicant_path: str = ""
    # Named edits (engine.edit); "form" is the one `PUT /api/v1/<resource>/<id>` applies.
    edits: dict[str, tuple[Edit, ...]] = field(default_factory=dict)
    # Every kind of document of the record, uploaded or issued: code -> translated label.
    document_kinds: dict[str, Any] = field(default_factory=dict)
    # The kinds people may upload, and who may when.
    uploads: dict[str, Upload] = field(default_factory=dict)
    # The kinds the office issues (numbered PDFs); the rest are uploaded by people.
    issued_kinds: tuple[str, ...] = ()
    sla_days: Callable[[Any], int | None] = lambda record: None
    # How a state's badge looks on lists: success, warning, danger (default: plain).
    state_tones: dict[str, str] = field(default_factory=dict)
    # Loader options for what the guards read of many records at once (e.g. a sale's lines).
    preload: Callable[[], tuple] = lambda: ()
    # The SLA effect of filing the record itself (engine.start), for procedures whose clock runs
    # from the moment a request arrives (a consultation, a complaint).
    sla_on_create: str | None = None
    # Whether a person holding `roles` may download `document` of `record` (e.g. a product only
    # once delivered); the scope check comes first, this narrows it.
    downloadable: Callable[[Any, Any, set], bool] = lambda record, document, roles: True
    # What an issued document of the record is about, as the public verification page may say it
    # (nothing private: no applicant's contact details).
    public_subject: Callable[[Any], str] | None = None
    # What the reader of a mail should do now and by when, in plain words: (record, for_applicant) ->
    # text, and -> a date or datetime. Without them, the mail names the steps the reader may take and,
    # for staff, the service's due date.
    next_step: Callable[[Any, bool], str] | None = None
    deadline: Callable[[Any, bool], Any] | None = None
    # How staff find a record from the navbar's search box (app.core.workflow.search): the prefix of
    # its number ("PJ" in PJ-000012) and the record's own text columns worth matching (invoice
    # number, title…); the applicant's name, e-mail and ID number are searched for every procedure.
    number_prefix: str = ""
    search_columns: tuple[str, ...] = ()
    # What filing the record does to the clock (e.g. SLA_START: a complaint's clock runs from receipt),
    # and from which moment: a record received before it was filed (a letter, a LAPOR! ticket) says
    # when it arrived, and the clock counts from that moment, not from when it was typed in.
    sla_on_create: str | None = None
    received_at: Callable[[Any], Any] = lambda record: None
    # How a person names a record of an office: the numbers printed on its papers (request, invoice,
    # letter number). (office_id, typed number) -> the record, or None. Lets another service refer to
    # a record (a complaint about a request) without importing the service that owns it.
    find_by_number: Callable[[int, str], Any] | None = None

    def subject_of(self, record) -> str:
        if self.public_subject is not None:
            return self.public_subject(record)
        return f"{self.label} {self.record_label(record)}"

    def __post_init__(self):
        if not isinstance(self.actions, dict):
            named = {action.name: action for action in self.actions}
            if len(named) != len(self.actions):
                raise ValueError(f"{self.name}: two actions share a name")
            self.actions = named

    def record_path(self, record, for_applicant: bool) -> str:
        """Where a person opens the record, within the site (links on pages)."""
        path = self.applicant_path if for_applicant else self.staff_path
        return f"{path}{record.id}" if path else "/"

    def record_url(self, record, for_applicant: bool) -> str:
        """The absolute address where a person opens the record, for mails."""
        from flask import current_app

        base = current_app.config.get("SERVER_BASE_URL", "").rstrip("/")
        return f"{base}{self.record_path(record, for_applicant)}"

    def list_url(self, **args) -> str | None:
        """The staff list of these records (the path beside `staff_path`'s show page), filtered by
        `args` (app.core.web.list_filters); every state, not only the open work."""
        if not self.staff_path.endswith("/show/"):
            return None
        from urllib.parse import urlencode

        query = urlencode({"state": "all", **{k: v for k, v in args.items() if v not in (None, "")}})
        return f"{self.staff_path[:-len('show/')]}list/?{query}"

    def state_label(self, code: str) -> str:
        return str(self.states.get(code, code))

    @property
    def final_states(self) -> tuple[str, ...]:
        """The states no action leaves: the record is finished."""
        left = {state for action in self.actions.values() for state in action.sources}
        return tuple(state for state in self.states if state not in left)

    def kind_label(self, kind: str) -> str:
        return str(self.document_kinds.get(kind, kind))


PROCEDURES: dict[str, Procedure] = {}


def register(procedure: Procedure) -> Procedure:
    for action in procedure.actions.values():
        if callable(action.target) and not action.targets:
            raise ValueError(f"{procedure.name}.{action.name}: a callable target must declare its targets")
        unknown = (set(action.sources) | set(action.possible_targets)) - set(procedure.states)
        if unknown:
            raise ValueError(f"{procedure.name}.{action.name}: unknown states {unknown}")
    unlabelled = (set(procedure.uploads) | set(procedure.issued_kinds)) - set(procedure.document_kinds)
    if unlabelled:
        raise ValueError(f"{procedure.name}: document kinds without a label {unlabelled}")
    from app.core.workflow.records import add_office_indexes

    add_office_indexes(procedure.model)
    PROCEDURES[procedure.name] = procedure
    return procedure


def procedure_for_model(model) -> Procedure:
    return next(p for p in PROCEDURES.values() if p.model is model)


def procedure_of(record) -> Procedure:
    for procedure in PROCEDURES.values():
        if isinstance(record, procedure.model):
            return procedure
    raise LookupError(f"no procedure for {type(record).__name__}")


def find_record_by_number(office_id: int, number: str) -> tuple[Procedure, Any] | None:
    """(procedure, record) of the office's record a person names by its number, in any service."""
    for procedure in PROCEDURES.values():
        record = procedure.find_by_number(office_id, number) if procedure.find_by_number else None
        if record is not None:
            return procedure, record
    return None


def by_resource(resource: str) -> Procedure | None:
    return next((p for p in PROCEDURES.values() if p.resource == resource), None)
