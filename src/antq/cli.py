"""The ``antq`` command: validate, tally, report, convert, schema.

Exit status: 0 when all is well; 1 when ``validate`` finds something at or above the
``--fail-on`` severity; 2 when the input cannot be used (missing, not JSON, wrong
schema, empty, not UTF-8) or the arguments are wrong. Errors are one line per problem
with its path; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import antq
from antq.dataset import Dataset
from antq.errors import AntqError, LoadError, MessageError
from antq.messages import CATALOGUE, DEFAULT_LANG, Lang, Message
from antq.model import Record

if TYPE_CHECKING:
    from antq.registry import Registry
from antq.rules import BUILTIN_RULES, Context, Severity, load_plugins, validate
from antq.schema import json_schema
from antq.serialize import (
    SCHEMA,
    _atomic_write,
    dumps,
    dumps_awards_csv,
    dumps_jsonl,
    is_award_header,
    iter_jsonl,
    loads,
    loads_awards_csv,
    loads_jsonl,
)
from antq.summary import full_report
from antq.tally import _DIM_VOCABULARIES, Dim, Tally, _as_dim, tally
from antq.vocab import Vocab

__all__ = ["main"]

FORMATS = ("json", "jsonl", "csv")
_SUFFIXES = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
_PROGRESS_EVERY = 50_000


class UsageError(MessageError):
    """A problem with what the user asked for: printed as one line, exit status 2."""


def _format_of(name: str, given: str | None, head: bytes = b"") -> str:
    if given:
        return given
    suffix = Path(name).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
    if first.startswith(b"["):
        return "json"  # JSON, if not a document: the JSON reader says what is wrong
    if first.startswith(b"{"):
        try:
            header = json.loads(first)
        except ValueError:
            return "json"
        return "jsonl" if header == {"schema": SCHEMA} or "type" in header else "json"
    if first:
        return "csv"
    return "json"


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _load(name: str, fmt: str | None) -> Dataset:
    """Load a whole file (or stdin) as a dataset, whatever its format."""
    # Loaded here for speed alone: a clerk's table is read with the extractor's issuer
    # reading, whose patterns a small `antq validate` of a JSON file should not compile.
    from antq.sheets import WORKBOOK_SUFFIXES, load_sheet, loads_clerk_csv

    if name != "-" and Path(name).suffix.lower() in WORKBOOK_SUFFIXES:
        return load_sheet(name)
    data = _read_bytes(name)
    if not data.strip():
        raise LoadError([antq.Problem("$", "load.empty")], _display(name))
    if data.startswith(b"PK\x03\x04"):  # a zip: a workbook given without its suffix
        raise UsageError("cli.workbook_by_name", suffixes=", ".join(WORKBOOK_SUFFIXES))
    kind = _format_of(name, fmt, data[:4096])
    try:
        if kind == "jsonl":
            return loads_jsonl(data)
        if kind == "csv":
            if _machine_csv(data):
                return loads_awards_csv(data)
            return loads_clerk_csv(data, source=_display(name))
        return loads(data)
    except LoadError as exc:
        raise LoadError(exc.problems, _display(name)) from None


def _machine_csv(data: bytes) -> bool:
    """Whether a CSV file is antq's own awards table (its first line is antq's columns)."""
    first = data.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    return is_award_header(first.split(","))


def _with_base(dataset: Dataset, args: argparse.Namespace) -> Dataset:
    """The file's records with the base's localities, officials, events and models."""
    if getattr(args, "base", None) is None:
        return dataset
    base = _load(args.base, None)
    kept: list[Record] = [*base.localities, *base.officials, *base.events, *base.security_models]
    return Dataset.from_records([*kept, *dataset.records()])


def _display(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _records(name: str, fmt: str | None, lang: Lang) -> Iterable[Record] | Dataset:
    """Records to tally: a JSON Lines file is streamed; anything else is loaded whole."""
    if name != "-" and _format_of(name, fmt) == "jsonl":
        size = Path(name).stat().st_size
        if size == 0:
            raise LoadError([antq.Problem("$", "load.empty")], name)
        return _progress(iter_jsonl(Path(name)), name, lang)
    return _load(name, fmt)


def _progress(records: Iterator[Record], name: str, lang: Lang) -> Iterator[Record]:
    """Pass records through, counting them on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield from records
        return
    count = 0
    for count, record in enumerate(records, start=1):  # count is used below
        if count % _PROGRESS_EVERY == 0:
            said = Message("cli.progress", {"name": name, "n": count}).text(lang=lang)
            print(f"\r{said}", end="", file=sys.stderr, flush=True)
        yield record
    if count >= _PROGRESS_EVERY:
        said = Message("cli.progress_done", {"name": name, "n": count}).text(lang=lang)
        print(f"\r{said}   ", file=sys.stderr)


