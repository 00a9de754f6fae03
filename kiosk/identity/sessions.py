"""Flask's signed-cookie sessions, with the cookies verified a moment ago remembered."""
import copy

from flask.sessions import SecureCookieSessionInterface

from kiosk.memo import Kept


class RememberingSessionInterface(SecureCookieSessionInterface):
    """The same cookies on the wire as Flask's own; only reading them is cheaper.

    A door tablet sends the same cookie with every scan, and checking its signature and decoding it again each
    time was a sizeable part of what a scan cost the server. The same cookie under the same key always decodes
    to the same session; only its age can run out, so a cookie is remembered for a minute at most."""

    REMEMBER_SECONDS = 60.0
    MAX_REMEMBERED = 1024  # far more than the tablets, panels and screens of one hall

    def __init__(self):
        self._verified = Kept(self.MAX_REMEMBERED, self.REMEMBER_SECONDS)

    def open_session(self, app, request):
        cookie = request.cookies.get(self.get_cookie_name(app))
        remembered = self._verified.get(cookie) if cookie else None
        if remembered is not None:
            # a copy: a request that changes its session must not change the next one's
            return self.session_class(copy.deepcopy(remembered))
        session = super().open_session(app, request)
        if cookie and session:  # a cookie that fails its signature opens an empty session: never remembered
            self._verified.put(cookie, copy.deepcopy(dict(session)))
        return session
