"""recommendation procedure: forms, letters, public register

Revision ID: d0_recommendations
Revises: c0_sales
"""
from alembic import op
import sqlalchemy as sa

revision = "d0_recommendations"
down_revision = "c0_sales"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recommendation_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=250), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=False),
        sa.Column("objective", sa.Text(), nullable=False),
        sa.Column("activity_type", sa.String(length=20), nullable=False),
        sa.Column("population", sa.Text(), nullable=False),
        sa.Column("sample_size", sa.Integer(), nullable=True),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("variables", sa.Text(), nullable=False),
        sa.Column("area", sa.String(length=250), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("funding", sa.String(length=200), nullable=False),
        sa.Column("contact_name", sa.String(length=150), nullable=False),
        sa.Column("contact_email", sa.String(length=200), nullable=False),
        sa.Column("considerations", sa.Text(), nullable=True),
        sa.Column("suggestions", sa.Text(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column("letter_number", sa.String(length=80), nullable=True),
        sa.Column("letter_date", sa.Date(), nullable=True),
        sa.Column("signer_id", sa.Integer(), nullable=True),
        sa.Column("signer_name", sa.String(length=150), nullable=True),
        sa.Column("signer_nip", sa.String(length=18), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sla_due_date", sa.Date(), nullable=True),
        sa.Column("sla_state", sa.String(length=10), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["applicant_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["ab_user.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["signer_id"], ["ab_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("letter_number"),
    )
    with op.batch_alter_table("recommendation_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recommendation_request_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recommendation_request_office_id"), ["office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recommendation_request_sent_at"), ["sent_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_recommendation_request_sla_due_date"), ["sla_due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_recommendation_request_status"), ["status"], unique=False)

    op.create_table(
        "recommendation_letter_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=80), nullable=True),
        sa.Column("signer_title", sa.String(length=200), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("opening", sa.Text(), nullable=True),
        sa.Column("considerations", sa.Text(), nullable=True),
        sa.Column("suggestions", sa.Text(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column("closing", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("office_id"),
    )

    op.create_table(
        "recommendation_signing_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("pkcs12", sa.LargeBinary(), nullable=False),
        sa.Column("passphrase_encrypted", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("serial", sa.String(length=80), nullable=False),
        sa.Column("not_after", sa.DateTime(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["ab_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("office_id"),
    )

    # The outbox carries one document as an attachment: the signed letter the officer sends.
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attachment_document_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_outbox_message_attachment_document", "document",
                                    ["attachment_document_id"], ["id"])


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_constraint("fk_outbox_message_attachment_document", type_="foreignkey")
        batch_op.drop_column("attachment_document_id")
    op.drop_table("recommendation_signing_certificate")
    op.drop_table("recommendation_letter_template")
    with op.batch_alter_table("recommendation_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_request_status"))
        batch_op.drop_index(batch_op.f("ix_recommendation_request_sla_due_date"))
        batch_op.drop_index(batch_op.f("ix_recommendation_request_sent_at"))
        batch_op.drop_index(batch_op.f("ix_recommendation_request_office_id"))
        batch_op.drop_index(batch_op.f("ix_recommendation_request_applicant_id"))
    op.drop_table("recommendation_request")
