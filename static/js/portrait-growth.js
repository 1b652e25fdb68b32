// Draws growth charts from their data: a json_script block whose id ends in "growth-data"
// (/growth/) or an element's data-growth-json (a person's profile, which htmx may swap into
// the side panel, where script blocks are not kept; static/js/profile-panel.js calls
// window.deepBenchGrowthCharts(root) then). The same numbers are in the table beside each
// chart, so the page reads fine without this script.
(function () {
  "use strict";
  function draw(source) {
    var root = source.closest("[data-growth-root]") || document;
    var data = JSON.parse(source.dataset.growthJson || source.textContent);
    var steps = data.steps;
    var labels = data.labels || { self: "Your rating", coach: "Coach rating" };
    data.attributes.forEach(function (attribute) {
      var canvas = root.querySelector('canvas[data-growth-chart="' + attribute.slug + '"]');
      if (!canvas || canvas.dataset.drawn === "yes" || attribute.labels.length === 0) { return; }
      canvas.dataset.drawn = "yes";
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: attribute.labels,
          datasets: [
            { label: labels.self, data: attribute.self, spanGaps: true, borderColor: "#1f5f8b",
              backgroundColor: "#1f5f8b", pointStyle: "circle", pointRadius: 5 },
            { label: labels.coach, data: attribute.coach, spanGaps: true, borderColor: "#b5541c",
              backgroundColor: "#b5541c", pointStyle: "rectRot", pointRadius: 6, borderDash: [6, 4] }
          ]
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: {
              min: 0.5,
              max: 4.5,
              afterBuildTicks: function (axis) {
                axis.ticks = [1, 2, 3, 4].map(function (v) { return { value: v }; });
              },
              ticks: { callback: function (v) { return steps[v] || ""; } }
            }
          }
        }
      });
    });
  }
  function drawAll(root) {
    if (typeof window.Chart !== "function") { return; }
    (root || document)
      .querySelectorAll('script[type="application/json"][id$="growth-data"], [data-growth-json]')
      .forEach(draw);
  }
  window.deepBenchGrowthCharts = drawAll;
  drawAll(document);
})();
