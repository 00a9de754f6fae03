/* The MC panel's controls for the moment on screen: the speaker's clock (start, pause, resume, add or take a
   minute, stop, full screen or lower third) and the vote (open, enter the counts, close). Every button sends one
   request; what the panel shows comes back with the live state, like everything else on the panel.
   Keys: K start / pause / resume, + and − a minute more or less, E stop the clock. */
import { postJson } from "../api.js";
import { clockPhase, formatClock, remainingSeconds, serverNow } from "../clock.js";
import { h } from "../dom.js";
import { isCommand, keyOf } from "./keys.js";

const STATUS_WORDS = { draft: "Chưa mở", open: "Đang biểu quyết", closed: "Đã kết thúc" };

export function mountMoment(container, eventId, { send, showError }) {
  let screen = {};
  const apiBase = "/api/events/" + eventId;

  function clockCommand(action, seconds) {
    return send("clock", seconds === undefined ? { action } : { action, seconds });
  }

  function voteCommand(path, body) {
    return postJson(apiBase + "/votes/" + screen.vote_id + "/" + path, body).catch((e) => showError(e.message));
  }

  function button(label, onClick, className) {
    const b = h("button", className || null, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function speakerControls() {
    const clock = screen.clock || {};
    const box = h("div", "moment speaker-moment");
    const digits = h("div", "moment-clock");
    digits.id = "moment-clock";
    box.appendChild(digits);
    const row = h("div", "moment-buttons");
    if (!clock.running && !clock.elapsed_s) row.appendChild(button("Bắt đầu (K)", () => clockCommand("start"), "primary"));
    else if (clock.running) row.appendChild(button("Tạm dừng (K)", () => clockCommand("pause")));
    else if (!clock.stopped) row.appendChild(button("Tiếp tục (K)", () => clockCommand("resume"), "primary"));
    else row.appendChild(button("Bắt đầu lại", () => clockCommand("start")));
    row.appendChild(button("+1 phút (+)", () => clockCommand("add", 60)));
    row.appendChild(button("−1 phút (−)", () => clockCommand("add", -60)));
    row.appendChild(button("Dừng (E)", () => clockCommand("stop")));
    const lower = screen.layout === "lower_third";
    row.appendChild(button(lower ? "Cả màn hình" : "Dải chữ dưới",
      () => send("screen", { kind: "speaker", speech_id: screen.speech_id, layout: lower ? "full" : "lower_third" })));
    box.appendChild(row);
    return box;
  }

  function voteControls() {
    const box = h("div", "moment vote-moment");
    const line = STATUS_WORDS[screen.status] + " · " + screen.method_text +
      (screen.entitled ? " · có mặt " + screen.entitled + " · đã biểu quyết " + screen.received : "");
    box.appendChild(h("div", "moment-line", line));
    const row = h("div", "moment-buttons");
    if (screen.status === "draft") row.appendChild(button("Mở biểu quyết", () => voteCommand("open"), "primary"));
    if (screen.status === "open") {
      if (screen.method !== "electronic") {
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
        box.appendChild(form);
      }
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

  function tick() {
    const digits = container.querySelector("#moment-clock");
    if (!digits || !screen.clock) return;
    const left = remainingSeconds(screen.clock, serverNow());
    digits.textContent = formatClock(left);
    digits.dataset.phase = clockPhase(left);
  }
  setInterval(tick, 250);

  document.addEventListener("keydown", (e) => {
    if (!isCommand(e) || screen.kind !== "speaker") return;
    const clock = screen.clock || {};
    const key = keyOf(e);
    if (key === "k") {
      if (clock.running) clockCommand("pause");
      else if (clock.elapsed_s && !clock.stopped) clockCommand("resume");
      else clockCommand("start");
    } else if (key === "+" || key === "=") clockCommand("add", 60);
    else if (key === "-" || key === "−") clockCommand("add", -60);
    else if (key === "e") clockCommand("stop");
    else return;
    e.preventDefault();
  });

  return {
    update(state) {
      const before = screen;
      screen = state.screen || {};
      const typing = container.contains(document.activeElement) && document.activeElement.tagName === "INPUT";
      if (typing && before.vote_id === screen.vote_id && before.status === screen.status) return;  // keep the figures typed
      if (screen.kind === "speaker") container.replaceChildren(speakerControls());
      else if (screen.kind === "vote") container.replaceChildren(voteControls());
      else container.replaceChildren();
      tick();
    },
  };
}
