"""Load an antq/1 document and print what ``make demo`` (``antq report``) prints.

Usage: ``python examples/demo.py [FILE] [--en]`` (FILE defaults to the seed data).
"""

from __future__ import annotations

import sys
from pathlib import Path

import antq

DEFAULT = Path(__file__).parent / "data" / "dien_ngoc_2023.json"


def main(argv: list[str]) -> int:
    """Load the file in *argv* (or the seed), print summary, findings, tally; 2 on bad input."""
    lang: antq.Lang = "en" if "--en" in argv else "vi"
    paths = [arg for arg in argv if arg != "--en"]
    path = Path(paths[0]) if paths else DEFAULT
    try:
        dataset = antq.load(path)
    except (antq.LoadError, OSError) as exc:
        said = exc.describe(lang=lang) if isinstance(exc, antq.AntqError) else str(exc)
        print(f"antq demo: {said}", file=sys.stderr)
        return 2
    print(f"antq {antq.__version__} · {path} · {len(dataset)} records\n")
    print(antq.full_report(dataset, lang=lang), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
