"""Role x menu: each demo role signs in through the login page and meets exactly its menu, and a
screen of another role answers 403 with an Indonesian page, never that screen's content.

The table below is written out by hand from app/registry.py's grants (and FAB's own security
menu for the admin). When a screen is added or re-granted, this table changes with it.
"""
from __future__ import annotations

import re

import pytest

from tests.support.sign_in import login

FAB_SECURITY = ["List Users", "List Roles", "List Groups", "User's Statistics", "User Registrations",
                "Base Permissions", "Views/Menus", "Permission on Views/Menus"]
HELP = ("Help", ["PublicStandards", "RecommendedActivities", "ComplaintPage", "PublicSatisfaction",
                 "KnowledgeSearch"])
# Menu entries that open the signed-in person's own inbox, narrowed (every role may open its inbox).
INBOX_LINKS = {"LettersToSign"}

# role -> [(menu category, [menu entries])], in the order the navbar shows them.
MENUS = {
    "admin": [
        ("Security", FAB_SECURITY),
        ("Administration", ["Offices", "Holidays", "DocumentTypes", "EmailTemplates", "Outbox", "LoginHistory",
                            "ChangeLog", "SigningCertificates"]),
        ("Reference", ["ServiceStandards", "Tariffs", "Products", "LetterTemplates", "ConsultationTopics",
                       "StemExceptions", "ConsultationSettings"]),
        ("Services", ["Applicants", "SalesRequests", "SalesWalkIn", "SalesPayments", "SalesRevenue",
                      "RecommendationRequests", "LettersToSign", "Complaints", "RecordComplaint",
                      "SatisfactionIndex", "Consultations", "ConsultationLog", "KnowledgeBase"]),
        HELP,
    ],
    "officer-3324": [
        ("Administration", ["Offices"]),
        ("Reference", ["ServiceStandards", "Tariffs", "Products", "LetterTemplates", "ConsultationTopics",
                       "StemExceptions", "ConsultationSettings"]),
        ("Services", ["Applicants", "SalesRequests", "SalesWalkIn", "RecommendationRequests", "Consultations",
                      "ConsultationLog", "KnowledgeBase"]),
        HELP,
    ],
    "treasurer-3324": [
        ("Administration", ["Offices"]),
        ("Reference", ["ServiceStandards", "Tariffs", "Products"]),
        ("Services", ["Applicants", "SalesRequests", "SalesPayments", "SalesRevenue"]),
        HELP,
    ],
    "head-3324": [
        ("Administration", ["Offices"]),
        ("Reference", ["ServiceStandards", "Tariffs", "Products", "LetterTemplates", "ConsultationSettings"]),
        ("Services", ["SalesRequests", "SalesRevenue", "RecommendationRequests", "LettersToSign", "Complaints",
                      "SatisfactionIndex", "Consultations", "KnowledgeBase"]),
        HELP,
    ],
    "complaints-3324": [
        ("Administration", ["Offices"]),
        ("Reference", ["ServiceStandards"]),
        ("Services", ["Complaints", "RecordComplaint"]),
        HELP,
    ],
    "monitor-3300": [
        ("Administration", ["Offices"]),
        ("Reference", ["ServiceStandards", "Products"]),
        ("Services", ["Applicants", "SalesRequests", "SalesRevenue", "RecommendationRequests", "Complaints",
                      "SatisfactionIndex", "Consultations", "KnowledgeBase"]),
        HELP,
    ],
    "applicant1": [
        ("Portal", ["MyProfile", "SalesCatalogue", "MySalesRequests", "MyRecommendations", "MyConsultations"]),
        HELP,
    ],
}

