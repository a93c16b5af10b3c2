"""Benchmarks for jobfutures: synthetic data, timings and targets (``python -m benchmarks.run``)."""
