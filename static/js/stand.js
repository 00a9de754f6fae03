/* The kiosk stand: delegates check themselves in by holding their badge (printed or on the phone) to the scanner,
   and are greeted by name with their unit, delegation and seat. Anything wrong gets a calm note that sends them to
   the organisers' desk, never a red alarm in front of the queue. The screen goes back to its welcome by itself.
   Nothing personal is kept on the device: no roster; when the server is out of reach a scan is taken on trust
   ("Đã ghi nhận"), queued with its time and id (door/scan-queue.js) and sent when the server is back. There is no
   way off the page but the organiser's PIN. */
import { getJson, OFFLINE, postJson, retryLater } from "./api.js";
import { h, readJson } from "./dom.js";
import { ScanQueue } from "./door/scan-queue.js";
import { QrCamera } from "./door/camera.js";
import { ScanDetector } from "./door/scanner.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";

const data = readJson("stand-data");
const api = "/api/events/" + data.event_id;
const store = "kiosk-stand-" + data.event_id + "-";
const RESET_MS = (data.reset_s || 6) * 1000;
const stand = document.getElementById("stand");
const screen = document.getElementById("screen");
const idleView = screen.firstElementChild;

function load(key, fallback) { try { return JSON.parse(localStorage.getItem(store + key)) || fallback; } catch (e) { return fallback; } }
function save(key, value) { localStorage.setItem(store + key, JSON.stringify(value)); }
const queue = new ScanQueue({ load: load, save: save }, function (scan) { return postJson(api + "/checkin", scan); });

function seatText(d) {
  const s = d.seat;
  if (s) return [["Khu", s.zone], ["Hàng", s.row], ["Ghế", s.seat]].filter((p) => p[1]).map((p) => p[0] + " " + p[1]).join(" · ");
  return d.place || "";
}

/* The hall's zones, rows and seat labels (no names), held in memory only, to light the delegate's seat. */
let hall = [];
function loadHall() {
  getJson(api + "/seating/layout").then(function (answer) { hall = answer.zones || []; }).catch(function () {});
}

/* A small plan of the delegate's zone, their seat lit: at most PLAN_W × PLAN_H pixels whatever the zone's size. */
const PLAN_W = 520, PLAN_H = 110;
function zonePlan(seat) {
  const zone = hall.find(function (z) { return z.zone === seat.zone; });
  if (!zone || !zone.rows.length) return null;
  const most = Math.max(...zone.rows.map(function (r) { return r.seats.length; }));
  const cell = Math.max(3, Math.min(18, Math.floor(PLAN_W / most) - 3, Math.floor(PLAN_H / zone.rows.length) - 3));
  const plan = h("div", "stand-plan");
  plan.setAttribute("aria-hidden", "true");
  plan.appendChild(h("div", "stand-plan-stage", "Sân khấu"));   // row 1 is the front row
  zone.rows.forEach(function (row) {
    const line = h("div", "stand-plan-row");
    row.seats.forEach(function (label) {
      const box = h("span", row.row === seat.row && label === seat.seat ? "lit" : "");
      box.style.width = box.style.height = cell + "px";
      line.appendChild(box);
    });
    plan.appendChild(line);
  });
  return plan;
}

let resetTimer = null;
function setState(state, children) {
  clearTimeout(resetTimer);
  stand.className = "stand " + state;
  stand.dataset.state = state;
  screen.replaceChildren(...children);
  if (state !== "idle") resetTimer = setTimeout(idle, RESET_MS);
}

function idle() { setState("idle", [idleView]); }

/* The greeting: "Kính chào đồng chí" (or "quý khách" for a guest), the name, then where to sit. */
function greet(d, note) {
  const parts = [h("div", "stand-greeting", d.guest ? "Kính chào quý khách" : "Kính chào đồng chí"),
                 h("div", "stand-person", d.full_name)];
  if (d.unit) parts.push(h("div", "stand-unit", d.unit));
  if (d.delegation) parts.push(h("div", "stand-delegation", d.delegation));
  const seat = seatText(d);
  if (seat) {
    const box = h("div", "stand-seat");
    box.append(h("span", "stand-seat-label", "Chỗ ngồi"), h("span", "stand-seat-place", seat));
    const plan = d.seat ? zonePlan(d.seat) : null;
    if (plan) box.appendChild(plan);
    parts.push(box);
  }
  if (note) parts.push(h("div", "stand-note", note));
  setState("greet", parts);
}

function calm(title, detail) {
  setState("calm", [h("div", "stand-calm-title", title), h("div", "stand-calm-detail", detail),
                    h("div", "stand-desk", "Xin mời đồng chí đến bàn Ban tổ chức để được hỗ trợ.")]);
}

function recorded() {
  setState("queued", [h("div", "stand-greeting", "Đã ghi nhận"),
                      h("div", "stand-person stand-recorded", "Mời đồng chí vào hội trường"),
                      h("div", "stand-note", "Xin cảm ơn đồng chí.")]);
}

