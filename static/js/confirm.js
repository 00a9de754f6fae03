/* A form whose button (or the form itself) has data-confirm asks once before it is sent: revoking a tablet's session
   or a badge is not undone by pressing again. Loaded by the pages that have such forms. */
document.addEventListener("submit", function (e) {
  const question = (e.submitter && e.submitter.dataset.confirm) || e.target.dataset.confirm;
  if (question && !window.confirm(question)) e.preventDefault();
}, true);
