// Small behaviours that a strict Content-Security-Policy forbids inline.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches("[data-submit-on-change]")) {
    target.form.requestSubmit();
  }
});
