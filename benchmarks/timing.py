"""The timing both benchmarks share: interleaved rounds, the best time of each contender."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

Timing = dict[str, float]


def best_of(rounds: int, contenders: dict[str, Callable[[], Any]]) -> Timing:
    """Run each contender once per round, interleaved; keep each one's best time."""
    best = {name: float("inf") for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            gc.collect()
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best
