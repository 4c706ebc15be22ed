"""Admin screens offer fixed codes as drop-downs of translated labels and refuse anything else."""
from __future__ import annotations

from sqlalchemy import select


def test_code_columns_are_drop_downs_and_refuse_unknown_codes(app, as_user):
    from app.core.reference.models import Office, ServiceStandard
    from app.extensions import db

    admin = as_user("admin")
    page = admin.get("/servicestandardview/add").get_data(as_text=True)
    assert '<select' in page and "Penjualan Produk Statistik" in page and "Kunjungan langsung" in page
    with app.app_context():
        office_id = db.session.scalars(select(Office.id).where(Office.code == "1904")).one()
    form = {"office": str(office_id), "service": "astrology", "channel": "online", "requirements": "x",
            "procedure": "y", "time_limit": "z", "cost": "c", "products": "p", "complaint_channels": "k"}
    refused = admin.post("/servicestandardview/add", data=form)
    assert refused.status_code == 200
    with app.app_context():
        assert not db.session.scalars(select(ServiceStandard).where(ServiceStandard.service == "astrology")).all()
    listing = admin.get("/servicestandardview/list/").get_data(as_text=True)
    assert "Konsultasi Statistik" in listing and ">consultation<" not in listing
