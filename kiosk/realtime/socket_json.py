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


def guard_packets(server) -> None:
    """Frames python-socketio would choke on (an event without a name, a packet type a client may not send) are
    dropped with one line in the log, instead of an exception and its traceback in the engine's message handler.
    Only the decoding is checked here; an event that decodes is handled exactly as before."""
    from socketio import packet

    handle = server._handle_eio_message

    def guarded(eio_sid, data):
        if isinstance(data, str) and eio_sid not in server._binary_packet:
            try:
                pkt = server.packet_class(encoded_packet=data)
            except (ValueError, TypeError, IndexError):
                pkt = None
            well_formed = pkt is not None and (
                pkt.packet_type in (packet.CONNECT, packet.DISCONNECT, packet.ACK, packet.BINARY_ACK)
                or (pkt.packet_type in (packet.EVENT, packet.BINARY_EVENT) and isinstance(pkt.data, list)
                    and pkt.data and isinstance(pkt.data[0], str)))
            if not well_formed:
                server.logger.info("dropped a malformed Socket.IO frame from %s", eio_sid)
                return None
        return handle(eio_sid, data)

    server.eio.on("message", guarded)
