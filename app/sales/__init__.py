"""Sales of statistical products (Penjualan Produk Statistik), seeds 000, 001 and 003: the PNBP
tariff list and product catalogue, requests, invoices with billing codes, payments, kuitansi, delivery."""
from flask_babel import lazy_gettext as _l

from app.core.service import Service

SERVICE = Service(
    name="sales",
    label=_l("Sales of statistical products"),
    models="app.sales.models",
    procedures=("app.sales.procedure",),
    screens="app.sales.screens:register",
    cli="app.sales.cli:sales_cli",
    demo="app.sales.demo:seed_sales",
    walk_in="app.sales.walk_in:start_walk_in",
)
