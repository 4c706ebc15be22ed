"""Rating as a procedure step, and the index: mean over elements of the mean score × 25."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core.satisfaction.models import ELEMENTS, Rating
from app.core.values.validation import InvalidValue
from app.core.workflow.procedure import Field
from app.extensions import db

GRADES = [  # lower bound, grade, label (Permen PANRB 14/2017)
    (88.31, "A", _l("Very good")),
    (76.61, "B", _l("Good")),
    (65.00, "C", _l("Below good")),
    (25.00, "D", _l("Poor")),
]


def parse_scores(raw) -> dict[str, int]:
    """Nine integers 1–4: a list in element order, or a mapping by element name."""
    if isinstance(raw, dict):
        values = [raw.get(key) for key in ELEMENTS]
    elif isinstance(raw, (list, tuple)):
        values = list(raw)
    else:
        raise InvalidValue(_("Give a score from 1 to 4 for each of the nine elements."))
    try:
        scores = [int(v) for v in values]
    except (TypeError, ValueError):
        raise InvalidValue(_("Give a score from 1 to 4 for each of the nine elements."))
    if len(scores) != len(ELEMENTS) or any(s < 1 or s > 4 for s in scores):
        raise InvalidValue(_("Give a score from 1 to 4 for each of the nine elements."))
    return dict(zip(ELEMENTS, scores))


def scores_field() -> Field:
    return Field("scores", _l("Your rating"), kind="scores", clean=parse_scores,
                 choices=lambda: [(key, str(label)) for key, label in ELEMENTS.items()])


COMMENT_LIMIT = 4000


def clean_comment(raw) -> str:
    if not isinstance(raw, str):
        raise InvalidValue(_("Enter a text."))
    if len(raw) > COMMENT_LIMIT:
        raise InvalidValue(_("At most %(limit)d characters.", limit=COMMENT_LIMIT))
    return raw.strip()


def comment_field() -> Field:
    return Field("comment", _l("Comment"), required=False, kind="textarea", clean=clean_comment)


def record_rating(service: str):
    """An action effect that stores the applicant's rating of the record."""

    def effect(record, ctx) -> None:
        scores = ctx.values["scores"]
        db.session.add(Rating(
            procedure=ctx.procedure.name, record_id=record.id, office_id=record.office_id,
            applicant_id=record.applicant_id, service=service, channel=record.channel,
            comment=ctx.values.get("comment") or "", **{f"score_{k}": v for k, v in scores.items()},
        ))
        ctx.extra_audit["ikm"] = round(ikm_of(scores.values()), 2)

    return effect


def ikm_of(scores) -> float:
    scores = list(scores)
    return sum(scores) / len(scores) * 25 if scores else 0.0


def grade(index: float) -> tuple[str, str]:
    for bound, letter, label in GRADES:
        if index >= bound:
            return letter, str(label)
    return "D", str(GRADES[-1][2])


def satisfaction_index(office_ids=None, service=None, start=None, end=None) -> dict:
    """IKM over ratings: the mean over the nine elements of each element's mean score, × 25."""
    query = select(*[func.avg(getattr(Rating, f"score_{k}")) for k in ELEMENTS], func.count(Rating.id))
    if office_ids is not None:
        query = query.where(Rating.office_id.in_(office_ids))
    if service:
        query = query.where(Rating.service == service)
    if start:
        query = query.where(Rating.created_at >= start)
    if end:
        query = query.where(Rating.created_at < end)
    *means, count = db.session.execute(query).one()
    if not count:
        return {"count": 0, "index": None, "grade": None, "label": None, "elements": {}}
    elements = {key: float(mean) for key, mean in zip(ELEMENTS, means)}
    index = ikm_of(elements.values())
    letter, label = grade(round(index, 2))
    return {"count": count, "index": round(index, 2), "grade": letter, "label": label, "elements": elements}
