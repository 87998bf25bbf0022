"""The fuzzers' short profile, run by ``make test`` (``make fuzz`` runs the long one).

Hypothesis draws the random generator each target mutates with, so a failure shrinks
to a seed and is kept in the example database; the CLI matrix runs the command on the
same inputs and checks its exit codes and that nothing is written on failure.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
import fuzzing  # beside this file, not a package

from antq.cli import main


class TestTargets:
    """Each boundary: a result or an antq error with a path, never another exception."""

    @pytest.mark.parametrize("name", sorted(set(fuzzing.TARGETS) - set(fuzzing.SLOW)))
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rnd=st.randoms(use_true_random=False))
    def test_contract(self, name: str, rnd: random.Random) -> None:
        outcome = fuzzing.TARGETS[name](rnd)
        assert not outcome.startswith("unexpected"), outcome

    @pytest.mark.parametrize("name", sorted(fuzzing.SLOW))
    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rnd=st.randoms(use_true_random=False))
    def test_slow_contract(self, name: str, rnd: random.Random) -> None:
        """The slow targets (a page with charts a case): a few cases here, more in make fuzz."""
        outcome = fuzzing.TARGETS[name](rnd)
        assert not outcome.startswith("unexpected"), outcome

    def test_every_mutation_kind_is_met(self) -> None:
        """The profile reaches both outcomes of each target (it is no vacuous pass)."""
        for name, target in fuzzing.TARGETS.items():
            if name in fuzzing.SLOW:
                continue
            rnd = random.Random(name)
            outcomes = {target(rnd) for _ in range(200)}
            assert "antq error" in outcomes or name == "extract", (name, outcomes)
            assert outcomes - {"antq error"}, (name, outcomes)


@st.composite
def damaged_files(draw: st.DrawFn) -> tuple[str, str]:
    """A damaged document, stream or awards table, and its file suffix."""
    rnd = draw(st.randoms(use_true_random=False))
    suffix = draw(st.sampled_from([".json", ".jsonl", ".csv"]))
    text = {
        ".json": lambda: fuzzing.mutate_tree(rnd, json.loads(fuzzing.SEED_DOC)),
        ".jsonl": lambda: fuzzing.mutate_text(rnd, fuzzing.SEED_LINES),
        ".csv": lambda: fuzzing.mutate_text(rnd, fuzzing.SEED_TABLE),
    }[suffix]()
    return suffix, text


class TestCommandMatrix:
    """The command on damaged files: 0 or 1 for data, 2 for bad input, never 3."""

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        case=damaged_files(),
        command=st.sampled_from(["validate", "tally", "report", "report --html", "convert"]),
    )
    def test_exit_codes(
        self,
        tmp_path: Path,
        case: tuple[str, str],
        command: str,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        suffix, text = case
        source = tmp_path / f"in{suffix}"
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = tmp_path / "out.json"
        out.unlink(missing_ok=True)
        args = {
            "validate": ["validate", str(source), "-o", str(out)],
            "tally": ["tally", str(source), "--by", "form", "-o", str(out)],
            "report": ["report", str(source), "-o", str(out)],
            "report --html": ["report", str(source), "--html", str(out)],
            "convert": ["convert", str(source), str(out)],
        }[command]
        status = main(args)
        captured = capsys.readouterr()
        assert status in (0, 1, 2), captured.err
        if status == 2:
            assert not out.exists()  # nothing written on failure
            assert captured.err.startswith("antq: ")
        else:
            assert out.exists()
