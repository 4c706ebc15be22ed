"""Consultation threads, their messages and follow-up meetings; the knowledge base; the lists an
admin keeps (topics, stemming exceptions) and each office's consultation settings."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import relationship

from app.core.calendar.clock import utcnow
from app.core.reference.changelog import ChangeLogged
from app.core.workflow.records import CHANNEL_ONLINE, CHANNEL_WALK_IN, ProcedureRecord

CHANNEL_WHATSAPP, CHANNEL_EMAIL = "whatsapp", "email"
CHANNELS = {
    CHANNEL_ONLINE: _l("Online"),
    CHANNEL_WALK_IN: _l("Walk-in"),
    CHANNEL_WHATSAPP: _l("WhatsApp"),
    CHANNEL_EMAIL: _l("E-mail"),
}
MEETING_KINDS = {"visit": _l("Visit to the office"), "video": _l("Video meeting")}
MEETING_PROPOSED, MEETING_ACCEPTED, MEETING_DECLINED = "proposed", "accepted", "declined"
MEETING_STATUSES = {MEETING_PROPOSED: _l("Proposed"), MEETING_ACCEPTED: _l("Accepted"),
                    MEETING_DECLINED: _l("Another time asked")}
ENTRY_FAQ, ENTRY_ANSWER = "faq", "answer"
ENTRY_KINDS = {ENTRY_FAQ: _l("FAQ"), ENTRY_ANSWER: _l("Published answer")}
# Where a walk-in consultation led (seed 004, walk-in step 6): another service of the PST.
FOLLOW_UPS = {"": _l("None"), "sales": _l("Sales of statistical products"),
              "recommendations": _l("Recommendation of statistical activities"), "library": _l("Library")}


class ConsultationTopic(ChangeLogged, Model):
    """A subject of consultation (kependudukan, kemiskinan, inflasi, PDRB …), kept by admins."""

    __changelog_label__ = _l("Consultation topic")
    __tablename__ = "consultation_topic"

    id = Column(Integer, primary_key=True)
    code = Column(String(40), unique=True, nullable=False)
    name = Column(String(120), nullable=False)
    active = Column(Boolean, nullable=False, default=True)

    def __repr__(self):
        return self.name


class Consultation(ProcedureRecord, Model):
    """One consultation: the question, the thread that answers it, where it led."""

    __tablename__ = "consultation"

    subject = Column(String(200), nullable=False)
    question = Column(Text, nullable=False, default="")
    # None only while a walk-in log started from the front desk is being filled in.
    topic_id = Column(Integer, ForeignKey("consultation_topic.id"), index=True)
    topic = relationship("ConsultationTopic")
    # Walk-in only: the service the visit went on to (seed 004, walk-in step 6), and its record.
    follow_up_service = Column(String(20), nullable=False, default="")
    follow_up_record_id = Column(Integer)
    # The last time someone wrote in the thread: `close-idle` counts from the office's last word.
    last_message_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    messages = relationship("ConsultationMessage", back_populates="consultation",
                            order_by="ConsultationMessage.id", cascade="all, delete-orphan")

    def __repr__(self):
        return self.subject or f"#{self.id}"

    @property
    def channel_label(self):
        return CHANNELS.get(self.channel, self.channel)


class ConsultationMessage(Model):
    """A message in the thread, written by the applicant or an officer, with at most one attachment."""

    __tablename__ = "consultation_message"

    id = Column(Integer, primary_key=True)
    consultation_id = Column(Integer, ForeignKey("consultation.id"), nullable=False, index=True)
    consultation = relationship("Consultation", back_populates="messages")
    author_id = Column(Integer, ForeignKey("ab_user.id"))
    author = relationship("AppUser")
    author_role = Column(String(30), nullable=False)
    # The procedure step it was written with (question, answer, reply, schedule_meeting …).
    action = Column(String(40), nullable=False)
    body = Column(Text, nullable=False)
    document_id = Column(Integer, ForeignKey("document.id"))
    document = relationship("Document")
    created_at = Column(DateTime, nullable=False, default=utcnow)


class Meeting(Model):
    """A follow-up the officer proposes: a visit (place) or a video meeting (link)."""

    __tablename__ = "consultation_meeting"

    id = Column(Integer, primary_key=True)
    consultation_id = Column(Integer, ForeignKey("consultation.id"), nullable=False, index=True)
    consultation = relationship("Consultation")
    kind = Column(String(10), nullable=False)
    day = Column(Date, nullable=False)
    start_time = Column(Time, nullable=False)
    duration_minutes = Column(Integer, nullable=False, default=60)
    place = Column(String(300), nullable=False, default="")
    link = Column(String(500), nullable=False, default="")
    status = Column(String(10), nullable=False, default=MEETING_PROPOSED)
    # The iCalendar UID stays the same across re-sends, so calendars update the event.
    uid = Column(String(120), nullable=False, unique=True)
    invitation_id = Column(Integer, ForeignKey("document.id"))
    proposed_by_id = Column(Integer, ForeignKey("ab_user.id"))
    proposed_by = relationship("AppUser")
    created_at = Column(DateTime, nullable=False, default=utcnow)

    @property
    def kind_label(self):
        return MEETING_KINDS.get(self.kind, self.kind)

    @property
    def status_label(self):
        return MEETING_STATUSES.get(self.status, self.status)


class KnowledgeEntry(ChangeLogged, Model):
    """A knowledge-base article: an officer's FAQ, or a closed consultation's answer an officer
    published (the question rewritten without personal data). `stems` is what the search indexes:
    PostgreSQL keeps a tsvector of it (column `search_vector`, GIN index), SQLite an FTS5 table
    (`knowledge_fts`); both are created by the migration, outside the models (see app.consultations.search)."""

    __tablename__ = "knowledge_entry"
    __changelog_label__ = _l("Knowledge-base entry")
    # The index and the "it answered me" count follow from use, not from an edit.
    __changelog_ignore__ = ("title_stems", "stems", "helpful_count")

    id = Column(Integer, primary_key=True)
    # BPS RI's (0000) entries are national: every office's search finds them.
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    kind = Column(String(10), nullable=False, default=ENTRY_FAQ)
    title = Column(String(250), nullable=False)
    body = Column(Text, nullable=False)
    topic_id = Column(Integer, ForeignKey("consultation_topic.id"), index=True)
    topic = relationship("ConsultationTopic")
    consultation_id = Column(Integer, ForeignKey("consultation.id"), unique=True)
    published = Column(Boolean, nullable=False, default=True)
    # The stems of the title and of the body (app.consultations.knowledge.index).
    title_stems = Column(Text, nullable=False, default="")
    stems = Column(Text, nullable=False, default="")
    # How often a searcher said "yes, this answered my question".
    helpful_count = Column(Integer, nullable=False, default=0)
    created_by_id = Column(Integer, ForeignKey("ab_user.id"))
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    def __repr__(self):
        return self.title

    @property
    def kind_label(self):
        return ENTRY_KINDS.get(self.kind, self.kind)


# The search index the migration makes with raw SQL (PostgreSQL: a generated tsvector column and its
# GIN index; SQLite: the FTS5 table and its shadow tables): autogenerate leaves them alone (migrations/env.py).
Model.metadata.info.setdefault("unmanaged", set()).update(
    {"knowledge_fts", "knowledge_fts_*", "knowledge_entry.search_vector", "ix_knowledge_entry_search_vector"})


class StemException(ChangeLogged, Model):
    """A word the Indonesian stemmer gets wrong, and the stem to index it under instead
    (Sastrawi turns "pengangguran" into `anggur`, grape)."""

    __tablename__ = "stem_exception"
    __changelog_label__ = _l("Stemming exception")

    id = Column(Integer, primary_key=True)
    word = Column(String(60), unique=True, nullable=False)
    stem = Column(String(60), nullable=False)

    def __repr__(self):
        return f"{self.word} → {self.stem}"


class ConsultationSettings(ChangeLogged, Model):
    """An office's consultation settings (kept by the admin or the head of office)."""

    __tablename__ = "consultation_settings"
    __changelog_label__ = _l("Consultation settings")

    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, unique=True)
    office = relationship("Office")
    # `flask consultations close-idle` closes threads the applicant left unanswered this long.
    idle_close_days = Column(Integer, nullable=False, default=5)

    def __repr__(self):
        return str(self.office) if self.office else f"#{self.id}"
