/* The name search, for a delegate who forgot their badge: 200 ms after the last key, two letters at least. */
import { getJson, OFFLINE } from "../api.js";
import { h as el, vnTime } from "../dom.js";

export function mountSearch(searchEl, resultsEl, api, { checkInFound, codeEl }) {
  function row(d) {
    const li = el("li", d.checked_in_at ? "present" : "", "");
    li.appendChild(el("span", "who", d.full_name + " — " + (d.unit || "")));
    if (d.checked_in_at) {
      // a state, not an action: plain text, nothing to press
      li.appendChild(el("span", "done-label", "Đã điểm danh lúc " + vnTime(d.checked_in_at)));
    } else {
      const b = el("button", "", "Điểm danh");
      b.addEventListener("click", function () {
        checkInFound(d).then(function () { searchEl.value = ""; resultsEl.replaceChildren(); codeEl.focus(); });
      });
      li.appendChild(b);
    }
    return li;
  }

  let searchTimer = null;
  searchEl.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      const q = searchEl.value.trim();
      if (q.length < 2) { resultsEl.replaceChildren(); return; }
      getJson(api + "/delegates/search?q=" + encodeURIComponent(q))
        .then(function (rows) {
          resultsEl.replaceChildren();
          if (!Array.isArray(rows)) return;
          rows.forEach(function (d) { resultsEl.appendChild(row(d)); });
          if (!rows.length) resultsEl.appendChild(el("li", "muted", "Không tìm thấy đại biểu nào."));
        }).catch(function (e) {
          if (e.message !== OFFLINE) { resultsEl.replaceChildren(); return; }
          resultsEl.replaceChildren(el("li", "muted", "Mất kết nối: hãy quét thẻ, máy vẫn ghi nhận ngoại tuyến."));
        });
    }, 200);
  });
}
