/* The door tablet. A handheld scanner types the code and Enter into whatever has the focus: the page catches
   it at document level (a burst of keys about SCAN_GAP_MS apart or less, ending with Enter) wherever it lands; the camera
   reads QR codes with jsQR; a name search finds those who forgot their badge. Each answer is one big card.
   When the server is out of reach the tablet keeps scanning against the delegate list it holds, queues the
   scans (with their time and an id, so a resend is never counted twice) and sends them when it is back. */
import { getJson, OFFLINE, postJson, retryLater } from "./api.js";
import { h as el, readJson, vnTime } from "./dom.js";
import { openSocket } from "./live-client.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";
import { jsQR } from "./vendor.js";

const eventInfo = readJson("event-data");
const api = "/api/events/" + eventInfo.id;
const store = "kiosk-door-" + eventInfo.id + "-";
const codeEl = document.getElementById("code");
const doorEl = document.getElementById("door");
const cardEl = document.getElementById("card");
const undoForm = document.getElementById("undo-form");
const searchEl = document.getElementById("search");
const resultsEl = document.getElementById("results");
let lastShown = null;
let clearTimer = null;
const RED_CARD_MS = 6000;   // a refusal clears by itself: the next delegate does not read it as theirs

doorEl.value = localStorage.getItem("kiosk-door") || doorEl.value;
doorEl.addEventListener("change", function () { localStorage.setItem("kiosk-door", doorEl.value.trim()); });

