"""The rule engine: findings, reports, rule sets and validation runs."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Final, TypeAlias, TypeVar

import attrs

from antq._gc import collector_paused
from antq.dataset import COLLECTIONS, Dataset
from antq.errors import AntqError
from antq.messages import (
    CATALOGUE,
    DEFAULT_LANG,
    Lang,
    Message,
    check_lang,
    render_template,
)
from antq.model import (
    Award,
    Event,
    EventId,
    Locality,
    LocalityId,
    Official,
    OfficialId,
    Record,
    award_date,
)
from antq.rules.authority import (
    DEFAULT_AUTHORITY,
    AuthorityCheck,
    AuthorityTable,
    RecipientLimit,
)
from antq.vocab import AwardForm, EntityKind, LocalityLevel, Office, RecipientKind, Vocab

__all__ = [
    "DEFAULT_WINDOW",
    "FESTIVAL_WINDOW_EXAMPLES",
    "Context",
    "FestivalWindow",
    "Finding",
    "Hit",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "ValidationError",
    "hit",
    "load_plugins",
    "rules_table",
    "validate",
]

RuleFunc: TypeAlias = Callable[[Any, "Context"], Iterable["Hit"]]
RuleKey: TypeAlias = Callable[[Any, "Context"], Hashable]
"""What a rule's hits depend on, for a record: records with equal keys get equal hits."""
_T = TypeVar("_T")
_K = TypeVar("_K")
_CODE = re.compile(r"[A-Z][A-Z0-9]*[0-9]{3}")
_RESERVED = "ANTQ"
_COLLECTION_ORDER = {name: position for position, (name, _, _) in enumerate(COLLECTIONS)}
_LONG_REPORT = 10  # findings: past this, a text report ends with a count per code
_RECORD_PATH = re.compile(r"\$\.(\w+)\[(\d+)\]")


