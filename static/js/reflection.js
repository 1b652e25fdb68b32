// The reflection form works without this file: the Save button posts the whole form.
// With it, a note under the form says when the draft was last saved by htmx, and the
// note is cleared while the person is typing again.
(function () {
  "use strict";
  var status = document.getElementById("autosave-status");
  var response = document.getElementById("id_response");
  if (!status || !response) { return; }
  response.addEventListener("input", function () {
    if (status.textContent.trim()) { status.textContent = "Unsaved changes…"; }
  });
})();
