/* The ushers' page: the group being called and the next one, who of them has arrived (from check-in,
   live), and a mark per recipient: on stage, received, or received on their behalf by someone named. */
import { getJson, postJson } from "./api.js";
import { h as el, readJson } from "./dom.js";
import { LiveClient } from "./live-client.js";

const eventInfo = readJson("event-data");
const STATUSES = readJson("statuses");
const api = "/api/events/" + eventInfo.id;
let groups = [], live = null;

function currentIndex() {
  if (live && live.screen && live.screen.kind === "honours") {
    let i = groups.findIndex(function (g) { return g.id === live.screen.group_id; });
    if (i >= 0) return i;
  }
  const open = groups.findIndex(function (g) { return g.recipients.some(function (r) { return !r.handover; }); });
  return open >= 0 ? open : 0;
}

function mark(r, status) {
  const body = { status: status };
  if (status === "received_on_behalf") {
    let who = window.prompt("Họ tên người nhận thay cho " + r.name + ":");
    if (!who || !who.trim()) return;
    body.received_by = who.trim();
  }
  postJson(api + "/honours/" + r.id + "/handover", body).then(load).catch(function (e) { window.alert(e.message); });
}

function fill(section, group, label) {
  section.querySelector(".label").textContent = label;
  section.querySelector(".group-title").textContent = group ? "Đợt " + group.position + ": " + group.award : "Không còn đợt nào";
  const absent = group ? group.recipients.filter(function (r) { return !r.collective && !r.present; }).length : 0;
  section.querySelector(".group-meta").textContent = group
    ? group.recipients.length + " người/tập thể" + (absent ? " · " + absent + " chưa có mặt" : " · đã có mặt đủ") : "";
  const list = section.querySelector(".stage-list");
  list.replaceChildren();
  (group ? group.recipients : []).forEach(function (r) {
    const li = el("li", "stage-item" + (r.handover ? " done-" + r.handover : ""));
    li.dataset.honourId = r.id;
    let who = el("div", "who");
    who.appendChild(el("div", "r-name", r.name));
    const detail = [r.title, r.unit].filter(Boolean).join(", ");
    if (detail) who.appendChild(el("div", "muted", detail));
    li.appendChild(who);
    li.appendChild(el("span", "presence " + (r.collective ? "collective" : r.present ? "here" : "away"),
                      r.collective ? "Tập thể" : r.present ? "Có mặt" : "Chưa đến"));
    const state = el("span", "handover", STATUSES[r.handover || ""] + (r.received_by ? ": " + r.received_by : ""));
    li.appendChild(state);
    const buttons = el("div", "marks");
    const choices = [["on_stage", "Lên sân khấu"], ["received", "Đã nhận"], ["received_on_behalf", "Nhận thay…"]];
    if (r.handover) choices.push(["", "Bỏ đánh dấu"]);
    choices.forEach(function (m) {
        const b = el("button", m[0] === r.handover ? "active" : "", m[1]);
        b.type = "button";
        b.addEventListener("click", function () { mark(r, m[0]); });
        buttons.appendChild(b);
      });
    li.appendChild(buttons);
    list.appendChild(li);
  });
}

function render() {
  let i = currentIndex();
  fill(document.getElementById("now"), groups[i], live && live.screen && live.screen.kind === "honours" ? "Đang gọi" : "Chuẩn bị");
  fill(document.getElementById("next"), groups[i + 1], "Đợt tiếp theo");
}

function load() {
  return getJson(api + "/honours")
    .then(function (data) { if (Array.isArray(data)) { groups = data; render(); } })
    .catch(function () { /* the lists stay as they were; the next update reads them again */ });
}

const client = new LiveClient(eventInfo.id, {
  onState: function (state) { live = state; render(); },
  onConnection: function (up) { document.getElementById("conn").textContent = up ? "Đã kết nối" : "Mất kết nối — đang thử lại…"; },
});
client.socket.on("connect", function () { client.socket.emit("watch_attendance", { event_id: eventInfo.id }); });
client.socket.on("attendance", load);
client.socket.on("handover", load);
load();
