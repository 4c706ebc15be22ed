"""A fresh office with its own front desk for each front-desk test: its numbers start at 1, and no
other test's waiting ticket is called by its desks."""
from __future__ import annotations

import itertools

from sqlalchemy import select

from tests.support.settings import PASSWORD

_codes = itertools.count(9000)
ALL_SERVICES = ("sales", "recommendation", "consultation", "library")


def make_office(app, desks=None, guest_book="after", services=ALL_SERVICES, standard_minutes=10) -> dict:
    """A new office "9xxx" with queue lines, desks (code -> services), settings, and the users
    officer-<code>, kiosk-<code>, head-<code>. Returns {"code", "id", "officer", "kiosk", "head"}."""
    from app.core.access import roles as r
    from app.core.reference.models import Office
    from app.extensions import appbuilder, db
    from app.frontdesk.models import DEFAULT_PREFIXES, Desk, FrontDeskSetting, QueueLine

    desks = desks or {"1": ALL_SERVICES[:3], "2": ("sales", "recommendation"), "4": ("library",)}
    with app.app_context():
        while True:
            code = str(next(_codes))
            if db.session.scalars(select(Office).where(Office.code == code)).first() is None:
                break
        office = Office(code=code, name=f"BPS Kantor Uji {code}", level="regency", address="Jl. Uji No. 1")
        db.session.add(office)
        db.session.flush()
        for position, service in enumerate(services, start=1):
            db.session.add(QueueLine(office_id=office.id, service=service, prefix=DEFAULT_PREFIXES[service],
                                     position=position, active=True))
        for desk, served in desks.items():
            db.session.add(Desk(office_id=office.id, code=desk, services=",".join(served), active=True))
        db.session.add(FrontDeskSetting(office_id=office.id, guest_book=guest_book,
                                        standard_minutes=standard_minutes))
        db.session.commit()
        users = {}
        for prefix, role in (("officer", r.OFFICER), ("kiosk", r.KIOSK), ("head", r.HEAD)):
            user = appbuilder.sm.add_user(f"{prefix}-{code}", prefix.title(), code, f"{prefix}-{code}@uji.local",
                                          appbuilder.sm.find_role(role), password=PASSWORD)
            user.office_id = office.id
            users[prefix] = f"{prefix}-{code}"
        db.session.commit()
        result = {"code": code, "id": office.id, **users}
        db.session.remove()
    return result


def visitor_form(**overrides) -> dict:
    form = {"full_name": "Sari Pengunjung", "email": "sari.pengunjung@example.org", "id_document_type": "ktp",
            "id_document_number": "3324014107900001", "phone": "0812-1111-2222",
            "institution": "Universitas Semarang", "purpose": "Mencari data IPM"}
    form.update(overrides)
    return form
