"""Checks on the demo data transcribed from the seeds (app/core/demo_data.py)."""

import pytest

from app.core.reference.offices_data import OFFICES, STANDARDS

CODES = [office["code"] for office in OFFICES]
OFFICE_KEYS = {"code", "name", "level", "parent_code", "address", "phone", "fax", "email", "website",
               "whatsapp", "complaint_website", "social_media", "sms", "tariff_regulation", "sppd_address",
               "head_name"}
STANDARD_KEYS = {"office_code", "service", "channel", "decree", "requirements", "procedure", "time_limit",
                 "working_days_limit", "cost", "products", "complaint_channels"}


def _lines(text):
    return [line for line in text.splitlines() if line.strip()]


def _standard(office_code, service, channel):
    (found,) = [s for s in STANDARDS
                if (s["office_code"], s["service"], s["channel"]) == (office_code, service, channel)]
    return found


def test_four_offices_with_unique_codes():
    assert sorted(CODES) == ["0000", "1904", "3300", "3324"]
    assert len(set(CODES)) == len(CODES)


@pytest.mark.parametrize("office", OFFICES, ids=CODES)
def test_office_has_identity_and_contact(office):
    assert set(office) == OFFICE_KEYS
    for key in ("code", "name", "address", "email"):
        assert isinstance(office[key], str) and office[key].strip(), key
    assert "@" in office["email"]
    assert office["level"] in ("national", "province", "regency")
    for key in OFFICE_KEYS - {"parent_code"}:
        assert isinstance(office[key], str), key


def test_parents_exist_and_come_first():
    seen = set()
    for office in OFFICES:
        parent = office["parent_code"]
        if office["level"] == "national":
            assert parent is None
        else:
            assert parent in CODES
            assert parent in seen, f"{office['code']} listed before its parent {parent}"
        seen.add(office["code"])


def test_exactly_ten_standards_one_per_office_service_channel():
    assert len(STANDARDS) == 10
    keys = {(s["office_code"], s["service"], s["channel"]) for s in STANDARDS}
    assert len(keys) == 10


@pytest.mark.parametrize("standard", STANDARDS,
                         ids=[f"{s['office_code']}-{s['service']}-{s['channel']}" for s in STANDARDS])
def test_standard_shape(standard):
    assert set(standard) == STANDARD_KEYS
    assert standard["office_code"] in CODES
    assert standard["service"] in ("sales", "recommendation", "consultation")
    assert standard["channel"] in ("walk_in", "online")
    assert _lines(standard["requirements"])
    assert _lines(standard["procedure"])
    for key in ("time_limit", "cost", "products", "complaint_channels"):
        assert standard[key].strip(), key
    for line in _lines(standard["requirements"]) + _lines(standard["procedure"]):
        assert not line[0].isdigit(), f"numbered line: {line!r}"


@pytest.mark.parametrize("service, limit", [("sales", 10), ("recommendation", 30), ("consultation", 3)])
def test_online_working_days_limits(service, limit):
    online = [s for s in STANDARDS if s["service"] == service and s["channel"] == "online"]
    assert online
    assert all(s["working_days_limit"] == limit for s in online)


def test_walk_in_has_no_working_days_limit():
    assert all(s["working_days_limit"] is None for s in STANDARDS if s["channel"] == "walk_in")


def test_kendal_sales_procedure_step_counts_follow_seed_000():
    assert len(_lines(_standard("3324", "sales", "walk_in")["procedure"])) == 21
    assert len(_lines(_standard("3324", "sales", "online")["procedure"])) == 19
