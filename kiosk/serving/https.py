"""HTTPS for every machine but this one (issue 20): on the hall Wi-Fi anyone can read plain http, so a client on
another machine that asks over http is sent to the same path on HTTPS_PORT (API.md), Socket.IO included; only
`/tls` and the authority's certificate stay on http, for a tablet that does not trust it yet. Clients on this
machine (loopback: scripts, a projector PC that is the server) keep plain http, unless PLAIN_HTTP_LOOPBACK=0.

Cookies set over https are Secure; every cookie is HttpOnly and SameSite (kiosk.config)."""
import ipaddress

OPEN_OVER_HTTP = ("/tls", "/tls/ca.crt", "/healthz")  # /healthz: a monitor on the LAN sees only "ok"
# what the /tls page itself loads, so that a tablet not yet trusting the authority reads its fingerprint legibly:
# public files, the same for everyone (its script, flashes.js, is left out: the page reads without it)
OPEN_OVER_HTTP_PREFIXES = ("/static/css/", "/static/fonts/", "/static/favicon.svg")


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


class HttpsOnly:
    """WSGI middleware, outermost, so that it sees every request (pages, API, Socket.IO's polling and upgrade).
    It reads the configuration at each request: HTTPS_PORT and HTTPS_SERVED (no https listener, nothing to send
    anyone to), HTTPS_REDIRECT (on by default), PLAIN_HTTP_LOOPBACK; behind a trusted proxy the proxy is the one to
    speak https (deploy/nginx.conf), and this server cannot tell a client's scheme from the proxy's."""

    def __init__(self, wsgi_app, config):
        self.wsgi_app, self.config = wsgi_app, config

    def __call__(self, environ, start_response):
        config = self.config
        if environ.get("wsgi.url_scheme") == "https":
            return self.wsgi_app(environ, _secure_cookies(start_response))
        if not (config.get("HTTPS_PORT") and config.get("HTTPS_SERVED") and config.get("HTTPS_REDIRECT")) \
                or config.get("TRUSTED_PROXIES") or _open_over_http(environ.get("PATH_INFO", "")) \
                or (config.get("PLAIN_HTTP_LOOPBACK", True) and _loopback(environ.get("REMOTE_ADDR", ""))):
            return self.wsgi_app(environ, start_response)
        host = (environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "localhost")
        host = host.rsplit(":", 1)[0] if not host.endswith("]") else host  # the port goes, an IPv6 [::1] stays
        path = environ.get("PATH_INFO", "/")
        query = environ.get("QUERY_STRING", "")
        location = f"https://{host}:{config['HTTPS_PORT']}{path}" + (f"?{query}" if query else "")
        if any(ord(c) < 32 for c in location):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Bad request"]
        # 308: the method and body are kept; the body of a request sent over http has been seen, though, which is
        # why every link and page this server gives out is already https
        start_response("308 Permanent Redirect", [("Location", location), ("Content-Length", "0"),
                                                  ("Cache-Control", "no-store")])
        return [b""]


def _open_over_http(path: str) -> bool:
    return path in OPEN_OVER_HTTP or (path.startswith(OPEN_OVER_HTTP_PREFIXES) and ".." not in path)


def _secure_cookies(start_response):
    """Over https, each cookie the answer sets is marked Secure (the session's, Flask-Login's remember cookie, any):
    the browser never sends it over plain http."""
    def start(status, headers, exc_info=None):
        headers = [(name, value + "; Secure") if name.lower() == "set-cookie" and "; secure" not in value.lower()
                   else (name, value) for name, value in headers]
        return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)
    return start


def init_app(app) -> None:
    """Last of the app's set-up: the redirect wraps everything else (ProxyFix, Socket.IO)."""
    from kiosk.serving.security import trusted_proxies
    app.config.setdefault("TRUSTED_PROXIES", trusted_proxies())
    app.wsgi_app = HttpsOnly(app.wsgi_app, app.config)
