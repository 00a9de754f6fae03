/* The hall projector: draws whatever the live state says, large, calm, readable from the back row.
   Each kind of screen is drawn by its function in projector/slides.js; this page swaps the slides,
   fits their text and ticks the clock and the speaker's countdown. */
import { clockPhase, formatClock, measureServerOffset, remainingSeconds, serverNow } from "./clock.js";
import { fitText, readJson, vnClock } from "./dom.js";
import { LiveClient } from "./live-client.js";
import { slideFor } from "./projector/slides.js";

const root = document.getElementById("projector");
const eventInfo = readJson("event-data");
const screenEl = document.getElementById("screen");
const nextEl = document.getElementById("next-item");
const clockEl = document.getElementById("clock");
const offlineEl = document.getElementById("offline");

function render(state) {
  const slide = slideFor(state, eventInfo);
  root.dataset.screen = (state.screen || { kind: "programme" }).kind;
  root.dataset.item = state.item ? state.item.kind : "";
  root.dataset.version = state.version;
  root.dataset.layout = (state.screen && state.screen.layout) || "";
  // Build the new slide fully, then swap in one frame: a crossfade, never a half-drawn screen.
  slide.classList.add("entering");
  // Every slide on screen goes, not only the first: two states within the fade (a burst of ballots) would
  // otherwise leave one behind for good.
  const olds = [...screenEl.children].filter((el) => !el.classList.contains("leaving"));
  screenEl.appendChild(slide);
  fitAll(slide);
  requestAnimationFrame(() => slide.classList.remove("entering"));
  for (const old of olds) { old.classList.add("leaving"); setTimeout(() => old.remove(), 400); }
  nextEl.textContent = state.next_item ? "Tiếp theo: " + state.next_item.title : "";
  tick();
}

function fitAll(slide) {
  const big = Math.round(window.innerHeight * 0.11);
  slide.querySelectorAll(".fit").forEach((el) => fitText(el, big, 18));
  const list = slide.querySelector(".recipients");
  if (list) fitText(list, Math.round(window.innerHeight * 0.042), 12);
}

function tick() {
  clockEl.textContent = vnClock();
  const countdown = screenEl.querySelector(".countdown:last-child") || screenEl.querySelector(".countdown");
  if (countdown && countdown.dataset.clock) {
    const left = remainingSeconds(JSON.parse(countdown.dataset.clock), serverNow());
    countdown.textContent = formatClock(left);
    countdown.dataset.phase = clockPhase(left);
  }
}

function refit() {
  const slide = screenEl.lastElementChild;
  if (slide) fitAll(slide);
}
window.addEventListener("resize", refit);
// The local webfont may arrive after the first draw: measure again with the real letter widths.
if (document.fonts) document.fonts.ready.then(refit);
setInterval(tick, 250);  // a quarter second: the countdown turns within the same second on every screen
tick();
measureServerOffset();
setInterval(measureServerOffset, 300000);

new LiveClient(eventInfo.id, {
  onState: render,
  onConnection: (up) => { offlineEl.hidden = up; },
});
