"""mail: outbox messages rendered at send time (render_context, rendered_at, discarded_at)

Revision ID: 0003_outbox_render_at_send
Revises: 0002_calendar_feed_changes
Create Date: 2026-11-22 22:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0003_outbox_render_at_send'
down_revision = '0002_calendar_feed_changes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('render_context', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('rendered_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('discarded_at', sa.DateTime(timezone=True), nullable=True))
    # Every message written before this revision was rendered when it was enqueued.
    op.execute('UPDATE outbox_messages SET rendered_at = created_at')


def downgrade():
    # Messages still waiting to be rendered have no text to fall back on: they are dropped.
    op.execute('DELETE FROM outbox_messages WHERE rendered_at IS NULL AND sent_at IS NULL')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('discarded_at')
        batch_op.drop_column('rendered_at')
        batch_op.drop_column('render_context')
