# Two commands do all set-up: `make demo` and `make test`. Each builds .venv when it
# is missing or older than pyproject.toml, then does its job.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.antq-installed

.PHONY: demo test lint typecheck pytest docs check-html check-spark bench bench-extract eval-extract fuzz rules-doc clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,docs,gazetteer,excel,arrow,duckdb,pandas,polars,html]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/antq report examples/data/dien_ngoc_2023.json
	@mkdir -p build
	$(VENV)/bin/antq report examples/data/dien_ngoc_2023.json --html build/dien_ngoc_2023.html
	@echo "the same report as a page to open or print: build/dien_ngoc_2023.html"

test: lint typecheck pytest docs

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	$(VENV)/bin/pytest

# The documentation site, in strict mode: any warning fails the build.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

# The HTML reports in a real browser: headless Chromium (Debian's chromium, installed
# here when missing) renders the example's report and the 20,000-event one; the
# screenshots and an A4 PDF land in build/html/. make test parses the pages instead.
check-html: $(STAMP)
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium) \
	  || (sudo apt-get update -q && sudo apt-get install -y -q chromium)
	$(PY) scripts/check_html.py

# Spark reads antq's Parquet folder unchanged and its SQL tally equals antq.tally (a Java
# runtime from apt-get and PySpark in build/spark-venv, installed when missing).
check-spark: $(STAMP)
	command -v java >/dev/null || (apt-get update -q && apt-get install -y -q default-jre-headless) \
	  || (sudo apt-get update -q && sudo apt-get install -y -q default-jre-headless)
	test -x build/spark-venv/bin/python || ($(PYTHON) -m venv build/spark-venv \
	  && build/spark-venv/bin/pip install --quiet --disable-pip-version-check pyspark)
	$(PY) scripts/check_spark.py

# antq against pydantic v2, msgspec, cattrs' converters and two floors, interleaved in one
# process; then the extractor, cold start, sheets, registry, tables and the HTML report.
# BENCH_LARGE=1 makes the tables' run 1M and 10M lines (else 100k and 1M).
BENCH_EVENTS ?= 20000
bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(PY) benchmarks/run.py $(BENCH_EVENTS)
	$(PY) benchmarks/extract_bench.py
	$(PY) benchmarks/cold_start.py
	$(PY) benchmarks/sheets_bench.py
	$(PY) benchmarks/registry_bench.py
	$(PY) benchmarks/tables_bench.py
	$(PY) benchmarks/report_bench.py

# antq.extract on 2,000-character reports, against two floors.
bench-extract: $(STAMP)
	$(PY) benchmarks/extract_bench.py

# Score antq.extract on the development corpus in ../shared/corpus/dev, then on the
# challenge reports written for antq (tests/data/extract_challenge).
eval-extract: $(STAMP)
	$(PY) scripts/eval_extract.py
	@echo
	$(PY) scripts/eval_extract.py tests/data/extract_challenge

# The fuzzers' long run: FUZZ_CASES cases per input boundary, each outcome counted;
# fails on any unexpected outcome (make test runs a short profile of the same fuzzers).
FUZZ_CASES ?= 10000
fuzz: $(STAMP)
	$(PY) tests/fuzz/fuzzing.py $(FUZZ_CASES)

# Rewrite the generated table of built-in rules in docs/rules.md.
rules-doc: $(STAMP)
	$(PY) -c "import re, pathlib, antq.rules as r; p = pathlib.Path('docs/rules.md'); \
	s = p.read_text(encoding='utf-8'); \
	b = '<!-- rules-table:start -->\n' + r.rules_table() + '<!-- rules-table:end -->'; \
	s = re.sub(r'<!-- rules-table:start -->.*<!-- rules-table:end -->', lambda m: b, s, flags=re.S); \
	a = '<!-- authority-table:start -->\n' + r.DEFAULT_AUTHORITY.to_markdown() + '<!-- authority-table:end -->'; \
	p.write_text(re.sub(r'<!-- authority-table:start -->.*<!-- authority-table:end -->', lambda m: a, s, flags=re.S), encoding='utf-8')"

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis build
