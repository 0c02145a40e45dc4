// The site's page script. It folds the sidebar (table of contents, notebook list) on narrow screens, and draws each
// chart from the JSON figure its page carries with charts.js (the layout rule for every width and scheme) and the
// plotly.js shipped in assets/ (no network).
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 63.99rem)");
  function fold() {
    document.querySelectorAll("details.fold").forEach(function (d) { d.open = !narrow.matches; });
  }
  fold();
  narrow.addEventListener("change", fold);

  var charts = window.CourseCharts;
  var figures = document.querySelectorAll("script.chart-figure");
  if (figures.length === 0) {
    return;
  }
  if (typeof window.Plotly === "undefined") {
    console.error("plotly.js did not load (assets/plotly-2.28.0.min.js): the charts cannot be drawn.");
    return;
  }
  figures.forEach(function (script) {
    charts.draw(document.getElementById(script.getAttribute("data-for")), JSON.parse(script.textContent));
  });
})();
