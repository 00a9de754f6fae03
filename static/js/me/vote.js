/* The open vote on the delegate's page: an electronic one gets the ballot (ballot-box.js, loaded then); another
   only its title. The ballot is mounted again only when the vote or its status changes. */
import { h } from "../dom.js";

export function mountVote(token) {
  let ballot = null, ballotVote = null;

  return async function drawVote(vote, guest) {
    const card = document.getElementById("vote-card");
    const box = document.getElementById("vote-box");
    card.hidden = !vote;
    const key = vote ? vote.id + ":" + vote.status : null;
    if (key === ballotVote) return;
    ballotVote = key;
    if (ballot) { ballot.stop(); ballot = null; }
    box.replaceChildren();
    if (!vote) return;
    if (vote.method !== "electronic" || !vote.ballot) {
      box.append(h("p", "me-now-title", vote.title),
                 h("p", "me-note", "Biểu quyết bằng " + (vote.method === "hands" ? "giơ thẻ đại biểu" : "phiếu") + " tại hội trường."));
      return;
    }
    if (!document.querySelector("link[data-ballot]")) {
      const css = h("link");
      css.rel = "stylesheet";
      css.href = "/static/css/ballot.css";
      css.dataset.ballot = "1";
      document.head.appendChild(css);
    }
    const { mountBallot } = await import("../ballot-box.js");
    ballot = mountBallot(box, { token, guest, votes: [{ id: vote.id, title: vote.title,
      status: vote.status, secret: vote.secret, entitled: vote.ballot.entitled, voted: vote.ballot.voted }] },
    { poll: false });
  };
}
