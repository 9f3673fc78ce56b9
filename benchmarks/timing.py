"""Timing helper shared by the benchmark scripts (not collected by pytest)."""

from __future__ import annotations

import statistics
import time


def median_time(fn, repeat: int, warmup: int = 0) -> float:
    """Median seconds of ``repeat`` calls of ``fn`` (which waits for its own result), after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
