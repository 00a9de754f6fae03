/* POSTs to the server's API as the signed-in user: JSON in, JSON out, the CSRF token of the page,
   and errors as Vietnamese messages a person can act on. */
(function (global) {
  "use strict";
  var OFFLINE = "Mất kết nối tới máy chủ.";

  global.postJson = function (url, body) {
    var csrf = document.querySelector('meta[name="csrf-token"]').content;
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body || {}),
    }).catch(function () { throw new Error(OFFLINE); })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (!r.ok) throw new Error(data.message || "Lỗi " + r.status);
          return data;
        });
      });
  };
})(window);
