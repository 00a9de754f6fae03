/* The programme on the delegate's page and where the hall is in it, with the speaker's clock, from the live state
   (as the follow page). */
import { renderClock } from "../clock.js";
import { h } from "../dom.js";
import { screenDetail } from "../screen-words.js";

/** Draws the programme; returns onState(state) for the live client. `onVoteScreen()` runs when a vote opened,
    closed or was counted (not for the first state when no vote is on screen). */
export function mountProgramme(programme, onVoteScreen) {
  document.getElementById("programme").replaceChildren(...programme.map((item) => {
    const li = h("li");
    li.dataset.itemId = item.id;
    if (item.start) li.append(h("span", "time", item.start + " "));
    li.append(item.title);
    return li;
  }));

  let screen = {};
  const ticking = renderClock(document.getElementById("now-clock"), () => (screen.kind === "speaker" ? screen.clock : null));
  let lastVoteScreen = null;

  return function onState(state) {
    screen = state.screen || {};
    const index = state.item ? programme.findIndex((i) => i.id === state.item.id) : -1;
    document.getElementById("now-title").textContent = state.item ? state.item.title : "Chưa bắt đầu";
    document.getElementById("now-detail").textContent = screenDetail(screen);
    const next = programme[index + 1];
    document.getElementById("next").hidden = !next;
    document.getElementById("next-title").textContent = next ? next.title : "";
    document.querySelectorAll("#programme li").forEach((li, i) => li.classList.toggle("current", i === index));
    ticking.draw();
    const voteScreen = screen.kind === "vote" ? screen.vote_id + ":" + screen.stage : null;
    if (voteScreen !== lastVoteScreen) {
      if (lastVoteScreen !== null || voteScreen !== null) onVoteScreen();
      lastVoteScreen = voteScreen;
    }
  };
}
