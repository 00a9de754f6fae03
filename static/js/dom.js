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
   (Vietnamese stacked marks such as ễ, ộ reach a little outside the line box: give a fitted element some
   vertical padding, as projector.css does, or they count as overflow and shrink the text for nothing.) */
export function fitText(el, maxPx, minPx) {
  if (!el) return;
  let size = maxPx;
  el.style.fontSize = size + "px";
  while (size > minPx && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
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
