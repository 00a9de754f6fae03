/* Opinions to the presidium from the delegate's phone. No session: the personal token in the address is the
   credential, so no CSRF header. The text stays in the box until the server has kept it. */
import { OFFLINE, getJson, request } from "../api.js";
import { h, vnTime } from "../dom.js";

const MAX = 2000;
const STATUS_WORDS = { received: "Thư ký đã nhận", forwarded: "Đã chuyển Đoàn Chủ tịch" };

const section = document.getElementById("me-opinions");
const token = encodeURIComponent(section.dataset.token);
const form = section.querySelector("#opinion-form");
const itemSelect = section.querySelector("#opinion-item");
const textBox = section.querySelector("#opinion-text");
const counter = section.querySelector("#opinion-count");
const status = section.querySelector("#opinion-status");
const list = section.querySelector("#opinion-list");
const sendButton = section.querySelector("#opinion-send");
let titles = {};

const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

function count() {
  const used = textBox.value.normalize("NFC").trim().length;
  counter.textContent = thousands(used) + "/" + thousands(MAX) + " ký tự";
  counter.classList.toggle("over", used > MAX);
}

function say(text, kind) {
  status.textContent = text;
  status.className = "me-status " + (kind || "");
}

function row(o) {
  const li = h("li", "me-item");
  li.dataset.id = o.id;
  li.dataset.status = o.status;
  const head = h("div", "me-item-head");
  head.append(h("span", "me-time", vnTime(o.at)), h("span", "me-about", o.item_id ? titles[o.item_id] || "" : "Ý kiến chung"),
              h("span", "me-badge " + o.status, STATUS_WORDS[o.status] || ""));
  li.append(head, h("p", "me-text", o.text));
  return li;
}

function show(opinions) {
  if (!opinions.length) { list.replaceChildren(h("li", "me-empty", "Chưa có ý kiến nào.")); return; }
  list.replaceChildren(...opinions.slice().reverse().map(row));   // the newest first on a small screen
}

function load() {
  return getJson("/api/me/" + token + "/voice").then((data) => {
    titles = Object.fromEntries(data.items.map((i) => [i.id, i.position + ". " + i.title]));
    const chosen = itemSelect.value;
    itemSelect.replaceChildren(h("option", null, "Ý kiến chung"),
                               ...data.items.map((i) => Object.assign(h("option", null, titles[i.id]), { value: i.id })));
    itemSelect.options[0].value = "";
    itemSelect.value = chosen;
    show(data.opinions);
  }).catch(() => { /* offline: what the page shows stays; the next send or reload reads again */ });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = textBox.value.normalize("NFC").trim();
  if (!text) { say("Xin nhập nội dung ý kiến trước khi gửi.", "refused"); textBox.focus(); return; }
  if (text.length > MAX) { say("Ý kiến dài quá " + thousands(MAX) + " ký tự. Xin rút gọn.", "refused"); return; }
  sendButton.disabled = true;
  say("Đang gửi…");
  const body = { text };
  if (itemSelect.value) body.item_id = Number(itemSelect.value);
  request("/api/me/" + token + "/opinions", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  }).then((answer) => {
    textBox.value = "";
    count();
    say("Đã gửi ý kiến lúc " + vnTime(answer.at) + ". Cảm ơn đồng chí.", "ok");
    return load();
  }).catch((e) => {
    say(e.message === OFFLINE ? "Chưa gửi được (mất kết nối). Ý kiến vẫn còn trong ô, xin bấm Gửi lại." : e.message,
        "refused");
  }).finally(() => { sendButton.disabled = false; });
});

textBox.addEventListener("input", count);
count();
load();
