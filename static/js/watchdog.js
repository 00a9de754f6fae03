/* A screen whose own module never started (a file it needs could not be loaded: the page was opened while the
   server was out of reach and a copy was missing) would stay on its waiting slide for good, with nothing left
   running to reconnect. This module needs nothing else: it loads the page again as soon as the browser is back
   online, and every 10 s while it still has not started. The screen's module marks the page when it starts. */
const started = () => document.documentElement.dataset.started === "1";
const retry = () => { if (!started()) location.reload(); };
window.addEventListener("online", retry);
setInterval(retry, 10000);
