"""Files people upload and documents we issue: checked by content, stored under random names
outside `static/`, so only the permission-checked download views can hand them out."""
from __future__ import annotations

import csv
import io
import os
import secrets
import zipfile
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from app.core.values.validation import InvalidValue

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


def _root() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def save(data: bytes, extension: str) -> str:
    name = secrets.token_hex(16)
    relative = Path(name[:2]) / f"{name}.{extension}"
    target = _root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return str(relative)


def load(relative: str) -> bytes:
    return (_root() / relative).read_bytes()
