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

  var dark = window.matchMedia("(prefers-color-scheme: dark)");
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
    // The notebook's charts are 600 px tall with plotly's wide default margins. An untitled chart needs no room
    // above it. On a phone keep the chart closer to square, give the plot area the room, put the legend above
    // the plot instead of beside it, and leave out the mode bar (touch zoom and pan still work).
    var width = div.clientWidth || 600;
    var titled = Boolean(layout.title && (layout.title.text || typeof layout.title === "string"));
    layout.height = Math.min(layout.height || 500, Math.max(360, Math.round(width * 0.95)));
    if (width < 560) {
      layout.margin = Object.assign({ l: 56, r: 16, t: titled ? 80 : 24, b: 56 }, layout.margin);
      layout.legend = Object.assign({ orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" }, layout.legend);
      figure.config.displayModeBar = false;
    } else if (!titled) {
      layout.margin = Object.assign({ t: 40 }, layout.margin);
    }
    window.Plotly.newPlot(div, figure.data, layout, figure.config).then(function () {
      if (dark.matches) {
        window.Plotly.relayout(div, scheme(div));
      }
    });
  });

  // Dark scheme: the chart's own colours follow the page. null gives an attribute back to the notebook's template,
  // so switching the system setting back to light restores the chart exactly as the notebook drew it.
  dark.addEventListener("change", function () {
    document.querySelectorAll("main .chart").forEach(function (div) { window.Plotly.relayout(div, scheme(div)); });
  });

  function scheme(div) {
    var on = dark.matches;
    var update = {
      paper_bgcolor: on ? "#161b22" : null,
      plot_bgcolor: on ? "#1e252e" : null,
      "font.color": on ? "#e6edf3" : null,
      "legend.bgcolor": on ? "rgba(0,0,0,0)" : null,
      "modebar.bgcolor": on ? "rgba(0,0,0,0)" : null,
      "modebar.color": on ? "#a2acb8" : null,
      "modebar.activecolor": on ? "#e6edf3" : null,
    };
    Object.keys(div.layout).concat(["xaxis", "yaxis"]).filter(function (key) {
      return /^[xy]axis[0-9]*$/.test(key);
    }).forEach(function (axis) {
      update[axis + ".gridcolor"] = on ? "#37414d" : null;
      update[axis + ".zerolinecolor"] = on ? "#5b6673" : null;
      update[axis + ".linecolor"] = on ? "#5b6673" : null;
    });
    return update;
  }
})();
