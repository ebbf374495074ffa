"""The Alembic migrations and the models describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Migrate

from eventapp.config import PROJECT_ROOT


def test_migrations_have_a_single_head():
    script = ScriptDirectory(str(PROJECT_ROOT / "migrations"))
    assert len(script.get_heads()) == 1, script.get_heads()


def test_upgraded_database_matches_the_models(app, db):
    """The test database was built by `db upgrade`; autogenerate must find nothing to add."""
    migrate: Migrate = app.extensions["migrate"]
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, **migrate.configure_args}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []
