// The print button of agendas and door sheets (no inline script under the CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-ieum-print]")) {
    window.print();
  }
});
