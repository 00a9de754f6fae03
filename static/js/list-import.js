/* Uploads a list file (delegates, honours, speeches) from a page's form and shows the answer: what was
   imported, or every problem with its row and column. On success the page reloads to show the list. */
(function (global) {
  "use strict";
  global.listImport = function (form, url, out, describe) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      fetch(url, { method: "POST", credentials: "same-origin", body: new FormData(form),
                   headers: { "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var p = document.createElement("p");
          p.className = data.error ? "flash error" : "flash ok";
          p.textContent = data.error ? data.message : describe(data) + (data.notes && data.notes.length ? " " + data.notes.join(" ") : "");
          out.replaceChildren(p);
          if (!data.error) setTimeout(function () { window.location.reload(); }, 1500);
        })
        .catch(function () { out.textContent = "Mất kết nối tới máy chủ."; });
    });
  };
})(window);
