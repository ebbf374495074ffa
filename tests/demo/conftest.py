"""Fixtures for the demo tests: the demo loaded once into the test's database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from eventapp.extensions import db

SEEDS = Path(__file__).parent / "seeds"


def dump_all_tables() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: the whole content of the database."""
    dump: dict[str, list[tuple]] = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            dump[table.name] = [tuple(row) for row in rows]
    return dump


@pytest.fixture
def seed_text() -> str:
    """The five source documents, concatenated."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


@pytest.fixture
def demo(runner, monkeypatch):
    """Run ``flask demo`` once (with a known password) and return the CLI result."""
    monkeypatch.setenv("EVENTAPP_DEMO_PASSWORD", "demo-password-for-tests")
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    return result
