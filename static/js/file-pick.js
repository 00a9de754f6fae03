/* A file field that speaks Vietnamese whatever the browser's language: the browser's own button ("Choose File",
   "No file chosen") is hidden behind "Chọn tệp…" and the chosen file's name (the field is still the real one, so
   the keyboard, the label and the form work as before). */
document.querySelectorAll(".file-pick").forEach((label) => {
  const input = label.querySelector("input[type=file]");
  const name = label.querySelector("[data-file-name]");
  input.addEventListener("change", () => {
    name.textContent = input.files.length ? input.files[0].name : "Chưa chọn tệp nào";
  });
});