class Severity(Vocab):
    """How serious a finding is; errors make a report fail."""

    ERROR = "error", "lỗi", "error"
    WARNING = "warning", "cảnh báo", "warning"
    INFO = "info", "thông tin", "information"

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for information."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found: its code, severity, path, subject and message parameters.

    The message is worded when shown: :attr:`message` in the run's language
    (``Context.lang``), :meth:`text` in any.
    """

    code: str
    severity: Severity
    path: str
    subject_id: str | None = None
    params: Mapping[str, object] = attrs.field(factory=dict)
    templates: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    lang: Lang = DEFAULT_LANG

    @property
    def message(self) -> str:
        """The message in the run's language."""
        return self.text(lang=self.lang)

    def text(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """The message in *lang* (English when the rule has no message in it)."""
        template = self.templates.get(check_lang(lang)) or self.templates["en"]
        return render_template(template, self.params, lang)

    def describe(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """One line: path, code, severity and message, in *lang*."""
        severity = Message(f"severity.{self.severity.value}").text(lang=lang)
        return f"{self.path}: {self.code} [{severity}] {self.text(lang=lang)}"

    def __str__(self) -> str:
        return self.describe(lang=self.lang)


@attrs.frozen
class Hit:
    """What a rule function yields: the message parameters and where the problem is.

    ``at`` extends the subject record's path (``"issuer.office"``); ``path`` replaces it
    (dataset-wide rules give it); ``subject_id`` names the record for dataset rules;
    ``severity`` overrides the rule's default.
    """

    params: Mapping[str, object] = attrs.field(factory=dict)
    at: str | None = None
    path: str | None = None
    subject_id: str | None = None
    severity: Severity | None = None

    def where(
        self,
        *,
        at: str | None = None,
        path: str | None = None,
        subject_id: str | None = None,
        severity: Severity | None = None,
    ) -> Hit:
        """The hit placed: *at* a field of the record, or at a whole *path*.

        *subject_id* names the record (dataset rules); *severity* overrides the rule's.
        """
        return attrs.evolve(self, at=at, path=path, subject_id=subject_id, severity=severity)


def hit(**params: object) -> Hit:
    """A :class:`Hit` at the record itself; every keyword argument fills the message.

    Place it with :meth:`Hit.where`: ``hit(office=o).where(at="issuer.office")``.
    """
    return Hit(params)


@attrs.frozen(kw_only=True)
class Rule:
    """A registered rule: code, target, default severity, messages, rationale and basis."""

    code: str
    target: EntityKind | None
    severity: Severity
    messages: Mapping[str, str]
    rationale: str
    basis: str
    func: RuleFunc
    key: RuleKey | None = None

    def message(self, params: Mapping[str, object], *, lang: Lang = DEFAULT_LANG) -> str:
        """The message in *lang* (English when the rule has no message in it)."""
        template = self.messages.get(check_lang(lang)) or self.messages["en"]
        return render_template(template, params, lang)


@attrs.frozen
class FestivalWindow:
    """The days of the year a province holds its festivals in ("02/07–10/08")."""

    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]

    def contains(self, day: dt.date) -> bool:
        """Whether *day* falls in the window (bounds included)."""
        return self.start <= (day.month, day.day) <= self.end

    def __str__(self) -> str:
        return f"{self.start[1]:02d}/{self.start[0]:02d}–{self.end[1]:02d}/{self.end[0]:02d}"


#: The window used where a province has none configured: 01/07 to the national day, 19/08.
DEFAULT_WINDOW = FestivalWindow((7, 1), (8, 19))

#: Windows provinces announced, by their statistics code (before the 2025 mergers), to
#: pass as ``Context(festival_windows=...)`` or copy from: Đồng Tháp (87) each year, Bà
#: Rịa–Vũng Tàu (77) in 2024, Gia Lai (64) in 2025. A window is a year's plan: check it.
FESTIVAL_WINDOW_EXAMPLES: Mapping[str, FestivalWindow] = {
    "87": FestivalWindow((7, 1), (8, 19)),
    "77": FestivalWindow((7, 2), (8, 10)),
    "64": FestivalWindow((7, 1), (8, 19)),
}


@attrs.frozen(kw_only=True)
class Context:
    """What rules know besides the record: settings for the run and the dataset itself.

    ``as_of`` is the date the data is judged at (None: no rule compares with today);
    ``authority`` says who may grant what; ``festival_windows`` maps a province's id or
    code to its window, ``default_window`` serves the others (None: no window check);
    ``lang`` picks the findings' language. :func:`validate` fills ``dataset`` and gives
    each run a fresh :class:`RunMemory` (what :meth:`once` and :meth:`memo` remember).
    """

    as_of: dt.date | None = None
    authority: AuthorityTable = DEFAULT_AUTHORITY
    festival_windows: Mapping[str, FestivalWindow] = attrs.field(factory=dict)
    default_window: FestivalWindow | None = DEFAULT_WINDOW
    lang: Lang = attrs.field(default=DEFAULT_LANG, validator=lambda _, __, v: check_lang(v))
    dataset: Dataset = attrs.field(factory=Dataset)
    run: RunMemory = attrs.field(factory=lambda: RunMemory(), eq=False, repr=False)

    def locality(self, id: LocalityId) -> Locality:
        """The locality with this id (:meth:`Dataset.locality`: raises when it dangles)."""
        return self.dataset.locality(id)

    def official(self, id: OfficialId) -> Official:
        """The official with this id (:meth:`Dataset.official`: raises when it dangles)."""
        return self.dataset.official(id)

    def event(self, id: EventId) -> Event:
        """The event with this id (:meth:`Dataset.event`: raises when it dangles)."""
        return self.dataset.event(id)

    def find_locality(self, id: LocalityId | None) -> Locality | None:
        """The locality with this id, or None when *id* is None or dangles."""
        return self.dataset.find_locality(id)

    def find_official(self, id: OfficialId | None) -> Official | None:
        """The official with this id, or None when *id* is None or dangles."""
        return self.dataset.find_official(id)

    def find_event(self, id: EventId | None) -> Event | None:
        """The event with this id, or None when *id* is None or dangles."""
        return self.dataset.find_event(id)

    def once(self, build: Callable[[Context], _T]) -> _T:
        """``build(self)``, computed once per validation run (keyed by the function)."""
        return self.run.once(build, self)

    def memo(self, func: Callable[[Context, _K], _T], key: _K) -> _T:
        """``func(self, key)``, computed once per key per validation run."""
        return self.run.memo(func, self, key)

    def check_authority(
        self, office: Office, level: LocalityLevel, form: AwardForm, on: dt.date | None
    ) -> AuthorityCheck:
        """:meth:`AuthorityTable.check` on this context's table, remembered for the run."""
        return self.memo(_authority, (office, level, form, on))

    def recipient_limit(
        self, form: AwardForm, kind: RecipientKind, on: dt.date | None
    ) -> RecipientLimit | None:
        """:meth:`AuthorityTable.recipient_limit` on this context's table, remembered."""
        return self.memo(_limit, (form, kind, on))

    def ancestors(self, id: LocalityId | None) -> list[Locality]:
        """The locality and its parents, innermost first (:meth:`Dataset.ancestors`)."""
        return self.dataset.ancestors(id)

    def province_of(self, id: LocalityId | None) -> Locality | None:
        """The province-level unit above (or at) a locality, when the tree reaches one."""
        return self.memo(_province, id)

    def award_date(self, award: Award) -> dt.date | None:
        """The date the law is judged on (:func:`antq.award_date`, with this dataset)."""
        return award_date(award, self.find_event(award.event))

    def window_for(self, province: Locality | None) -> FestivalWindow | None:
        """The festival window of a province (by id, then by code), or the default one."""
        if province is not None:
            for key in (province.id, province.code):
                if key is not None and key in self.festival_windows:
                    return self.festival_windows[key]
        return self.default_window


class RunMemory:
    """What rules remember during one validation run, keyed by the function that computed it.

    A plugin's rules use it through :meth:`Context.once` and :meth:`Context.memo`;
    :func:`validate` starts each run with an empty one.
    """

    __slots__ = ("_memos", "_once")

    def __init__(self) -> None:
        self._once: dict[Callable[..., Any], Any] = {}
        self._memos: dict[Callable[..., Any], dict[Any, Any]] = {}

    def once(self, build: Callable[[Context], _T], ctx: Context) -> _T:
        """``build(ctx)``, computed on the first call only."""
        if build not in self._once:
            self._once[build] = build(ctx)
        found: _T = self._once[build]
        return found

    def memo(self, func: Callable[[Context, _K], _T], ctx: Context, key: _K) -> _T:
        """``func(ctx, key)``, computed on the first call with *key* only."""
        table = self._memos.setdefault(func, {})
        if key not in table:
            table[key] = func(ctx, key)
        found: _T = table[key]
        return found


def _authority(
    ctx: Context, key: tuple[Office, LocalityLevel, AwardForm, dt.date | None]
) -> AuthorityCheck:
    return ctx.authority.check(*key)


def _limit(
    ctx: Context, key: tuple[AwardForm, RecipientKind, dt.date | None]
) -> RecipientLimit | None:
    return ctx.authority.recipient_limit(*key)


def _province(ctx: Context, id: LocalityId | None) -> Locality | None:
    return next((unit for unit in ctx.ancestors(id) if unit.level is LocalityLevel.PROVINCE), None)


def event_date(event: Event) -> dt.date | None:
    """An event's complete date, or None when it is unknown or partial."""
    return event.held_on if isinstance(event.held_on, dt.date) else None


class RuleSet:
    """A registry of rules; register with :meth:`rule`, combine with ``|``.

    Codes are letters then three digits (``QNAM001``); the ``ANTQ`` prefix belongs to
    antq's built-in rules. A code can be registered once per rule set.
    """

    def __init__(self, rules: Iterable[Rule] = (), *, _builtin: bool = False) -> None:
        self._rules: dict[str, Rule] = {}
        self._builtin = _builtin
        for rule in rules:
            self._add(rule)

    def _add(self, rule: Rule) -> None:
        if rule.code in self._rules:
            raise ValueError(f"rule code {rule.code} is registered already")
        self._rules[rule.code] = rule

    def rule(
        self,
        code: str,
        target: EntityKind,
        *,
        severity: Severity,
        message: str | Mapping[str, str] | None = None,
        rationale: str,
        basis: str = "",
        key: RuleKey | None = None,
    ) -> Callable[[RuleFunc], RuleFunc]:
        """Register the decorated function as a rule on each record of *target*'s type.

        See :meth:`_register` for the arguments; :meth:`dataset_rule` registers a rule
        on the whole dataset.
        """
        return self._register(code, target, severity, message, rationale, basis, key)

    def dataset_rule(
        self,
        code: str,
        *,
        severity: Severity,
        message: str | Mapping[str, str] | None = None,
        rationale: str,
        basis: str = "",
    ) -> Callable[[RuleFunc], RuleFunc]:
        """Register the decorated function as a rule on the whole dataset.

        The function receives the :class:`~antq.Dataset` and the context; its hits give
        their path and subject with :meth:`Hit.where`.
        """
        return self._register(code, None, severity, message, rationale, basis, None)

    def _register(
        self,
        code: str,
        target: EntityKind | None,
        severity: Severity,
        message: str | Mapping[str, str] | None,
        rationale: str,
        basis: str,
        key: RuleKey | None,
    ) -> Callable[[RuleFunc], RuleFunc]:
        """Register the decorated function as a rule.

        Args:
            code: a unique code, letters then three digits (``"QNAM001"``).
            target: the record type the function receives, or None for the whole
                dataset (the function then receives the :class:`~antq.Dataset`).
            severity: the default severity of its findings.
            message: a ``str.format`` template, or one per language (``{"vi": …,
                "en": …}``), filled from the parameters of each :class:`Hit`; None
                for antq's own codes, whose messages are in :data:`antq.CATALOGUE`.
            rationale: one line saying why the rule exists.
            basis: the law article, decision or convention it rests on.
            key: for a record rule, a function of (record, context) giving everything
                its hits depend on; records with equal keys then share one run of the
                rule (hits may not name the record: the engine adds its path and id).
                A speed-up for rules that judge a few fields against large tables.

        Raises:
            ValueError: a malformed, reserved or already registered code.
        """
        if not _CODE.fullmatch(code):
            raise ValueError(f"rule code {code!r} is not letters followed by three digits")
        if code.startswith(_RESERVED) and not self._builtin:
            raise ValueError(f"rule code {code!r}: the {_RESERVED} prefix is antq's; use your own")
        if message is None:
            if code not in CATALOGUE:
                raise ValueError(f"rule {code}: give its message (antq's own are in the catalogue)")
            messages: dict[str, str] = {**CATALOGUE.templates(code)}
        else:
            messages = {"en": message} if isinstance(message, str) else dict(message)
        if "en" not in messages:
            raise ValueError(f"rule {code}: give at least an English message")
        if key is not None and target is None:
            raise ValueError(f"rule {code}: only a record rule can have a key")

        def register(func: RuleFunc) -> RuleFunc:
            rule = Rule(
                code=code,
                target=target,
                severity=severity,
                messages=messages,
                rationale=rationale,
                basis=basis,
                func=func,
                key=key,
            )
            self._add(rule)
            return func

        return register

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda rule: rule.code))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __or__(self, other: RuleSet) -> RuleSet:
        """A new rule set with the rules of both (a code in both is an error)."""
        merged = RuleSet(self)
        for rule in other:
            merged._add(rule)
        return merged

    def copy(self) -> RuleSet:
        """A new rule set with these rules, to which you can add your own."""
        return RuleSet(self._rules.values())

    def selected(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> RuleSet:
        """The rules enabled by *select* and *ignore* code prefixes; the longest wins.

        With no *select*, every rule is selected unless ignored.
        """
        chosen = RuleSet(_builtin=self._builtin)
        for rule in self:
            if _enabled(rule.code, select, ignore):
                chosen._add(rule)
        return chosen


def _enabled(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    if best_select < 0 and best_ignore < 0:
        return not select
    return best_select > best_ignore


def rules_table(rules: RuleSet | None = None) -> str:
    """The Markdown table of a rule set (antq's built-in rules by default)."""
    lines = [
        "| code | severity | checks | rationale | basis |",
        "|---|---|---|---|---|",
    ]
    for rule in rules if rules is not None else builtin_rules():
        target = rule.target.value if rule.target is not None else "dataset"
        cells = (rule.code, rule.severity.value, target, rule.rationale, rule.basis)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


BUILTIN_PACK: Final = "antq"
"""The entry point under which antq's own rules are installed, as any rule pack is."""


def builtin_rules() -> RuleSet:
    """Antq's built-in rules, loaded through their entry point like any rule pack.

    Raises:
        LookupError: antq's own entry point is missing (antq was not installed).
    """
    return load_plugins([BUILTIN_PACK])


def load_plugins(names: Sequence[str] | None = None, *, exclude: Sequence[str] = ()) -> RuleSet:
    """Load rule packs from the ``antq.rules`` entry-point group (each names a RuleSet).

    With *names*, only those entry points; *exclude* leaves some out (the CLI adds the
    others to antq's own with ``exclude=("antq",)``). A pack loads once per process.

    Raises:
        LookupError: a name in *names* is not installed.
        TypeError: an entry point does not give a RuleSet.
    """
    found = {ep.name: ep for ep in entry_points(group="antq.rules") if ep.name not in exclude}
    wanted = list(found) if names is None else list(names)
    missing = [name for name in wanted if name not in found]
    if missing:
        raise LookupError(f"no antq.rules entry point named {', '.join(missing)}")
    combined = RuleSet()
    for name in wanted:
        pack = _pack(found[name])
        if not isinstance(pack, RuleSet):
            raise TypeError(f"entry point {name!r} gives {type(pack).__name__}, not a RuleSet")
        combined = combined | pack
    return combined


@functools.cache
def _pack(entry: EntryPoint) -> object:
    return entry.load()


class ValidationError(AntqError, ValueError):
    """Raised by :meth:`Report.raise_for_errors`; carries the report."""

    def __init__(self, report: Report) -> None:
        super().__init__(report)
        self.report = report

    def __str__(self) -> str:
        return self.describe(lang="en")

    @property
    def message(self) -> Message:
        """How many errors the report holds."""
        errors = sum(f.severity is Severity.ERROR for f in self.report.findings)
        return Message("report.errors", {"n": errors})

    def describe(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """The count of errors, then each error, in *lang*."""
        errors = [f for f in self.report.findings if f.severity is Severity.ERROR]
        lines = [self.message.text(lang=check_lang(lang))]
        lines.extend(f"  {finding.describe(lang=lang)}" for finding in errors)
        return "\n".join(lines)


@attrs.frozen
class Report:
    """The findings of a validation run, in document order."""

    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return all(finding.severity is not Severity.ERROR for finding in self.findings)

    def counts_by_code(self) -> dict[str, int]:
        """How many findings each code gave, by code."""
        return dict(sorted(Counter(finding.code for finding in self.findings).items()))

    def counts_by_severity(self) -> dict[Severity, int]:
        """How many findings of each severity, errors first (zero counts included)."""
        counts = Counter(finding.severity for finding in self.findings)
        return {severity: counts[severity] for severity in Severity}

    def at_least(self, severity: Severity) -> list[Finding]:
        """The findings of *severity* or worse."""
        return [f for f in self.findings if f.severity.rank >= severity.rank]

    def raise_for_errors(self) -> None:
        """Raise :class:`ValidationError` when any finding is an error."""
        if not self.ok:
            raise ValidationError(self)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def to_text(self, *, lang: Lang = DEFAULT_LANG, max_findings: int | None = None) -> str:
        """One line a finding (the first *max_findings*), then the counts, all in *lang*.

        When a long report (over ten findings) has several codes, or the listing was cut,
        a count per code follows the listing (as a validation report of many rows needs).
        """
        shown_findings = self.findings if max_findings is None else self.findings[:max_findings]
        lines = [finding.describe(lang=lang) for finding in shown_findings]
        hidden = len(self.findings) - len(shown_findings)
        if hidden:
            lines.append(Message("report.more_findings", {"n": hidden}).text(lang=lang))
        by_code = self.counts_by_code()
        if (len(by_code) > 1 and len(self.findings) > _LONG_REPORT) or hidden:
            lines.append(Message("report.by_code").text(lang=lang))
            lines.extend(f"  {code}: {n}" for code, n in by_code.items())
        lines.append(self.counts_text(lang=lang))
        return "\n".join(lines) + "\n"

    def counts_text(self, *, lang: Lang = DEFAULT_LANG, number: Callable[[int], str] = str) -> str:
        """The count of each severity in words: "0 lỗi, 1 cảnh báo, 1 thông tin".

        *number* writes each count (``str``, or a writer of thousands separators).
        """
        return ", ".join(
            Message(f"report.count.{s.value}.{'one' if n == 1 else 'many'}", {"n": number(n)}).text(
                lang=lang
            )
            for s, n in self.counts_by_severity().items()
        )

    def to_dict(
        self, *, lang: Lang = DEFAULT_LANG, max_findings: int | None = None
    ) -> dict[str, Any]:
        """The report as JSON-ready data, messages in *lang* (the first *max_findings*)."""
        listed = self.findings if max_findings is None else self.findings[:max_findings]
        return {
            "ok": self.ok,
            "counts": {s.value: n for s, n in self.counts_by_severity().items()},
            "counts_by_code": self.counts_by_code(),
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "message": f.text(lang=lang),
                    "path": f.path,
                    "subject_id": f.subject_id,
                }
                for f in listed
            ],
        }

    def to_json(self, *, lang: Lang = DEFAULT_LANG, max_findings: int | None = None) -> str:
        """The report as a JSON document (UTF-8 text, diacritics kept)."""
        data = self.to_dict(lang=lang, max_findings=max_findings)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _sort_key(finding: Finding) -> tuple[int, int, str, str]:
    match = _RECORD_PATH.match(finding.path)
    if match is None:
        return (-1, 0, finding.path, finding.code)
    return (_COLLECTION_ORDER.get(match[1], 99), int(match[2]), finding.path, finding.code)


def _crash(rule: Rule, subject: object, path: str, exc: Exception, ctx: Context) -> Finding:
    params = {"rule": rule.code, "subject": subject, "error": f"{type(exc).__name__}: {exc}"}
    return Finding(
        code="ANTQ000",
        severity=Severity.ERROR,
        path=path,
        params=params,
        templates={**CATALOGUE.templates("ANTQ000")},
        lang=ctx.lang,
    )


def _finding(rule: Rule, h: Hit, path: str, subject_id: str | None, ctx: Context) -> Finding:
    if h.path is not None:
        where = h.path
    elif h.at:
        where = f"{path}.{h.at}" if not h.at.startswith("[") else f"{path}{h.at}"
    else:
        where = path
    return Finding(
        code=rule.code,
        severity=h.severity or rule.severity,
        path=where,
        subject_id=h.subject_id if h.subject_id is not None else subject_id,
        params=h.params,
        templates=rule.messages,
        lang=ctx.lang,
    )


def _run(
    rule: Rule, subject: Any, path: str, subject_id: str | None, ctx: Context
) -> list[Finding]:
    try:
        return [_finding(rule, h, path, subject_id, ctx) for h in rule.func(subject, ctx)]
    except Exception as exc:  # a broken rule must not take the others down
        name = repr(subject_id) if subject_id is not None else Message("word.the_dataset")
        return [_crash(rule, name, path, exc, ctx)]


def _run_over(
    rule: Rule, name: str, records: tuple[Record, ...], ctx: Context, findings: list[Finding]
) -> None:
    """Run *rule* on every record of one collection; paths are made only for hits."""
    func = rule.func
    for position, record in enumerate(records):
        try:
            for h in func(record, ctx):
                findings.append(_finding(rule, h, f"$.{name}[{position}]", record.id, ctx))
        except Exception as exc:  # a broken rule must not take the others down
            path = f"$.{name}[{position}]"
            findings.append(_crash(rule, repr(record.id), path, exc, ctx))


@attrs.frozen
class _Grouping:
    """A collection's records grouped by one key function: positions per key."""

    groups: dict[Hashable, list[int]]
    failed: list[tuple[int, Exception]]  # records whose key could not be computed

    @classmethod
    def of(cls, key: RuleKey, records: tuple[Record, ...], ctx: Context) -> _Grouping:
        groups: dict[Hashable, list[int]] = {}
        failed: list[tuple[int, Exception]] = []
        for position, record in enumerate(records):
            try:
                k = key(record, ctx)
                group = groups.get(k)
                if group is None:
                    groups[k] = [position]
                else:
                    group.append(position)
            except Exception as exc:
                failed.append((position, exc))
        return cls(groups, failed)


def _run_keyed(
    rule: Rule,
    grouping: _Grouping,
    name: str,
    records: tuple[Record, ...],
    ctx: Context,
    findings: list[Finding],
) -> None:
    """Like :func:`_run_over`, running the rule once per distinct key (see ``Rule.key``)."""
    func = rule.func
    for position, exc in grouping.failed:
        findings.append(_crash(rule, repr(records[position].id), f"$.{name}[{position}]", exc, ctx))
    for positions in grouping.groups.values():
        try:
            hits = tuple(func(records[positions[0]], ctx))
        except Exception as exc:  # a broken rule must not take the others down
            for position in positions:
                path = f"$.{name}[{position}]"
                findings.append(_crash(rule, repr(records[position].id), path, exc, ctx))
            continue
        if any(h.path is not None or h.subject_id is not None for h in hits):
            error = ValueError(Message("report.keyed_rule_named_record").text(lang="en"))
            for position in positions:
                path = f"$.{name}[{position}]"
                findings.append(_crash(rule, repr(records[position].id), path, error, ctx))
            continue
        for h in hits:
            for position in positions:
                record = records[position]
                findings.append(_finding(rule, h, f"$.{name}[{position}]", record.id, ctx))


def validate(
    dataset: Dataset,
    context: Context | None = None,
    *,
    rules: RuleSet | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Report:
    """Run the rules over *dataset* and report every finding, in document order.

    Args:
        dataset: what to check.
        context: settings (as-of date, authority table, festival windows, language).
        rules: the rule set; antq's built-in rules by default.
        select: code prefixes to run (all when empty).
        ignore: code prefixes to skip; between select and ignore the longest prefix wins.
    """
    ctx = attrs.evolve(context or Context(), dataset=dataset, run=RunMemory())  # fresh per run
    chosen = (rules if rules is not None else builtin_rules()).selected(select, ignore)
    by_target: dict[EntityKind | None, list[Rule]] = {}
    for rule in chosen:
        by_target.setdefault(rule.target, []).append(rule)
    findings: list[Finding] = []
    with collector_paused(promote=True):  # rules make many small objects and no cycles
        for rule in by_target.get(None, []):
            findings.extend(_run(rule, dataset, "$", None, ctx))
        for name, kind, _ in COLLECTIONS:
            targeted = by_target.get(kind, [])
            if not targeted:
                continue
            records: tuple[Record, ...] = getattr(dataset, name)
            groupings: dict[RuleKey, _Grouping] = {}  # rules sharing a key share the pass
            for rule in targeted:
                if rule.key is None:
                    _run_over(rule, name, records, ctx, findings)
                    continue
                if rule.key not in groupings:
                    groupings[rule.key] = _Grouping.of(rule.key, records, ctx)
                _run_keyed(rule, groupings[rule.key], name, records, ctx, findings)
        findings.sort(key=_sort_key)
    return Report(tuple(findings))
