"""The timing both benchmarks share: interleaved rounds, the best time of each contender."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

Timing = dict[str, float]


def best_of(
    rounds: int, contenders: dict[str, Callable[[], Any]], *, collector_paused: bool = False
) -> Timing:
    """Run each contender once per round, interleaved; keep each one's best time.

    With *collector_paused*, every contender runs with the cyclic collector off, as
    antq's loader runs itself: the same conditions for all.
    """
    best = {name: float("inf") for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            gc.collect()
            was = gc.isenabled()
            if collector_paused:
                gc.disable()
            try:
                start = time.perf_counter()
                run()
                took = time.perf_counter() - start
            finally:
                if was:
                    gc.enable()
            best[name] = min(best[name], took)
    return best
