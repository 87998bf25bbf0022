"""Fuzzers for antq's input boundaries: mutations, targets, and the contract they check.

Each target takes a ``random.Random`` and runs one case: it builds an input (the
example dataset written out, then mutated the ways real files go wrong), feeds it to
antq, and returns the outcome's name. The contract:

- a result, or an antq error (``AntqError``) whose problems carry a path; never another
  exception (that outcome is ``"unexpected: <type>"``);
- a loaded document equals what the strict (cattrs) path loads, and writing it out and
  reading it back gives it again;
- for the extractor: a result whose spans slice the text and whose dataset round-trips.

``tests/fuzz/test_fuzz.py`` runs a short profile in ``make test``; ``make fuzz`` runs
``python tests/fuzz/fuzzing.py N`` (N cases per target) and prints each outcome's count.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import antq
from antq.extractor import extract
from antq.report import to_html
from antq.serialize import _strict_load

ROOT = Path(__file__).resolve().parents[2]
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
# The example written out once: every case mutates a copy.
SEED_DOC = antq.dumps(SEED)
SEED_LINES = antq.dumps_jsonl(SEED)
SEED_TABLE = antq.dumps_awards_csv(SEED)
SEED_TEXT = (
    (ROOT.parent / "shared" / "seed" / "000_5bb647d728954a56.txt").read_text(encoding="utf-8")
    if (ROOT.parent / "shared" / "seed").exists()
    else "Tối 12/8, phường tổ chức ngày hội."
)

# What real files hold that a careful reader must survive.
_ODD_TEXT = [
    "",
    " ",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\x00",
    "\u2028",
    "\u0085",
    "x" * 200_000,
    unicodedata.normalize("NFD", "Điện Ngọc"),
    "Quảng\tNam",
    "٢٠٢٣",
    "2023-02-30",
    "--13-40",
    "'=1+1",
    '"',
    "\\",
    ":",
]
_ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    10**30,
    1.5,
    [],
    {},
    [None],
    {"x": 1},
    *_ODD_TEXT,
]
# Written into the JSON text, not through json.dumps: what no encoder would write.
_RAW = [
    '"\\ud800"',
    '"\\udfff x"',
    "9" * 5000,
    "[" * 1200 + "]" * 1200,
    "NaN",
    "Infinity",
    '"\\u003a"',
    "1e400",
    "-0",
]


def _odd_value(rnd: random.Random) -> Any:
    """One of the odd values, copied.

    A shared ``{}`` put in a tree and mutated there later would change every case after
    it (hypothesis then rightly calls the draws flaky).
    """
    return copy.deepcopy(rnd.choice(_ODD_VALUES))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree (the root included)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def mutate_tree(rnd: random.Random, tree: Any) -> str:
    """The JSON text of *tree* with one to three mutations, some made in the text itself."""
    tree = copy.deepcopy(tree)
    raw: list[tuple[str, str]] = []
    for _ in range(rnd.randint(1, 3)):
        path = rnd.choice(_paths(tree))
        if not path:
            continue
        parent, last = _get(tree, path[:-1]), path[-1]
        how = rnd.randrange(7)
        if how == 0 and isinstance(parent, dict):
            del parent[last]  # a key dropped
        elif how == 1 and isinstance(parent, dict):
            parent[rnd.choice(["extra", "Id", "count ", "schema"])] = _odd_value(rnd)
        elif how == 2:
            marker = f"@@{len(raw)}@@"
            parent[last] = marker
            raw.append((json.dumps(marker), rnd.choice(_RAW)))
        elif how == 3 and isinstance(parent, dict):
            marker = f"@@{len(raw)}@@"  # the same key again, as the last one
            parent[marker] = _odd_value(rnd)
            raw.append((json.dumps(marker), json.dumps(last)))
        elif how == 4 and isinstance(parent[last], str):
            text = parent[last]
            at = rnd.randrange(len(text) + 1)
            parent[last] = text[:at] + rnd.choice(_ODD_TEXT) + text[at:]
        else:
            parent[last] = _odd_value(rnd)
    text = json.dumps(tree, ensure_ascii=rnd.random() < 0.5, indent=rnd.choice([None, 1]))
    for marker, written in raw:
        text = text.replace(marker, written, 1)
    return text


def mutate_text(rnd: random.Random, text: str) -> str:
    """*text* cut, with bytes changed or inserted (what a broken download does)."""
    how = rnd.randrange(4)
    if how == 0:
        return text[: rnd.randrange(len(text) + 1)]
    at = rnd.randrange(len(text) + 1)
    if how == 1:
        return text[:at] + rnd.choice(_ODD_TEXT + _RAW + ["\n", ",", "}", "{"]) + text[at:]
    if how == 2:
        return text[:at] + text[at + rnd.randint(1, 20) :]
    return unicodedata.normalize(rnd.choice(["NFD", "NFKC"]), text)


def _checked(problems: list[antq.Problem]) -> str:
    # a path: a JSON path ($.awards[2]), a CSV line, or a sheet's cell (Khen thưởng!E7)
    if not problems or not all(p.path.startswith("$") or "!" in p.path for p in problems):
        return "unexpected: a problem without a path"
    if not all(p.describe(lang="vi") and p.describe(lang="en") for p in problems):
        return "unexpected: a problem that does not render"
    return "antq error"


def _judge(run: Callable[[], str]) -> str:
    try:
        return run()
    except antq.LoadError as exc:
        return _checked(list(exc.problems))
    except antq.AntqError:
        return "antq error"
    except Exception as exc:  # the outcome the contract forbids
        return f"unexpected: {type(exc).__name__}: {str(exc)[:80]}"


def fuzz_document(rnd: random.Random) -> str:
    """``loads`` on a mutated document: fast and strict paths agree, the result round-trips."""
    base = json.loads(SEED_DOC)
    text = mutate_tree(rnd, base) if rnd.random() < 0.8 else mutate_text(rnd, SEED_DOC)

    def run() -> str:
        loaded = antq.loads(text)
        if _strict_load(text, None) != loaded:
            return "unexpected: the fast and strict paths differ"
        if antq.loads(antq.dumps(loaded)) != loaded:
            return "unexpected: dump then load is not the identity"
        return "loaded"

    return _judge(run)


def fuzz_stream(rnd: random.Random) -> str:
    """``load_jsonl`` and ``iter_jsonl`` on a mutated stream: the same records, round trip."""
    lines = SEED_LINES.splitlines(keepends=True)
    at = rnd.randrange(len(lines))
    if rnd.random() < 0.8 and at > 0:
        lines[at] = mutate_tree(rnd, json.loads(lines[at])) + "\n"
    else:
        lines[at] = mutate_text(rnd, lines[at])
    text = "".join(lines)

    def run() -> str:
        loaded = antq.loads_jsonl(text)
        streamed = list(antq.iter_jsonl(io.StringIO(text)))
        if list(loaded.records()) != streamed and antq.Dataset.from_records(streamed) != loaded:
            return "unexpected: load_jsonl and iter_jsonl differ"
        if antq.loads_jsonl(antq.dumps_jsonl(loaded)) != loaded:
            return "unexpected: dump then load is not the identity"
        return "loaded"

    return _judge(run)


def fuzz_table(rnd: random.Random) -> str:
    """``loads_awards_csv`` on a mutated awards table: a result round-trips."""
    rows = list(csv.reader(io.StringIO(SEED_TABLE)))
    for _ in range(rnd.randint(1, 3)):
        row = rnd.randrange(len(rows))
        how = rnd.randrange(5)
        if how == 0:
            col = rnd.randrange(len(rows[row]))
            rows[row][col] = str(rnd.choice(_ODD_TEXT + _RAW + ["1", "0", "giay_khen", "'x"]))
        elif how == 1:
            rows[row].append(rnd.choice(_ODD_TEXT))
        elif how == 2 and len(rows[row]) > 1:
            del rows[row][rnd.randrange(len(rows[row]))]
        elif how == 3:
            rows.append(list(rows[rnd.randrange(1, len(rows))]) if len(rows) > 1 else [])
        else:
            rows[0][rnd.randrange(len(rows[0]))] = rnd.choice(["count", "id", "x", ""])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    text = buffer.getvalue()
    if rnd.random() < 0.2:
        text = mutate_text(rnd, text)

    def run() -> str:
        awards = antq.loads_awards_csv(text)
        if antq.loads_awards_csv(antq.dumps_awards_csv(awards)) != awards:
            return "unexpected: dump then load is not the identity"
        return "loaded"

    return _judge(run)


def fuzz_extract(rnd: random.Random) -> str:
    """``extract`` on a mutated report: a result, spans that slice it, records that load."""
    text = SEED_TEXT
    for _ in range(rnd.randint(1, 4)):
        text = mutate_text(rnd, text)

    def run() -> str:
        result = extract(text, id_prefix=rnd.choice(["", "r/"]))
        for award in result.awards:
            if result.text[award.span[0] : award.span[1]] != award.text:
                return "unexpected: a span does not slice the text"
        if antq.loads(antq.dumps(result.dataset)) != result.dataset:
            return "unexpected: the dataset does not round-trip"
        return "read"

    return _judge(run)


# A clerk's table of the example's four lines: title row, headings in clerks' words.
CLERK_ROWS: list[list[object]] = [
    ["DANH SÁCH KHEN THƯỞNG"],
    [],
    ["STT", "Hình thức khen thưởng", "Cơ quan khen thưởng", "Đối tượng", "Số lượng", "Ngày QĐ"],
    [1, "Bằng khen", "Chủ tịch UBND tỉnh", "cá nhân", 1, "10/08/2023"],
    [2, "Giấy khen", "Giám đốc Công an tỉnh", "cá nhân", 2, "10/08/2023"],
    [3, "Giấy khen", "Chủ tịch UBND phường Điện Ngọc", "tập thể", 4, None],
    [4, "Giấy khen", "Chủ tịch UBND phường Điện Ngọc", "cá nhân", 6, None],
    [None, "Tổng cộng", None, None, 13, None],
]
_CLERK_VALUES: list[object] = [
    *_ODD_TEXT[:20],
    "ba",
    4.5,
    4.0,
    0,
    -1,
    "1.200",
    "Bằng khenn",
    "giay_khen",
    "UBND tỉnh",
    "hộ gia đình",
    "31/02/2023",
    "Tổng cộng",
    "Cộng",
    "Họ và tên",
    "SL",
    None,
    True,
]


def clerk_rows(rnd: random.Random) -> list[list[object]]:
    """The clerk's table with one to four cells changed, rows added, moved or dropped."""
    rows = [list(row) for row in CLERK_ROWS]
    for _ in range(rnd.randint(1, 4)):
        row = rows[rnd.randrange(len(rows))]
        how = rnd.randrange(4)
        if how == 0 and row:
            row[rnd.randrange(len(row))] = copy.copy(rnd.choice(_CLERK_VALUES))
        elif how == 1:
            row.append(copy.copy(rnd.choice(_CLERK_VALUES)))
        elif how == 2:
            rows.insert(rnd.randrange(len(rows) + 1), list(rows[rnd.randrange(len(rows))]))
        elif len(rows) > 1:
            del rows[rnd.randrange(len(rows))]
    return rows


