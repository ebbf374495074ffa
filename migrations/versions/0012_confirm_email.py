"""registration: a place is held until the address is confirmed

Revision ID: 0012_confirm_email
Revises: 0006_translations
Create Date: 2026-12-03 20:45:00

Events get ``confirm_email``: on for events made from now on (the model's default), off for the
events that exist (their organisers published them promising an immediate place, and their
registrations are already in). Registrations get ``hold_expires_at`` and the status
``unconfirmed``, which holds a place and has one registration per address like the other active
ones: the status CHECK and the partial unique index are widened.

The CHECK on SQLite: a table cannot change a constraint there without being rebuilt, and a
rebuild (DROP TABLE) cascades to every registration's session choices. Allowing one more value
invalidates no stored row, the case SQLite documents for editing the stored schema in place
(https://www.sqlite.org/lang_altertable.html, "otherwise-compatible" changes).
"""
import re

from alembic import op
import sqlalchemy as sa


revision = '0012_confirm_email'
down_revision = '0006_translations'
branch_labels = None
depends_on = None

OLD = ('pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected')
NEW = (*OLD, 'unconfirmed')
CHECK = 'ck_registrations_registration_status'
INDEX = 'uq_registrations_active_email'
OLD_ACTIVE = "status IN ('pending', 'confirmed', 'waitlisted')"
NEW_ACTIVE = "status IN ('unconfirmed', 'pending', 'confirmed', 'waitlisted')"


def _values(values):
    return ', '.join(f"'{v}'" for v in values)


def _set_status_check(values):
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        sql = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'registrations'"
        ).scalar_one()
        pattern = re.compile(rf'(CONSTRAINT {CHECK} CHECK \(status IN \()[^)]*(\)\))')
        assert pattern.search(sql), 'the status CHECK of registrations was not found'
        new_sql = pattern.sub(lambda m: m.group(1) + _values(values) + m.group(2), sql)
        version = bind.exec_driver_sql('PRAGMA schema_version').scalar_one()
        bind.exec_driver_sql('PRAGMA writable_schema = ON')
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'registrations'",
            (new_sql,),
        )
        bind.exec_driver_sql(f'PRAGMA schema_version = {version + 1}')
        bind.exec_driver_sql('PRAGMA writable_schema = OFF')
    else:
        op.drop_constraint(op.f(CHECK), 'registrations', type_='check')
        op.create_check_constraint(op.f(CHECK), 'registrations', f'status IN ({_values(values)})')


def _set_active_index(where):
    op.drop_index(INDEX, table_name='registrations')
    op.create_index(
        INDEX, 'registrations', ['event_id', 'email'], unique=True,
        sqlite_where=sa.text(where), postgresql_where=sa.text(where),
    )


def upgrade():
    # Plain ALTER TABLE … ADD COLUMN, never a batch (see 0006_translations).
    op.add_column(
        'events',
        sa.Column('confirm_email', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        'registrations', sa.Column('hold_expires_at', sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index('ix_registrations_hold_expires_at', 'registrations', ['hold_expires_at'])
    _set_status_check(NEW)
    _set_active_index(NEW_ACTIVE)
    # Proof-of-work challenges already used once (registration/proof.py).
    op.create_table(
        'spent_challenges',
        sa.Column('signature', sa.String(length=128), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('signature', name=op.f('pk_spent_challenges')),
    )
    op.create_index('ix_spent_challenges_expires_at', 'spent_challenges', ['expires_at'])


def downgrade():
    op.drop_index('ix_spent_challenges_expires_at', table_name='spent_challenges')
    op.drop_table('spent_challenges')
    # An unconfirmed registration cannot be kept under the old rules: it lapses.
    op.execute(
        "UPDATE registrations SET status = 'cancelled', cancelled_at = hold_expires_at "
        "WHERE status = 'unconfirmed'"
    )
    _set_active_index(OLD_ACTIVE)
    _set_status_check(OLD)
    op.drop_index('ix_registrations_hold_expires_at', table_name='registrations')
    op.drop_column('registrations', 'hold_expires_at')
    op.drop_column('events', 'confirm_email')
