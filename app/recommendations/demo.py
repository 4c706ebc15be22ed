"""The living office for recommendations: three months of agencies' survey plans at each office,
filed, checked, drafted, signed, sent and rated through the engine (app.core.reference.living)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core.reference.living import (
    COMMENTS,
    DEMO_PDF,
    SCORE_SETS,
    Replay,
    Step,
    ensure_people,
    mail_held,
    user,
    wanted,
)
from app.core.reference.models import Office
from app.extensions import db
from app.recommendations.models import RecommendationRequest

ACTIVITIES = [
    # title, organiser, type, population, sample size, method, variables
    ("Survei Kepuasan Pasien Rawat Jalan", "Dinas Kesehatan", "survey", "Pasien rawat jalan rumah sakit daerah",
     400, "Sampel acak sistematis, wawancara tatap muka", "Umur, jenis layanan, waktu tunggu, kepuasan"),
    ("Pendataan Usaha Mikro dan Kecil", "Dinas Koperasi dan UKM", "census", "Seluruh usaha mikro dan kecil",
     None, "Pencacahan lengkap dari rumah ke rumah", "Jenis usaha, tenaga kerja, omzet, permodalan"),
    ("Survei Harga Produsen Gabah", "Dinas Pertanian dan Pangan", "survey", "Petani padi dan penggilingan",
     250, "Sampel bertahap dua tahap, wawancara", "Harga gabah, kualitas, varietas"),
    ("Kompilasi Data Pendidikan Daerah", "Dinas Pendidikan", "compilation", "Satuan pendidikan dasar dan menengah",
     None, "Kompilasi data administrasi sekolah", "Jumlah murid, guru, ruang kelas"),
    ("Survei Indeks Kepuasan Masyarakat Pelayanan Publik", "Bagian Organisasi Setda", "survey",
     "Pengguna layanan perangkat daerah", 600, "Sampel kuota per unit layanan, kuesioner", "Sembilan unsur IKM"),
    ("Survei Pola Konsumsi Rumah Tangga Nelayan", "Dinas Kelautan dan Perikanan", "survey",
     "Rumah tangga nelayan pesisir", 300, "Sampel acak berstrata, wawancara", "Pengeluaran pangan dan non-pangan"),
]
# The path of each demo request and how many working days ago it was filed (see app.sales.demo).
LETTER_PLANS = [
    (("submit", "verify", "draft_letter", "sign", "send", "rate"), 70),
    (("submit", "return", "resubmit", "verify", "draft_letter", "request_revision", "draft_letter", "sign", "send",
      "rate"), 60),
    (("submit", "verify", "draft_letter", "sign", "send"), 45),
    (("submit", "verify", "draft_letter", "sign", "send", "rate"), 40),
    # open: overdue (30 working days passed since the form was complete) and at risk
    (("submit", "verify"), 34),
    (("submit", "verify", "draft_letter"), 30),
    (("submit", "verify", "draft_letter", "request_revision"), 14),
    (("submit", "verify", "draft_letter", "sign"), 9),
    (("submit", "verify", "draft_letter"), 6),
    (("submit", "return"), 4),
    (("submit",), 2),
    ((), 1),
]
GAPS = {"submit": 0, "verify": 2, "draft_letter": 3, "sign": 2, "send": 1, "rate": 3, "resubmit": 2}


class _Letter:
    def __init__(self, replay, applicant, seq: int):
        code = replay.office.code
        self.replay, self.applicant, self.seq = replay, applicant, seq
        self.officer, self.head = user(f"officer-{code}"), user(f"head-{code}")
        self.record_id = None

    def _act(self, action: str, who, **data):
        from app.core.workflow.engine import apply
        from app.recommendations.procedure import RECOMMENDATION

        apply(RECOMMENDATION, self.record_id, action, who, data)

    def file(self) -> None:
        from app.core.workflow.engine import upload
        from app.recommendations.procedure import RECOMMENDATION
        from app.recommendations.service import create_draft

        office, rng = self.replay.office, self.replay.rng
        title, organiser, kind, population, sample, method, variables = ACTIVITIES[self.seq % len(ACTIVITIES)]
        area = office.name.replace("BPS ", "")
        start = self.replay.today + timedelta(days=30 + rng.randrange(60))
        profile = self.applicant.applicant_profile
        record = create_draft({
            "office": office.code, "title": f"{title} {area} {start.year}", "organiser": f"{organiser} {area}",
            "objective": f"Menyediakan data {title.lower()} sebagai dasar perencanaan program {start.year}.",
            "activity_type": kind, "population": f"{population} di {area}", "sample_size": sample,
            "method": method, "variables": variables, "area": area, "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=45)).isoformat(), "funding": f"APBD {area} {start.year}",
            "contact_name": profile.full_name, "contact_email": self.applicant.email,
        }, self.applicant)
        self.record_id = record.id
        for kind_of_file, name in (("questionnaire", "kuesioner.pdf"), ("cover_letter", "surat-pengantar.pdf")):
            upload(RECOMMENDATION, record.id, kind_of_file, DEMO_PDF, name, self.applicant)

    def step(self, name: str):
        officer, head, applicant = self.officer, self.head, self.applicant
        return {
            "submit": lambda: self._act("submit", applicant),
            "resubmit": lambda: self._act("submit", applicant),
            "verify": lambda: self._act("verify", officer),
            "return": lambda: self._act("return", officer, note="Metode penarikan sampel dan kerangka sampel "
                                                                 "belum dijelaskan. Mohon dilengkapi."),
            "draft_letter": lambda: self._act("draft_letter", officer),
            "request_revision": lambda: self._act("request_revision", head,
                                                  note="Tambahkan saran agar hasil kegiatan dikirim ke BPS."),
            "sign": lambda: self._act("sign", head),
            "send": lambda: self._act("send", officer),
            "rate": lambda: self._act("rate", applicant, scores=self.replay.rng.choice(SCORE_SETS),
                                      comment=self.replay.rng.choice(COMMENTS)),
        }[name]


def seed_recommendations() -> list[str]:
    """About three months of recommendation requests at each office; nothing when they are there."""
    if not wanted():
        return []
    people = [p for p in ensure_people() if p.applicant_profile.segment == "government"]
    if db.session.scalar(select(RecommendationRequest.id).where(
            RecommendationRequest.applicant_id.in_([p.id for p in people])).limit(1)):
        return ["Living demo: recommendation work already there"]
    made, refused = 0, []
    with mail_held():
        for office in db.session.scalars(select(Office).order_by(Office.code)).all():
            replay = Replay("recommendations", office)
            for seq, (path, start) in enumerate(LETTER_PLANS):
                letter = _Letter(replay, replay.rng.choice(people), seq)
                steps = [Step(letter.file, 0, "file")] + [Step(letter.step(name), GAPS.get(name, 1), name)
                                                          for name in path]
                if replay.run(replay.working_days_ago(start), steps):
                    made += 1
            refused += replay.refused
    return [f"Living demo: {made} recommendation requests over three months"] + \
        [f"  refused: {line}" for line in refused]
