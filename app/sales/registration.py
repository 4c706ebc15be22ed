"""Screens and APIs of this service, registered with the roles that may use them."""
from __future__ import annotations


def register(appbuilder) -> None:
    """Called once by app.registry.register_all."""
