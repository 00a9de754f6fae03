/* A delegate's electronic ballot, mounted in a box: the open electronic votes, three large buttons each, one ballot
   per vote, each cast only after the delegate confirms the choice shown large. Used by the ballot page (/vote/{token})
   and by the delegate's own page (/me/{token}).
   No session: the personal token in the address is the delegate's credential (so no CSRF header either).
   `data` is GET /api/ballots/{token}'s answer: {token, guest, votes: [{id, title, status, secret, entitled, voted}]}. */
import { OFFLINE, getJson, request } from "./api.js";
import { h as el } from "./dom.js";

const POLL_MS = 8000;

/* Draws the ballot into `box`; with `poll`, asks the server every few seconds for new votes (the ballot page; the
   delegate's page follows the live state instead). Returns {update(votes), stop()}. */
export function mountBallot(box, data, { poll = true } = {}) {
  const CHOICES = [
    ["for", "Tán thành"],
    ["against", "Không tán thành"],
    ["abstain", "Không biểu quyết"],
  ];

  /* A ballot is cast in two steps (issue 26): a tap on a choice only shows it large and asks once to confirm;
     a tremor's second tap lands on nothing (the confirm button is armed a moment later) and "Chọn lại" goes back. */
  const ARM_MS = 600;

  async function send(vote, choice, node) {
    node.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    const status = node.querySelector(".status");
    status.className = "status";
    status.textContent = "Đang gửi…";
    try {
      const body = await request(`/api/ballots/${encodeURIComponent(data.token)}`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ vote_id: vote.id, choice }),
      });
      status.textContent = body.message;
      status.className = "status " + (body.result === "voted" ? "ok" : "refused");
      if (body.result === "voted" || body.result === "already_voted") {
        vote.voted = true;
        node.querySelector(".confirm")?.remove();
        node.querySelector(".choices")?.remove();
      } else {
        showChoices(vote, node);
      }
    } catch (e) {
      status.className = "status refused";
      status.textContent = e.message === OFFLINE ? "Chưa gửi được (mất kết nối). Xin bấm Xác nhận lại." : e.message;
      node.querySelectorAll(".confirm button").forEach((b) => { b.disabled = false; });
    }
  }

  function showChoices(vote, node) {
    node.querySelector(".confirm")?.remove();
    const choices = el("div", "choices");
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-label", "Chọn một trong ba");
    for (const [choice, words] of CHOICES) {
      const button = el("button", "choice " + choice, words);
      button.type = "button";
      button.addEventListener("click", () => askToConfirm(vote, choice, words, node));
      choices.appendChild(button);
    }
    node.insertBefore(choices, node.querySelector(".status"));
    return choices;
  }

  function askToConfirm(vote, choice, words, node) {
    node.querySelector(".choices")?.remove();
    const status = node.querySelector(".status");
    status.className = "status";
    status.textContent = "";
    const box = el("div", "confirm " + choice);
    box.dataset.choice = choice;
    box.appendChild(el("p", "confirm-ask", "Đồng chí chọn:"));
    const chosen = el("p", "chosen " + choice, words.toUpperCase());
    chosen.tabIndex = -1;
    box.appendChild(chosen);
    const buttons = el("div", "confirm-buttons");
    const yes = el("button", "confirm-yes", "Xác nhận");
    yes.type = "button";
    yes.disabled = true;  // armed a moment later: the tap that chose cannot also confirm
    yes.addEventListener("click", () => send(vote, choice, node));
    const back = el("button", "confirm-back", "Chọn lại");
    back.type = "button";
    back.addEventListener("click", () => {
      status.textContent = "";
      showChoices(vote, node).querySelector("." + choice).focus();
    });
    buttons.append(back, yes);
    box.appendChild(buttons);
    node.insertBefore(box, status);
    chosen.focus();
    setTimeout(() => { if (yes.isConnected && status.textContent !== "Đang gửi…") yes.disabled = false; }, ARM_MS);
  }

  function card(vote) {
    const node = el("article", "vote-card");
    node.dataset.vote = vote.id;
    node.appendChild(el("h1", "vote-title", vote.title));
    if (vote.secret) node.appendChild(el("p", "secret", "Biểu quyết kín: chỉ ghi nhận đồng chí đã biểu quyết."));
    const status = el("p", "status");
    status.setAttribute("role", "status");
    node.appendChild(status);
    if (vote.status !== "open") {
      status.textContent = "Đã kết thúc biểu quyết.";
    } else if (!vote.entitled) {
      status.textContent = "Đồng chí không thuộc số đại biểu có mặt khi bắt đầu biểu quyết nội dung này.";
      status.className = "status refused";
    } else if (vote.voted) {
      status.textContent = "Đồng chí đã biểu quyết nội dung này.";
      status.className = "status ok";
    } else {
      showChoices(vote, node);
    }
    return node;
  }

  function draw() {
    box.replaceChildren();
    if (data.guest) {
      box.appendChild(el("p", "waiting", "Khách mời không tham gia biểu quyết. Xin cảm ơn quý khách."));
      return;
    }
    const open = data.votes.filter((v) => v.status === "open");
    const shown = open.length ? open : data.votes.slice(-1);
    if (!shown.length) {
      box.appendChild(el("p", "waiting", "Chưa có nội dung biểu quyết. Xin đồng chí chờ MC mời biểu quyết."));
      return;
    }
    shown.forEach((v) => box.appendChild(card(v)));
  }

  function waitingForChoice() {
    return data.votes.some((v) => v.status === "open" && v.entitled && !v.voted);
  }

  async function refresh() {
    if (waitingForChoice()) return;  // never redraw under a delegate's thumb
    try {
      const fresh = await getJson(`/api/ballots/${encodeURIComponent(data.token)}`);
      if (JSON.stringify(fresh.votes) !== JSON.stringify(data.votes)) {
        data.votes = fresh.votes;
        draw();
      }
    } catch (e) {
      /* offline for a moment: try again at the next turn */
    }
  }

  draw();
  const timer = poll ? setInterval(refresh, POLL_MS) : null;
  return {
    update(votes) {
      if (waitingForChoice() || JSON.stringify(votes) === JSON.stringify(data.votes)) return;
      data.votes = votes;
      draw();
    },
    stop() { if (timer) clearInterval(timer); },
  };
}
