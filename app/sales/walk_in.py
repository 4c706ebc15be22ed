"""How the front desk starts a sale for the visitor being served (Service.walk_in)."""
from __future__ import annotations

from app.sales.service import create_draft


def start_walk_in(applicant, officer):
    """A walk-in draft of the visitor at the officer's office; the officer adds the products next."""
    return create_draft({"purpose": ""}, officer, applicant=applicant)
