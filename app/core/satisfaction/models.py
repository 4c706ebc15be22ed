"""One rating per served record: nine element scores 1–4 and a comment."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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
# What each element asks, as the survey questionnaire of Permen PANRB 14/2017 words it.
ELEMENT_QUESTIONS = {
    "requirements": _l("Do the requirements fit the kind of service?"),
    "procedure": _l("How easy is the procedure to follow?"),
    "time": _l("How fast was the service?"),
    "cost": _l("Is the cost or tariff reasonable?"),
    "product": _l("Did you get the product the service standard promises?"),
    "competence": _l("How competent were the staff?"),
    "behaviour": _l("How polite and friendly were the staff?"),
    "complaints": _l("How well are complaints and suggestions handled?"),
    "facilities": _l("How good are the facilities?"),
}
# U1–U9, as the survey form and the published reports number them.
ELEMENT_CODES = tuple(f"U{n}" for n in range(1, len(ELEMENTS) + 1))
SCALE = {1: _l("Poor"), 2: _l("Below good"), 3: _l("Good"), 4: _l("Very good")}
# What 1–4 mean for each element, as the questionnaire of Permen PANRB 14/2017 words them.
ELEMENT_SCALES = {
    "requirements": (_l("Not fitting"), _l("Barely fitting"), _l("Fitting"), _l("Fully fitting")),
    "procedure": (_l("Not easy"), _l("Not very easy"), _l("Easy"), _l("Very easy")),
    "time": (_l("Not fast"), _l("Not very fast"), _l("Fast"), _l("Very fast")),
    "cost": (_l("Very expensive"), _l("Fairly expensive"), _l("Cheap"), _l("Free of charge")),
    "product": (_l("Not as stated"), _l("Partly as stated"), _l("As stated"), _l("Fully as stated")),
    "competence": (_l("Not competent"), _l("Barely competent"), _l("Competent"), _l("Very competent")),
    "behaviour": (_l("Not polite or friendly"), _l("Barely polite and friendly"), _l("Polite and friendly"),
                  _l("Very polite and friendly")),
    "complaints": (_l("None available"), _l("Available but not working"), _l("Working, not fully"),
                   _l("Well handled")),
    "facilities": (_l("Poor"), _l("Adequate"), _l("Good"), _l("Very good")),
}


def scale_words(element: str) -> list[tuple[int, str]]:
    """(score, words) for an element's 1–4 scale, for the rating form."""
    words = ELEMENT_SCALES.get(element) or tuple(SCALE.values())
    return [(score, str(text)) for score, text in zip((1, 2, 3, 4), words)]


class Rating(Model):
    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint("procedure", "record_id", name="uq_rating_record"),
        # The index of an office for a period reads that office's ratings of that period only.
        Index("ix_rating_office_created", "office_id", "created_at"),
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
