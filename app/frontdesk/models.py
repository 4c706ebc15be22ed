"""The front desk's tables: what each office's queue offers (lines, desks, settings), the queue
tickets (the procedure records) and the guest book (visits)."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.core.calendar.clock import utcnow
from app.core.reference.changelog import ChangeLogged
from app.core.workflow.records import ProcedureRecord

# The walk-in services a visitor can queue for (codes as in the service standards), with the
# prefix each office starts from (an admin may change it per office).
QUEUE_SERVICES = {
    "sales": _l("Sales of statistical products"),
    "recommendation": _l("Recommendation of statistical activities"),
    "consultation": _l("Statistical consultation"),
    "library": _l("Library"),
}
DEFAULT_PREFIXES = {"sales": "A", "recommendation": "B", "consultation": "C", "library": "D"}
GUEST_BOOK_ORDER = {"before": _l("Before taking the number"), "after": _l("After taking the number")}


class QueueLine(ChangeLogged, Model):
    """One service an office's queue offers, with its number prefix (A-001 …)."""

    __changelog_label__ = _l("Queue service")
    __tablename__ = "queue_line"
    __table_args__ = (
        UniqueConstraint("office_id", "service", name="uq_queue_line_service"),
        UniqueConstraint("office_id", "prefix", name="uq_queue_line_prefix"),
    )
    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    service = Column(String(20), nullable=False)
    prefix = Column(String(2), nullable=False)
    position = Column(Integer, nullable=False, default=1)
    active = Column(Boolean, nullable=False, default=True)

    def __repr__(self):
        return f"{self.prefix} {self.service_label}"

    @property
    def service_label(self):
        return QUEUE_SERVICES.get(self.service, self.service)


class Desk(ChangeLogged, Model):
    """A service desk (loket) of an office and the services it may call."""

    __changelog_label__ = _l("Service desk")
    __tablename__ = "desk"
    __table_args__ = (UniqueConstraint("office_id", "code", name="uq_desk_code"),)
    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    code = Column(String(10), nullable=False)  # what the board shows: "Loket 1"
    services = Column(String(120), nullable=False, default="")  # comma-separated service codes
    active = Column(Boolean, nullable=False, default=True)

    def __repr__(self):
        return self.code

    @property
    def service_codes(self) -> list[str]:
        return [code for code in (self.services or "").split(",") if code]


class FrontDeskSetting(ChangeLogged, Model):
    """How one office runs its front desk."""

    __changelog_label__ = _l("Front desk settings")
    __tablename__ = "frontdesk_setting"
    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, unique=True)
    office = relationship("Office")
    guest_book = Column(String(10), nullable=False, default="after")  # before / after taking the number
    # The published standard: served at most this many minutes after the previous visitor finished.
    standard_minutes = Column(Integer, nullable=False, default=10)

    def __repr__(self):
        return str(self.office)


class QueueTicket(ProcedureRecord, Model):
    """A queue number taken at the kiosk (nomor antrian). No applicant: the guest book says who came.

    `day` is the Jakarta date the number belongs to; `number` (A-007) is unique per office and day
    and is kept when the ticket moves to another service's queue. `taken_at` (= created_at) orders the
    queue: a transferred visitor keeps their place in time."""

    __tablename__ = "queue_ticket"
    __table_args__ = (
        UniqueConstraint("office_id", "day", "number", name="uq_queue_ticket_number"),
        UniqueConstraint("rating_token", name="uq_queue_ticket_rating_token"),
        CheckConstraint("seq > 0", name="ck_queue_ticket_seq_positive"),
        # call next: the oldest waiting ticket of an office's services
        Index("ix_queue_ticket_waiting", "office_id", "status", "service", "created_at"),
    )
    service = Column(String(20), nullable=False)
    day = Column(Date, nullable=False, index=True)
    seq = Column(Integer, nullable=False)
    number = Column(String(8), nullable=False)
    desk = Column(String(10))
    called_at = Column(DateTime)        # first call at the present queue: the wait ends here
    last_called_at = Column(DateTime)   # the latest call or recall: what the board announces
    recalls = Column(Integer, nullable=False, default=0)
    served_at = Column(DateTime)
    finished_at = Column(DateTime)      # done, or marked no-show: the desk is free again
    transferred_from = Column(String(20))
    rating_token = Column(String(64), nullable=False)
    rated_at = Column(DateTime)
    visit = relationship("Visit", back_populates="ticket", uselist=False)

    def __repr__(self):
        return self.number

    @property
    def label(self) -> str:
        return self.number

    @property
    def service_label(self):
        return QUEUE_SERVICES.get(self.service, self.service)


class Visit(Model):
    """A guest-book entry (buku tamu): who came, for what, and what the visit led to.

    The person is stored once, as a service user (app.core.access.visitors); a returning visitor's
    next visit points at the same account."""

    __tablename__ = "visit"
    __scope_office__ = "office_id"
    __scope_owner__ = "applicant_id"
    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    applicant_id = Column(Integer, ForeignKey("ab_user.id"), nullable=False, index=True)
    applicant = relationship("AppUser", foreign_keys=[applicant_id])
    ticket_id = Column(Integer, ForeignKey("queue_ticket.id"), unique=True)
    ticket = relationship("QueueTicket", back_populates="visit")
    service = Column(String(20), nullable=False)
    purpose = Column(Text, nullable=False, default="")
    # The request the visit led to (a walk-in sale, a recommendation …): its procedure and id.
    outcome_procedure = Column(String(30))
    outcome_record_id = Column(Integer)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    created_by_id = Column(Integer, ForeignKey("ab_user.id"))
    created_by = relationship("AppUser", foreign_keys=[created_by_id])

    def __repr__(self):
        return f"#{self.id}"

    @property
    def visitor_name(self) -> str:
        return self.applicant.display_name if self.applicant else ""

    @property
    def service_label(self):
        return QUEUE_SERVICES.get(self.service, self.service)
