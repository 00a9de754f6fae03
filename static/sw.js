/* The screens' service worker (served from /sw.js so that its scope is the whole site).
   A projector or a door tablet may be opened or reloaded while the server is out of reach (the laptop still
   booting, the Wi-Fi not yet up), and so may a delegate's own page on the phone. Every answer this worker handles goes to the network first and is kept;
   when the network fails the kept copy answers: the projector and door pages, their modules, styles, fonts,
   the vendored libraries (the door keeps its roster and its queue in localStorage). A screen page never seen before gets a calm waiting page
   that tries again by itself every few seconds. Everything else (sign-in, admin, the API, Socket.IO) is
   left to the browser as if there were no worker. */
const CACHE = "kiosk-screens-v1";
const PAGES = /^\/(display|checkin|live|kiosk)\/\d+$/;
// a delegate's own page (/me/{token}) opens from the phone's copy when the hall Wi-Fi drops (issue 23)
const ME = /^\/me\/[A-Za-z0-9]{1,64}$/;

self.addEventListener("install", (event) => event.waitUntil(
  caches.open(CACHE).then((cache) => cache.addAll(["/static/css/waiting.css", "/static/css/fonts.css"])).then(() => self.skipWaiting())));
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function kept(url) {
  return url.origin === self.location.origin &&
    (url.pathname.startsWith("/static/") || PAGES.test(url.pathname) || ME.test(url.pathname));
}

const WAITING = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="5">
<title>Đang chờ máy chủ</title><link rel="stylesheet" href="/static/css/fonts.css">
<link rel="stylesheet" href="/static/css/waiting.css"></head>
<body class="waiting-page"><main><div class="star">★</div><h1>Đang chờ kết nối tới máy chủ…</h1>
<p>Màn hình sẽ tự mở khi máy chủ sẵn sàng. Không cần thao tác gì.</p></main></body></html>`;

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && response.type === "basic") {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const copy = await cache.match(request, { ignoreSearch: request.mode !== "navigate" });
    if (copy) return copy;
    if (request.mode === "navigate") {
      return new Response(WAITING, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    throw error;
  }
}

/* A page tells what it loaded (offline-shell.js): keep each of those not kept yet. */
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.keep) || [];
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls
    .filter((u) => kept(new URL(u)))
    .map((u) => cache.match(u).then((hit) => hit || fetch(u, { credentials: "same-origin" }).then((response) => {
      if (response.ok && !response.redirected) return cache.put(u, response);
    }).catch(() => {}))))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!kept(url)) return;
  event.respondWith(networkFirst(request));
});
