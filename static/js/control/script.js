/* The MC's words on the panel (kịch bản, lời dẫn): the step on screen and the next one, fetched again when the
   live state changes, so they turn with the steps. */
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

export function mountScript(container, eventId) {
  let shown = null;
  let asked = 0;
  return {
    update(state) {
      if (state.version === shown) return;
      shown = state.version;
      const ask = ++asked;
      getJson(`/api/events/${eventId}/script/now`).then((lines) => {
        if (ask !== asked) return;  // a later step answered first: keep the latest
        container.replaceChildren(words(lines.now, "Bây giờ"), words(lines.next, "Tiếp theo"));
      }).catch(() => {});  // the panel keeps the last words; the next state asks again
    },
  };
}
