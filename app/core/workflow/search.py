"""One search box for every procedure: a record by its number, or by its applicant's name, e-mail or
identity number, or by the text columns its procedure declares (`Procedure.search_columns`); scoped
like every list, so nobody finds what they may not open. A new service appears by declaring them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from app.core.access.people import ApplicantProfile, AppUser
from app.core.access.scoping import Scope, scoped_select
from app.core.workflow.procedure import PROCEDURES, Procedure
from app.extensions import db

PER_PROCEDURE = 25
_NUMBER = re.compile(r"([A-Za-z]{1,6})?[-\s]?0*(\d{1,9})")


@dataclass
class Hit:
    procedure: Procedure
    record: object
    url: str

    @property
    def number(self) -> str:
        return self.procedure.record_label(self.record)

    @property
    def applicant_name(self) -> str:
        applicant = getattr(self.record, "applicant", None)
        return getattr(applicant, "display_name", "") if applicant else ""


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _applicants_matching(text: str):
    """Ids of the accounts whose name, e-mail or identity-document number matches."""
    pattern, compact = _like(text), re.sub(r"\s", "", text)
    return (select(AppUser.id).outerjoin(ApplicantProfile, ApplicantProfile.user_id == AppUser.id).where(or_(
        func.lower(AppUser.first_name + " " + AppUser.last_name).like(pattern, escape="\\"),
        func.lower(AppUser.email).like(pattern, escape="\\"),
        func.lower(ApplicantProfile.full_name).like(pattern, escape="\\"),
        func.replace(ApplicantProfile.id_document_number, " ", "") == compact,
    )))


def _conditions(procedure: Procedure, text: str) -> list:
    model = procedure.model
    number = _NUMBER.fullmatch(text)
    if number and number.group(1):  # "PJ-12": that procedure's record 12, or nothing
        same = number.group(1).upper() == procedure.number_prefix.upper()
        return [model.id == int(number.group(2))] if same else []
    conditions = [model.applicant_id.in_(_applicants_matching(text))] if len(text) >= 3 else []
    if number:  # a bare number: the record of that number in every procedure
        conditions.append(model.id == int(number.group(2)))
    conditions += [func.lower(getattr(model, column)).like(_like(text), escape="\\")
                   for column in procedure.search_columns if len(text) >= 3]
    return conditions


def find(text: str, scope: Scope) -> list[Hit]:
    """What `scope` may see that matches `text`, newest first within each procedure."""
    text = " ".join((text or "").split())[:100]
    if not text:
        return []
    hits = []
    for procedure in PROCEDURES.values():
        conditions = _conditions(procedure, text)
        if not conditions:
            continue
        model = procedure.model
        query = (scoped_select(model, scope).where(or_(*conditions))
                 .options(joinedload(model.office), joinedload(model.applicant).joinedload(AppUser.applicant_profile))
                 .order_by(model.id.desc()).limit(PER_PROCEDURE))
        hits += [Hit(procedure, record, procedure.record_path(record, scope.owner_only))
                 for record in db.session.scalars(query).unique()]
    return hits
