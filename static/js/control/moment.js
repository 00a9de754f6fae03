/* The MC panel's controls for the moment on screen: the speaker's clock (control/speaker-clock.js) or the vote
   (control/vote-controls.js), drawn again with each live state. Every button sends one request; what the panel
   shows comes back with the live state, like everything else on the panel. */
import { postJson } from "../api.js";
import { isCommand, keyOf } from "./keys.js";
import { clockKey, speakerControls, tickClock } from "./speaker-clock.js";
import { voteControls } from "./vote-controls.js";

export function mountMoment(container, eventId, { send, showError }) {
  let screen = {};
  const apiBase = "/api/events/" + eventId;

  function clockCommand(action, seconds) {
    return send("clock", seconds === undefined ? { action } : { action, seconds });
  }

  function voteCommand(path, body) {
    return postJson(apiBase + "/votes/" + screen.vote_id + "/" + path, body).catch((e) => showError(e.message));
  }

  const tick = () => tickClock(container, screen);
  setInterval(tick, 250);

  document.addEventListener("keydown", (e) => {
    if (!isCommand(e) || screen.kind !== "speaker") return;
    const command = clockKey(keyOf(e), screen.clock || {});
    if (!command) return;
    clockCommand(...command);
    e.preventDefault();
  });

  return {
    update(state) {
      const before = screen;
      screen = state.screen || {};
      const typing = container.contains(document.activeElement) && document.activeElement.tagName === "INPUT";
      if (typing && before.vote_id === screen.vote_id && before.status === screen.status) return;  // keep the figures typed
      if (screen.kind === "speaker") container.replaceChildren(speakerControls(screen, { clockCommand, send }));
      else if (screen.kind === "vote") container.replaceChildren(voteControls(screen, voteCommand));
      else container.replaceChildren();
      tick();
    },
  };
}
