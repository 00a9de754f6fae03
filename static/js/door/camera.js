/* A camera that reads the QR codes held in front of it (a printed badge, or the badge on a delegate's phone), for
   the door tablet and the kiosk stand: jsQR on a frame every FRAME_MS. A badge held up stays in view for many
   frames, so the same code is passed on once, and again only after REPEAT_MS (a second try by the same person). */
import { jsQR } from "../vendor.js";

const FRAME_MS = 150;
const REPEAT_MS = 4000;

/* Which codes seen at `now` are new: a different code, or the same one after `repeatMs`. Pure, for the tests. */
export class RepeatGuard {
  constructor(repeatMs = REPEAT_MS) {
    this.repeatMs = repeatMs;
    this.last = null;
    this.at = 0;
  }

  fresh(code, now) {
    if (code === this.last && now - this.at <= this.repeatMs) return false;
    this.last = code;
    this.at = now;
    return true;
  }
}

export class QrCamera {
  /* `video`: the element that shows what the lens sees; `onCode(code)` for each new code read;
     `facingMode`: "environment" (the back camera, a tablet held by an usher) or "user" (a stand facing the queue);
     `repeatMs`: how long the same code is not passed on again. */
  constructor(video, onCode, facingMode = "environment", repeatMs = REPEAT_MS) {
    this.video = video;
    this.onCode = onCode;
    this.facingMode = facingMode;
    this.canvas = document.createElement("canvas");
    this.guard = new RepeatGuard(repeatMs);
    this.stream = null;
  }

  get available() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && jsQR);
  }

  /* Resolves once the camera runs; rejects when the browser has no camera for this page or it is refused. */
  start() {
    if (!this.available) return Promise.reject(new Error("no camera"));
    return navigator.mediaDevices.getUserMedia({ video: { facingMode: this.facingMode } }).then((stream) => {
      this.stream = stream;
      this.video.srcObject = stream;
      this.video.play();
      this.tick();
    });
  }

  stop() {
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }

  tick() {
    if (!this.stream) return;
    const video = this.video;
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      this.canvas.width = video.videoWidth;
      this.canvas.height = video.videoHeight;
      const ctx = this.canvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(video, 0, 0, this.canvas.width, this.canvas.height);
      // badges, printed or on the phone page, are dark on light: half the work of trying both on a cheap tablet
      const found = jsQR(ctx.getImageData(0, 0, this.canvas.width, this.canvas.height).data,
                         this.canvas.width, this.canvas.height, { inversionAttempts: "dontInvert" });
      const code = found && found.data ? found.data.trim() : "";
      if (code && this.guard.fresh(code, Date.now())) this.onCode(code);
    }
    setTimeout(() => this.tick(), FRAME_MS);
  }
}
