"""The extension singletons, and nothing else: create_app() initialises them.

The naming convention is set here, on FAB's metadata (every model of ours and FAB's lives there),
because it names a constraint when the constraint is attached to its table: it must be in place
before the first model class is defined, and `app/__init__.py` imports this module first. With it,
every constraint has a predictable name, so a migration can drop or alter one (SQLite's batch mode
cannot touch an unnamed constraint). Check constraints are declared with a short name ("total_nonnegative")
that the convention prefixes with `ck_<table>_`.
"""
from flask_appbuilder import AppBuilder, Model
from flask_appbuilder.models.sqla.base import SQLA
from flask_mail import Mail
from flask_migrate import Migrate

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Model.metadata.naming_convention = NAMING_CONVENTION

db = SQLA()
appbuilder = AppBuilder()
mail = Mail()
migrate = Migrate()
