/* Registers the screens' service worker (static/sw.js, served at /sw.js): a projector or a door tablet
   reloaded while the server is out of reach opens from its kept copy instead of the browser's error.
   Browsers allow it on https and on localhost only; elsewhere the page simply works as before. */
export function keepOfflineCopy() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register("/sw.js").catch(() => { /* no copy: the page still works online */ });
}
