/* The MC's words on the panel (kịch bản, lời dẫn): the step on screen and the next one, fetched again when the
   step or the words change (not after every step of the live state), so they turn with the steps. */
import { getJson } from "../api.js";
import { h } from "../dom.js";

function words(line, label) {
  const box = h("div", "script-line");
  box.appendChild(h("div", "script-label", label + (line ? " · " + line.heading : "")));
  const text = h("div", "script-text");
  for (const part of (line ? line.text : "").split("\n\n")) text.appendChild(h("p", null, part));
  if (!line) text.appendChild(h("p", "muted", label === "Bây giờ" ? "Chưa bắt đầu chương trình." : "Hết chương trình."));
  box.appendChild(text);
  return box;
}

/* What the words depend on: the step (as display.script.step_of finds it), the programme and script's version,
   and on a vote's step its figures, which change with each version of the live state. */
function wordsKey(state) {
  const s = state.screen || {};
  const step = s.kind === "speaker" ? "speech:" + s.speech_id
    : s.kind === "honours" ? "honours:" + s.group_id
      : s.kind === "vote" ? "vote:" + s.vote_id + "@" + state.version
        : "item:" + (state.item ? state.item.id : "");
  return step + "#" + state.content_version;
}

export function mountScript(container, eventId) {
  let shown = null;
  let asked = 0;
  return {
    update(state) {
      const key = wordsKey(state);
      if (key === shown) return;
      shown = key;
      const ask = ++asked;
      getJson(`/api/events/${eventId}/script/now`).then((lines) => {
        if (ask !== asked) return;  // a later step answered first: keep the latest
        container.replaceChildren(words(lines.now, "Bây giờ"), words(lines.next, "Tiếp theo"));
      }).catch(() => {});  // the panel keeps the last words; the next state asks again
    },
  };
}
