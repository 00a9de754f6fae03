/* The hall projector: draws whatever the live state says, large, calm, readable from the back row.
   Each kind of screen is drawn by its function in projector/slides.js; this page swaps the slides,
   fits their text and ticks the clock and the speaker's countdown.
   Exactly one slide is ever current: a new state replaces it (the old one fades out and is removed, and a
   slide still fading from an earlier swap is removed at once), so any burst of updates ends with one slide.
   A state already drawn (the periodic re-join answers with the same version) draws nothing again. */
import { clockPhase, formatClock, measureServerOffset, remainingSeconds, serverNow } from "./clock.js";
import { fitText, readJson, vnClock } from "./dom.js";
import { LiveClient } from "./live-client.js";
import { keepOfflineCopy, markStarted } from "./offline-shell.js";
import { slideFor } from "./projector/slides.js";

const root = document.getElementById("projector");
const eventInfo = readJson("event-data");
const screenEl = document.getElementById("screen");
const nextEl = document.getElementById("next-item");
const clockEl = document.getElementById("clock");
const offlineEl = document.getElementById("offline");
const FADE_MS = 400;
let current = null;       // the slide on screen
let drawnVersion = null;  // the version it shows

function render(state) {
  if (state.version === drawnVersion && current) return;   // nothing changed: no redraw, no blink
  drawnVersion = state.version;
  const slide = slideFor(state, eventInfo);
  const screen = state.screen || { kind: "programme" };
  root.dataset.screen = screen.kind;
  root.dataset.item = state.item ? state.item.kind : "";
  // The welcome slide names the event itself: the backdrop above it then does not repeat the name.
  root.dataset.welcome = screen.kind === "welcome" || (screen.kind === "programme" && !state.item) ? "1" : "";
  root.dataset.version = state.version;
  root.dataset.layout = (state.screen && state.screen.layout) || "";
  // Anything still on the screen but the current slide is an earlier leaver: gone now.
  [...screenEl.children].forEach((child) => { if (child !== current) child.remove(); });
  // Build the new slide fully, then swap in one frame: a crossfade, never a half-drawn screen.
  slide.classList.add("entering");
  screenEl.appendChild(slide);
  fitAll(slide);
  requestAnimationFrame(() => requestAnimationFrame(() => slide.classList.remove("entering")));
  const old = current;
  current = slide;
  if (old) {
    old.classList.add("leaving");
    setTimeout(() => old.remove(), FADE_MS);
  }
  nextEl.textContent = state.next_item ? "Tiếp theo: " + state.next_item.title : "";
  tick();
}

/* Text is shrunk to fit, never below the back row's smallest (H/29.4, projector.css --min): a list that would
   need smaller type is paged by the server instead (honours_per_page). */
function fitAll(slide) {
  const big = Math.round(window.innerHeight * 0.11);
  const least = Math.ceil(window.innerHeight * 0.034);
  slide.querySelectorAll(".fit").forEach((el) => fitText(el, big, least));
  const list = slide.querySelector(".recipients");
  if (list) fitText(list, Math.round(window.innerHeight * (list.classList.contains("few") ? 0.05 : 0.046)), least);
}

function tick() {
  clockEl.textContent = vnClock();
  const countdown = current && current.querySelector(".countdown");
  if (countdown && countdown.dataset.clock) {
    const left = remainingSeconds(JSON.parse(countdown.dataset.clock), serverNow());
    countdown.textContent = formatClock(left);
    countdown.dataset.phase = clockPhase(left);
  }
}

function refit() {
  if (current) fitAll(current);
}
window.addEventListener("resize", refit);
// The local webfont may arrive after the first draw: measure again with the real letter widths.
if (document.fonts) {
  document.fonts.ready.then(refit);
  document.fonts.addEventListener("loadingdone", refit);
}
setInterval(tick, 250);  // a quarter second: the countdown turns within the same second on every screen
tick();
measureServerOffset();
setInterval(measureServerOffset, 300000);

// Until the server answers (the laptop still booting, the Wi-Fi not up yet) the page shown from the
// service worker's copy keeps its calm waiting slide; the socket keeps trying and the first state replaces it.
current = screenEl.querySelector(".waiting");
new LiveClient(eventInfo.id, {
  onState: render,
  onConnection: (up) => { offlineEl.hidden = up; },
});
// A preview inside the MC panel needs no copy of its own.
if (!root.classList.contains("preview")) keepOfflineCopy();
markStarted();
