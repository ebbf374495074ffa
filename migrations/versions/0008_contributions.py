"""Calls for contributions: calls, kinds, tracks, submissions, authors, reviewers, reviews; an
outbox message may name where replies go

Revision ID: 0008_contributions
Revises: 0006_translations
Create Date: 2026-12-03 20:30:00

Only new tables and one new column (``outbox_messages.reply_to``, default empty): plain
``CREATE TABLE`` and ``ALTER TABLE … ADD COLUMN``, never a batch (on SQLite a batch recreates
the table, and dropping the old one cascades).
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_contributions'
down_revision = '0012_confirm_email'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contribution_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('criteria', sa.Text(), nullable=False),
    sa.Column('blind_review', sa.Boolean(), nullable=False),
    sa.Column('reviews_per_submission', sa.Integer(), nullable=False),
    sa.Column('original_language', sa.String(length=8), server_default='en', nullable=False),
    sa.Column('translations', sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('closes_at > opens_at', name=op.f('ck_contribution_calls_closes_after_opening')),
    sa.CheckConstraint('reviews_per_submission BETWEEN 1 AND 10', name=op.f('ck_contribution_calls_reviews_in_range')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_contribution_calls_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_calls')),
    sa.UniqueConstraint('event_id', name=op.f('uq_contribution_calls_event_id'))
    )
    op.create_table('contribution_call_kinds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('talk', 'short_presentation', 'poster', 'exhibition', 'workshop', name='contribution_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('word_limit', sa.Integer(), nullable=False),
    sa.CheckConstraint('word_limit > 0', name=op.f('ck_contribution_call_kinds_word_limit_positive')),
    sa.ForeignKeyConstraint(['call_id'], ['contribution_calls.id'], name=op.f('fk_contribution_call_kinds_call_id_contribution_calls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_call_kinds')),
    sa.UniqueConstraint('call_id', 'kind', name=op.f('uq_contribution_call_kinds_call_id_kind'))
    )
    op.create_index(op.f('ix_contribution_call_kinds_call_id'), 'contribution_call_kinds', ['call_id'], unique=False)
    op.create_table('contribution_tracks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('original_language', sa.String(length=8), server_default='en', nullable=False),
    sa.Column('translations', sa.JSON(), server_default=sa.text("'{}'"), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['contribution_calls.id'], name=op.f('fk_contribution_tracks_call_id_contribution_calls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_tracks'))
    )
    op.create_index(op.f('ix_contribution_tracks_call_id'), 'contribution_tracks', ['call_id'], unique=False)
    op.create_table('contribution_reviewers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('track_id', sa.Integer(), nullable=True),
    sa.Column('chair', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_contribution_reviewers_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_contribution_reviewers_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['track_id'], ['contribution_tracks.id'], name=op.f('fk_contribution_reviewers_track_id_contribution_tracks'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_contribution_reviewers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_reviewers')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_contribution_reviewers_event_id_user_id'))
    )
    op.create_index(op.f('ix_contribution_reviewers_event_id'), 'contribution_reviewers', ['event_id'], unique=False)
    op.create_index(op.f('ix_contribution_reviewers_user_id'), 'contribution_reviewers', ['user_id'], unique=False)
    op.create_table('contribution_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('abstract', sa.Text(), nullable=False),
    sa.Column('markdown', sa.Boolean(), nullable=False),
    sa.Column('keywords', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.Enum('talk', 'short_presentation', 'poster', 'exhibition', 'workshop', name='submission_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('track_id', sa.Integer(), nullable=True),
    sa.Column('file_path', sa.String(length=200), nullable=True),
    sa.Column('consent_publish', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'revision', 'accepted', 'rejected', 'withdrawn', name='submission_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('previous', sa.JSON(), nullable=True),
    sa.Column('decision', sa.Enum('accept', 'revision', 'reject', name='decision', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('decision_kind', sa.Enum('talk', 'short_presentation', 'poster', 'exhibition', 'workshop', name='decision_kind', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('decision_released_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_kind', sa.Enum('talk', 'short_presentation', 'poster', 'exhibition', 'workshop', name='accepted_kind', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('board_number', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('email = lower(email)', name=op.f('ck_contribution_submissions_email_lower_case')),
    sa.CheckConstraint('round >= 1', name=op.f('ck_contribution_submissions_round_positive')),
    sa.ForeignKeyConstraint(['call_id'], ['contribution_calls.id'], name=op.f('fk_contribution_submissions_call_id_contribution_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_contribution_submissions_session_id_sessions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['track_id'], ['contribution_tracks.id'], name=op.f('fk_contribution_submissions_track_id_contribution_tracks'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_submissions')),
    sa.UniqueConstraint('call_id', 'board_number', name=op.f('uq_contribution_submissions_call_id_board_number')),
    sa.UniqueConstraint('secret', name=op.f('uq_contribution_submissions_secret'))
    )
    op.create_index(op.f('ix_contribution_submissions_call_id'), 'contribution_submissions', ['call_id'], unique=False)
    op.create_index(op.f('ix_contribution_submissions_session_id'), 'contribution_submissions', ['session_id'], unique=False)
    op.create_index(op.f('ix_contribution_submissions_track_id'), 'contribution_submissions', ['track_id'], unique=False)
    op.create_table('contribution_authors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('affiliation', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('presenting', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_contribution_authors_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['contribution_submissions.id'], name=op.f('fk_contribution_authors_submission_id_contribution_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_authors'))
    )
    op.create_index(op.f('ix_contribution_authors_organisation_id'), 'contribution_authors', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_contribution_authors_submission_id'), 'contribution_authors', ['submission_id'], unique=False)
    op.create_table('contribution_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('recommendation', sa.Enum('accept', 'accept_as', 'revision', 'reject', name='recommendation', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('recommended_kind', sa.Enum('talk', 'short_presentation', 'poster', 'exhibition', 'workshop', name='recommended_kind', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('comment_committee', sa.Text(), nullable=False),
    sa.Column('comment_authors', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reviewer_id'], ['contribution_reviewers.id'], name=op.f('fk_contribution_reviews_reviewer_id_contribution_reviewers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submission_id'], ['contribution_submissions.id'], name=op.f('fk_contribution_reviews_submission_id_contribution_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_reviews')),
    sa.UniqueConstraint('submission_id', 'reviewer_id', 'round', name=op.f('uq_contribution_reviews_submission_id_reviewer_id_round'))
    )
    op.create_index(op.f('ix_contribution_reviews_reviewer_id'), 'contribution_reviews', ['reviewer_id'], unique=False)
    op.create_index(op.f('ix_contribution_reviews_submission_id'), 'contribution_reviews', ['submission_id'], unique=False)
    op.add_column('outbox_messages', sa.Column('reply_to', sa.String(length=254), server_default='', nullable=False))


def downgrade():
    op.drop_column('outbox_messages', 'reply_to')
    for table in (
        'contribution_reviews',
        'contribution_authors',
        'contribution_submissions',
        'contribution_reviewers',
        'contribution_tracks',
        'contribution_call_kinds',
        'contribution_calls',
    ):
        op.drop_table(table)
