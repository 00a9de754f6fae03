/* The door tablet's entry module: wires its parts together, nothing else. A handheld scanner or the camera reads
   a badge (door/scan-input.js, door/camera-button.js), a name search finds those who forgot theirs
   (door/search.js); each answer is one big card (door/card.js) that may be undone (door/undo.js). When the server
   is out of reach the tablet keeps scanning against the delegate list it holds and queues the scans
   (door/check-in.js, door/roster.js, door/scan-queue.js); door/network.js says whether it is online. */
import { getJson } from "./api.js";
import { readJson } from "./dom.js";
import { openSocket } from "./live-client.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";
import { GreenMemory } from "./door/answers.js";
import { mountCameraButton } from "./door/camera-button.js";
import { mountCard } from "./door/card.js";
import { mountCheckIn } from "./door/check-in.js";
import { mountNetwork, watchServer } from "./door/network.js";
import { OfflineRoster } from "./door/roster.js";
import { ScanQueue } from "./door/scan-queue.js";
import { keepFocus, mountScanInput } from "./door/scan-input.js";
import { mountSearch } from "./door/search.js";
import { scanSender } from "./door/send.js";
import { doorStorage, rememberDoor } from "./door/storage.js";
import { mountUndo } from "./door/undo.js";

const eventInfo = readJson("event-data");
const api = "/api/events/" + eventInfo.id;
const codeEl = document.getElementById("code");
const doorEl = document.getElementById("door");

rememberDoor(doorEl);
const storage = doorStorage(eventInfo.id);
const roster = new OfflineRoster(storage, readJson("roster-key"));   // for scanning offline
const network = mountNetwork(document.getElementById("net"), document.getElementById("queue"), () => queue.length);
const sendScan = scanSender(api, network);
const queue = new ScanQueue(storage, function (scan) { return sendScan(scan, false); });
const greens = new GreenMemory();
const card = mountCard(document.getElementById("card"), { onShow: (answer) => undo.shown(answer) });
const show = card.show;
const desk = mountCheckIn({ roster, queue, sendScan, network, show, greens, doorEl });
const checkIn = desk.checkIn;
const undo = mountUndo({ api, codeEl, doorEl, roster, greens, show });

setInterval(desk.flush, 5000);

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

mountScanInput(document.getElementById("scan-form"), codeEl, { checkIn, show });
keepFocus(codeEl);
mountSearch(document.getElementById("search"), document.getElementById("results"), api, { checkInFound: desk.checkInFound, codeEl });
mountCameraButton(document.getElementById("camera-toggle"), document.getElementById("camera-note"),
                  document.getElementById("camera"), checkIn);

/* Attendance, live over Socket.IO; the socket also says whether the server is there (door/network.js). */
const socket = openSocket();
watchServer(socket, eventInfo.id, network.setNetwork);
socket.on("connect", function () {
  socket.emit("watch_attendance", { event_id: eventInfo.id });
  desk.flush();
  refreshRoster();   // back after a cut: the list may have changed meanwhile
});
// The organisers added, replaced, revoked or edited a delegate: this tablet's offline list follows at once.
socket.on("roster_changed", function (m) { if (!m || m.event_id === eventInfo.id) refreshRoster(); });
socket.on("attendance", function (a) {
  document.getElementById("present").textContent = a.present;
  document.getElementById("expected").textContent = a.expected;
});
network.showWaiting();
if (navigator.onLine === false) network.setNetwork(false);
