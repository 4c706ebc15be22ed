"""Columns every procedure record shares: office, owner, state, version, channel, SLA."""
from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, and_
from sqlalchemy.orm import declared_attr, relationship

from app.core.calendar.clock import utcnow

CHANNEL_WALK_IN, CHANNEL_ONLINE = "walk_in", "online"
DRAFT = "draft"


class ProcedureRecord:
    """Mixin for a service record. `status` and `version` are written only by the engine."""

    __scope_office__ = "office_id"
    __scope_owner__ = "applicant_id"

    id = Column(Integer, primary_key=True)
    status = Column(String(30), nullable=False, index=True)
    version = Column(Integer, nullable=False, default=1)
    channel = Column(String(10), nullable=False, default=CHANNEL_ONLINE)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    # Kept by the engine from the audit trail so worklists can sort by it in SQL.
    sla_due_date = Column(Date, index=True)
    sla_state = Column(String(10), nullable=False, default="idle")

    @classmethod
    def hidden_from_staff(cls, scope):
        """The rows of their own office that staff do not see: an applicant's online draft is theirs
        until they submit it (a walk-in draft, which an officer records, is the office's)."""
        return and_(cls.status == DRAFT, cls.channel == CHANNEL_ONLINE)

    def applicant_address(self) -> tuple[str, str, str] | None:
        """(e-mail, name, locale) where the applicant hears of this record; a record without an
        account (e.g. a complaint filed on the public page) overrides it with what was left."""
        user = self.applicant
        if user is None or not user.email:
            return None
        return user.email, getattr(user, "display_name", None) or user.first_name, getattr(user, "locale", None) or "id"

    @property
    def sla_info(self):
        """(due date, working days left) of a running clock, for worklists."""
        from app.core.workflow.sla import days_left

        return (self.sla_due_date, days_left(self))

    @declared_attr
    def office_id(cls):
        return Column(Integer, ForeignKey("office.id"), nullable=False, index=True)

    @declared_attr
    def office(cls):
        return relationship("Office", foreign_keys=[cls.office_id])

    # None for records nobody owns in the portal (a queue ticket, an anonymous complaint).
    @declared_attr
    def applicant_id(cls):
        return Column(Integer, ForeignKey("ab_user.id"), nullable=True, index=True)

    @declared_attr
    def applicant(cls):
        return relationship("AppUser", foreign_keys=[cls.applicant_id])

    @declared_attr
    def created_by_id(cls):
        return Column(Integer, ForeignKey("ab_user.id"))


def number_finder(model, prefix: str, *number_columns: str):
    """A procedure's `find_by_number`: the office's record printed as `<prefix>-<id>` (PJ-000123), or
    carrying the typed number in one of `number_columns` (an invoice, receipt or letter number)."""
    import re

    from sqlalchemy import func, or_, select

    from app.core.values.validation import parse_id
    from app.extensions import db

    pattern = re.compile(rf"{re.escape(prefix)}[- ]?(\d{{1,10}})")

    def find(office_id: int, number: str):
        text = " ".join((number or "").split()).upper()
        if not text or len(text) > 80:
            return None
        conditions = [func.upper(getattr(model, column)) == text for column in number_columns]
        match = pattern.fullmatch(text)
        if match and parse_id(match.group(1)) is not None:
            conditions.append(model.id == int(match.group(1)))
        return db.session.scalars(
            select(model).where(model.office_id == office_id, or_(*conditions)).limit(1)).first()

    return find
