/* Registers the screens' service worker (static/sw.js, served at /sw.js): a projector or a door tablet
   reloaded while the server is out of reach opens from its kept copy instead of the browser's error.
   Once the worker is ready, it is told what this page loaded (the page itself, its modules, styles, fonts and
   the vendored libraries) so that the very first visit is enough to be kept.
   Browsers allow it on https and on localhost only; elsewhere the page simply works as before. */
export function keepOfflineCopy() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register("/sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const here = location.origin;
      const urls = performance.getEntriesByType("resource").map((r) => r.name)
        .filter((url) => url.startsWith(here + "/static/"));
      registration.active.postMessage({ keep: [location.href.split("#")[0], ...urls] });
    })
    .catch(() => { /* no copy: the page still works online */ });
}

/* The screen's own module has started: static/js/watchdog.js, which reloads a page whose modules could not load,
   can rest. */
export function markStarted() {
  document.documentElement.dataset.started = "1";
  sessionStorage.removeItem("kiosk-watchdog-reloads");
}
