/* The speaker's own monitor at the lectern: the time left in very large digits, amber in the last minute, red and
   counting up past zero. It follows the live state like every screen, so it agrees with the projector. */
import { measureServerOffset, renderClock } from "./clock.js";

const info = JSON.parse(document.getElementById("lectern-data").textContent);
const root = document.getElementById("lectern");
const digits = document.getElementById("lectern-clock");
const nameEl = document.getElementById("lectern-name");
const topicEl = document.getElementById("lectern-topic");
const stateEl = document.getElementById("lectern-state");
let screen = null;
let version = 0;
const ticking = renderClock(digits, () => (screen && screen.kind === "speaker" ? screen.clock : null), { tickMs: 200 });

function draw(state) {
  screen = state.screen || {};
  const speaking = screen.kind === "speaker";
  root.dataset.screen = screen.kind || "";
  root.dataset.version = state.version;
  nameEl.textContent = speaking ? screen.name : (state.item ? state.item.title : info.name);
  topicEl.textContent = speaking ? screen.topic : "";
  const clock = speaking ? screen.clock : null;
  let words = "";
  if (clock && !clock.running) words = clock.stopped ? "Đã dừng" : clock.elapsed_s ? "Tạm dừng" : "Chờ bắt đầu";
  stateEl.textContent = words;
  ticking.draw();
}

// socket.io's own script (static/vendor) is a classic script that defines `io`.
const socket = globalThis.io({ transports: ["websocket", "polling"], reconnectionDelayMax: 3000 });

function join() {
  socket.emit("join", { event_id: info.id });
}

function receive(state) {
  if (!state || state.event_id !== info.id || state.version < version) return;
  const gap = version && state.version > version + 1;
  version = state.version;
  draw(state);
  if (gap) join();  // missed a change: ask for the whole state again
}

socket.on("connect", () => { root.dataset.online = "1"; join(); });
socket.on("disconnect", () => { root.dataset.online = "0"; });
socket.on("live_state", receive);
setInterval(() => { if (socket.connected) join(); }, 30000);

measureServerOffset().then(() => ticking.draw());
setInterval(measureServerOffset, 300000);
