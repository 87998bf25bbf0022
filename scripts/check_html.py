"""Render antq's HTML reports in headless Chromium and save what it shows under build/.

``make check-html`` runs this (after installing Debian's ``chromium`` when it is
missing): the example's report in Vietnamese and English, and the report of the
20,000-event benchmark dataset; a full-page screenshot of each, and an A4 PDF of the
example (what a clerk prints). It fails when Chromium fails or draws an empty page.

Usage: ``python scripts/check_html.py [EVENTS]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "benchmarks"))

import generate  # noqa: E402  (beside the benchmarks)

import antq  # noqa: E402
from antq.report import write_html  # noqa: E402

OUT = HERE / "build" / "html"


def chromium() -> list[str]:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        sys.exit("check-html: chromium is not installed (apt-get install chromium)")
    flags = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
    if os.geteuid() == 0:  # Chromium refuses to sandbox itself as root
        flags.append("--no-sandbox")
    return [found, *flags]


def shoot(page: Path, height: int) -> Path:
    shot = page.with_suffix(".png")
    shot.unlink(missing_ok=True)
    run([*chromium(), f"--window-size=1280,{height}", f"--screenshot={shot}", page.as_uri()])
    if not shot.is_file() or shot.stat().st_size < 20_000:
        sys.exit(f"check-html: no screenshot of {page.name} (or an empty one)")
    return shot


def pdf(page: Path) -> Path:
    out = page.with_suffix(".pdf")
    out.unlink(missing_ok=True)
    run([*chromium(), "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()])
    if not out.is_file() or out.stat().st_size < 10_000:
        sys.exit(f"check-html: no PDF of {page.name}")
    return out


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        sys.exit(f"check-html: chromium failed ({done.returncode}): {done.stderr[-2000:]}")


def main(events: int) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    example = antq.load(HERE / "examples" / "data" / "dien_ngoc_2023.json")
    pages = []
    for lang in ("vi", "en"):
        page = OUT / f"dien_ngoc_2023.{lang}.html"
        write_html(example, page, lang=lang)
        pages.append((page, 4200))
    large = generate.build(events)
    page = OUT / f"benchmark_{events}.vi.html"
    start = time.perf_counter()
    write_html(large, page)
    print(f"check-html: {events:,} events' report in {time.perf_counter() - start:.2f} s")
    pages.append((page, 9000))
    for page, height in pages:
        print(f"check-html: {page.relative_to(HERE)} ({page.stat().st_size:,} bytes)")
        print(f"  screenshot {shoot(page, height).relative_to(HERE)}")
    print(f"  A4 PDF     {pdf(pages[0][0]).relative_to(HERE)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
