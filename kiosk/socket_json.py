"""The JSON module of Socket.IO packets: a payload that is not JSON, or JSON nested thousands deep, becomes an
event no handler has (so it is ignored) instead of an exception and a traceback in the server's log."""
import json

MALFORMED = "__malformed__"


def dumps(*args, **kwargs):
    return json.dumps(*args, **kwargs)


def loads(text, *args, **kwargs):
    try:
        return json.loads(text, *args, **kwargs)
    except (ValueError, RecursionError):
        return [MALFORMED]
