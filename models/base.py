"""The declarative base and the `db` object every model is defined on.

They live here, on the ground floor, so that models import nothing from the application above them;
`kiosk.extensions` binds `db` to the app."""
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
