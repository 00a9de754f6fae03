/* Where the codes come in: the scan field's form (typed by hand), and the handheld scanner, which types the code
   and Enter into whatever has the focus (door/scanner.js tells a scan from a person's typing): the scan is caught
   before the focused element sees its Enter, the characters it left in a text box are taken back out and the
   code is checked in. */
import { ScanDetector } from "./scanner.js";

export function mountScanInput(formEl, codeEl, { checkIn, show }) {
  formEl.addEventListener("submit", function (e) {
    e.preventDefault();
    const code = codeEl.value.trim();
    codeEl.value = "";
    if (code) checkIn(code);
  });

  const scanner = new ScanDetector();
  document.addEventListener("keydown", function (e) {
    const scan = scanner.keydown(e, document.activeElement);
    if (!scan) return;   // a person's key: the field or button it is in does its usual work
    e.preventDefault();
    e.stopPropagation();
    if (scan.before !== null && scan.target.value !== scan.before) scan.target.value = scan.before;
    if (scan.target === codeEl) codeEl.value = "";
    if (scan.altered) {
      show({ result: "error", message: "Bộ gõ tiếng Việt (Unikey…) đã đổi mã vừa quét. Chuyển bộ gõ sang chế độ " +
             "tiếng Anh (E) rồi quét lại, hoặc tìm theo tên." });
    } else {
      checkIn(scan.text);
    }
  }, true);
}

/** Keep the scan field focused when nothing else is being used (the scanner works without it too). */
export function keepFocus(codeEl) {
  document.addEventListener("click", function (e) {
    if (e.target.tagName !== "INPUT" && e.target.tagName !== "BUTTON") codeEl.focus();
  });
}
