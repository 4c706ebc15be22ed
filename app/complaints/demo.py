"""Demo complaints at every office, one in each state and each way they get there, all through the engine.

Deterministic in content (tracking codes are random by design); idempotent: a complaint already seeded at
an office (same text) is left as it is."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.complaints.models import Complaint
from app.complaints.procedure import COMPLAINTS
from app.complaints.service import file_public, record_by_staff
from app.core.calendar.workdays import jakarta_today
from app.core.reference.models import Office
from app.core.workflow import engine
from app.extensions import db

# channel (website = the public page), days ago received, steps through the procedure, the complaint.
STORIES = [
    ("website", 0, (), "Antrean di ruang PST lama sekali dan tidak ada petugas di meja informasi pada pukul 10.00."),
    ("lapor", 9, (), "Permintaan data mikro saya belum dijawab lebih dari dua minggu (diteruskan dari LAPOR!)."),
    ("whatsapp", 2, ("triage",), "Tautan unduhan publikasi di situs web kabupaten tidak bisa dibuka."),
    ("box", 6, ("triage", "answer"), "Toilet pengunjung di lantai satu tidak berfungsi."),
    ("email", 20, ("triage", "answer", "close"), "Tarif peta wilkerstat pada leaflet berbeda dengan di situs web."),
    ("social", 15, ("triage", "answer", "reopen"), "Jawaban konsultasi saya tidak menjawab pertanyaan tentang "
                                                   "metodologi garis kemiskinan."),
    ("phone", 1, ("forward",), "Keluhan tentang pelayanan di kantor kabupaten tetangga."),
]
ANSWER = "Terima kasih atas masukan Anda. Kami telah menindaklanjutinya dan memperbaikinya minggu ini."


def _handler(office: Office):
    from app.extensions import appbuilder

    return appbuilder.sm.find_user(username=f"complaints-{office.code}")


def _forward_target(office: Office, offices: dict[str, Office]) -> Office:
    # A complaint about a regency filed at its province goes down; one filed at a regency goes up.
    if office.children:
        return sorted(office.children, key=lambda child: child.code)[0]
    return office.parent or offices["0000"]


def seed_complaints() -> list[str]:
    offices = {office.code: office for office in db.session.scalars(select(Office).order_by(Office.code))}
    filed = 0
    for code, office in offices.items():
        handler = _handler(office)
        if handler is None:
            continue
        for index, (channel, days_ago, steps, body) in enumerate(STORIES):
            text = f"{body} [{office.code}]"
            if db.session.scalar(select(Complaint.id).where(Complaint.body == text)):
                continue
            received = (jakarta_today() - timedelta(days=days_ago)).isoformat()
            if channel == "website":
                complaint = file_public({"office": code, "name": "", "body": text})
            else:
                complaint = record_by_staff({
                    "channel": channel, "received_at": received, "body": text, "name": "Warga Pengguna Data",
                    "phone": "0812 0000 %04d" % (index + int(code)),
                    "lapor_id": f"LPR-{code}-{index:04d}" if channel == "lapor" else None}, handler)
            for step in steps:
                data = {"message": ANSWER} if step == "answer" else {}
                if step == "forward":
                    data = {"office": _forward_target(office, offices).code,
                            "note": "Pelayanan yang dikeluhkan berada di kantor tersebut."}
                if step == "reopen":
                    data = {"note": "Pelapor menelepon: jawaban belum menjawab pertanyaannya."}
                engine.apply(COMPLAINTS, complaint.id, step, handler, data)
            filed += 1
    return [f"Complaints: {filed} demo complaint(s) filed through the engine."] if filed else []
