"""Every code block in the README and docs/ runs, and shows what it says it shows.

- ```python blocks run; full-line comments starting with "# " are the expected standard
  output of the block, in order. Blocks of one page share a namespace.
- ```console blocks: each "$ command" runs in a shell (with the antq command on PATH,
  in a folder where examples/ is reachable); the lines after it are its expected output
  (standard output and error). Commands starting with "make" are the set-up commands
  this suite is itself run by, and are not run again.
- ```json and ```toml blocks must parse; ```text blocks are recorded output (a benchmark
  run), not code.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import antq

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
BIN = str(Path(sys.executable).parent)


def blocks(page: Path) -> list[tuple[str, str]]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def expected_output(block: str) -> list[str]:
    return [line[2:] for line in block.splitlines() if line.startswith("# ")]


def console_steps(block: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


class TestDocs:
    """Code in the documentation is executed so that it cannot rot."""

    def test_pages_have_code(self) -> None:
        assert sum(len(blocks(page)) for page in PAGES) >= 30

    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
    def test_page(self, page: Path, workdir: Path) -> None:
        namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
        for number, (language, block) in enumerate(blocks(page), start=1):
            where = f"{page.name} block {number}"
            if language == "python":
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    exec(compile(block, where, "exec"), namespace)
                assert out.getvalue().splitlines() == expected_output(block), where
            elif language == "console":
                self.run_console(block, workdir, where)
            elif language == "json":
                json.loads(block)
            elif language == "toml":
                tomllib.loads(block)
            elif language == "text":
                assert block.strip(), where
            elif language == "sh" and page.name == "README.md":
                assert all(line.startswith("make ") for line in block.splitlines() if line)
            else:
                pytest.fail(f"{where}: a ```{language} block that no test runs")

    def run_console(self, block: str, workdir: Path, where: str) -> None:
        env = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
        for command, expected in console_steps(block):
            if command.startswith("make "):
                continue
            result = subprocess.run(
                ["bash", "-c", command],
                cwd=workdir,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            shown = (result.stdout + result.stderr).splitlines()
            assert shown == expected, f"{where}: $ {command}"


class TestGlossary:
    """The glossary lists every abbreviation antq knows, with its expansion."""

    def test_abbreviations(self) -> None:
        text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
        for short, entry in antq.ABBREVIATIONS.items():
            assert f"| {short} | {entry.expansion} | {entry.gloss} |" in text


class TestSite:
    """Every page is in the site's navigation."""

    def test_nav_lists_every_page(self) -> None:
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        for page in (ROOT / "docs").glob("*.md"):
            assert f": {page.name}" in config, page.name
