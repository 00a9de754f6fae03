/* A screen whose own module never started (a file it needs could not be loaded: the page was opened while the
   server was out of reach and a copy was missing) would stay on its waiting slide for good, with nothing left
   running to reconnect. This module needs nothing else: once the page has finished loading without its module
   starting, it loads the page again when the browser is back online, or after a pause that doubles each time
   (10 s up to 2 min, counted for this tab), never while the browser says it is offline. The screen's module marks
   the page when it starts (offline-shell.js markStarted), which also resets the count. */
const KEY = "kiosk-watchdog-reloads";
const started = () => document.documentElement.dataset.started === "1";

function retry() {
  if (started() || document.readyState !== "complete" || !navigator.onLine) return;
  sessionStorage.setItem(KEY, String(Number(sessionStorage.getItem(KEY) || 0) + 1));
  location.reload();
}

const pause = Math.min(120000, 10000 * 2 ** Number(sessionStorage.getItem(KEY) || 0));
window.addEventListener("online", retry);
setTimeout(function again() {
  retry();
  if (!started()) setTimeout(again, pause);
}, pause);