def fuzz_clerk_csv(rnd: random.Random) -> str:
    """``loads_clerk_csv`` on a changed clerk's table, any delimiter and encoding."""
    from antq.sheets import loads_clerk_csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=rnd.choice([",", ";", "\t"])).writerows(
        ["" if cell is None else cell for cell in row] for row in clerk_rows(rnd)
    )
    text = buffer.getvalue()
    if rnd.random() < 0.2:
        text = mutate_text(rnd, text)
    data = text.encode(rnd.choice(["utf-8", "utf-8-sig", "utf-16"]), errors="surrogatepass")
    if rnd.random() < 0.05:
        data = text.encode("cp1258", errors="replace")

    def run() -> str:
        loaded = loads_clerk_csv(data)
        if antq.loads_awards_csv(antq.dumps_awards_csv(loaded)) != loaded:
            return "unexpected: the awards do not round-trip"
        return "loaded"

    return _judge(run)


def fuzz_workbook(rnd: random.Random) -> str:
    """``load_sheet`` on a changed clerk's workbook: both readers agree; damage is a problem."""
    import tempfile

    import openpyxl

    from antq.sheets import load_sheet

    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(clerk_rows(rnd), start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str) and (value.startswith("=") or not value.isprintable()):
                value = value.encode("unicode_escape").decode("ascii")  # XML has no \x00
            sheet.cell(row=r, column=c, value=value)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        book.save(path)
        damaged = rnd.random() < 0.25
        if damaged:
            data = bytearray(path.read_bytes())
            for _ in range(rnd.randint(1, 20)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
            path.write_bytes(bytes(data[: rnd.randrange(len(data) // 2, len(data) + 1)]))

        def outcome(engine: str) -> object:
            try:
                return load_sheet(path, engine=engine)  # type: ignore[arg-type]
            except antq.LoadError as exc:
                return [(p.path, p.code) for p in exc.problems]
            except Exception as exc:  # compared here, and judged in run()
                return f"{type(exc).__name__}: {exc}"

        def run() -> str:
            first = load_sheet(path, engine=rnd.choice(["auto", "openpyxl", "calamine"]))
            if not damaged and outcome("openpyxl") != outcome("calamine"):
                return "unexpected: calamine and openpyxl read differently"
            if antq.loads_awards_csv(antq.dumps_awards_csv(first)) != first:
                return "unexpected: the awards do not round-trip"
            return "loaded"

        result = _judge(run)
        if result == "antq error" and not damaged and outcome("openpyxl") != outcome("calamine"):
            return "unexpected: calamine and openpyxl read differently"
        return result


_NO_FETCH = re.compile(r"<(script|link|iframe|img|object|embed|base)\b|(src|href)=\"(?![#d])")


def fuzz_html(rnd: random.Random) -> str:
    """``to_html`` of a document whose texts got odd: a page that runs and fetches nothing.

    Most of ``mutate_tree``'s documents do not load; here one to four of the example's
    strings are joined with odd text (markup, controls, bidi marks, huge runs), so most
    cases render and the odd text reaches every part of the page.
    """
    tree = json.loads(SEED_DOC)
    texts = [path for path in _paths(tree) if path and isinstance(_get(tree, path), str)]
    odd_texts = [value for value in _ODD_VALUES if isinstance(value, str)]
    odd_texts += ["<script>alert(1)</script>", '" onload="x', "$\\frac{1}{2}$", "@@FONTS@@"]
    for path in rnd.sample(texts, rnd.randint(1, 4)):
        _get(tree, path[:-1])[path[-1]] += rnd.choice(odd_texts)
    text = json.dumps(tree, ensure_ascii=False)

    def run() -> str:
        page = to_html(antq.loads(text))
        parser = HTMLParser()
        parser.feed(page)
        parser.close()
        if _NO_FETCH.search(page):
            return "unexpected: the page runs or fetches something"
        if not page.rstrip().endswith("</html>"):
            return "unexpected: the page is cut"
        return "rendered"

    return _judge(run)


TARGETS: dict[str, Callable[[random.Random], str]] = {
    "loads_clerk_csv": fuzz_clerk_csv,
    "load_sheet": fuzz_workbook,
    "loads": fuzz_document,
    "load_jsonl / iter_jsonl": fuzz_stream,
    "loads_awards_csv": fuzz_table,
    "extract": fuzz_extract,
    "to_html": fuzz_html,
}
#: Targets whose case costs a rendered page: ``make fuzz`` runs N // divisor of them.
SLOW: dict[str, int] = {"to_html": 20}


def main(argv: list[str]) -> int:
    """Run N cases per target (default 10,000) and print each outcome's count."""
    cases = int(argv[0]) if argv else 10_000
    seed = int(argv[1]) if len(argv) > 1 else 20261201
    unexpected = 0
    for name, target in TARGETS.items():
        rnd = random.Random(f"{seed}-{name}")
        runs = max(1, cases // SLOW.get(name, 1))
        outcomes = Counter(target(rnd) for _ in range(runs))
        print(f"{name}: {runs:,} cases")
        for outcome, n in outcomes.most_common():
            print(f"  {n:>7,}  {outcome}")
            if outcome.startswith("unexpected"):
                unexpected += n
    print(f"\n{unexpected} unexpected outcomes")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
