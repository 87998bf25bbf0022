"""Validation rules: findings with a code, severity, path and message, never exceptions.

Field checks guard what one object can check alone; everything that needs other
records, the law in force on a date or the locality tree is a rule here. Built-in rules
register on :data:`BUILTIN_RULES` with the same decorator users use for their own.
"""

from antq.rules._engine import (
    DEFAULT_WINDOW,
    Context,
    FestivalWindow,
    Finding,
    Hit,
    Report,
    Rule,
    RuleSet,
    Severity,
    ValidationError,
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
    "Severity",
    "ValidationError",
    "Verdict",
    "hit",
    "load_plugins",
    "rules_table",
    "validate",
]
