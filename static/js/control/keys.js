/* The MC panel's keys (issue 26): a key does what the focused control says. Space and Enter on a focused
   button press that button; the page's shortcuts act only when no control has the focus, or with Alt held;
   Esc leaves a control (focus back to the page); the shortcuts can be switched off, and the choice is kept on
   this computer. A button pressed with the mouse gives the focus back at once, so the keys stay commands for
   the MC who clicks, while the one who moves with Tab keeps their place. */

const STORE = "kiosk.control.keys";
const CONTROLS = "button, a[href], input, select, textarea, summary, [contenteditable=''], [contenteditable='true'], "
  + "[tabindex]:not([tabindex='-1'])";

let enabled = localStorage.getItem(STORE) !== "off";

/* A key pressed in a text box is text; Esc leaves the box. */
export function typing(target) {
  if (!target || !target.tagName) return false;
  if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
  return target.tagName === "INPUT" && !["button", "submit", "reset", "checkbox", "radio"].includes(target.type);
}

function onControl(target) {
  return !!(target && target.closest && target !== document.body && target.closest(CONTROLS));
}

/* Whether this keydown is a page command: false in a text box, on a focused control without Alt, with Ctrl or
   Cmd (the browser's own), and while the shortcuts are switched off. */
export function isCommand(e) {
  if (!enabled || e.ctrlKey || e.metaKey || e.defaultPrevented) return false;
  if (typing(e.target)) return false;
  return e.altKey || !onControl(e.target);
}

/* The letter (or arrow) of a key whatever Alt does to it (Alt+B types "∫" on some layouts). */
export function keyOf(e) {
  if (e.code && e.code.startsWith("Key")) return e.code.slice(3).toLowerCase();
  return e.key.length === 1 ? e.key.toLowerCase() : e.key;
}

/* The on/off switch beside the list of keys. */
export function mountKeySwitch(checkbox) {
  if (!checkbox) return;
  checkbox.checked = enabled;
  checkbox.addEventListener("change", () => {
    enabled = checkbox.checked;
    localStorage.setItem(STORE, enabled ? "on" : "off");
  });
}

document.addEventListener("keydown", (e) => {
  if (e.key !== "Escape" || e.defaultPrevented) return;
  if (onControl(e.target) || typing(e.target)) e.target.blur();
});

/* detail is 0 for a click made with Space or Enter: that focus stays where the keyboard put it. */
document.addEventListener("click", (e) => {
  if (e.detail === 0) return;
  const control = e.target.closest && e.target.closest("button, input[type=checkbox], a[href]");
  if (control && !typing(control) && document.activeElement === control) control.blur();
});
