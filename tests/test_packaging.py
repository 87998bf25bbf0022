"""The wheel and the sdist build, and the wheel installs into a clean environment and runs."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and the sdist, built by the project's own backend (hatchling)."""
    out = tmp_path_factory.mktemp("dist")
    code = (
        "import sys; from hatchling.build import build_wheel, build_sdist; "
        "print(build_wheel(sys.argv[1])); print(build_sdist(sys.argv[1]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(out)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    wheel, sdist = result.stdout.split()
    return out / wheel, out / sdist


class TestPackaging:
    """What a user installs holds the package, its licence and its command."""

    def test_contents(self, built: tuple[Path, Path]) -> None:
        wheel, sdist = built
        names = zipfile.ZipFile(wheel).namelist()
        assert "antq/py.typed" in names
        assert "antq/extractor/__init__.py" in names
        metadata = next(n for n in names if n.endswith("METADATA"))
        text = zipfile.ZipFile(wheel).read(metadata).decode()
        assert "License :: OSI Approved :: MIT License" in text
        assert "Requires-Python: >=3.11" in text
        with tarfile.open(sdist) as archive:
            assert any(n.endswith("/LICENSE") for n in archive.getnames())

    def test_installs_and_runs(self, built: tuple[Path, Path], tmp_path: Path) -> None:
        wheel, _ = built
        env = tmp_path / "env"
        venv.create(env, with_pip=True)
        python = env / "bin" / "python"
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                str(wheel),
            ],
            check=True,
            capture_output=True,
        )
        result = subprocess.run(
            [
                str(python),
                "-c",
                "import antq; print(antq.__version__, antq.AwardForm.GIAY_KHEN.label)",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.split()[0] == "0.1.0"
        command = subprocess.run(
            [str(env / "bin" / "antq"), "--version"], capture_output=True, text=True, check=True
        )
        assert command.stdout.strip() == "antq 0.1.0"