def _write(text: str, output: str | None, stdout: TextIO) -> None:
    if output is None or output == "-":
        stdout.write(text)
    else:
        _atomic_write(output, [text])


def _split(values: Sequence[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        said = Message("load.expected", {"expected": Message("json.date"), "got": repr(text)})
        raise argparse.ArgumentTypeError(said.text(lang="en")) from None


class _Version(argparse.Action):
    """--version, looked up only when asked (the lookup reads the installed metadata)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(f"antq {antq.__version__}")  # on stdout, as argparse's version action
        parser.exit()


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {text!r}")
    return int(text)


# ---------------------------------------------------------------------- commands


def _cmd_validate(args: argparse.Namespace, stdout: TextIO) -> int:
    dataset = _with_base(_load(args.file, args.input_format), args)
    rules = BUILTIN_RULES
    if args.plugins is not None:
        wanted = _split([args.plugins]) or None
        try:
            rules = rules | load_plugins(wanted, exclude=("antq",))
        except LookupError:
            raise UsageError("cli.no_plugin", names=", ".join(wanted or ())) from None
    context = Context(lang=args.lang, as_of=args.as_of)
    select, ignore = _split(args.select), _split(args.ignore)
    codes = sorted(rule.code for rule in rules)
    unknown = [p for p in select + ignore if not any(c.startswith(p) for c in codes)]
    if unknown:
        blocks = sorted({c[:5] for c in codes})  # "ANTQ1", "ANTQ2", ...
        raise UsageError(
            "cli.no_such_code", prefixes=", ".join(map(repr, unknown)), blocks=", ".join(blocks)
        )
    report = validate(dataset, context, rules=rules, select=select, ignore=ignore)
    limit = args.max_findings
    _write(
        report.to_json(lang=args.lang, max_findings=limit)
        if args.format == "json"
        else report.to_text(lang=args.lang, max_findings=limit),
        args.output,
        stdout,
    )
    return 1 if report.at_least(_severity(args.fail_on)) else 0


def _severity(value: str) -> Severity:
    found = Severity.by_value(value)
    if found is None:
        raise UsageError("cli.no_severity", value=repr(value))
    return found


def _where(pairs: Sequence[str] | None) -> dict[Dim | str, Any]:
    filters: dict[Dim | str, Any] = {}
    for pair in pairs or ():
        name, sep, raw = pair.partition("=")
        if not sep:
            raise UsageError("cli.where", got=repr(pair))
        dim = _as_dim(name.strip())
        filters[dim] = {_value(dim, value.strip()) for value in raw.split(",")}
    return filters


def _value(dim: Dim, text: str) -> Any:
    if dim in _DIM_VOCABULARIES:
        return _DIM_VOCABULARIES[dim].from_label(text)  # UnknownLabelError names the choices
    if dim is Dim.YEAR:
        if not text.isdigit():
            raise UsageError("cli.year", got=repr(text))
        return int(text)
    if dim is Dim.PILOT:
        truth = {"true": True, "yes": True, "có": True, "false": False, "no": False, "không": False}
        if text.lower() not in truth:
            raise UsageError("cli.pilot", got=repr(text))
        return truth[text.lower()]
    return text


def _tally_json(counted: Tally, lang: Lang) -> str:
    def plain(value: Any) -> Any:
        return value.value if isinstance(value, Vocab) else value

    body = {
        "by": [dim.value for dim in counted.dims],
        "rows": [{k: plain(v) for k, v in row.items()} for row in counted.rows(lang=lang)],
        "total": {
            "lines": counted.total.lines,
            "recipients": counted.total.recipients,
            "at_least": counted.total.at_least,
        },
        "undated": counted.undated,
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _cmd_tally(args: argparse.Namespace, stdout: TextIO) -> int:
    dims = [_as_dim(name) for name in _split(args.by)]  # UnknownLabelError names the choices
    filters = _where(args.where)
    if args.pivot and len(dims) != 2:
        raise UsageError("cli.pivot")
    source = _records(args.file, args.input_format, args.lang)
    counted = tally(
        source,
        _with_sentence_dims(dims, args.sentence),
        where=filters,
        since=args.since,
        until=args.until,
        follow_successors=args.today,
        lookup=_load(args.base, None) if args.base else None,
    )
    return _show_tally(counted, dims, args, stdout)


def _with_sentence_dims(dims: Sequence[Dim], sentence: bool) -> list[Dim]:
    """*dims*, and the form and recipient kind when the sentence is asked (it needs them)."""
    needed = [Dim.FORM, Dim.RECIPIENT_KIND] if sentence else []
    return [*dims, *(dim for dim in needed if dim not in dims)]


def _show_tally(full: Tally, dims: Sequence[Dim], args: argparse.Namespace, stdout: TextIO) -> int:
    """Write a tally as ``antq tally`` asks: a table, CSV, JSON or a workbook.

    *full* may hold the form and recipient kind besides *dims*, for the sentence.
    """
    counted = full.project(dims)
    if args.output and Path(args.output).suffix.lower() == ".xlsx":
        from antq.sheets import dump_tally_workbook  # for speed, as in _load

        view = counted.pivot(dims[0], dims[1]) if args.pivot else counted
        sentence = antq.award_sentence(full, lang=args.lang) if args.sentence else ""
        dump_tally_workbook(view.table(lang=args.lang), sentence, args.output)
        return 0
    if args.format == "json":
        text = _tally_json(counted, args.lang)
    else:
        view = counted.pivot(dims[0], dims[1]) if args.pivot else counted
        text = (
            view.to_csv(lang=args.lang, bom=args.bom)
            if args.format == "csv"
            else view.to_text(lang=args.lang)
        )
        if args.format == "table" and args.sentence:
            text += "\n" + antq.award_sentence(full, lang=args.lang) + "\n"
    _write(text, args.output, stdout)
    return 0


def _cmd_report(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.file != "-" and _is_sqlite(args.file):  # a registry: its whole contents
        registry = _open_registry(args.file)
        with registry:
            dataset = _with_base(registry.dataset(), args)
    else:
        dataset = _with_base(_load(args.file, args.input_format), args)
    if args.html is not None:
        from antq.report import write_html  # Jinja2 and matplotlib: only for --html

        write_html(dataset, args.html, lang=args.lang)
        if args.output is None:
            return 0
    _write(full_report(dataset, lang=args.lang), args.output, stdout)
    return 0


def _is_sqlite(name: str) -> bool:
    try:
        with open(name, "rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _cmd_convert(args: argparse.Namespace, stdout: TextIO) -> int:
    target = _output_format(args.output, args.to)
    return _write_dataset(_load(args.input, args.input_format), target, args, stdout)


def _output_format(output: str, to: str | None) -> str:
    """The format to write: ``--to``, else the output's suffix."""
    target = to
    if target is None and output != "-":
        target = _SUFFIXES.get(Path(output).suffix.lower())
        if target is None:
            raise UsageError(
                "cli.convert_suffix", output=output, suffixes=", ".join(sorted(_SUFFIXES))
            )
    if target is None:
        raise UsageError("cli.convert_stdout")
    return target


def _cmd_export(args: argparse.Namespace, stdout: TextIO) -> int:
    # Loaded here: pyarrow is an optional extra (antq.tables says how to install it).
    from antq.tables import write_parquet

    if args.file != "-" and _format_of(args.file, args.input_format) == "jsonl":
        source: Dataset | Iterable[Record] = _progress(
            iter_jsonl(Path(args.file)), args.file, args.lang
        )
    else:
        source = _load(args.file, args.input_format)
    write_parquet(source, args.output)
    return 0


def _cmd_registry_add(args: argparse.Namespace, stdout: TextIO) -> int:
    with _open_registry(args.registry, must_exist=False) as registry:
        for name in args.files:
            dataset = _load(name, args.input_format)
            if sys.stderr.isatty():
                said = Message("cli.progress", {"name": name, "n": len(dataset)})
                print(f"\r{said.text(lang=args.lang)}", end="", file=sys.stderr, flush=True)
            done = registry.put(dataset, source=args.source or _display(name))
            code = "registry.held" if done.already_held else "registry.added"
            params = {
                "name": _display(name),
                "records": done.records,
                "new": done.new_facts,
                "matched": done.matched,
                "conflicts": done.conflicts,
            }
            end = "\n" if sys.stderr.isatty() else ""
            print(f"{end}antq: {Message(code, params).text(lang=args.lang)}", file=sys.stderr)
    return 0


def _cmd_registry_tally(args: argparse.Namespace, stdout: TextIO) -> int:
    dims = [_as_dim(name) for name in _split(args.by)]
    if args.pivot and len(dims) != 2:
        raise UsageError("cli.pivot")
    with _open_registry(args.registry) as registry:
        counted = registry.tally(
            _with_sentence_dims(dims, args.sentence),
            where=_where(args.where),
            since=args.since,
            until=args.until,
            follow_successors=args.today,
        )
    return _show_tally(counted, dims, args, stdout)


def _cmd_registry_export(args: argparse.Namespace, stdout: TextIO) -> int:
    target = _output_format(args.output, args.to)
    with _open_registry(args.registry) as registry:
        dataset = registry.dataset(place=args.place, since=args.since, until=args.until)
    return _write_dataset(dataset, target, args, stdout)


def _cmd_registry_conflicts(args: argparse.Namespace, stdout: TextIO) -> int:
    with _open_registry(args.registry) as registry:
        found = registry.conflicts()
    for conflict in found:
        print(conflict.finding(lang=args.lang).describe(lang=args.lang), file=stdout)
    if not found:
        print(Message("registry.no_conflicts").text(lang=args.lang), file=stdout)
    return 1 if found else 0


def _open_registry(name: str, *, must_exist: bool = True) -> Registry:
    """The registry at *name*; reading one (*must_exist*) never makes a file."""
    # Loaded here for speed alone: sqlite3 and the registry cost every other command 7 ms.
    from antq.registry import Registry

    if must_exist and not Path(name).is_file():
        raise FileNotFoundError(2, "No such file or directory", name)
    return Registry.open(name)


def _write_dataset(dataset: Dataset, target: str, args: argparse.Namespace, stdout: TextIO) -> int:
    """Write *dataset* in the format *target* to ``args.output`` (``antq convert``'s writing)."""
    if target == "xlsx":
        if args.output == "-":
            raise UsageError("cli.convert_stdout")
        from antq.sheets import dump_workbook  # for speed, as in _load

        dump_workbook(dataset, args.output)
        return 0
    if target == "csv":
        others = len(dataset) - len(dataset.awards)
        if others:
            said = Message("cli.csv_awards_only", {"n": others}).text(lang=args.lang)
            print(f"antq: {said}", file=sys.stderr)
        text = dumps_awards_csv(dataset, bom=args.bom)
    elif target == "jsonl":
        text = dumps_jsonl(dataset)
    else:
        text = dumps(dataset)
    _write(text, args.output, stdout)
    return 0


def _cmd_extract(args: argparse.Namespace, stdout: TextIO) -> int:
    # Loaded here, not at the top, for speed alone: compiling the extractor's patterns
    # would double the start-up of every other command (antq validate on a small file).
    from antq.extractor import extract, review_table

    names: list[str] = args.file
    if len(names) > 1 or Path(names[0]).is_dir():
        return _extract_many(args, stdout)
    raw = _read_bytes(names[0])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = antq.Problem("$", "load.not_utf8", {"offset": exc.start})
        raise LoadError([problem], _display(names[0])) from None
    result = extract(text, published_on=args.published_on, year=args.year, validate=True)
    if args.review:
        body = review_table(result, lang=args.lang)
    elif args.as_annotation:
        body = json.dumps(result.annotation(), ensure_ascii=False, indent=2) + "\n"
    else:
        body = dumps(result.dataset)
    _write(body, args.output, stdout)
    for finding in result.report.at_least(Severity.WARNING) if result.report else ():
        print(f"antq: {finding.describe(lang=args.lang)}", file=sys.stderr)
    return 0


def _extract_many(args: argparse.Namespace, stdout: TextIO) -> int:
    """Several reports (or a folder of them) into one stream, written as each is read.

    The stream is JSON Lines records, or annotations (``--as-annotation``), or review
    tables (``--review``).
    """
    from antq.extractor.batch import read_reports, report_files  # for speed, as above

    files = report_files(args.file)
    if not files:
        raise UsageError("cli.no_reports", names=", ".join(args.file))
    failures: list[str] = []
    tty = sys.stderr.isatty()

    def chunks() -> Iterator[str]:
        if not args.as_annotation and not args.review:
            yield dumps_jsonl([])  # the header line
        results = read_reports(
            files,
            published_on=args.published_on,
            year=args.year,
            annotation=args.as_annotation,
            review=args.review,
            lang=args.lang,
            jobs=args.jobs,
        )
        shown = 0
        for done, result in enumerate(results, start=1):
            if result.failure is not None:
                failures.append(result.failure)
                print(
                    ("\n" if tty else "") + f"antq: {result.path}: {result.message}",
                    file=sys.stderr,
                )
            elif args.review:
                yield ("\n" if shown else "") + f"== {result.path}\n{result.review}"
                shown += 1
            else:
                yield from result.lines
            if tty:
                said = Message("cli.reports_done", {"done": done, "of": len(files)})
                print(f"\rantq: {said.text(lang=args.lang)}", end="", file=sys.stderr, flush=True)
        if tty:
            print(file=sys.stderr)

    if args.output and args.output != "-":
        _atomic_write(args.output, chunks())
    else:
        stdout.writelines(chunks())
    if "internal" in failures:
        return 3
    return 2 if failures else 0


def _cmd_template(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.output == "-":
        raise UsageError("cli.template_stdout")
    from antq.sheets import write_template  # for speed, as in _load

    write_template(args.output, lang=args.lang)
    return 0


def _cmd_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    record = args.record
    classes: dict[str, type[Any]] = {kind.value: cls for _, kind, cls in antq.dataset.COLLECTIONS}
    schema = json_schema(classes[record] if record else None)
    _write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args.output, stdout)
    return 0


# ------------------------------------------------------------------------ parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="antq",
        description="Data of the 'Toàn dân bảo vệ an ninh Tổ quốc' movement: validate, "
        "tally, report, convert, read news reports (extract), write a clerk's template, print "
        "the schema.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print antq's version")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def debug(sub: argparse.ArgumentParser) -> None:
        # --debug after the command too; SUPPRESS keeps one given before it
        sub.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
        )

    def common(sub: argparse.ArgumentParser, *, output: bool = True) -> None:
        debug(sub)
        sub.add_argument(
            "--from",
            dest="input_format",
            choices=FORMATS,
            help="input format (default: by extension)",
        )
        sub.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
        sub.add_argument(
            "--with",
            dest="base",
            metavar="BASE",
            help="a dataset whose localities, events and officials the file refers to",
        )
        if output:
            sub.add_argument("-o", "--output", help="write here (atomically) instead of stdout")

    sub = commands.add_parser("validate", help="check a file with the rules")
    sub.add_argument("file", help="a .json, .jsonl, .csv, .xlsx or .ods file, or - for stdin")
    common(sub)
    sub.add_argument("--select", action="append", help="code prefixes to run (comma-separated)")
    sub.add_argument("--ignore", action="append", help="code prefixes to skip (comma-separated)")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument(
        "--plugins", nargs="?", const="", help="load rule packs (all, or comma-separated names)"
    )
    sub.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    sub.add_argument("--as-of", type=_date, help="judge the data as of this date (YYYY-MM-DD)")
    sub.add_argument(
        "--max-findings",
        type=_positive,
        metavar="N",
        help="list only the first N findings (the counts per code and severity cover all)",
    )
    sub.set_defaults(run=_cmd_validate)

    sub = commands.add_parser("tally", help="count awards")
    sub.add_argument("file", help="a .json, .jsonl (streamed), .csv, .xlsx or .ods file, or -")
    common(sub)
    _tally_options(sub)
    sub.set_defaults(run=_cmd_tally)

    sub = commands.add_parser("report", help="summary, findings and tally of a file")
    sub.add_argument(
        "file", help="a .json, .jsonl, .csv, .xlsx or .ods file, a registry (.sqlite), or -"
    )
    sub.add_argument(
        "--html",
        metavar="OUT",
        help="write the report as one self-contained HTML page with charts (antq[html])",
    )
    common(sub)
    sub.set_defaults(run=_cmd_report)

    sub = commands.add_parser("convert", help="convert between JSON, JSON Lines, CSV and Excel")
    debug(sub)
    sub.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    sub.add_argument("input", help="the file to read, or -")
    sub.add_argument("output", help="the file to write (atomically), or - for stdout")
    sub.add_argument("--from", dest="input_format", choices=FORMATS, help="input format")
    sub.add_argument(
        "--to", choices=(*FORMATS, "xlsx"), help="output format (default: by extension)"
    )
    sub.add_argument("--bom", action="store_true", help="CSV with a byte-order mark (Excel)")
    sub.set_defaults(run=_cmd_convert)

    sub = commands.add_parser("extract", help="read Vietnamese news reports into antq data")
    debug(sub)
    sub.add_argument(
        "file",
        nargs="+",
        help="a UTF-8 text file, or - for stdin; several files or a folder (its *.txt) "
        "give one JSON Lines stream",
    )
    sub.add_argument("--published-on", type=_date, help="the publication date (YYYY-MM-DD)")
    sub.add_argument("--year", type=int, help="the year to assume when the text gives none")
    sub.add_argument(
        "--as-annotation", action="store_true", help="print the corpus annotation format"
    )
    sub.add_argument(
        "--review", action="store_true", help="print the grant lines and what to check in each"
    )
    sub.add_argument("--jobs", type=int, help="processes for many reports (default: all cores)")
    sub.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    sub.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    sub.set_defaults(run=_cmd_extract)

    sub = commands.add_parser("template", help="write an empty workbook a clerk fills in")
    debug(sub)
    sub.add_argument("output", help="the .xlsx file to write")
    sub.add_argument("--lang", choices=("vi", "en"), default="vi", help="instructions language")
    sub.set_defaults(run=_cmd_template)

    sub = commands.add_parser("export", help="write flat tables for analysts (Parquet)")
    debug(sub)
    sub.add_argument("file", help="a .json, .jsonl (streamed), .csv, .xlsx or .ods file, or -")
    sub.add_argument("output", help="the folder to write (replaced whole)")
    sub.add_argument("--format", choices=("parquet",), default="parquet", help="the format")
    sub.add_argument("--from", dest="input_format", choices=FORMATS, help="input format")
    sub.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    sub.set_defaults(run=_cmd_export)

    sub = commands.add_parser("registry", help="keep years of data in one SQLite registry")
    actions = sub.add_subparsers(dest="action", required=True, metavar="ACTION")
    act = actions.add_parser("add", help="add files to the registry (made when missing)")
    debug(act)
    act.add_argument("registry", help="the registry file (SQLite)")
    act.add_argument("files", nargs="+", help="files antq reads (.json, .jsonl, .csv, .xlsx...)")
    act.add_argument("--from", dest="input_format", choices=FORMATS, help="input format")
    act.add_argument("--source", help="the source's name (default: the file's name)")
    act.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    act.set_defaults(run=_cmd_registry_add)
    act = actions.add_parser("tally", help="count the registry's awards (in SQL)")
    debug(act)
    act.add_argument("registry", help="the registry file")
    _tally_options(act)
    act.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    act.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    act.set_defaults(run=_cmd_registry_tally)
    act = actions.add_parser("export", help="write the registry's records in any antq format")
    debug(act)
    act.add_argument("registry", help="the registry file")
    act.add_argument("output", help="the file to write (atomically), or - for stdout")
    act.add_argument(
        "--to", choices=(*FORMATS, "xlsx"), help="output format (default: by extension)"
    )
    act.add_argument("--place", help="only events, models and awards at or under this locality id")
    act.add_argument("--since", type=_date, help="only events held on or after (YYYY-MM-DD)")
    act.add_argument("--until", type=_date, help="only events held on or before (YYYY-MM-DD)")
    act.add_argument("--bom", action="store_true", help="CSV with a byte-order mark (Excel)")
    act.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    act.set_defaults(run=_cmd_registry_export)
    act = actions.add_parser("conflicts", help="the values sources disagree on (exit 1 if any)")
    debug(act)
    act.add_argument("registry", help="the registry file")
    act.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    act.set_defaults(run=_cmd_registry_conflicts)

    sub = commands.add_parser("schema", help="print the JSON Schema of the antq/1 format")
    debug(sub)
    sub.add_argument(
        "--record",
        choices=[kind.value for _, kind, _ in antq.dataset.COLLECTIONS],
        help="the schema of one record type instead of the whole document",
    )
    sub.add_argument("-o", "--output", help="write here instead of stdout")
    sub.set_defaults(run=_cmd_schema)
    return parser


