"""Many reports at once: every file read in a process pool, into one stream.

Each report's records get ids prefixed from its file name ("bao-cao-12/award-1"), so
the records of all reports can share one JSON Lines stream; a file that cannot be read
is reported and skipped, never stopping the batch.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from antq.errors import os_error_message
from antq.extractor import extract
from antq.extractor.corpus import to_annotation
from antq.extractor.review import review_table
from antq.messages import DEFAULT_LANG, Lang, Message
from antq.serialize import _jsonl_line

__all__ = ["ReportResult", "read_reports", "report_files"]

_SPACE = re.compile(r"\s+")


@attrs.frozen
class ReportResult:
    """One report of a batch: its JSON Lines records (no header), or why it failed.

    ``failure`` is ``"unusable"`` for a file that cannot be read as UTF-8 text and
    ``"internal"`` for an error of antq itself; ``message`` says what and where.
    """

    path: str
    prefix: str
    lines: tuple[str, ...] = ()
    review: str = ""
    failure: str | None = None
    message: str | None = None


def report_files(names: Iterable[str]) -> list[Path]:
    """The report files *names* stand for: files as given, folders by their ``*.txt``.

    Raises:
        FileNotFoundError: a name is neither a file nor a folder.
    """
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(2, "no such file", name)
    return files


def _prefixes(files: Sequence[Path]) -> list[str]:
    """An id prefix for each file, from its name, unique in the batch."""
    seen: dict[str, int] = {}
    prefixes = []
    for path in files:
        stem = _SPACE.sub("_", path.stem) or "report"
        n = seen.get(stem, 0) + 1
        seen[stem] = n
        prefixes.append(f"{stem}/" if n == 1 else f"{stem}~{n}/")
    return prefixes


def _one(
    job: tuple[str, str, dt.date | None, int | None, bool, bool, Lang],
) -> ReportResult:
    path, prefix, published_on, year, annotation, review, lang = job
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        why = os_error_message(exc).text(lang=lang)
        return ReportResult(path, prefix, failure="unusable", message=why)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = Message("load.not_utf8", {"offset": exc.start}).text(lang=lang)
        return ReportResult(path, prefix, failure="unusable", message=reason)
    try:
        result = extract(text, published_on=published_on, year=year, id_prefix=prefix)
        if annotation:
            body = {"file": path, **to_annotation(result)}
            lines: tuple[str, ...] = (json.dumps(body, ensure_ascii=False) + "\n",)
        else:
            lines = tuple(_jsonl_line(r) for r in result.dataset.records())
        shown = review_table(result, lang=lang) if review else ""
    except Exception as exc:  # antq's own bug: report it, go on with the batch
        return ReportResult(
            path, prefix, failure="internal", message=f"{type(exc).__name__}: {exc}"
        )
    return ReportResult(path, prefix, lines=lines, review=shown)


def read_reports(
    files: Sequence[Path],
    *,
    published_on: dt.date | None = None,
    year: int | None = None,
    annotation: bool = False,
    review: bool = False,
    lang: Lang = DEFAULT_LANG,
    jobs: int | None = None,
) -> Iterator[ReportResult]:
    """Read *files* on every core (*jobs* processes), in order, one result each."""
    work = [
        (str(path), prefix, published_on, year, annotation, review, lang)
        for path, prefix in zip(files, _prefixes(files), strict=True)
    ]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    if workers == 1:
        yield from map(_one, work)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_one, work, chunksize=4)
