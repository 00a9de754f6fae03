/* The MC panel: every button and key sends one command to the live API; the screen changes only when
   the server's broadcast comes back, so two MC laptops always show the same thing. */
import { getJson, postJson } from "./api.js";
import { watchAttendance } from "./attendance.js";
import { h, readJson, vnClock, vnTime } from "./dom.js";
import { isCommand, keyOf, mountKeySwitch } from "./control/keys.js";
import { mountFloor } from "./control/floor.js";
import { mountMoment } from "./control/moment.js";
import { mountScript } from "./control/script.js";
import { LiveClient } from "./live-client.js";

const eventInfo = readJson("event-data");
const base = "/api/events/" + eventInfo.id + "/live/";
const errorEl = document.getElementById("error");
let state = null;

function post(action, body) {
  errorEl.hidden = true;
  return postJson(base + action, body).then(render).catch((e) => {
    errorEl.textContent = "Không gửi được lệnh: " + e.message;
    errorEl.hidden = false;
  });
}

/* Every command goes one at a time, in the order pressed: keys pressed together (B, L, C) would otherwise reach
   the server as concurrent requests, taken in any order, and the hall could end on the logo instead of the
   welcome. `body` may be a function, read when the command's turn comes. */
let sending = Promise.resolve();
function send(action, body) {
  sending = sending.then(() => post(action, typeof body === "function" ? body() : body));
  return sending;
}

/* →, ← and P carry the version the panel shows when their turn comes: a press meant for a page that has turned by
   itself meanwhile changes nothing (the server answers with what the hall shows), and a burst of presses still
   makes as many steps, each from the answer of the one before. */
function step(action) {
  return send(action, () => (state ? { version: state.version } : {}));
}

const script = mountScript(document.getElementById("script"), eventInfo.id);
const moment = mountMoment(document.getElementById("moment"), eventInfo.id, {
  send,
  showError(message) { errorEl.textContent = "Không gửi được lệnh: " + message; errorEl.hidden = false; },
});

function screenLabel(s) {
  switch (s.kind) {
    case "blank": return "Màn hình đen";
    case "logo": return "Biểu trưng";
    case "announcement": return "Thông báo: " + s.text;
    case "speaker": return "Tham luận: " + s.name;
    case "honours": return s.award + (s.pages > 1 ? " — trang " + s.page + "/" + s.pages : "");
    case "welcome": return "Màn hình chào mừng";
    case "vote": return "Biểu quyết";
    default: return state && state.item ? state.item.title : "Màn hình chào mừng";
  }
}

/* Where the programme is, apart from what the hall sees: after a side trip (an announcement, an honours group out of
   order) → goes on from here and P comes back here. */
function positionLabel(s) {
  const position = s.position || {};
  const item = s.item ? s.item.title : "Chưa bắt đầu";
  const at = position.step;
  if (!at) return item;
  if (at.kind === "speaker") return item + " — " + "Tham luận: " + at.name;
  if (at.kind === "honours") return item + " — " + at.award + (at.pages > 1 ? ", trang " + at.page + "/" + at.pages : "");
  if (at.kind === "vote") return item + " — " + at.title;
  return item;
}

function showPosition() {
  const away = state.position && state.position.on_screen === false;
  document.getElementById("position").textContent = positionLabel(state);
  document.getElementById("position-line").classList.toggle("away", !!away);
  document.getElementById("back").hidden = !away;
}

function render(next) {
  if (state && next.version < state.version) return;
  const itemChanged = state !== null && (state.item && state.item.id) !== (next.item && next.item.id);
  // the programme and the lists are fetched again when they changed (content_version) or the item did, not
  // after every step
  const first = state === null;  // the lists were fetched as the page loaded
  const contentChanged = first || next.content_version !== state.content_version;
  state = next;
  if (itemChanged || (contentChanged && !first)) refreshLists();
  if (itemChanged || contentChanged) refreshProgramme();
  document.getElementById("version").textContent = state.version;
  document.getElementById("now").textContent = screenLabel(state.screen || {});
  showPosition();
  markItems();
  markCurrent();
  autoPage();
  drift();
  moment.update(state);
  script.update(state);
}

function markItems() {
  document.querySelectorAll("#items li").forEach((li) => {
    li.classList.toggle("current", !!state && !!state.item && Number(li.dataset.itemId) === state.item.id);
  });
}

/* The programme as the organisers have it now (items added, moved or retimed during the day): read again
   when the live state says it changed or the item did, every minute and when the MC comes back to this tab. */
