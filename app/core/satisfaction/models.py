"""One rating per served record: nine element scores 1–4 and a comment."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from app.core.calendar.clock import utcnow

# The nine elements of the public-service satisfaction survey (Permen PANRB 14/2017), in order.
ELEMENTS = {
    "requirements": _l("Requirements"),
    "procedure": _l("Procedure"),
    "time": _l("Service time"),
    "cost": _l("Cost/tariff"),
    "product": _l("Service product"),
    "competence": _l("Staff competence"),
    "behaviour": _l("Staff behaviour"),
    "complaints": _l("Handling of complaints and suggestions"),
    "facilities": _l("Facilities"),
}
SCALE = {1: _l("Poor"), 2: _l("Below good"), 3: _l("Good"), 4: _l("Very good")}


class Rating(Model):
    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint("procedure", "record_id", name="uq_rating_record"),
        *(CheckConstraint(f"score_{key} BETWEEN 1 AND 4", name=key) for key in ELEMENTS),
    )
    __scope_office__ = "office_id"
    __scope_owner__ = "applicant_id"

    id = Column(Integer, primary_key=True)
    procedure = Column(String(30), nullable=False)
    record_id = Column(Integer, nullable=False)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    applicant_id = Column(Integer, ForeignKey("ab_user.id"))
    service = Column(String(20), nullable=False)
    channel = Column(String(10), nullable=False)
    comment = Column(Text, default="")
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    score_requirements = Column(Integer, nullable=False)
    score_procedure = Column(Integer, nullable=False)
    score_time = Column(Integer, nullable=False)
    score_cost = Column(Integer, nullable=False)
    score_product = Column(Integer, nullable=False)
    score_competence = Column(Integer, nullable=False)
    score_behaviour = Column(Integer, nullable=False)
    score_complaints = Column(Integer, nullable=False)
    score_facilities = Column(Integer, nullable=False)

    def scores(self) -> dict[str, int]:
        return {key: getattr(self, f"score_{key}") for key in ELEMENTS}
