"""Public verification of issued documents: /verify/<token>, no login."""
from __future__ import annotations

import hashlib

from flask import abort, jsonify, request
from flask_appbuilder import BaseView, expose
from flask_babel import get_locale
from sqlalchemy import select

from app.core.documents.attached import ISSUED, Document
from app.extensions import db


class VerifyView(BaseView):
    route_base = "/verify"
    default_view = "show"

    def _document(self, token: str) -> Document:
        doc = db.session.scalars(select(Document).where(Document.token == token, Document.origin == ISSUED)).first()
        if doc is None:
            abort(404)
        return doc

    @staticmethod
    def _kind_label(kind: str) -> str:
        """The document type's name in the reader's language, as the admin keeps it."""
        from app.core.reference.models import DocumentType

        row = db.session.scalars(select(DocumentType).where(DocumentType.code == kind)).first()
        if row is None:
            return kind
        return row.name_en if str(get_locale()).startswith("en") and row.name_en else row.name

    @expose("/<token>", methods=["GET", "POST"])
    def show(self, token):
        doc = self._document(token)
        match = None
        if request.method == "POST":
            upload = request.files.get("file")
            data = upload.read() if upload else b""
            match = bool(data) and hashlib.sha256(data).hexdigest() == doc.sha256
        kind_label = self._kind_label(doc.kind)
        subject, signer = self._subject(doc), doc.actor.display_name if doc.actor else ""
        if request.accept_mimetypes.best == "application/json":
            return jsonify({"office": doc.office.name, "kind": doc.kind, "number": doc.number,
                            "issued_at": doc.created_at.isoformat() + "Z", "status": doc.status,
                            "subject": subject, "signed_by": signer, "sha256": doc.sha256, "identical": match})
        return self.render_template("satupintu/verify.html", doc=doc, match=match, kind_label=kind_label,
                                    subject=subject, signer=signer, checked=request.method == "POST")

    @staticmethod
    def _subject(doc: Document) -> str:
        """What the document is about, as its procedure lets the public read it."""
        from app.core.workflow.procedure import PROCEDURES

        procedure = PROCEDURES.get(doc.procedure)
        record = db.session.get(procedure.model, doc.record_id) if procedure else None
        return procedure.subject_of(record) if record is not None else ""
