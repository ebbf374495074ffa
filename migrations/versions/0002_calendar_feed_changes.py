"""calendar: feed_changes (tombstones that keep a feed's Last-Modified moving forward)

Revision ID: 0002_calendar_feed_changes
Revises: 0001_initial
Create Date: 2026-11-21 19:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0002_calendar_feed_changes'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feed_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_changes'))
    )
    with op.batch_alter_table('feed_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_changes_changed_at'), ['changed_at'], unique=False)


def downgrade():
    with op.batch_alter_table('feed_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_changes_changed_at'))
    op.drop_table('feed_changes')
