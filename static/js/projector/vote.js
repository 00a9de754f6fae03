/* The projector's vote slide: the question, the nominees, and the count once it is known. */
import { h } from "../dom.js";

export function voteSlide(screen) {
  const box = h("div", "slide vote");
  box.appendChild(h("div", "eyebrow", "Biểu quyết"));
  box.appendChild(h("div", "fit vote-title", screen.title));
  // a handful of nominees: one column, larger, under the question (two columns for a long list)
  const list = h("ol", (screen.nominees || []).length <= 6 ? "nominees few" : "nominees");
  (screen.nominees || []).forEach((n) => {
    list.appendChild(h("li", null, n.name + (n.unit ? " — " + n.unit : "")));
  });
  box.appendChild(list);
  if (screen.votes_for !== null && screen.votes_for !== undefined) {
    box.appendChild(h("div", "vote-result", "Tán thành: " + screen.votes_for + " · Không tán thành: " +
      (screen.votes_against || 0) + " · Không biểu quyết: " + (screen.votes_abstain || 0)));
  }
  return box;
}
