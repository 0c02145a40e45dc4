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

    /// <summary>
    /// Every character of the page's text that no installed font draws (it would show as an empty box, "tofu"): each
    /// distinct character of every text node in the body (prose, code, outputs, KaTeX's spans, the charts' SVG text,
    /// folded answers too), drawn on a canvas in its element's computed font, is compared with the drawing of
    /// U+10FFFD, a private-use code point no font has, in the same font: the same advance width and the same pixels
    /// mean the browser found no font for it and drew the notdef box. Returns the problems (each character once per
    /// font: "U+17000 '𗀀' in &lt;p&gt; …") and how many characters were checked in KaTeX, SVG and other text.
    /// </summary>
    /// <remarks>
    /// Why a canvas and not the DevTools protocol's <c>CSS.getPlatformFontsForNode</c>: measured with Chromium here,
    /// that call reports a text node holding only U+17000 exactly as one holding "a" (Liberation Sans, glyphCount 1):
    /// the box is counted as a glyph of the primary font, so it cannot tell a missing glyph. On the canvas every
    /// uncovered code point tried (U+17000, U+E000, U+0378, U+10FFFD) drew the same box as U+10FFFD in each font stack,
    /// and every covered one (a, ≥, 交) differed from it. White space, controls and format characters (soft hyphen,
    /// zero-width joiner) draw nothing and are skipped. Canvas text uses the same font fallback as the page.
    /// </remarks>
    public const string UncoveredGlyphs = """
        async () => {
          await document.fonts.ready;
          const size = 40, width = 128, height = 64;
          const canvas = document.createElement('canvas');
          canvas.width = width; canvas.height = height;
          const context = canvas.getContext('2d', { willReadFrequently: true });
          const draw = (font, text) => {
            context.clearRect(0, 0, width, height);
            context.font = font;
            context.fillText(text, 4, 48);
            return { advance: context.measureText(text).width, pixels: context.getImageData(0, 0, width, height).data };
          };
          const same = (a, b) => a.advance === b.advance && a.pixels.every((v, i) => v === b.pixels[i]);
          const reference = String.fromCodePoint(0x10FFFD);
          const boxes = new Map(), uncovered = new Map(), reported = new Set();
          const problems = [], counts = { katex: 0, svg: 0, text: 0 };
          const name = e => `<${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList.length ? '.' + [...e.classList].join('.') : ''}>`;
          const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walk.nextNode()) {
            const node = walk.currentNode, element = node.parentElement;
            if (!element || element.closest('script, style, noscript, template')) continue;
            const style = getComputedStyle(element);
            const font = `${style.fontStyle} ${style.fontWeight} ${size}px ${style.fontFamily}`;
            const kind = element.closest('.katex') ? 'katex' : element.closest('svg') ? 'svg' : 'text';
            for (const character of new Set(node.data)) {
              if (/^[\s\p{Cc}\p{Cf}\p{Z}]$/u.test(character)) continue;
              counts[kind]++;
              const key = font + '|' + character;
              if (!uncovered.has(key)) {
                if (!boxes.has(font)) boxes.set(font, draw(font, reference));
                uncovered.set(key, same(draw(font, character), boxes.get(font)));
              }
              if (uncovered.get(key) && !reported.has(key)) {
                reported.add(key);
                const code = 'U+' + character.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
                const where = [element.closest('.cell, .chart-cell, nav, header, footer'), element].filter(Boolean).map(name).join(' ');
                problems.push(`${code} '${character}' in ${where} (font-family: ${style.fontFamily}): "${node.data.trim().slice(0, 60)}"`);
              }
            }
          }
          return { problems, katex: counts.katex, svg: counts.svg, text: counts.text };
        }
        """;
}
