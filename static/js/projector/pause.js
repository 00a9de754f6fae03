// The projector's break slide (Nghỉ giải lao): the hall is told when to be back, and how long is left, ticked on
// the server's clock (clock.js) so every screen says the same. screen = {kind: "break", minutes, until (Vietnam
// time, ISO), label}. Text only through textContent.
import { h as el } from "../dom.js";
import { serverNow } from "../clock.js";
import { whileShown } from "./while-shown.js";

// "còn 15 phút" (to the nearest minute: a clock a second behind the server's must not say 16), "còn dưới 1 phút",
// then "Đã hết giờ giải lao".
export function breakLeft(until, now) {
  const left = Date.parse(until) - now;
  if (!(left > 0)) return "Đã hết giờ giải lao";
  return left < 60000 ? "còn dưới 1 phút" : "còn " + Math.round(left / 60000) + " phút";
}

export function breakSlide(screen) {
  const slide = el("div", "slide announcement break");
  slide.appendChild(el("div", "eyebrow", "Nghỉ giải lao"));
  const back = String(screen.until).slice(11, 16);   // the time back in Vietnam time, as the server wrote it
  slide.appendChild(el("div", "fit headline", "Mời các đại biểu trở lại hội trường lúc " + back));
  const left = el("div", "subline break-left");
  slide.appendChild(left);
  // Ticked while on screen; stops once the slide is gone.
  function tick() { left.textContent = breakLeft(screen.until, serverNow()); }
  tick();
  whileShown(slide, 1000, tick);
  return slide;
}
