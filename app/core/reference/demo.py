"""Demo data of the core: roles, the four offices of the seeds, their standards, one user per role."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app.core.access import roles as r
from app.core.access.people import ApplicantProfile
from app.core.mail.templates import DEFAULT_TEMPLATES, SUPERSEDED_TEMPLATES
from app.core.reference.models import DocumentType, EmailTemplate, Office, ServiceStandard
from app.core.reference.offices_data import OFFICES, STANDARDS
from app.core.workflow.procedure import PROCEDURES
from app.extensions import appbuilder, db

STAFF_ROLES = (("officer", r.OFFICER), ("treasurer", r.TREASURER), ("head", r.HEAD), ("complaints", r.COMPLAINTS))
# Made-up people, so that documents carry a name and NIP as a real office's do (never a role title).
STAFF_NAMES = {
    "0000": ("Rahmat Hidayat", "Nurul Aini", "Ahmad Fauzi", "Lina Marlina"),
    "3300": ("Yoga Pratama", "Fitri Handayani", "Sutrisno Wibowo", "Ratna Sari"),
    "3324": ("Dimas Saputra", "Endang Susilowati", "Bambang Setiawan", "Wahyu Nugroho"),
    "1904": ("Rudi Hartono", "Melati Puspita", "Hasan Basri", "Indah Permata"),
}

APPLICANTS = [
    {"username": "applicant1", "email": "applicant1@example.org", "full_name": "Ayu Lestari",
     "phone": "0812-3456-7801", "institution": "Universitas Diponegoro", "segment": "education",
     "npwp": None, "domicile": "domestic", "id_document_type": "ktp", "id_document_number": "3324015507990001"},
    {"username": "applicant2", "email": "applicant2@example.org", "full_name": "Budi Santoso",
     "phone": "0813-2222-3302", "institution": "PT Data Nusantara", "segment": "private",
     "npwp": "0123456789012000", "domicile": "domestic", "id_document_type": "ktp",
     "id_document_number": "3374011203850002"},
]


def _seed_document_types() -> None:
    """One admin-editable row per document kind a registered procedure declares."""
    from flask_babel import force_locale

    for procedure in PROCEDURES.values():
        for code, label in procedure.document_kinds.items():
            if db.session.scalars(select(DocumentType).where(DocumentType.code == code)).first() is not None:
                continue
            with force_locale("id"):
                name = str(label)
            with force_locale("en"):
                name_en = str(label)
            db.session.add(DocumentType(code=code, name=name, name_en=name_en, service=procedure.name,
                                        issued_by_office=code in procedure.issued_kinds))


def ensure_roles() -> None:
    sm = appbuilder.sm
    for name in r.ALL + (r.PUBLIC,):
        if sm.find_role(name) is None:
            sm.add_role(name)


def _nip(seq: int) -> str:
    # NIP shape: birth date (8) + appointment year-month (6) + sex (1) + serial (3).
    return f"1980{seq % 12 + 1:02d}{seq % 27 + 1:02d}2005{seq % 12 + 1:02d}{seq % 2 + 1}{seq:03d}"


def _ensure_user(username, first_name, last_name, email, role_name, office=None, nip=None):
    sm = appbuilder.sm
    user = sm.find_user(username=username)
    if user is None:
        user = sm.add_user(username, first_name, last_name, email, sm.find_role(role_name),
                           password=current_app.config["DEMO_PASSWORD"])
    user.first_name, user.last_name = first_name, last_name
    user.office_id = office.id if office else None
    user.nip = nip
    return user


def _seed_offices() -> dict[str, Office]:
    offices: dict[str, Office] = {}
    for data in OFFICES:
        office = db.session.scalars(select(Office).where(Office.code == data["code"])).first() or Office()
        for key, value in data.items():
            if key not in ("parent_code", "head_name"):
                setattr(office, key, value)
        office.parent = offices.get(data["parent_code"]) if data.get("parent_code") else None
        db.session.add(office)
        offices[data["code"]] = office
    db.session.flush()
    for data in STANDARDS:
        office = offices[data["office_code"]]
        row = db.session.scalars(select(ServiceStandard).where(
            ServiceStandard.office_id == office.id, ServiceStandard.service == data["service"],
            ServiceStandard.channel == data["channel"])).first() or ServiceStandard(office_id=office.id)
        for key, value in data.items():
            if key != "office_code":
                setattr(row, key, value)
        db.session.add(row)
    return offices


def _seed_lookups() -> None:
    _seed_document_types()
    for event_name, by_locale in DEFAULT_TEMPLATES.items():
        for locale, (subject, body) in by_locale.items():
            exists = db.session.scalars(select(EmailTemplate).where(
                EmailTemplate.event == event_name, EmailTemplate.locale == locale)).first()
            if exists is None:
                db.session.add(EmailTemplate(event=event_name, locale=locale, subject=subject, body=body))
            elif exists.subject == SUPERSEDED_TEMPLATES.get((event_name, locale)):
                exists.subject, exists.body = subject, body


def seed_core() -> list[tuple[str, str, str]]:
    """Returns (username, role, office) for every demo login."""
    ensure_roles()
    offices = _seed_offices()
    _seed_lookups()
    logins = [("admin", r.ADMIN, "")]
    _ensure_user("admin", "Admin", "SatuPintu", "admin@satupintu.local", r.ADMIN)
    for seq, (code, office) in enumerate(sorted(offices.items())):
        for index, (prefix, role_name) in enumerate(STAFF_ROLES):
            first, _sep, last = STAFF_NAMES[code][index].partition(" ")
            user = _ensure_user(f"{prefix}-{code}", first, last, f"{prefix}-{code}@satupintu.local",
                                role_name, office, _nip(seq * 4 + index + 1))
            logins.append((user.username, role_name, code))
            if role_name == r.HEAD:
                office.head_id = user.id
        # The queue device at the office's front desk (no NIP: it is a machine, not a person).
        kiosk = _ensure_user(f"kiosk-{code}", "Kios antrian", office.name.replace("BPS ", ""),
                             f"kiosk-{code}@satupintu.local", r.KIOSK, office)
        logins.append((kiosk.username, r.KIOSK, code))
    _ensure_user("monitor-3300", "Agustina", "Wulandari", "monitor-3300@satupintu.local", r.MONITOR,
                 offices["3300"], _nip(40))
    logins.append(("monitor-3300", r.MONITOR, "3300"))
    for data in APPLICANTS:
        user = _ensure_user(data["username"], data["full_name"].split()[0],
                            " ".join(data["full_name"].split()[1:]), data["email"], r.APPLICANT)
        profile = db.session.scalars(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)).first()
        if profile is None:
            profile = ApplicantProfile(user_id=user.id)
            db.session.add(profile)
        for key, value in data.items():
            if key not in ("username", "email"):
                setattr(profile, key, value)
        profile.office_id = offices["3324"].id
        logins.append((user.username, r.APPLICANT, ""))
    db.session.commit()
    return logins
