"""A delegate's personal token (their ballot_token, printed on the voting card) as the key of their own answers:
it belongs to one delegate of one event, and a wrong one counts as a guess (kiosk.identity.guesses)."""
from sqlalchemy import select

from kiosk.errors import ApiError
from kiosk.extensions import db
from models import Delegate

MAX_TOKEN = 64


def holder_of(token) -> Delegate | None:
    """The delegate holding `token`, a badge taken back included; None for no such token (not even a query for
    what cannot be one). The one lookup behind every page and answer a delegate's phone opens by its token."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN:
        return None
    return db.session.scalar(select(Delegate).where(Delegate.ballot_token == token))


def delegate_of(token: str) -> Delegate:
    """The delegate holding `token`; 404 for an unknown one, 403 for a badge taken back (a substitute came)."""
    delegate = holder_of(token)
    if delegate is None:
        raise ApiError(404, "unknown_token", "Đường dẫn cá nhân không đúng. Mời đồng chí gặp Ban tổ chức.")
    if delegate.revoked:
        raise ApiError(403, "revoked", "Thẻ đại biểu này đã được thu hồi. Mời đồng chí gặp Ban tổ chức.")
    return delegate
