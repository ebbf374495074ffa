"""regforms: an event's own registration questions, their options and answers; session groups

Revision ID: 0011_registration_questions
Revises: 0008_contributions
Create Date: 2026-12-04 19:00:00

Only new tables: plain ``CREATE TABLE``, never a batch (on SQLite a batch recreates a table, and
dropping the old one cascades).
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_registration_questions'
down_revision = "0008_contributions"
branch_labels = None
depends_on = None

KINDS = ('short_text', 'long_text', 'single_choice', 'multiple_choice', 'yes_no', 'number')


def _texts():
    return [
        sa.Column('original_language', sa.String(length=8), server_default='en', nullable=False),
        sa.Column('translations', sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
    ]


def upgrade():
    op.create_table('registration_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum(*KINDS, name='question_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('help_text', sa.String(length=500), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    *_texts(),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_registration_questions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_questions'))
    )
    op.create_index(op.f('ix_registration_questions_event_id'), 'registration_questions', ['event_id'], unique=False)
    op.create_table('registration_question_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    *_texts(),
    sa.ForeignKeyConstraint(['question_id'], ['registration_questions.id'], name=op.f('fk_registration_question_options_question_id_registration_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_question_options'))
    )
    op.create_index(op.f('ix_registration_question_options_question_id'), 'registration_question_options', ['question_id'], unique=False)
    op.create_table('registration_answers',
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('option_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['registration_questions.id'], name=op.f('fk_registration_answers_question_id_registration_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_registration_answers_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('registration_id', 'question_id', name=op.f('pk_registration_answers'))
    )
    op.create_index(op.f('ix_registration_answers_question_id'), 'registration_answers', ['question_id'], unique=False)
    op.create_table('session_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('max_choices', sa.Integer(), nullable=False),
    *_texts(),
    sa.CheckConstraint('max_choices >= 1', name=op.f('ck_session_groups_max_choices_positive')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_session_groups_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_groups'))
    )
    op.create_index(op.f('ix_session_groups_event_id'), 'session_groups', ['event_id'], unique=False)
    op.create_table('session_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['session_groups.id'], name=op.f('fk_session_group_members_group_id_session_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_group_members_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'session_id', name=op.f('pk_session_group_members')),
    sa.UniqueConstraint('session_id', name=op.f('uq_session_group_members_session_id'))
    )


def downgrade():
    op.drop_table('session_group_members')
    op.drop_index(op.f('ix_session_groups_event_id'), table_name='session_groups')
    op.drop_table('session_groups')
    op.drop_index(op.f('ix_registration_answers_question_id'), table_name='registration_answers')
    op.drop_table('registration_answers')
    op.drop_index(op.f('ix_registration_question_options_question_id'), table_name='registration_question_options')
    op.drop_table('registration_question_options')
    op.drop_index(op.f('ix_registration_questions_event_id'), table_name='registration_questions')
    op.drop_table('registration_questions')
