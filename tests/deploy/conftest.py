"""Deployment tests: real gunicorn processes on loopback against PostgreSQL and Redis."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "deploy: starts gunicorn servers (run alone with -m deploy or tests/deploy)"
    )
