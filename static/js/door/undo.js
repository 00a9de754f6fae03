/* Undoing the check-in shown on the card: asks once, on the page (a scanner's Enter never answers it: scans are
   caught before), then tells the server and the tablet's own list. */
import { postJson } from "../api.js";
import { undoable } from "./answers.js";

/** Returns { shown(answer) } for the card: a new card closes the question and offers undo when it may. */
export function mountUndo({ api, codeEl, doorEl, roster, greens, show }) {
  const form = document.getElementById("undo-form");
  const confirmEl = document.getElementById("undo-confirm");
  const reasonEl = document.getElementById("undo-reason");
  let lastShown = null;
  let undoing = null;   // { delegate, reason } waiting for the door's answer
  function close() { undoing = null; confirmEl.hidden = true; }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    const reason = reasonEl.value.trim();
    if (!reason || !lastShown) { reasonEl.focus(); return; }
    undoing = { delegate: lastShown, reason: reason };
    document.getElementById("undo-question").textContent =
      "Huỷ điểm danh của " + lastShown.full_name + "? Lý do: " + reason;
    confirmEl.hidden = false;
    document.getElementById("undo-no").focus();
  });
  document.getElementById("undo-no").addEventListener("click", function () { close(); codeEl.focus(); });
  document.getElementById("undo-yes").addEventListener("click", function () {
    if (!undoing) return;
    const asked = undoing;
    close();
    postJson(api + "/checkin/undo", { delegate_id: asked.delegate.id, reason: asked.reason, door: doorEl.value.trim() })
      .then(function (answer) {
        greens.forget();   // undone: scanning the badge again is a new check-in, shown as such
        reasonEl.value = "";
        const d = answer.delegate && roster.byId(answer.delegate.id);
        if (d) { d.checked_in_at = null; roster.save(); }
        show(answer);
      })
      .catch(function (err) { show({ result: "error", message: err.message }); });
  });

  return {
    shown(answer) {
      close();   // a new card: a question about the delegate shown before no longer stands
      lastShown = undoable(answer);
      form.hidden = !lastShown;
    },
  };
}
