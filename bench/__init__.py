"""Vanguard's data generator and benchmarks (not part of the test run): `python -m bench.run`."""
