/* The door tablet. A handheld scanner types the code and Enter into whatever has the focus: the page catches
   it at document level (a burst of keys about SCAN_GAP_MS apart or less, ending with Enter) wherever it lands; the camera
   reads QR codes with jsQR; a name search finds those who forgot their badge. Each answer is one big card.
   When the server is out of reach the tablet keeps scanning against the delegate list it holds, queues the
   scans (with their time and an id, so a resend is never counted twice) and sends them when it is back. */
import { csrfToken, getJson, OFFLINE, postJson, request, retryLater } from "./api.js";
import { h as el, readJson, vnTime } from "./dom.js";
import { openSocket } from "./live-client.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";
import { OfflineRoster } from "./door/roster.js";
import { ScanQueue } from "./door/scan-queue.js";
import { QrCamera } from "./door/camera.js";
import { ScanDetector } from "./door/scanner.js";

const eventInfo = readJson("event-data");
const api = "/api/events/" + eventInfo.id;
const store = "kiosk-door-" + eventInfo.id + "-";
const codeEl = document.getElementById("code");
const doorEl = document.getElementById("door");
const cardEl = document.getElementById("card");
const undoForm = document.getElementById("undo-form");
const undoConfirm = document.getElementById("undo-confirm");
let undoing = null;   // { delegate, reason } waiting for the door's answer
function closeUndo() { undoing = null; undoConfirm.hidden = true; }
const searchEl = document.getElementById("search");
const resultsEl = document.getElementById("results");
let lastShown = null;
let clearTimer = null;
const RED_CARD_MS = 6000;   // a refusal clears by itself: the next delegate does not read it as theirs

doorEl.value = localStorage.getItem("kiosk-door") || doorEl.value;
doorEl.addEventListener("change", function () { localStorage.setItem("kiosk-door", doorEl.value.trim()); });

function load(key, fallback) { try { return JSON.parse(localStorage.getItem(store + key)) || fallback; } catch (e) { return fallback; } }
function save(key, value) { localStorage.setItem(store + key, JSON.stringify(value)); }
localStorage.removeItem(store + "roster");   // a list kept before issue 20, with the badge codes in clear
const roster = new OfflineRoster({ load: load, save: save }, readJson("roster-key"));   // for scanning offline
const queue = new ScanQueue({ load: load, save: save }, function (scan) { return sendScan(scan, false); });

const COLOURS = { checked_in: "green", already_checked_in: "amber", queued: "green", undone: "amber" };
const TITLES = {
  checked_in: "Chào mừng đại biểu", already_checked_in: "Đã điểm danh trước đó",
  unknown_code: "Mã không hợp lệ", wrong_event: "Không đúng sự kiện", revoked: "Thẻ đã bị thu hồi",
  queued: "Chào mừng đại biểu", undone: "Đã huỷ điểm danh", error: "Không điểm danh được",
};

/* Each answer carries an icon and a sound of its own as well as its colour (issue 26): a colour-blind volunteer,
   or one looking at the next delegate, still tells a welcome from a refusal. */
const ICONS = { green: "✓", amber: "!", red: "✕" };
const TONES = { green: [[880, 0.12]], amber: [[660, 0.12], [660, 0.12]], red: [[220, 0.45]] };
let audio = null;
function beep(colour) {
  try {
    audio = audio || new AudioContext();
    let at = audio.currentTime;
    for (const [hz, seconds] of TONES[colour]) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = colour === "red" ? "square" : "sine";
      tone.frequency.value = hz;
      gain.gain.value = 0.15;
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + seconds);
      at += seconds + 0.08;
    }
    cardEl.dataset.sound = colour;
  } catch (e) {
    /* no sound on this tablet: the icon and the words remain */
  }
}

function idle() {
  cardEl.className = "result-card idle";
  cardEl.dataset.result = "";
  cardEl.replaceChildren(el("div", "result-title", "Sẵn sàng quét"),
                         el("div", "result-detail", "Đưa mã QR trên thẻ đại biểu vào máy quét hoặc camera."));
}

