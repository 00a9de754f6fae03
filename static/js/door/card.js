/* The door's one big card: the answer to the last scan, with its colour, icon and tone (door/answers.js says
   which). A refusal goes back to "ready" by itself after RED_CARD_MS. */
import { h as el } from "../dom.js";
import { clearsItself, colourOf, detailOf, ICONS, seatShown, titleOf, TONES } from "./answers.js";

const RED_CARD_MS = 6000;   // a refusal clears by itself: the next delegate does not read it as theirs

/** `onShow(answer)` runs as each answer is shown (the undo form follows the card). Returns { show, idle }. */
export function mountCard(cardEl, { onShow }) {
  let clearTimer = null;
  let audio = null;

  function beep(colour) {
    try {
      audio = audio || new AudioContext();
      let at = audio.currentTime;
      for (const [hz, seconds] of TONES[colour]) {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.type = colour === "red" ? "square" : "sine";
        tone.frequency.value = hz;
        gain.gain.value = 0.15;
        tone.connect(gain).connect(audio.destination);
        tone.start(at);
        tone.stop(at + seconds);
        at += seconds + 0.08;
      }
      cardEl.dataset.sound = colour;
    } catch (e) {
      /* no sound on this tablet: the icon and the words remain */
    }
  }

  function idle() {
    cardEl.className = "result-card idle";
    cardEl.dataset.result = "";
    cardEl.replaceChildren(el("div", "result-title", "Sẵn sàng quét"),
                           el("div", "result-detail", "Đưa mã QR trên thẻ đại biểu vào máy quét hoặc camera."));
  }

  function show(answer) {
    clearTimeout(clearTimer);
    onShow(answer);
    if (clearsItself(answer.result)) clearTimer = setTimeout(idle, RED_CARD_MS);
    const colour = colourOf(answer.result);
    cardEl.className = "result-card " + colour;
    cardEl.dataset.result = answer.result;
    const icon = el("span", "result-icon", ICONS[colour]);
    icon.setAttribute("aria-hidden", "true");
    cardEl.replaceChildren(icon, el("div", "result-title", titleOf(answer.result)));
    const d = answer.delegate;
    if (d) {
      cardEl.appendChild(el("div", "result-name", d.full_name));
      cardEl.appendChild(el("div", "result-detail", detailOf(d)));
      if (seatShown(answer)) cardEl.appendChild(el("div", "result-seat", "Chỗ ngồi: " + d.place));
    }
    if (answer.result !== "checked_in") cardEl.appendChild(el("div", "result-detail", answer.message || ""));
    beep(colour);
    // the card in view after every scan, also at 200 % zoom where it sits below the camera
    const box = cardEl.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) cardEl.scrollIntoView({ block: "nearest" });
  }

  return { show, idle };
}
