using Microsoft.Playwright;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// What a reader sees of every drawn chart, measured in the browser on the page the browser test has already loaded:
/// the title fits inside its chart and clears the mode bar, the legend covers no axis title, every line and marker
/// stands out from the plot's background (3:1, both schemes), and every slider moves its chart.
/// </summary>
internal static class ChartChecks
{
    /// <summary>Notebooks whose pages must carry a kernel-free slider (issue 17): 02 (p and q), 03 (T), 04 (s), 05 (ε).</summary>
    private static readonly string[] PagesWithSliders = ["02-", "03-", "04-", "05-"];

    /// <summary>The problems of every chart on the page, one line each (empty when all is well).</summary>
    /// <param name="page">A page whose charts are drawn.</param>
    /// <param name="pageName">The page's file name, to know whether it must have a slider.</param>
    /// <returns>The problems found.</returns>
    public static async Task<List<string>> ProblemsAsync(IPage page, string pageName)
    {
        var problems = (await page.EvaluateAsync<string[]>(LayoutProblems)).ToList();
        var sliders = page.Locator("main .chart .slider-container");
        var count = await sliders.CountAsync();
        if (count == 0 && PagesWithSliders.Any(p => pageName.StartsWith(p, StringComparison.Ordinal)))
        {
            problems.Add("the page has no chart with a slider");
        }
        for (var i = 0; i < count; i++)
        {
            problems.AddRange(await SliderProblemsAsync(page, sliders.Nth(i), i));
        }
        return problems;
    }

    /// <summary>Clicks the far end of a slider's rail and waits for the drawn traces to change.</summary>
    private static async Task<IEnumerable<string>> SliderProblemsAsync(IPage page, ILocator slider, int index)
    {
        var chart = slider.Locator("xpath=ancestor::div[contains(@class,'chart')][1]");
        var id = await chart.GetAttributeAsync("id");
        var rail = slider.Locator(".slider-rail-touch-rect");
        await rail.ScrollIntoViewIfNeededAsync();
        var before = await page.EvaluateAsync<string>(DrawnTraces, id);
        var box = await rail.BoundingBoxAsync();
        if (box is null)
        {
            return [$"slider {index + 1} (chart {id}): its rail is not drawn"];
        }
        // The step farthest from the active one: the first step when the last is active, the last otherwise.
        var atEnd = await page.EvaluateAsync<bool>(
            "id => { const s = document.getElementById(id).layout.sliders[0]; return (s.active ?? 0) === s.steps.length - 1; }", id);
        await page.Mouse.ClickAsync(box.X + (atEnd ? 3 : box.Width - 3), box.Y + box.Height / 2);
        try
        {
            await page.WaitForFunctionAsync($"([id, before]) => ({DrawnTraces})(id) !== before", new object[] { id!, before },
                new() { Timeout = 5_000 });
            return [];
        }
        catch (TimeoutException)
        {
            return [$"slider {index + 1} (chart {id}): a step did not change any drawn trace"];
        }
    }

    // The drawn geometry of the chart's visible traces (line paths and marker positions), as one string.
    private const string DrawnTraces = """
        id => [...document.getElementById(id).querySelectorAll('.plot .trace')]
          .filter(t => t.checkVisibility() && getComputedStyle(t).opacity !== '0')
          .map(t => [...t.querySelectorAll('path')].map(p => p.getAttribute('d') + (p.getAttribute('transform') ?? '')).join('|'))
          .join('#')
        """;

    private const string LayoutProblems = """
        () => {
          const problems = [];
          const overlap = (a, b) => a.width > 0 && b.width > 0 && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          const rgb = c => { const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(c || ''); return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null; };
          const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
          const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
          document.querySelectorAll('main .chart').forEach((chart, n) => {
            const name = `chart ${n + 1} (${chart.id})`;
            const box = chart.querySelector('svg.main-svg').getBoundingClientRect();
            const title = chart.closest('figure')?.querySelector('figcaption') ?? chart.querySelector('.g-gtitle text');
            if (title) {
              const t = title.getBoundingClientRect();
              if (t.left < box.left - 1 || t.right > box.right + 1 || title.scrollWidth > title.clientWidth + 1) problems.push(`${name}: the title is ${Math.round(t.width)} px wide, its chart ${Math.round(box.width)} px (${title.textContent})`);
              const bar = chart.querySelector('.modebar');
              if (bar && bar.checkVisibility() && overlap(t, bar.getBoundingClientRect())) problems.push(`${name}: the title runs under the mode bar`);
            }
            const legend = chart.querySelector('.legend');
            if (legend) {
              const l = legend.getBoundingClientRect();
              chart.querySelectorAll('.infolayer g[class^="g-"][class$="title"]:not(.g-gtitle) text').forEach(axis => {
                if (overlap(l, axis.getBoundingClientRect())) problems.push(`${name}: the legend covers the axis title "${axis.textContent}"`);
              });
              if (title && overlap(l, title.getBoundingClientRect())) problems.push(`${name}: the legend covers the title`);
            }
            const bg = rgb(getComputedStyle(chart.querySelector('.bglayer .bg') ?? chart.querySelector('.main-svg .bg') ?? chart.querySelector('svg.main-svg')).fill)
              ?? rgb(chart.querySelector('svg.main-svg').style.background);
            if (!bg) return;
            chart.querySelectorAll('.scatterlayer .trace').forEach(trace => {
              if (!trace.checkVisibility()) return;
              const line = trace.querySelector('.js-line');
              const point = trace.querySelector('.point');
              const colours = [line && getComputedStyle(line).stroke, point && getComputedStyle(point).fill].map(rgb).filter(c => c && c[3] > 0);
              colours.forEach(c => {
                const ratio = contrast(c, bg);
                if (ratio < 3) problems.push(`${name}: a trace drawn in rgb(${c.slice(0, 3)}) has contrast ${ratio.toFixed(2)}:1 on its plot's rgb(${bg.slice(0, 3)})`);
              });
            });
          });
          return problems;
        }
        """;
}