function load(key, fallback) { try { return JSON.parse(localStorage.getItem(store + key)) || fallback; } catch (e) { return fallback; } }
function save(key, value) { localStorage.setItem(store + key, JSON.stringify(value)); }
let roster = load("roster", {});   // code -> delegate, for scanning offline
const queue = load("queue", []);     // scans taken offline, oldest first

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
  if (!COLOURS[answer.result]) clearTimer = setTimeout(idle, RED_CARD_MS);
  const colour = COLOURS[answer.result] || "red";
  cardEl.className = "result-card " + colour;
  cardEl.dataset.result = answer.result;
  const title = el("div", "result-title");
  const icon = el("span", "result-icon", ICONS[colour]);
  icon.setAttribute("aria-hidden", "true");
  title.append(icon, TITLES[answer.result] || answer.result);
  cardEl.replaceChildren(title);
  let d = answer.delegate;
  if (d) {
    cardEl.appendChild(el("div", "result-name", d.full_name));
    cardEl.appendChild(el("div", "result-detail", [d.title, d.unit].filter(Boolean).join(" · ")));
    if (d.seat && (answer.result === "checked_in" || answer.result === "queued")) {
      cardEl.appendChild(el("div", "result-seat", "Chỗ ngồi: " + d.seat));
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

function setNetwork(online) {
  const net = document.getElementById("net");
  net.textContent = online ? "Trực tuyến" : "Ngoại tuyến";
  net.className = "net " + (online ? "online" : "offline");
  let q = document.getElementById("queue");
  q.hidden = !queue.length;
  q.textContent = queue.length + " lượt quét đang chờ gửi";
}

/* Checks in on the tablet itself (the server out of reach or unable to answer now) and queues the scan, with the
   scan_id it was first sent with if any: the server recognises a scan it did take before failing to answer. */
function offlineScan(code, scanId) {
  let d = roster[code];
  if (!d) return show({ result: "unknown_code", message: "Mã không có trong danh sách đại biểu (đang ngoại tuyến)." });
  if (d.revoked) return show({ result: "revoked", delegate: d, message: "Thẻ này đã bị thu hồi. Mời đại biểu gặp Ban tổ chức." });
  if (d.checked_in_at) {
    return show({ result: "already_checked_in", delegate: d,
                  message: "Đại biểu đã điểm danh lúc " + vnTime(d.checked_in_at) + "." });
  }
  const now = new Date().toISOString();
  d.checked_in_at = now;
  save("roster", roster);
  queue.push({ scan_id: scanId || uuid(), code: code, door: doorEl.value.trim(), scanned_at: now });
  save("queue", queue);
  setNetwork(false);
  show({ result: "queued", delegate: d, message: "Đã ghi nhận trên máy (ngoại tuyến); sẽ gửi khi có mạng." });
}

function checkIn(code) {
  let scan = { scan_id: uuid(), code: code, door: doorEl.value.trim() };
  return postJson(api + "/checkin", scan).then(function (answer) {
    setNetwork(true);
    if (roster[code] && answer.checked_in_at) roster[code].checked_in_at = answer.checked_in_at;
    show(answer);
    flush();
  }).catch(function (e) {
    if (retryLater(e)) offlineScan(code, scan.scan_id);
    else show({ result: "error", message: e.message });
  });
}

let flushing = false;
function flush() {
  if (flushing || !queue.length) return;
  flushing = true;
  let scan = queue[0];
  postJson(api + "/checkin", scan).then(function () {
    queue.shift();            // sent and answered: the server has it (a resend would be recognised)
    save("queue", queue);
    setNetwork(true);
    flushing = false;
    flush();
  }).catch(function (e) {
    flushing = false;
    if (!retryLater(e)) { queue.shift(); save("queue", queue); }  // refused for good (4xx): sending again won't help
    setNetwork(!retryLater(e));
  });
}
setInterval(flush, 5000);

function refreshRoster() {
  getJson(api + "/checkin/roster")
    .then(function (rows) {
      if (!Array.isArray(rows)) return;
      const fresh = {};
      rows.forEach(function (d) { fresh[d.code] = d; });
      queue.forEach(function (s) { if (fresh[s.code] && !fresh[s.code].checked_in_at) fresh[s.code].checked_in_at = s.scanned_at; });
      roster = fresh;
      save("roster", roster);
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

/* The handheld scanner is a keyboard that types fast: every key of a code arrives within a few milliseconds
   of the one before, then Enter. Such a burst is caught here, before the focused element sees its Enter,
   whatever has the focus (the undo button, "Bật camera", the name search, nothing at all): the characters it
   left in a text box are taken back out and the code is checked in. A person typing (keys far apart) is left
   alone. Keys are read as the physical key (event.code) whenever the browser's key is not plain ASCII, so a
   Vietnamese input method composing on top (ibus/macOS Telex, VNI) cannot change the code; a code that still
   arrives rewritten (Unikey on Windows replaces keys before the browser sees them) is refused with a message
   saying what to do instead of a silent "unknown code". */
const SCAN_GAP_MS = 50;    // a scanner's keys: this far apart on average, at most
const MAX_GAP_MS = 120;    // and no single gap longer (a busy tablet may deliver one key late)
const MIN_SCAN = 4;
let burst = null;   // { text, start, last, keys, target, before, altered }

function keyChar(e) {
  if (e.key.length === 1 && e.key.charCodeAt(0) > 32 && e.key.charCodeAt(0) < 127) return e.key;
  const code = e.code || "";
  const upper = e.shiftKey !== (e.getModifierState && e.getModifierState("CapsLock"));
  if (/^Key[A-Z]$/.test(code)) return upper ? code.slice(3) : code.slice(3).toLowerCase();
  if (/^(Digit|Numpad)[0-9]$/.test(code)) return code.slice(-1);
  if (code === "Minus") return e.shiftKey ? "_" : "-";
  return null;
}

function textValue(target) {
  return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA") ? target.value : null;
}

document.addEventListener("keydown", function (e) {
  if (e.ctrlKey || e.altKey || e.metaKey) { burst = null; return; }
  if (e.key === "Shift" || e.key === "CapsLock") return;
  const fresh = burst !== null && e.timeStamp - burst.last <= MAX_GAP_MS;
  if (e.key === "Enter") {
    const fast = fresh && burst.text.length >= MIN_SCAN && (e.timeStamp - burst.start) / burst.keys <= SCAN_GAP_MS;
    const scan = fast ? burst : null;
    burst = null;
    if (!scan) return;   // a person's Enter: the field or button it is in does its usual work
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
    return;
  }
  if (!fresh) {
    const target = document.activeElement;
    burst = { text: "", start: e.timeStamp, last: e.timeStamp, keys: 0, target: target, before: textValue(target),
              altered: false };
  }
  burst.last = e.timeStamp;
  burst.keys += 1;
  if (e.key === "Backspace") return;   // an input method's rewrite inside a burst (its new letter follows)
  const ch = keyChar(e);
  if (ch === null) { burst.altered = burst.altered || e.key.length === 1; return; }
  burst.text += ch;
}, true);

// Keep the scan field focused when nothing else is being used (the scanner works without it too).
document.addEventListener("click", function (e) {
  if (e.target.tagName !== "INPUT" && e.target.tagName !== "BUTTON") codeEl.focus();
});

undoForm.addEventListener("submit", function (e) {
  e.preventDefault();
  const reason = document.getElementById("undo-reason").value.trim();
  if (!reason || !lastShown) { document.getElementById("undo-reason").focus(); return; }
  postJson(api + "/checkin/undo", { delegate_id: lastShown.id, reason: reason, door: doorEl.value.trim() })
    .then(function (answer) {
      document.getElementById("undo-reason").value = "";
      let d = Object.keys(roster).map(function (k) { return roster[k]; }).filter(function (r) { return r.id === answer.delegate.id; })[0];
      if (d) { d.checked_in_at = null; save("roster", roster); }
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
          const b = el("button", "", d.checked_in_at ? "Đã điểm danh" : "Điểm danh");
          b.addEventListener("click", function () {
            checkIn(d.code).then(function () { searchEl.value = ""; resultsEl.replaceChildren(); codeEl.focus(); });
          });
          li.appendChild(b);
          resultsEl.appendChild(li);
        });
        if (!rows.length) resultsEl.appendChild(el("li", "muted", "Không tìm thấy đại biểu nào."));
      }).catch(function (e) {
        if (e.message !== OFFLINE) { resultsEl.replaceChildren(); return; }
        resultsEl.replaceChildren(el("li", "muted", "Mất kết nối: hãy quét thẻ, máy vẫn ghi nhận ngoại tuyến."));
      });
  }, 200);
});

/* The camera: jsQR on a frame every 150 ms; the same code is not sent twice within four seconds. */
const video = document.getElementById("camera");
const canvas = document.getElementById("frame");
let stream = null, lastCode = null, lastAt = 0;
function tickCamera() {
  if (!stream) return;
  if (video.readyState === video.HAVE_ENOUGH_DATA) {
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const found = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height,
                     { inversionAttempts: "dontInvert" });
    if (found && found.data && (found.data !== lastCode || Date.now() - lastAt > 4000)) {
      lastCode = found.data; lastAt = Date.now();
      checkIn(found.data.trim());
    }
  }
  setTimeout(tickCamera, 150);
}
document.getElementById("camera-toggle").addEventListener("click", function () {
  const note = document.getElementById("camera-note");
  if (stream) {
    stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; this.textContent = "Bật camera"; note.hidden = false;
    return;
  }
  const button = this;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    note.textContent = "Trình duyệt không cho dùng camera trên địa chỉ này (cần https hoặc localhost). Dùng máy quét cầm tay.";
    return;
  }
  navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
    stream = s; video.srcObject = s; video.play();
    button.textContent = "Tắt camera"; note.hidden = true;
    tickCamera();
  }).catch(function () { note.textContent = "Không mở được camera. Dùng máy quét cầm tay hoặc tìm theo tên."; });
});

/* Attendance, live over Socket.IO. */
const socket = openSocket();
socket.on("connect", function () {
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
setNetwork(navigator.onLine !== false);
