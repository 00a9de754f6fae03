/* The follow page for phones: the current item and where it stands in the programme. Read-only. */
import { measureServerOffset, renderClock } from "./clock.js";
import { readJson } from "./dom.js";
import { LiveClient } from "./live-client.js";
import { screenDetail as detail } from "./screen-words.js";

const eventInfo = readJson("event-data");
const titleEl = document.getElementById("now-title");
const detailEl = document.getElementById("now-detail");
let screen = {};
// The speaker's time left, computed from the server's clock like the projector's and the lectern's.
const ticking = renderClock(document.getElementById("now-clock"), () => (screen.kind === "speaker" ? screen.clock : null));
measureServerOffset();

new LiveClient(eventInfo.id, {
  onState(state) {
    titleEl.textContent = state.item ? state.item.title : "Chưa bắt đầu";
    screen = state.screen || {};
    detailEl.textContent = detail(screen);
    ticking.draw();
    document.querySelectorAll("#programme li").forEach((li) => {
      li.classList.toggle("current", state.item && Number(li.dataset.itemId) === state.item.id);
    });
  },
  onConnection(up) { document.getElementById("offline").hidden = up; },
});
