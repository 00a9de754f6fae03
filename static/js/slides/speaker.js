/* The projector's speaker slide with the speaker's clock, full screen or as a lower third (leaving the hall's
   second screen free for the speaker's own slides). */
import { renderClock } from "../clock.js";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** Returns {slide, stop}: call stop() when the slide leaves, to stop its clock ticking. */
export function speakerSlide(screen) {
  const layout = screen.layout === "lower_third" ? "lower-third" : "full";
  const box = el("div", "slide speaker layout-" + layout);
  box.appendChild(el("div", "eyebrow", "Tham luận"));
  box.appendChild(el("div", "fit headline", screen.topic));
  box.appendChild(el("div", "speaker-name", screen.name));
  const who = [screen.title, screen.unit].filter(Boolean).join(" · ");
  if (who) box.appendChild(el("div", "subline", who));
  const countdown = el("div", "countdown speaker-clock");
  box.appendChild(countdown);
  const { stop } = renderClock(countdown, () => screen.clock, { tickMs: 250 });
  return { slide: box, stop };
}
