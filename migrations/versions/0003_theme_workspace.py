"""Theme workspace and results: analysis runs, themes, members, edits, embeddings, publishing

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 15:55:33.090009

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('results_published_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('results_text', sa.Text(), nullable=False, server_default=''))

    op.create_table('analysis_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='runstatus', native_enum=False, length=20), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('selection', sa.JSON(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('version', sa.String(length=60), nullable=False),
    sa.Column('input_count', sa.Integer(), nullable=False),
    sa.Column('proposal', sa.JSON(), nullable=False),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_analysis_runs_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_analysis_runs_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_runs'))
    )
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_runs_project_id'), ['project_id'], unique=False)

    op.create_table('theme_edits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['analysis_runs.id'], name=op.f('fk_theme_edits_run_id_analysis_runs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_theme_edits_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_edits'))
    )
    with op.batch_alter_table('theme_edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_edits_run_id'), ['run_id'], unique=False)

    op.create_table('themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('terms', sa.JSON(), nullable=False),
    sa.Column('quotes', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pin_order', sa.Integer(), nullable=True),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('indicators', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['analysis_runs.id'], name=op.f('fk_themes_run_id_analysis_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes'))
    )
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_themes_run_id'), ['run_id'], unique=False)

    op.create_table('answer_embeddings',
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('model', sa.String(length=80), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_answer_embeddings_answer_id_answers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('answer_id', name=op.f('pk_answer_embeddings'))
    )
    op.create_table('theme_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('is_excluded', sa.Boolean(), nullable=False),
    sa.Column('is_new', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_theme_members_answer_id_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['analysis_runs.id'], name=op.f('fk_theme_members_run_id_analysis_runs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_theme_members_theme_id_themes'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_members')),
    sa.UniqueConstraint('run_id', 'answer_id', name=op.f('uq_theme_members_run_id'))
    )
    with op.batch_alter_table('theme_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_members_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_theme_members_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_theme_members_theme_id'), ['theme_id'], unique=False)

    # ### end Alembic commands ###


def downgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_column('results_text')
        batch_op.drop_column('results_published_at')

    with op.batch_alter_table('theme_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_members_theme_id'))
        batch_op.drop_index(batch_op.f('ix_theme_members_run_id'))
        batch_op.drop_index(batch_op.f('ix_theme_members_answer_id'))

    op.drop_table('theme_members')
    op.drop_table('answer_embeddings')
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_themes_run_id'))

    op.drop_table('themes')
    with op.batch_alter_table('theme_edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_edits_run_id'))

    op.drop_table('theme_edits')
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_runs_project_id'))

    op.drop_table('analysis_runs')
    # ### end Alembic commands ###