# menu entry -> the screen it opens
SCREENS = {
    "List Users": "/users/list/",
    "List Roles": "/roles/list/",
    "List Groups": "/groups/list/",
    "User's Statistics": "/userstatschartview/chart/",
    "User Registrations": "/registeruser/list/",
    "Base Permissions": "/permissions/list/",
    "Views/Menus": "/viewmenus/list/",
    "Permission on Views/Menus": "/permissionviews/list/",
    "Offices": "/officeview/list/",
    "Holidays": "/holidayoverrideview/list/",
    "DocumentTypes": "/documenttypeview/list/",
    "EmailTemplates": "/emailtemplateview/list/",
    "Outbox": "/outboxview/list/",
    "LoginHistory": "/logineventview/list/",
    "ChangeLog": "/changelogview/list/",
    "Tariffs": "/tariffview/list/",
    "Products": "/productview/list/",
    "ServiceStandards": "/servicestandardview/list/",
    "MyProfile": "/myprofileview/list/",
    "Applicants": "/applicantprofileview/list/",
    "PublicStandards": "/public/offices",
    "SigningCertificates": "/signingcertificateview/list/",
    "LetterTemplates": "/lettertemplateview/list/",
    "MyRecommendations": "/myrecommendationview/list/",
    "RecommendationRequests": "/recommendationview/list/",
    "LettersToSign": "/?service=recommendation",
    "RecommendedActivities": "/public/recommendations",
    "SalesCatalogue": "/sales/shop",
    "MySalesRequests": "/mysalesrequestview/list/",
    "SalesRequests": "/salesrequestview/list/",
    "SalesWalkIn": "/sales/walkin/",
    "SalesPayments": "/salespaymentsview/list/",
    "SalesRevenue": "/sales/revenue/",
    "Complaints": "/complaintview/list/",
    "RecordComplaint": "/complaintview/record",
    "SatisfactionIndex": "/satisfaction/report/",
    "ComplaintPage": "/complaints/",
    "PublicSatisfaction": "/public/satisfaction/",
    "KnowledgeSearch": "/knowledge/",
    "Consultations": "/consultationview/list/",
    "ConsultationLog": "/consultations/log/",
    "KnowledgeBase": "/knowledgeentryview/list/",
    "MyConsultations": "/myconsultationview/list/",
    "ConsultationTopics": "/consultationtopicview/list/",
    "StemExceptions": "/stemexceptionview/list/",
    "ConsultationSettings": "/consultationsettingsview/list/",
}

# Screens where a role may also create records ("add"); everywhere else the add form is refused.
ADD_SCREENS = {
    "admin": {"Offices", "Holidays", "DocumentTypes", "EmailTemplates", "Tariffs", "Products",
              "ServiceStandards", "Applicants", "SigningCertificates", "LetterTemplates", "MyRecommendations",
              "RecommendationRequests", "KnowledgeBase", "ConsultationTopics", "StemExceptions",
              "ConsultationSettings"},
    "officer-3324": {"Products", "RecommendationRequests", "KnowledgeBase"},
    "head-3324": {"LetterTemplates", "ConsultationSettings"},
    "applicant1": {"MyRecommendations"},
}
ADDABLE = ["Offices", "Holidays", "DocumentTypes", "EmailTemplates", "Outbox", "LoginHistory", "Tariffs",
           "Products", "ServiceStandards", "MyProfile", "Applicants", "SigningCertificates", "LetterTemplates",
           "MyRecommendations", "RecommendationRequests", "KnowledgeBase", "ConsultationTopics", "StemExceptions",
           "ConsultationSettings"]

FORBIDDEN_TEXT = "Anda tidak memiliki akses ke halaman ini."
ROLES = list(MENUS)


@pytest.fixture(scope="module")
def signed_in(app):
    """One client per demo role, each signed in through POST /login/ (the login page's form)."""
    clients = {}
    for username in ROLES:
        client = app.test_client()
        response = login(client, username)
        assert response.status_code == 302, f"{username} could not sign in"
        assert "/login" not in response.headers["Location"], f"{username} was sent back to the login page"
        clients[username] = client
    return clients


def _menu(client):
    response = client.get("/api/v1/menu/")
    assert response.status_code == 200
    return [
        (item["name"], [child["name"] for child in item.get("childs", []) if isinstance(child, dict)])
        for item in response.get_json()["result"]
    ]


def _navbar_links(client) -> set[str]:
    html = client.get("/").get_data(as_text=True)
    navbar = html[html.index('class="navbar'):html.index("</header>")] if "</header>" in html else html
    return set(re.findall(r'href="([^"#]+)"', navbar))


@pytest.mark.parametrize("username", ROLES)
def test_each_role_sees_exactly_its_menu(signed_in, username):
    assert _menu(signed_in[username]) == MENUS[username]


