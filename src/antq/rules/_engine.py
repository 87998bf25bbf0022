"""The rule engine: findings, reports, rule sets and validation runs."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any, Literal, TypeAlias

import attrs

from antq._gc import collector_paused
from antq.dataset import COLLECTIONS, Dataset
from antq.errors import AntqError
from antq.model import Award, Event, Locality, LocalityId, Official, Record
from antq.rules.authority import (
    DEFAULT_AUTHORITY,
    AuthorityCheck,
    AuthorityTable,
    RecipientLimit,
)
from antq.vocab import AwardForm, EntityKind, LocalityLevel, Office, RecipientKind, Vocab

__all__ = [
    "DEFAULT_WINDOW",
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

Language: TypeAlias = Literal["vi", "en"]
RuleFunc: TypeAlias = Callable[[Any, "Context"], Iterable["Hit"]]
RuleKey: TypeAlias = Callable[[Any, "Context"], Hashable]
"""What a rule's hits depend on, for a record: records with equal keys get equal hits."""
_CODE = re.compile(r"[A-Z][A-Z0-9]*[0-9]{3}")
_RESERVED = "ANTQ"
_COLLECTION_ORDER = {name: position for position, (name, _, _) in enumerate(COLLECTIONS)}
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
    """One thing a rule found: its code, severity, message, path and subject."""

    code: str
    severity: Severity
    message: str
    path: str
    subject_id: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.code} [{self.severity.value}] {self.message}"


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


def hit(
    *,
    at: str | None = None,
    path: str | None = None,
    subject_id: str | None = None,
    severity: Severity | None = None,
    **params: object,
) -> Hit:
    """Build a :class:`Hit`; keyword arguments other than the four named fill the message."""
    return Hit(params, at, path, subject_id, severity)


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

    def message(self, language: Language, params: Mapping[str, object]) -> str:
        """The message in *language* (English when no message in it exists)."""
        template = self.messages.get(language) or self.messages["en"]
        shown = {k: _shown(v, language) for k, v in params.items()}
        return template.format_map(shown)


def _shown(value: object, language: Language) -> object:
    """Vocabulary in messages: Vietnamese labels, English glosses (forms keep their names)."""
    if not isinstance(value, Vocab):
        return value
    if language == "vi" or isinstance(value, AwardForm):
        return value.label
    return value.gloss


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


