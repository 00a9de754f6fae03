"""One laptop cannot stop the hall: what a connection may hold of the one process that serves every screen.

- A TLS handshake has HANDSHAKE_SECONDS to finish (5 s, as gunicorn's keepalive gives the request line and headers
  on both ports); one that fails or stalls is one log line, not a traceback.
- One client address holds at most MAX_CONNECTIONS_PER_ADDRESS open connections (HTTP and HTTPS together); the
  ones over it are closed at once, before they take anything from the worker's pool. This machine's own
  connections (the loopback: nginx, which sets its own `limit_conn` in deploy/nginx.conf, or the projector's
  browser on the hall laptop) are not counted.
- One address holds at most MAX_ANONYMOUS_SOCKETS_PER_ADDRESS Socket.IO connections without a sign-in (phones
  on the follow page, projectors); signed-in screens are not counted.

Counts are per process and forgotten as connections close: memory follows the connections open, not the
addresses ever seen."""
import contextlib
import os
import socket
import ssl
import threading

HANDSHAKE_SECONDS = 5.0
MAX_CONNECTIONS_PER_ADDRESS = 200  # a hall router doing NAT puts many tablets and phones behind one address
MAX_ANONYMOUS_SOCKETS_PER_ADDRESS = 100


def _number(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


class PerAddress:
    """How many of something each address holds now; `take` says no past the limit (0: no limit)."""

    def __init__(self, limit: int, exempt: frozenset[str] = frozenset()):
        self.limit, self.exempt = limit, exempt
        self._held: dict[str, int] = {}
        self._lock = threading.Lock()

    def take(self, address: str) -> bool:
        if not self.limit or address in self.exempt:
            return True
        with self._lock:
            held = self._held.get(address, 0)
            if held >= self.limit:
                return False
            self._held[address] = held + 1
            return True

    def give_back(self, address: str) -> None:
        if not self.limit or address in self.exempt:
            return
        with self._lock:
            held = self._held.get(address, 0) - 1
            if held > 0:
                self._held[address] = held
            else:
                self._held.pop(address, None)

    def held(self, address: str) -> int:
        return self._held.get(address, 0)

    def __len__(self) -> int:
        return len(self._held)


def _address(addr) -> str:
    return addr[0] if isinstance(addr, tuple) and addr else str(addr or "")


def exempt_addresses() -> frozenset[str]:
    """Addresses not counted: this machine itself (a projector's browser on the hall laptop, nginx in front of the
    servers; nobody on the Wi-Fi can appear as the loopback), or CONNECTION_LIMIT_EXEMPT (comma-separated), e.g. a
    proxy on another machine."""
    listed = os.environ.get("CONNECTION_LIMIT_EXEMPT")
    if listed is not None:
        return frozenset(a.strip() for a in listed.split(",") if a.strip())
    return frozenset({"127.0.0.1", "::1"})


class Doorman:
    """Wraps gunicorn's gevent worker's `handle(listener, client, addr)`: the per-address cap, and on the TLS
    listener the handshake under its time limit."""

    def __init__(self, worker, per_address: int | None = None, handshake_seconds: float | None = None):
        self.worker, self.log = worker, worker.log
        self.handle = worker.handle
        self.open = PerAddress(int(_number("MAX_CONNECTIONS_PER_ADDRESS", MAX_CONNECTIONS_PER_ADDRESS)
                                   if per_address is None else per_address), exempt_addresses())
        self.handshake_seconds = (_number("TLS_HANDSHAKE_SECONDS", HANDSHAKE_SECONDS)
                                  if handshake_seconds is None else handshake_seconds)
        self.refused = 0

    def plain(self, listener, client, addr) -> None:
        self._serve(listener, client, addr, None)

    def tls(self, context: ssl.SSLContext):
        def handle(listener, client, addr):
            self._serve(listener, client, addr, context)
        return handle

    def _serve(self, listener, client, addr, context) -> None:
        address = _address(addr)
        if not self.open.take(address):
            self.refused += 1
            if self.refused == 1 or self.refused % 1000 == 0:  # a flood is a few lines, not one per connection
                self.log.warning("Quá nhiều kết nối từ %s (tối đa %s): đóng các kết nối mới (%s lần).",
                                 address, self.open.limit, self.refused)
            _close(client)
            return
        try:
            if context is not None:
                client = self._handshake(client, context, address)
                if client is None:
                    return
            self.handle(listener, client, addr)
        finally:
            self.open.give_back(address)

    def _handshake(self, client, context: ssl.SSLContext, address: str):
        client.settimeout(self.handshake_seconds or None)
        try:
            secure = context.wrap_socket(client, server_side=True, do_handshake_on_connect=False)
            secure.do_handshake()
        except (OSError, ValueError) as e:  # ssl.SSLError and socket.timeout are OSErrors
            self.log.info("Bắt tay TLS với %s không thành: %s", address, _reason(e))
            _close(client)
            return None
        secure.settimeout(None)
        return secure


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout) or "timed out" in str(error):  # gevent's ssl says it so
        return "quá thời gian"
    return (getattr(error, "reason", None) or type(error).__name__).lower()


def _close(sock) -> None:
    with contextlib.suppress(OSError):
        sock.close()


def install(worker) -> Doorman:
    """In post_worker_init, before the worker opens its servers: every connection of the plain port goes
    through the doorman (the TLS port is opened with `doorman.tls(context)`: kiosk.serving.tls.serve_https)."""
    doorman = Doorman(worker)
    worker.handle = doorman.plain
    worker.kiosk_doorman = doorman
    return doorman


# --- Socket.IO connections without a sign-in


def anonymous_sockets(app) -> PerAddress:
    return app.extensions["kiosk_anonymous_sockets"]


def init_app(app) -> None:
    from kiosk import app_memory
    app_memory.keep("kiosk_anonymous_sockets", lambda app: PerAddress(
        int(app.config.get("MAX_ANONYMOUS_SOCKETS_PER_ADDRESS", MAX_ANONYMOUS_SOCKETS_PER_ADDRESS)),
        exempt_addresses()))