@pytest.mark.parametrize("username", ROLES)
def test_navbar_links_only_the_roles_screens(signed_in, username):
    links = _navbar_links(signed_in[username])
    mine = {SCREENS[entry] for _category, entries in MENUS[username] for entry in entries}
    assert mine <= links
    assert not (set(SCREENS.values()) - mine) & links


def test_menu_labels_are_indonesian(signed_in):
    labels = {}
    response = signed_in["admin"].get("/api/v1/menu/")
    for item in response.get_json()["result"]:
        labels[item["name"]] = item["label"]
        for child in item.get("childs", []):
            if isinstance(child, dict):
                labels[child["name"]] = child["label"]
    assert labels["Administration"] == "Administrasi"
    assert labels["Reference"] == "Data Referensi"
    assert labels["Services"] == "Layanan"
    assert labels["Help"] == "Bantuan"
    assert labels["Security"] == "Keamanan"
    assert labels["Products"] == "Katalog Produk"
    assert labels["Tariffs"] == "Tarif PNBP"
    assert labels["ServiceStandards"] == "Standar Pelayanan"
    portal = signed_in["applicant1"].get("/api/v1/menu/").get_json()["result"]
    assert {item["name"]: item["label"] for item in portal}["Portal"] == "Layanan Saya"


@pytest.mark.parametrize("username", ROLES)
def test_each_role_opens_its_screens_and_is_refused_the_others(signed_in, username):
    client = signed_in[username]
    mine = {entry for _category, entries in MENUS[username] for entry in entries}
    if username == "admin":
        # An admin may open every screen; the applicant's portal is only kept out of their menu.
        mine |= {"MyProfile", "SalesCatalogue", "MySalesRequests", "MyRecommendations", "MyConsultations"}
    wrong = []
    for entry, url in SCREENS.items():
        if entry in INBOX_LINKS:
            continue
        response = client.get(url)
        expected = 200 if entry in mine else 403
        if response.status_code != expected:
            wrong.append(f"{entry} {url}: {response.status_code}, expected {expected}")
        elif expected == 403:
            assert FORBIDDEN_TEXT in response.get_data(as_text=True), url
    assert not wrong, f"{username}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("username", ROLES)
def test_only_granted_roles_get_the_add_forms(signed_in, username):
    client = signed_in[username]
    allowed = ADD_SCREENS.get(username, set())
    wrong = []
    for entry in ADDABLE:
        url = SCREENS[entry].replace("/list/", "/add")
        status = client.get(url).status_code
        expected = 200 if entry in allowed else 403
        if status != expected:
            wrong.append(f"{entry} {url}: {status}, expected {expected}")
    assert not wrong, f"{username}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("username,url,hidden", [
    # hidden: text only the screen itself would show
    ("officer-3324", "/holidayoverrideview/list/", "Libur tambahan dan pengecualian hari kerja"),
    ("applicant1", "/officeview/list/", "BPS Kabupaten Bangka Tengah"),
    ("treasurer-3324", "/outboxview/list/", "Kotak Keluar Email"),
    ("treasurer-3324", "/outboxview/show/1", "Kotak Keluar Email"),
    ("head-3324", "/users/list/", "admin@satupintu.local"),
    ("monitor-3300", "/logineventview/list/", "Riwayat Masuk"),
    ("complaints-3324", "/applicantprofileview/list/", "Ayu Lestari"),
])
def test_another_roles_screen_is_403_without_its_content(signed_in, username, url, hidden):
    # FAB 5.3 answers a signed-in user without the permission with abort(403) (no redirect to
    # the login page); our error handler renders it in Indonesian.
    response = signed_in[username].get(url)
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert FORBIDDEN_TEXT in html
    assert hidden not in html


def test_signed_out_visitor_is_sent_to_the_login_page(client):
    response = client.get("/productview/list/")
    assert response.status_code == 302
    assert "/login/" in response.headers["Location"]
    assert "Katalog Produk" not in response.get_data(as_text=True)
    assert client.get("/api/v1/menu/").status_code == 401


def test_wrong_password_does_not_sign_in(app):
    client = app.test_client()
    response = login(client, "officer-3324", "not-the-password")
    assert response.status_code == 302 and "/login/" in response.headers["Location"]
    assert client.get("/api/v1/menu/").status_code == 401
    assert client.get("/productview/list/").status_code == 302
