"""How a service package declares itself, once, in its `__init__.py`:

    SERVICE = Service(
        name="sales", label=_l("Sales of statistical products"),
        models="app.sales.models",            # imported for the schema (and Alembic)
        procedures=("app.sales.procedure",),  # each module calls workflow.procedure.register()
        screens="app.sales.screens:register", # register(appbuilder): screens and APIs with their roles
        cli="app.sales.cli:sales_cli",        # a click group, or None
        demo="app.sales.demo:seed_sales",     # seed_sales() -> lines to print, through the engine
        jobs=(Job("sales.expire", "app.sales.service:expire_overdue", period=3600),),  # run by the worker
        dashboard="app.sales.figures:dashboard",  # its own figures (app.core.dashboard), or None
    )

The registry (app.registry) lists the packages; everything else — the schema, the menus, the CLI,
`seed-demo`, the inbox — is found from these declarations, so no file outside a service names
anything inside it. References are "module:attribute" strings, resolved on first use, because a
service's modules import the core while the core is still being set up.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable

from app.core.jobs.registry import Job


def resolve(reference: str | None) -> Any:
    """"package.module:attribute" -> the attribute; "package.module" -> the module; None stays None."""
    if not reference:
        return None
    module, _, attribute = reference.partition(":")
    loaded = import_module(module)
    return getattr(loaded, attribute) if attribute else loaded


@dataclass(frozen=True)
class Service:
    name: str
    label: Any
    models: str | None = None  # None: a package without tables of its own (reports)
    procedures: tuple[str, ...] = ()
    screens: str | None = None
    cli: str | None = None
    demo: str | None = None
    # How the front desk starts this service's record for a visitor being served at a desk:
    # "module:function(applicant, officer) -> record" (the applicant is the guest-book person's account).
    walk_in: str | None = None
    # Periodic jobs the worker runs once per period across all nodes (app.core.jobs).
    jobs: tuple[Job, ...] = ()
    # The figures only this service knows (revenue, payment register, waiting times …) for the
    # dashboards: "module:function(offices, period) -> list[app.core.dashboard.Table]".
    dashboard: str | None = None

    def load_models(self) -> None:
        resolve(self.models)
        for module in self.procedures:
            resolve(module)

    def register_screens(self, appbuilder) -> None:
        register: Callable | None = resolve(self.screens)
        if register:
            register(appbuilder)

    def cli_group(self):
        return resolve(self.cli)

    def seed_demo(self) -> list[str]:
        seed = resolve(self.demo)
        return list(seed() or []) if seed else []


# The services the registry loaded, by name: what the core may ask of them without importing them.
SERVICES: dict[str, Service] = {}


def register_service(service: Service) -> Service:
    SERVICES[service.name] = service
    return service


def dashboard_tables(offices, period) -> list:
    """Every service's own dashboard tables for these offices and this period."""
    tables = []
    for service in SERVICES.values():
        contribute = resolve(service.dashboard)
        if contribute is not None:
            tables.extend(contribute(offices, period) or [])
    return tables


def walk_in_starters() -> dict[str, tuple[Any, Callable]]:
    """name -> (label, start function) of every service a front-desk visit can lead to."""
    return {name: (service.label, resolve(service.walk_in)) for name, service in SERVICES.items() if service.walk_in}
