"""One reference per input: responses are numbered within their project (I-1, I-2, …)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('response_counters',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_response_counters_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_response_counters'))
    )
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))

    # Existing responses are numbered per project in the order they came in (by id).
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        'SELECT r.id, a.project_id FROM responses r JOIN activities a ON a.id = r.activity_id '
        'ORDER BY a.project_id, r.id'
    )).all()
    last = {}
    updates = []
    for response_id, project_id in rows:
        last[project_id] = last.get(project_id, 0) + 1
        updates.append({'id': response_id, 'number': last[project_id]})
    if updates:
        bind.execute(sa.text('UPDATE responses SET number = :number WHERE id = :id'), updates)
    if last:
        bind.execute(
            sa.text('INSERT INTO response_counters (project_id, last_number) VALUES (:p, :n)'),
            [{'p': p, 'n': n} for p, n in last.items()],
        )

    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.Integer(), nullable=False)


def downgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_column('number')
    op.drop_table('response_counters')
