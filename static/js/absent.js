/* Who has not arrived yet, unit by unit, on the organisers' attendance page: read again a moment after each
   attendance update (arrivals come in bursts, so at most every two seconds), and filtered as one types. */
(function (global) {
  "use strict";
  var REFRESH_MS = 2000;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function render(container, people, filter) {
    var wanted = fold(filter).split(/\s+/).filter(Boolean);
    var shown = people.filter(function (p) {
      var text = fold(p.full_name + " " + (p.unit || ""));
      return wanted.every(function (w) { return text.indexOf(w) >= 0; });
    });
    container.querySelector("[data-count]").textContent = "(" + people.length + ")";
    var list = container.querySelector("[data-list]");
    var parts = [], perUnit = {};
    shown.forEach(function (p) { perUnit[p.unit] = (perUnit[p.unit] || 0) + 1; });
    var unit = null, ul = null;
    shown.forEach(function (p) {
      if (p.unit !== unit || ul === null) {
        unit = p.unit;
        var h = document.createElement("h3");
        h.textContent = (unit || "Không rõ đơn vị") + " (" + perUnit[unit] + ")";
        ul = document.createElement("ul");
        parts.push(h, ul);
      }
      var li = document.createElement("li");
      li.textContent = (p.number != null ? p.number + ". " : "") + p.full_name + (p.title ? " — " + p.title : "")
        + (p.guest ? " (khách mời)" : "") + (p.seat ? " · " + p.seat : "");
      ul.appendChild(li);
    });
    if (!parts.length) {
      var none = document.createElement("p");
      none.className = "muted";
      none.textContent = people.length ? "Không có ai khớp." : "Mọi người đã có mặt.";
      parts.push(none);
    }
    list.replaceChildren.apply(list, parts);
  }

  global.listAbsent = function (socket, url, container) {
    var people = [], timer = null;
    var filter = container.querySelector("[data-filter]");
    function load() {
      timer = null;
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
        .then(function (data) { people = data; render(container, people, filter.value); })
        .catch(function () { /* kept as it was; the next update tries again */ });
    }
    filter.addEventListener("input", function () { render(container, people, filter.value); });
    socket.on("attendance", function () { if (timer === null) timer = setTimeout(load, REFRESH_MS); });
    load();
  };
})(window);