function itemRow(item) {
  const li = h("li");
  li.dataset.itemId = item.id;
  li.dataset.kind = item.kind;
  li.dataset.planned = item.planned_start || "";
  const b = h("button", "item-button");
  b.dataset.goto = item.id;
  b.append(h("span", "time", vnTime(item.planned_start)), h("span", "item-title", item.title),
           h("span", "minutes", item.planned_minutes + "′"));
  li.appendChild(b);
  return li;
}

let programmeShown = "";
function refreshProgramme() {
  getJson("/api/events/" + eventInfo.id + "/programme").then((items) => {
    const key = JSON.stringify(items);
    if (key === programmeShown) return;
    programmeShown = key;
    document.getElementById("items").replaceChildren(...items.map(itemRow));
    markItems();
    drift();
  }).catch(() => { /* the list stays as it was; the next refresh tries again */ });
}
setInterval(refreshProgramme, 60000);

/* A long honours group pages by itself on the projector: the panel says when, and lets the MC pause it. */
const autoEl = document.getElementById("autopage");
const autoText = document.getElementById("autopage-text");
const autoButton = document.getElementById("autopage-toggle");
function autoPage() {
  const s = state && state.screen;
  const seconds = Number(eventInfo.auto_page_seconds) || 0;
  const pages = s && s.kind === "honours" && s.pages > 1 && s.page < s.pages;
  autoEl.hidden = !(pages && seconds > 0);
  if (autoEl.hidden) return;
  if (s.auto === false) {
    autoText.textContent = "Trang " + s.page + "/" + s.pages + " · đã tạm dừng tự chuyển trang";
    autoButton.textContent = "Tiếp tục tự chuyển";
  } else {
    const left = Math.max(0, Math.ceil((Date.parse(state.updated_at) + seconds * 1000 - Date.now()) / 1000));
    autoText.textContent = "Trang " + s.page + "/" + s.pages + " · tự chuyển trang sau " + left + " giây";
    autoButton.textContent = "Tạm dừng tự chuyển";
  }
}
autoButton.addEventListener("click", () => {
  const s = state.screen;
  send("screen", { kind: "honours", group_id: s.group_id, page: s.page, auto: s.auto === false });
});

function markCurrent() {
  if (!state) return;
  document.querySelectorAll("[data-speech]").forEach((b) => {
    b.classList.toggle("current", state.screen.kind === "speaker" && Number(b.dataset.speech) === state.screen.speech_id);
  });
  document.querySelectorAll("[data-group]").forEach((b) => {
    b.classList.toggle("current", state.screen.kind === "honours" && Number(b.dataset.group) === state.screen.group_id);
  });
}

/* The speakers and the honours groups are read from the server, not kept from when the page opened: the
   organisers may add a speaker or a group during the day. Read again on each new item, on each attendance
   update (for who is missing before a group is called) and when the MC comes back to this tab. */
function fill(list, rows, empty, build) {
  list.replaceChildren(...(rows.length ? rows.map(build) : [h("li", "muted", empty)]));
  markCurrent();
}

function speechRow(s) {
  const b = h("button");
  b.dataset.speech = s.id;
  b.append(h("strong", null, s.name), h("br"), h("span", "muted", s.topic + " · " + s.minutes + "′"));
  const li = h("li");
  li.appendChild(b);
  return li;
}

function groupRow(g) {
  const b = h("button");
  b.dataset.group = g.id;
  const absent = g.recipients.filter((r) => !r.collective && !r.present).length;
  b.append(h("strong", null, "Đợt " + g.position + ":"), " " + g.award + " ",
           h("span", "muted", "(" + g.recipients.length + ")"), " ",
           h("span", "absent " + (absent ? "some" : "none"), absent ? absent + " vắng" : "đủ"));
  const li = h("li");
  li.appendChild(b);
  return li;
}

function load(what, list, empty, build) {
  getJson("/api/events/" + eventInfo.id + "/" + what)
    .then((rows) => fill(document.getElementById(list), rows, empty, build))
    .catch(() => { /* the lists stay as they were; the next refresh tries again */ });
}

function refreshHonours() { load("honours", "group-list", "Chưa có danh sách khen thưởng.", groupRow); }

function refreshLists() {
  load("speeches", "speech-list", "Chưa có bài tham luận.", speechRow);
  refreshHonours();
}

document.addEventListener("visibilitychange", () => { if (!document.hidden) { refreshLists(); refreshProgramme(); } });

