"""How the front desk starts a recommendation request for the visitor being served (Service.walk_in)."""
from __future__ import annotations

from app.recommendations.service import create_request


def start_walk_in(applicant, officer):
    """A walk-in draft form of the visitor at the officer's office, for the officer to fill in with them."""
    return create_request({"applicant": applicant.username}, officer)
