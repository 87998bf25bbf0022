"""Reading a clerk's workbook of many grant lines: antq against each reader's raw pass.

Writes a workbook of N rows in clerks' headings and labels (a title row, headings on
row 3, dates as date cells and as text), then times, in one process and interleaved
(median of 3), each reader alone and ``antq.load_sheet`` on top of it:

- python-calamine's ``iter_rows`` (the floor of antq's default reading);
- openpyxl's ``load_workbook(read_only=True)`` + ``iter_rows(values_only=True)`` (the
  floor when a book holds error cells, or calamine is not installed);
- ``antq.load_sheet(engine=...)``: the same pass, then headings, labels, issuers, dates
  and counts read and checked into awards.

Peak memory is the peak resident set above the process's size before reading, each pass
in a fresh process (calamine holds a sheet in Rust, where tracemalloc does not see).
Usage:

    python benchmarks/sheets_bench.py [N]    # default 100,000 rows
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import python_calamine

import antq

HEADINGS = [
    "STT",
    "Hình thức khen thưởng",
    "Cơ quan khen thưởng",
    "Đối tượng",
    "Số lượng",
    "Ngày quyết định",
]
LINES = [
    ("Giấy khen", "Chủ tịch UBND xã Hòa Phong", "cá nhân"),
    ("Giấy khen", "Giám đốc Công an tỉnh", "tập thể"),
    ("Bằng khen", "Chủ tịch UBND tỉnh", "cá nhân"),
]


def write_book(path: Path, rows: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Khen thưởng")
    sheet.append(["DANH SÁCH KHEN THƯỞNG"])
    sheet.append([])
    sheet.append(HEADINGS)
    for number in range(1, rows + 1):
        form, issuer, kind = LINES[number % len(LINES)]
        day: object = (
            dt.date(2023, 8, 1 + number % 28) if number % 2 else f"{1 + number % 28}/08/2023"
        )
        sheet.append([number, form, issuer, kind, 1 + number % 9, day])
    book.save(path)


def openpyxl_raw(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for sheet in book.worksheets for _ in sheet.iter_rows(values_only=True))
    book.close()
    return count


def calamine_raw(path: Path) -> int:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return sum(1 for name in book.sheet_names for _ in book.get_sheet_by_name(name).iter_rows())


def antq_calamine(path: Path) -> int:
    return len(antq.load_sheet(path, engine="auto").awards)


def antq_openpyxl(path: Path) -> int:
    return len(antq.load_sheet(path, engine="openpyxl").awards)


PASSES: dict[str, Callable[[Path], int]] = {
    "calamine raw values": calamine_raw,
    "antq.load_sheet (auto: calamine)": antq_calamine,
    "openpyxl raw values": openpyxl_raw,
    "antq.load_sheet (openpyxl)": antq_openpyxl,
}
FLOOR = {
    "calamine raw values": "calamine raw values",
    "antq.load_sheet (auto: calamine)": "calamine raw values",
    "openpyxl raw values": "openpyxl raw values",
    "antq.load_sheet (openpyxl)": "openpyxl raw values",
}


def timed(func: Callable[[Path], int], path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    func(path)
    return time.perf_counter() - start


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def peak_mib(name: str, path: Path) -> float:
    """The pass's peak resident memory above the process before it, in a fresh process."""
    done = subprocess.run(
        [sys.executable, __file__, "--peak", name, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip())


def _peak_child(name: str, path: Path) -> None:
    # The peak resident size survives fork and exec: reset it to the present size
    # (Linux >= 4.0, "5" to clear_refs), so that the peak is this pass's own.
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kib("VmRSS")
    PASSES[name](path)
    print(f"{max(0, _status_kib('VmHWM') - before) / 1024:.1f}")


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        write_book(path, rows)
        assert antq_calamine(path) == antq_openpyxl(path) == rows
        times: dict[str, list[float]] = {name: [] for name in PASSES}
        for _ in range(3):  # interleaved, so drift hits every pass alike
            for name, func in PASSES.items():
                times[name].append(timed(func, path))
        memory = {name: peak_mib(name, path) for name in PASSES}
    print(f"reading a workbook of {rows:,} grant lines (median of 3, interleaved)")
    print(f"  {'pass':<34} {'time':>8} {'× raw':>6}   {'peak RSS':>10} {'× raw':>6}")
    for name in PASSES:
        median = statistics.median(times[name])
        floor = statistics.median(times[FLOOR[name]])
        print(
            f"  {name:<34} {median:7.2f}s {median / floor:5.2f}×   "
            f"{memory[name]:7.1f} MiB {memory[name] / max(memory[FLOOR[name]], 0.1):5.2f}×"
        )
    fast = statistics.median(times["antq.load_sheet (auto: calamine)"])
    slow = statistics.median(times["antq.load_sheet (openpyxl)"])
    print(f"  antq's default reading is {slow / fast:.1f}× faster than through openpyxl")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--peak":
        _peak_child(sys.argv[2], Path(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
