/* The hall projector: draws whatever the live state says, large, calm, readable from the back row. */
(function () {
  "use strict";
  var root = document.getElementById("projector");
  var eventInfo = JSON.parse(document.getElementById("event-data").textContent);
  var screenEl = document.getElementById("screen");
  var nextEl = document.getElementById("next-item");
  var clockEl = document.getElementById("clock");
  var offlineEl = document.getElementById("offline");
  var current = null;
  var timer = null;

  var KIND_LABELS = {
    flag_salute: "Chào cờ", opening: "Khai mạc", report: "Báo cáo", speeches: "Tham luận",
    exchange: "Giao lưu", honours: "Khen thưởng", launch: "Phát động thi đua", vote: "Biểu quyết",
    closing: "Bế mạc", other: "",
  };

  function flagSvg() {
    // The national flag: red field 3:2, a yellow five-pointed star in the centre, radius one fifth of the width.
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 30 20");
    svg.setAttribute("class", "flag");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Quốc kỳ Việt Nam");
    var field = document.createElementNS(ns, "rect");
    field.setAttribute("width", "30"); field.setAttribute("height", "20"); field.setAttribute("fill", "#DA251D");
    var star = document.createElementNS(ns, "polygon");
    star.setAttribute("fill", "#FFFF00");
    star.setAttribute("points", "15.000,4.000 16.347,8.146 20.706,8.146 17.180,10.708 18.527,14.854 " +
      "15.000,12.292 11.473,14.854 12.820,10.708 9.294,8.146 13.653,8.146");
    svg.appendChild(field); svg.appendChild(star);
    return svg;
  }

  function welcome() {
    var box = h("div", "slide welcome");
    box.appendChild(h("div", "eyebrow", "Nhiệt liệt chào mừng các đại biểu"));
    box.appendChild(h("div", "fit headline", eventInfo.name));
    box.appendChild(h("div", "subline", eventInfo.venue + " · " + eventInfo.date_text));
    return box;
  }

  function programmeSlide(state) {
    var item = state.item;
    if (!item) return welcome();
    if (item.kind === "flag_salute") {
      var flag = h("div", "slide flag-salute");
      flag.appendChild(flagSvg());
      flag.appendChild(h("div", "flag-title", "Chào cờ"));
      flag.appendChild(h("div", "subline", "Nghiêm! Chào cờ, chào! · Quốc ca"));
      return flag;
    }
    var box = h("div", "slide programme");
    box.appendChild(h("div", "eyebrow", "Phần " + item.position + (KIND_LABELS[item.kind] ? " · " + KIND_LABELS[item.kind] : "")));
    box.appendChild(h("div", "fit headline", item.title));
    return box;
  }

  function speakerSlide(screen) {
    var box = h("div", "slide speaker");
    box.appendChild(h("div", "eyebrow", "Tham luận"));
    box.appendChild(h("div", "fit headline", screen.topic));
    box.appendChild(h("div", "speaker-name", screen.name));
    var who = [screen.title, screen.unit].filter(Boolean).join(" · ");
    if (who) box.appendChild(h("div", "subline", who));
    var countdown = h("div", "countdown");
    countdown.dataset.endsAt = String(Date.parse(screen.started_at) + screen.minutes * 60000);
    box.appendChild(countdown);
    return box;
  }

  function honoursSlide(screen) {
    var box = h("div", "slide honours");
    box.appendChild(h("div", "award", screen.award));
    if (screen.decision) box.appendChild(h("div", "decision", screen.decision));
    var list = h("ol", "recipients");
    list.start = screen.first || 1;
    screen.recipients.forEach(function (r) {
      var li = h("li", "recipient");
      li.appendChild(h("div", "r-name", r.name));
      var who = [r.title, r.unit].filter(Boolean).join(", ");
      if (who) li.appendChild(h("div", "r-unit", who));
      list.appendChild(li);
    });
    box.appendChild(list);
    if (screen.pages > 1) box.appendChild(h("div", "page-marker", "Trang " + screen.page + "/" + screen.pages));
    return box;
  }

  function voteSlide(screen) {
    var box = h("div", "slide vote");
    box.appendChild(h("div", "eyebrow", "Biểu quyết"));
    box.appendChild(h("div", "fit vote-title", screen.title));
    var list = h("ol", "nominees");
    (screen.nominees || []).forEach(function (n) {
      list.appendChild(h("li", null, n.name + (n.unit ? " — " + n.unit : "")));
    });
    box.appendChild(list);
    if (screen.votes_for !== null && screen.votes_for !== undefined) {
      box.appendChild(h("div", "vote-result", "Tán thành: " + screen.votes_for + " · Không tán thành: " +
        (screen.votes_against || 0) + " · Không biểu quyết: " + (screen.votes_abstain || 0)));
    }
    return box;
  }

  function announcementSlide(screen) {
    var box = h("div", "slide announcement");
    box.appendChild(h("div", "eyebrow", "Thông báo"));
    box.appendChild(h("div", "fit headline", screen.text));
    return box;
  }

  function logoSlide() {
    var box = h("div", "slide logo");
    box.appendChild(h("div", "logo-star", "★"));
    box.appendChild(h("div", "fit headline", eventInfo.name));
    return box;
  }

  function render(state) {
    var screen = state.screen || { kind: "programme" };
    var slide;
    switch (screen.kind) {
      case "speaker": slide = speakerSlide(screen); break;
      case "honours": slide = honoursSlide(screen); break;
      case "vote": slide = voteSlide(screen); break;
      case "announcement": slide = announcementSlide(screen); break;
      case "logo": slide = logoSlide(); break;
      case "blank": slide = h("div", "slide blank"); break;
      default: slide = programmeSlide(state);
    }
    root.dataset.screen = screen.kind;
    root.dataset.item = state.item ? state.item.kind : "";
    root.dataset.version = state.version;
    // Build the new slide fully, then swap in one frame: a crossfade, never a half-drawn screen.
    slide.classList.add("entering");
    var old = screenEl.firstElementChild;
    screenEl.appendChild(slide);
    fitAll(slide);
    requestAnimationFrame(function () { slide.classList.remove("entering"); });
    if (old) { old.classList.add("leaving"); setTimeout(function () { old.remove(); }, 400); }
    nextEl.textContent = state.next_item ? "Tiếp theo: " + state.next_item.title : "";
    current = state;
    tick();
  }

  function fitAll(slide) {
    var big = Math.round(window.innerHeight * 0.11);
    slide.querySelectorAll(".fit").forEach(function (el) { fitText(el, big, 18); });
    var list = slide.querySelector(".recipients");
    if (list) fitText(list, Math.round(window.innerHeight * 0.042), 12);
  }

  function tick() {
    clockEl.textContent = vnClock();
    var countdown = screenEl.querySelector(".countdown:last-child") || screenEl.querySelector(".countdown");
    if (countdown) {
      var left = Math.round((Number(countdown.dataset.endsAt) - Date.now()) / 1000);
      var sign = left < 0 ? "+" : "";
      var s = Math.abs(left);
      countdown.textContent = sign + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      countdown.classList.toggle("over", left < 0);
    }
  }

  function refit() {
    var slide = screenEl.lastElementChild;
    if (slide) fitAll(slide);
  }
  window.addEventListener("resize", refit);
  // The local webfont may arrive after the first draw: measure again with the real letter widths.
  if (document.fonts) document.fonts.ready.then(refit);
  timer = setInterval(tick, 1000);
  tick();

  new LiveClient(eventInfo.id, {
    onState: render,
    onConnection: function (up) { offlineEl.hidden = up; },
  });
  window.projectorState = function () { return current; };
})();
