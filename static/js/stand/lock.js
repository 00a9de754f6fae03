/* The stand is locked to its page: no links, no context menu, the browser's Back does nothing; the organiser's
   only way out is the PIN, checked by the server. */
import { OFFLINE, postJson } from "../api.js";

/** Returns the PIN dialog (`.open` while the organiser types: scans are ignored then). */
export function lockStand(api) {
  document.addEventListener("contextmenu", function (e) { e.preventDefault(); });
  history.pushState(null, "", location.href);
  window.addEventListener("popstate", function () { history.pushState(null, "", location.href); });

  const pinDialog = document.getElementById("pin-dialog");
  const pinInput = document.getElementById("pin");
  const pinNote = document.getElementById("pin-note");
  const pinForm = document.getElementById("pin-form");
  const leave = document.getElementById("leave");
  function closePin() { pinDialog.close(); pinInput.value = ""; pinForm.hidden = false; leave.hidden = true; }
  document.getElementById("menu").addEventListener("click", function () {
    pinNote.textContent = "Nhập mã PIN để rời quầy.";
    pinDialog.showModal();
    pinInput.focus();
  });
  pinDialog.querySelectorAll("[data-digit]").forEach(function (b) {
    b.addEventListener("click", function () {
      pinInput.value = b.dataset.digit === "clear" ? "" : (pinInput.value + b.dataset.digit).slice(0, 8);
    });
  });
  pinForm.addEventListener("submit", function (e) {
    e.preventDefault();
    postJson(api + "/kiosk/unlock", { pin: pinInput.value }).then(function () {
      pinForm.hidden = true;
      leave.hidden = false;
    }).catch(function (err) {
      pinInput.value = "";
      pinNote.textContent = err.message === OFFLINE ? "Cần có mạng để rời quầy." : err.message;
    });
  });
  document.getElementById("pin-cancel").addEventListener("click", closePin);
  document.getElementById("leave-stay").addEventListener("click", closePin);
  document.getElementById("leave-go").addEventListener("click", function () {
    postJson("/api/logout", {}).finally(function () { location.replace("/login"); });
  });
  pinDialog.addEventListener("cancel", function (e) { e.preventDefault(); closePin(); });
  return pinDialog;
}
