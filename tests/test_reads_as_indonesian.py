"""Screens, mails, exports and flashes read as Indonesian written by a person: labels not codes,
Ya/Tidak, "-" for nothing, dates like "27 Maret 2024"; a mail says what happened, what the reader
should do next, by when, and links there."""
from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from app.core.mail.outbox import OutboxMessage
from app.extensions import db
from tests.support.sales import drive, line, new_request, user

RAW = (">True<", ">False<", ">None<", ">pending<", ">sent<")


def mails_about(record, recipient: str) -> list[OutboxMessage]:
    return db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient == recipient, OutboxMessage.subject.like(f"[{record.label}]%"))
        .order_by(OutboxMessage.id)).all()


def test_a_mail_says_what_happened_what_to_do_by_when_and_links_there(app_ctx):
    record = drive(new_request(lines=[line("publication")]), "invoiced")
    mail = mails_about(record, "applicant1@example.org")[-1]
    assert mail.subject == f"[{record.label}] Invoice diterbitkan"
    body = mail.body_text
    assert "Invoice diterbitkan: " + record.label in body and "Status sekarang: " in body
    assert "Yang perlu Anda lakukan: Bayar" in body and record.billing_code in body
    deadline = re.search(r"Batas waktu: (\d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB)", body)
    assert deadline, body
    assert f"/mysalesrequestview/show/{record.id}" in body
    treasurer = mails_about(record, user("treasurer-3324").email)[-1]
    assert "Yang perlu Anda lakukan: " in treasurer.body_text and f"/salesrequestview/show/{record.id}" in \
        treasurer.body_text
    submitted = mails_about(record, user("officer-3324").email)[0]
    assert submitted.subject == f"[{record.label}] Permintaan diajukan"
    assert "Yang perlu Anda lakukan: Periksa dokumen" in submitted.body_text


def test_a_staff_mail_without_a_written_next_step_names_the_steps_the_reader_may_take(app_ctx):
    from app.core.workflow.engine import apply, upload
    from app.recommendations import service
    from app.recommendations.procedure import RECOMMENDATION
    from tests.support.recommendation import payload

    record = service.create_draft(payload(), user("applicant1"))
    for kind in ("questionnaire", "cover_letter"):
        upload(RECOMMENDATION, record.id, kind, b"%PDF-1.4\n", f"{kind}.pdf", user("applicant1"))
    apply(RECOMMENDATION, record.id, "submit", user("applicant1"), {})
    mail = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient == user("officer-3324").email,
        OutboxMessage.subject == f"[REK-{record.id:05d}] Permintaan diajukan")).one()
    assert "Buka permintaan ini dan lakukan langkah berikutnya: Verifikasi" in mail.body_text


def test_the_flash_after_a_step_says_what_was_done(as_user, app):
    with app.app_context():
        record_id = drive(new_request(lines=[line("publication")]), "submitted").id
    officer = as_user("officer-3324")
    page = officer.post(f"/salesrequestview/act/{record_id}/verify", follow_redirects=True).get_data(as_text=True)
    assert "Permintaan diverifikasi. Status sekarang:" in page and "Berhasil: Verifikasi" not in page


def test_the_user_list_reads_in_indonesian(as_user):
    page = as_user("admin").get("/users/list/").get_data(as_text=True)
    for label in ("Nama Pengguna", "Nama depan", "Nama belakang", "Peran", "Aktif", "Terakhir masuk"):
        assert label in page, label
    assert ">Ya<" in page and "Petugas" in page and "Bendahara" in page
    assert not [raw for raw in RAW if raw in page.replace(" ", "").replace("\n", "")]
    assert "[Officer]" not in page and "First Name" not in page


def test_the_outbox_and_the_tariffs_show_labels_dates_and_dashes(as_user):
    admin = as_user("admin")
    outbox = admin.get("/outboxview/list/").get_data(as_text=True)
    assert "Terkirim" in outbox or "Menunggu dikirim" in outbox
    tariffs = admin.get("/tariffview/list/").get_data(as_text=True)
    assert "27 Maret 2024" in tariffs  # PP 13/2024 in force
    compact = tariffs.replace(" ", "").replace("\n", "")
    assert not [raw for raw in RAW if raw in compact]


def test_the_revenue_export_has_indonesian_headers_and_labels(as_user, app):
    with app.app_context():
        record = drive(new_request(lines=[line("publication")]), "paid")
        year = record.paid_at.year
    response = as_user("treasurer-3324").get(f"/sales/revenue/?year={year}&format=csv")
    assert response.status_code == 200 and "pendapatan-pnbp" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Tahun", "Bulan", "Kode kantor", "Kantor", "Jenis produk", "Jumlah permintaan",
                       "Jumlah (Rp)"]
    months = {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember"}
    assert all(row[1] in months for row in rows[1:]) and any(row[4] == "Publikasi" for row in rows[1:])