@attrs.frozen(kw_only=True)
class Context:
    """What rules know besides the record: settings for the run and the dataset itself.

    ``as_of`` is the date the data is judged at (None: no rule compares with today);
    ``authority`` says who may grant what; ``festival_windows`` maps a province's id or
    code to its window, ``default_window`` serves the others (None: no window check);
    ``language`` picks the messages ("vi" or "en"). :func:`validate` fills ``dataset``.
    """

    as_of: dt.date | None = None
    authority: AuthorityTable = DEFAULT_AUTHORITY
    festival_windows: Mapping[str, FestivalWindow] = attrs.field(factory=dict)
    default_window: FestivalWindow | None = DEFAULT_WINDOW
    language: Language = "vi"
    dataset: Dataset = attrs.field(factory=Dataset)
    _cache: dict[Any, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def locality(self, id: LocalityId | None) -> Locality | None:
        """The locality with this id, or None when the id is None or dangles."""
        return self.dataset._localities.get(id)  # type: ignore[arg-type]  # None finds None

    def official(self, id: str | None) -> Official | None:
        """The official with this id, or None when the id is None or dangles."""
        return self.dataset._officials.get(id)  # type: ignore[arg-type]  # None finds None

    def event(self, award: Award) -> Event | None:
        """The event an award belongs to, or None."""
        return self.dataset._events.get(award.event)  # type: ignore[arg-type]  # None finds None

    def check_authority(
        self, office: Office, level: LocalityLevel, form: AwardForm, on: dt.date | None
    ) -> AuthorityCheck:
        """:meth:`AuthorityTable.check` on this context's table, remembered for the run."""
        key = (office, level, form, on)
        checks: dict[Any, AuthorityCheck] = self._cache.setdefault("authority", {})
        found = checks.get(key)
        if found is None:
            found = checks[key] = self.authority.check(office, level, form, on)
        return found

    def recipient_limit(
        self, form: AwardForm, kind: RecipientKind, on: dt.date | None
    ) -> RecipientLimit | None:
        """:meth:`AuthorityTable.recipient_limit` on this context's table, remembered."""
        key = (form, kind, on)
        limits: dict[Any, RecipientLimit | None] = self._cache.setdefault("limits", {})
        if key not in limits:
            limits[key] = self.authority.recipient_limit(form, kind, on)
        return limits[key]

    def ancestors(self, id: LocalityId | None) -> list[Locality]:
        """The locality and its parents, innermost first (:meth:`Dataset.ancestors`)."""
        return self.dataset.ancestors(id)

    def province_of(self, id: LocalityId | None) -> Locality | None:
        """The province-level unit above (or at) a locality, when the tree reaches one."""
        provinces: dict[str | None, Locality | None] = self._cache.setdefault("province", {})
        if id not in provinces:
            provinces[id] = next(
                (unit for unit in self.ancestors(id) if unit.level is LocalityLevel.PROVINCE),
                None,
            )
        return provinces[id]

    def award_date(self, award: Award) -> dt.date | None:
        """The date the law is judged on: decided, else presented, else the event's day."""
        if award.decided_on is not None:
            return award.decided_on
        if award.presented_on is not None:
            return award.presented_on
        event = self.event(award)
        return event.held_on if event is not None and type(event.held_on) is dt.date else None

    def window_for(self, province: Locality | None) -> FestivalWindow | None:
        """The festival window of a province (by id, then by code), or the default one."""
        if province is not None:
            for key in (province.id, province.code):
                if key is not None and key in self.festival_windows:
                    return self.festival_windows[key]
        return self.default_window

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


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
        target: EntityKind | None,
        *,
        severity: Severity,
        message: str | Mapping[str, str],
        rationale: str,
        basis: str = "",
        key: RuleKey | None = None,
    ) -> Callable[[RuleFunc], RuleFunc]:
        """Register the decorated function as a rule.

        Args:
            code: a unique code, letters then three digits (``"QNAM001"``).
            target: the record type the function receives, or None for the whole
                dataset (the function then receives the :class:`~antq.Dataset`).
            severity: the default severity of its findings.
            message: a ``str.format`` template, or one per language (``{"vi": …,
                "en": …}``), filled from the parameters of each :class:`Hit`.
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
        messages = {"en": message} if isinstance(message, str) else dict(message)
        if "en" not in messages:
            raise ValueError(f"rule {code}: give at least an English message")

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

    def selected(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
        """The rules enabled by *select* and *ignore* code prefixes; the longest wins.

        With no *select*, every rule is selected unless ignored.
        """
        return [rule for rule in self if _enabled(rule.code, select, ignore)]


def _enabled(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    if best_select < 0 and best_ignore < 0:
        return not select
    return best_select > best_ignore


def rules_table(rules: RuleSet | None = None) -> str:
    """The Markdown table of a rule set: code, severity, target, rationale and basis."""
    from antq.rules.builtin import BUILTIN_RULES

    lines = [
        "| code | severity | checks | rationale | basis |",
        "|---|---|---|---|---|",
    ]
    for rule in rules if rules is not None else BUILTIN_RULES:
        target = rule.target.value if rule.target is not None else "dataset"
        cells = (rule.code, rule.severity.value, target, rule.rationale, rule.basis)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def load_plugins(names: Sequence[str] | None = None) -> RuleSet:
    """Load third-party rule packs from the ``antq.rules`` entry-point group.

    Each entry point names a :class:`RuleSet`. With *names*, only those entry points.

    Raises:
        LookupError: a name in *names* is not installed.
        TypeError: an entry point does not give a RuleSet.
    """
    found = {ep.name: ep for ep in entry_points(group="antq.rules")}
    wanted = list(found) if names is None else list(names)
    missing = [name for name in wanted if name not in found]
    if missing:
        raise LookupError(f"no antq.rules entry point named {', '.join(missing)}")
    combined = RuleSet()
    for name in wanted:
        pack = found[name].load()
        if not isinstance(pack, RuleSet):
            raise TypeError(f"entry point {name!r} gives {type(pack).__name__}, not a RuleSet")
        combined = combined | pack
    return combined


class ValidationError(AntqError, ValueError):
    """Raised by :meth:`Report.raise_for_errors`; carries the report."""

    def __init__(self, report: Report) -> None:
        super().__init__(report)
        self.report = report

    def __str__(self) -> str:
        errors = [f for f in self.report.findings if f.severity is Severity.ERROR]
        lines = [f"{len(errors)} error(s) in the dataset"]
        lines.extend(f"  {finding}" for finding in errors)
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

    def to_text(self, language: Language = "vi") -> str:
        """One line a finding, then a line of counts."""
        lines = [str(finding) for finding in self.findings]
        counts = self.counts_by_severity()
        if language == "vi":
            summary = ", ".join(f"{n} {s.label}" for s, n in counts.items())
        else:
            summary = ", ".join(f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in counts.items())
        lines.append(summary)
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "ok": self.ok,
            "counts": {s.value: n for s, n in self.counts_by_severity().items()},
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "message": f.message,
                    "path": f.path,
                    "subject_id": f.subject_id,
                }
                for f in self.findings
            ],
        }

    def to_json(self) -> str:
        """The report as a JSON document (UTF-8 text, diacritics kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _sort_key(finding: Finding) -> tuple[int, int, str, str]:
    match = _RECORD_PATH.match(finding.path)
    if match is None:
        return (-1, 0, finding.path, finding.code)
    return (_COLLECTION_ORDER.get(match[1], 99), int(match[2]), finding.path, finding.code)


def _crash(rule: Rule, subject: str, path: str, exc: Exception, ctx: Context) -> Finding:
    if ctx.language == "vi":
        message = f"quy tắc {rule.code} gặp lỗi khi kiểm tra {subject}: {type(exc).__name__}: {exc}"
    else:
        message = f"rule {rule.code} crashed on {subject}: {type(exc).__name__}: {exc}"
    return Finding(code="ANTQ000", severity=Severity.ERROR, message=message, path=path)


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
        message=rule.message(ctx.language, h.params),
        path=where,
        subject_id=h.subject_id if h.subject_id is not None else subject_id,
    )


def _run(
    rule: Rule, subject: Any, path: str, subject_id: str | None, ctx: Context
) -> list[Finding]:
    try:
        return [_finding(rule, h, path, subject_id, ctx) for h in rule.func(subject, ctx)]
    except Exception as exc:  # a broken rule must not take the others down
        name = f"{subject_id!r}" if subject_id is not None else "the dataset"
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
    from antq.rules.builtin import BUILTIN_RULES  # the built-ins register on import

    ctx = attrs.evolve(context or Context(), dataset=dataset, cache={})  # fresh per run
    chosen = (rules if rules is not None else BUILTIN_RULES).selected(select, ignore)
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
