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
  // A wide table scrolls sideways inside its .table-responsive box (on a phone, say). While
  // it does, the box takes the keyboard focus, so arrow keys can scroll it, and is named
  // after the table's caption; when it fits again it goes back to being a plain box.
  function markScrollBoxes() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
        box.dataset.scrollBox = "yes";
      } else if (!scrolls && box.dataset.scrollBox === "yes") {
        ["tabindex", "role", "aria-label", "data-scroll-box"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  var pending = false;
  function soon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; markScrollBoxes(); });
  }
  markScrollBoxes();
  window.addEventListener("resize", soon);
  document.addEventListener("htmx:afterSettle", soon);
})();
