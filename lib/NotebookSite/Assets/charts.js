// The layout rule for every chart of the course, applied by width and colour scheme when a page draws its charts (and
// again when the window's width or the scheme changes). The notebooks' figures are laid out for an 800 px output; here:
// - the title becomes the figure's HTML caption, which wraps to any width (and so never runs under the mode bar);
// - the legend goes between the title and the plot, in as many rows as its entries need, so it never covers an axis;
// - each panel of a multi-panel chart gets its own height, so the chart grows with the number of panels;
// - a slider goes below the x axis, with room for its labels;
// - in the dark scheme the backgrounds, grid and text turn dark, and a trace colour without 3:1 contrast against the
//   plot (black reference lines) is lightened until it has it; in the light scheme, a colour too pale for the plot
//   (Okabe–Ito orange on plotly's blue-grey) is darkened the same way.
// The dark scheme is the page's choice when it makes one (html.dark, or data-theme="dark"/"light" on <html>),
// otherwise the system's (prefers-color-scheme).
(function () {
  "use strict";

  var FONT = '"Open Sans", verdana, arial, sans-serif';
  var LEGEND_SIZE = 12;
  var MODEBAR_ROOM = 34;       // the mode bar's row above the title (laptop widths)
  var PHONE = 560;             // below this width: no mode bar, tighter margins
  var AXIS_ROOM = 72;          // tick labels and the axis title below a panel
  var SLIDER_ROOM = 96;        // a slider's current value, rail, ticks and labels
  var DARK = { paper: "#161b22", plot: "#1e252e", text: "#e6edf3", grid: "#37414d", line: "#5b6673", muted: "#a2acb8" };
  var MIN_CONTRAST = 3;        // WCAG 2.x non-text contrast

  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  var measure = document.createElement("canvas").getContext("2d");

  function isDark() {
    var root = document.documentElement;
    var theme = root.getAttribute("data-theme");
    if (theme === "dark" || root.classList.contains("dark")) {
      return true;
    }
    if (theme === "light" || root.classList.contains("light")) {
      return false;
    }
    return systemDark.matches;
  }

  function textWidth(text, size) {
    measure.font = size + "px " + FONT;
    return measure.measureText(text).width;
  }

  function titleText(layout) {
    var title = layout.title;
    return (title && (title.text || (typeof title === "string" ? title : ""))) || "";
  }

  // The legend's entries as plotly shows them: traces not hidden from it, and a lone trace shows none.
  function legendNames(data, layout) {
    if (layout.showlegend === false) {
      return [];
    }
    var shown = data.filter(function (trace) {
      return trace.visible !== false && trace.showlegend !== false && !/^(heatmap|contour|histogram2d)/.test(trace.type || "");
    });
    return shown.length > 1 || layout.showlegend === true ? shown.map(function (t) { return t.name || ""; }) : [];
  }

  // Rows a horizontal legend takes at this width (plotly wraps entries to the plot area's width).
  function legendRows(names, width) {
    var rows = names.length ? 1 : 0;
    var used = 0;
    names.forEach(function (name) {
      var item = 46 + textWidth(name, LEGEND_SIZE);
      if (used > 0 && used + item > width) {
        rows += 1;
        used = 0;
      }
      used += item;
    });
    return rows;
  }

  // The legend's height in pixels, estimated: the most rows any slider step shows (a step's visible traces).
  function legendEstimate(data, layout, width) {
    var sets = [data];
    (layout.sliders || []).forEach(function (slider) {
      (slider.steps || []).forEach(function (step) {
        var visible = step.args && step.args[0] && step.args[0].visible;
        if (Array.isArray(visible)) {
          sets.push(data.map(function (trace, i) { return Object.assign({}, trace, { visible: visible[i] }); }));
        }
      });
    });
    var rows = Math.max.apply(null, sets.map(function (traces) { return legendRows(legendNames(traces, layout), width); }));
    return rows ? rows * 20 + 6 : 0;
  }

  function panelCount(layout) {
    return layout.grid && layout.grid.rows > 1 ? layout.grid.rows : 1;
  }

  // The layout for a chart at this width: the notebook's layout with title, legend, margins, height and panel domains
  // replaced. legendHeight, when known from a drawing, replaces the estimate.
  function fitted(base, data, width, legendHeight) {
    var layout = JSON.parse(JSON.stringify(base));
    var panels = panelCount(layout);
    var phone = width < PHONE;
    var top = phone ? 8 : MODEBAR_ROOM;
    delete layout.title;   // drawn above the chart as its HTML caption, which wraps to any width
    var margin = { l: phone ? 52 : 64, r: phone ? 12 : 24, b: AXIS_ROOM, t: top + 6 };
    var legendTop = margin.t;
    var legend = legendHeight || legendEstimate(data, layout, width - margin.l - margin.r);
    if (legend) {
      margin.t += legend + 6;
    }
    // A lone plot is at most 340 px tall; stacked panels share a page, so each is kept shorter (but never below 220 px).
    var panel = Math.round(Math.min(panels > 1 ? 280 : 340, Math.max(phone ? 220 : 260, width * 0.55)));
    var gap = AXIS_ROOM;
    var sliders = (layout.sliders || []).length;
    margin.b = AXIS_ROOM + sliders * SLIDER_ROOM;
    layout.height = margin.t + panels * panel + (panels - 1) * gap + margin.b;
    layout.margin = margin;
    layout.autosize = true;
    delete layout.width;
    if (legend) {
      layout.legend = Object.assign({}, layout.legend, {
        orientation: "h", xref: "paper", x: 0, xanchor: "left",
        yref: "container", y: 1 - legendTop / layout.height, yanchor: "top",
      });
    }
    if (panels > 1) {
      var area = layout.height - margin.t - margin.b;
      for (var i = 0; i < panels; i++) {
        var key = i === 0 ? "yaxis" : "yaxis" + (i + 1);
        var upper = 1 - i * (panel + gap) / area;
        layout[key] = Object.assign({}, layout[key], { domain: [Math.max(0, upper - panel / area), upper] });
      }
    }
    (layout.sliders || []).forEach(function (slider) {
      slider.x = 0;
      slider.len = 1;
      slider.y = 0;
      slider.yanchor = "top";
      slider.pad = Object.assign({}, slider.pad, { t: AXIS_ROOM - 6 });
    });
    return layout;
  }

  // ---- colour scheme -------------------------------------------------------------------------------------------

  function parse(colour) {
    if (typeof colour !== "string") {
      return null;
    }
    var m = /^#([0-9a-f]{6})$/i.exec(colour);
    if (m) {
      var n = parseInt(m[1], 16);
      return [n >> 16 & 255, n >> 8 & 255, n & 255, 1];
    }
    m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(colour);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  }

  function luminance(rgb) {
    var c = rgb.slice(0, 3).map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // The colour itself when it stands out from the background, otherwise the colour mixed with white (on a dark
  // background) or black (on a light one) just enough.
  function visibleOn(colour, background) {
    var rgb = parse(colour);
    var bg = parse(background);
    if (!rgb || !bg || contrast(rgb, bg) >= MIN_CONTRAST) {
      return colour;
    }
    var towards = luminance(bg) < 0.18 ? 255 : 0;
    for (var t = 0.05; t < 1; t += 0.05) {
      var mixed = rgb.slice(0, 3).map(function (v) { return Math.round(v + (towards - v) * t); });
      if (contrast(mixed, bg) >= MIN_CONTRAST) {
        return "rgba(" + mixed.join(", ") + ", " + rgb[3] + ")";
      }
    }
    return towards ? "#ffffff" : "#000000";
  }

  // The plot background the notebook's figure asks for (its template's, unless the layout sets its own).
  function lightPlot(layout) {
    return layout.plot_bgcolor || (layout.template && layout.template.layout && layout.template.layout.plot_bgcolor) || "#ffffff";
  }

  // The traces' colours for a scheme: each line and marker colour kept where it has 3:1 contrast on the plot,
  // otherwise moved towards the text colour until it has.
  function schemeData(baseData, layout, dark) {
    var background = dark ? DARK.plot : lightPlot(layout);
    return baseData.map(function (trace) {
      var copy = JSON.parse(JSON.stringify(trace));
      if (!/^(heatmap|contour)/.test(copy.type || "")) {
        ["line", "marker"].forEach(function (part) {
          if (copy[part] && typeof copy[part].color === "string") {
            copy[part].color = visibleOn(copy[part].color, background);
          }
        });
      }
      return copy;
    });
  }

  function schemeLayout(layout, dark) {
    if (!dark) {
      return layout;
    }
    layout.paper_bgcolor = DARK.paper;
    layout.plot_bgcolor = DARK.plot;
    layout.font = Object.assign({}, layout.font, { color: DARK.text });
    layout.legend = Object.assign({}, layout.legend, { bgcolor: "rgba(0,0,0,0)" });
    layout.modebar = Object.assign({}, layout.modebar, { bgcolor: "rgba(0,0,0,0)", color: DARK.muted, activecolor: DARK.text });
    Object.keys(layout).filter(function (key) { return /^[xy]axis[0-9]*$/.test(key); }).concat(["xaxis", "yaxis"])
      .forEach(function (axis) {
        layout[axis] = Object.assign({}, layout[axis], { gridcolor: DARK.grid, zerolinecolor: DARK.line, linecolor: DARK.line });
      });
    (layout.sliders || []).forEach(function (slider) {
      slider.bgcolor = DARK.line;
      slider.bordercolor = DARK.muted;
      slider.activebgcolor = DARK.text;
      slider.tickcolor = DARK.muted;
      slider.font = Object.assign({}, slider.font, { color: DARK.text });
    });
    return layout;
  }

  // ---- drawing ---------------------------------------------------------------------------------------------

  var drawn = [];

  // What a slider step changed (which traces are visible, which step is active) survives a redraw.
  function currentState(div, data, layout) {
    if (div.data) {
      div.data.forEach(function (trace, i) {
        if (data[i] && "visible" in trace) {
          data[i].visible = trace.visible;
        }
      });
      (div.layout.sliders || []).forEach(function (slider, i) {
        if (layout.sliders && layout.sliders[i]) {
          layout.sliders[i].active = slider.active;
        }
      });
    }
  }

  function render(chart) {
    var div = chart.div;
    var width = div.clientWidth || 600;
    var dark = isDark();
    var data = schemeData(chart.figure.data, chart.figure.layout, dark);
    currentState(div, data, chart.figure.layout);
    var layout = schemeLayout(fitted(chart.figure.layout, data, width, chart.legendHeight[width]), dark);
    var config = Object.assign({}, chart.figure.config, { responsive: true, displaylogo: false });
    if (width < PHONE) {
      config.displayModeBar = false;   // touch zoom and pan still work
    }
    chart.width = width;
    chart.dark = dark;
    return window.Plotly.react(div, data, layout, config).then(function () {
      // The legend's rows were estimated from text widths; when plotly drew it taller, lay out once more with its height.
      var legend = div.querySelector(".legend .bg");
      if (legend && !chart.legendHeight[width]) {
        var height = Math.ceil(legend.getBoundingClientRect().height);
        chart.legendHeight[width] = height;
        if (height > legendEstimate(data, chart.figure.layout, width - layout.margin.l - layout.margin.r) + 2) {
          return render(chart);
        }
      }
      return null;
    });
  }

  // The chart's title as the figure's caption: HTML text wraps to the column and never sits under the mode bar.
  function caption(div, layout) {
    var text = titleText(layout);
    var figure = div.closest("figure");
    if (text && figure && !figure.querySelector("figcaption")) {
      var element = document.createElement("figcaption");
      element.className = "chart-title";
      // plotly's title text is plain text with a few tags (<br>, <b>, <sub>…): line breaks kept, tags dropped, and a
      // bare "<" or ">" (T < 1) is text.
      element.textContent = text.replace(/<br\s*\/?>/gi, "\n").replace(/<\/?(b|i|em|sub|sup|span)(\s[^>]*)?>/gi, "");
      figure.insertBefore(element, figure.firstChild);
    }
  }

  function draw(div, figure) {
    caption(div, figure.layout);
    var chart = { div: div, figure: figure, legendHeight: {}, width: 0, dark: null };
    drawn.push(chart);
    return render(chart);
  }

  function redrawChanged() {
    drawn.forEach(function (chart) {
      if (chart.div.clientWidth !== chart.width || isDark() !== chart.dark) {
        render(chart);
      }
    });
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(redrawChanged, 150);
  });
  systemDark.addEventListener("change", redrawChanged);
  new MutationObserver(redrawChanged).observe(document.documentElement, { attributes: true, attributeFilter: ["class", "data-theme"] });

  window.CourseCharts = { draw: draw };
})();
