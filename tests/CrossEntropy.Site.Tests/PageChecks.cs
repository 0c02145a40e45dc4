namespace CrossEntropy.Site.Tests;

/// <summary>Checks the browser tests run inside a page (JavaScript returning a list of problems, empty when fine).</summary>
internal static class PageChecks
{
    /// <summary>Every code, output, table or formula block the reader can see that is wider than its column must have a
    /// visible hint (site.js's bar above it, "scroll sideways"), so nothing is cut off silently.</summary>
    public const string OverflowWithoutHint = """
        () => {
          const bad = [];
          for (const block of document.querySelectorAll('main pre, main .output-html, main .table-scroll, main .math-display')) {
            if (!block.checkVisibility() || block.scrollWidth <= block.clientWidth + 1) continue;
            const bar = block.previousElementSibling;
            const hint = bar && bar.classList.contains('block-tools') ? bar.querySelector('.overflow-hint') : null;
            if (!hint || !hint.checkVisibility()) {
              bad.push(`${block.tagName.toLowerCase()}.${[...block.classList].join('.')} (${block.scrollWidth} > ${block.clientWidth} px): ${block.textContent.trim().slice(0, 60)}`);
            }
          }
          return bad;
        }
        """;

    /// <summary>The table of contents: an entry that carries its own number ("1. exp overflows") gets no list marker
    /// (no "1. 1."), and every marker the list does draw ("10.") fits in the room the list leaves for it.</summary>
    public const string TableOfContentsMarkers = """
        () => {
          const bad = [];
          const context = document.createElement('canvas').getContext('2d');
          for (const li of document.querySelectorAll('nav.toc li')) {
            const text = li.querySelector(':scope > a').textContent.trim();
            const style = getComputedStyle(li);
            if (style.listStyleType === 'none') continue;
            if (/^[0-9]+(?:[.)][0-9]*)+\s/.test(text)) bad.push(`"${text}" has a list number and its own`);
            if (style.listStyleType === 'decimal') {
              const n = [...li.parentElement.children].indexOf(li) + 1;
              context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
              const need = context.measureText(`${n}. `).width;
              const room = parseFloat(getComputedStyle(li.parentElement).paddingLeft);
              if (need > room) bad.push(`marker "${n}." needs ${need.toFixed(1)} px, the list leaves ${room} px: ${text}`);
            }
          }
          return bad;
        }
        """;

    /// <summary>In the dark scheme, no box holding text keeps a light background (a verdict box, a callout, code):
    /// every element of the text column with its own text and an opaque background has a dark one (relative
    /// luminance at most 0.2). Charts are left to their own checks.</summary>
    public const string LightBoxes = """
        () => {
          const luminance = colour => {
            const m = colour.match(/rgba?\(([^)]+)\)/);
            if (!m) return null;
            const [r, g, b, a = 1] = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
            if (a === 0) return null;
            const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const bad = [];
          for (const e of document.querySelectorAll('main *')) {
            if (e.closest('.chart-cell, .katex, svg')) continue;
            const ownText = [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim());
            if (!ownText) continue;
            const l = luminance(getComputedStyle(e).backgroundColor);
            if (l !== null && l > 0.2) bad.push(`<${e.tagName.toLowerCase()} class="${e.className}"> background ${getComputedStyle(e).backgroundColor}: ${e.textContent.trim().slice(0, 50)}`);
          }
          return bad;
        }
        """;
}
