/* The MC panel's entry module: wires its parts together and draws each live state it gets. Every button and key
   sends one command to the live API (control/commands.js, control/buttons.js); the panel changes only when the
   server's answer or broadcast comes back, so two MC laptops always show the same thing. */
import { watchAttendance } from "./attendance.js";
import { readJson, vnClock } from "./dom.js";
import { mountAutoPage } from "./control/autopage.js";
import { mountButtons, mountShortcuts } from "./control/buttons.js";
import { mountCommands } from "./control/commands.js";
import { mountFloor } from "./control/floor.js";
import { positionLabel, screenLabel } from "./control/labels.js";
import { mountLists } from "./control/lists.js";
import { mountMoment } from "./control/moment.js";
import { mountPreview } from "./control/preview.js";
import { mountProgramme } from "./control/programme.js";
import { mountScript } from "./control/script.js";
import { LiveClient } from "./live-client.js";

const eventInfo = readJson("event-data");
let state = null;

const commands = mountCommands(eventInfo.id, document.getElementById("error"), render, () => state);
const { send, showError } = commands;
const script = mountScript(document.getElementById("script"), eventInfo.id);
const moment = mountMoment(document.getElementById("moment"), eventInfo.id, { send, showError });
const programme = mountProgramme(document.getElementById("items"), document.getElementById("drift"), eventInfo.id);
const lists = mountLists(eventInfo.id);
const autoPage = mountAutoPage(eventInfo.auto_page_seconds, send);

function showPosition() {
  const away = state.position && state.position.on_screen === false;
  document.getElementById("position").textContent = positionLabel(state);
  document.getElementById("position-line").classList.toggle("away", !!away);
  document.getElementById("back").hidden = !away;
}

function render(next) {
  if (state && next.version < state.version) return;
  const itemChanged = state !== null && (state.item && state.item.id) !== (next.item && next.item.id);
  // the programme and the lists are fetched again when they changed (content_version) or the item did, not
  // after every step
  const first = state === null;  // the lists were fetched as the page loaded
  const contentChanged = first || next.content_version !== state.content_version;
  state = next;
  if (itemChanged || (contentChanged && !first)) lists.refresh();
  if (itemChanged || contentChanged) programme.refresh();
  document.getElementById("version").textContent = state.version;
  document.getElementById("now").textContent = screenLabel(state.screen || {}, state);
  showPosition();
  programme.update(state);
  lists.update(state);
  autoPage.update(state);
  moment.update(state);
  script.update(state);
}

setInterval(programme.refresh, 60000);
document.addEventListener("visibilitychange", () => { if (!document.hidden) { lists.refresh(); programme.refresh(); } });

mountShortcuts(commands, mountButtons(commands));

function tick() { document.getElementById("clock").textContent = vnClock(); autoPage.update(); }
setInterval(tick, 1000);
tick();

const client = new LiveClient(eventInfo.id, {
  onState: render,
  onConnection(up) {
    const conn = document.getElementById("conn");
    conn.textContent = up ? "Đã kết nối" : "Mất kết nối — đang thử lại…";
    conn.className = "conn " + (up ? "up" : "down");
  },
});
watchAttendance(client.socket, eventInfo.id, document.getElementById("attendance"), false);
client.socket.on("attendance", lists.refreshHonours);
lists.refresh();
watchAttendance(client.socket, eventInfo.id, document.getElementById("attendance-table"), false);
mountFloor(document.getElementById("floor-list"), client.socket, eventInfo.id, {
  countEl: document.getElementById("floor-count"),
  showError,
});

mountPreview(document.getElementById("preview"));
