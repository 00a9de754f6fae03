/* The MC panel's buttons and its keyboard shortcuts, each one command (control/commands.js). control/keys.js decides
   when a key is a command: never in a text box, nor on a focused button without Alt, where Space and Enter press
   that button. */
import { isCommand, keyOf, mountKeySwitch } from "./keys.js";

export function mountButtons({ send, step }) {
  document.getElementById("next").addEventListener("click", () => step("next"));
  document.getElementById("prev").addEventListener("click", () => step("previous"));
  document.getElementById("back").addEventListener("click", () => step("back"));
  document.getElementById("items").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-goto]");
    if (b) send("goto", { item_id: Number(b.dataset.goto) });
  });
  document.querySelectorAll("[data-screen]").forEach((b) => {
    b.addEventListener("click", () => send("screen", { kind: b.dataset.screen }));
  });
  /* one listener for the lists, which are drawn again whenever they are read */
  document.querySelector(".substeps").addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (b && b.dataset.speech) send("screen", { kind: "speaker", speech_id: Number(b.dataset.speech) });
    if (b && b.dataset.group) send("screen", { kind: "honours", group_id: Number(b.dataset.group), page: 1 });
  });
  document.querySelectorAll("[data-vote]").forEach((b) => {
    b.addEventListener("click", () => send("screen", { kind: "vote", vote_id: Number(b.dataset.vote) }));
  });
  const announceText = document.getElementById("announce-text");
  document.getElementById("announce").addEventListener("submit", (e) => {
    e.preventDefault();
    // Shown: the keyboard goes back to the commands at once (→, Space, B… are commands again, not text).
    announceText.blur();
    send("screen", { kind: "announcement", text: announceText.value });
  });
  return announceText;
}

export function mountShortcuts({ send, step }, announceText) {
  mountKeySwitch(document.getElementById("keys-on"));
  document.addEventListener("keydown", (e) => {
    if (!isCommand(e)) return;
    const key = keyOf(e);
    if (key === "ArrowRight" || key === " " || key === "PageDown") { e.preventDefault(); step("next"); }
    else if (key === "ArrowLeft" || key === "PageUp") { e.preventDefault(); step("previous"); }
    else if (key === "b") { e.preventDefault(); send("screen", { kind: "blank" }); }
    else if (key === "l") { e.preventDefault(); send("screen", { kind: "logo" }); }
    else if (key === "p") { e.preventDefault(); step("back"); }
    else if (key === "c") { e.preventDefault(); send("screen", { kind: "welcome" }); }
    else if (key === "a") { e.preventDefault(); announceText.focus(); announceText.select(); }
  });
}
