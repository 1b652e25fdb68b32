// Swagger UI (the API's documentation page) names two of its controls in ways a screen
// reader cannot use: the authorization dialog's close button has no name, and buttons whose
// aria-label differs from the words shown (speech input users say what they see). This
// mends their names as Swagger UI draws them; it changes no structure React owns.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.MutationObserver) { return; }

  function mend() {
    root.querySelectorAll("button.close-modal:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Close");
    });
    root.querySelectorAll("button[aria-label]").forEach(function (button) {
      var shown = button.textContent.trim();
      var name = button.getAttribute("aria-label");
      if (shown && name.toLowerCase().indexOf(shown.toLowerCase()) === -1) {
        button.setAttribute("aria-label", shown + ": " + name);
      }
    });
  }

  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
  mend();
})();
