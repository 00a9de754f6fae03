/* The MC's commands to the live API: every button and key sends one; the panel changes only when the answer (or
   the server's broadcast) comes back, so two MC laptops always show the same thing. */
import { postJson } from "../api.js";

/* Every command goes one at a time, in the order pressed: keys pressed together (B, L, C) would otherwise reach
   the server as concurrent requests, taken in any order, and the hall could end on the logo instead of the
   welcome. `body` may be a function, read when the command's turn comes. Pure: `post(action, body)` does the
   sending (tested with `node --test`). */
export function serialSender(post) {
  let sending = Promise.resolve();
  return function send(action, body) {
    sending = sending.then(() => post(action, typeof body === "function" ? body() : body));
    return sending;
  };
}

/* →, ← and P carry the version the panel shows when their turn comes: a press meant for a page that has turned by
   itself meanwhile changes nothing (the server answers with what the hall shows), and a burst of presses still
   makes as many steps, each from the answer of the one before. */
export function stepBody(state) {
  return state ? { version: state.version } : {};
}

/** Returns { send, step(action), showError(message) }; `onAnswer(state)` gets the live state each command answers. */
export function mountCommands(eventId, errorEl, onAnswer, currentState) {
  const base = "/api/events/" + eventId + "/live/";
  function showError(message) { errorEl.textContent = "Không gửi được lệnh: " + message; errorEl.hidden = false; }
  const send = serialSender(function post(action, body) {
    errorEl.hidden = true;
    return postJson(base + action, body).then(onAnswer).catch((e) => showError(e.message));
  });
  return { send, showError, step: (action) => send(action, () => stepBody(currentState())) };
}