function show(answer) {
  clearTimeout(clearTimer);
  closeUndo();   // a new card: a question about the delegate shown before no longer stands
  if (!COLOURS[answer.result]) clearTimer = setTimeout(idle, RED_CARD_MS);
  const colour = COLOURS[answer.result] || "red";
  cardEl.className = "result-card " + colour;
  cardEl.dataset.result = answer.result;
  const icon = el("span", "result-icon", ICONS[colour]);
  icon.setAttribute("aria-hidden", "true");
  cardEl.replaceChildren(icon, el("div", "result-title", TITLES[answer.result] || answer.result));
  let d = answer.delegate;
  if (d) {
    cardEl.appendChild(el("div", "result-name", d.full_name));
    cardEl.appendChild(el("div", "result-detail", [d.title, d.unit].filter(Boolean).join(" · ")));
    if (d.place && (answer.result === "checked_in" || answer.result === "queued")) {
      cardEl.appendChild(el("div", "result-seat", "Chỗ ngồi: " + d.place));
    }
  }
  if (answer.result !== "checked_in") cardEl.appendChild(el("div", "result-detail", answer.message || ""));
  lastShown = d && (answer.result === "checked_in" || answer.result === "already_checked_in") ? d : null;
  undoForm.hidden = !lastShown;
  beep(colour);
  // the card in view after every scan, also at 200 % zoom where it sits below the camera
  const box = cardEl.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) cardEl.scrollIntoView({ block: "nearest" });
}

function uuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

/* Scans sent and not answered yet: they count as waiting once an answer is slower than a working server's. */
const SLOW_MS = 1000;
const ANSWER_MS = 5000;     // no answer to a scan by then: the tablet takes it itself (queued with its scan_id)
let slowScans = 0;

function setNetwork(online) {
  const net = document.getElementById("net");
  net.textContent = online ? "Trực tuyến" : "Ngoại tuyến";
  net.className = "net " + (online ? "online" : "offline");
  showWaiting();
}

function showWaiting() {
  const q = document.getElementById("queue");
  const waiting = queue.length + slowScans;
  q.hidden = !waiting;
  q.textContent = waiting + " lượt quét đang chờ gửi";
}

/* A scan sent to the server with a deadline: a server that has stopped answering (frozen, or the Wi-Fi gone while
   the connection looks open) would otherwise hold the scan, and the delegate at the door, for minutes. */
function sendScan(scan, count = true) {   // count: false for a queued scan, already counted in the queue
  let slow = false;
  const timer = count ? setTimeout(function () { slow = true; slowScans += 1; showWaiting(); }, SLOW_MS) : null;
  const done = function () { clearTimeout(timer); if (slow) { slowScans -= 1; showWaiting(); } };
  return request(api + "/checkin", {
    method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(scan), signal: AbortSignal.timeout ? AbortSignal.timeout(ANSWER_MS) : undefined,
  }).then(function (answer) { done(); return answer; }, function (e) { done(); throw e; });
}

/* The same badge again within a few seconds on this tablet (a scanner that fires twice, a delegate who scans
   once more to be sure): the green card of that check-in again, not the amber "checked in before" that suggests
   someone else used the badge. */
const REPEAT_MS = 8000;
let lastGreen = null;   // { code, at, answer }
function repeatOfGreen(code) {
  return lastGreen && lastGreen.code === code && Date.now() - lastGreen.at < REPEAT_MS ? lastGreen.answer : null;
}
function rememberGreen(code, answer) {
  if (answer.result === "checked_in" || answer.result === "queued") lastGreen = { code: code, at: Date.now(), answer: answer };
}

/* Checks in on the tablet itself (the server out of reach or unable to answer now) and queues the scan, with the
   scan_id it was first sent with if any: the server recognises a scan it did take before failing to answer. */
function offlineScan(code, scanId) {
  return roster.find(code).then(function (d) { recogniseOffline(code, scanId, d); });
}

function recogniseOffline(code, scanId, d) {
  if (d === undefined) return takeOnTrust(code, scanId);
  if (!d) return show({ result: "unknown_code", message: "Mã không có trong danh sách đại biểu (đang ngoại tuyến)." });
  if (d.revoked) return show({ result: "revoked", delegate: d, message: "Thẻ này đã bị thu hồi. Mời đại biểu gặp Ban tổ chức." });
  if (d.checked_in_at) {
    if (repeatOfGreen(code)) return show(repeatOfGreen(code));
    return show({ result: "already_checked_in", delegate: d,
                  message: "Đại biểu đã điểm danh lúc " + vnTime(d.checked_in_at) + "." });
  }
  const now = new Date().toISOString();
  d.checked_in_at = now;
  roster.save();
  queue.add({ scan_id: scanId || uuid(), code: code, door: doorEl.value.trim(), scanned_at: now });
  setNetwork(false);
  const answer = { result: "queued", delegate: d, message: "Đã ghi nhận trên máy (ngoại tuyến); sẽ gửi khi có mạng." };
  rememberGreen(code, answer);
  show(answer);
}

