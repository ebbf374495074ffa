"""Benchmarks: scripts that start the stack on loopback, measure, and print figures."""
