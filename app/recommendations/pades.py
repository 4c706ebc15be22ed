"""PAdES signatures on recommendation letters, with an office's PKCS#12 certificate (pyHanko).

Key storage, kept simple: an admin uploads the office's .p12 and its passphrase once
(Administration > Signing certificates). The PKCS#12 bytes are kept in the database row
(`recommendation_signing_certificate.pkcs12`) — never under static/, never served by any view —
and the passphrase is encrypted with Fernet under a key derived from the app's SECRET_KEY, so a
database dump alone does not open the key. Rotating SECRET_KEY means uploading the certificate
again. Without a certificate for the office, letters carry the QR verification only.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.serialization import pkcs12
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.calendar.clock import utcnow
from app.core.values.validation import InvalidValue
from app.extensions import db
from app.recommendations.models import SigningCertificate


def _fernet() -> Fernet:
    secret = current_app.config["SECRET_KEY"].encode()
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"satupintu-pades:" + secret).digest()))


def encrypt_passphrase(passphrase: str) -> str:
    return _fernet().encrypt((passphrase or "").encode()).decode()


def decrypt_passphrase(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def inspect_pkcs12(data: bytes, passphrase: str) -> dict:
    """Subject, serial and expiry of a PKCS#12 archive; InvalidValue if it does not open."""
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, (passphrase or "").encode() or None)
    except Exception:
        raise InvalidValue(_("The certificate file could not be opened with this passphrase."))
    if key is None or cert is None:
        raise InvalidValue(_("The certificate file must contain the private key and its certificate."))
    return {"subject": cert.subject.rfc4514_string()[:300], "serial": format(cert.serial_number, "x")[:80],
            "not_after": cert.not_valid_after_utc.replace(tzinfo=None)}


def store_certificate(office_id: int, data: bytes, passphrase: str, user=None) -> SigningCertificate:
    """Creates or replaces the office's certificate (in the caller's transaction)."""
    info = inspect_pkcs12(data, passphrase)
    row = db.session.scalars(select(SigningCertificate).where(SigningCertificate.office_id == office_id)).first()
    row = row or SigningCertificate(office_id=office_id)
    row.pkcs12 = data
    row.passphrase_encrypted = encrypt_passphrase(passphrase)
    row.subject, row.serial, row.not_after = info["subject"], info["serial"], info["not_after"]
    row.uploaded_by_id = getattr(user, "id", None)
    db.session.add(row)
    return row


def certificate_for(office_id: int) -> SigningCertificate | None:
    return db.session.scalars(select(SigningCertificate).where(SigningCertificate.office_id == office_id)).first()


def outside_event_loop(function):
    """Runs `function` where no asyncio loop is running: pyHanko's synchronous API calls asyncio.run(),
    which refuses to run inside a thread that already has one (an async server, Playwright's tests)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def sign_pdf(data: bytes, certificate: SigningCertificate, *, name: str, location: str, reason: str) -> bytes:
    """The PDF with an invisible PAdES (B-B) signature over the whole file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    if certificate.not_after and certificate.not_after < utcnow():
        raise InvalidValue(_("The office's signing certificate expired on %(day)s; an administrator must upload "
                             "the new one.", day=certificate.not_after.strftime("%d-%m-%Y")))
    try:
        passphrase = decrypt_passphrase(certificate.passphrase_encrypted)
    except InvalidToken:
        raise InvalidValue(_("The office's signing certificate cannot be opened (the server key changed); "
                             "an administrator must upload it again."))
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(certificate.pkcs12, (),
                                                       passphrase=passphrase.encode() or None)
    except ValueError:
        raise InvalidValue(_("The office's signing certificate cannot be opened; "
                             "an administrator must upload it again."))
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTanganElektronik", name=name, location=location, reason=reason,
        subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
    )
    return outside_event_loop(lambda: signers.sign_pdf(writer, meta, signer=signer).getvalue())