/* No Web Crypto on this page (plain http from another machine): the list cannot be searched, the scan is queued
   without a name, and the server decides when it is back. */
function takeOnTrust(code, scanId) {
  queue.add({ scan_id: scanId || uuid(), code: code, door: doorEl.value.trim(), scanned_at: new Date().toISOString() });
  setNetwork(false);
  show({ result: "queued", message: "Đã ghi nhận trên máy (ngoại tuyến), chưa đối chiếu được thẻ; sẽ gửi khi có mạng." });
}

function checkIn(code) {
  let scan = { scan_id: uuid(), code: code, door: doorEl.value.trim() };
  return sendScan(scan).then(function (answer) {
    setNetwork(true);
    const known = answer.delegate && roster.byId(answer.delegate.id);
    if (known && answer.checked_in_at) known.checked_in_at = answer.checked_in_at;
    const again = answer.result === "already_checked_in" ? repeatOfGreen(code) : null;
    if (!again) rememberGreen(code, answer);
    show(again || answer);
    flush();
  }).catch(function (e) {
    if (retryLater(e)) return offlineScan(code, scan.scan_id);
    else show({ result: "error", message: e.message });
  });
}

function flush() {
  queue.flush().then(function (reached) { if (reached !== null) setNetwork(reached); });
}
setInterval(flush, 5000);

function refreshRoster() {
  getJson(api + "/checkin/roster")
    .then(function (rows) {
      if (Array.isArray(rows)) return roster.replace(rows, queue.scans);
    }).catch(function () {});
}
refreshRoster();
setInterval(refreshRoster, 120000);
keepOfflineCopy();
markStarted();

document.getElementById("scan-form").addEventListener("submit", function (e) {
  e.preventDefault();
  const code = codeEl.value.trim();
  codeEl.value = "";
  if (code) checkIn(code);
});

/* The handheld scanner types the code and Enter into whatever has the focus (door/scanner.js tells a scan from a
   person's typing): the scan is caught before the focused element sees its Enter, the characters it left in a text
   box are taken back out and the code is checked in. */
const scanner = new ScanDetector();
document.addEventListener("keydown", function (e) {
  const scan = scanner.keydown(e, document.activeElement);
  if (!scan) return;   // a person's key: the field or button it is in does its usual work
  e.preventDefault();
  e.stopPropagation();
  if (scan.before !== null && scan.target.value !== scan.before) scan.target.value = scan.before;
  if (scan.target === codeEl) codeEl.value = "";
  if (scan.altered) {
    show({ result: "error", message: "Bộ gõ tiếng Việt (Unikey…) đã đổi mã vừa quét. Chuyển bộ gõ sang chế độ " +
           "tiếng Anh (E) rồi quét lại, hoặc tìm theo tên." });
  } else {
    checkIn(scan.text);
  }
}, true);

// Keep the scan field focused when nothing else is being used (the scanner works without it too).
document.addEventListener("click", function (e) {
  if (e.target.tagName !== "INPUT" && e.target.tagName !== "BUTTON") codeEl.focus();
});

/* Undoing a check-in asks once, on the page (a scanner's Enter never answers it: scans are caught before). */
undoForm.addEventListener("submit", function (e) {
  e.preventDefault();
  const reason = document.getElementById("undo-reason").value.trim();
  if (!reason || !lastShown) { document.getElementById("undo-reason").focus(); return; }
  undoing = { delegate: lastShown, reason: reason };
  document.getElementById("undo-question").textContent =
    "Huỷ điểm danh của " + lastShown.full_name + "? Lý do: " + reason;
  undoConfirm.hidden = false;
  document.getElementById("undo-no").focus();
});
document.getElementById("undo-no").addEventListener("click", function () { closeUndo(); codeEl.focus(); });
document.getElementById("undo-yes").addEventListener("click", function () {
  if (!undoing) return;
  const asked = undoing;
  closeUndo();
  postJson(api + "/checkin/undo", { delegate_id: asked.delegate.id, reason: asked.reason, door: doorEl.value.trim() })
    .then(function (answer) {
      lastGreen = null;   // undone: scanning the badge again is a new check-in, shown as such
      document.getElementById("undo-reason").value = "";
      const d = answer.delegate && roster.byId(answer.delegate.id);
      if (d) { d.checked_in_at = null; roster.save(); }
      show(answer);
    })
    .catch(function (err) { show({ result: "error", message: err.message }); });
});

