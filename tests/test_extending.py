"""Custom rules and rule packs work as the docs say; the rules table never drifts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from antq.rules import load_plugins, rules_table

ROOT = Path(__file__).resolve().parents[1]


class TestRulesTable:
    """docs/rules.md carries the table generated from the registry."""

    def test_no_drift(self) -> None:
        doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
        match = re.search(r"<!-- rules-table:start -->\n(.*)<!-- rules-table:end -->", doc, re.S)
        assert match is not None
        assert match.group(1) == rules_table(), "run `make rules-doc` to regenerate"

    def test_table_lists_every_rule(self) -> None:
        table = rules_table()
        assert table.count("\n| ANTQ") == len(
            re.findall(r'"ANTQ\d{3}"', (ROOT / "src" / "antq" / "rules" / "builtin.py").read_text())
        )


class TestCustomRuleExample:
    """examples/custom_rule.py runs and reports its own rule next to the built-ins."""

    def test_runs(self) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "custom_rule.py")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert sum(": QNAM001 [cảnh báo] " in line for line in lines) == 4
        assert any(": ANTQ401 [cảnh báo] " in line for line in lines)
        assert lines[-1] == "0 lỗi, 5 cảnh báo, 0 thông tin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example rule pack, installed into a folder of its own."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT / "examples" / "rulepack"),
        ],
        check=True,
    )
    return target


class TestRulePack:
    """The example pack installs, is found through entry points, and runs."""

    def test_found_and_run(self, installed: Path) -> None:
        script = (
            "import antq\n"
            "from antq.rules import BUILTIN_RULES, load_plugins\n"
            "pack = load_plugins(['example'])\n"
            "print(sorted(rule.code for rule in pack))\n"
            "seed = antq.load('examples/data/dien_ngoc_2023.json')\n"
            "report = antq.validate(seed, rules=BUILTIN_RULES | pack, select=['EXPK', 'ANTQ4'])\n"
            "print(report.counts_by_code())\n"
            "print([f.message for f in report if f.code == 'EXPK002'])\n"
            "print(sorted(antq.validate(seed).counts_by_code()))  # packs load only when asked\n"
        )
        env = {**os.environ, "PYTHONPATH": str(installed)}
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "['EXPK001', 'EXPK002']",
            "{'ANTQ401': 1, 'EXPK002': 1}",
            "['sự kiện có 4 dòng khen thưởng']",
            "['ANTQ401', 'ANTQ501']",
        ]

    def test_unknown_pack_named(self) -> None:
        with pytest.raises(LookupError, match=r"no antq\.rules entry point named nothing-here"):
            load_plugins(["nothing-here"])
