/* The presidium's screen (a tablet at the presidium table): the opinions the secretariat forwarded, as they are
   forwarded; where the programme is (the public live state); attendance overall and by delegation, and the live
   seating plan when the hall is seated, read again a moment after each burst of arrivals. */
import { getJson } from "./api.js";
import { h, readJson, vnClock, vnTime } from "./dom.js";
import { LiveClient } from "./live-client.js";

const eventId = readJson("event-data").id;
const api = "/api/events/" + eventId;
const forwarded = new Map();
const GAP_MS = 1000;  // a burst of arrivals: one read of the delegations and seats
let timer = null;

function showForwarded() {
  const list = document.getElementById("forwarded-list");
  const all = [...forwarded.values()].sort((a, b) => (a.forwarded_at < b.forwarded_at ? 1 : -1));
  document.getElementById("forwarded-count").textContent = all.length;
  if (!all.length) { list.replaceChildren(h("li", "muted", "Chưa có ý kiến được chuyển.")); return; }
  list.replaceChildren(...all.map((o) => {
    const li = h("li", "opinion-card forwarded");
    li.dataset.id = o.id;
    const meta = h("div", "opinion-meta");
    meta.append(h("span", "time", vnTime(o.at)), h("span", "opinion-who", o.delegate.full_name),
                h("span", null, o.delegate.unit || ""), h("span", null, titles[o.item_id] || "Ý kiến chung"));
    li.append(meta, h("p", "opinion-text", o.text));
    return li;
  }));
}

let titles = {};
function loadOpinions() {
  return Promise.all([getJson(api + "/programme"), getJson(api + "/opinions?status=forwarded")]).then(([items, list]) => {
    titles = Object.fromEntries(items.map((i) => [i.id, i.position + ". " + i.title]));
    forwarded.clear();
    list.forEach((o) => forwarded.set(o.id, o));
    showForwarded();
  }).catch(() => {});
}

function showState(state) {
  const item = state.item;
  document.getElementById("programme-now").textContent = item ? item.position + ". " + item.title : "Chưa bắt đầu";
  const step = state.position && state.position.step;
  const stepText = !step ? "" : step.kind === "speaker" ? "Đang phát biểu: " + step.name + (step.topic ? " – " + step.topic : "")
    : step.kind === "honours" ? step.award : step.kind === "vote" ? "Biểu quyết: " + step.title : "";
  document.getElementById("programme-step").textContent = stepText;
  document.getElementById("programme-next").textContent = state.next_item ? "Tiếp theo: " + state.next_item.title : "";
}

function showAttendance(a) {
  const d = a.delegates || a;
  document.getElementById("present").textContent = d.present;
  document.getElementById("summoned").textContent = d.expected;
  document.getElementById("guests").textContent = a.guests ? "Khách mời: " + a.guests.present + "/" + a.guests.expected : "";
}

function showDelegations(rows) {
  const table = document.getElementById("delegations");
  table.hidden = !rows.length;
  table.tBodies[0].replaceChildren(...rows.map((r) => {
    const tr = h("tr");
    tr.append(h("td", null, r.name), h("td", "num", String(r.present)), h("td", "num", String(r.summoned)));
    return tr;
  }));
}

function showSeating(plan) {
  const seated = plan.zones.some((z) => z.rows.some((r) => r.seats.some((s) => s.delegate_id !== null)));
  document.getElementById("seating").hidden = !seated;
  if (!seated) return;
  document.getElementById("mini-plan").replaceChildren(...plan.zones.map((zone) => {
    const box = h("div", "mini-zone");
    let present = 0, total = 0;
    const rows = zone.rows.map((row) => {
      const line = h("div", "mini-row");
      row.seats.forEach((s) => {
        const state = s.delegate_id === null ? "" : s.present ? " here" : " away";
        if (s.delegate_id !== null) { total += 1; if (s.present) present += 1; }
        const seat = h("span", "mini-seat" + state);
        seat.title = "Khu " + zone.zone + " · Hàng " + row.row + " · Ghế " + s.seat;
        line.append(seat);
      });
      return line;
    });
    box.append(h("h3", null, "Khu " + zone.zone + " · " + present + "/" + total + " có mặt"), ...rows);
    return box;
  }));
}

function loadHall() {
  timer = null;
  getJson(api + "/attendance").then(showAttendance).catch(() => {});
  getJson(api + "/delegations").then(showDelegations).catch(() => {});
  getJson(api + "/seating").then(showSeating).catch(() => {});
}

const conn = document.getElementById("conn");
const live = new LiveClient(eventId, {
  onState: showState,
  onConnection(up) { conn.textContent = up ? "Trực tuyến" : "Mất kết nối, đang thử lại…"; conn.className = "conn " + (up ? "up" : "down"); },
});
live.socket.on("connect", () => {
  live.socket.emit("watch_opinions", { event_id: eventId, forwarded: true });
  live.socket.emit("watch_attendance", { event_id: eventId });
  loadOpinions();
  loadHall();
});
live.socket.on("opinion", (o) => { if (o.status === "forwarded") { forwarded.set(o.id, o); showForwarded(); } });
live.socket.on("attendance", (a) => { showAttendance(a); if (timer === null) timer = setTimeout(loadHall, GAP_MS); });
live.socket.on("roster_changed", () => { if (timer === null) timer = setTimeout(loadHall, GAP_MS); });

function tick() { document.getElementById("clock").textContent = vnClock(); }
tick();
setInterval(tick, 10000);
