/* Whether the door tablet reaches the server, and how many scans wait to be sent (the queue kept offline plus
   the scans sent and not answered yet). "Trực tuyến" only while the server answers: the socket is connected and
   the heartbeat, every HEARTBEAT_MS, is answered within its deadline; "Ngoại tuyến" as soon as the socket drops,
   the browser goes offline, or a heartbeat goes unanswered. */
const HEARTBEAT_MS = 3000;
const HEARTBEAT_DEADLINE_MS = 3000;

/** `queued()` is the length of the offline queue. Returns { setNetwork, showWaiting, slowStarted, slowEnded }. */
export function mountNetwork(netEl, queueEl, queued) {
  let slowScans = 0;

  function showWaiting() {
    const waiting = queued() + slowScans;
    queueEl.hidden = !waiting;
    queueEl.textContent = waiting + " lượt quét đang chờ gửi";
  }

  function setNetwork(online) {
    netEl.textContent = online ? "Trực tuyến" : "Ngoại tuyến";
    netEl.className = "net " + (online ? "online" : "offline");
    showWaiting();
  }

  return {
    setNetwork,
    showWaiting,
    slowStarted() { slowScans += 1; showWaiting(); },
    slowEnded() { slowScans -= 1; showWaiting(); },
  };
}

/** The heartbeat over the socket and the browser's own online/offline events set the network state. */
export function watchServer(socket, eventId, setNetwork) {
  function heartbeat() {
    if (!socket.connected) { setNetwork(false); return; }
    socket.timeout(HEARTBEAT_DEADLINE_MS).emit("heartbeat", { event_id: eventId }, function (err) {
      setNetwork(!err && socket.connected);
    });
  }
  setInterval(heartbeat, HEARTBEAT_MS);
  socket.on("disconnect", function () { setNetwork(false); });
  socket.on("connect_error", function () { setNetwork(false); });
  window.addEventListener("offline", function () { setNetwork(false); });
  window.addEventListener("online", heartbeat);
  socket.on("connect", function () { setNetwork(true); });
}
