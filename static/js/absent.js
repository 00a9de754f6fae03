/* Who has not arrived yet, unit by unit, on the organisers' attendance page: read again a moment after each
   attendance update (arrivals come in bursts, so at most every two seconds), and filtered as one types. */
import { getJson } from "./api.js";
import { h } from "./dom.js";

const REFRESH_MS = 2000;
const SHOWN = 150; // names drawn at once: a list of 2,000 is searched, not scrolled

function fold(text) {
  return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

function render(container, people, filter) {
  const wanted = fold(filter).split(/\s+/).filter(Boolean);
  const matching = people.filter((p) => {
    const text = fold(p.full_name + " " + (p.unit || ""));
    return wanted.every((w) => text.indexOf(w) >= 0);
  });
  const shown = matching.slice(0, SHOWN);
  container.querySelector("[data-count]").textContent = "(" + people.length + ")";
  const list = container.querySelector("[data-list]");
  const parts = [], perUnit = {};
  matching.forEach((p) => { perUnit[p.unit] = (perUnit[p.unit] || 0) + 1; });
  let unit = null, ul = null;
  shown.forEach((p) => {
    if (p.unit !== unit || ul === null) {
      unit = p.unit;
      ul = h("ul");
      parts.push(h("h3", null, (unit || "Không rõ đơn vị") + " (" + perUnit[unit] + ")"), ul);
    }
    ul.appendChild(h("li", null, (p.number != null ? p.number + ". " : "") + p.full_name + (p.title ? " — " + p.title : "")
      + (p.guest ? " (khách mời)" : "") + (p.place ? " · " + p.place : "")));
  });
  if (!parts.length) parts.push(h("p", "muted", people.length ? "Không có ai khớp." : "Mọi người đã có mặt."));
  if (matching.length > shown.length) {
    parts.push(h("p", "muted", "… và " + (matching.length - shown.length).toLocaleString("vi-VN")
      + " người nữa: gõ tên hoặc đơn vị vào ô Tìm để thấy người cần tìm."));
  }
  list.replaceChildren(...parts);
}

/* Fills `container` ([data-count], [data-list], [data-filter]) with the absent list read from `url`. */
export function listAbsent(socket, url, container) {
  let people = [], timer = null;
  const filter = container.querySelector("[data-filter]");
  function load() {
    timer = null;
    getJson(url)
      .then((data) => { people = data; render(container, people, filter.value); })
      .catch(() => { /* kept as it was; the next update tries again */ });
  }
  filter.addEventListener("input", () => render(container, people, filter.value));
  socket.on("attendance", () => { if (timer === null) timer = setTimeout(load, REFRESH_MS); });
  load();
}
