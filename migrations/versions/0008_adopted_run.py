"""Analysis runs: a number within the project, and the one run the plan uses (adopted)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:15:00

Existing databases: runs are numbered 1, 2, 3 … per project in the order they were made
(by id), and each project's newest finished run is adopted, so every page keeps showing
what it showed before the upgrade. Projects without a finished run have no adopted run;
their first finished run is adopted when it finishes.

The adopted run is a flag on analysis_runs with a partial unique index (one adopted run per
project) rather than a column on projects, so there is no foreign key cycle between the two
tables and deleting a project or a run needs no special order.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('is_adopted', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('adopted_at', sa.DateTime(timezone=True), nullable=True))

    runs = sa.table(
        'analysis_runs',
        sa.column('id', sa.Integer()),
        sa.column('project_id', sa.Integer()),
        sa.column('number', sa.Integer()),
        sa.column('status', sa.String()),
        sa.column('is_adopted', sa.Boolean()),
        sa.column('adopted_at', sa.DateTime(timezone=True)),
        sa.column('finished_at', sa.DateTime(timezone=True)),
        sa.column('created_at', sa.DateTime(timezone=True)),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(runs.c.id, runs.c.project_id, runs.c.status, runs.c.finished_at, runs.c.created_at)
        .order_by(runs.c.project_id, runs.c.id)
    ).all()
    counts, newest_done = {}, {}
    for run_id, project_id, status, finished_at, created_at in rows:
        counts[project_id] = counts.get(project_id, 0) + 1
        conn.execute(runs.update().where(runs.c.id == run_id).values(number=counts[project_id]))
        if status == 'done':
            newest_done[project_id] = (run_id, finished_at or created_at)
    for run_id, when in newest_done.values():
        conn.execute(runs.update().where(runs.c.id == run_id).values(is_adopted=True, adopted_at=when))

    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_analysis_runs_project_id'), ['project_id', 'number'])
        batch_op.create_index(
            'uq_analysis_runs_adopted', ['project_id'], unique=True,
            sqlite_where=sa.text('is_adopted'), postgresql_where=sa.text('is_adopted'),
        )


def downgrade():
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.drop_index('uq_analysis_runs_adopted')
        batch_op.drop_constraint(batch_op.f('uq_analysis_runs_project_id'), type_='unique')
        batch_op.drop_column('adopted_at')
        batch_op.drop_column('is_adopted')
        batch_op.drop_column('number')
