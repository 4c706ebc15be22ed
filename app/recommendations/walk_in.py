"""How the front desk starts a recommendation request for the visitor being served (Service.walk_in)."""
from __future__ import annotations

from flask_babel import gettext as _

from app.recommendations.service import create_draft


def start_walk_in(applicant, officer):
    """A walk-in draft form of the visitor at the officer's office, for the officer to fill in with them;
    a draft needs a title, so it starts with one that says it is still to be completed."""
    title = _("Statistical activity of %(name)s (to be completed)", name=applicant.display_name)
    return create_draft({"applicant": applicant.username, "title": title[:250]}, officer)
