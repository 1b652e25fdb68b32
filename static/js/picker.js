// Type-ahead pickers (leadership/picker.py): a search box whose suggestions htmx fetches
// into a <datalist>. Without this script the box still works (the browser's own datalist
// suggests, the server resolves what was typed). With it, the suggestions become an ARIA
// combobox (WAI-ARIA Authoring Practices, "list autocomplete"): the box is a combobox that
// owns a listbox, Down and Up move through the suggestions (aria-activedescendant), Enter
// takes one, Escape closes the list, and a status line says how many there are. Browsers
// and screen readers differ in how they present a datalist; this behaves the same in all.
(() => {
  "use strict";

  const label = (input) => (input.labels && input.labels[0] ? input.labels[0].textContent.trim() : "");

  function setUp(input) {
    const datalist = document.getElementById(input.getAttribute("list") || "");
    if (!datalist || input.dataset.pickerReady) {
      return;
    }
    input.dataset.pickerReady = "true";
    input.removeAttribute("list");

    const wrapper = document.createElement("div");
    wrapper.className = "picker position-relative";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    const listbox = document.createElement("ul");
    listbox.id = `${input.id}-listbox`;
    listbox.className = "picker-list list-group position-absolute w-100 shadow";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", `${label(input)}: suggestions`);
    listbox.hidden = true;
    wrapper.appendChild(listbox);

    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let active = -1;
    const options = () => Array.from(listbox.children);

    function show(open) {
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) {
        activate(-1);
      }
    }

    function activate(index) {
      options().forEach((option, i) => {
        const on = i === index;
        option.setAttribute("aria-selected", on ? "true" : "false");
        option.classList.toggle("active", on);
        if (on) {
          option.scrollIntoView({ block: "nearest" });
        }
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options()[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      input.value = option.textContent;
      show(false);
      // Filters that refresh on change (the nomination queue's) refresh now.
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // The suggestions, copied from the datalist htmx filled (or the server rendered).
    function fill() {
      listbox.replaceChildren(
        ...Array.from(datalist.options).map((source, i) => {
          const option = document.createElement("li");
          option.id = `${listbox.id}-${i}`;
          option.className = "list-group-item list-group-item-action";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.textContent = source.value;
          option.addEventListener("mousedown", (event) => event.preventDefault());
          option.addEventListener("click", () => choose(option));
          return option;
        }),
      );
      active = -1;
      const count = listbox.children.length;
      status.textContent = count === 1 ? "1 suggestion" : `${count} suggestions`;
      show(count > 0 && document.activeElement === input);
    }

    datalist.addEventListener("htmx:afterSwap", fill);
    fill();

    input.addEventListener("keydown", (event) => {
      const count = options().length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) {
          return;
        }
        event.preventDefault();
        if (listbox.hidden) {
          show(true);
        }
        const step = event.key === "ArrowDown" ? 1 : -1;
        activate(active < 0 && step < 0 ? count - 1 : (active + step + count) % count);
      } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
        event.preventDefault(); // takes the suggestion; a second Enter submits the form
        choose(options()[active]);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        show(false);
      }
    });
    input.addEventListener("blur", () => show(false));
  }

  function enhance(root) {
    root.querySelectorAll("input[data-picker][list]").forEach(setUp);
  }

  document.addEventListener("htmx:load", (event) => enhance(event.detail.elt));
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhance(document));
  } else {
    enhance(document);
  }
})();
