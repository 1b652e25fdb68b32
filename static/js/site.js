// Deep Bench's own behaviour. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // A form marked data-once disables its submit buttons after the first submit,
  // so a double click sends it once.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-once]")) { return; }
    if (form.dataset.submitted === "yes") { event.preventDefault(); return; }
    form.dataset.submitted = "yes";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
        b.disabled = true;
      });
    }, 0);
  });
  // Buttons with data-confirm ask before they submit.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) { event.preventDefault(); }
  });
})();
