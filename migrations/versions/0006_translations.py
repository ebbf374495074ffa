"""i18n: every public text has an original language and optionally the other's version

Revision ID: 0006_translations
Revises: 0005_scoped_door_tokens
Create Date: 2026-12-03 18:30:00

Series, sessions, venues, rooms, organisations, people and collaborations get
``original_language`` and ``translations``; events get ``translations`` (their ``language`` is the
original language of their texts). Every text already stored stays the original of its
language: a session's is its event's, a series' its latest edition's; a directory row's is
Swedish when its texts read as Swedish (å, ä, ö or common Swedish words), else English.
"""
import re

from alembic import op
import sqlalchemy as sa


revision = '0006_translations'
down_revision = '0005_scoped_door_tokens'
branch_labels = None
depends_on = None

#: Tables that get both columns, with the text columns whose language the backfill reads.
DIRECTORY = {
    'venues': ('name',),
    'rooms': ('name',),
    'organisations': ('description', 'name'),
    'people': ('role_text', 'bio'),
    'collaborations': ('name', 'purpose'),
}
SWEDISH = re.compile(r'[åäöÅÄÖ]|\b(och|för|med|att|som|inom|mellan|är)\b', re.IGNORECASE)


def _add(table, language=True):
    # Plain ALTER TABLE … ADD COLUMN, never a batch: on SQLite a batch recreates the table, and
    # dropping the old events table cascades to every session and registration.
    if language:
        op.add_column(
            table,
            sa.Column('original_language', sa.String(length=8), nullable=False, server_default='en'),
        )
    op.add_column(
        table,
        sa.Column('translations', sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
    )


def upgrade():
    _add('events', language=False)
    for table in ('event_series', 'sessions', *DIRECTORY):
        _add(table)
    op.execute(
        'UPDATE sessions SET original_language = '
        "(SELECT COALESCE(events.language, 'en') FROM events WHERE events.id = sessions.event_id)"
    )
    op.execute(
        'UPDATE event_series SET original_language = COALESCE((SELECT events.language '
        'FROM events WHERE events.series_id = event_series.id '
        "ORDER BY events.starts_at DESC LIMIT 1), 'en')"
    )
    connection = op.get_bind()
    for table, columns in DIRECTORY.items():
        rows = connection.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}"))
        swedish = [row[0] for row in rows if SWEDISH.search(' '.join(v or '' for v in row[1:]))]
        if swedish:
            connection.execute(
                sa.text(f"UPDATE {table} SET original_language = 'sv' WHERE id IN :ids")
                .bindparams(sa.bindparam('ids', expanding=True)),
                {'ids': swedish},
            )


def downgrade():
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch operation would
    # recreate each table on SQLite, and dropping the old events table cascades to every session
    # and registration while foreign keys are on.
    for table in ('event_series', 'sessions', *DIRECTORY):
        op.execute(f'ALTER TABLE {table} DROP COLUMN translations')
        op.execute(f'ALTER TABLE {table} DROP COLUMN original_language')
    op.execute('ALTER TABLE events DROP COLUMN translations')
