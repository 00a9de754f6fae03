/* The delegate's own page (/me/{token}): who and where they are, the badge, the live programme, the open vote, the
   papers and, for a delegation's head, who of the delegation has arrived (me/profile.js, me/vote.js,
   me/programme.js). The server hands the first answer in the page; GET /api/me/{token} keeps it current (on
   reconnect, when a vote opens or closes, and every minute or so) and each answer is kept on the phone
   (me/kept.js), so that a page reloaded without Wi-Fi shows the last one it had and says so. The ballot and the
   PDF viewer are loaded only when needed. This entry module keeps the answer current and wires the parts. */
import { getJson } from "./api.js";
import { measureServerOffset } from "./clock.js";
import { readJson, vnTime } from "./dom.js";
import { LiveClient } from "./live-client.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";
import { keeper } from "./me/kept.js";
import { drawMembers, drawPapers, drawPlan, drawWho } from "./me/profile.js";
import { mountProgramme } from "./me/programme.js";
import { mountVote } from "./me/vote.js";

const page = readJson("me-data");
const token = page.token;
const api = "/api/me/" + encodeURIComponent(token);
const REFRESH_MS = 60000;   // plus up to as much again at random: a thousand phones do not ask in the same second
const VOTE_SPREAD_MS = 8000;
const store = keeper(localStorage, "kiosk-me-" + token);
let me = store.newest(page.me);
let online = true;
const drawVote = mountVote(token);

function draw() {
  drawWho(me.delegate, me.checked_in_at);
  drawPlan(page.plan, me.delegate.seat);
  drawPapers(me.documents || [], me.delegate.guest, api, () => online);
  drawMembers(me.delegation_members);
  drawVote(me.open_vote, me.delegate.guest);
}

function showOnline(up) {
  online = up;
  const banner = document.getElementById("offline");
  banner.hidden = up;
  banner.querySelector("[data-saved]").textContent = me.as_of ? " lúc " + vnTime(me.as_of) : "";
  document.body.dataset.online = up ? "1" : "0";
}

async function refresh() {
  try {
    me = await getJson(api);
    store.keep(me);
    draw();
    showOnline(true);
  } catch (e) {
    if (e.status === 404) { location.reload(); return; }  // the badge was revoked: the page says so
    showOnline(false);
  }
}

let soon = null;
function refreshSoon(spreadMs) {
  if (soon) return;
  soon = setTimeout(() => { soon = null; refresh(); }, Math.random() * spreadMs);
}

// a vote opened, closed or was counted: the ballot follows, asked within VOTE_SPREAD_MS at random (a thousand
// phones at about the rate the ballot page's own polling costs, not all in the same second)
const onState = mountProgramme(page.programme, () => refreshSoon(VOTE_SPREAD_MS));
draw();
showOnline(navigator.onLine !== false);
measureServerOffset();
let everConnected = false;
new LiveClient(page.me.event.id, {
  onState,
  onConnection(up) {
    if (!up) { showOnline(false); return; }
    showOnline(true);
    // back after a drop or a restarted server: the answer asked again, the hall's phones over some seconds
    if (everConnected) refreshSoon(VOTE_SPREAD_MS);
    everConnected = true;
  },
});
window.addEventListener("offline", () => showOnline(false));
window.addEventListener("online", () => refreshSoon(VOTE_SPREAD_MS));
setInterval(() => refreshSoon(REFRESH_MS), REFRESH_MS);
keepOfflineCopy();
markStarted();
