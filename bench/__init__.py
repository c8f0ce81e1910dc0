"""Reproducible benchmarks: `make bench` writes BENCHMARKS.md and bench/results.json."""
