"""Helpers shared by the tests and the benchmarks: starting the servers, reading scripted corpora."""
