"""Questions in several languages, and internal questions (interview notes)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('internal', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE questions SET translations = '{}'")
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.alter_column('translations', existing_type=sa.JSON(), nullable=False)
    # Existing interviews: their background and follow-up notes become internal.
    op.execute(
        sa.text(
            "UPDATE questions SET internal = :yes WHERE activity_id IN "
            "(SELECT id FROM activities WHERE kind = 'interview') AND ("
            "prompt LIKE 'Bakgrunn%' OR prompt LIKE 'Oppfølging%' "
            "OR prompt LIKE 'Background%' OR prompt LIKE 'Follow-up%')"
        ).bindparams(yes=True)
    )


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('internal')
        batch_op.drop_column('translations')
