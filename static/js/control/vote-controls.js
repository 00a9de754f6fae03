/* The MC panel's controls for the vote on screen: open it, enter the counts of a vote by hands or on paper, close
   it; the verdict once closed. `voteCommand(path, body)` posts to the vote's own API. */
import { h } from "../dom.js";
import { button } from "./button.js";

const STATUS_WORDS = { draft: "Chưa mở", open: "Đang biểu quyết", closed: "Đã kết thúc" };

function countsForm(screen, voteCommand) {
  const form = h("form", "moment-counts");
  for (const [name, words] of [["for", "Tán thành"], ["against", "Không tán thành"], ["abstain", "Không biểu quyết"]]) {
    const label = h("label", null, words + " ");
    const input = h("input");
    Object.assign(input, { type: "number", min: "0", max: String(screen.entitled), name, required: true });
    label.appendChild(input);
    form.appendChild(label);
  }
  form.appendChild(button("Ghi số phiếu", () => form.requestSubmit()));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const body = {};
    for (const input of form.querySelectorAll("input")) body[input.name] = Number(input.value);
    voteCommand("counts", body);
  });
  return form;
}

export function voteControls(screen, voteCommand) {
  const box = h("div", "moment vote-moment");
  const line = STATUS_WORDS[screen.status] + " · " + screen.method_text +
    (screen.entitled ? " · có mặt " + screen.entitled + " · đã biểu quyết " + screen.received : "");
  box.appendChild(h("div", "moment-line", line));
  const row = h("div", "moment-buttons");
  if (screen.status === "draft") row.appendChild(button("Mở biểu quyết", () => voteCommand("open"), "primary"));
  if (screen.status === "open") {
    if (screen.method !== "electronic") box.appendChild(countsForm(screen, voteCommand));
    row.appendChild(button("Kết thúc biểu quyết", () => voteCommand("close"), "primary"));
  }
  if (screen.status === "closed") {
    box.appendChild(h("div", "moment-verdict", (screen.verdict === "passed" ? "Đại hội thông qua" : "Không thông qua") +
      " · tán thành " + screen.counts.for + ", không tán thành " + screen.counts.against +
      ", không biểu quyết " + screen.counts.abstain));
  }
  box.appendChild(row);
  return box;
}
