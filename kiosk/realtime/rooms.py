"""Whether anyone is in a Socket.IO room, across all the processes of one hall.

One process knows only its own clients. With a message queue (REDIS_URL), a process whose clients are in a room
says so in Redis, for a minute at a time and again every twenty seconds while they stay; the others read it at
most four times a second (a count missed in that quarter second goes out with the next scan). Without a queue
there is one process and its own clients are the whole answer.

Used to skip work whose only audience is a room (the attendance counts): counting 100,000 delegates four times a
second for nobody took most of the database's time during a rush of scans."""
from threading import Lock

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError

from kiosk.extensions import socketio
from kiosk.memo import Kept

HELD_SECONDS = 60     # how long a process's word that its clients are in a room lasts in Redis
REFRESH_SECONDS = 20  # how often a process says it again while they stay
READ_SECONDS = 0.25   # how long a process trusts what it read of the others

_lock = Lock()
_read = Kept(4096, READ_SECONDS)   # (channel, room) -> occupied elsewhere, trusted for READ_SECONDS
_joined: dict[str, set[str]] = {}                       # channel -> rooms this process's clients joined


def _local(room: str) -> bool:
    return next(socketio.server.manager.get_participants("/", room), None) is not None


def _queued() -> bool:
    return bool(current_app.config.get("REDIS_URL"))


def _redis() -> Redis:
    client = current_app.extensions.get("kiosk_rooms_redis")
    if client is None:  # short timeouts: a Redis that is down must not hold up a scan
        client = Redis.from_url(current_app.config["REDIS_URL"], socket_timeout=0.5, socket_connect_timeout=0.5)
        current_app.extensions["kiosk_rooms_redis"] = client
    return client


def _key(channel: str, room: str) -> str:
    return f"{channel}:occupied:{room}"


def occupied(room: str) -> bool:
    """Someone is in `room` on this process or, with a message queue, on another one."""
    if socketio.server is None:
        return False
    if _local(room):
        return True
    if not _queued():
        return False
    channel = current_app.config["SOCKETIO_CHANNEL"]
    seen = _read.get((channel, room))
    if seen is not None:
        return seen
    try:
        answer = bool(_redis().exists(_key(channel, room)))
    except RedisError:
        answer = True  # cannot tell: do the work rather than leave a screen behind
    _read.put((channel, room), answer)
    return answer


def joined(room: str) -> bool:
    """A client of this process has just joined `room`: the other processes learn it, and keep learning it
    while anyone of this process stays in a room. True when there are other processes to tell."""
    if socketio.server is None or not _queued():
        return False
    app = current_app._get_current_object()
    channel = app.config["SOCKETIO_CHANNEL"]
    _say(app, channel, [room])
    with _lock:
        first = channel not in _joined
        _joined.setdefault(channel, set()).add(room)
    if first:
        socketio.start_background_task(_keep_saying, app, channel)
    return True


def _say(app, channel: str, rooms: list[str]) -> None:
    if not rooms:
        return
    try:
        with app.app_context():
            client = _redis()
        with client.pipeline(transaction=False) as pipe:
            for room in rooms:
                pipe.set(_key(channel, room), 1, ex=HELD_SECONDS)
            pipe.execute()
    except RedisError:
        app.logger.info("could not tell the other processes about the rooms in use", exc_info=True)


def _keep_saying(app, channel: str) -> None:
    while True:
        socketio.sleep(REFRESH_SECONDS)
        try:
            with _lock:
                rooms = list(_joined[channel])
            _say(app, channel, [room for room in rooms if _local(room)])
        except Exception:  # this loop is all that keeps the others counting for this process's watchers
            app.logger.warning("could not tell the other processes about the rooms in use", exc_info=True)
