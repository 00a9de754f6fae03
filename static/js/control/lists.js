/* The speakers and the honours groups, with the one on screen marked. Read from the server, not kept from when the
   page opened: the organisers may add a speaker or a group during the day. Read again on each new item, on each
   attendance update (for who is missing before a group is called) and when the MC comes back to this tab. */
import { getJson } from "../api.js";
import { h } from "../dom.js";

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

/** Returns { refresh(), refreshHonours(), update(state) }. */
export function mountLists(eventId) {
  let state = null;

  function markCurrent() {
    if (!state) return;
    document.querySelectorAll("[data-speech]").forEach((b) => {
      b.classList.toggle("current", state.screen.kind === "speaker" && Number(b.dataset.speech) === state.screen.speech_id);
    });
    document.querySelectorAll("[data-group]").forEach((b) => {
      b.classList.toggle("current", state.screen.kind === "honours" && Number(b.dataset.group) === state.screen.group_id);
    });
  }

  function fill(list, rows, empty, build) {
    list.replaceChildren(...(rows.length ? rows.map(build) : [h("li", "muted", empty)]));
    markCurrent();
  }

  function load(what, list, empty, build) {
    getJson("/api/events/" + eventId + "/" + what)
      .then((rows) => fill(document.getElementById(list), rows, empty, build))
      .catch(() => { /* the lists stay as they were; the next refresh tries again */ });
  }

  function refreshHonours() { load("honours", "group-list", "Chưa có danh sách khen thưởng.", groupRow); }

  function refresh() {
    load("speeches", "speech-list", "Chưa có bài tham luận.", speechRow);
    refreshHonours();
  }

  return { refresh, refreshHonours, update(next) { state = next; markCurrent(); } };
}
