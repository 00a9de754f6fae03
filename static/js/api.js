/* Talks to the server's API as the signed-in user: JSON out, the CSRF token of the page on every POST,
   and errors as Vietnamese messages a person can act on (Error.message). */

/* The message of a request that never reached the server; callers compare against it to go offline. */
export const OFFLINE = "Mất kết nối tới máy chủ.";

export function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]').content;
}

/* Sends a request; resolves with the JSON answer, rejects with an Error carrying the server's message
   (or OFFLINE when the server could not be reached). */
export function request(url, options = {}) {
  return fetch(url, { credentials: "same-origin", ...options })
    .catch(() => { throw new Error(OFFLINE); })
    .then((r) => r.json().catch(() => ({})).then((data) => {
      if (!r.ok) throw Object.assign(new Error(data.message || "Lỗi " + r.status), { status: r.status });
      return data;
    }));
}

/* The server could not take the request now (unreachable, or its database or a process restarting: 5xx): the same
   request sent again a little later will do, unlike a refusal (4xx). */
export function retryLater(error) {
  return error.message === OFFLINE || error.status >= 500;
}

export function getJson(url) {
  return request(url);
}

export function postJson(url, body) {
  return request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body || {}),
  });
}

/* A form with its files (multipart), e.g. a list upload. */
export function postForm(url, form) {
  return request(url, { method: "POST", headers: { "X-CSRFToken": csrfToken() }, body: new FormData(form) });
}
