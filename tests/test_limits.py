"""One laptop cannot stop the hall (issue 19): against the real server (gunicorn.conf.py, its gevent worker, plain
and TLS ports), one address opening hundreds of connections and sending nothing, or hundreds of anonymous
websockets, leaves the door scanning and the projector joining; a handshake that never comes is closed after the
time limit and logged as one line, not a traceback. Bounded in count and time, on loopback only: the flood comes
from 127.0.0.2, the door from 127.0.0.1."""
import asyncio
import selectors
import socket
import subprocess
import time

import aiohttp
import pytest
import requests

from kiosk.extensions import db
from models import Delegate
from tests.helpers import run_apart, sign_in
from tests.processes import GUNICORN, ROOT, Served, free_port, wait_until_up

FLOOD_FROM = "127.0.0.2"


class Logged(Served):
    """Served, with its log kept in a file."""

    def __init__(self, *args, log_path, **kwargs):
        super().__init__(*args, **kwargs)
        self.log_path = log_path

    def start(self):
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen([GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")], cwd=ROOT, env=self.env,
                                            stdout=log, stderr=log, start_new_session=True)
        wait_until_up(self.url, self.process)
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def served(app, tmp_path):
    servers = []

    def serve(**env):
        https_port = free_port()
        server = Logged(app, tmp_path / f"instance-{len(servers)}", https_port=https_port,
                        log_path=tmp_path / f"server-{len(servers)}.log")
        server.https_url = f"https://127.0.0.1:{https_port}"
        server.env.update({"LOG_LEVEL": "info", **env})
        servers.append(server.start())
        return server
    with app.app_context():
        db.session.remove()
    yield serve
    for server in servers:
        server.stop()


def idle_connections(port: int, count: int) -> list[socket.socket]:
    """`count` connections from FLOOD_FROM that send nothing."""
    held = []
    for _ in range(count):
        sock = socket.socket()
        sock.bind((FLOOD_FROM, 0))
        sock.settimeout(10)
        sock.connect(("127.0.0.1", port))
        held.append(sock)
    return held


def closed_within(held: list[socket.socket], seconds: float) -> list[socket.socket]:
    """The sockets the server closes within `seconds`, all watched at once (one slow check does not eat the others'
    time)."""
    closed, deadline = [], time.monotonic() + seconds
    with selectors.DefaultSelector() as watching:
        for sock in held:
            watching.register(sock, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0 and len(closed) < len(held):
            for key, _ in watching.select(left):
                watching.unregister(key.fileobj)
                if closed_by_server(key.fileobj, 1):
                    closed.append(key.fileobj)
    return closed


def closed_by_server(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:
        return True  # reset


def codes_of(app, event_id):
    with app.app_context():
        return list(db.session.scalars(db.select(Delegate.code).where(Delegate.event_id == event_id)
                                       .order_by(Delegate.number)))


def test_idle_connections_from_one_address_leave_the_door_scanning(app, served, users, event_id):
    server = served(MAX_CONNECTIONS_PER_ADDRESS="40", TLS_HANDSHAKE_SECONDS="8")
    codes = codes_of(app, event_id)
    https_port = int(server.https_url.rsplit(":", 1)[1])
    flood = idle_connections(https_port, 150)
    try:
        # over the cap: closed at once, before they take anything from the worker (well before the handshake's
        # time limit, which closes the 40 within the cap)
        over = closed_within(flood, 1.5)
        assert len(over) >= 150 - 40 - 5, len(over)
        # the cap full: every plain connection from that address is closed at once too
        plain = idle_connections(server.port, 150)
        flood += plain
        assert len(closed_within(plain, 1.5)) >= 150 - 5
        authority = server.log_path.with_name("ca.crt")
        authority.write_bytes(requests.get(f"{server.url}/tls/ca.crt", timeout=5).content)
        for url, code in ((server.url, codes[0]), (server.https_url, codes[1])):
            door = sign_in(server.url, users, "door") if url == server.url else _signed_in_https(url, users, authority)
            answer = door.post(f"{url}/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"},
                               timeout=5, verify=str(authority))
            assert answer.status_code == 200 and answer.json()["result"] == "checked_in"
        # the TLS connections within the cap never sent a handshake: closed once its time limit is up
        within = [sock for sock in flood[:150] if sock not in over]
        assert within and all(closed_by_server(sock, 10) for sock in within)
    finally:
        for sock in flood:
            sock.close()
    log = server.log()
    assert "Bắt tay TLS với 127.0.0.2 không thành: " in log, log[-3000:]  # the reason, timed out, on that line
    assert "Quá nhiều kết nối từ 127.0.0.2 (tối đa 40)" in log
    assert "Traceback" not in log


def _signed_in_https(url, users, authority):
    session = requests.Session()
    answer = session.post(f"{url}/api/login", json={"username": users["door"][0], "password": users["door"][1]},
                          timeout=5, verify=str(authority))
    session.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    session.headers["Referer"] = f"{url}/"  # over https the CSRF check wants the page the request came from
    return session


def test_anonymous_websockets_from_one_address_are_capped(app, served, event_id):
    server = served(MAX_ANONYMOUS_SOCKETS_PER_ADDRESS="25")
    ws_url = server.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"

    async def connect(session) -> tuple[object, bool]:
        ws = await session.ws_connect(ws_url, timeout=aiohttp.ClientWSTimeout(ws_receive=10, ws_close=10))
        assert (await ws.receive(timeout=10)).data.startswith("0")
        await ws.send_str("40")
        answer = (await ws.receive(timeout=10)).data
        return ws, answer.startswith("40")

    async def flood_then_projector():
        flood_connector = aiohttp.TCPConnector(limit=0, local_addr=(FLOOD_FROM, 0))
        async with aiohttp.ClientSession(connector=flood_connector) as flood, aiohttp.ClientSession() as hall:
            results = [await connect(flood) for _ in range(60)]
            projector, accepted = await connect(hall)
            assert accepted
            await projector.send_str(f'42["join",{{"event_id":{event_id}}}]')
            state = (await projector.receive(timeout=10)).data
            for ws, _ in results:
                await ws.close()
            # the flood's sockets closed: the address has its room again
            await asyncio.sleep(0)
            deadline = time.monotonic() + 20
            while True:
                ws, again = await connect(flood)
                await ws.close()
                if again or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.2)
            return [ok for _, ok in results], state, again

    accepted, state, again = run_apart(flood_then_projector())
    assert sum(accepted) == 25 and not any(accepted[25:])
    assert "live_state" in state
    assert again
