"""Every Python block in the README and docs/ runs, and prints what its comments say.

Convention: in a ```python block, full-line comments starting with "# " are the
expected standard output of the block, in order. Blocks of one page share a namespace.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def expected_output(block: str) -> list[str]:
    return [line[2:] for line in block.splitlines() if line.startswith("# ")]


class TestDocs:
    """Code in the documentation is executed so that it cannot rot."""

    def test_pages_have_code(self) -> None:
        assert sum(len(blocks(page)) for page in PAGES) >= 10

    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
    def test_page(self, page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "examples").symlink_to(ROOT / "examples")
        monkeypatch.chdir(tmp_path)
        namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
        for number, block in enumerate(blocks(page), start=1):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(block, f"{page.name}[{number}]", "exec"), namespace)
            assert out.getvalue().splitlines() == expected_output(block), f"block {number}"
