"""Procedures as data and the one engine that applies them: audit trail, SLA clock, notifications, the inbox."""
