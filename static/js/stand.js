/* The kiosk stand: delegates check themselves in by holding their badge (printed or on the phone) to the scanner,
   and are greeted by name with their unit, delegation and seat. Anything wrong gets a calm note that sends them to
   the organisers' desk, never a red alarm in front of the queue. The screen goes back to its welcome by itself.
   Nothing personal is kept on the device: no roster; when the server is out of reach a scan is taken on trust
   ("Đã ghi nhận"), queued with its time and id (door/scan-queue.js) and sent when the server is back. There is no
   way off the page but the organiser's PIN (stand/lock.js). This entry module wires the scanner, the camera and
   the queue to the screen (stand/screen.js, stand/seat.js). */
import { OFFLINE, postJson, retryLater } from "./api.js";
import { readJson } from "./dom.js";
import { ScanQueue } from "./door/scan-queue.js";
import { QrCamera } from "./door/camera.js";
import { ScanDetector } from "./door/scanner.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";
import { keptUnder, newScanId } from "./on-device.js";
import { lockStand } from "./stand/lock.js";
import { mountScreen } from "./stand/screen.js";
import { hallPlan } from "./stand/seat.js";

const data = readJson("stand-data");
const api = "/api/events/" + data.event_id;
const RESET_MS = (data.reset_s || 6) * 1000;
const hall = hallPlan(api);
const { show, calm, recorded } = mountScreen(document.getElementById("stand"), document.getElementById("screen"),
                                             RESET_MS, hall.plan);

const queue = new ScanQueue(keptUnder("kiosk-stand-" + data.event_id + "-"),
                           function (scan) { return postJson(api + "/checkin", scan); });

function setNetwork(online) {
  const net = document.getElementById("net");
  net.className = "stand-net " + (online ? "online" : "offline");
  net.setAttribute("aria-label", online ? "Trực tuyến" : "Ngoại tuyến");
  const q = document.getElementById("queue");
  q.hidden = !queue.length;
  q.textContent = queue.length + " lượt chờ gửi";
}

function checkIn(code) {
  const scan = { scan_id: newScanId(), code: code, door: data.stand };
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
window.addEventListener("online", function () { flush(); hall.load(); });
hall.load();

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

const pinDialog = lockStand(api);

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