def _tally_options(sub: argparse.ArgumentParser) -> None:
    """The options of a tally: ``antq tally`` and ``antq registry tally`` take the same."""
    sub.add_argument(
        "--by",
        action="append",
        help="dimensions, comma-separated: " + ", ".join(d.value for d in Dim),
    )
    sub.add_argument("--where", action="append", help="a filter DIM=VALUE[,VALUE]")
    sub.add_argument("--since", type=_date, help="lines dated on or after (YYYY-MM-DD)")
    sub.add_argument("--until", type=_date, help="lines dated on or before (YYYY-MM-DD)")
    sub.add_argument("--today", action="store_true", help="count in today's boundaries")
    sub.add_argument("--pivot", action="store_true", help="cross the two --by dimensions")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sub.add_argument("--bom", action="store_true", help="CSV with a byte-order mark (Excel)")
    sub.add_argument("--sentence", action="store_true", help="add the summary sentence")


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the ``antq`` command with *argv*; return the exit status."""
    out = stdout or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args, out)
        return status
    except LoadError as exc:
        lang = getattr(args, "lang", DEFAULT_LANG)
        if getattr(args, "format", None) == "json" and args.command == "validate":
            _write(_problems_json(exc, lang), getattr(args, "output", None), out)
        origin = f"{exc.source}: " if exc.source else ""
        for problem in exc.problems:
            print(f"antq: {origin}{problem.describe(lang=lang)}", file=sys.stderr)
        return 2
    except (OSError, AntqError) as exc:  # what the user gave cannot be used
        if args.debug:
            raise
        print(f"antq: {_one_line(exc, getattr(args, 'lang', DEFAULT_LANG))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in antq: say so in one line, unless debugging
        if args.debug:
            raise
        detail = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        said = Message("cli.internal", {"detail": detail})
        print(f"antq: {said.text(lang=getattr(args, 'lang', DEFAULT_LANG))}", file=sys.stderr)
        return 3


def _problems_json(exc: LoadError, lang: Lang) -> str:
    """A validation report for input that could not be loaded: its problems, as findings are."""
    body = {
        "ok": False,
        "loaded": False,
        "source": exc.source,
        "problems": [
            {
                "code": problem.code,
                "message": Message(problem.code, problem.params).text(lang=lang),
                "path": problem.path,
                "line": problem.line,
                "record": problem.record.text(lang=lang) if problem.record else None,
            }
            for problem in exc.problems
        ],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _one_line(exc: BaseException, lang: Lang) -> str:
    if isinstance(exc, OSError) and getattr(exc, "filename", None):
        code = f"error.os.{type(exc).__name__}"
        why = (
            Message(code)
            if code in CATALOGUE
            else Message("error.os.other", {"detail": exc.strerror})
        )
        return Message("error.os", {"file": exc.filename, "why": why}).text(lang=lang)
    if isinstance(exc, AntqError):
        return " ".join(exc.describe(lang=lang).split())
    return " ".join(str(exc).split())


def run() -> None:
    """The console-script entry point."""
    sys.exit(main())
