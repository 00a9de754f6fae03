/* The MC panel's controls for the speaker's clock: start, pause, resume, add or take a minute, stop, full screen or
   lower third; the digits counted down between two live states. Keys: K start / pause / resume, + and − a minute
   more or less, E stop the clock (clockKey, pure: tested with `node --test`). */
import { clockPhase, formatClock, remainingSeconds, serverNow } from "../clock.js";
import { h } from "../dom.js";
import { button } from "./button.js";

/** The clock command of a key (from keys.js's keyOf) as [action, seconds?], or null for a key that is none. */
export function clockKey(key, clock) {
  if (key === "k") {
    if (clock.running) return ["pause"];
    if (clock.elapsed_s && !clock.stopped) return ["resume"];
    return ["start"];
  }
  if (key === "+" || key === "=") return ["add", 60];
  if (key === "-" || key === "−") return ["add", -60];
  if (key === "e") return ["stop"];
  return null;
}

export function speakerControls(screen, { clockCommand, send }) {
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

/** The digits in `container` show what is left of the speaker's time now. */
export function tickClock(container, screen) {
  const digits = container.querySelector("#moment-clock");
  if (!digits || !screen.clock) return;
  const left = remainingSeconds(screen.clock, serverNow());
  digits.textContent = formatClock(left);
  digits.dataset.phase = clockPhase(left);
}