let searchTimer = null;
searchEl.addEventListener("input", function () {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(function () {
    let q = searchEl.value.trim();
    if (q.length < 2) { resultsEl.replaceChildren(); return; }
    getJson(api + "/delegates/search?q=" + encodeURIComponent(q))
      .then(function (rows) {
        resultsEl.replaceChildren();
        if (!Array.isArray(rows)) return;
        rows.forEach(function (d) {
          const li = el("li", d.checked_in_at ? "present" : "", "");
          li.appendChild(el("span", "who", d.full_name + " — " + (d.unit || "")));
          if (d.checked_in_at) {
            // a state, not an action: plain text, nothing to press
            li.appendChild(el("span", "done-label", "Đã điểm danh lúc " + vnTime(d.checked_in_at)));
          } else {
            const b = el("button", "", "Điểm danh");
            b.addEventListener("click", function () {
              checkIn(d.code).then(function () { searchEl.value = ""; resultsEl.replaceChildren(); codeEl.focus(); });
            });
            li.appendChild(b);
          }
          resultsEl.appendChild(li);
        });
        if (!rows.length) resultsEl.appendChild(el("li", "muted", "Không tìm thấy đại biểu nào."));
      }).catch(function (e) {
        if (e.message !== OFFLINE) { resultsEl.replaceChildren(); return; }
        resultsEl.replaceChildren(el("li", "muted", "Mất kết nối: hãy quét thẻ, máy vẫn ghi nhận ngoại tuyến."));
      });
  }, 200);
});

/* The camera (door/camera.js): on when the usher asks, the back camera of the tablet. */
const camera = new QrCamera(document.getElementById("camera"), checkIn, "environment");
document.getElementById("camera-toggle").addEventListener("click", function () {
  const note = document.getElementById("camera-note");
  if (camera.stream) {
    camera.stop();
    this.textContent = "Bật camera"; note.hidden = false;
    return;
  }
  const button = this;
  if (!camera.available) {
    note.textContent = "Trình duyệt không cho dùng camera trên địa chỉ này (cần https hoặc localhost). Dùng máy quét cầm tay.";
    return;
  }
  camera.start().then(function () {
    button.textContent = "Tắt camera"; note.hidden = true;
  }).catch(function () { note.textContent = "Không mở được camera. Dùng máy quét cầm tay hoặc tìm theo tên."; });
});

/* Attendance, live over Socket.IO; the socket also says whether the server is there. "Trực tuyến" only while the
   server answers: the socket is connected and the heartbeat, every HEARTBEAT_MS, is answered within its deadline;
   "Ngoại tuyến" as soon as the socket drops, the browser goes offline, or a heartbeat goes unanswered. */
const HEARTBEAT_MS = 3000;
const HEARTBEAT_DEADLINE_MS = 3000;
const socket = openSocket();
function heartbeat() {
  if (!socket.connected) { setNetwork(false); return; }
  socket.timeout(HEARTBEAT_DEADLINE_MS).emit("heartbeat", { event_id: eventInfo.id }, function (err) {
    setNetwork(!err && socket.connected);
  });
}
setInterval(heartbeat, HEARTBEAT_MS);
socket.on("disconnect", function () { setNetwork(false); });
socket.on("connect_error", function () { setNetwork(false); });
window.addEventListener("offline", function () { setNetwork(false); });
window.addEventListener("online", heartbeat);
socket.on("connect", function () {
  setNetwork(true);
  socket.emit("watch_attendance", { event_id: eventInfo.id });
  flush();
  refreshRoster();   // back after a cut: the list may have changed meanwhile
});
// The organisers added, replaced, revoked or edited a delegate: this tablet's offline list follows at once.
socket.on("roster_changed", function (m) { if (!m || m.event_id === eventInfo.id) refreshRoster(); });
socket.on("attendance", function (a) {
  document.getElementById("present").textContent = a.present;
  document.getElementById("expected").textContent = a.expected;
});
showWaiting();
if (navigator.onLine === false) setNetwork(false);
