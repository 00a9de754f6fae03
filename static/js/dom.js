/* The small DOM helpers every page shares. */

/* An element with a class and a text. textContent, never innerHTML: a name can never run script. */
export function h(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined && text !== null) el.textContent = text;
  return el;
}

/* The value the server handed over in a <script type="application/json" id="..."> block. */
export function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

/* Calls handler(button.dataset) when any element matching the selector is clicked. */
export function onEachClick(selector, handler) {
  document.querySelectorAll(selector).forEach((b) => {
    b.addEventListener("click", () => handler(b.dataset));
  });
}

/* Shrinks an element's font until its content fits its box: long Vietnamese titles wrap, never overflow.
   Vietnamese stacked marks (ễ, ộ) reach a little outside the line box and count in scrollHeight: an overflow
   smaller than a tenth of the letter size is those marks, not a cut line, and does not shrink the text. */
export function fitText(el, maxPx, minPx) {
  if (!el) return;
  let size = maxPx;
  el.style.fontSize = size + "px";
  const over = () => Math.max(1, size * 0.1);
  while (size > minPx && (el.scrollHeight > el.clientHeight + over() || el.scrollWidth > el.clientWidth + 1)) {
    size = Math.max(minPx, Math.floor(size * 0.92));
    el.style.fontSize = size + "px";
  }
}

const HOUR_MINUTE = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hour12: false,
});

/* The time in the hall (Vietnam), HH:MM: now, or of an ISO timestamp ("" for none). */
export function vnClock() {
  return HOUR_MINUTE.format(new Date());
}

export function vnTime(iso) {
  return iso ? HOUR_MINUTE.format(new Date(iso)) : "";
}
