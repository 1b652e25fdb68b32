// Draws the /pipeline/ charts from the json_script block "pipeline-charts". Each chart's
// numbers are also in the table under it, so the page reads fine without this script.
// A chart marked "whole" counts (people, nominations, whole percents): its value axis has
// whole-number ticks only, never 0.5 of a person.
(function () {
  "use strict";
  var source = document.getElementById("pipeline-charts");
  if (!source || typeof window.Chart !== "function") { return; }
  var charts = JSON.parse(source.textContent);
  var colours = ["#1f3a5f", "#2e7d6b", "#b35c00", "#6f42c1", "#8a1c3b"];
  document.querySelectorAll("canvas[data-pipeline-chart]").forEach(function (canvas) {
    var chart = charts[canvas.dataset.pipelineChart];
    if (!chart || !chart.labels.length) { return; }
    chart.datasets.forEach(function (dataset, i) {
      dataset.backgroundColor = colours[i % colours.length];
    });
    var horizontal = Boolean(canvas.dataset.horizontal);
    var values = { beginAtZero: true };
    if (chart.whole) { values.ticks = { precision: 0 }; }
    if (chart.max) { values.suggestedMax = chart.max; }
    var scales = {};
    scales[horizontal ? "x" : "y"] = values;
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: chart.labels, datasets: chart.datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: scales
      }
    });
  });
})();
