"""Benchmarks (not tests): `python -m ctip.bench [NAME ...]` runs every `ctip.bench.<name>`
module's `run()`; each prints its own figures."""
