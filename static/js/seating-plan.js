/* The live plan of the hall: every seat present, not yet here or empty at a glance, read again a moment after each
   burst of arrivals (the attendance feed) and after each change to the list (a substitute, an undo). */
import { getJson } from "./api.js";
import { h, readJson } from "./dom.js";
import { openSocket } from "./live-client.js";

const eventId = readJson("event-data").id;
const url = "/api/events/" + eventId + "/seating";
const plan = document.getElementById("plan");
const zonesEl = plan.querySelector("[data-zones]");
const GAP_MS = 300;   // bursts of arrivals: one read for the counts of the same moment

function render(data) {
  let present = 0, seated = 0;
  const parts = data.zones.map(function (zone) {
    let zonePresent = 0, zoneSeated = 0;
    const rows = zone.rows.map(function (row) {
      const line = h("div", "seat-row");
      line.appendChild(h("span", "seat-row-label", row.row));
      row.seats.forEach(function (s) {
        const state = s.delegate_id === null ? "empty" : s.present ? "present" : "absent";
        const seat = h("span", "seat " + state, s.seat);
        seat.dataset.seat = [zone.zone, row.row, s.seat].join("-");
        seat.dataset.state = state;
        seat.title = s.delegate_id === null ? "Ghế trống" : s.name + (s.delegation ? " · " + s.delegation : "")
          + (s.present ? " · có mặt" : " · chưa đến");
        if (s.delegate_id !== null) { zoneSeated += 1; if (s.present) zonePresent += 1; }
        line.appendChild(seat);
      });
      return line;
    });
    present += zonePresent; seated += zoneSeated;
    const box = h("section", "seat-zone");
    box.dataset.zone = zone.zone;
    box.append(h("h3", null, (zone.zone ? "Khu " + zone.zone : "Hội trường") + " · " + zonePresent + "/" + zoneSeated + " có mặt"),
               ...rows);
    return box;
  });
  if (!parts.length) parts.push(h("p", "muted", "Chưa xếp chỗ: mô tả các khu để xếp tự động, hoặc nhập từ tệp."));
  zonesEl.replaceChildren(...parts);
  plan.querySelector("[data-present]").textContent = present;
  plan.querySelector("[data-seated]").textContent = seated;
}

let timer = null;
function load() {
  getJson(url).then(render).catch(function () { /* kept as it was; the next update reads again */ });
}

/* After arrivals only who is here changes: the narrow read of the present seats, applied to the seats drawn. */
function mark(answer) {
  const here = new Set(answer.present.map(function (s) { return s.join("-"); }));
  let present = 0;
  zonesEl.querySelectorAll(".seat[data-state='present'], .seat[data-state='absent']").forEach(function (seat) {
    const state = here.has(seat.dataset.seat) ? "present" : "absent";
    if (state === "present") present += 1;
    if (seat.dataset.state !== state) {
      seat.dataset.state = state;
      seat.className = "seat " + state;
      seat.title = seat.title.replace(/ · (có mặt|chưa đến)$/, state === "present" ? " · có mặt" : " · chưa đến");
    }
  });
  zonesEl.querySelectorAll(".seat-zone").forEach(function (zone) {
    const seated = zone.querySelectorAll(".seat.present, .seat.absent").length;
    const label = zone.querySelector("h3");
    label.textContent = label.textContent.replace(/ · \d+\/\d+ có mặt$/, " · " + zone.querySelectorAll(".seat.present").length
      + "/" + seated + " có mặt");
  });
  plan.querySelector("[data-present]").textContent = present;
}
function refresh() {
  timer = null;
  getJson(url + "/present").then(mark).catch(function () {});
}
function soon() { if (timer === null) timer = setTimeout(refresh, GAP_MS); }

const socket = openSocket();
socket.on("connect", function () { socket.emit("watch_attendance", { event_id: eventId }); load(); });
socket.on("attendance", soon);
socket.on("roster_changed", load);   // a substitute, a revoked badge: who sits where changed
setInterval(load, 30000);
load();
