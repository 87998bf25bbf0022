"""Shared fixtures: where the examples and the shared test material live."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed" / "000_5bb647d728954a56.txt"

sys.path.insert(0, str(EXAMPLES))  # the examples are scripts, imported by their tests

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article, read from ../shared (never copied into the project)."""
    if not SEED_TEXT.exists():
        pytest.skip(f"shared test material not found at {SEED_TEXT}")
    return SEED_TEXT.read_text(encoding="utf-8")