function drift() {
  const out = document.getElementById("drift");
  if (!state || !state.item || !state.item_started_at) { out.textContent = ""; return; }
  const li = document.querySelector('#items li[data-item-id="' + state.item.id + '"]');
  if (!li || !li.dataset.planned) { out.textContent = ""; return; }
  const minutes = Math.round((Date.parse(state.item_started_at) - Date.parse(li.dataset.planned)) / 60000);
  // More than half a day off: not the day of the programme (a rehearsal): no drift to speak of.
  if (Math.abs(minutes) > 720) { out.textContent = ""; return; }
  out.className = "drift " + (minutes > 2 ? "late" : minutes < -2 ? "early" : "on-time");
  out.textContent = minutes > 0 ? "Chậm " + minutes + " phút so với kế hoạch"
    : minutes < 0 ? "Sớm " + (-minutes) + " phút so với kế hoạch" : "Đúng giờ";
}

document.getElementById("next").addEventListener("click", () => step("next"));
document.getElementById("prev").addEventListener("click", () => step("previous"));
document.getElementById("back").addEventListener("click", () => step("back"));
document.getElementById("items").addEventListener("click", (e) => {
  const b = e.target.closest("button[data-goto]");
  if (b) send("goto", { item_id: Number(b.dataset.goto) });
});
document.querySelectorAll("[data-screen]").forEach((b) => {
  b.addEventListener("click", () => send("screen", { kind: b.dataset.screen }));
});
/* one listener for the lists, which are drawn again whenever they are read */
document.querySelector(".substeps").addEventListener("click", (e) => {
  const b = e.target.closest("button");
  if (b && b.dataset.speech) send("screen", { kind: "speaker", speech_id: Number(b.dataset.speech) });
  if (b && b.dataset.group) send("screen", { kind: "honours", group_id: Number(b.dataset.group), page: 1 });
});
document.querySelectorAll("[data-vote]").forEach((b) => {
  b.addEventListener("click", () => send("screen", { kind: "vote", vote_id: Number(b.dataset.vote) }));
});
const announceText = document.getElementById("announce-text");
document.getElementById("announce").addEventListener("submit", (e) => {
  e.preventDefault();
  // Shown: the keyboard goes back to the commands at once (→, Space, B… are commands again, not text).
  announceText.blur();
  send("screen", { kind: "announcement", text: announceText.value });
});

/* The page's keys (control/keys.js decides when a key is a command: never in a text box, nor on a focused
   button without Alt, where Space and Enter press that button). */
mountKeySwitch(document.getElementById("keys-on"));
document.addEventListener("keydown", (e) => {
  if (!isCommand(e)) return;
  const key = keyOf(e);
  if (key === "ArrowRight" || key === " " || key === "PageDown") { e.preventDefault(); step("next"); }
  else if (key === "ArrowLeft" || key === "PageUp") { e.preventDefault(); step("previous"); }
  else if (key === "b") { e.preventDefault(); send("screen", { kind: "blank" }); }
  else if (key === "l") { e.preventDefault(); send("screen", { kind: "logo" }); }
  else if (key === "p") { e.preventDefault(); step("back"); }
  else if (key === "c") { e.preventDefault(); send("screen", { kind: "welcome" }); }
  else if (key === "a") { e.preventDefault(); announceText.focus(); announceText.select(); }
});

function tick() { document.getElementById("clock").textContent = vnClock(); autoPage(); }
setInterval(tick, 1000);
tick();

const client = new LiveClient(eventInfo.id, {
  onState: render,
  onConnection(up) {
    const conn = document.getElementById("conn");
    conn.textContent = up ? "Đã kết nối" : "Mất kết nối — đang thử lại…";
    conn.className = "conn " + (up ? "up" : "down");
  },
});
watchAttendance(client.socket, eventInfo.id, document.getElementById("attendance"), false);
client.socket.on("attendance", refreshHonours);
refreshLists();
watchAttendance(client.socket, eventInfo.id, document.getElementById("attendance-table"), false);
mountFloor(document.getElementById("floor-list"), client.socket, eventInfo.id, {
  countEl: document.getElementById("floor-count"),
  showError(message) { errorEl.textContent = "Không gửi được lệnh: " + message; errorEl.hidden = false; },
});

/* The preview is the projector page itself at 1920x1080, scaled down to the panel's width. */
const frame = document.getElementById("preview");
function fitPreview() { frame.style.transform = "scale(" + frame.parentElement.clientWidth / 1920 + ")"; }
window.addEventListener("resize", fitPreview);
fitPreview();
