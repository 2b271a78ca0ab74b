"""Run a function over many inputs, serially or in a process pool, results in input order.

Kept apart from the stages (as datatrove keeps executors apart from its steps) so a later
engine, such as Ray, can run the same stage functions. Results always come back in the order of
the inputs, never in completion order, so output never depends on scheduling.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_workers() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ordered_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    on_result: Callable[[], None] | None = None,
) -> list[Result]:
    """``[function(item) for item in items]``, on ``workers`` processes when more than one.

    ``function`` must be picklable (a module-level function or a functools.partial of one).
    ``on_result`` is called once per finished item, for progress bars.
    """
    if workers <= 1 or len(items) <= 1:
        results = []
        for item in items:
            results.append(function(item))
            if on_result:
                on_result()
        return results
    chunksize = max(1, min(64, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=min(workers, len(items))) as pool:
        results = []
        for result in pool.map(function, items, chunksize=chunksize):
            results.append(result)
            if on_result:
                on_result()
        return results
