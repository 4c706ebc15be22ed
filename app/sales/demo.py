"""Demo tariffs (PNBP, PP 13/2024 as a regency office publishes them) and a realistic catalogue."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.core.reference.living import COMMENTS, DEMO_PDF, SCORE_SETS, DemoFile, demo_zip
from app.core.reference.models import Office
from app.extensions import db
from app.sales.models import Product, SalesRequest, Tariff

PP_13_2024 = "PP 13/2024"
IN_FORCE = date(2024, 3, 27)

TARIFFS = [
    # code, name, type, unit, base price, base quantity, extra step, extra price
    ("PUB-ELEK", "Publikasi elektronik s.d. 50 halaman; setiap tambahan 50 halaman Rp15.000",
     "publication", "page", 50_000, 50, 50, 15_000),
    ("MIKRO-TANPA-OLAH", "Data mikro tanpa pengolahan per dataset s.d. 1 MB; setiap tambahan 1.000 byte Rp20",
     "microdata", "byte", 20_000, 1_000_000, 1_000, 20),
    ("MIKRO-OLAH", "Data mikro dengan pengolahan per tabel s.d. 1 MB; setiap tambahan 1.000 byte Rp22",
     "microdata", "byte", 22_000, 1_000_000, 1_000, 22),
    ("PETA-KAB-KEC", "Peta wilkerstat kabupaten/kota per kecamatan", "map", "item", 30_000, 1, 0, 0),
    ("PETA-KAB-DESA", "Peta wilkerstat kabupaten/kota per desa", "map", "item", 70_000, 1, 0, 0),
    ("PETA-INA-KEC", "Peta wilkerstat Indonesia per kecamatan", "map", "item", 12_000_000, 1, 0, 0),
    ("PETA-INA-DESA", "Peta wilkerstat Indonesia per desa", "map", "item", 36_000_000, 1, 0, 0),
]

# office code, type, title, survey, year, format, pages, size in bytes, tariff code, hardcopy
PRODUCTS = [
    ("3324", "publication", "Kabupaten Kendal Dalam Angka 2026", "", 2026, "PDF", 412, None, "PUB-ELEK", True),
    ("3324", "publication", "Kecamatan Patebon Dalam Angka 2025", "", 2025, "PDF", 96, None, "PUB-ELEK", True),
    ("3324", "publication", "Statistik Kesejahteraan Rakyat Kabupaten Kendal 2025", "Susenas", 2025, "PDF",
     120, None, "PUB-ELEK", False),
    ("3324", "microdata", "Susenas Maret 2025 Kabupaten Kendal (KOR individu)", "Susenas", 2025, "SAV", None,
     2_400_000, "MIKRO-TANPA-OLAH", False),
    ("3324", "microdata", "Sakernas Agustus 2025 Kabupaten Kendal", "Sakernas", 2025, "SAV", None,
     1_650_000, "MIKRO-TANPA-OLAH", False),
    ("3324", "map", "Peta Wilkerstat Kabupaten Kendal per Kecamatan 2025", "Wilkerstat", 2025, "SHP", None,
     None, "PETA-KAB-KEC", False),
    ("3324", "map", "Peta Wilkerstat Kabupaten Kendal per Desa 2025", "Wilkerstat", 2025, "SHP", None, None,
     "PETA-KAB-DESA", False),
    ("3300", "publication", "Provinsi Jawa Tengah Dalam Angka 2026", "", 2026, "PDF", 780, None, "PUB-ELEK", True),
    ("3300", "microdata", "Susenas Maret 2025 Provinsi Jawa Tengah (KOR rumah tangga)", "Susenas", 2025, "SAV",
     None, 48_000_000, "MIKRO-TANPA-OLAH", False),
    ("1904", "publication", "Kabupaten Bangka Tengah Dalam Angka 2026", "", 2026, "PDF", 356, None, "PUB-ELEK", True),
    ("1904", "microdata", "Sakernas Agustus 2025 Kabupaten Bangka Tengah", "Sakernas", 2025, "SAV", None,
     900_000, "MIKRO-TANPA-OLAH", False),
    ("0000", "publication", "Statistik Indonesia 2026", "", 2026, "PDF", 830, None, "PUB-ELEK", True),
    ("0000", "microdata", "Sakernas Agustus 2025 (nasional)", "Sakernas", 2025, "SAV", None, 310_000_000,
     "MIKRO-TANPA-OLAH", False),
    ("0000", "map", "Peta Wilkerstat Indonesia per Kecamatan 2025", "Wilkerstat", 2025, "SHP", None, None,
     "PETA-INA-KEC", False),
]


# Demo treasurer accounts for payers abroad (made up; an admin enters the office's real one).
TREASURER_ACCOUNTS = {
    "0000": ("Bank Rakyat Indonesia (BRI), SWIFT BRINIDJA", "0230-01-000123-30-1", "BPN 054 BPS RI"),
    "3300": ("Bank Rakyat Indonesia (BRI), SWIFT BRINIDJA", "0083-01-000456-30-2", "BPN 054 BPS Provinsi Jawa Tengah"),
    "3324": ("Bank Rakyat Indonesia (BRI), SWIFT BRINIDJA", "0331-01-000789-30-3", "BPN 054 BPS Kabupaten Kendal"),
    "1904": ("Bank Sumsel Babel, SWIFT BSSPIDSP", "150-09-01234-5", "BPN 054 BPS Kabupaten Bangka Tengah"),
}


def seed_sales() -> list[str]:
    tariffs: dict[str, Tariff] = {}
    for code, name, ptype, unit, base, base_qty, step, extra in TARIFFS:
        tariff = db.session.scalars(select(Tariff).where(Tariff.code == code)).first() or Tariff(code=code)
        tariff.name, tariff.product_type, tariff.quantity_unit = name, ptype, unit
        tariff.base_price, tariff.base_quantity, tariff.extra_step, tariff.extra_price = base, base_qty, step, extra
        tariff.regulation, tariff.valid_from = PP_13_2024, IN_FORCE
        db.session.add(tariff)
        tariffs[code] = tariff
    offices = {o.code: o for o in db.session.scalars(select(Office)).all()}
    for code, (bank, account, holder) in TREASURER_ACCOUNTS.items():
        office = offices.get(code)
        if office is not None and not office.treasurer_bank_account:
            office.treasurer_bank_name, office.treasurer_bank_account, office.treasurer_bank_holder = \
                bank, account, holder
    for code, ptype, title, survey, year, fmt, pages, size, tariff_code, hardcopy in PRODUCTS:
        product = db.session.scalars(select(Product).where(Product.title == title)).first() or Product(title=title)
        product.office = offices[code]
        product.product_type, product.survey, product.year, product.file_format = ptype, survey, year, fmt
        product.pages, product.size_bytes, product.tariff = pages, size, tariffs[tariff_code]
        product.hardcopy_available = hardcopy
        product.requires_sppd = ptype in ("microdata", "map")
        product.active = True
        db.session.add(product)
    db.session.commit()
    return seed_living_sales()


# --- the living office: three months of sales at each office, through the engine -------------------

PURPOSES = [
    "Skripsi tentang ketenagakerjaan kabupaten", "Perencanaan program pembangunan daerah",
    "Kajian pasar untuk rencana usaha", "Penelitian kemiskinan dan perlindungan sosial",
    "Bahan ajar mata kuliah statistika sosial", "Analisis kesejahteraan rumah tangga petani",
]
# How each demo sale goes: the path of steps, and how many working days ago it began. Recent
# starts stop part-way (their later steps would be in the future), so the office has work at every step.
SALE_PLANS = [
    # happy paths, finished: rated, or completed by themselves
    ("microdata", "online", ("submit", "verify", "invoice", "sign_sppd", "pay", "deliver", "rate"), 60),
    ("publication", "online", ("submit", "verify", "invoice", "pay", "deliver", "rate"), 55),
    ("publication", "walk_in", ("submit", "verify", "invoice", "cash", "deliver", "rate"), 48),
    ("map", "online", ("submit", "verify", "invoice", "sign_sppd", "pay", "deliver", "auto_complete"), 45),
    ("microdata", "online", ("submit", "return", "resubmit", "verify", "invoice", "sign_sppd", "pay", "deliver",
                             "rate"), 40),
    ("publication", "online", ("submit", "verify", "invoice", "dispute", "reissue", "pay", "deliver", "rate"), 35),
    ("microdata", "foreign", ("submit", "verify", "invoice", "sign_sppd", "report", "pay_transfer", "deliver",
                              "rate"), 30),
    ("publication", "zero", ("submit", "verify", "approve_zero", "invoice", "deliver", "rate"), 28),
    # ended otherwise
    ("publication", "online", ("submit", "cancel"), 26),
    ("microdata", "online", ("submit", "reject"), 24),
    ("publication", "online", ("submit", "verify", "invoice", "expire"), 22),
    ("microdata", "online", ("submit", "verify", "invoice", "sign_sppd", "pay", "deliver", "correct", "resolve",
                             "rate"), 20),
    # open work: overdue (verified long ago, the invoice still not issued) and at risk
    ("microdata", "online", ("submit", "verify"), 16),
    ("publication", "online", ("submit", "verify"), 8),
    # in progress at every step
    ("microdata", "online", ("submit", "verify", "invoice", "sign_sppd", "pay"), 12),
    ("publication", "walk_in", ("submit", "verify", "invoice", "cash"), 4),
    ("microdata", "online", ("submit", "verify", "invoice"), 3),
    ("publication", "online", ("submit", "verify", "invoice", "dispute"), 5),
    ("microdata", "foreign", ("submit", "verify", "invoice", "report"), 4),
    ("publication", "online", ("submit", "verify", "invoice", "report_ntpn"), 3),
    ("microdata", "online", ("submit", "return"), 3),
    ("publication", "online", ("submit", "verify", "invoice", "pay", "deliver"), 6),
    ("microdata", "online", ("submit", "verify", "invoice", "sign_sppd", "pay", "deliver", "correct"), 9),
    ("publication", "online", ("submit",), 1),
    ("publication", "online", (), 1),  # a draft the applicant is still composing
    ("publication", "zero", ("submit", "verify"), 2),  # a Rp0 request waiting for the officer's decision
]


def _demo_lines(office, product_type: str, rng) -> list[dict] | None:
    products = db.session.scalars(select(Product).where(
        Product.office_id == office.id, Product.product_type == product_type, Product.active.is_(True))
        .order_by(Product.id)).all()
    if not products:
        return None
    product = rng.choice(products)
    line = {"product": product.id, "quantity": 1}
    if product_type == "microdata":
        line.update(variables=rng.choice(["R101, R102, R407, R1802", "B4K1, B4K5, B5R1", ""]),
                    area=office.name.replace("BPS ", ""))
    if product_type == "map":
        line.update(area=office.name.replace("BPS ", ""), area_level=rng.choice(["subdistrict", "village"]))
    return [line]


class _Sale:
    """One demo request and the steps its people take, each through the engine."""

    def __init__(self, replay, plan, applicant, seq: int):
        from app.core.reference.living import user

        self.replay, self.plan, self.applicant, self.seq = replay, plan, applicant, seq
        code = replay.office.code
        self.officer, self.treasurer = user(f"officer-{code}"), user(f"treasurer-{code}")
        self.record_id = None

    def _act(self, action: str, who, **data):
        from app.core.workflow.engine import apply
        from app.sales.procedure import SALES

        apply(SALES, self.record_id, action, who, data)

    def _upload(self, kind: str, who, data: bytes, filename: str) -> None:
        from app.core.workflow.engine import upload
        from app.sales.procedure import SALES

        upload(SALES, self.record_id, kind, data, filename, who)

    def _record(self):
        return db.session.get(SalesRequest, self.record_id)

    def file(self) -> None:
        from app.sales.service import create_draft

        product_type, channel, _path, _start = self.plan
        rng = self.replay.rng
        payload = {"office": self.replay.office.code, "purpose": rng.choice(PURPOSES),
                   "lines": _demo_lines(self.replay.office, product_type, rng)}
        if channel == "zero":
            payload.update(zero_tariff="yes", zero_tariff_reason="Penelitian tugas akhir mahasiswa")
        if channel == "walk_in":
            record = create_draft(payload, self.officer, applicant=self.applicant)
        else:
            record = create_draft(payload, self.applicant)
        self.record_id = record.id

    def submit(self) -> None:
        record, walk_in = self._record(), self.plan[1] == "walk_in"
        who = self.officer if walk_in else self.applicant
        if record.needs_sppd:
            self._upload("abstract", who, DEMO_PDF, "abstraksi-penggunaan-data.pdf")
        if record.applicant.applicant_profile.segment == "private":
            self._upload("npwp", who, DEMO_PDF, "npwp.pdf")
        if record.zero_tariff_requested:
            self._upload("zero_tariff_letter", who, DEMO_PDF, "surat-permohonan-nol-rupiah.pdf")
        self._act("submit", who)

    def step(self, name: str):
        """The Step function for one name of a plan's path."""
        officer, treasurer, applicant = self.officer, self.treasurer, self.applicant
        code = self.replay.office.code
        actions = {
            "verify": lambda: self._act("verify", officer),
            "return": lambda: self._act("return", officer, note="Abstraksi penggunaan data belum menjelaskan "
                                                                 "variabel yang dibutuhkan. Mohon dilengkapi."),
            "resubmit": lambda: self._act("submit", applicant),
            "approve_zero": lambda: self._act("approve_zero_tariff", officer,
                                              note="Surat permohonan dari perguruan tinggi lengkap."),
            "invoice": lambda: self._act("issue_invoice", officer,
                                         billing_code=f"8{code}{self.record_id:010d}"),
            "reissue": lambda: self._act("issue_invoice", officer,
                                         billing_code=f"9{code}{self.record_id:010d}"),
            "dispute": lambda: self._act("dispute_invoice", applicant,
                                         note="Jumlah halaman publikasi pada tagihan tidak sesuai."),
            "sign_sppd": lambda: self._upload("sppd_signed", applicant, DEMO_PDF, "sppd-ditandatangani.pdf"),
            "pay": lambda: self._act("confirm_payment", treasurer, method="billing",
                                     ntpn=f"D{code}{self.record_id:011d}"),
            "cash": lambda: self._act("confirm_payment", treasurer, method="cash"),
            "report": lambda: self._act("report_payment", applicant, proof=DemoFile("bukti-transfer.pdf"),
                                        payer=applicant.display_name),
            "pay_transfer": lambda: self._act("confirm_payment", treasurer, method="transfer"),
            "report_ntpn": lambda: self._act("report_payment", applicant, ntpn=f"D{code}{self.record_id:011d}",
                                             proof=DemoFile("bukti-setor-bank.pdf")),
            "deliver": self.deliver,
            "correct": lambda: self._act("request_correction", applicant,
                                         note="Nama pada kuitansi salah eja, mohon diperbaiki."),
            "resolve": lambda: self._act("resolve_correction", officer, note="Kuitansi diterbitkan ulang.",
                                         reissue_receipt="yes", payer=applicant.display_name),
            "rate": lambda: self._act("rate", applicant, scores=self.replay.rng.choice(SCORE_SETS),
                                      comment=self.replay.rng.choice(COMMENTS)),
            "auto_complete": lambda: self._act("auto_complete", None),
            "cancel": lambda: self._act("cancel", applicant, note="Data sudah saya peroleh dari publikasi."),
            "reject": lambda: self._act("reject", officer,
                                        note="Abstraksi tidak sesuai dengan data yang diminta."),
            "expire": lambda: self._act("expire", None),
            "submit": self.submit,
        }
        return actions[name]

    def deliver(self) -> None:
        record = self._record()
        if record.has_softcopy:
            self._upload("product", self.officer, demo_zip(), f"produk-{record.label}.zip")
        self._act("deliver", self.officer, hardcopy="yes" if record.has_hardcopy else "")


