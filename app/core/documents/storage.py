"""Files people upload and documents we issue: checked by content, stored under random names
outside `static/`, so only the permission-checked download views can hand them out.

Where the bytes live is one interface with two backends (SATUPINTU_STORAGE): a local directory, or
the shared PostgreSQL database for several nodes without a shared disk."""
from __future__ import annotations

import csv
import io
import os
import secrets
import zipfile
from pathlib import Path
from typing import Iterator

from flask import current_app
from flask_appbuilder import Model
from flask_babel import gettext as _
from sqlalchemy import Column, DateTime, Integer, LargeBinary, String, select

from app.core.calendar.clock import utcnow
from app.core.values.validation import InvalidValue
from app.extensions import db

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "sav": "application/x-spss-sav",
    "dta": "application/x-stata-dta",
    "ics": "text/calendar",
}
DOCUMENT_TYPES = ("pdf", "jpg", "png")
PRODUCT_TYPES = DOCUMENT_TYPES + ("zip", "xlsx", "csv", "sav", "dta")


def _looks_like_csv(data: bytes) -> bool:
    if b"\x00" in data[:4096]:
        return False
    try:
        head = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return False
    try:
        dialect = csv.Sniffer().sniff(head.splitlines()[0] if head else "", delimiters=",;\t|")
    except csv.Error:
        return False
    return bool(dialect)


def sniff(data: bytes) -> str | None:
    """The file's real type from its first bytes; None when we do not recognise it."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        return "xlsx" if "[Content_Types].xml" in names and "xl/workbook.xml" in names else "zip"
    if data[:4] in (b"$FL2", b"$FL3"):
        return "sav"
    if data.startswith(b"<stata_dta>") or (len(data) > 2 and data[0] in (0x71, 0x72, 0x73) and data[1] in (1, 2)):
        return "dta"
    if _looks_like_csv(data):
        return "csv"
    return None


def check_upload(data: bytes, allowed: tuple[str, ...]) -> str:
    """Returns the file's type, or raises InvalidValue with a message a person can act on."""
    limit = current_app.config["SATUPINTU_MAX_UPLOAD_BYTES"]
    if not data:
        raise InvalidValue(_("The file is empty."))
    if len(data) > limit:
        raise InvalidValue(_("The file is larger than %(mb)d MB.", mb=limit // (1024 * 1024)))
    kind = sniff(data)
    if kind not in allowed:
        raise InvalidValue(_("This type of file is not accepted here. Allowed: %(types)s.",
                             types=", ".join(t.upper() for t in allowed)))
    return kind


class LocalStorage:
    """A directory (SATUPINTU_UPLOAD_DIR): the default, for one machine or a shared mount."""

    name = "local"

    def __init__(self, root: str):
        self.root = Path(root)

    def put(self, relative: str, data: bytes) -> None:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def load(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()

    def names(self) -> Iterator[str]:
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path.suffix != ".part":
                yield str(path.relative_to(self.root))


class StoredFile(Model):
    """A file kept in the database: what every node sees without a shared disk."""

    __tablename__ = "stored_file"
    name = Column(String(200), primary_key=True)
    data = Column(LargeBinary, nullable=False)
    size = Column(Integer, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class DatabaseStorage:
    """Files as rows of `stored_file` (bytea on PostgreSQL), written in the caller's transaction: a
    document and its bytes are committed, or rolled back, together; backups need no second copy."""

    name = "database"

    def put(self, relative: str, data: bytes) -> None:
        db.session.merge(StoredFile(name=relative, data=data, size=len(data), created_at=utcnow()))

    def load(self, relative: str) -> bytes:
        data = db.session.scalar(select(StoredFile.data).where(StoredFile.name == relative))
        if data is None:
            raise FileNotFoundError(relative)
        return bytes(data)

    def names(self) -> Iterator[str]:
        yield from db.session.scalars(select(StoredFile.name).order_by(StoredFile.name))


BACKENDS = ("local", "database")


def backend() -> LocalStorage | DatabaseStorage:
    """The configured backend (SATUPINTU_STORAGE): "local" (default) or "database"."""
    kind = current_app.config.get("SATUPINTU_STORAGE", "local")
    if kind == "database":
        return DatabaseStorage()
    if kind != "local":
        raise RuntimeError(f"SATUPINTU_STORAGE must be one of {BACKENDS}, not {kind!r}")
    return LocalStorage(current_app.config["UPLOAD_FOLDER"])


def save(data: bytes, extension: str) -> str:
    """Stores new bytes under a fresh random name; returns the name to keep on the document."""
    name = secrets.token_hex(16)
    relative = str(Path(name[:2]) / f"{name}.{extension}")
    backend().put(relative, data)
    return relative


def load(relative: str) -> bytes:
    """The stored bytes; FileNotFoundError when they are gone."""
    return backend().load(relative)
