"""The extension singletons, and nothing else: create_app() initialises them."""
from flask_appbuilder import AppBuilder
from flask_appbuilder.models.sqla.base import SQLA
from flask_mail import Mail
from flask_migrate import Migrate

db = SQLA()
appbuilder = AppBuilder()
mail = Mail()
migrate = Migrate()
