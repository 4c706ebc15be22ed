"""Offices and the lookup tables admins keep, and the core's demo data."""
