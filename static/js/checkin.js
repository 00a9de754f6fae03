/* The door tablet: a handheld scanner types the code and Enter into an always-focused field;
   each answer is one big card that can be read at arm's length. */
(function () {
  "use strict";
  var eventInfo = JSON.parse(document.getElementById("event-data").textContent);
  var codeEl = document.getElementById("code");
  var doorEl = document.getElementById("door");
  var cardEl = document.getElementById("card");
  var searchEl = document.getElementById("search");
  var resultsEl = document.getElementById("results");

  doorEl.value = localStorage.getItem("kiosk-door") || doorEl.value;
  doorEl.addEventListener("change", function () { localStorage.setItem("kiosk-door", doorEl.value.trim()); });

  var COLOURS = { checked_in: "green", already_checked_in: "amber" };
  var TITLES = {
    checked_in: "Chào mừng đại biểu", already_checked_in: "Đã điểm danh trước đó",
    unknown_code: "Mã không hợp lệ", wrong_event: "Không đúng sự kiện", revoked: "Thẻ đã bị thu hồi",
  };

  function el(tag, cls, text) { var e = document.createElement(tag); e.className = cls; e.textContent = text; return e; }

  function show(answer) {
    cardEl.className = "result-card " + (COLOURS[answer.result] || "red");
    cardEl.dataset.result = answer.result;
    cardEl.replaceChildren(el("div", "result-title", TITLES[answer.result] || answer.result));
    var d = answer.delegate;
    if (d) {
      cardEl.appendChild(el("div", "result-name", d.full_name));
      cardEl.appendChild(el("div", "result-detail", [d.title, d.unit].filter(Boolean).join(" · ")));
      if (d.seat && answer.result === "checked_in") cardEl.appendChild(el("div", "result-seat", "Chỗ ngồi: " + d.seat));
    }
    cardEl.appendChild(el("div", "result-detail", answer.message || ""));
  }

  function checkIn(code) {
    return postJson("/api/events/" + eventInfo.id + "/checkin", { code: code, door: doorEl.value.trim() })
      .then(show)
      .catch(function (e) { show({ result: "error", message: e.message }); });
  }

  document.getElementById("scan-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var code = codeEl.value.trim();
    codeEl.value = "";
    if (code) checkIn(code);
  });

  // Keep the scanner field focused unless staff are typing elsewhere: the scanner is a keyboard.
  document.addEventListener("click", function (e) {
    if (e.target.tagName !== "INPUT" && e.target.tagName !== "BUTTON") codeEl.focus();
  });

  var searchTimer = null;
  searchEl.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      var q = searchEl.value.trim();
      if (q.length < 2) { resultsEl.replaceChildren(); return; }
      fetch("/api/events/" + eventInfo.id + "/delegates/search?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (rows) {
          resultsEl.replaceChildren();
          if (!Array.isArray(rows)) return;
          rows.forEach(function (d) {
            var li = el("li", d.checked_in_at ? "present" : "", "");
            li.appendChild(el("span", "who", d.full_name + " — " + (d.unit || "")));
            var b = el("button", "", d.checked_in_at ? "Đã điểm danh" : "Điểm danh");
            b.addEventListener("click", function () { checkIn(d.code).then(function () { searchEl.value = ""; resultsEl.replaceChildren(); codeEl.focus(); }); });
            li.appendChild(b);
            resultsEl.appendChild(li);
          });
          if (!rows.length) resultsEl.appendChild(el("li", "muted", "Không tìm thấy đại biểu nào."));
        });
    }, 200);
  });
})();
