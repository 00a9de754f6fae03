/* The programme as the organisers have it now (items added, moved or retimed during the day), the current item
   marked and how far it started from its planned time: read again when the panel says so (the live state says
   it changed or the item did, every minute, when the MC comes back to this tab). */
import { getJson } from "../api.js";
import { h, vnTime } from "../dom.js";
import { driftOf } from "./labels.js";

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

/** Returns { refresh(), update(state) }. */
export function mountProgramme(list, driftEl, eventId) {
  let state = null;
  let shown = "";

  function markItems() {
    list.querySelectorAll("li").forEach((li) => {
      li.classList.toggle("current", !!state && !!state.item && Number(li.dataset.itemId) === state.item.id);
    });
  }

  function drift() {
    if (!state || !state.item || !state.item_started_at) { driftEl.textContent = ""; return; }
    const li = list.querySelector('li[data-item-id="' + state.item.id + '"]');
    if (!li || !li.dataset.planned) { driftEl.textContent = ""; return; }
    const d = driftOf(state.item_started_at, li.dataset.planned);
    if (!d) { driftEl.textContent = ""; return; }
    driftEl.className = d.className;
    driftEl.textContent = d.text;
  }

  function refresh() {
    getJson("/api/events/" + eventId + "/programme").then((items) => {
      const key = JSON.stringify(items);
      if (key === shown) return;
      shown = key;
      list.replaceChildren(...items.map(itemRow));
      markItems();
      drift();
    }).catch(() => { /* the list stays as it was; the next refresh tries again */ });
  }

  return { refresh, update(next) { state = next; markItems(); drift(); } };
}
