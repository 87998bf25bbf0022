"""Validation rules: findings with a code, severity, path and message, never exceptions.

Field checks guard what one object can check alone; everything that needs other
records, the law in force on a date or the locality tree is a rule here. Built-in rules
register on :data:`BUILTIN_RULES` with the same decorator users use for their own, and
reach the engine as a rule pack like any other (the ``antq`` entry point; see
:func:`builtin_rules`).
"""

from antq.rules._engine import (
    DEFAULT_WINDOW,
    FESTIVAL_WINDOW_EXAMPLES,
    Context,
    FestivalWindow,
    Finding,
    Hit,
    Report,
    Rule,
    RuleSet,
    RunMemory,
    Severity,
    ValidationError,
    builtin_rules,
    hit,
    load_plugins,
    rules_table,
    validate,
)
from antq.rules.authority import (
    DEFAULT_AUTHORITY,
    Authority,
    AuthorityCheck,
    AuthorityTable,
    RecipientLimit,
    Verdict,
)
from antq.rules.builtin import BUILTIN_RULES

__all__ = [
    "BUILTIN_RULES",
    "DEFAULT_AUTHORITY",
    "DEFAULT_WINDOW",
    "FESTIVAL_WINDOW_EXAMPLES",
    "Authority",
    "AuthorityCheck",
    "AuthorityTable",
    "Context",
    "FestivalWindow",
    "Finding",
    "Hit",
    "RecipientLimit",
    "Report",
    "Rule",
    "RuleSet",
    "RunMemory",
    "Severity",
    "ValidationError",
    "Verdict",
    "builtin_rules",
    "hit",
    "load_plugins",
    "rules_table",
    "validate",
]
