// Draws the /pipeline/ charts from the json_script block "pipeline-charts". Each chart's
// numbers are also in the table under it, so the page reads fine without this script.
(function () {
  "use strict";
  var source = document.getElementById("pipeline-charts");
  if (!source || typeof window.Chart !== "function") { return; }
  var charts = JSON.parse(source.textContent);
  var colours = ["#1f3a5f", "#2e7d6b", "#b35c00", "#6f42c1", "#8a1c3b"];
  document.querySelectorAll("canvas[data-pipeline-chart]").forEach(function (canvas) {
    var data = charts[canvas.dataset.pipelineChart];
    if (!data || !data.labels.length) { return; }
    data.datasets.forEach(function (dataset, i) {
      dataset.backgroundColor = colours[i % colours.length];
    });
    new window.Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        indexAxis: canvas.dataset.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true } }
      }
    });
  });
})();
