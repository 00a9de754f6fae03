/* The delegate's own page (/me/{token}): who and where they are, the badge, the live programme, the open vote, the
   papers and, for a delegation's head, who of the delegation has arrived. The server hands the first answer in the
   page; GET /api/me/{token} keeps it current (on reconnect, when a vote opens or closes, and every minute or so) and
   each answer is kept on the phone (localStorage), so that a page reloaded without Wi-Fi shows the last one it had
   and says so. The ballot and the PDF viewer are loaded only when needed. */
import { getJson } from "./api.js";
import { measureServerOffset, renderClock } from "./clock.js";
import { h, readJson, vnTime } from "./dom.js";
import { LiveClient } from "./live-client.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";
import { screenDetail } from "./screen-words.js";

const page = readJson("me-data");
const token = page.token;
const api = "/api/me/" + encodeURIComponent(token);
const KEY = "kiosk-me-" + token;
const REFRESH_MS = 60000;   // plus up to as much again at random: a thousand phones do not ask in the same second
const VOTE_SPREAD_MS = 8000;
let me = newest(page.me);
let online = true;
let ballot = null, ballotVote = null;

function kept() { try { return JSON.parse(localStorage.getItem(KEY)); } catch (e) { return null; } }
function keep(answer) { try { localStorage.setItem(KEY, JSON.stringify(answer)); } catch (e) { /* full: fine */ } }

/* The page as the server rendered it, or the answer kept on the phone if that is newer (a copy of the page
   opened offline from the service worker is older than the last answer seen). */
function newest(fromPage) {
  const saved = kept();
  if (saved && saved.as_of && (!fromPage.as_of || Date.parse(saved.as_of) > Date.parse(fromPage.as_of))) return saved;
  keep(fromPage);
  return fromPage;
}

function setText(field, text) {
  const el = document.querySelector("[data-f='" + field + "']");
  el.textContent = text || "";
  return el;
}

function drawWho(d) {
  setText("full_name", d.full_name);
  setText("title_unit", [d.title, d.unit].filter(Boolean).join(", "));
  setText("delegation", d.delegation ? "Đoàn " + d.delegation : "").hidden = !d.delegation;
  setText("place", d.place || "Chưa xếp chỗ: mời đồng chí hỏi Ban tổ chức.");
  setText("arrived", me.checked_in_at ? "Đã điểm danh lúc " + vnTime(me.checked_in_at) : "");
}

/* The delegate's zone, the stage at the top (row 1 is the front row), their seat lit: as on the kiosk stand. */
function drawPlan(plan, seat) {
  const box = document.getElementById("zone-plan");
  box.replaceChildren();
  if (!plan || !seat || !plan.rows.length) return;
  const most = Math.max(...plan.rows.map((r) => r.seats.length));
  const width = Math.min(box.clientWidth || 300, 480) - 16;
  const cell = Math.max(3, Math.min(16, Math.floor(width / most) - 2, Math.floor(160 / plan.rows.length) - 2));
  box.appendChild(h("div", "stage", "Sân khấu"));
  plan.rows.forEach((row) => {
    const line = h("div", "row");
    row.seats.forEach((label) => {
      const lit = row.row === seat.row && label === seat.seat;
      const s = h("span", lit ? "lit" : "");
      s.style.width = s.style.height = cell + "px";
      line.appendChild(s);
    });
    box.appendChild(line);
  });
}

function drawPapers(docs) {
  const list = document.getElementById("papers");
  list.replaceChildren(...docs.map((doc) => {
    const button = h("button", null, doc.title);
    button.type = "button";
    button.dataset.doc = doc.id;
    if (doc.pages) button.appendChild(h("span", "pages", doc.pages + " trang"));
    button.addEventListener("click", () => openPaper(doc));
    const li = h("li");
    li.appendChild(button);
    return li;
  }));
  document.getElementById("papers-none").hidden = docs.length > 0;
  document.querySelector(".me-papers").hidden = Boolean(me.delegate.guest);  // the papers are the delegates'
}

async function openPaper(doc) {
  const viewer = document.getElementById("viewer");
  viewer.hidden = false;
  viewer.replaceChildren(h("p", "me-note", online ? "Đang mở tài liệu…" : "Mất kết nối: chưa mở được tài liệu."));
  viewer.scrollIntoView({ block: "start" });
  if (!online) return;
  try {
    const { showPaper } = await import("./paper-viewer.js");
    await showPaper(viewer, doc, api + "/documents/" + doc.id);
  } catch (e) {
    viewer.replaceChildren(h("p", "me-note", "Chưa mở được tài liệu. Mời đồng chí thử lại."));
  }
}

