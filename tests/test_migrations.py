"""The Alembic migrations and the models describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Migrate

from eventapp.config import PROJECT_ROOT

TRANSLATIONS = "0006_translations"


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


def test_translations_upgrade_keeps_every_demo_text_as_the_original_of_its_language(tmp_path):
    """The demo as it was stored before translations existed (loaded, then downgraded to the
    revision before them), upgraded again: every text stays, in the language it was written in."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from eventapp.extensions import db

    with _demo_app(tmp_path).app_context():
        before = ScriptDirectory(str(PROJECT_ROOT / "migrations")).get_revision(TRANSLATIONS)
        downgrade(revision=before.down_revision)
        texts_before = db.session.execute(text("SELECT id, title FROM sessions")).all()
        db.session.remove()  # the upgrade's DDL waits for no open read transaction
        upgrade()
        sessions = db.session.execute(
            text(
                "SELECT s.title, s.original_language, e.language, s.translations "
                "FROM sessions s JOIN events e ON e.id = s.event_id"
            )
        ).all()
        directory = dict(
            db.session.execute(text("SELECT name, original_language FROM collaborations")).all()
        )
        texts_after = db.session.execute(text("SELECT id, title FROM sessions")).all()
        db.engine.dispose()
    assert texts_after == texts_before and sessions
    assert all(row.original_language == row.language for row in sessions)
    assert all(row.translations in ({}, "{}") for row in sessions)
    # The municipality's memo is Swedish: its collaborations are Swedish originals.
    assert "sv" in directory.values()


def _demo_app(tmp_path):
    """An app on a fresh SQLite file holding the demo, loaded at the newest revision."""
    from flask_migrate import upgrade

    from eventapp import create_app
    from eventapp.config import TestConfig
    from eventapp.demo.services import load_demo
    from eventapp.extensions import db

    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'demo.sqlite3'}", INSTANCE_PATH=tmp_path))
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        db.session.remove()
    return app


def test_edges_upgrade_fills_the_search_text_of_existing_registrations(tmp_path):
    """Registrations stored before ``search_text`` existed are found by it after the upgrade."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from eventapp.core.search import search_text_of
    from eventapp.extensions import db

    with _demo_app(tmp_path).app_context():
        downgrade(revision="0008_contributions")
        db.session.remove()
        upgrade()
        rows = db.session.execute(
            text("SELECT name, email, affiliation, search_text FROM registrations")
        ).all()
        db.engine.dispose()
    assert rows
    assert all(row.search_text == search_text_of(*row[:3]) for row in rows)
