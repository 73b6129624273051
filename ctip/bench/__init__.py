"""Benchmarks: `python -m ctip.bench [NAME] [options]` (or `make bench`).

Every module `ctip/bench/<name>.py` with a `run(argv)` function is a benchmark. Each one sets
up its own temporary database; none touches the project's database.
"""
