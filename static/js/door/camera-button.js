/* The door's camera (door/camera.js) behind its button: on when the usher asks, the back camera of the tablet. */
import { QrCamera } from "./camera.js";

export function mountCameraButton(button, note, video, onCode) {
  const camera = new QrCamera(video, onCode, "environment");
  button.addEventListener("click", function () {
    if (camera.stream) {
      camera.stop();
      button.textContent = "Bật camera"; note.hidden = false;
      return;
    }
    if (!camera.available) {
      note.textContent = "Trình duyệt không cho dùng camera trên địa chỉ này (cần https hoặc localhost). Dùng máy quét cầm tay.";
      return;
    }
    camera.start().then(function () {
      button.textContent = "Tắt camera"; note.hidden = true;
    }).catch(function () { note.textContent = "Không mở được camera. Dùng máy quét cầm tay hoặc tìm theo tên."; });
  });
}