/* What a check-in answer puts on the screen. */
function show(answer) {
  const d = answer.delegate;
  if (answer.result === "checked_in" && d) return greet(d);
  if (answer.result === "already_checked_in") {
    return calm("Thẻ này đã được điểm danh trước đó", "Nếu đồng chí chưa vào hội trường, Ban tổ chức sẽ kiểm tra giúp.");
  }
  if (answer.result === "revoked") return calm("Thẻ này hiện không dùng được", "Ban tổ chức sẽ cấp lại thẻ cho đồng chí.");
  if (answer.result === "wrong_event") return calm("Thẻ này dành cho một hội nghị khác", "Ban tổ chức sẽ hướng dẫn đồng chí.");
  return calm("Chưa đọc được thẻ", "Xin đồng chí thử lại, hoặc gặp Ban tổ chức.");
}

function uuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

function setNetwork(online) {
  const net = document.getElementById("net");
  net.className = "stand-net " + (online ? "online" : "offline");
  net.setAttribute("aria-label", online ? "Trực tuyến" : "Ngoại tuyến");
  const q = document.getElementById("queue");
  q.hidden = !queue.length;
  q.textContent = queue.length + " lượt chờ gửi";
}

function checkIn(code) {
  const scan = { scan_id: uuid(), code: code, door: data.stand };
  return postJson(api + "/checkin", scan).then(function (answer) {
    setNetwork(true);
    show(answer);
    flush();
  }).catch(function (e) {
    if (retryLater(e)) {
      queue.add({ ...scan, scanned_at: new Date().toISOString() });
      setNetwork(false);
      recorded();
    } else {
      calm("Chưa điểm danh được", e.message === OFFLINE ? "" : e.message);
    }
  });
}

function flush() {
  queue.flush().then(function (reached) { if (reached !== null) setNetwork(reached); });
}
setInterval(flush, 5000);
window.addEventListener("online", function () { flush(); loadHall(); });
loadHall();

/* The scanner types the code and Enter: whatever has the focus, the burst is a scan (door/scanner.js). */
const scanner = new ScanDetector();
document.addEventListener("keydown", function (e) {
  if (pinDialog.open) return;   // the organiser typing the PIN
  const scan = scanner.keydown(e, document.activeElement);
  if (!scan) return;
  e.preventDefault();
  e.stopPropagation();
  if (scan.altered) calm("Chưa đọc được thẻ", "Máy quét đang gõ theo bộ gõ tiếng Việt.");
  else checkIn(scan.text);
}, true);

/* The stand's own camera, facing the queue, for a badge held up to the screen (printed or on the phone): on at
   once where the browser allows it, and out of sight where it does not (the scanner does the work then). A badge
   held in view for a while is read once: the same code again only after the greeting has come and gone. */
const cameraView = document.getElementById("camera");
const camera = new QrCamera(cameraView, function (code) { if (!pinDialog.open) checkIn(code); }, "user",
                            RESET_MS + 4000);
if (camera.available) {
  camera.start().then(function () { cameraView.hidden = false; }).catch(function () { cameraView.hidden = true; });
}

/* No way off the page: no links, no context menu, the browser's Back does nothing. */
document.addEventListener("contextmenu", function (e) { e.preventDefault(); });
history.pushState(null, "", location.href);
window.addEventListener("popstate", function () { history.pushState(null, "", location.href); });

/* The organiser's way out: the PIN, checked by the server. */
const pinDialog = document.getElementById("pin-dialog");
const pinInput = document.getElementById("pin");
const pinNote = document.getElementById("pin-note");
const pinForm = document.getElementById("pin-form");
const leave = document.getElementById("leave");
function closePin() { pinDialog.close(); pinInput.value = ""; pinForm.hidden = false; leave.hidden = true; }
document.getElementById("menu").addEventListener("click", function () {
  pinNote.textContent = "Nhập mã PIN để rời quầy.";
  pinDialog.showModal();
  pinInput.focus();
});
pinDialog.querySelectorAll("[data-digit]").forEach(function (b) {
  b.addEventListener("click", function () {
    pinInput.value = b.dataset.digit === "clear" ? "" : (pinInput.value + b.dataset.digit).slice(0, 8);
  });
});
pinForm.addEventListener("submit", function (e) {
  e.preventDefault();
  postJson(api + "/kiosk/unlock", { pin: pinInput.value }).then(function () {
    pinForm.hidden = true;
    leave.hidden = false;
  }).catch(function (err) {
    pinInput.value = "";
    pinNote.textContent = err.message === OFFLINE ? "Cần có mạng để rời quầy." : err.message;
  });
});
document.getElementById("pin-cancel").addEventListener("click", closePin);
document.getElementById("leave-stay").addEventListener("click", closePin);
document.getElementById("leave-go").addEventListener("click", function () {
  postJson("/api/logout", {}).finally(function () { location.replace("/login"); });
});
pinDialog.addEventListener("cancel", function (e) { e.preventDefault(); closePin(); });

function tick() {
  document.getElementById("clock").textContent = new Date().toLocaleTimeString("vi-VN", {
    hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
}
tick();
setInterval(tick, 10000);
setNetwork(navigator.onLine !== false);
flush();
keepOfflineCopy();
markStarted();
