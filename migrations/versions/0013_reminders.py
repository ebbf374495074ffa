"""reminders and organisers' messages

Revision ID: 0013_reminders
Revises: 0008_contributions
Create Date: 2026-12-04 19:00:00

Events and series get two reminder switches (two days before, the morning of the event): on for
events made from now on (the models' default), off for the events that exist, whose
registrants were never told to expect them. ``reminder_deliveries`` holds one row per
registration and reminder, unique: the row is the claim that makes a reminder go out once, even
with several senders and after a restart. Organisers' messages are kept with their versions and
audience; outbox rows name the message they belong to and the sender's display name.

Events and sessions get ``uid_host``: their iCalendar UIDs no longer follow EVENTAPP_BASE_URL.
"""

from alembic import op
import sqlalchemy as sa


revision = '0013_reminders'
down_revision = "0011_registration_questions"
branch_labels = None
depends_on = None

SWITCHES = ('remind_two_days', 'remind_morning')


def _site_host():
    """The host UIDs were made with until now: the configured BASE_URL's."""
    from urllib.parse import urlsplit

    try:
        from flask import current_app

        base_url = current_app.config.get('BASE_URL') or ''
    except RuntimeError:  # no application: the environment, as Config reads it
        import os

        base_url = os.environ.get('EVENTAPP_BASE_URL', 'http://127.0.0.1:5000')
    return urlsplit(base_url).hostname or 'localhost'


def upgrade():
    # UIDs keep the host they were made with (``event-<id>@<host>``): the rows that exist keep
    # today's, so no subscriber sees a duplicate now, nor after a move to another domain.
    host = _site_host()
    for table in ('events', 'sessions'):
        op.add_column(table, sa.Column('uid_host', sa.String(length=253), nullable=True))
        op.get_bind().execute(sa.text(f'UPDATE {table} SET uid_host = :host'), {'host': host})
    # Plain ADD/DROP COLUMN, never a batch rebuild of these tables: on SQLite a rebuild drops the
    # table, and the drop cascades to every session and registration (or empties series_id).
    for table in ('events', 'event_series'):
        for name in SWITCHES:
            op.add_column(
                table, sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )
    op.create_table(
        'reminder_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('registration_id', sa.Integer(), nullable=False),
        sa.Column('reminder', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_reminder_deliveries_event_id_events'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_reminder_deliveries_registration_id_registrations'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_deliveries')),
        sa.UniqueConstraint('registration_id', 'reminder', name='uq_reminder_deliveries_once'),
    )
    op.create_index(op.f('ix_reminder_deliveries_event_id'), 'reminder_deliveries', ['event_id'])
    op.create_table(
        'organiser_messages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('sender_name', sa.String(length=200), nullable=False),
        sa.Column('reply_to', sa.String(length=254), nullable=False),
        sa.Column('versions', sa.JSON(), nullable=False),
        sa.Column('audience', sa.JSON(), nullable=False),
        sa.Column('recipients', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_organiser_messages_event_id_events'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_organiser_messages_author_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organiser_messages')),
    )
    op.create_index(op.f('ix_organiser_messages_event_id'), 'organiser_messages', ['event_id'])
    # outbox_messages may be rebuilt on SQLite (to add its foreign key): no table refers to it.
    with op.batch_alter_table('outbox_messages') as batch:
        batch.add_column(sa.Column('sender_name', sa.String(length=200), nullable=False, server_default=''))
        batch.add_column(sa.Column('organiser_message_id', sa.Integer(), nullable=True))
        batch.create_index(batch.f('ix_outbox_messages_organiser_message_id'), ['organiser_message_id'])
        batch.create_foreign_key(
            batch.f('fk_outbox_messages_organiser_message_id_organiser_messages'),
            'organiser_messages', ['organiser_message_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    for table in ('events', 'sessions'):
        op.drop_column(table, 'uid_host')
    with op.batch_alter_table('outbox_messages') as batch:
        batch.drop_constraint(batch.f('fk_outbox_messages_organiser_message_id_organiser_messages'), type_='foreignkey')
        batch.drop_index(batch.f('ix_outbox_messages_organiser_message_id'))
        batch.drop_column('organiser_message_id')
        batch.drop_column('sender_name')
    op.drop_index(op.f('ix_organiser_messages_event_id'), table_name='organiser_messages')
    op.drop_table('organiser_messages')
    op.drop_index(op.f('ix_reminder_deliveries_event_id'), table_name='reminder_deliveries')
    op.drop_table('reminder_deliveries')
    for table in ('events', 'event_series'):
        for name in SWITCHES:
            op.drop_column(table, name)
