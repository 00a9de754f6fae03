/* Asking for the floor from the delegate's phone: the request, its answer, and once accepted where the delegate
   stands in the speakers' list ("Đồng chí phát biểu tiếp theo"). The phone reads its own requests again when the
   live programme moves (the event's public live state, when the page has Socket.IO) and every little while. */
import { getJson } from "../api.js";
import { h } from "../dom.js";
import { io } from "../vendor.js";
import { LiveClient } from "../live-client.js";
import { itemTitles, mountSendForm, sentRow, voicePart } from "./voice-part.js";

const STATUS_WORDS = { requested: "Đang chờ xếp lượt", accepted: "Đã được xếp lượt", declined: "Chưa được xếp lượt" };
const POLL_MS = 15000;  // while a request waits: a refusal does not move the live programme

const { token, eventId, find } = voicePart("me-floor");
const form = find("#floor-form");
const itemSelect = find("#floor-item");
const list = find("#floor-list");
const turnBox = find("#floor-turn");
let titles = {};
let live = null;
let seen = "";

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
  return sentRow(r, titles[r.item_id] || "", r.status + (r.turn ? " " + r.turn : ""), turnWords(r), r.topic);
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
    titles = itemTitles(data.items);
    const open = data.items.filter((i) => i.floor);
    itemSelect.replaceChildren(...open.map((i) => Object.assign(h("option", null, titles[i.id]), { value: i.id })));
    form.hidden = !open.length;
    find("#floor-closed").hidden = !!open.length;
    show(data.floor);
  }).catch(() => {});
}

mountSendForm({
  form, textBox: find("#floor-topic"), status: find("#floor-status"), sendButton: find("#floor-send"),
  url: "/api/me/" + token + "/floor",
  empty: "Xin ghi vấn đề đồng chí muốn phát biểu.",
  body: (text) => ({ item_id: Number(itemSelect.value), topic: text }),
  sent: () => "Đã đăng ký phát biểu. Người dẫn chương trình sẽ xếp lượt.",
  offline: "Chưa gửi được (mất kết nối). Xin bấm Đăng ký lại.",
  reload: refresh,
});

setInterval(() => {
  if (list.querySelector("[data-status='requested'], [data-status='accepted']")) refresh();
}, POLL_MS);
load();
