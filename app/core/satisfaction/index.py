"""Rating as a procedure step, and the index: mean over elements of the mean score × 25."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core.satisfaction.models import ELEMENT_CODES, ELEMENTS, Rating
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


def store_rating(procedure: str, record_id: int, office_id: int, service: str, channel: str,
                 scores: dict[str, int], comment: str = "", applicant_id: int | None = None,
                 at=None) -> Rating:
    """One respondent's rating, whichever way it came: a procedure's `rate` action, or a walk-in
    visitor's one-time link (no account). One rating per record (uq_rating_record)."""
    rating = Rating(procedure=procedure, record_id=record_id, office_id=office_id, applicant_id=applicant_id,
                    service=service, channel=channel, comment=comment or "",
                    **{f"score_{k}": v for k, v in scores.items()})
    if at is not None:
        rating.created_at = at
    db.session.add(rating)
    return rating


def record_rating(service: str):
    """An action effect that stores the applicant's rating of the record."""

    def effect(record, ctx) -> None:
        scores = ctx.values["scores"]
        store_rating(ctx.procedure.name, record.id, record.office_id, service, record.channel, scores,
                     ctx.values.get("comment") or "", record.applicant_id)
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


def _filtered(query, office_ids=None, service=None, start=None, end=None):
    if office_ids is not None:
        query = query.where(Rating.office_id.in_(office_ids))
    if service:
        query = query.where(Rating.service == service)
    if start:
        query = query.where(Rating.created_at >= start)
    if end:
        query = query.where(Rating.created_at < end)
    return query


def _result(means, count) -> dict:
    """Respondents, each element's mean (U1–U9, two decimals), the index and its grade. The index is
    the mean of the unrounded element means × 25, rounded to two decimals; the grade is of that figure."""
    if not count:
        return {"respondents": 0, "elements": {}, "index": None, "grade": None, "label": None}
    exact = [float(mean) for mean in means]
    index = round(ikm_of(exact), 2)
    letter, label = grade(index)
    return {"respondents": count, "elements": {code: round(mean, 2) for code, mean in zip(ELEMENT_CODES, exact)},
            "index": index, "grade": letter, "label": label}


def _averages():
    return [func.avg(getattr(Rating, f"score_{key}")) for key in ELEMENTS]


def satisfaction_index(office_ids=None, service=None, start=None, end=None) -> dict:
    """IKM over the ratings of these offices, service and period [start, end) (naive UTC bounds)."""
    *means, count = db.session.execute(
        _filtered(select(*_averages(), func.count(Rating.id)), office_ids, service, start, end)).one()
    return _result(means, count)


def satisfaction_by_service(office_ids=None, start=None, end=None) -> dict[str, dict]:
    """The same figures per service, in one query."""
    rows = db.session.execute(
        _filtered(select(Rating.service, *_averages(), func.count(Rating.id)), office_ids, None, start, end)
        .group_by(Rating.service).order_by(Rating.service)).all()
    return {service: _result(rest[:-1], rest[-1]) for service, *rest in rows}
