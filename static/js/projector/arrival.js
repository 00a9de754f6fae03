// The projector's arrival slide, shown while delegates come in before the opening: the congress's name, the hall
// Wi-Fi with a QR to join it, the follow page's QR, the delegates arrived out of those summoned (read again every
// few seconds while the slide is up), the time left to the opening, and the SHA-256 fingerprint of the hall's
// certificate authority (issue 20), which a tablet or phone installing it compares with the one its screen shows.
// screen = {kind: "arrival", name, wifi_ssid, wifi_password, wifi_qr, follow_url, follow_qr, counts_url, opens_at,
//           present, summoned, tls_fingerprint (null with the organiser's own certificate)}. Text only through
// textContent.
import { h as el } from "../dom.js";
import { serverNow } from "../clock.js";
import { whileShown } from "./while-shown.js";

const COUNTS_MS = 3000;

function qrPanel(src, alt, title, lines) {
  const panel = el("div", "arrival-panel");
  const img = el("img", "arrival-qr");
  img.src = src;
  img.alt = alt;
  panel.append(img, el("div", "arrival-panel-title", title));
  lines.filter(Boolean).forEach((line) => panel.appendChild(el("div", "arrival-panel-line", line)));
  return panel;
}

// The 32 bytes "AB:CD:…" in two lines of 16: each line reads from the back of the hall, none is cut.
function fingerprintPanel(fingerprint) {
  const bytes = fingerprint.split(":");
  const panel = el("div", "arrival-tls");
  panel.appendChild(el("div", "arrival-tls-title", "Cài chứng chỉ https của hội trường: đối chiếu dấu vân tay SHA-256"));
  [bytes.slice(0, 16), bytes.slice(16)].forEach((half) => {
    if (half.length) panel.appendChild(el("div", "arrival-tls-line", half.join(":")));
  });
  return panel;
}

// "còn 1 giờ 05 phút", "còn 12 phút", then nothing once the time has come
export function timeLeft(opensAt, now) {
  const minutes = Math.ceil((Date.parse(opensAt) - now) / 60000);
  if (!(minutes > 0)) return "";
  const hours = Math.floor(minutes / 60), rest = minutes % 60;
  return "còn " + (hours ? hours + " giờ " + String(rest).padStart(2, "0") + " phút" : rest + " phút");
}

export function arrivalSlide(screen) {
  const slide = el("div", "slide arrival");
  slide.appendChild(el("div", "eyebrow", "Chào mừng đại biểu về dự"));
  slide.appendChild(el("div", "fit headline arrival-name", screen.name));
  const row = el("div", "arrival-row");
  if (screen.wifi_qr) {
    row.appendChild(qrPanel(screen.wifi_qr, "Mã QR vào Wi-Fi " + screen.wifi_ssid, "Wi-Fi: " + screen.wifi_ssid,
                            [screen.wifi_password ? "Mật khẩu: " + screen.wifi_password : "Không cần mật khẩu"]));
  }
  const figures = el("div", "arrival-figures");
  const count = el("div", "arrival-count");
  const present = el("span", "arrival-present", screen.present);
  count.append(present, el("span", "arrival-of", " / "), el("span", "arrival-summoned", screen.summoned));
  figures.append(count, el("div", "arrival-label", "đại biểu đã có mặt"));
  const hhmm = String(screen.opens_at).slice(11, 16);   // the opening in Vietnam time, as the server wrote it
  const left = el("div", "arrival-left");
  figures.append(el("div", "arrival-opens", "Khai mạc lúc " + hhmm), left);
  row.appendChild(figures);
  row.appendChild(qrPanel(screen.follow_qr, "Mã QR trang theo dõi chương trình", "Theo dõi chương trình",
                          ["trên điện thoại"]));
  slide.appendChild(row);
  if (screen.tls_fingerprint) slide.appendChild(fingerprintPanel(screen.tls_fingerprint));

  // Alive while on screen: the count read again, the time left ticked; both stop once the slide is gone.
  function tick() { left.textContent = timeLeft(screen.opens_at, serverNow()); }
  tick();
  whileShown(slide, 1000, tick);
  let reading = false;
  whileShown(slide, COUNTS_MS, () => {
    if (reading || !screen.counts_url) return;
    reading = true;
    fetch(screen.counts_url, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : null)).then((c) => {
      if (c) { present.textContent = c.present; slide.querySelector(".arrival-summoned").textContent = c.summoned; }
    }).catch(() => {}).finally(() => { reading = false; });
  });
  return slide;
}
