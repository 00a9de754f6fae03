/* Asking for the floor from the delegate's phone: the request, its answer, and once accepted where the delegate
   stands in the speakers' list ("Đồng chí phát biểu tiếp theo"). The phone reads its own requests again when the
   live programme moves (the event's public live state, when the page has Socket.IO) and every little while. */
import { OFFLINE, getJson, request } from "../api.js";
import { h, vnTime } from "../dom.js";
import { io } from "../vendor.js";
import { LiveClient } from "../live-client.js";

const STATUS_WORDS = { requested: "Đang chờ xếp lượt", accepted: "Đã được xếp lượt", declined: "Chưa được xếp lượt" };
const POLL_MS = 15000;  // while a request waits: a refusal does not move the live programme

const section = document.getElementById("me-floor");
const token = encodeURIComponent(section.dataset.token);
const eventId = Number(section.dataset.event);
const form = section.querySelector("#floor-form");
const itemSelect = section.querySelector("#floor-item");
const topic = section.querySelector("#floor-topic");
const status = section.querySelector("#floor-status");
const list = section.querySelector("#floor-list");
const turnBox = section.querySelector("#floor-turn");
const sendButton = section.querySelector("#floor-send");
let titles = {};
let live = null;
let seen = "";

function say(text, kind) {
  status.textContent = text;
  status.className = "me-status " + (kind || "");
}

function turnWords(r) {
  if (r.status !== "accepted") return STATUS_WORDS[r.status] || "";
  switch (r.turn) {
    case "now": return "Đồng chí đang phát biểu";
    case "next": return "Đồng chí phát biểu tiếp theo";
    case "spoken": return "Đồng chí đã phát biểu";
    case "waiting": return r.ahead ? "Còn " + r.ahead + " người phát biểu trước đồng chí" : "Đã được xếp lượt";
    default: return STATUS_WORDS.accepted;
  }
}

function row(r) {
  const li = h("li", "me-item");
  li.dataset.id = r.id;
  li.dataset.status = r.status;
  const head = h("div", "me-item-head");
  head.append(h("span", "me-time", vnTime(r.at)), h("span", "me-about", titles[r.item_id] || ""),
              h("span", "me-badge " + r.status + (r.turn ? " " + r.turn : ""), turnWords(r)));
  li.append(head, h("p", "me-text", r.topic));
  return li;
}

function showTurn(requests) {
  const mine = requests.find((r) => r.turn === "now") || requests.find((r) => r.turn === "next");
  turnBox.hidden = !mine;
  if (!mine) return;
  turnBox.className = "me-turn " + mine.turn;
  turnBox.textContent = mine.turn === "now" ? "Mời đồng chí lên phát biểu"
    : "Đồng chí phát biểu tiếp theo. Xin chuẩn bị lên bục phát biểu.";
}

function show(requests) {
  list.replaceChildren(...(requests.length ? requests.slice().reverse().map(row)
                                           : [h("li", "me-empty", "Chưa đăng ký lượt nào.")]));
  showTurn(requests);
  follow(requests.some((r) => r.status === "requested" || (r.status === "accepted" && r.turn !== "spoken")));
}

function refresh() {
  return getJson("/api/me/" + token + "/floor").then((d) => show(d.requests)).catch(() => {});
}

/* The live programme, only while a request is open: the phone reads its turn again when the programme's position
   or the speakers' list changes, not at every clock tick. */
function follow(open) {
  if (!open || live || !io) return;
  live = new LiveClient(eventId, {
    onState(state) {
      const key = JSON.stringify([state.position && state.position.item_id,
                                  state.position && state.position.step && state.position.step.speech_id,
                                  state.content_version]);
      if (key !== seen) { seen = key; refresh(); }
    },
  });
}

function load() {
  return getJson("/api/me/" + token + "/voice").then((data) => {
    titles = Object.fromEntries(data.items.map((i) => [i.id, i.position + ". " + i.title]));
    const open = data.items.filter((i) => i.floor);
    itemSelect.replaceChildren(...open.map((i) => Object.assign(h("option", null, titles[i.id]), { value: i.id })));
    form.hidden = !open.length;
    section.querySelector("#floor-closed").hidden = !!open.length;
    show(data.floor);
  }).catch(() => {});
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = topic.value.normalize("NFC").trim();
  if (!text) { say("Xin ghi vấn đề đồng chí muốn phát biểu.", "refused"); topic.focus(); return; }
  sendButton.disabled = true;
  say("Đang gửi…");
  request("/api/me/" + token + "/floor", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ item_id: Number(itemSelect.value), topic: text }),
  }).then(() => {
    topic.value = "";
    say("Đã đăng ký phát biểu. Người dẫn chương trình sẽ xếp lượt.", "ok");
    return refresh();
  }).catch((e) => {
    say(e.message === OFFLINE ? "Chưa gửi được (mất kết nối). Xin bấm Đăng ký lại." : e.message, "refused");
  }).finally(() => { sendButton.disabled = false; });
});

setInterval(() => {
  if (list.querySelector("[data-status='requested'], [data-status='accepted']")) refresh();
}, POLL_MS);
load();
