"""The front desk's entry point (Service.walk_in): a guest at the consultation desk (seed 004, walk-in
step 4) gets a consultation log at the officer's office; the officer then writes down the topic, the
question, the answer given and where the visit led, on the record's page."""
from __future__ import annotations

from flask_babel import gettext as _

from app.consultations.models import Consultation
from app.consultations.procedure import CONSULTATION
from app.core.access import roles as r
from app.core.calendar.clock import utcnow
from app.core.workflow.engine import start as file_record
from app.core.workflow.records import CHANNEL_WALK_IN
from app.extensions import db


def start(applicant, officer) -> Consultation:
    """A new walk-in consultation of `applicant` (the guest-book person's account), logged by `officer`."""
    record = Consultation(office_id=officer.office_id, applicant_id=applicant.id, channel=CHANNEL_WALK_IN,
                          created_by_id=officer.id, subject=_("Consultation at the desk"), question="",
                          last_message_at=utcnow())
    file_record(CONSULTATION, record, officer, r.OFFICER)
    db.session.commit()
    return record
