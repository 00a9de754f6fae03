/* A panel button: type "button" (never submits a form by itself), one click handler. */
import { h } from "../dom.js";

export function button(label, onClick, className) {
  const b = h("button", className || null, label);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}
