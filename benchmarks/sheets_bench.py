"""Reading a clerk's workbook of many grant lines: antq against openpyxl's own raw pass.

Writes a workbook of N rows in clerks' headings and labels (a title row, headings on
row 3, dates as date cells and as text), then times, in one process and interleaved:

- openpyxl alone: ``load_workbook(read_only=True)`` and ``iter_rows(values_only=True)``,
  the floor every reader pays;
- ``antq.load_sheet``: the same pass, then headings, labels, issuers, dates and counts
  read and checked into awards.

Peak memory (tracemalloc) is measured on a separate run of each. Usage:

    python benchmarks/sheets_bench.py [N]    # default 100,000 rows
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import openpyxl

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


def raw_pass(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for sheet in book.worksheets for _ in sheet.iter_rows(values_only=True))
    book.close()
    return count


def antq_pass(path: Path) -> int:
    return len(antq.load_sheet(path).awards)


def timed(func: Callable[[Path], int], path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    func(path)
    return time.perf_counter() - start


def peak(func: Callable[[Path], int], path: Path) -> float:
    gc.collect()
    tracemalloc.start()
    func(path)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        write_book(path, rows)
        assert antq_pass(path) == rows
        times: dict[str, list[float]] = {"openpyxl raw values": [], "antq.load_sheet": []}
        for _ in range(3):  # interleaved, so drift hits both alike
            times["openpyxl raw values"].append(timed(raw_pass, path))
            times["antq.load_sheet"].append(timed(antq_pass, path))
        memory = {
            "openpyxl raw values": peak(raw_pass, path),
            "antq.load_sheet": peak(antq_pass, path),
        }
    floor = statistics.median(times["openpyxl raw values"])
    print(f"reading a workbook of {rows:,} grant lines (median of 3, interleaved)")
    for name, found in times.items():
        median = statistics.median(found)
        print(
            f"  {name:<22} {median:7.2f} s  {median / floor:5.2f}×   peak {memory[name]:7.1f} MiB"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
