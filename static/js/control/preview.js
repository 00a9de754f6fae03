/* The preview is the projector page itself at 1920x1080, scaled down to the panel's width. */
export function mountPreview(frame) {
  function fitPreview() { frame.style.transform = "scale(" + frame.parentElement.clientWidth / 1920 + ")"; }
  window.addEventListener("resize", fitPreview);
  fitPreview();
}
