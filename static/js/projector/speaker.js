/* The projector's speaker slide: full screen, or as a lower third that leaves the rest of the picture to the
   speaker's own slides. Its `.countdown` carries the speaker's clock (data-clock), which the page ticks with
   clock.js, so the projector, the lectern, the MC panel and the follow page agree to the second. */
import { h } from "../dom.js";

export function speakerSlide(screen) {
  const layout = screen.layout === "lower_third" ? "lower-third" : "full";
  const box = h("div", "slide speaker layout-" + layout);
  box.appendChild(h("div", "eyebrow", "Tham luận"));
  box.appendChild(h("div", "fit headline", screen.topic));
  box.appendChild(h("div", "speaker-name", screen.name));
  const who = [screen.title, screen.unit].filter(Boolean).join(" · ");
  if (who) box.appendChild(h("div", "subline", who));
  const countdown = h("div", "countdown speaker-clock");
  if (screen.clock) countdown.dataset.clock = JSON.stringify(screen.clock);
  box.appendChild(countdown);
  return box;
}
