/* The organiser's vote form: nominees found by name (accents ignored, as at the door) among thousands of delegates,
   each picked one added to the form as a hidden nominee and shown in a list with a button to take it out again.
   Badge numbers typed in the form ("1-20, 35") need no script. */
import { getJson } from "./api.js";
import { h, readJson } from "./dom.js";

const event = readJson("event-data");
const search = document.getElementById("nominee-search");
const found = document.getElementById("nominee-found");
const chosen = document.getElementById("nominee-chosen");
const count = document.getElementById("nominee-count");
const WAIT_MS = 200;
let timer = null, asked = 0;

function describe(d) {
  return (d.number != null ? d.number + ". " : "") + d.full_name + (d.unit ? " — " + d.unit : "");
}

function isChosen(id) {
  return chosen.querySelector(`input[value="${id}"]`) !== null;
}

function showCount() {
  const n = chosen.children.length;
  count.textContent = n ? `Đã chọn theo tên: ${n} người.` : "Chưa chọn ai theo tên.";
}

function choose(d) {
  if (isChosen(d.id)) return;
  const hidden = h("input");
  hidden.type = "hidden"; hidden.name = "nominee_ids"; hidden.value = String(d.id);
  const remove = h("button", "ghost small", "Bỏ");
  remove.type = "button";
  remove.setAttribute("aria-label", "Bỏ " + d.full_name);
  const li = h("li", null, describe(d) + " ");
  li.append(hidden, remove);
  remove.addEventListener("click", () => { li.remove(); showCount(); });
  chosen.appendChild(li);
  showCount();
}

function show(people) {
  const voters = people.filter((d) => !d.guest);
  if (!voters.length) {
    found.replaceChildren(h("p", "muted", "Không tìm thấy đại biểu nào."));
    return;
  }
  found.replaceChildren(...voters.map((d) => {
    const b = h("button", "ghost small", (isChosen(d.id) ? "✓ " : "+ ") + describe(d));
    b.type = "button";
    b.addEventListener("click", () => { choose(d); b.textContent = "✓ " + describe(d); });
    return b;
  }));
}

search.addEventListener("input", () => {
  clearTimeout(timer);
  const q = search.value.trim();
  if (!q) { found.replaceChildren(); return; }
  timer = setTimeout(() => {
    const mine = ++asked;
    getJson(`/api/events/${event.id}/delegates/search?q=${encodeURIComponent(q)}`)
      .then((people) => { if (mine === asked) show(people); })
      .catch((e) => { if (mine === asked) found.replaceChildren(h("p", "flash error", e.message)); });
  }, WAIT_MS);
});
// Enter in the search box picks nothing and sends nothing: the form is sent by its own button
search.addEventListener("keydown", (e) => { if (e.key === "Enter") e.preventDefault(); });
