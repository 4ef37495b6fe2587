"""Benchmark scripts (run by hand, never by the test suite) and their data generators."""