function drawMembers(members) {
  const card = document.getElementById("members-card");
  card.hidden = !members;
  if (!members) return;
  const here = members.filter((m) => m.arrived).length;
  document.getElementById("members-count").textContent = here + "/" + members.length + " đại biểu đã đến";
  document.getElementById("members").replaceChildren(...members.map((m) => {
    const li = h("li");
    li.dataset.arrived = m.arrived ? "1" : "0";
    li.append(h("span", null, m.full_name + (m.me ? " (trưởng đoàn)" : "")),
              h("span", m.arrived ? "here" : "away", m.arrived ? "✓ Đã đến" + (m.arrived_at ? " " + m.arrived_at : "")
                : "Chưa đến"));
    return li;
  }));
}

/* The open vote: an electronic one gets the ballot (ballot-box.js, loaded then); another only its title. */
async function drawVote(vote) {
  const card = document.getElementById("vote-card");
  const box = document.getElementById("vote-box");
  card.hidden = !vote;
  const key = vote ? vote.id + ":" + vote.status : null;
  if (key === ballotVote) return;
  ballotVote = key;
  if (ballot) { ballot.stop(); ballot = null; }
  box.replaceChildren();
  if (!vote) return;
  if (vote.method !== "electronic" || !vote.ballot) {
    box.append(h("p", "me-now-title", vote.title),
               h("p", "me-note", "Biểu quyết bằng " + (vote.method === "hands" ? "giơ thẻ đại biểu" : "phiếu") + " tại hội trường."));
    return;
  }
  if (!document.querySelector("link[data-ballot]")) {
    const css = h("link");
    css.rel = "stylesheet";
    css.href = "/static/css/ballot.css";
    css.dataset.ballot = "1";
    document.head.appendChild(css);
  }
  const { mountBallot } = await import("./ballot-box.js");
  ballot = mountBallot(box, { token, guest: me.delegate.guest, votes: [{ id: vote.id, title: vote.title,
    status: vote.status, secret: vote.secret, entitled: vote.ballot.entitled, voted: vote.ballot.voted }] },
  { poll: false });
}

function draw() {
  drawWho(me.delegate);
  drawPlan(page.plan, me.delegate.seat);
  drawPapers(me.documents || []);
  drawMembers(me.delegation_members);
  drawVote(me.open_vote);
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
    keep(me);
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

/* The programme and where the hall is in it, with the speaker's clock, from the live state (as the follow page). */
function drawProgramme() {
  document.getElementById("programme").replaceChildren(...page.programme.map((item) => {
    const li = h("li");
    li.dataset.itemId = item.id;
    if (item.start) li.append(h("span", "time", item.start + " "));
    li.append(item.title);
    return li;
  }));
}

let screen = {};
const ticking = renderClock(document.getElementById("now-clock"), () => (screen.kind === "speaker" ? screen.clock : null));
let lastVoteScreen = null;

function onState(state) {
  screen = state.screen || {};
  const index = state.item ? page.programme.findIndex((i) => i.id === state.item.id) : -1;
  document.getElementById("now-title").textContent = state.item ? state.item.title : "Chưa bắt đầu";
  document.getElementById("now-detail").textContent = screenDetail(screen);
  const next = page.programme[index + 1];
  document.getElementById("next").hidden = !next;
  document.getElementById("next-title").textContent = next ? next.title : "";
  document.querySelectorAll("#programme li").forEach((li, i) => li.classList.toggle("current", i === index));
  ticking.draw();
  // a vote opened, closed or was counted: the ballot follows, asked within VOTE_SPREAD_MS at random (a thousand
  // phones at about the rate the ballot page's own polling costs, not all in the same second)
  const voteScreen = screen.kind === "vote" ? screen.vote_id + ":" + screen.stage : null;
  if (voteScreen !== lastVoteScreen) {
    if (lastVoteScreen !== null || voteScreen !== null) refreshSoon(VOTE_SPREAD_MS);
    lastVoteScreen = voteScreen;
  }
}

drawProgramme();
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
