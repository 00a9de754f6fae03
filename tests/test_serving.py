"""Production serving, as the hall runs it: gunicorn with the checked-in gunicorn.conf.py (gevent worker) in its own
processes, several of them behind a real nginx sharing the database and Redis, and a SIGKILL in the middle of the
morning rush that loses nothing."""
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import aiohttp
import pytest
import requests
import socketio
from sqlalchemy import func, select

from kiosk.extensions import db
from kiosk.serving.addresses import lan_address
from models import Delegate, LiveState
from tests.helpers import run_apart, sign_in, unavailable, wait_for_subscribers
from tests.processes import ROOT, ReconnectingScreen, Served, add_delegates, free_port, wait_until_up

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def served(app, tmp_path):
    servers = []

    def serve(env=None, **options):
        server = Served(app, tmp_path / f"instance-{len(servers)}", **options)
        server.env.update(env or {})
        servers.append(server.start())
        return server
    with app.app_context():
        db.session.remove()
    yield serve
    for server in servers:
        server.stop()


def test_a_thousand_open_websockets_leave_http_answering(app, served, users, event_id):
    """The reason for the gevent worker: with gunicorn's threaded worker each open websocket holds a thread, and
    `-w 1 --threads 100` stops answering HTTP once 100 screens are connected."""
    server = served()
    mc = sign_in(server.url, users, "mc")

    async def hall(clients: int):
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            async def phone():
                ws = await session.ws_connect(server.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket")
                assert (await ws.receive()).data.startswith("0")
                await ws.send_str("40")
                await ws.receive()
                await ws.send_str(f'42["join",{{"event_id":{event_id}}}]')
                assert "live_state" in (await ws.receive()).data
                return ws
            sockets = await asyncio.gather(*(phone() for _ in range(clients)))
            loop = asyncio.get_running_loop()
            started = time.perf_counter()
            stepped = await loop.run_in_executor(None, lambda: mc.post(f"{server.url}/api/events/{event_id}/live/next",
                                                                        timeout=5))
            answered = time.perf_counter() - started
            # every phone receives the step
            received = await asyncio.gather(*(asyncio.wait_for(ws.receive(), 10) for ws in sockets))
            for ws in sockets:
                await ws.close()
            return stepped, answered, received

    # its own thread: the browser tests' Playwright keeps an event loop running in this one
    outcome = []
    phones = threading.Thread(target=lambda: outcome.append(asyncio.run(hall(1000))))
    phones.start()
    phones.join(timeout=120)
    stepped, answered, received = outcome[0]
    assert stepped.status_code == 200 and stepped.json()["item"]["title"] == "Chào cờ"
    assert answered < 2.0, f"the MC waited {answered:.2f} s with a thousand screens open"
    assert all(f'"version":{stepped.json()["version"]}' in m.data.replace(" ", "") for m in received)


def test_door_tablets_reach_the_server_over_https(served, event_id, browser, tmp_path):
    """Tablet cameras need a secure context: the same server answers https on HTTPS_PORT with a certificate of its
    own authority, which the tablet installs from the /tls page."""
    https_port = free_port()
    server = served(https_port=https_port)
    secure = f"https://127.0.0.1:{https_port}"
    authority = requests.get(f"{server.url}/tls/ca.crt", timeout=5)
    assert authority.headers["Content-Type"] == "application/x-x509-ca-cert"
    ca_file = tmp_path / "ca.crt"
    ca_file.write_bytes(authority.content)
    # verified against the downloaded authority, as a tablet that installed it
    assert requests.get(f"{secure}/healthz", verify=str(ca_file), timeout=5).json() == {"status": "ok"}
    state = requests.get(f"{secure}/api/events/{event_id}/live", verify=str(ca_file), timeout=5).json()
    # Socket.IO over wss: the origin check sees https
    tablet = requests.Session()
    tablet.verify = str(ca_file)
    client = socketio.Client(http_session=tablet)
    received = []
    client.on("live_state", received.append)
    client.connect(secure, transports=["websocket"], wait_timeout=5)
    client.call("join", {"event_id": event_id}, timeout=5)
    client.disconnect()
    assert received and received[0]["version"] == state["version"]

    page = browser.new_page(ignore_https_errors=True)
    page.goto(f"{server.url}/tls")  # what the organiser shows: the certificate's QR and the https address's
    assert page.locator(".qr svg").count() == 2 and page.locator(".qr svg").first.is_visible()
    # opened on the server itself, the page gives the address tablets on the Wi-Fi use
    assert f"https://{lan_address()}:{https_port}/" in page.inner_text("main")
    page.screenshot(path=str(tmp_path / "tls.png"), full_page=True)
    page.goto(f"{secure}/")
    assert page.evaluate("window.isSecureContext && !!navigator.mediaDevices")
    page.close()


def test_a_half_sent_request_is_dropped(served):
    """Someone on the Wi-Fi opens connections and sends half a request: the server closes them."""
    server = served()
    with socket.create_connection(("127.0.0.1", server.port)) as half:
        half.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # the headers never end
        half.settimeout(15)
        started = time.monotonic()
        assert half.recv(100) == b""  # closed by the server
        assert time.monotonic() - started < 12
    assert requests.get(f"{server.url}/healthz", timeout=2).status_code == 200


def nginx_config(listen: int, backends: list[int], prefix: Path) -> Path:
    """deploy/nginx.conf as checked in, with this test's ports and a private prefix for its pid and logs."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    text = text.replace("pid /run/kiosk-nginx.pid;", f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    servers = "".join(f"        server 127.0.0.1:{port};\n" for port in backends)
    text = re.sub(r"(        server 127\.0\.0\.1:\d+;\n)+", servers, text)
    temp_paths = "".join(f"    {name}_temp_path {prefix}/{name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    text = text.replace("http {\n", "http {\n" + temp_paths, 1)
    path = prefix / "nginx.conf"
    path.write_text(text)
    return path


@pytest.fixture
def nginx(tmp_path):
    if not os.path.exists(NGINX):
        unavailable("nginx is not installed (make test installs Debian's nginx-light)")
    started = []

    def start(backends: list[int]) -> str:
        prefix = tmp_path / "nginx"
        prefix.mkdir(exist_ok=True)
        port = free_port()
        config = nginx_config(port, backends, prefix)
        process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(prefix), "-g", "daemon off;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, process)
        return url
    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def test_two_processes_behind_nginx_serve_one_hall(app, served, nginx, redis_url, users, event_id):
    channel = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    first, second = served(redis_url=redis_url, channel=channel), served(redis_url=redis_url, channel=channel)
    hall = nginx([first.port, second.port])
    projector = ReconnectingScreen(hall, event_id)  # through nginx: on one of the two processes
    try:
        projector.wait_for(1)
        # the process the projector sits on listens (a process's listener starts with its first client): the step
        # the other one publishes reaches it
        wait_for_subscribers(redis_url, channel, 1)
        # the MC steps once on each process: whichever one the projector sits on, one step comes from the other
        for version, server in ((2, first), (3, second)):
            stepped = sign_in(server.url, users, "mc").post(f"{server.url}/api/events/{event_id}/live/next",
                                                              timeout=5).json()
            assert stepped["version"] == version
            projector.wait_for(version)
        # the same badge scanned at the same moment at two doors, one on each process
        code = add_delegates(app, event_id, 1)[0]
        doors = [sign_in(server.url, users, "door") for server in (first, second)]
        answers, barrier = [], threading.Barrier(2)

        def scan(door, server, name):
            barrier.wait()
            answers.append(door.post(f"{server.url}/api/events/{event_id}/checkin", json={"code": code, "door": name},
                                     timeout=5).json()["result"])
        threads = [threading.Thread(target=scan, args=(door, server, name))
                   for door, server, name in ((doors[0], first, "Cửa A"), (doors[1], second, "Cửa B"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(answers) == ["already_checked_in", "checked_in"]
        counts = [door.get(f"{server.url}/api/events/{event_id}/attendance", timeout=5).json()
                  for door, server in zip(doors, (first, second), strict=True)]
        through_nginx = doors[0].get(f"{hall}/api/events/{event_id}/attendance", timeout=5).json()
        assert counts[0]["present"] == counts[1]["present"] == through_nginx["present"] == 1
    finally:
        projector.close()


def test_nginx_caps_one_address_and_closes_half_sent_requests(app, served, nginx, users, event_id):
    """deploy/nginx.conf's own limits (issue 19): one address holds at most 200 requests in flight (here open
    websockets) and the door still scans through nginx; a request whose headers never end is closed after 5 s."""
    server = served(env={"TRUSTED_PROXIES": "1"})
    hall = nginx([server.port])
    code = add_delegates(app, event_id, 1)[0]

    async def flood(count: int) -> list[int]:
        connector = aiohttp.TCPConnector(limit=0, local_addr=("127.0.0.2", 0))
        async with aiohttp.ClientSession(connector=connector) as session:
            url = hall.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"

            async def one():
                try:
                    return await session.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_receive=10, ws_close=10))
                except aiohttp.WSServerHandshakeError as refused:
                    return refused.status
            opened = await asyncio.gather(*(one() for _ in range(count)))
            door = sign_in(hall, users, "door")
            scanned = await asyncio.to_thread(
                lambda: door.post(f"{hall}/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"},
                                  timeout=5).json()["result"])
            assert scanned == "checked_in"
            statuses = [101 if not isinstance(ws, int) else ws for ws in opened]
            for ws in opened:
                if not isinstance(ws, int):
                    await ws.close()
            return statuses

    statuses = run_apart(flood(230))
    assert statuses.count(101) <= 200 and statuses.count(429) >= 30, sorted(set(statuses))
    half_sent = socket.create_connection(("127.0.0.1", int(hall.rsplit(":", 1)[1])), timeout=15)
    half_sent.sendall(b"GET /healthz HTTP/1.1\r\nHost: hall\r\n")
    started = time.monotonic()
    while half_sent.recv(4096):  # nginx closes it (without an answer) once client_header_timeout is up
        pass
    assert 4 < time.monotonic() - started < 12
    half_sent.close()


def test_a_crash_in_the_morning_rush_loses_nothing(app, served, users, event_id, browser):
    """20 doors scanning and the MC stepping; the server is killed with SIGKILL, then started again."""
    codes = add_delegates(app, event_id, 600)
    server = served()
    projector = ReconnectingScreen(server.url, event_id)
    page = browser.new_page(viewport={"width": 1280, "height": 720}, bypass_csp=True)  # for the string wait below
    page.goto(f"{server.url}/display/{event_id}")
    page.wait_for_selector(".welcome .headline")

    acknowledged: list[str] = []  # codes answered checked_in
    versions: list[int] = []      # live versions the MC was answered with
    stop = threading.Event()

    # the tablets and the MC laptop were signed in before the doors opened
    door_sessions = [sign_in(server.url, users, "door") for _ in range(20)]
    mc_session = sign_in(server.url, users, "mc")

    def door(index: int):
        session = door_sessions[index]
        for code in codes[index::20]:
            if stop.is_set():
                return
            try:
                answer = session.post(f"{server.url}/api/events/{event_id}/checkin",
                                      json={"code": code, "door": f"Cửa {index}"}, timeout=3)
            except requests.RequestException:
                return  # the server is gone: this scan was never answered
            if answer.status_code == 200 and answer.json()["result"] == "checked_in":
                acknowledged.append(code)

    def mc():
        session = mc_session
        while not stop.is_set():
            try:
                answer = session.post(f"{server.url}/api/events/{event_id}/live/next", timeout=3)
            except requests.RequestException:
                return
            if answer.status_code == 200:
                versions.append(answer.json()["version"])
            time.sleep(0.05)

    workers = [threading.Thread(target=door, args=(i,)) for i in range(20)] + [threading.Thread(target=mc)]
    for worker in workers:
        worker.start()
    # the rush under way: scans and steps answered (on a loaded machine the first ones take a while)
    deadline = time.monotonic() + 30
    while not (len(acknowledged) >= 20 and len(versions) >= 3) and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()
    stop.set()
    for worker in workers:
        worker.join(timeout=10)
    assert acknowledged and versions, "the load was running when the server died"

    server.start()
    with app.app_context():
        checked_in = set(db.session.scalars(select(Delegate.code).where(Delegate.event_id == event_id,
                                                                         Delegate.checked_in_at.is_not(None))))
        state = db.session.get(LiveState, event_id)
        assert db.session.scalar(select(func.count()).select_from(Delegate)
                                 .where(Delegate.event_id == event_id, Delegate.checked_in_at.is_not(None))) \
            == len(checked_in)
        db.session.remove()
    assert set(acknowledged) <= checked_in, "a scan answered checked_in is missing after the crash"
    assert len(acknowledged) == len(set(acknowledged)), "a badge was answered checked_in twice"
    # the state is the last acknowledged, or the one step whose answer the crash swallowed
    assert max(versions) <= state.version <= max(versions) + 1

    # screens come back by themselves with the current state
    assert projector.wait_for(state.version, seconds=5) < 5
    closing = requests.get(f"{server.url}/api/events/{event_id}/programme", timeout=5).json()[-1]
    stepped = sign_in(server.url, users, "mc").post(f"{server.url}/api/events/{event_id}/live/goto",
                                                      json={"item_id": closing["id"]}, timeout=5).json()
    projector.wait_for(stepped["version"])
    page.wait_for_function("t => document.querySelector('#screen').innerText.includes(t)", arg=closing["title"],
                           timeout=5000)
    projector.close()
    page.close()


def test_a_script_pushes_to_the_screens_through_the_queue(app, served, redis_url, event_id):
    """`flask announce` is no server: it changes the state in the database and the message reaches the screens of
    the server process through Redis."""
    channel = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    server = served(redis_url=redis_url, channel=channel)
    projector = ReconnectingScreen(server.url, event_id)
    try:
        projector.wait_for(1)
        time.sleep(0.3)
        result = subprocess.run([str(Path(sys.executable).with_name("flask")), "--app", "kiosk", "announce",
                                 str(event_id), "Mời các đại biểu về chỗ ngồi"], cwd=ROOT, env=server.env,
                                capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
        assert "Đã đưa thông báo lên màn hình" in result.stdout
        projector.wait_for(2)
        state = requests.get(f"{server.url}/api/events/{event_id}/live", timeout=5).json()
        assert state["screen"] == {"kind": "announcement", "text": "Mời các đại biểu về chỗ ngồi"}
    finally:
        projector.close()
