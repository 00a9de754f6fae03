/* A paper read in the page itself, page by page, with the vendored pdf.js (static/vendor/pdfjs/, pdfjs-dist legacy
   build: loaded only now, when a delegate opens a paper, never with the page). The copy comes from
   GET /api/me/{token}/documents/{id}: every page already carries the delegate's name. No eval, no fonts from
   elsewhere, the worker from our own static folder: the strict Content-Security-Policy holds. */
import { h } from "./dom.js";

const PDFJS = "/static/vendor/pdfjs/pdf.min.mjs";
const WORKER = "/static/vendor/pdfjs/pdf.worker.min.mjs";
let pdfjs = null;
let current = null;

async function library() {
  if (!pdfjs) {
    pdfjs = await import(PDFJS);
    pdfjs.GlobalWorkerOptions.workerSrc = WORKER;
  }
  return pdfjs;
}

async function fetchCopy(url) {
  const answer = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!answer.ok) throw new Error("Lỗi " + answer.status);
  return new Uint8Array(await answer.arrayBuffer());
}

/* Shows `doc` in `viewer`: its title, one page at the phone's width, previous/next, download and close. */
export async function showPaper(viewer, doc, url) {
  if (current) { current.destroy(); current = null; }
  const [lib, data] = await Promise.all([library(), fetchCopy(url)]);
  const pdf = await lib.getDocument({ data, isEvalSupported: false, enableXfa: false }).promise;
  current = pdf;
  const canvas = h("canvas");
  canvas.setAttribute("role", "img");
  const pageNo = h("span", "page-no");
  pageNo.setAttribute("aria-live", "polite");
  const back = h("button", null, "‹ Trang trước");
  const next = h("button", null, "Trang sau ›");
  back.type = next.type = "button";
  const bar = h("div", "bar");
  bar.append(back, pageNo, next);
  const download = h("a", null, "Tải về");
  download.href = url + "?download=1";
  download.setAttribute("download", "");
  const close = h("button", "close", "Đóng tài liệu");
  close.type = "button";
  const actions = h("div", "actions");
  actions.append(download, close);
  viewer.replaceChildren(h("h3", null, doc.title), bar, canvas, actions);
  let number = 1;
  let task = null;

  async function draw() {
    back.disabled = number <= 1;
    next.disabled = number >= pdf.numPages;
    pageNo.textContent = "Trang " + number + "/" + pdf.numPages;
    const page = await pdf.getPage(number);
    const width = Math.max(280, viewer.clientWidth || 340);
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const viewport = page.getViewport({ scale: (width / page.getViewport({ scale: 1 }).width) * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.setAttribute("aria-label", doc.title + ", trang " + number);
    if (task) task.cancel();
    task = page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport });
    try { await task.promise; } catch (e) { /* a newer page was asked for */ }
    canvas.dataset.page = String(number);
    canvas.dataset.rendered = "1";
  }
  back.addEventListener("click", () => { if (number > 1) { number -= 1; canvas.dataset.rendered = "0"; draw(); } });
  next.addEventListener("click", () => { if (number < pdf.numPages) { number += 1; canvas.dataset.rendered = "0"; draw(); } });
  close.addEventListener("click", () => { pdf.destroy(); current = null; viewer.hidden = true; viewer.replaceChildren(); });
  await draw();
}
