"""One storage interface, two backends: a local folder (default) and the shared database."""
from __future__ import annotations

import pytest

from tests.support.sales import PDF, new_request, upload


@pytest.fixture()
def database_storage(app):
    """The database backend for one test; its documents go afterwards, so the session's database stays
    a local-storage one (a backup of it must find every file in the folder)."""
    from sqlalchemy import delete, select

    from app.core.documents.attached import Document
    from app.core.documents.storage import StoredFile
    from app.extensions import db

    app.config["SATUPINTU_STORAGE"] = "database"
    yield
    app.config["SATUPINTU_STORAGE"] = "local"
    with app.app_context():
        names = select(StoredFile.name)
        db.session.execute(delete(Document).where(Document.storage_path.in_(names)))
        db.session.execute(delete(StoredFile))
        db.session.commit()
        db.session.remove()


def local_files(app) -> set[str]:
    from app.core.documents.storage import LocalStorage

    return set(LocalStorage(app.config["UPLOAD_FOLDER"]).names())


def test_database_backend_keeps_uploads_where_every_node_reads_them(app, app_ctx, database_storage):
    from app.core.documents import storage
    from app.core.documents.storage import StoredFile
    from app.extensions import db

    before = local_files(app)
    record = new_request()
    doc = upload(record, "abstract", "applicant1", PDF, "abstrak.pdf")
    db.session.commit()
    assert local_files(app) == before
    assert db.session.get(StoredFile, doc.storage_path).size == len(PDF)
    assert storage.load(doc.storage_path) == PDF


def test_database_backend_rolls_back_the_bytes_with_the_transaction(app, app_ctx, database_storage):
    """A document whose transaction fails leaves no orphan file behind (the local folder would)."""
    from app.core.documents import storage
    from app.extensions import db

    name = storage.save(PDF, "pdf")
    assert storage.load(name) == PDF  # visible inside the transaction
    db.session.rollback()
    with pytest.raises(FileNotFoundError):
        storage.load(name)


def test_a_missing_file_is_reported_as_missing_by_both_backends(app, app_ctx):
    from app.core.documents import storage

    for kind in ("local", "database"):
        app.config["SATUPINTU_STORAGE"] = kind
        try:
            with pytest.raises(FileNotFoundError):
                storage.load("00/nothing-here.pdf")
        finally:
            app.config["SATUPINTU_STORAGE"] = "local"


def test_an_unknown_backend_is_a_configuration_error(app, app_ctx):
    from app.core.documents import storage

    app.config["SATUPINTU_STORAGE"] = "s3"
    try:
        with pytest.raises(RuntimeError, match="SATUPINTU_STORAGE"):
            storage.backend()
    finally:
        app.config["SATUPINTU_STORAGE"] = "local"
