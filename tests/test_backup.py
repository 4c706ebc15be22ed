"""Backup and restore (flask satupintu backup/restore): one archive with a SHA-256 manifest, restored
into a fresh database and storage, where every issued document still verifies at /verify."""
from __future__ import annotations

import hashlib
import io
import json
import tarfile
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from tests.support.nodes import call, call_json, flask_command, multipart, node, node_env


@pytest.fixture(scope="module")
def issued(app):
    """A few requests whose invoices and receipts were issued (and files uploaded): name -> bytes."""
    from app.core.documents import storage
    from app.core.documents.attached import ISSUED, Document
    from app.extensions import db
    from tests.support.sales import drive, line, new_request

    with app.app_context():
        drive(new_request(lines=[line("publication")]), "paid")
        drive(new_request(lines=[line()]), "delivered")
        docs = db.session.scalars(select(Document).where(Document.origin == ISSUED)).all()
        found = {doc.token: storage.load(doc.storage_path) for doc in docs}
        db.session.remove()
    assert len(found) >= 3
    return found


@pytest.fixture(scope="module")
def applicants_documents(app, issued):
    """The issued documents on applicant1's own sales requests (tokens): what they download after a restore.

    `issued` holds every issued document of the session's database, the living demo's letters, tickets and
    other applicants' invoices among them; applicant1's document list shows only their own requests."""
    from app.core.documents.attached import ISSUED, Document
    from app.extensions import db
    from app.sales.models import SalesRequest
    from app.sales.procedure import SALES
    from tests.support.sales import user

    with app.app_context():
        theirs = select(SalesRequest.id).where(SalesRequest.applicant_id == user("applicant1").id)
        tokens = set(db.session.scalars(select(Document.token).where(
            Document.origin == ISSUED, Document.procedure == SALES.name, Document.record_id.in_(theirs))))
        db.session.remove()
    assert tokens and tokens <= set(issued)
    return tokens


@pytest.fixture()
def fresh_target(app, tmp_path):
    """An empty database of the session's kind and an empty upload folder: (url, upload dir)."""
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    uploads = tmp_path / "uploads"
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}", str(uploads)
        return
    name = f"satupintu_prod_restore_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False), str(uploads)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def session_env(app):
    return node_env(app.config["SQLALCHEMY_DATABASE_URI"], app.config["UPLOAD_FOLDER"])


@pytest.mark.parametrize("target_storage", ["local", "database"])
def test_restore_into_fresh_database_and_storage_every_issued_document_verifies(
        app, issued, applicants_documents, fresh_target, tmp_path, target_storage):
    archive = tmp_path / "satupintu.tar.gz"
    out = flask_command(session_env(app), "satupintu", "backup", str(archive))
    assert "backup written" in out
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for member, digest in manifest["sha256"].items():
            assert hashlib.sha256(tar.extractfile(member).read()).hexdigest() == digest

    url, uploads = fresh_target
    env = node_env(url, uploads, SATUPINTU_STORAGE=target_storage)
    assert "every SHA-256 matched" in flask_command(env, "satupintu", "restore", str(archive))
    flask_command(env, "db", "check")  # the restored schema is exactly the migrations' head
    with node(env) as base:
        ready = call_json(base, "GET", "/readyz")
        assert ready[0] == 200, ready
        for token, data in issued.items():
            status, about = call_json(base, "GET", f"/verify/{token}", headers={"Accept": "application/json"})
            assert status == 200 and about["sha256"] == hashlib.sha256(data).hexdigest()
            body, content_type = multipart("file", "doc.pdf", data)
            status, answer, _ = call(base, "POST", f"/verify/{token}", body,
                                     {"Content-Type": content_type, "Accept": "application/json"})
            assert status == 200 and json.loads(answer)["identical"] is True, token
        # The applicant still downloads their documents: the files came back too.
        status, login = call_json(base, "POST", "/api/v1/security/login",
                                  {"username": "applicant1", "password": env["SATUPINTU_DEMO_PASSWORD"],
                                   "provider": "db"})
        auth = {"Authorization": f"Bearer {login['access_token']}"}
        downloaded = {}
        page = 0
        while True:
            status, listing = call_json(base, "GET", f"/api/v1/sales_request/?q=(page:{page},page_size:100)",
                                        headers=auth)
            assert status == 200, listing
            if not listing["result"]:
                break
            for row in listing["result"]:
                _, documents = call_json(base, "GET", f"/api/v1/sales_request/{row['id']}/documents",
                                         headers=auth)
                for doc in documents["result"]:
                    status, data, _ = call(base, "GET", doc["download_url"], headers=auth)
                    assert status == 200, doc
                    if doc["verify_url"]:
                        downloaded[doc["verify_url"].rsplit("/", 1)[-1]] = data
            page += 1
        # Every issued document on their own requests came back, byte for byte.
        assert applicants_documents <= set(downloaded), applicants_documents - set(downloaded)
        for token, data in downloaded.items():
            assert data == issued[token], token


def test_a_damaged_archive_is_refused_before_anything_is_touched(app, issued, tmp_path):
    from app.core.backup import BackupError, backup, restore

    archive = tmp_path / "good.tar.gz"
    with app.app_context():
        backup(archive)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            target.addfile(member, io.BytesIO(data))
    with app.app_context():
        from app.core.backup import _unpack_checked

        with pytest.raises(BackupError, match="damaged"):
            _unpack_checked(damaged, tmp_path / "unpacked")
        with pytest.raises(BackupError, match="not empty"):
            restore(archive)  # the session's own database is full: nothing is overwritten
