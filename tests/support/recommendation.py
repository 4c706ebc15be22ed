"""A recommendation request as an applicant fills it in: a complete, valid form."""
from __future__ import annotations

import uuid


def payload(**overrides) -> dict:
    data = {
        "office": "3324", "title": f"Survei Kepuasan Pasien RSUD {uuid.uuid4().hex[:6]}",
        "organiser": "Dinas Kesehatan Kabupaten Kendal", "objective": "Mengukur kepuasan pasien rawat jalan.",
        "activity_type": "survey", "population": "Pasien rawat jalan RSUD Kendal 2026", "sample_size": 400,
        "method": "Sampel acak sistematis, wawancara tatap muka", "variables": "Umur, layanan, kepuasan",
        "area": "Kabupaten Kendal", "start_date": "2026-08-01", "end_date": "2026-09-30",
        "funding": "APBD Kabupaten Kendal 2026", "contact_name": "dr. Sri Wahyuni",
        "contact_email": "sri.wahyuni@dinkes.example.go.id",
    }
    data.update(overrides)
    return data
