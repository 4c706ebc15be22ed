"""Indonesian word forms for the knowledge search: documents and queries are stemmed alike.

Sastrawi (PySastrawi) reduces "penduduk" and "kependudukan" to the same stem `duduk`, which
PostgreSQL's own `indonesian` configuration does not. Where it over-stems ("pengangguran" to `anggur`,
grape) an admin-kept exception list (StemException) names the stem to use instead.
"""
from __future__ import annotations

import re
import time
from functools import lru_cache

from sqlalchemy import select

from app.extensions import db

# Words that only join a sentence. Sastrawi's list minus words that carry meaning in statistics
# ("jumlah penduduk", "angkatan kerja", "bekerja", "bulan", "tahun", "orang" …).
_MEANINGFUL = {"bulan", "hari", "jumlah", "jumlahnya", "kerja", "bekerja", "besar", "kecil", "satu", "dua",
               "tiga", "empat", "lima", "orang", "baru", "akhir", "awal", "masuk", "keluar", "naik", "tahu",
               "lama", "panjang", "tempat", "per", "kasus", "keadaan", "bagian", "harga"}
WORD = re.compile(r"[0-9a-z]+")
MAX_WORD = 40
EXCEPTIONS_TTL_SECONDS = 60
_exceptions: tuple[float, dict[str, str]] | None = None


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words()) - _MEANINGFUL


@lru_cache(maxsize=50_000)
def _sastrawi_stem(word: str) -> str:
    return _stemmer().stem(word) or word


def forget_exceptions() -> None:
    """After an admin changed the exception list: read it again at the next stem."""
    global _exceptions
    _exceptions = None


def exceptions() -> dict[str, str]:
    from app.consultations.models import StemException

    global _exceptions
    if _exceptions is None or time.monotonic() - _exceptions[0] > EXCEPTIONS_TTL_SECONDS:
        rows = db.session.execute(select(StemException.word, StemException.stem)).all()
        _exceptions = (time.monotonic(), {word.lower(): stem.lower() for word, stem in rows})
    return _exceptions[1]


def words(text: str) -> list[str]:
    """The words of a text, lower-case letters and digits only: nothing a query parser reads."""
    return [word[:MAX_WORD] for word in WORD.findall((text or "").lower())]


def stem(word: str, overrides: dict[str, str] | None = None) -> str:
    overrides = exceptions() if overrides is None else overrides
    return overrides.get(word) or _sastrawi_stem(word)


def stems(text: str) -> list[str]:
    """The stems of a text's meaningful words, in order (repeats kept: they weigh in the ranking)."""
    overrides = exceptions()
    stop = stop_words()
    return [stem(word, overrides) for word in words(text) if word not in stop]
