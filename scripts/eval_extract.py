"""``make eval-extract``: score antq.extract on the development corpus.

Precision, recall and F1 per field against the hand annotations in
``../shared/corpus/dev/`` (or the folder given): award rows match on issuer, form,
recipient kind and count (all four exact, issuer compared by fold key); officials on
name, honorific and title; models on name; plus the share of reports whose event date
and sum of counts are exact. The scorer is :mod:`antq.extractor.corpus`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from antq.extractor.corpus import read_folder, score

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def main(folder: Path = CORPUS) -> int:
    print(score(read_folder(folder)).table(str(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
