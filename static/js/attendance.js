/* Attendance, live: present / expected overall and by the composition the congress reports on. */
(function (global) {
  "use strict";
  var GROUPS = [["delegates", "Đại biểu"], ["guests", "Khách mời"], ["women", "Đại biểu nữ"], ["young", "Đại biểu trẻ tuổi"]];
  var COMPOSITION = [["occupation_group", "Thành phần"], ["sector", "Ngành, lĩnh vực"], ["religion", "Tôn giáo"],
                     ["ethnicity", "Dân tộc"]];

  function row(label, e, p) {
    var tr = document.createElement("tr");
    [label, p + "/" + e, e ? Math.round(100 * p / e) + "%" : "–"].forEach(function (text, i) {
      var td = document.createElement(i ? "td" : "th");
      td.textContent = text;
      tr.appendChild(td);
    });
    return tr;
  }

  function render(container, a, full) {
    var total = container.querySelector("[data-total]");
    if (total) total.textContent = a.present + "/" + a.expected;
    var table = container.querySelector("table");
    if (!table) return;
    var body = document.createElement("tbody");
    GROUPS.forEach(function (g) { body.appendChild(row(g[1], a[g[0]].expected, a[g[0]].present)); });
    if (full) {
      COMPOSITION.forEach(function (c) {
        a.composition[c[0]].forEach(function (r) { body.appendChild(row(c[1] + ": " + r.value, r.expected, r.present)); });
      });
      a.by_unit.forEach(function (r) { body.appendChild(row("Đơn vị: " + (r.unit || "Không rõ"), r.expected, r.present)); });
    }
    table.replaceChildren(body);
  }

  global.watchAttendance = function (socket, eventId, container, full) {
    socket.on("connect", function () { socket.emit("watch_attendance", { event_id: eventId }); });
    if (socket.connected) socket.emit("watch_attendance", { event_id: eventId });
    socket.on("attendance", function (a) { render(container, a, full); });
  };
})(window);
