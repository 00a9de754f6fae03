/* The speaker's clock, as every screen computes it from the live state (API.md "The speaker's clock"):
   remaining = allowed_s - elapsed_s - (running ? now - as_of : 0), with `now` on the server's clock. */

/** Seconds left (negative past zero) at `nowMs` (the server's time in ms: Date.now() + serverOffsetMs()). */
export function remainingSeconds(clock, nowMs) {
  if (!clock) return null;
  const running = clock.running ? Math.max(0, (nowMs - Date.parse(clock.as_of)) / 1000) : 0;
  return clock.allowed_s - clock.elapsed_s - running;
}

/** normal, warning (the last minute) or over (zero and past: counting up). */
export function clockPhase(remaining) {
  if (remaining === null) return "idle";
  if (remaining <= 0) return "over";
  if (remaining <= 60) return "warning";
  return "normal";
}

/** "4:59", and past zero "+0:42", counting up. Whole seconds as a person reads a countdown: 0.2 s left is 0:01. */
export function formatClock(remaining) {
  if (remaining === null) return "--:--";
  const over = remaining <= 0;
  const whole = over ? Math.floor(-remaining) : Math.ceil(remaining);
  const text = Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  return over ? "+" + text : text;
}

let offsetMs = 0;

/** The server's clock minus this device's, from the Date header of a small request (to about half a second). */
export async function measureServerOffset(url = "/healthz") {
  try {
    const sent = Date.now();
    const answer = await fetch(url, { cache: "no-store" });
    const back = Date.now();
    const date = Date.parse(answer.headers.get("Date"));
    if (!Number.isNaN(date)) offsetMs = date + 500 - (sent + back) / 2;
  } catch (e) {
    /* offline: keep this device's clock */
  }
  return offsetMs;
}

export function serverNow() {
  return Date.now() + offsetMs;
}

/** Draws `getClock()` into `el` (text, data-phase, data-running) and keeps it ticking.
    Returns {draw, stop}: draw() at once when the state changes, stop() when the element goes. */
export function renderClock(el, getClock, { tickMs = 200 } = {}) {
  function draw() {
    const clock = getClock();
    const remaining = remainingSeconds(clock, serverNow());
    el.textContent = formatClock(remaining);
    el.dataset.len = String(el.textContent.length);  // for the type size: "4:59", "+1:05", "+12:30"
    el.dataset.phase = clockPhase(remaining);
    el.dataset.running = clock && clock.running ? "1" : "0";
  }
  draw();
  const timer = setInterval(draw, tickMs);
  return { draw, stop: () => clearInterval(timer) };
}
