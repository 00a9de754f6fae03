/* Follows the live state of one event over Socket.IO.
   The server sends the whole state on join and on every change, so a client that reconnects or
   misses a version simply asks again (join) and draws what it gets: never a stale screen. */
(function (global) {
  "use strict";

  function LiveClient(eventId, options) {
    this.eventId = eventId;
    this.onState = options.onState || function () {};
    this.onConnection = options.onConnection || function () {};
    this.version = 0;
    this.socket = global.io({ transports: ["websocket", "polling"], reconnectionDelayMax: 3000 });
    var self = this;
    this.socket.on("connect", function () {
      self.onConnection(true);
      self.join();
    });
    this.socket.on("disconnect", function () { self.onConnection(false); });
    this.socket.on("connect_error", function () { self.onConnection(false); });
    this.socket.on("live_state", function (state) { self.receive(state); });
    // A sleeping tablet or a lost Wi-Fi may miss a broadcast without noticing: check now and then.
    setInterval(function () { if (self.socket.connected) self.join(); }, 30000);
  }

  LiveClient.prototype.join = function () {
    this.socket.emit("join", { event_id: this.eventId });
  };

  LiveClient.prototype.receive = function (state) {
    if (!state || state.event_id !== this.eventId) return;
    if (state.version < this.version) return;          // an older broadcast arriving late
    var gap = this.version && state.version > this.version + 1;
    this.version = state.version;
    this.onState(state);
    if (gap) this.join();                               // missed something: confirm with the server
  };

  global.LiveClient = LiveClient;

  global.vnClock = function () {
    return new Intl.DateTimeFormat("vi-VN", {
      timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hour12: false,
    }).format(new Date());
  };

  global.vnTime = function (iso) {
    if (!iso) return "";
    return new Intl.DateTimeFormat("vi-VN", {
      timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hour12: false,
    }).format(new Date(iso));
  };

  /* Shrinks an element's font until its content fits its box: long Vietnamese titles wrap, never overflow. */
  global.fitText = function (el, maxPx, minPx) {
    if (!el) return;
    var size = maxPx;
    el.style.fontSize = size + "px";
    while (size > minPx && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
      size = Math.max(minPx, Math.floor(size * 0.92));
      el.style.fontSize = size + "px";
    }
  };

  global.h = function (tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = text;   // textContent: a name can never run script
    return el;
  };
})(window);
