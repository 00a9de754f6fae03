/* Opinions to the presidium from the delegate's phone: the form and its counter, and the opinions sent with what
   became of each. The section, the sending and the rows are the voice parts' (me/voice-part.js). */
import { getJson } from "../api.js";
import { h, vnTime } from "../dom.js";
import { itemTitles, mountSendForm, sentRow, voicePart } from "./voice-part.js";

const MAX = 2000;
const STATUS_WORDS = { received: "Thư ký đã nhận", forwarded: "Đã chuyển Đoàn Chủ tịch" };

const { token, find } = voicePart("me-opinions");
const itemSelect = find("#opinion-item");
const textBox = find("#opinion-text");
const counter = find("#opinion-count");
const list = find("#opinion-list");
let titles = {};

const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

function count() {
  const used = textBox.value.normalize("NFC").trim().length;
  counter.textContent = thousands(used) + "/" + thousands(MAX) + " ký tự";
  counter.classList.toggle("over", used > MAX);
}

function row(o) {
  return sentRow(o, o.item_id ? titles[o.item_id] || "" : "Ý kiến chung", o.status, STATUS_WORDS[o.status] || "", o.text);
}

function show(opinions) {
  if (!opinions.length) { list.replaceChildren(h("li", "me-empty", "Chưa có ý kiến nào.")); return; }
  list.replaceChildren(...opinions.slice().reverse().map(row));   // the newest first on a small screen
}

function load() {
  return getJson("/api/me/" + token + "/voice").then((data) => {
    titles = itemTitles(data.items);
    const chosen = itemSelect.value;
    itemSelect.replaceChildren(h("option", null, "Ý kiến chung"),
                               ...data.items.map((i) => Object.assign(h("option", null, titles[i.id]), { value: i.id })));
    itemSelect.options[0].value = "";
    itemSelect.value = chosen;
    show(data.opinions);
  }).catch(() => { /* offline: what the page shows stays; the next send or reload reads again */ });
}

mountSendForm({
  form: find("#opinion-form"), textBox, status: find("#opinion-status"), sendButton: find("#opinion-send"),
  url: "/api/me/" + token + "/opinions",
  empty: "Xin nhập nội dung ý kiến trước khi gửi.",
  tooLong: (text) => text.length > MAX ? "Ý kiến dài quá " + thousands(MAX) + " ký tự. Xin rút gọn." : null,
  body(text) {
    const body = { text };
    if (itemSelect.value) body.item_id = Number(itemSelect.value);
    return body;
  },
  sent(answer) {
    count();
    return "Đã gửi ý kiến lúc " + vnTime(answer.at) + ". Cảm ơn đồng chí.";
  },
  offline: "Chưa gửi được (mất kết nối). Ý kiến vẫn còn trong ô, xin bấm Gửi lại.",
  reload: load,
});

textBox.addEventListener("input", count);
count();
load();
