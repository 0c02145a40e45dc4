// The site's only script (no network: everything it loads ships in assets/). It folds the sidebar on narrow
// screens; offers the light/dark toggle (remembered in localStorage, "system" follows the system); adds a copy
// button to code, and a hint and a wrap button to any block wider than its column; runs the offline search over
// assets/search-index.js; and draws each chart from the JSON figure its page carries with charts.js (the layout rule for every width and
// scheme, redrawn when the theme changes), with a picture of it for print.
(function () {
  "use strict";

  var root = document.documentElement;
  // The page's words, in its language (SiteText in lib/NotebookSite writes them into every page).
  var textElement = document.getElementById("site-text");
  var words = textElement ? JSON.parse(textElement.textContent) : {};
  function say(key) {
    var args = arguments;
    return (words[key] || key).replace(/\{(\d)\}/g, function (_, n) { return args[+n + 1]; });
  }
  var narrow = window.matchMedia("(max-width: 63.99rem)");
  function fold() {
    document.querySelectorAll("details.fold").forEach(function (d) { d.open = !narrow.matches; });
  }
  fold();
  narrow.addEventListener("change", fold);

  // ---- Light/dark: "system" (no data-theme), or the reader's choice. -------------------------------------------
  var themeKey = "notebook-site-theme";
  var toggle = document.querySelector(".theme-toggle");
  function showTheme() {
    var chosen = root.dataset.theme || "system";
    toggle.textContent = say("theme", say(chosen));
    toggle.title = say("themeTitle", say(chosen), say(next(chosen)));
  }
  function next(chosen) {
    return { system: "light", light: "dark", dark: "system" }[chosen];
  }
  if (toggle) {
    toggle.hidden = false;
    showTheme();
    toggle.addEventListener("click", function () {
      var chosen = next(root.dataset.theme || "system");
      try {
        if (chosen === "system") {
          delete root.dataset.theme;
          localStorage.removeItem(themeKey);
        } else {
          root.dataset.theme = chosen;
          localStorage.setItem(themeKey, chosen);
        }
      } catch (e) {
        // Storage refused (private mode): the choice holds for this page only.
      }
      showTheme(); // charts.js sees the new data-theme and redraws the charts
    });
  }

  // ---- Code and outputs: copy, and any overflow made visible. -------------------------------------------------
  function tools(block) {
    var bar = block.previousElementSibling;
    if (bar && bar.classList.contains("block-tools")) {
      return bar;
    }
    bar = document.createElement("div");
    bar.className = "block-tools";
    block.parentNode.insertBefore(bar, block);
    return bar;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // A small button of a block's bar; its visible text is its accessible name.
  function barButton(className, text, title, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = text;
    button.title = title;
    button.addEventListener("click", onClick);
    return button;
  }

  document.querySelectorAll("main .cell.code pre.code").forEach(function (pre) {
    var button = barButton("copy-button", say("copy"), say("copyTitle"), function () {
      copyText(pre.textContent).then(function () {
        button.textContent = say("copied");
      }, function () {
        button.textContent = say("copyFailed");
      });
      setTimeout(function () { button.textContent = say("copy"); }, 2000);
    });
    tools(pre).appendChild(button);
  });

  var wide = "main pre, main .output-html, main .table-scroll, main .math-display";
  function markOverflow() {
    document.querySelectorAll(wide).forEach(function (block) {
      if (block.closest(".block-tools") || block.offsetParent === null) {
        return; // not shown (a folded answer): measured when it opens
      }
      var wrapped = block.classList.contains("wrapped");
      var over = block.scrollWidth > block.clientWidth + 1;
      block.classList.toggle("overflows", over);
      var bar = block.previousElementSibling && block.previousElementSibling.classList.contains("block-tools")
        ? block.previousElementSibling : null;
      if (!over && !wrapped && !bar) {
        return;
      }
      bar = tools(block);
      var hint = bar.querySelector(".overflow-hint");
      if (!hint) {
        hint = document.createElement("span");
        hint.className = "overflow-hint";
        hint.textContent = say("scrollHint");
        hint.title = say("scrollHintTitle");
        bar.insertBefore(hint, bar.firstChild);
      }
      hint.hidden = !over;
      // Measured again once the fonts are in (or on a resize): a block that fits no longer offers to wrap, and a bar
      // left with nothing to show takes no room.
      var existing = bar.querySelector(".wrap-button");
      if (existing) {
        existing.hidden = !over && !wrapped;
      }
      bar.hidden = !over && !wrapped && !bar.querySelector(".copy-button");
      if (block.tagName === "PRE" && (over || wrapped) && !existing) {
        var wrap = barButton("wrap-button", say("wrap"), say("wrapTitle"), function () {
          var on = block.classList.toggle("wrapped");
          wrap.textContent = on ? say("unwrap") : say("wrap");
          wrap.setAttribute("aria-pressed", String(on));
          markOverflow();
        });
        wrap.setAttribute("aria-pressed", "false");
        bar.insertBefore(wrap, hint.nextSibling);
      }
    });
  }
  markOverflow();
  window.addEventListener("resize", markOverflow);
  document.addEventListener("toggle", markOverflow, true);
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(markOverflow);
  }

  // Printed, a formula cannot scroll: one wider than the page is scaled down to fit it, and back afterwards.
  var printing = window.matchMedia("print");
  function fitFormulas() {
    document.querySelectorAll("main .math-display").forEach(function (box) {
      var formula = box.firstElementChild;
      if (!formula) {
        return;
      }
      formula.style.zoom = "";
      if (printing.matches && box.scrollWidth > box.clientWidth + 1) {
        formula.style.zoom = String(Math.floor(100 * box.clientWidth / box.scrollWidth) / 100);
      }
    });
  }
  printing.addEventListener("change", fitFormulas);
  window.addEventListener("beforeprint", fitFormulas);
  window.addEventListener("afterprint", fitFormulas);

  // ---- Offline search over assets/search-index.js (loaded on first use). --------------------------------------
  var form = document.querySelector("form.search");
  if (form) {
    var input = form.querySelector("input");
    var results = form.querySelector(".search-results");
    form.hidden = false;
    var loading = null;
    var load = function () {
      if (window.siteSearchIndex) {
        return Promise.resolve(window.siteSearchIndex);
      }
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = input.getAttribute("data-index");
          script.onload = function () { resolve(window.siteSearchIndex || []); };
          script.onerror = function () { reject(new Error("the search index did not load")); };
          document.head.appendChild(script);
        });
      }
      return loading;
    };
    var show = function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) {
        results.hidden = true;
        return;
      }
      load().then(function (index) {
        results.replaceChildren.apply(results, search(index, words).slice(0, 20).map(resultLink));
        if (!results.firstChild) {
          var none = document.createElement("p");
          none.textContent = say("nothingFound", input.value);
          results.appendChild(none);
        }
        results.dataset.query = input.value;
        results.hidden = false;
      });
    };
    input.addEventListener("focus", function () { load(); });
    input.addEventListener("input", show);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = results.querySelector("a");
      if (first) {
        window.location.href = first.href;
      }
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        results.hidden = true;
        input.focus();
      }
    });
  }

  // Every section holding all the words; a word in the heading or the page's title counts more.
  function search(index, words) {
    var found = [];
    index.forEach(function (page) {
      page.sections.forEach(function (section) {
        var title = (page.title + " " + section.heading).toLowerCase();
        var text = section.text.toLowerCase();
        var score = 0;
        for (var i = 0; i < words.length; i++) {
          var inTitle = title.indexOf(words[i]) >= 0;
          var at = text.indexOf(words[i]);
          if (!inTitle && at < 0) {
            return;
          }
          score += (inTitle ? 3 : 0) + (at >= 0 ? 1 : 0);
        }
        found.push({ page: page, section: section, score: score, at: text.indexOf(words[0]) });
      });
    });
    return found.sort(function (a, b) { return b.score - a.score; });
  }

  function resultLink(hit) {
    var link = document.createElement("a");
    link.href = hit.page.page + (hit.section.anchor === "content" ? "" : "#" + hit.section.anchor);
    var where = document.createElement("span");
    where.className = "where";
    where.textContent = hit.section.heading === hit.page.title ? hit.page.title : hit.page.title + " \u203a " + hit.section.heading;
    var snippet = document.createElement("span");
    snippet.className = "snippet";
    var from = Math.max(0, hit.at - 60);
    snippet.textContent = (from > 0 ? "\u2026" : "") + hit.section.text.slice(from, from + 160) + (from + 160 < hit.section.text.length ? "\u2026" : "");
    link.appendChild(where);
    link.appendChild(snippet);
    return link;
  }

  // ---- Charts. -----------------------------------------------------------------------------------------------
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
    var div = document.getElementById(script.getAttribute("data-for"));
    var printed = JSON.parse(script.textContent);
    Promise.resolve(charts.draw(div, JSON.parse(script.textContent))).then(function () {
      return picture(div, printed);
    });
  });

  // The printed chart: a PNG of the notebook's own figure (light template, a page's width), made once drawn.
  function picture(div, figure) {
    var height = figure.layout.height || 500;
    return window.Plotly.toImage({ data: figure.data, layout: figure.layout, config: { staticPlot: true } },
      { format: "png", width: 900, height: height, scale: 1 }).then(function (url) {
      var img = document.createElement("img");
      img.className = "chart-print";
      img.alt = div.getAttribute("aria-label") || say("chartPicture");
      img.src = url;
      div.parentNode.insertBefore(img, div.nextSibling);
    });
  }
})();
