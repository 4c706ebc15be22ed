"""Notification texts: admin-editable templates per event and language, with built-in defaults."""
from __future__ import annotations

from functools import lru_cache

from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select

from app.extensions import db

# Seeded into the email_template table; an admin edits the rows, these only fill gaps.
DEFAULT_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "account.activation": {
        "id": (
            "Aktivasi akun SatuPintu",
            "Yth. {{ name }},\n\nTerima kasih telah mendaftar di layanan PST BPS dengan nama pengguna "
            "{{ username }}.\nAktifkan akun Anda melalui tautan berikut:\n{{ url }}\n\n"
            "Abaikan email ini jika Anda tidak mendaftar.\n\nPelayanan Statistik Terpadu (PST) BPS",
        ),
        "en": (
            "Activate your SatuPintu account",
            "Dear {{ name }},\n\nThank you for registering with BPS's integrated statistical services "
            "as {{ username }}.\nActivate your account here:\n{{ url }}\n\n"
            "Ignore this e-mail if you did not register.\n\nPelayanan Statistik Terpadu (PST) BPS",
        ),
    },
    "transition": {
        "id": (
            "[{{ record_label }}] {{ happened }}",
            "Yth. {{ name }},\n\n{{ happened }}: {{ record_label }} ({{ procedure_label }}), {{ when }}.\n"
            "Status sekarang: {{ status_label }}.{% if note %}\nCatatan: {{ note }}{% endif %}\n\n"
            "{% if next_step %}Yang perlu Anda lakukan: {{ next_step }}\n"
            "{% else %}Saat ini tidak ada yang perlu Anda lakukan; kami akan mengabari Anda lagi.\n{% endif %}"
            "{% if deadline %}Batas waktu: {{ deadline }}\n{% endif %}"
            "\nBuka di: {{ url }}\n\nPelayanan Statistik Terpadu (PST) {{ office_name }}",
        ),
        "en": (
            "[{{ record_label }}] {{ happened }}",
            "Dear {{ name }},\n\n{{ happened }}: {{ record_label }} ({{ procedure_label }}), {{ when }}.\n"
            "Its state now: {{ status_label }}.{% if note %}\nNote: {{ note }}{% endif %}\n\n"
            "{% if next_step %}What to do: {{ next_step }}\n"
            "{% else %}Nothing is needed from you for now; we will write again.\n{% endif %}"
            "{% if deadline %}By: {{ deadline }}\n{% endif %}"
            "\nOpen it at: {{ url }}\n\nPelayanan Statistik Terpadu (PST) {{ office_name }}",
        ),
    },
}
# Earlier built-in texts, replaced in the database by seed-demo (an admin's own wording is kept).
SUPERSEDED_TEMPLATES = {
    ("transition", "id"): "[{{ record_label }}] {{ action_label }}",
    ("transition", "en"): "[{{ record_label }}] {{ action_label }}",
}

_env = SandboxedEnvironment(autoescape=False)


@lru_cache(maxsize=512)
def _compiled(source: str):
    # Compiling costs far more than rendering; templates change rarely, keyed by their text.
    return _env.from_string(source)


def render_event_mail(event_name: str, locale: str | None, context: dict) -> tuple[str, str]:
    """Subject and plain-text body for an event in the recipient's language (Indonesian fallback)."""
    from app.core.reference.models import EmailTemplate

    locale = (locale or "id")[:2]
    rows = db.session.scalars(
        select(EmailTemplate).where(EmailTemplate.event == event_name)
    ).all()
    by_locale = {row.locale: (row.subject, row.body) for row in rows}
    defaults = DEFAULT_TEMPLATES.get(event_name) or DEFAULT_TEMPLATES["transition"]
    subject, body = by_locale.get(locale) or defaults.get(locale) or by_locale.get("id") or defaults["id"]
    return _compiled(subject).render(context).strip(), _compiled(body).render(context)
