/* The secretariat's page: every opinion as it arrives (the `opinion` messages of the secretariat's own room), in the
   order of their time, grouped by programme item or not; one press forwards an opinion to the presidium's screen.
   On every (re)connection the whole list is read again, so nothing sent while the Wi-Fi was out is missed. */
import { getJson, postJson } from "./api.js";
import { h, readJson, vnTime } from "./dom.js";
import { openSocket } from "./live-client.js";

const eventId = readJson("event-data").id;
const box = document.getElementById("opinions");
const groupBox = document.getElementById("group-by-item");
const onlyNew = document.getElementById("only-new");
const conn = document.getElementById("conn");
const opinions = new Map();   // id -> opinion
let titles = {};
let fresh = new Set();

function byTime(a, b) { return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id; }

function card(o) {
  const li = h("li", "opinion-card " + o.status + (fresh.has(o.id) ? " fresh" : ""));
  li.dataset.id = o.id;
  li.dataset.status = o.status;
  const meta = h("div", "opinion-meta");
  meta.append(h("span", "time", vnTime(o.at)), h("span", "opinion-who", o.delegate.full_name),
              h("span", null, o.delegate.unit || ""));
  if (!groupBox.checked) meta.append(h("span", null, o.item_id ? titles[o.item_id] || "" : "Ý kiến chung"));
  li.append(meta, h("p", "opinion-text", o.text));
  if (o.status === "forwarded") {
    li.append(h("span", "opinion-done", "Đã chuyển Đoàn Chủ tịch lúc " + vnTime(o.forwarded_at)));
  } else {
    const button = h("button", "small", "Chuyển Đoàn Chủ tịch");
    button.type = "button";
    button.dataset.forward = o.id;
    li.append(button);
  }
  return li;
}

function render() {
  const all = [...opinions.values()].sort(byTime);
  const shown = onlyNew.checked ? all.filter((o) => o.status === "received") : all;
  const forwarded = all.filter((o) => o.status === "forwarded").length;
  document.getElementById("opinion-counts").textContent =
    all.length + " ý kiến · " + forwarded + " đã chuyển · " + (all.length - forwarded) + " chưa chuyển";
  if (!shown.length) { box.replaceChildren(h("p", "muted", "Chưa có ý kiến nào.")); return; }
  if (!groupBox.checked) {
    const list = h("ol", "opinion-cards");
    list.append(...shown.map(card));
    box.replaceChildren(list);
    return;
  }
  const groups = new Map();
  for (const o of shown) {
    const key = o.item_id || 0;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(o);
  }
  const order = [...groups.keys()].sort((a, b) => (a === 0) - (b === 0) || (positions[a] || 0) - (positions[b] || 0));
  box.replaceChildren(...order.map((key) => {
    const section = h("section", "opinion-group");
    section.dataset.item = key;
    const list = h("ol", "opinion-cards");
    list.append(...groups.get(key).map(card));
    section.append(h("h2", null, (key ? titles[key] || "Mục đã bỏ" : "Ý kiến chung") + " (" + groups.get(key).length + ")"), list);
    return section;
  }));
}

let positions = {};
function loadAll() {
  return Promise.all([getJson("/api/events/" + eventId + "/programme"), getJson("/api/events/" + eventId + "/opinions")])
    .then(([items, list]) => {
      titles = Object.fromEntries(items.map((i) => [i.id, i.position + ". " + i.title]));
      positions = Object.fromEntries(items.map((i) => [i.id, i.position]));
      opinions.clear();
      list.forEach((o) => opinions.set(o.id, o));
      render();
    }).catch(() => {});
}

box.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-forward]");
  if (!button) return;
  button.disabled = true;
  postJson("/api/events/" + eventId + "/opinions/" + button.dataset.forward + "/forward")
    .then((o) => { opinions.set(o.id, o); fresh.delete(o.id); render(); })
    .catch((e) => { button.disabled = false; button.textContent = "Chưa chuyển được: " + e.message; });
});
groupBox.addEventListener("change", render);
onlyNew.addEventListener("change", render);

const socket = openSocket({ reconnectionDelayMax: 3000 });
socket.on("connect", () => {
  conn.textContent = "Trực tuyến";
  conn.className = "conn up";
  socket.emit("watch_opinions", { event_id: eventId });
  loadAll();
});
socket.on("disconnect", () => { conn.textContent = "Mất kết nối, đang thử lại…"; conn.className = "conn down"; });
socket.on("opinion", (o) => {
  if (!opinions.has(o.id)) fresh.add(o.id);
  opinions.set(o.id, o);
  render();
});
