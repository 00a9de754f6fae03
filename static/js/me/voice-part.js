/* What the delegate's two voice parts on the phone (me/opinions.js, me/floor.js) share: their section and the token
   it carries, the programme items' titles, a row of what was sent, and the form that sends a text. No session: the
   personal token in the address is the credential, so no CSRF header. The text stays in the box until the server
   has kept it. */
import { OFFLINE, request } from "../api.js";
import { h, vnTime } from "../dom.js";

/** The part's section (by id): `token` (for an address), `eventId`, and `find(selector)` within it. */
export function voicePart(id) {
  const section = document.getElementById(id);
  return { section, token: encodeURIComponent(section.dataset.token), eventId: Number(section.dataset.event),
           find: (selector) => section.querySelector(selector) };
}

/** item id -> "3. Báo cáo chính trị", from the voice answer's programme items. */
export function itemTitles(items) {
  return Object.fromEntries(items.map((i) => [i.id, i.position + ". " + i.title]));
}

/** A row of the part's list: its time, what it is about, its status badge (`badgeClass`, `badgeWords`), its text. */
export function sentRow(entry, about, badgeClass, badgeWords, text) {
  const li = h("li", "me-item");
  li.dataset.id = entry.id;
  li.dataset.status = entry.status;
  const head = h("div", "me-item-head");
  head.append(h("span", "me-time", vnTime(entry.at)), h("span", "me-about", about),
              h("span", "me-badge " + badgeClass, badgeWords));
  li.append(head, h("p", "me-text", text));
  return li;
}

/* The form's submit: the text (NFC, trimmed) refused on the phone when empty (`empty`, the box focused) or when
   `tooLong(text)` says so; else POSTed as JSON `body(text)` to `url`. Once kept, the box is emptied, `sent(answer)`
   gives the words to show and `reload()` reads the list again; a refusal shows the server's words, an unreachable
   server `offline`. The button is off while sending. */
export function mountSendForm({ form, textBox, status, sendButton, url, empty, tooLong, body, sent, offline, reload }) {
  function say(text, kind) {
    status.textContent = text;
    status.className = "me-status " + (kind || "");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = textBox.value.normalize("NFC").trim();
    if (!text) { say(empty, "refused"); textBox.focus(); return; }
    const refusal = tooLong && tooLong(text);
    if (refusal) { say(refusal, "refused"); return; }
    sendButton.disabled = true;
    say("Đang gửi…");
    request(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body(text)),
    }).then((answer) => {
      textBox.value = "";
      say(sent(answer), "ok");
      return reload();
    }).catch((e) => {
      say(e.message === OFFLINE ? offline : e.message, "refused");
    }).finally(() => { sendButton.disabled = false; });
  });
}
