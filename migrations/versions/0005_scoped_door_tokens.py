"""badges: a door token is for chosen events and has an end (api_token_events, expires_at)

Revision ID: 0005_scoped_door_tokens
Revises: 0004_login_sessions
Create Date: 2026-12-03 18:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005_scoped_door_tokens'
down_revision = '0004_login_sessions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_token_events',
    sa.Column('token_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_api_token_events_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['token_id'], ['api_tokens.id'], name=op.f('fk_api_token_events_token_id_api_tokens'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_id', 'event_id', name=op.f('pk_api_token_events'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True))
    # Tokens made before this revision opened every event their owner manages and never
    # expired; nothing says which door each was for. They are revoked and end now: organisers
    # make a new one on the event's door page (a minute's work, shown on the page).
    op.execute(
        'UPDATE api_tokens SET expires_at = CURRENT_TIMESTAMP, '
        'revoked_at = COALESCE(revoked_at, CURRENT_TIMESTAMP)'
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
    op.drop_table('api_token_events')
