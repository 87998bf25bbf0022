"""The public surface: complete, sorted, documented, typed."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import antq

SRC = Path(__file__).resolve().parents[1] / "src" / "antq"


def _callables_taking_lang() -> Iterator[tuple[str, Any]]:
    """Every public function and method of antq that has a ``lang`` parameter."""
    import antq.extractor

    seen: set[int] = set()
    for owner_name in [*antq.__all__, "extract.review_table"]:
        owner = (
            antq.extractor.review_table
            if owner_name == "extract.review_table"
            else getattr(antq, owner_name)
        )
        members = [(owner_name, owner)]
        if inspect.isclass(owner):
            members += [
                (f"{owner_name}.{name}", member)
                for name, member in vars(owner).items()
                if not name.startswith("_") and inspect.isfunction(member)
            ]
        for name, member in members:
            if not callable(member) or id(member) in seen:
                continue
            seen.add(id(member))
            try:
                signature = inspect.signature(member)
            except (TypeError, ValueError):
                continue
            if "lang" in signature.parameters:
                yield name, signature.parameters["lang"]


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
        from antq import dataset, dates, errors, messages, model, names, serialize, text, vocab

        modules = (dataset, dates, errors, messages, model, names, serialize, text, vocab)
        kept_in_their_module = {"COLLECTIONS", "DEFAULT_LANG", "LANGS", "Labelled"}
        kept_in_their_module |= {"check_lang", "number_text", "render_template", "shown"}
        kept_in_their_module |= {"why_no_date"}
        for module in modules:
            missing = set(module.__all__) - set(antq.__all__) - kept_in_their_module
            assert missing == set(), module.__name__

    def test_version_from_metadata(self) -> None:
        assert antq.__version__ != "0+unknown"
        pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
        assert f'version = "{antq.__version__}"' in pyproject

    def test_typed_marker_shipped(self) -> None:
        assert (Path(antq.__file__).parent / "py.typed").exists()


class TestOneSpelling:
    """One language parameter: ``lang``, keyword-only, Vietnamese by default."""

    def test_lang_is_keyword_only_with_one_default(self) -> None:
        found = dict(_callables_taking_lang())
        assert len(found) >= 15  # summaries, reports, tallies, errors, findings, tables
        wrong = {
            name: (parameter.kind.name, parameter.default)
            for name, parameter in found.items()
            if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or parameter.default != "vi"
        }
        assert wrong == {}

    def test_no_other_spelling(self) -> None:
        for name, member in vars(antq).items():
            if callable(member) and not name.startswith("_"):
                try:
                    parameters = inspect.signature(member).parameters
                except (TypeError, ValueError):
                    continue
                assert "language" not in parameters, name


# The function-level imports that remain, each for start-up speed alone or an optional
# extra loaded when used (commented there).
SPEED_IMPORTS = {
    ("sheets.py", "_openpyxl", "openpyxl"),
    ("sheets.py", "_calamine", "python_calamine"),
    ("cli.py", "_load", "antq.sheets"),
    ("cli.py", "_write_dataset", "antq.sheets"),
    ("cli.py", "_show_tally", "antq.sheets"),
    ("cli.py", "_cmd_template", "antq.sheets"),
    ("cli.py", "_cmd_extract", "antq.extractor"),
    ("cli.py", "_extract_many", "antq.extractor.batch"),
    ("cli.py", "_cmd_export", "antq.tables"),
    ("cli.py", "_open_registry", "antq.registry"),
    ("cli.py", "_cmd_report", "antq.report"),
    ("report.py", "_draw_bars", "matplotlib"),
    ("report.py", "_draw_bars", "matplotlib.figure"),
    ("report.py", "_draw_bars", "matplotlib.ticker"),
    ("report.py", "_inline", "markupsafe"),
    ("report.py", "_subsets", "matplotlib"),
    ("report.py", "_subsets", "fontTools"),
    ("tally.py", "tally", "antq.tables"),
    ("tables.py", "_pyarrow", "pyarrow"),
    ("tables.py", "_duckdb", "duckdb"),
    ("tables.py", "to_pandas", "pandas"),
    ("tables.py", "to_polars", "polars"),
    ("tables.py", "_today_dataset", "antq.gazetteer"),
    ("tables.py", "_write_partitioned", "pyarrow.compute"),
    ("tables.py", "write_parquet", "pyarrow.parquet"),
    ("tables.py", "duckdb_tally", "pyarrow.parquet"),
    ("__init__.py", "__getattr__", "importlib.metadata"),
    ("__init__.py", "__getattr__", "importlib"),
}


class TestNoCycles:
    """No import inside a function dodges a cycle: the modules import each other at the top."""

    def test_function_level_imports_are_only_for_speed(self) -> None:
        found = set()
        for path in SRC.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.ImportFrom) and node.module:
                        found.add((path.name, function.name, node.module))
                    elif isinstance(node, ast.Import):
                        found.update((path.name, function.name, a.name) for a in node.names)
        assert found == SPEED_IMPORTS

    @pytest.mark.parametrize(
        "module",
        ["antq.vocab", "antq.text", "antq.names", "antq.errors", "antq.messages", "antq.rules"],
    )
    def test_each_module_imports_alone(self, module: str) -> None:
        import subprocess
        import sys

        done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
        assert done.returncode == 0, done.stderr.decode()


class TestNoClashes:
    """Each public name means one thing: no module hides a function or a class."""

    def test_extract_is_the_function_even_once_the_package_is_loaded(self) -> None:
        import antq.extractor.batch  # loading the package must not rebind antq.extract

        assert callable(antq.extract)
        assert antq.extract("Không có gì.").awards == ()
        from antq import extract

        assert extract is antq.extractor.extract

    def test_report_summary_and_source(self) -> None:
        import antq.summary

        assert antq.Report is antq.rules.Report  # the findings
        assert antq.summary.full_report is antq.full_report  # the module is antq.summary
        assert not hasattr(antq.serialize, "Source")  # the path alias is PathOrFile
        assert antq.Source is antq.model.Source

    def test_the_gazetteer_by_class(self) -> None:
        assert antq.Gazetteer.default() is antq.gazetteer.gazetteer()
