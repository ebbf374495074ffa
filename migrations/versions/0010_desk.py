"""The organiser's desk: an event may show its programme as a read-only grid on its public page

Revision ID: 0010_desk
Revises: 0008_contributions
Create Date: 2026-12-04 19:00:00

One new column, default off (``ALTER TABLE … ADD COLUMN``, never a batch: on SQLite a batch
recreates the table, and dropping the old one cascades).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_desk'
down_revision = "0013_reminders"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'events', sa.Column('public_grid', sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade():
    op.drop_column('events', 'public_grid')
