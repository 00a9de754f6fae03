/* The speaker's own monitor at the lectern: the time left in very large digits, amber in the last minute, red and
   counting up past zero. It follows the live state like every screen, so it agrees with the projector. */
import { measureServerOffset, renderClock } from "./clock.js";
import { readJson } from "./dom.js";
import { LiveClient } from "./live-client.js";

const info = readJson("lectern-data");
const root = document.getElementById("lectern");
const nameEl = document.getElementById("lectern-name");
const topicEl = document.getElementById("lectern-topic");
const stateEl = document.getElementById("lectern-state");
let screen = null;
const ticking = renderClock(document.getElementById("lectern-clock"),
  () => (screen && screen.kind === "speaker" ? screen.clock : null), { tickMs: 200 });

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

new LiveClient(info.id, {
  onState: draw,
  onConnection: (up) => { root.dataset.online = up ? "1" : "0"; },
});
measureServerOffset().then(() => ticking.draw());
setInterval(measureServerOffset, 300000);
