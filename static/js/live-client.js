/* Follows the live state of one event over Socket.IO.
   The server sends the whole state on join and on every change, so a client that reconnects or
   misses a version simply asks again (join) and draws what it gets: never a stale screen. */
import { io } from "./vendor.js";

/* A Socket.IO connection to this server (WebSocket first, long-polling when a proxy refuses it).
   An attempt that gets no answer at all (a Wi-Fi that dropped the packets, a tablet that woke up offline) is
   given up after 4 s and tried again, instead of Socket.IO's 20 s: the screen is back soon after the network. */
export function openSocket(options) {
  return io({ transports: ["websocket", "polling"], timeout: 4000, ...options });
}

export class LiveClient {
  constructor(eventId, { onState = () => {}, onConnection = () => {}, socket = null } = {}) {
    this.eventId = eventId;
    this.onState = onState;
    this.onConnection = onConnection;
    this.version = 0;
    this.socket = socket || openSocket({ reconnectionDelayMax: 3000 });
    this.socket.on("connect", () => {
      this.onConnection(true);
      this.join();
    });
    this.socket.on("disconnect", () => this.onConnection(false));
    this.socket.on("connect_error", () => this.onConnection(false));
    this.socket.on("live_state", (state) => this.receive(state));
    // A sleeping tablet or a lost Wi-Fi may miss a broadcast without noticing: check now and then.
    this.checker = setInterval(() => { if (this.socket.connected) this.join(); }, 30000);
  }

  close() {
    clearInterval(this.checker);
    this.socket.close();
  }

  join() {
    this.socket.emit("join", { event_id: this.eventId });
  }

  receive(state) {
    if (!state || state.event_id !== this.eventId) return;
    if (state.version < this.version) return;          // an older broadcast arriving late
    const gap = this.version && state.version > this.version + 1;
    this.version = state.version;
    this.onState(state);
    if (gap) this.join();                               // missed something: confirm with the server
  }
}
