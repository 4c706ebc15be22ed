"""Home-page panels: each service contributes a function that reports counts for the user."""
from __future__ import annotations

from typing import Callable

# Services append (user) -> list[dict(title, count, url, tone)] providers at registration time.
PANEL_PROVIDERS: list[Callable] = []


def home_panels(user) -> list[dict]:
    panels: list[dict] = []
    for provider in PANEL_PROVIDERS:
        panels.extend(provider(user) or [])
    return panels
