"""One fresh record of each service's procedure, filed the way the service files it, for checks that
run over every procedure (tests/test_contracts.py). A walk-in record at office 3324 of applicant1:
the applicant and the office's staff may both open it. A new service adds its own maker here."""
from __future__ import annotations


def _user(username):
    from app.extensions import appbuilder

    return appbuilder.sm.find_user(username=username)


def _sales():
    from tests.support.sales import line, walk_in_request

    return walk_in_request(lines=[line()])


def _recommendation():
    from app.recommendations.service import create_draft
    from tests.support.recommendation import payload

    return create_draft(payload(applicant="applicant1"), _user("officer-3324"))


def _complaint():
    from tests.support.complaints import sample_complaint

    return sample_complaint()


def _consultation():
    from app.consultations.service import create_consultation

    return create_consultation({"applicant": "applicant1", "channel": "walk_in", "topic": "kemiskinan",
                                "subject": "Data kemiskinan", "question": "Berapa angka kemiskinan Kendal?"},
                               _user("officer-3324"))


SAMPLES = {"sales": _sales, "recommendation": _recommendation, "complaints": _complaint,
           "consultations": _consultation}
