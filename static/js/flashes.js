/* The results of a form (saved, imported, refused with its reasons) stay stuck to the top of the window until
   closed; closing gives the page its full height back. When the page opened at a place (#delegates, a row), that
   place is brought just below the messages rather than under them. */
const box = document.getElementById("flashes");
if (box) {
  box.querySelector("[data-close-flashes]").addEventListener("click", () => box.remove());
  const target = window.location.hash.length > 1 ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
  if (target) {
    target.style.scrollMarginTop = (box.offsetHeight + 12) + "px";
    target.scrollIntoView({ block: "start" });
  }
}
