// Nominations queue: the "choose all" box ticks every nomination that can be decided.
// Delegated from the document, so it keeps working after htmx swaps the results in.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!box.matches || !box.matches("[data-choose-all]")) {
    return;
  }
  const form = box.closest("form");
  if (!form) {
    return;
  }
  form.querySelectorAll('input[type="checkbox"][name="nominations"]').forEach((item) => {
    item.checked = box.checked;
  });
});
