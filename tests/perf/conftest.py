"""Benchmarks print figures and assert no duration (only answers, counts and
results): `make bench` runs them, on whatever database DATABASE_URL names.
They are not part of `make test` (pytest collects test_*.py; `make bench`
collects bench_*.py); CI runs them once, in its PostgreSQL pass (shared out
between the test processes with the rest of the suite), each at a tenth of
its size (GECOLIB_BENCH_SCALE, tests/perf/scale.py and .ci/run).

One of them by hand: `.venv/bin/python -m pytest tests/perf/bench_pdf.py -s -q`
(a file named on the command line is collected whatever its name).
"""
