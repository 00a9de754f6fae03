// A slide's own timer (a countdown, a count read again): `fn` every `ms` while the slide is on screen, stopped for
// good once it fades out or is taken off the page (projector.js removes the slide it replaces).
export function whileShown(slide, ms, fn) {
  const timer = setInterval(() => {
    if (slide.classList.contains("leaving") || (!slide.isConnected && slide.dataset.shown)) {
      clearInterval(timer);
      return;
    }
    if (slide.isConnected) slide.dataset.shown = "1";
    fn();
  }, ms);
}
