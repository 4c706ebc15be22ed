"""Sales of statistical products (Penjualan Produk Statistik), seeds 000, 001 and 003: the PNBP
tariff list and product catalogue, requests, invoices with billing codes, payments, kuitansi, delivery."""
from flask_babel import lazy_gettext as _l

from app.core.jobs.registry import Job
from app.core.service import Service

SERVICE = Service(
    name="sales",
    label=_l("Sales of statistical products"),
    models="app.sales.models",
    procedures=("app.sales.procedure",),
    screens="app.sales.screens:register",
    cli="app.sales.cli:sales_cli",
    demo="app.sales.demo:seed_sales",
    jobs=(
        # Billing codes are valid for days; an hour late is soon enough to release the request.
        Job("sales.expire", "app.sales.service:expire_overdue", period=60 * 60),
        # Counted in working days, so once a day suffices (the window starts 00:00 UTC, 07:00 WIB).
        Job("sales.autocomplete", "app.sales.service:autocomplete_delivered", period=24 * 60 * 60),
    ),
    dashboard="app.sales.figures:dashboard",
    walk_in="app.sales.walk_in:start_walk_in",
)
