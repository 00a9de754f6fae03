"""gunicorn for `make serve` (and `make run`): one gevent worker per process, so a thousand open websockets are
a thousand cheap greenlets, not a thousand threads (with the threaded worker each open websocket holds a thread,
and `--threads 100` hangs once 100 screens are connected).

One worker per process, because Socket.IO's long-polling clients must come back to the process that knows them;
for more processes run several `make serve` on different ports behind nginx (deploy/nginx.conf) sharing
PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)."""
import gc
import os

wsgi_app = "kiosk.wsgi:app"
bind = [f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '5000')}"]
worker_class = "gevent"
workers = 1
# Open sockets per process: phones on the follow page, screens, tablets. gunicorn's default (1000) left the MC's
# POST waiting once a thousand phones were connected.
worker_connections = int(os.environ.get("WORKER_CONNECTIONS", "5000"))
# A request's line and headers must arrive within `keepalive` seconds (and an idle kept-alive connection is closed
# after it): a half-sent request cannot hold a connection open.
keepalive = 5
timeout = 30            # a worker that stops answering its arbiter this long is replaced
graceful_timeout = 10   # on SIGHUP / SIGTERM, requests in flight get this long to finish
limit_request_line = 8190
limit_request_fields = 100
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning")
proc_name = "kiosk-dai-hoi"


def post_worker_init(worker):
    """Once the app is loaded: HTTPS on HTTPS_PORT in the same worker (tablet cameras need it; 0 turns it off), then
    the addresses of the screens."""
    from kiosk.serving.addresses import lan_address, print_addresses
    from kiosk.serving.connections import install
    from kiosk.serving.tls import serve_https

    install(worker)  # TLS handshakes under a time limit, open connections capped per address
    app = worker.wsgi
    https_port = int(os.environ.get("HTTPS_PORT", "5443"))
    if https_port:
        try:
            serve_https(worker, https_port, os.environ.get("HOST", "0.0.0.0"), [lan_address()])
            app.config["HTTPS_SERVED"] = True  # from now on plain http from another machine is sent there
        except OSError as e:
            worker.log.warning("HTTPS không mở được trên cổng %s (%s): chỉ phục vụ http.", https_port, e)
            https_port = 0
            app.config["HTTPS_PORT"] = 0  # no https to send anyone to, nor to print in links (kiosk.serving.https)
    print_addresses(app, https_port)
    # Everything loaded so far lives as long as the process: out of the collector's sight, a full collection walks
    # only what the day makes (a thousand sockets' objects), not the app's modules, and pauses the loop less.
    gc.freeze()


def worker_exit(server, worker):
    """The job workers stop with the server's worker (kiosk.job_pool); a file being made is abandoned."""
    from kiosk import job_pool
    job_pool.shutdown(wait=False)
