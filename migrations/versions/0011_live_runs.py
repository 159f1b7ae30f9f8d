"""Live runs: an analysis of one workshop's answers for its projector

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('live_activity_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_analysis_runs_live_activity_id'), ['live_activity_id'])
        batch_op.create_foreign_key(
            batch_op.f('fk_analysis_runs_live_activity_id_activities'), 'activities',
            ['live_activity_id'], ['id'], ondelete='CASCADE',
        )


def downgrade():
    op.execute("DELETE FROM analysis_runs WHERE live_activity_id IS NOT NULL")
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.drop_constraint('fk_analysis_runs_live_activity_id_activities', type_='foreignkey')
        batch_op.drop_index('ix_analysis_runs_live_activity_id')
        batch_op.drop_column('live_activity_id')
