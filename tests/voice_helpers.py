"""Shared by the voice tests (opinions and the floor): the secretariat and presidium accounts, a delegate's token."""
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.identity.accounts import assign_events, create_account
from models import Delegate, ProgrammeItem
from tests.helpers import AuthActions

VOICE_PASSWORDS = {"secretary": "tk-mat-khau", "presidium": "dct-mat-khau"}


def voice_accounts(app, users: dict, event_id: int | None = None) -> dict:
    """`users` with a secretary and a presidium account added (bound to `event_id` when given)."""
    with app.app_context():
        for role, password in VOICE_PASSWORDS.items():
            user = create_account(role + "1", role, password)
            if event_id is not None:
                assign_events(user.id, [event_id])
            db.session.commit()
    return {**users, **{role: (role + "1", password) for role, password in VOICE_PASSWORDS.items()}}


def as_role(app, users: dict, role: str) -> AuthActions:
    actions = AuthActions(app.test_client(), users)
    actions.login(role)
    return actions


def token_of(app, event_id: int, name: str = "Nguyễn Văn An") -> str:
    with app.app_context():
        return db.session.scalar(select(Delegate.ballot_token).where(Delegate.event_id == event_id,
                                                                     Delegate.full_name == name))


def item_of_kind(app, event_id: int, kind: str) -> int:
    with app.app_context():
        return db.session.scalar(select(ProgrammeItem.id).where(ProgrammeItem.event_id == event_id,
                                                                ProgrammeItem.kind == kind))
