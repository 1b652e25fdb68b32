// Draws the /growth/ charts from the json_script block "growth-data". The same numbers
// are in the table beside each chart, so the page reads fine without this script.
(function () {
  "use strict";
  var source = document.getElementById("growth-data");
  if (!source || typeof window.Chart !== "function") { return; }
  var data = JSON.parse(source.textContent);
  var steps = data.steps;
  data.attributes.forEach(function (attribute) {
    var canvas = document.querySelector('canvas[data-growth-chart="' + attribute.slug + '"]');
    if (!canvas || attribute.labels.length === 0) { return; }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: attribute.labels,
        datasets: [
          { label: "Your rating", data: attribute.self, spanGaps: true, borderColor: "#1f5f8b",
            backgroundColor: "#1f5f8b", pointStyle: "circle", pointRadius: 5 },
          { label: "Coach rating", data: attribute.coach, spanGaps: true, borderColor: "#b5541c",
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
})();
