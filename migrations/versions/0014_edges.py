"""registrations: a folded copy of name, e-mail and affiliation to search

Revision ID: 0014_edges
Revises: 0008_contributions
Create Date: 2026-12-04 19:00:00

SQLite folds only ASCII letters in ``lower()`` and ``LIKE``, and PostgreSQL's ``unaccent`` is an
extension that may not be installed: registrations keep ``search_text``, folded in Python
(eventapp/core/search.py), and searches compare with it. One new column (plain ``ADD COLUMN``,
never a batch: on SQLite a batch recreates the table and dropping the old one cascades), filled
for the rows that exist. No index: a "contains" search cannot use a B-tree, and the rows searched
are already narrowed to one event by ``ix_registrations_event_status``.
"""
from alembic import op
import sqlalchemy as sa

from eventapp.core.search import search_text_of


revision = '0014_edges'
down_revision = "0010_desk"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'registrations',
        sa.Column('search_text', sa.String(length=700), server_default='', nullable=False),
    )
    bind = op.get_bind()
    table = sa.table(
        'registrations',
        sa.column('id', sa.Integer),
        sa.column('name', sa.String),
        sa.column('email', sa.String),
        sa.column('affiliation', sa.String),
        sa.column('search_text', sa.String),
    )
    rows = bind.execute(sa.select(table.c.id, table.c.name, table.c.email, table.c.affiliation))
    values = [
        {'row_id': row.id, 'text': search_text_of(row.name, row.email, row.affiliation)}
        for row in rows
    ]
    if values:
        bind.execute(
            table.update()
            .where(table.c.id == sa.bindparam('row_id'))
            .values(search_text=sa.bindparam('text')),
            values,
        )


def downgrade():
    op.drop_column('registrations', 'search_text')
