"""The web layer of the core: base screens and REST APIs, home, public pages, errors, template helpers."""
