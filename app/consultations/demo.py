"""Demo data of the consultation service: topics, the stemming exceptions, FAQs (national and per
office) and a few weeks of threads in every state, made through the engine and then dated back.

Idempotent: topics, exceptions and FAQs are kept by their code/word/title; the threads are made once.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from app.consultations import knowledge
from app.consultations.models import (
    ENTRY_FAQ,
    Consultation,
    ConsultationSettings,
    ConsultationTopic,
    KnowledgeEntry,
    Meeting,
    StemException,
)
from app.consultations.procedure import CONSULTATION
from app.consultations.service import create_consultation, log_consultation
from app.consultations.stemming import forget_exceptions
from app.core.access.people import AppUser
from app.core.calendar.workdays import jakarta_today
from app.core.documents.attached import Document
from app.core.mail.outbox import OutboxMessage
from app.core.reference.models import Office
from app.core.satisfaction.models import Rating
from app.core.workflow.audit import AuditEvent
from app.core.workflow.engine import apply
from app.core.workflow.sla import calendar_for, refresh_clock
from app.extensions import db

TOPICS = [
    ("kependudukan", "Kependudukan"), ("kemiskinan", "Kemiskinan"), ("inflasi", "Inflasi dan harga"),
    ("pdrb", "PDRB dan pertumbuhan ekonomi"), ("ketenagakerjaan", "Ketenagakerjaan"),
    ("pertanian", "Pertanian dan perikanan"), ("pendidikan", "Pendidikan"), ("kesehatan", "Kesehatan"),
    ("wilayah", "Wilayah dan peta (wilkerstat)"), ("metodologi", "Metodologi dan klasifikasi"),
    ("data_mikro", "Data mikro"), ("lainnya", "Lainnya"),
]

# Sastrawi stems all of these to `anggur` (grape): an unemployment question would find fruit farming.
EXCEPTIONS = [("pengangguran", "nganggur"), ("menganggur", "nganggur"), ("penganggur", "nganggur"),
              ("pengangguran", "nganggur")]

# office code, topic, title, body
FAQS = [
    ("0000", "kemiskinan", "Apa beda data kemiskinan makro dan mikro?",
     "Data kemiskinan makro (persentase dan jumlah penduduk miskin, garis kemiskinan) dihitung dari Survei "
     "Sosial Ekonomi Nasional (Susenas) dengan pendekatan kebutuhan dasar, dan disajikan sampai tingkat "
     "kabupaten/kota. Data kemiskinan mikro adalah data nama dan alamat rumah tangga sasaran program, yang kini "
     "dikelola dalam Data Terpadu Kesejahteraan Sosial oleh Kementerian Sosial."),
    ("0000", "inflasi", "Bagaimana BPS menghitung inflasi?",
     "Inflasi dihitung dari perubahan Indeks Harga Konsumen (IHK). IHK disusun dari harga paket barang dan jasa "
     "yang dikonsumsi rumah tangga di kota-kota IHK, dengan bobot dari Survei Biaya Hidup. Inflasi bulanan, "
     "tahun kalender dan tahunan dirilis pada awal bulan dalam Berita Resmi Statistik."),
    ("0000", "pdrb", "Apa beda PDRB atas dasar harga berlaku dan harga konstan?",
     "PDRB atas dasar harga berlaku menggambarkan nilai tambah barang dan jasa dengan harga pada tahun berjalan, "
     "untuk melihat struktur perekonomian. PDRB atas dasar harga konstan (tahun dasar 2010) memakai harga tahun "
     "dasar, untuk menghitung pertumbuhan ekonomi dari tahun ke tahun."),
    ("0000", "ketenagakerjaan", "Apa yang dimaksud tingkat pengangguran terbuka (TPT)?",
     "Tingkat pengangguran terbuka adalah persentase penganggur terhadap angkatan kerja. Penganggur adalah "
     "penduduk usia kerja yang tidak bekerja dan sedang mencari pekerjaan, mempersiapkan usaha, merasa tidak "
     "mungkin mendapat pekerjaan, atau sudah diterima bekerja tetapi belum mulai. Sumbernya Survei Angkatan "
     "Kerja Nasional (Sakernas) Februari dan Agustus."),
    ("0000", "pertanian", "Di mana data produksi buah-buahan seperti anggur dan mangga?",
     "Produksi tanaman buah-buahan semusim dan tahunan (antara lain anggur, mangga, pisang, jeruk) disajikan "
     "dalam publikasi Statistik Hortikultura, per provinsi dan kabupaten/kota, dari Survei Hortikultura."),
    ("0000", "kependudukan", "Dari mana angka jumlah penduduk antarsensus?",
     "Jumlah penduduk pada tahun di antara sensus berasal dari proyeksi penduduk hasil Sensus Penduduk 2020, "
     "disusun menurut umur, jenis kelamin dan wilayah. Data kependudukan hasil registrasi (Dukcapil) dapat "
     "berbeda karena konsep dan cakupannya berbeda."),
    ("0000", "data_mikro", "Bagaimana cara memperoleh data mikro Susenas atau Sakernas?",
     "Data mikro dapat diminta melalui layanan penjualan produk statistik: pilih dataset, unggah abstraksi "
     "penggunaan data, tandatangani Surat Perjanjian Penggunaan Data (SPPD), lalu bayar tarif PNBP sesuai "
     "PP 13/2024. Untuk kebutuhan tertentu tarif dapat Rp0 dengan surat permohonan."),
    ("3300", "kemiskinan", "Angka kemiskinan menurut kabupaten/kota di Jawa Tengah",
     "Persentase penduduk miskin menurut kabupaten/kota di Provinsi Jawa Tengah dirilis setiap tahun dari "
     "Susenas Maret, beserta garis kemiskinan, indeks kedalaman dan indeks keparahan kemiskinan. Tabelnya "
     "tersedia di situs BPS Provinsi Jawa Tengah dan dalam publikasi Provinsi Jawa Tengah Dalam Angka."),
    ("3300", "inflasi", "Kapan rilis inflasi Jawa Tengah?",
     "Inflasi Jawa Tengah dan kota-kota IHK di Jawa Tengah (Semarang, Surakarta, Purwokerto, Tegal, Kudus, "
     "Cilacap) dirilis pada hari kerja pertama setiap bulan dalam Berita Resmi Statistik."),
    ("3324", "kependudukan", "Jumlah penduduk Kabupaten Kendal menurut kecamatan",
     "Jumlah dan kepadatan penduduk menurut kecamatan di Kabupaten Kendal tersedia dalam publikasi Kabupaten "
     "Kendal Dalam Angka dan Kecamatan Dalam Angka, bersumber dari proyeksi penduduk hasil Sensus Penduduk 2020."),
    ("3324", "wilayah", "Bagaimana mendapatkan peta wilkerstat Kabupaten Kendal?",
     "Peta wilayah kerja statistik per kecamatan atau per desa dapat dibeli melalui layanan penjualan produk "
     "statistik dengan tarif PNBP, setelah menandatangani Surat Perjanjian Penggunaan Data."),
    ("1904", "pertanian", "Data produksi lada Kabupaten Bangka Tengah",
     "Luas panen dan produksi lada (tanaman perkebunan) Kabupaten Bangka Tengah disajikan dalam publikasi "
     "Kabupaten Bangka Tengah Dalam Angka, bab Pertanian, bersumber dari dinas yang membidangi perkebunan."),
]


def _user(username: str) -> AppUser:
    return db.session.scalars(select(AppUser).where(AppUser.username == username)).one()


def _seed_reference() -> dict[str, ConsultationTopic]:
    topics = {}
    for code, name in TOPICS:
        topic = db.session.scalars(select(ConsultationTopic).where(ConsultationTopic.code == code)).first()
        if topic is None:
            topic = ConsultationTopic(code=code, name=name, active=True)
            db.session.add(topic)
        topics[code] = topic
    for word, stem in dict(EXCEPTIONS).items():
        if db.session.scalars(select(StemException).where(StemException.word == word)).first() is None:
            db.session.add(StemException(word=word, stem=stem))
    db.session.flush()
    forget_exceptions()
    offices = {office.code: office for office in db.session.scalars(select(Office))}
    for code, office in offices.items():
        if db.session.scalars(select(ConsultationSettings).where(ConsultationSettings.office_id == office.id)).first() \
                is None:
            db.session.add(ConsultationSettings(office_id=office.id, idle_close_days=5))
    for code, topic, title, body in FAQS:
        entry = db.session.scalars(select(KnowledgeEntry).where(KnowledgeEntry.title == title)).first()
        if entry is None:
            entry = KnowledgeEntry(title=title, kind=ENTRY_FAQ, helpful_count=0)
            db.session.add(entry)
        entry.office_id, entry.topic_id, entry.body, entry.published = offices[code].id, topics[topic].id, body, True
        knowledge.index(entry)
    db.session.commit()
    return topics


def _back_date(record: Consultation, days_ago: int, spacing_hours: float = 20) -> None:
    """Moves a thread made just now back in time: its k-th step `days_ago` days ago plus k × spacing
    (timestamps only; every state was reached through the engine)."""
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.procedure == CONSULTATION.name, AuditEvent.record_id == record.id).order_by(AuditEvent.id)).all()
    base = events[0].at - timedelta(days=days_ago)
    shifts = []
    for k, event in enumerate(events):
        new_at = base + timedelta(hours=spacing_hours * k)
        shifts.append((event.at, new_at - event.at))
        event.at = new_at

    def shifted(moment):
        return moment + min(shifts, key=lambda pair: abs((pair[0] - moment).total_seconds()))[1]

    for row in list(record.messages) + db.session.scalars(select(Meeting).where(
            Meeting.consultation_id == record.id)).all() + db.session.scalars(select(Document).where(
            Document.procedure == CONSULTATION.name, Document.record_id == record.id)).all() + db.session.scalars(
            select(Rating).where(Rating.procedure == CONSULTATION.name, Rating.record_id == record.id)).all():
        row.created_at = shifted(row.created_at)
    record.created_at, record.updated_at = events[0].at, events[-1].at
    record.last_message_at = max(message.created_at for message in record.messages)
    db.session.flush()
    refresh_clock(record, CONSULTATION)
    db.session.commit()


def _ask(applicant, office, topic, subject, question):
    return create_consultation({"office": office, "topic": topic, "subject": subject, "question": question},
                               applicant)


def _act(record, action, user, **data):
    apply(CONSULTATION, record.id, action, user, data)


def _next_working_day(office_code: str, after_days: int):
    office = db.session.scalars(select(Office).where(Office.code == office_code)).one()
    return calendar_for(office.id).add_working_days(jakarta_today(), after_days)


def _seed_threads() -> int:
    ayu, budi = _user("applicant1"), _user("applicant2")
    kendal, jateng = _user("officer-3324"), _user("officer-3300")

    # Three weeks ago: answered, closed, rated, and the answer published.
    done = _ask(ayu, "3324", "kependudukan", "Proyeksi penduduk Kendal per kelompok umur",
                "Apakah tersedia proyeksi penduduk Kabupaten Kendal menurut kelompok umur lima tahunan 2025?")
    _act(done, "answer", kendal, message="Tersedia. Proyeksi penduduk menurut kelompok umur lima tahunan dan jenis "
         "kelamin ada di tabel 3.1.4 publikasi Kabupaten Kendal Dalam Angka 2026.")
    _act(done, "close", kendal)
    _act(done, "rate", ayu, scores=[4, 4, 3, 4, 4, 4, 4, 3, 3], comment="Jawaban cepat dan jelas.")
    _act(done, "publish_answer", kendal, title="Proyeksi penduduk Kabupaten Kendal menurut kelompok umur",
         answer="Proyeksi penduduk menurut kelompok umur lima tahunan dan jenis kelamin ada di tabel 3.1.4 "
                "publikasi Kabupaten Kendal Dalam Angka.")
    _back_date(done, 21)

    # Two weeks ago: clarified, answered, closed; not yet rated.
    closed = _ask(budi, "3300", "pdrb", "PDRB Jawa Tengah triwulanan",
                  "Saya butuh PDRB triwulanan, untuk keperluan riset.")
    _act(closed, "ask_clarification", jateng, message="Apakah yang Anda perlukan PDRB menurut lapangan usaha atau "
         "menurut pengeluaran, dan untuk periode tahun berapa?")
    _act(closed, "reply", budi, message="Menurut lapangan usaha, triwulan I 2023 sampai triwulan II 2026.")
    _act(closed, "answer", jateng, message="Tabel PDRB triwulanan menurut lapangan usaha tersedia di situs BPS "
         "Provinsi Jawa Tengah, menu Statistik Menurut Subjek > Produk Domestik Regional Bruto.")
    _act(closed, "close", jateng)
    _back_date(closed, 14)

    # Ten days ago the officer answered and the applicant never came back: `close-idle` will close it.
    idle = _ask(ayu, "3324", "ketenagakerjaan", "Data pengangguran Kendal",
                "Berapa tingkat pengangguran terbuka Kabupaten Kendal tahun 2025?")
    _act(idle, "answer", kendal, message="TPT Kabupaten Kendal Agustus 2025 ada di Berita Resmi Statistik "
         "Ketenagakerjaan Kabupaten Kendal. Apakah Anda juga memerlukan data menurut pendidikan?")
    _back_date(idle, 10)

    # Four days ago: the officer asked for clarification; waiting on the applicant.
    waiting = _ask(budi, "3324", "data_mikro", "Data mikro Susenas untuk skripsi",
                   "Saya ingin data Susenas untuk skripsi, bagaimana caranya?")
    _act(waiting, "ask_clarification", kendal, message="Variabel apa saja dan untuk wilayah mana yang Anda "
         "perlukan? Apakah Anda mahasiswa yang akan mengajukan tarif Rp0?")
    _back_date(waiting, 4)

    # Yesterday: a follow-up video meeting proposed, waiting on the applicant's answer.
    meeting = _ask(ayu, "3300", "metodologi", "Metode penghitungan garis kemiskinan",
                   "Saya ingin berdiskusi tentang metode penghitungan garis kemiskinan makanan dan bukan makanan.")
    _act(meeting, "answer", jateng, message="Garis kemiskinan terdiri dari garis kemiskinan makanan (2.100 kkal) "
         "dan bukan makanan. Agar lebih jelas, kami usulkan pertemuan daring.")
    _act(meeting, "schedule_meeting", jateng, kind="video", day=_next_working_day("3300", 3).isoformat(),
         time="10:00", minutes="60", link="https://meet.example.org/pst-jateng-garis-kemiskinan",
         message="Silakan gunakan tautan berikut.")
    _back_date(meeting, 1, spacing_hours=2)

    # Today: two new questions, the office's turn.
    _ask(budi, "3324", "kemiskinan", "Angka kemiskinan Kendal 2025",
         "Berapa persentase penduduk miskin Kabupaten Kendal pada Maret 2025?")
    _ask(ayu, "3300", "inflasi", "Inflasi Kota Semarang",
         "Di mana saya dapat melihat inflasi bulanan Kota Semarang selama 2025?")

    # A walk-in guest at the Kendal desk, answered and closed there; it led to a microdata request.
    walk_in = log_consultation({"applicant": "applicant2", "channel": "walk_in", "topic": "data_mikro",
                                "subject": "Konsultasi data mikro Sakernas",
                                "question": "Variabel apa saja yang ada di Sakernas Agustus?",
                                "answer": "Kami tunjukkan daftar variabel dan kuesioner Sakernas Agustus 2025.",
                                "close": "1"}, kendal)
    _back_date(walk_in, 6, spacing_hours=0.2)
    # A question that came by WhatsApp, answered by the officer.
    whatsapp = log_consultation({"applicant": "applicant1", "channel": "whatsapp", "topic": "pertanian",
                                 "subject": "Luas panen padi Kendal (WhatsApp)",
                                 "question": "Mohon info luas panen padi Kendal 2025.",
                                 "answer": "Luas panen padi Kendal 2025 ada di Berita Resmi Statistik Luas Panen "
                                           "dan Produksi Padi."}, kendal)
    _back_date(whatsapp, 2, spacing_hours=1)
    return 9


def seed_consultations() -> list[str]:
    _seed_reference()
    if db.session.scalar(select(func.count(Consultation.id))):
        return []
    first_mail = (db.session.scalar(select(func.max(OutboxMessage.id))) or 0) + 1
    made = _seed_threads()
    # Demo threads mail nobody: their addresses are made up.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.id >= first_mail))
    db.session.commit()
    return [f"Consultations: {len(FAQS)} FAQs, {made} demo threads"]
