/* What the projector draws for each kind of screen: SLIDES maps a screen kind to a function
   (screen, state, event) -> a new, detached element with class "slide". `state` is the whole live state,
   `event` the event's data from the page (name, venue, date_text). Text goes in with textContent only
   (dom.js h), so an imported name can never run script. Elements of class "fit" are shrunk to fit, a
   ".recipients" list too, and a ".countdown" with data-clock (the speaker's clock) is ticked by the page. A new
   kind of screen is one more entry here (the speaker and vote slides live in their own modules). */
import { h } from "../dom.js";
import { arrivalSlide } from "./arrival.js";
import { credentialsSlide } from "./credentials.js";
import { breakSlide } from "./pause.js";
import { pageMarker, peopleList } from "./people.js";
import { speakerSlide } from "./speaker.js";
import { voteSlide } from "./vote.js";

const KIND_LABELS = {
  flag_salute: "Chào cờ", opening: "Khai mạc", report: "Báo cáo", speeches: "Tham luận",
  exchange: "Giao lưu", honours: "Khen thưởng", launch: "Phát động thi đua", vote: "Biểu quyết",
  closing: "Bế mạc", other: "",
};

function flagSvg() {
  // The national flag: red field 3:2, a yellow five-pointed star in the centre, radius one fifth of the width.
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 30 20");
  svg.setAttribute("class", "flag");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Quốc kỳ Việt Nam");
  const field = document.createElementNS(ns, "rect");
  field.setAttribute("width", "30"); field.setAttribute("height", "20"); field.setAttribute("fill", "#DA251D");
  const star = document.createElementNS(ns, "polygon");
  star.setAttribute("fill", "#FFFF00");
  star.setAttribute("points", "15.000,4.000 16.347,8.146 20.706,8.146 17.180,10.708 18.527,14.854 " +
    "15.000,12.292 11.473,14.854 12.820,10.708 9.294,8.146 13.653,8.146");
  svg.appendChild(field); svg.appendChild(star);
  return svg;
}

function welcome(event) {
  const box = h("div", "slide welcome");
  box.appendChild(h("div", "eyebrow", "Nhiệt liệt chào mừng các đại biểu"));
  box.appendChild(h("div", "fit headline", event.name));
  if (event.period) box.appendChild(h("div", "subline period-line", "Giai đoạn " + event.period));
  box.appendChild(h("div", "subline", event.venue + " · " + event.date_text));
  return box;
}

/* The current programme item (the welcome before the first one; the flag for the salute). */
function programmeSlide(screen, state, event) {
  const item = state.item;
  if (!item) return welcome(event);
  if (item.kind === "flag_salute") {
    const flag = h("div", "slide flag-salute");
    flag.appendChild(flagSvg());
    flag.appendChild(h("div", "flag-title", "Chào cờ"));
    flag.appendChild(h("div", "subline", "Nghiêm! Chào cờ, chào! · Quốc ca"));
    return flag;
  }
  const box = h("div", "slide programme");
  // The kind only when the title does not say it already ("Phần 2", not "Phần 2 · Khai mạc" over "Khai mạc").
  const label = KIND_LABELS[item.kind] || "";
  const saysIt = !label || item.title.toLocaleLowerCase("vi").includes(label.toLocaleLowerCase("vi"));
  box.appendChild(h("div", "eyebrow", "Phần " + item.position + (saysIt ? "" : " · " + label)));
  box.appendChild(h("div", "fit headline", item.title));
  const details = item.details || {};
  if (item.kind === "exchange" && (details.guests || []).length) {
    box.appendChild(peopleList(details.guests, "guests", "guest"));  // in the order they sit on the stage
  }
  if (item.kind === "launch" && details.slogan) {
    box.appendChild(h("div", "slogan", "“" + details.slogan + "”"));
    if (details.text) box.appendChild(h("div", "launch-text", details.text));
  }
  return box;
}

function honoursSlide(screen) {
  const box = h("div", "slide honours");
  box.appendChild(h("div", "award", screen.award));
  if (screen.decision) box.appendChild(h("div", "decision", screen.decision));
  box.appendChild(peopleList(screen.recipients, "recipients", "recipient", screen.first || 1));
  const marker = pageMarker(screen);
  if (marker) box.appendChild(marker);
  return box;
}

function announcementSlide(screen) {
  const box = h("div", "slide announcement");
  box.appendChild(h("div", "eyebrow", "Thông báo"));
  box.appendChild(h("div", "fit headline", screen.text));
  return box;
}

function logoSlide(screen, state, event) {
  const box = h("div", "slide logo");
  box.appendChild(h("div", "logo-star", "★"));
  box.appendChild(h("div", "fit headline", event.name));
  return box;
}

export const SLIDES = {
  programme: programmeSlide,
  welcome: (screen, state, event) => welcome(event),
  speaker: speakerSlide,
  honours: honoursSlide,
  vote: voteSlide,
  announcement: announcementSlide,
  logo: logoSlide,
  blank: () => h("div", "slide blank"),
  credentials: credentialsSlide,
  arrival: arrivalSlide,
  break: breakSlide,
};

/* The slide for a live state; a kind this page does not know shows the programme. */
export function slideFor(state, event) {
  const screen = state.screen || { kind: "programme" };
  return (SLIDES[screen.kind] || SLIDES.programme)(screen, state, event);
}
