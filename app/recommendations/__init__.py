"""Recommendation of statistical activities (Rekomendasi Kegiatan Statistik, ROMANTIK)."""
