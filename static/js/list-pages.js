/* The organisers' list pages (honours, speeches): uploading a list file, and the buttons that change the list.
   After a change the page reloads to show the list as it now is; a refusal is shown with its reason. */
(function (global) {
  "use strict";

  global.changeList = function (url, body) {
    return postJson(url, body).then(function () { window.location.reload(); }, function (e) { window.alert(e.message); });
  };

  global.onEachClick = function (selector, handler) {
    document.querySelectorAll(selector).forEach(function (b) {
      b.addEventListener("click", function () { handler(b.dataset); });
    });
  };

  /* Shows what was imported, or every problem with its row and column. */
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
