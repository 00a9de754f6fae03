/* Heavy files as jobs: a link marked data-job="badges.pdf" (with data-event) starts the file in a worker on the
   server instead of waiting on one long request, shows its progress beside the link ("Đang tạo thẻ đại biểu:
   340/1.000") and offers the file when it is ready. Without this module the link still works: its GET answers
   the file itself. Loaded as a page's module, or imported by the page's entry module. */
import { getJson, postJson } from "./api.js";
import { h } from "./dom.js";

const POLL_MS = 500;

function number(n) {
  return Number(n).toLocaleString("vi-VN");
}

function progressText(job) {
  if (job.status === "queued") return `${job.label}: đang chờ đến lượt…`;
  if (job.total) return `${job.label}: ${number(job.done)}/${number(job.total)}`;
  return `${job.label}…`;
}

function statusOf(link) {
  let status = link.nextElementSibling;
  if (!status || !status.classList.contains("job-status")) {
    status = h("span", "job-status");
    status.setAttribute("role", "status");
    link.after(status);
  }
  return status;
}

function offer(status, job, link) {
  status.replaceChildren(h("span", null, "Đã tạo xong: "));
  const file = h("a", "job-file", "Mở tệp");
  file.href = job.file;
  if (link.hasAttribute("target")) file.target = link.target;
  status.append(file);
  file.focus();
}

async function follow(link, status, job) {
  while (job.status === "queued" || job.status === "running") {
    status.textContent = progressText(job);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = await getJson(`/api/events/${job.event_id}/jobs/${job.id}`);
  }
  if (job.status === "done") offer(status, job, link);
  else {
    status.textContent = job.message || "Không tạo được tệp.";
    status.classList.add("error");
  }
}

function start(link) {
  const status = statusOf(link);
  status.classList.remove("error");
  status.textContent = "Đang gửi yêu cầu…";
  link.setAttribute("aria-disabled", "true");
  postJson(`/api/events/${link.dataset.event}/jobs`, { kind: link.dataset.job })
    .then((job) => follow(link, status, job))
    .catch((error) => {
      status.textContent = error.message;
      status.classList.add("error");
    })
    .finally(() => link.removeAttribute("aria-disabled"));
}

export function offerJobs(root = document) {
  root.querySelectorAll("a[data-job]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (link.getAttribute("aria-disabled") !== "true") start(link);
    });
  });
}

offerJobs();
