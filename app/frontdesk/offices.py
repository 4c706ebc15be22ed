"""What an office's front desk offers: its queue lines (service → prefix), its desks, its settings."""
from __future__ import annotations

from sqlalchemy import select

from app.core.reference.models import Office
from app.extensions import db
from app.frontdesk.models import Desk, FrontDeskSetting, QueueLine


def office_by_code(code) -> Office | None:
    if not isinstance(code, (str, int)) or not str(code).strip():
        return None
    return db.session.scalars(select(Office).where(Office.code == str(code).strip()[:4])).first()


def lines_of(office_id: int) -> list[QueueLine]:
    """The active queue lines of an office, in the order the kiosk shows them."""
    return db.session.scalars(select(QueueLine).where(QueueLine.office_id == office_id, QueueLine.active.is_(True))
                              .order_by(QueueLine.position, QueueLine.prefix)).all()


def line_for(office_id: int, service) -> QueueLine | None:
    if not isinstance(service, str):
        return None
    return db.session.scalars(select(QueueLine).where(
        QueueLine.office_id == office_id, QueueLine.service == service, QueueLine.active.is_(True))).first()


def desks_of(office_id: int) -> list[Desk]:
    return db.session.scalars(select(Desk).where(Desk.office_id == office_id, Desk.active.is_(True))
                              .order_by(Desk.code)).all()


def desk_for(office_id: int, code) -> Desk | None:
    if not isinstance(code, (str, int)) or not str(code).strip():
        return None
    return db.session.scalars(select(Desk).where(
        Desk.office_id == office_id, Desk.code == str(code).strip()[:10], Desk.active.is_(True))).first()


def setting_for(office_id: int) -> FrontDeskSetting:
    """The office's settings, or the defaults (guest book after the number, 10 minutes) unsaved."""
    setting = db.session.scalars(select(FrontDeskSetting).where(FrontDeskSetting.office_id == office_id)).first()
    return setting or FrontDeskSetting(office_id=office_id, guest_book="after", standard_minutes=10)