# Gaps in working days before each step (the rest: one working day); the invoice lapses after 7 days.
GAPS = {"submit": 0, "expire": 6, "auto_complete": 6, "rate": 2, "deliver": 2, "pay": 2}

def seed_living_sales() -> list[str]:
    """About three months of sales at each office; nothing when they are there already."""
    from app.core.reference.living import Replay, Step, ensure_people, mail_held, user, wanted

    if not wanted():
        return []
    people = ensure_people()
    demo_ids = [person.id for person in people]
    if db.session.scalar(select(SalesRequest.id).where(SalesRequest.applicant_id.in_(demo_ids)).limit(1)):
        return ["Living demo: sales work already there"]
    domestic = [p for p in people if p.applicant_profile.domicile == "domestic"]
    foreign = [p for p in people if p.applicant_profile.domicile == "foreign"]
    made, refused = 0, []
    with mail_held():
        for office in db.session.scalars(select(Office).order_by(Office.code)).all():
            replay = Replay("sales", office)
            for seq, plan in enumerate(SALE_PLANS):
                product_type, channel, path, start = plan
                if _demo_lines(office, product_type, replay.rng) is None:
                    continue
                pool = foreign if channel == "foreign" else (
                    [user("applicant1")] if channel == "zero" else domestic)
                sale = _Sale(replay, plan, replay.rng.choice(pool), seq)
                steps = [Step(sale.file, 0, "file")] + [Step(sale.step(name), GAPS.get(name, 1), name) for name in path]
                if replay.run(replay.working_days_ago(start), steps):
                    made += 1
            refused += replay.refused
    return [f"Living demo: {made} sales requests over three months"] + [f"  refused: {line}" for line in refused]
