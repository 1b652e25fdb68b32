// A person's name (a[data-profile-panel], templates/leadership/_person_link.html) opens their
// leadership profile in a side panel on a wide screen, so the list behind keeps its place.
// On a phone, or without JavaScript, the link is a plain page. The panel is a Bootstrap
// offcanvas loaded with htmx (the view answers an htmx request with the fragment): focus
// moves to the person's name in it; Escape or the close button shut it and give the focus
// back to the name that opened it.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 992px)");
  var panel = null;
  var body = null;
  var opener = null;
  var loadingCharts = false;

  function build() {
    panel = document.createElement("div");
    panel.className = "offcanvas offcanvas-end profile-panel";
    panel.id = "profile-panel";
    panel.tabIndex = -1;
    panel.setAttribute("aria-label", "Leadership profile");
    var header = document.createElement("div");
    header.className = "offcanvas-header pb-0";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close ms-auto";
    close.setAttribute("data-bs-dismiss", "offcanvas");
    close.setAttribute("aria-label", "Close the profile");
    header.appendChild(close);
    body = document.createElement("div");
    body.className = "offcanvas-body";
    body.id = "profile-panel-body";
    panel.appendChild(header);
    panel.appendChild(body);
    document.body.appendChild(panel);
    panel.addEventListener("shown.bs.offcanvas", focusName);
    panel.addEventListener("hidden.bs.offcanvas", function () {
      if (opener && document.contains(opener)) { opener.focus(); }
    });
  }

  function focusName() {
    var name = body.querySelector("#profile-name");
    if (name && panel.classList.contains("show")) { name.focus(); }
  }

  // The charts need Chart.js and portrait-growth.js, which a list page does not load: the
  // profile names them (data-chart-scripts); portrait-growth.js draws what it finds.
  function drawCharts(root) {
    if (!root.querySelector("canvas[data-growth-chart]")) { return; }
    if (window.Chart && window.deepBenchGrowthCharts) { window.deepBenchGrowthCharts(root); return; }
    var holder = root.querySelector("[data-chart-scripts]");
    if (!holder || loadingCharts) { return; }
    loadingCharts = true;
    var sources = holder.dataset.chartScripts.split(" ");
    (function next(i) {
      if (i >= sources.length) { return; }
      var script = document.createElement("script");
      script.src = sources[i];
      script.onload = function () { next(i + 1); };
      document.head.appendChild(script);
    })(0);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-profile-panel]") : null;
    if (!link || !wide.matches || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey ||
        !window.htmx || !window.bootstrap) { return; }
    event.preventDefault();
    if (!panel) { build(); }
    opener = link;
    panel.setAttribute("aria-label", "Leadership profile");
    panel.removeAttribute("aria-labelledby");
    var waiting = document.createElement("p");
    waiting.setAttribute("role", "status");
    waiting.textContent = "Opening the profile of " + link.textContent.trim() + "…";
    body.replaceChildren(waiting);
    window.bootstrap.Offcanvas.getOrCreateInstance(panel).show();
    window.htmx.ajax("GET", link.href, { source: body, target: body, swap: "innerHTML" });
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!body || event.target !== body) { return; }
    if (body.querySelector("#profile-name")) {
      panel.removeAttribute("aria-label");
      panel.setAttribute("aria-labelledby", "profile-name");
    }
    focusName();
    drawCharts(body);
  });

  // Escape shuts the panel even before it has the focus (Bootstrap listens on the panel
  // only, and moves the focus into it when its opening transition ends).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !panel || !panel.classList.contains("showing") &&
        !panel.classList.contains("show") || panel.contains(event.target)) { return; }
    window.bootstrap.Offcanvas.getOrCreateInstance(panel).hide();
  });

  // Refused or failed: open the page itself, which says why.
  document.addEventListener("htmx:responseError", function (event) {
    if (body && event.target === body && opener) { window.location.assign(opener.href); }
  });
})();
