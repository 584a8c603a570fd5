"""The benchmarks' size. `make bench` measures at full size (1); at a tenth
(GECOLIB_BENCH_SCALE=0.1) a benchmark exercises the same code on less data
and fewer repeats: its figures only show that it runs."""

import os

SCALE = float(os.environ.get("GECOLIB_BENCH_SCALE", "1"))


def scaled(full: int, minimum: int) -> int:
    """`full` at the benchmark's scale, never below `minimum`."""
    return max(minimum, round(full * SCALE))
