"""The public surface: complete, sorted, documented, typed."""

from __future__ import annotations

import inspect
from pathlib import Path

import antq


class TestPublicSurface:
    """Everything public is re-exported from antq with a docstring."""

    def test_all_is_unique_and_resolves(self) -> None:
        assert len(set(antq.__all__)) == len(antq.__all__)
        for name in antq.__all__:
            assert hasattr(antq, name), name

    def test_every_public_callable_has_a_docstring(self) -> None:
        undocumented = [
            name
            for name in antq.__all__
            if (inspect.isclass(getattr(antq, name)) or inspect.isfunction(getattr(antq, name)))
            and not inspect.getdoc(getattr(antq, name))
        ]
        assert undocumented == []

    def test_submodule_exports_are_reexported(self) -> None:
        from antq import dataset, dates, errors, model, serialize, text, vocab

        for module in (dataset, dates, errors, model, serialize, text, vocab):
            missing = (
                set(module.__all__) - set(antq.__all__) - {"COLLECTIONS", "configure_converter"}
            )
            assert missing == set(), module.__name__

    def test_version_from_metadata(self) -> None:
        assert antq.__version__ != "0+unknown"
        pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
        assert f'version = "{antq.__version__}"' in pyproject

    def test_typed_marker_shipped(self) -> None:
        assert (Path(antq.__file__).parent / "py.typed").exists()
