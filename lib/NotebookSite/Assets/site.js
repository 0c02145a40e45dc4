// The site's only script. It folds the sidebar (table of contents, notebook list) on narrow screens, and draws each
// chart from the JSON figure its page carries, with the plotly.js shipped in assets/ (no network).
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 63.99rem)");
  function fold() {
    document.querySelectorAll("details.fold").forEach(function (d) { d.open = !narrow.matches; });
  }
  fold();
  narrow.addEventListener("change", fold);

  var figures = document.querySelectorAll("script.chart-figure");
  if (figures.length === 0) {
    return;
  }
  if (typeof window.Plotly === "undefined") {
    console.error("plotly.js did not load (assets/plotly-2.28.0.min.js): the charts cannot be drawn.");
    return;
  }
  figures.forEach(function (script) {
    var figure = JSON.parse(script.textContent);
    var div = document.getElementById(script.getAttribute("data-for"));
    var layout = figure.layout;
    // The notebook's charts are 600 px tall with plotly's wide default margins; on a phone keep them closer to
    // square, give the plot area the room, and put the legend above the plot instead of beside it.
    var width = div.clientWidth || 600;
    layout.height = Math.min(layout.height || 500, Math.max(360, Math.round(width * 0.95)));
    if (width < 560) {
      var titled = layout.title && (layout.title.text || typeof layout.title === "string");
      layout.margin = Object.assign({ l: 56, r: 16, t: titled ? 96 : 56, b: 56 }, layout.margin);
      layout.legend = Object.assign({ orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" }, layout.legend);
      if (titled && typeof layout.title === "object") {
        layout.title = Object.assign({ font: { size: 15 } }, layout.title);
      }
    }
    window.Plotly.newPlot(div, figure.data, layout, figure.config);
  });
})();
