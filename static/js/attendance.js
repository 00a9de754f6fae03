/* Attendance, live: present / expected overall and by the composition the congress reports on. */
import { h } from "./dom.js";

const GROUPS = [["delegates", "Đại biểu"], ["guests", "Khách mời"], ["women", "Đại biểu nữ"], ["young", "Đại biểu trẻ tuổi"]];
const COMPOSITION = [["occupation_group", "Thành phần"], ["sector", "Ngành, lĩnh vực"], ["religion", "Tôn giáo"],
                     ["ethnicity", "Dân tộc"]];

function row(label, e, p) {
  const tr = h("tr");
  [label, p + "/" + e, e ? Math.round(100 * p / e) + "%" : "–"].forEach((text, i) => {
    tr.appendChild(h(i ? "td" : "th", null, text));
  });
  return tr;
}

function render(container, a, full) {
  const total = container.querySelector("[data-total]");
  if (total) total.textContent = a.present + "/" + a.expected;
  const table = container.querySelector("table");
  if (!table) return;
  const body = h("tbody");
  GROUPS.forEach(([key, label]) => body.appendChild(row(label, a[key].expected, a[key].present)));
  if (full) {
    COMPOSITION.forEach(([key, label]) => {
      a.composition[key].forEach((r) => body.appendChild(row(label + ": " + r.value, r.expected, r.present)));
    });
    a.by_delegation.forEach((r) => body.appendChild(row("Đoàn: " + r.delegation, r.expected, r.present)));
    a.by_unit.forEach((r) => body.appendChild(row("Đơn vị: " + (r.unit || "Không rõ"), r.expected, r.present)));
  }
  table.replaceChildren(body);
}

/* Keeps `container` ([data-total], and a <table> filled when there is one) up to date from the socket's
   attendance broadcasts; `full` adds the composition, the delegations and the units. */
export function watchAttendance(socket, eventId, container, full) {
  socket.on("connect", () => socket.emit("watch_attendance", { event_id: eventId }));
  if (socket.connected) socket.emit("watch_attendance", { event_id: eventId });
  // the organisers' page draws the composition, which only reaches them (`attendance_full`)
  socket.on(full ? "attendance_full" : "attendance", (a) => render(container, a, full));
}
