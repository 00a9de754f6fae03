/* The MC panel: every button and key sends one command to the live API; the screen changes only when
   the server's broadcast comes back, so two MC laptops always show the same thing. */
(function () {
  "use strict";
  var eventInfo = JSON.parse(document.getElementById("event-data").textContent);
  var base = "/api/events/" + eventInfo.id + "/live/";
  var errorEl = document.getElementById("error");
  var state = null;

  function send(action, body) {
    errorEl.hidden = true;
    return postJson(base + action, body).then(render).catch(function (e) {
      errorEl.textContent = "Không gửi được lệnh: " + e.message;
      errorEl.hidden = false;
    });
  }

  function screenLabel(s) {
    switch (s.kind) {
      case "blank": return "Màn hình đen";
      case "logo": return "Biểu trưng";
      case "announcement": return "Thông báo: " + s.text;
      case "speaker": return "Tham luận: " + s.name;
      case "honours": return s.award + " — trang " + s.page + "/" + s.pages;
      case "vote": return "Biểu quyết";
      default: return state && state.item ? state.item.title : "Màn hình chào mừng";
    }
  }

  function render(next) {
    if (state && next.version < state.version) return;
    state = next;
    document.getElementById("version").textContent = state.version;
    document.getElementById("now").textContent = screenLabel(state.screen || {});
    document.querySelectorAll("#items li").forEach(function (li) {
      li.classList.toggle("current", !!state.item && Number(li.dataset.itemId) === state.item.id);
    });
    document.querySelectorAll("[data-speech]").forEach(function (b) {
      b.classList.toggle("current", state.screen.kind === "speaker" && Number(b.dataset.speech) === state.screen.speech_id);
    });
    document.querySelectorAll("[data-group]").forEach(function (b) {
      b.classList.toggle("current", state.screen.kind === "honours" && Number(b.dataset.group) === state.screen.group_id);
    });
    drift();
  }

  function drift() {
    var el = document.getElementById("drift");
    if (!state || !state.item || !state.item_started_at) { el.textContent = ""; return; }
    var li = document.querySelector('#items li[data-item-id="' + state.item.id + '"]');
    if (!li || !li.dataset.planned) { el.textContent = ""; return; }
    var minutes = Math.round((Date.parse(state.item_started_at) - Date.parse(li.dataset.planned)) / 60000);
    el.className = "drift " + (minutes > 2 ? "late" : minutes < -2 ? "early" : "on-time");
    el.textContent = minutes > 0 ? "Chậm " + minutes + " phút so với kế hoạch"
      : minutes < 0 ? "Sớm " + (-minutes) + " phút so với kế hoạch" : "Đúng giờ";
  }

  document.getElementById("next").addEventListener("click", function () { send("next"); });
  document.getElementById("prev").addEventListener("click", function () { send("previous"); });
  document.querySelectorAll("[data-goto]").forEach(function (b) {
    b.addEventListener("click", function () { send("goto", { item_id: Number(b.dataset.goto) }); });
  });
  document.querySelectorAll("[data-screen]").forEach(function (b) {
    b.addEventListener("click", function () { send("screen", { kind: b.dataset.screen }); });
  });
  document.querySelectorAll("[data-speech]").forEach(function (b) {
    b.addEventListener("click", function () { send("screen", { kind: "speaker", speech_id: Number(b.dataset.speech) }); });
  });
  document.querySelectorAll("[data-group]").forEach(function (b) {
    b.addEventListener("click", function () { send("screen", { kind: "honours", group_id: Number(b.dataset.group), page: 1 }); });
  });
  document.querySelectorAll("[data-vote]").forEach(function (b) {
    b.addEventListener("click", function () { send("screen", { kind: "vote", vote_id: Number(b.dataset.vote) }); });
  });
  document.getElementById("announce").addEventListener("submit", function (e) {
    e.preventDefault();
    send("screen", { kind: "announcement", text: document.getElementById("announce-text").value });
  });

  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) return;
    var key = e.key;
    if (key === "ArrowRight" || key === " " || key === "PageDown") { e.preventDefault(); send("next"); }
    else if (key === "ArrowLeft" || key === "PageUp") { e.preventDefault(); send("previous"); }
    else if (key === "b" || key === "B") send("screen", { kind: "blank" });
    else if (key === "l" || key === "L") send("screen", { kind: "logo" });
    else if (key === "p" || key === "P") send("screen", { kind: "programme" });
    else if (key === "a" || key === "A") { e.preventDefault(); document.getElementById("announce-text").focus(); }
  });

  function tick() { document.getElementById("clock").textContent = vnClock(); }
  setInterval(tick, 1000); tick();

  var client = new LiveClient(eventInfo.id, {
    onState: render,
    onConnection: function (up) {
      var el = document.getElementById("conn");
      el.textContent = up ? "Đã kết nối" : "Mất kết nối — đang thử lại…";
      el.className = "conn " + (up ? "up" : "down");
    },
  });
  watchAttendance(client.socket, eventInfo.id, document.getElementById("attendance"), false);

  /* Before calling a group: how many of its recipients have not arrived. */
  function absentees() {
    fetch("/api/events/" + eventInfo.id + "/honours", { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (groups) {
        groups.forEach(function (g) {
          var el = document.querySelector('[data-absent="' + g.id + '"]');
          if (!el) return;
          var absent = g.recipients.filter(function (r) { return !r.collective && !r.present; }).length;
          el.textContent = absent ? absent + " vắng" : "đủ";
          el.className = "absent " + (absent ? "some" : "none");
        });
      });
  }
  client.socket.on("attendance", absentees);
  absentees();
  watchAttendance(client.socket, eventInfo.id, document.getElementById("attendance-table"), false);
})();

/* The preview is the projector page itself at 1920x1080, scaled down to the panel's width. */
(function () {
  var frame = document.getElementById("preview");
  function fit() { frame.style.transform = "scale(" + frame.parentElement.clientWidth / 1920 + ")"; }
  window.addEventListener("resize", fit); fit();
})();
