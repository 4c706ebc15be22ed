"""Demo tariffs (PNBP, PP 13/2024 as a regency office publishes them) and a realistic catalogue."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.core.reference.models import Office
from app.extensions import db
from app.sales.models import Product, Tariff

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


def seed_sales() -> None:
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
