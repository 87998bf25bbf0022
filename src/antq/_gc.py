"""Pause the cyclic garbage collector around bulk work that makes no reference cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused(*, promote: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore its previous state.

    Loading or validating a national dataset allocates hundreds of thousands of
    container objects; each few hundred would trigger a collection that rescans the
    younger generations (and now and then the whole, large heap) for cycles that
    antq's records, hits and findings never form. Reference counting still frees
    everything as usual; only cycle detection waits until the block ends.

    With *promote*, the objects the block made (and any others still young) join the
    oldest generation when it ends, as survivors of a collection would, instead of
    being scanned by the first young collection after it (about 0.1 s for 300,000
    records). That uses :func:`gc.freeze` and :func:`gc.unfreeze`, so it is skipped
    when the program has frozen objects of its own.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if promote and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
