"""The knowledge search (seed 004, online step 3), the same tests on SQLite (FTS5) and PostgreSQL
(tsvector + GIN): Indonesian word forms meet through Sastrawi's stems, the admin's exception list
fixes over-stemming, results are ranked, highlighted and counted as answers, an office sees its own,
its province's and the national entries, and no query of operators or quotes breaks the parser."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app.consultations import knowledge
from app.consultations.models import KnowledgeEntry, StemException
from app.consultations.stemming import forget_exceptions, stems
from app.core.reference.models import Office
from app.extensions import db


def add_entry(app, title, body, office="3324", published=True) -> int:
    with app.app_context():
        entry = KnowledgeEntry(title=title, body=body, published=published,
                               office_id=db.session.scalars(select(Office.id).where(Office.code == office)).one())
        knowledge.index(entry)
        db.session.add(entry)
        db.session.commit()
        return entry.id


def titles(client, q, office=None) -> list[str]:
    params = {"q": q, **({"office": office} if office else {})}
    response = client.get("/api/v1/knowledge/", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [hit["title"] for hit in response.get_json()["result"]]


def test_sastrawi_gives_one_stem_where_postgres_indonesian_gives_two(app_ctx):
    assert stems("penduduk kependudukan") == ["duduk", "duduk"]
    assert stems("kemiskinan miskin") == ["miskin", "miskin"]


def test_kemiskinan_kabupaten_finds_the_poverty_table_by_regency(client):
    found = client.get("/api/v1/knowledge/", query_string={"q": "kemiskinan kabupaten", "office": "3324"})
    result = found.get_json()["result"]
    assert "Angka kemiskinan menurut kabupaten/kota di Jawa Tengah" in [hit["title"] for hit in result]
    hit = next(h for h in result if h["title"].startswith("Angka kemiskinan"))
    assert "<mark>kemiskinan</mark>" in hit["snippet"] and "<mark>kabupaten</mark>" in hit["snippet"]
    assert hit["url"] == f"/knowledge/{hit['id']}" and hit["score"] > 0
    assert [h["score"] for h in result] == sorted((h["score"] for h in result), reverse=True)


def test_penduduk_finds_kependudukan_and_back(app, client):
    tag = uuid.uuid4().hex[:6]
    add_entry(app, f"Statistik kependudukan {tag}", "Tabel registrasi kependudukan per desa.")
    add_entry(app, f"Sebaran penduduk {tag}", "Jumlah penduduk per desa.")
    assert {f"Statistik kependudukan {tag}", f"Sebaran penduduk {tag}"} <= set(titles(client, f"penduduk {tag}"))
    assert {f"Statistik kependudukan {tag}", f"Sebaran penduduk {tag}"} <= set(titles(client, f"kependudukan {tag}"))


def test_unemployment_is_not_grapes(client):
    unemployment, grapes = "Apa yang dimaksud tingkat pengangguran terbuka (TPT)?", \
        "Di mana data produksi buah-buahan seperti anggur dan mangga?"
    assert unemployment in titles(client, "menganggur")
    assert grapes not in titles(client, "pengangguran")
    assert titles(client, "anggur") == [grapes]


def test_an_admin_extends_the_exception_list_and_the_index_follows(app, as_user, client):
    tag = uuid.uuid4().hex[:6]
    add_entry(app, f"Direktori pengusaha {tag}", "Daftar pengusaha kopi se-Kabupaten Kendal.")
    assert f"Direktori pengusaha {tag}" in titles(client, "usaha")
    admin = as_user("admin")
    response = admin.post("/stemexceptionview/add", data={"word": "Pengusaha", "stem": "pengusaha"},
                          follow_redirects=True)
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalars(select(StemException.stem).where(StemException.word == "pengusaha")).one() \
            == "pengusaha"
    assert f"Direktori pengusaha {tag}" not in titles(client, "usaha")
    assert f"Direktori pengusaha {tag}" in titles(client, f"pengusaha {tag}")
    # A stem that is not one word is refused with a message, nothing saved.
    refused = admin.post("/stemexceptionview/add", data={"word": "data mikro", "stem": "x"}, follow_redirects=True)
    assert "Gunakan satu kata" in refused.get_data(as_text=True)
    with app.app_context():
        db.session.execute(StemException.__table__.delete().where(StemException.word == "pengusaha"))
        db.session.commit()
        forget_exceptions()


@pytest.mark.parametrize("query", [
    '"&|!():*', 'kemiskinan" OR 1=1 --', "a & b | !c", "NEAR(kemiskinan inflasi)", "kemiskinan*", "'", "\\",
    "NOT", "AND OR", "^kemiskinan", "-kemiskinan", "kemiskinan:*", "{title_stems}: miskin", "x" * 5000, "\x00",
])
def test_operators_and_quotes_never_break_the_parser(client, query):
    response = client.get("/api/v1/knowledge/", query_string={"q": query})
    assert response.status_code == 200
    assert isinstance(response.get_json()["result"], list)
    page = client.get("/knowledge/", query_string={"q": query})
    assert page.status_code == 200


def test_an_office_sees_its_own_its_province_and_national_entries(client):
    assert titles(client, "lada", "3324") == []
    assert titles(client, "lada", "1904") == ["Data produksi lada Kabupaten Bangka Tengah"]
    assert "Angka kemiskinan menurut kabupaten/kota di Jawa Tengah" in titles(client, "kemiskinan", "3324")
    assert "Apa beda data kemiskinan makro dan mikro?" in titles(client, "kemiskinan", "1904")
    assert titles(client, "kemiskinan", "9999") == []


def test_unpublished_entries_are_not_found_and_text_is_escaped(app, client):
    tag = uuid.uuid4().hex[:6]
    add_entry(app, f"Draf {tag}", "Belum siap.", published=False)
    assert titles(client, tag) == []
    add_entry(app, f"Contoh {tag}", f"Kode <script>alert(1)</script> {tag} tidak dijalankan.")
    hit = client.get("/api/v1/knowledge/", query_string={"q": tag}).get_json()["result"][0]
    assert "<script>" not in hit["snippet"] and "&lt;script&gt;" in hit["snippet"]


def test_yes_counts_the_answer_no_opens_the_form_with_the_query(app, client):
    entry_id = add_entry(app, f"Rilis BRS {uuid.uuid4().hex[:6]}", "Berita Resmi Statistik terbit tiap awal bulan.")
    client.get("/api/v1/knowledge/", query_string={"q": "berita resmi"})  # a GET changes nothing
    yes = client.post(f"/knowledge/{entry_id}/helpful", data={"answer": "yes", "q": "berita resmi"},
                      follow_redirects=True)
    assert "Terima kasih: senang dapat membantu." in yes.get_data(as_text=True)
    assert client.post(f"/api/v1/knowledge/{entry_id}/helpful").status_code == 200
    with app.app_context():
        assert db.session.get(KnowledgeEntry, entry_id).helpful_count == 2
    no = client.post(f"/knowledge/{entry_id}/helpful", data={"answer": "no", "q": "berita resmi bulanan"})
    assert no.status_code == 302
    assert "/myconsultationview/add?form=1&q=berita+resmi+bulanan" in no.headers["Location"]
    assert client.post("/api/v1/knowledge/999999/helpful").status_code == 404
    assert client.post("/api/v1/knowledge/abc/helpful").status_code == 404


def test_an_officer_writes_an_faq_for_their_office(app, as_user, client):
    tag = uuid.uuid4().hex[:6]
    officer = as_user("officer-3324")
    with app.app_context():
        office_ids = dict(db.session.execute(select(Office.code, Office.id)).all())
    form = {"title": f"Jadwal PST {tag}", "body": "PST buka Senin sampai Jumat pukul 08.00-15.30.", "published": "y"}
    # The office drop-down offers only the officer's own office: the national one is refused.
    officer.post("/knowledgeentryview/add", data={**form, "office": office_ids["0000"]})
    with app.app_context():
        assert db.session.scalars(select(KnowledgeEntry).where(KnowledgeEntry.title == form["title"])).first() is None
    officer.post("/knowledgeentryview/add", data={**form, "office": office_ids["3324"]})
    with app.app_context():
        entry = db.session.scalars(select(KnowledgeEntry).where(KnowledgeEntry.title == form["title"])).one()
        assert (entry.office.code, entry.kind) == ("3324", "faq")
        entry_id = entry.id
    assert titles(client, f"jadwal {tag}", "3324") == [f"Jadwal PST {tag}"]
    assert titles(client, f"jadwal {tag}", "1904") == []
    assert as_user("officer-1904").get(f"/knowledgeentryview/show/{entry_id}").status_code == 404


def test_public_search_page_reads_without_login(client):
    page = client.get("/knowledge/", query_string={"q": "kemiskinan kabupaten", "office": "3324"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Apakah ini menjawab pertanyaan Anda?" in html
    assert "<mark>kemiskinan</mark>" in html
    entry_id = int(html.split('data-entry="')[1].split('"')[0])
    assert client.get(f"/knowledge/{entry_id}?q=kemiskinan").status_code == 200
    assert client.get("/knowledge/999999").status_code == 404
