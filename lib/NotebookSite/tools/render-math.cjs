// Renders TeX to HTML ahead of time, so the site needs only KaTeX's CSS and fonts when a page is viewed.
// Input (stdin): a JSON array of {"tex": "...", "display": true|false}.
// Output (stdout): a JSON array, in the same order, of {"html": "..."} or {"error": "KaTeX's message"}.
"use strict";
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => { input += chunk; });
process.stdin.on("end", () => {
  const items = JSON.parse(input);
  const results = items.map(({ tex, display }) => {
    try {
      // throwOnError: a formula KaTeX cannot parse must fail the build, not ship as red text.
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
    } catch (e) {
      return { error: String(e && e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
